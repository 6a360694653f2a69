// mensura-report <case-folder> --format fhir|csv|json|html|pdf --out DIR [--deidentify]
#include <CLI/CLI.hpp>

#include "mensura/core/Version.h"

#include <iostream>
#include <nlohmann/json.hpp>

#include "report_cli.h"

int main(int argc, char** argv) {
    CLI::App app{"Export a Mensura case: FHIR R4 bundle, measurements CSV, case record JSON, HTML/PDF report"};
    app.set_version_flag("--version", std::string("mensura-report ") + mensura::kVersion);
    std::string caseFolder, format, outDir;
    bool deidentify = false, json = false;
    app.add_option("case-folder", caseFolder, "the case folder (holding case.json)")->required();
    app.add_option("--format", format, "fhir, csv, json, html or pdf")
        ->required()
        ->check(CLI::IsMember({"fhir", "csv", "json", "html", "pdf"}));
    app.add_option("--out", outDir, "output folder (created if needed)")->required();
    app.add_flag("--deidentify", deidentify,
                 "pseudonymise name and ID, shift every date, remap every UID (DICOM PS3.15 basic profile)");
    app.add_flag("--json", json, "print {\"written\": [{\"format\", \"path\"}...]} instead of one path per line");
    int dateShiftDays = mensura::annotations::DeidentificationPolicy{}.dateShiftDays;
    app.add_option("--date-shift-days", dateShiftDays, "days added to every date when de-identifying");
    CLI11_PARSE(app, argc, argv);
    mensura::annotations::DeidentificationPolicy policy;
    policy.enabled = deidentify;
    policy.dateShiftDays = dateShiftDays;
    if (!json) return mensura::tools::runReportExport(caseFolder, format, outDir, policy);
    std::vector<std::string> written;
    const int status = mensura::tools::runReportExport(caseFolder, format, outDir, policy, &written);
    if (status != 0) return status;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& path : written) list.push_back({{"format", format}, {"path", path}});
    std::cout << nlohmann::json{{"written", list}}.dump(2) << "\n";
    return 0;
}
