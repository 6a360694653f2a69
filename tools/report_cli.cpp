#include "report_cli.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include <QGuiApplication>

#include "annotations/export/CsvExport.h"
#include "annotations/export/ExportCase.h"
#include "annotations/export/FhirExport.h"
#include "annotations/export/HtmlReport.h"
#include "viewer/report/KeyImageRenderer.h"
#include "viewer/report/ReportDocument.h"

namespace mensura::tools {
namespace {

// Text and PNG rendering need a QGuiApplication; a headless export must not need a display.
std::unique_ptr<QGuiApplication> ensureGuiApplication() {
    if (QCoreApplication::instance()) return nullptr;
    if (!std::getenv("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
    static int argc = 1;
    static char name[] = "mensura-report";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QGuiApplication>(argc, argv);
}

}  // namespace

int runReportExport(const std::string& caseFolder, const std::string& format, const std::string& outDir,
                    bool deidentify) {
    annotations::DeidentificationPolicy policy;
    policy.enabled = deidentify;
    imaging::Result<std::string> written = imaging::Error{"unknown format \"" + format + "\" (fhir, csv, json, html, pdf)"};
    if (format == "fhir") {
        written = annotations::exportFhir(caseFolder, outDir, policy);
    } else if (format == "csv") {
        written = annotations::exportCsv(caseFolder, outDir, policy);
    } else if (format == "json") {
        written = annotations::exportJson(caseFolder, outDir, policy);
    } else if (format == "html" || format == "pdf") {
        auto app = ensureGuiApplication();
        written = annotations::exportHtmlReport(caseFolder, outDir, policy, viewer::makeKeyImageProvider());
        if (written && format == "pdf")
            written = viewer::writePdfReport(*written, (std::filesystem::path(outDir) / "report.pdf").string());
    } else {
        std::cerr << written.error().message << "\n";
        return 2;
    }
    if (!written) {
        std::cerr << written.error().message << "\n";
        return 1;
    }
    std::cout << *written << "\n";
    return 0;
}

}  // namespace mensura::tools
