#pragma once
// The enum value whose toString() name is s, among the listed values: how case.json names are
// read back into the model's enums.
#include <cstddef>
#include <optional>
#include <string>

namespace mensura::annotations {

template <class E, std::size_t N>
std::optional<E> enumFromName(const std::string& s, const E (&values)[N]) {
    for (E v : values)
        if (s == toString(v)) return v;
    return std::nullopt;
}

}  // namespace mensura::annotations
