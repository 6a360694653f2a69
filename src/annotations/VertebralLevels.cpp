#include "mensura/annotations/VertebralLevels.h"

#include <algorithm>

namespace mensura::annotations {

const std::vector<std::string>& vertebralLevels() {
    static const std::vector<std::string> levels = [] {
        std::vector<std::string> out;
        for (int i = 1; i <= 7; ++i) out.push_back("C" + std::to_string(i));
        for (int i = 1; i <= 12; ++i) out.push_back("T" + std::to_string(i));
        for (int i = 1; i <= 5; ++i) out.push_back("L" + std::to_string(i));
        out.push_back("S1");
        return out;
    }();
    return levels;
}

std::string nextVertebralLevel(const std::string& last) {
    const auto& levels = vertebralLevels();
    const auto it = std::find(levels.begin(), levels.end(), last);
    if (it == levels.end()) return levels.front();
    return it + 1 == levels.end() ? *it : *(it + 1);
}

}  // namespace mensura::annotations
