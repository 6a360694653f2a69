#include "mensura/annotations/VertebralLevels.h"

#include <algorithm>

#include "mensura/measure/BoneInvolvement.h"

namespace mensura::annotations {

// The Level tool offers the list the record's rule accepts, so a placed level can be cited.
const std::vector<std::string>& vertebralLevels() { return imaging::vertebralLevelNames(); }

std::string nextVertebralLevel(const std::string& last) {
    const auto& levels = vertebralLevels();
    const auto it = std::find(levels.begin(), levels.end(), last);
    if (it == levels.end()) return levels.front();
    return it + 1 == levels.end() ? *it : *(it + 1);
}

}  // namespace mensura::annotations
