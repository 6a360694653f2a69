#include "cli_series.h"

#include <iostream>

#include <CLI/CLI.hpp>

#include "mensura/dicom/IndexJson.h"
#include "mensura/dicom/VolumeLoader.h"

namespace mensura::tools {

using namespace imaging;

bool indexOrFail(const std::string& folder, DicomIndex& index) {
    std::string error;
    index = indexPath(folder, {}, &error);
    if (!error.empty()) {
        std::cerr << "mensura-cli: " << error << "\n";
        return false;
    }
    return true;
}

bool selectStacks(const DicomIndex& index, const std::string& series, std::vector<const SeriesStack*>& out) {
    if (series.empty()) {
        out = index.allStacks();
        if (out.empty()) {
            std::cerr << "mensura-cli: " << index.root << ": no DICOM image series found (" << index.problems.size()
                      << " problem files; run 'mensura-cli index' for reasons)\n";
            return false;
        }
        return true;
    }
    const SeriesStack* s = index.findStack(series);
    if (!s) {
        std::cerr << "mensura-cli: " << index.root << ": no series " << series << "\n";
        return false;
    }
    out = {s};
    return true;
}

bool loadOne(const DicomIndex& index, const std::string& uid, unsigned threads, const char* what, Volume& out) {
    std::vector<const SeriesStack*> stacks;
    if (!selectStacks(index, uid, stacks)) return false;
    if (stacks.size() != 1) {
        std::cerr << "mensura-cli: " << index.root << " holds " << stacks.size() << " series; name the "
                  << (*what ? std::string(what) + " " : std::string()) << "series (see 'mensura-cli index')\n";
        return false;
    }
    auto v = loadVolume(*stacks.front(), {threads, nullptr});
    if (!v) {
        std::cerr << "mensura-cli: " << v.error().message << "\n";
        return false;
    }
    for (const auto& w : v->warnings) std::cerr << "warning: " << w << "\n";
    out = std::move(*v);
    return true;
}

void fail(const std::string& message, int status) {
    std::cerr << "mensura-cli: " << message << "\n";
    throw CLI::RuntimeError(status);
}

Volume loadOrFail(const std::string& folder, const std::string& series, unsigned threads) {
    DicomIndex index;
    Volume v;
    if (!indexOrFail(folder, index) || !loadOne(index, series, threads, "", v)) throw CLI::RuntimeError(1);
    return v;
}

void printAndExit(const nlohmann::json& j) {
    std::cout << jsonText(j) << "\n";
    throw CLI::Success();
}

}  // namespace mensura::tools
