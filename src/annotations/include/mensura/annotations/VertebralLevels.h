#pragma once
// Vertebral level names in craniocaudal order (C1..C7, T1..T12, L1..L5, S1..S5), for labelling
// levels on the images: the same list the case record accepts (imaging::vertebralLevelNames()).
#include <string>
#include <vector>

namespace mensura::annotations {

const std::vector<std::string>& vertebralLevels();

// The level below `last` ("C6" -> "C7", "C7" -> "T1"); "C1" when last is empty or unknown, and
// the last level (S5) stays put at the end of the list.
std::string nextVertebralLevel(const std::string& last);

}  // namespace mensura::annotations
