// Small helpers shared by the loading benchmarks: wall clock, resident memory, JSON output.
#pragma once
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace mensura::bench {

inline double nowSeconds() {
    using clock = std::chrono::steady_clock;
    return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

// Peak resident set size of this process so far, in KiB (getrusage ru_maxrss).
inline long peakRssKb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

// Current resident set size, in KiB (VmRSS from /proc/self/status); -1 when unavailable.
inline long currentRssKb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

struct Samples {
    std::vector<double> values;
    void add(double v) { values.push_back(v); }
    double best() const { return values.empty() ? 0 : *std::min_element(values.begin(), values.end()); }
    double median() const {
        if (values.empty()) return 0;
        std::vector<double> v = values;
        std::sort(v.begin(), v.end());
        const std::size_t n = v.size();
        return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
};

inline std::string jsonEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += c;
        }
    }
    return out;
}

// The JSON line every loading benchmark prints: the same fields whatever the tool, so that the
// runner script can put them side by side.
struct Report {
    std::string tool, folder;
    unsigned threads = 1, repeat = 1;
    std::size_t files = 0, slices = 0;
    unsigned long long voxelBytes = 0;
    Samples index, pixels, total;
    long rssStartKb = 0, rssBeforeLoadKb = 0, peakRssKb = 0;

    void print() const {
        std::printf(
            "{\"tool\":\"%s\",\"folder\":\"%s\",\"threads\":%u,\"repeat\":%u,\"files\":%zu,"
            "\"slices\":%zu,\"voxel_bytes\":%llu,"
            "\"index_s_best\":%.4f,\"index_s_median\":%.4f,"
            "\"pixels_s_best\":%.4f,\"pixels_s_median\":%.4f,"
            "\"total_s_best\":%.4f,\"total_s_median\":%.4f,"
            "\"rss_start_kb\":%ld,\"rss_before_load_kb\":%ld,\"peak_rss_kb\":%ld}\n",
            jsonEscape(tool).c_str(), jsonEscape(folder).c_str(), threads, repeat, files, slices, voxelBytes,
            index.best(), index.median(), pixels.best(), pixels.median(), total.best(), total.median(), rssStartKb,
            rssBeforeLoadKb, peakRssKb);
        std::fflush(stdout);
    }
};

// Parses FOLDER [--threads N] [--repeat R]; returns false (after printing usage) on bad input.
inline bool parseArgs(int argc, char** argv, std::string& folder, unsigned& threads, unsigned& repeat) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if ((a == "--threads" || a == "--repeat") && i + 1 < argc) {
            const long v = std::strtol(argv[++i], nullptr, 10);
            if (v < 1) {
                std::fprintf(stderr, "%s: %s needs a positive number\n", argv[0], a.c_str());
                return false;
            }
            (a == "--threads" ? threads : repeat) = static_cast<unsigned>(v);
        } else if (!a.empty() && a[0] != '-' && folder.empty()) {
            folder = a;
        } else {
            folder.clear();
            break;
        }
    }
    if (folder.empty()) {
        std::fprintf(stderr, "usage: %s FOLDER [--threads N] [--repeat R]\n", argv[0]);
        return false;
    }
    return true;
}

// Parses the common arguments into a report and stamps the start: every benchmark's opening.
inline bool startReport(int argc, char** argv, const char* tool, Report& r) {
    r.threads = 2;
    if (!parseArgs(argc, argv, r.folder, r.threads, r.repeat)) return false;
    r.tool = tool;
    r.rssStartKb = currentRssKb();
    return true;
}

}  // namespace mensura::bench
