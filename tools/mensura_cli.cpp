// mensura-cli: a thin command line over the imaging library. It holds no logic of its own.
#include <CLI/CLI.hpp>

#include <iostream>

#include "imaging/DicomIndex.h"
#include "imaging/IndexJson.h"
#include "imaging/VolumeLoader.h"
#include "imaging/VolumeWriter.h"

using namespace mensura::imaging;

namespace {

bool indexOrFail(const std::string& folder, DicomIndex& index) {
    std::string error;
    index = indexPath(folder, {}, &error);
    if (!error.empty()) {
        std::cerr << "mensura-cli: " << error << "\n";
        return false;
    }
    return true;
}

// The stacks a command works on: the one named by --series, or all of them.
bool selectStacks(const DicomIndex& index, const std::string& series,
                  std::vector<const SeriesStack*>& out) {
    if (series.empty()) {
        out = index.allStacks();
        if (out.empty()) {
            std::cerr << "mensura-cli: " << index.root << ": no DICOM image series found ("
                      << index.problems.size() << " problem files; run 'mensura-cli index' for reasons)\n";
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

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Mensura command line: index, inspect and convert DICOM series"};
    app.require_subcommand(1);
    unsigned threads = 2;
    app.add_option("--threads", threads, "worker threads for reading")->check(CLI::Range(1, 64));

    std::string folder, series, out;
    bool json = false;

    auto* index = app.add_subcommand("index", "list patients, studies, series and problem files");
    index->add_option("folder", folder, "folder or file")->required();
    index->add_flag("--json", json, "print JSON (the default; kept for scripts)");

    auto* info = app.add_subcommand("info", "load series and print their geometry and values");
    info->add_option("folder", folder, "folder or file")->required();
    info->add_option("--series", series, "SeriesInstanceUID or stack id (UID#n)");
    info->add_flag("--json", json, "print JSON (the default; kept for scripts)");

    auto* convert = app.add_subcommand("convert", "write one series as NIfTI or NRRD");
    convert->add_option("folder", folder, "folder or file")->required();
    convert->add_option("--series", series, "SeriesInstanceUID or stack id; required when the folder has several");
    convert->add_option("--out", out, "output file: .nii.gz, .nii or .nrrd")->required();

    CLI11_PARSE(app, argc, argv);

    DicomIndex idx;
    if (!indexOrFail(folder, idx)) return 2;

    if (*index) {
        std::cout << jsonText(indexToJson(idx)) << "\n";
        return 0;
    }

    std::vector<const SeriesStack*> stacks;
    if (!selectStacks(idx, series, stacks)) return 2;

    if (*info) {
        nlohmann::json list = nlohmann::json::array();
        nlohmann::json failures = nlohmann::json::array();
        for (const SeriesStack* s : stacks) {
            auto v = loadVolume(*s, {threads, nullptr});
            if (!v) {
                std::cerr << "mensura-cli: " << v.error().message << "\n";
                failures.push_back({{"stackId", s->stackId}, {"error", v.error().message}});
                continue;
            }
            list.push_back(volumeInfoToJson(*v));
        }
        nlohmann::json result{{"series", list}};
        if (!failures.empty()) result["failures"] = failures;
        std::cout << jsonText(result) << "\n";
        return failures.empty() ? 0 : 1;
    }

    if (*convert) {
        if (stacks.size() != 1) {
            std::cerr << "mensura-cli: " << folder << " holds " << stacks.size()
                      << " series; name one with --series (see 'mensura-cli index')\n";
            return 2;
        }
        auto v = loadVolume(*stacks.front(), {threads, nullptr});
        if (!v) {
            std::cerr << "mensura-cli: " << v.error().message << "\n";
            return 1;
        }
        for (const auto& w : v->warnings) std::cerr << "warning: " << w << "\n";
        auto written = writeVolumeFile(*v, out);
        if (!written) {
            std::cerr << "mensura-cli: " << written.error().message << "\n";
            return 1;
        }
        std::cout << *written << "\n";
        return 0;
    }
    return 0;
}
