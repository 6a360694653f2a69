// mensura-cli: a thin command line over the imaging library. It holds no logic of its own.
#include <CLI/CLI.hpp>

#include "mensura/core/Version.h"

#include "cli_series.h"
#include "export_cli.h"
#include "manual_cli.h"
#include "measure_cli.h"
#include "pacs_cli.h"

#include <iostream>
#include <optional>

#include "mensura/annotations/Measurement.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/IndexJson.h"
#include "mensura/dicom/VolumeLoader.h"
#include "mensura/dicom/VolumeWriter.h"
#include "mensura/measure/EnhancementAnalysis.h"
#include "mensura/measure/LesionMetrics.h"
#include "mensura/measure/MaskTransfer.h"
#include "mensura/measure/MeasureJson.h"

using namespace mensura::imaging;
using mensura::tools::indexOrFail;
using mensura::tools::loadOne;
using mensura::tools::selectStacks;

namespace {

struct SegmentationArgs {
    std::string seed, box;
    std::optional<double> lower, upper;
    double smoothing = 0, leakOpening = 0;
    bool noFill = false;

    void add(CLI::App* app) {
        app->add_option("--seed-lps", seed, "seed point x,y,z in mm (LPS)")->required();
        app->add_option("--box-lps", box, "limit box x0,y0,z0,x1,y1,z1 in mm (LPS), x0<x1, y0<y1, z0<z1");
        app->add_option("--lower", lower, "lowest value in the lesion (default: from the seed)");
        app->add_option("--upper", upper, "highest value in the lesion (default: from the seed)");
        app->add_option("--smoothing-mm", smoothing, "Gaussian sigma before thresholding");
        app->add_option("--leak-opening-mm", leakOpening, "opening radius that cuts thin bridges");
        app->add_flag("--no-fill-holes", noFill, "keep enclosed holes out of the lesion");
    }
    // Fills seedOut and options; prints the error and returns false on bad input.
    bool parse(PointLps& seedOut, SegmentationOptions& o) const {
        auto s = parsePointLps(seed, "--seed-lps");
        if (!s) return std::cerr << "mensura-cli: " << s.error().message << "\n", false;
        seedOut = *s;
        if (!box.empty()) {
            auto b = parseBoxLps(box, "--box-lps");
            if (!b) return std::cerr << "mensura-cli: " << b.error().message << "\n", false;
            o.box = *b;
        }
        o.lower = lower, o.upper = upper;
        o.smoothingSigmaMm = smoothing, o.leakOpeningMm = leakOpening, o.fillHoles = !noFill;
        return true;
    }
};

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Mensura command line: index, inspect, convert and measure DICOM series; export cases"};
    app.set_version_flag("--version", std::string("mensura-cli ") + mensura::kVersion);
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
    convert->add_flag("--json", json, "print {\"written\", \"warnings\"} instead of the path");

    auto* measure = app.add_subcommand("measure", "segment a lesion from a seed and print its size, volume and values");
    measure->add_option("folder", folder, "folder or file")->required();
    measure->add_option("--series", series, "SeriesInstanceUID or stack id; required when the folder has several");
    measure->add_flag("--json", json, "print JSON (the default; kept for scripts)");
    std::string outlineFrom;
    measure->add_option("--outline-from", outlineFrom,
                        "outline the lesion on this series (same frame of reference) and measure it on --series: "
                        "for a lesion with no edge on the series measured");
    SegmentationArgs measureArgs;
    measureArgs.add(measure);

    auto* enhancement = app.add_subcommand("enhancement", "compare a lesion between pre- and post-contrast series");
    std::string preUid, postUid;
    bool maskFromPre = false;
    enhancement->add_option("folder", folder, "folder holding both series")->required();
    enhancement->add_option("--pre", preUid, "pre-contrast SeriesInstanceUID or stack id")->required();
    enhancement->add_option("--post", postUid, "post-contrast SeriesInstanceUID or stack id")->required();
    enhancement->add_flag("--mask-from-pre", maskFromPre, "segment on the pre-contrast series (default: post)");
    enhancement->add_flag("--json", json, "print JSON (the default; kept for scripts)");
    SegmentationArgs enhancementArgs;
    enhancementArgs.add(enhancement);

    // Subcommands that end the program in their own callbacks.
    mensura::tools::addSignalSubcommand(app, threads);
    mensura::tools::addBoneSubcommand(app, threads);
    mensura::tools::addManualSubcommands(app, threads);
    mensura::tools::addExportSubcommand(app);
    mensura::tools::addPacsSubcommand(app);

    CLI11_PARSE(app, argc, argv);

    DicomIndex idx;
    if (!indexOrFail(folder, idx)) return 2;

    if (*index) {
        std::cout << jsonText(indexToJson(idx)) << "\n";
        return 0;
    }

    if (*measure) {
        PointLps seed;
        SegmentationOptions options;
        if (!measureArgs.parse(seed, options)) return 2;
        Volume v, outline;
        if (!loadOne(idx, series, threads, "", v)) return 1;
        if (!outlineFrom.empty() && !loadOne(idx, outlineFrom, threads, "outline", outline)) return 1;
        auto seg =
            outlineFrom.empty() ? segmentLesion(v, seed, options) : segmentOnOtherSeries(outline, v, seed, options);
        if (!seg) return std::cerr << "mensura-cli: " << seg.error().message << "\n", 1;
        auto m = measureLesion(v, seg->mask);
        if (!m) return std::cerr << "mensura-cli: " << m.error().message << "\n", 1;
        nlohmann::json j = lesionToJson(v, *seg, *m);
        j["measurements"] =
            mensura::annotations::measurementsToJson(mensura::annotations::lesionMeasurements(*m, *seg, {}));
        std::cout << jsonText(j) << "\n";
        return 0;
    }

    if (*enhancement) {
        PointLps seed;
        EnhancementOptions options;
        if (!enhancementArgs.parse(seed, options.segmentation)) return 2;
        options.maskFromPost = !maskFromPre;
        Volume pre, post;
        if (!loadOne(idx, preUid, threads, "pre-contrast", pre) ||
            !loadOne(idx, postUid, threads, "post-contrast", post))
            return 1;
        auto r = analyseEnhancement(pre, post, seed, options);
        if (!r) return std::cerr << "mensura-cli: " << r.error().message << "\n", 1;
        nlohmann::json j = enhancementToJson(pre, post, *r);
        j["measurements"] = mensura::annotations::measurementsToJson(
            mensura::annotations::enhancementMeasurements(*r, pre.seriesInstanceUid, post.seriesInstanceUid, {}));
        std::cout << jsonText(j) << "\n";
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
        if (!json)
            for (const auto& w : v->warnings) std::cerr << "warning: " << w << "\n";
        auto written = writeVolumeFile(*v, out);
        if (!written) {
            std::cerr << "mensura-cli: " << written.error().message << "\n";
            return 1;
        }
        if (json)
            std::cout << jsonText({{"written", *written}, {"warnings", v->warnings}}) << "\n";
        else
            std::cout << *written << "\n";
        return 0;
    }
    return 0;
}
