// mensura-cli export: a thin layer over annotations/export/.
#include "export_cli.h"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "mensura/dicom-objects/SrExport.h"
#include "mensura/export/DicomExport.h"
#ifdef MENSURA_HAVE_REPORT
#include "report_cli.h"
#endif

namespace mensura::tools {
namespace {

struct ExportArgs {
    std::string caseFolder, outDir;
    std::vector<std::string> formats;
    bool deidentify = false;
    int dateShiftDays = -1000;
    bool json = false;
    nlohmann::json written = nlohmann::json::array();
};

void report(const imaging::Result<std::vector<std::string>>& r, const std::string& format, ExportArgs& args) {
    if (!r) {
        std::cerr << "mensura-cli: export " << format << ": " << r.error().message << "\n";
        throw CLI::RuntimeError(1);
    }
    for (const auto& path : *r) {
        if (args.json)
            args.written.push_back({{"format", format}, {"path", path}});
        else
            std::cout << path << "\n";
    }
}

}  // namespace

void addExportSubcommand(CLI::App& app) {
    auto args = std::make_shared<ExportArgs>();
    auto* cmd = app.add_subcommand("export", "export a case: DICOM SR, SEG, images, FHIR, CSV, JSON, HTML/PDF report");
    cmd->add_option("case", args->caseFolder, "case folder (holding case.json)")->required();
    cmd->add_option("--format", args->formats, "sr, seg, images, fhir, csv, json, html, pdf (repeatable)")
        ->required()
        ->check(CLI::IsMember({"sr", "seg", "images", "fhir", "csv", "json", "html", "pdf"}));
    cmd->add_option("--out", args->outDir, "output folder")->required();
    cmd->add_flag("--deidentify", args->deidentify, "PS3.15 basic profile: pseudonyms, shifted dates, remapped UIDs");
    cmd->add_flag("--json", args->json,
                  "print {\"written\": [{\"format\", \"path\"}...]} instead of one path per line");
    cmd->add_option("--date-shift-days", args->dateShiftDays, "days added to every date when de-identifying");
    cmd->callback([args] {
        annotations::DeidentificationPolicy policy;
        policy.enabled = args->deidentify;
        policy.dateShiftDays = args->dateShiftDays;
        for (const auto& format : args->formats) {
            if (format == "sr") {
                annotations::SrExportOptions options;
                options.deidentification = policy;
                report(annotations::exportSr(args->caseFolder, args->outDir, options), format, *args);
            } else if (format == "seg") {
                report(annotations::exportSeg(args->caseFolder, args->outDir, policy), format, *args);
            } else if (format == "images") {
                report(annotations::exportImages(args->caseFolder, args->outDir, policy), format, *args);
            } else {
#ifdef MENSURA_HAVE_REPORT
                // FHIR, CSV, JSON and the HTML/PDF report (key images drawn with Qt offscreen).
                std::vector<std::string> paths;
                const int status = runReportExport(args->caseFolder, format, args->outDir, policy, &paths);
                if (status != 0) throw CLI::RuntimeError(status);
                report(paths, format, *args);
#else
                std::cerr << "mensura-cli: export " << format
                          << " needs the viewer layer (built with MENSURA_BUILD_VIEWER=ON)\n";
                throw CLI::RuntimeError(2);
#endif
            }
        }
        if (args->json) std::cout << nlohmann::json{{"written", args->written}}.dump(2) << "\n";
        throw CLI::Success();
    });
}

}  // namespace mensura::tools
