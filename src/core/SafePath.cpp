#include "mensura/core/SafePath.h"

#include <filesystem>

namespace mensura::imaging {

bool isSafeName(const std::string& name) {
    if (name.empty() || name.size() > 128 || name.front() == '.') return false;
    for (char c : name) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' ||
                        c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

Result<std::string> pathInside(const std::string& folder, const std::vector<std::string>& names) {
    std::filesystem::path out(folder);
    for (const std::string& name : names) {
        if (!isSafeName(name)) {
            std::string shown;
            for (char c : name.substr(0, 80)) shown += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
            return Error{"'" + shown + "' cannot name a file or folder (only letters, digits, '.', '_' and '-', " +
                         "not starting with '.'): nothing is written outside " + folder};
        }
        out /= name;
    }
    return out.string();
}

}  // namespace mensura::imaging
