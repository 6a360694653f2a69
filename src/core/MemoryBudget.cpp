#include "mensura/core/MemoryBudget.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace mensura::imaging {

std::uint64_t availableMemoryBytes() {
    std::ifstream meminfo("/proc/meminfo");
    for (std::string line; std::getline(meminfo, line);) {
        if (line.rfind("MemAvailable:", 0) != 0) continue;
        std::istringstream in(line.substr(13));
        std::uint64_t kib = 0;
        if (in >> kib && kib > 0) return kib * 1024;
    }
    const long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    return pages > 0 && size > 0 ? std::uint64_t(pages) * std::uint64_t(size) : std::uint64_t(1) << 32;
}

}  // namespace mensura::imaging
