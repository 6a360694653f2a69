// mensura-report <case-folder> --format fhir|csv|json|html|pdf --out DIR [--deidentify]
#include <CLI/CLI.hpp>

#include "report_cli.h"

int main(int argc, char** argv) {
    CLI::App app{"Export a Mensura case: FHIR R4 bundle, measurements CSV, case record JSON, HTML/PDF report"};
    std::string caseFolder, format, outDir;
    bool deidentify = false;
    app.add_option("case-folder", caseFolder, "the case folder (holding case.json)")->required();
    app.add_option("--format", format, "fhir, csv, json, html or pdf")
        ->required()
        ->check(CLI::IsMember({"fhir", "csv", "json", "html", "pdf"}));
    app.add_option("--out", outDir, "output folder (created if needed)")->required();
    app.add_flag("--deidentify", deidentify,
                 "pseudonymise name and ID, shift every date, remap every UID (DICOM PS3.15 basic profile)");
    CLI11_PARSE(app, argc, argv);
    return mensura::tools::runReportExport(caseFolder, format, outDir, deidentify);
}
