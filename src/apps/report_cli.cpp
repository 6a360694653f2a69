#include "report_cli.h"

#include <cstdlib>
#include <iostream>
#include <memory>

#include <QGuiApplication>

#include "mensura/report/ExportFormats.h"

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
                    const annotations::DeidentificationPolicy& policy, std::vector<std::string>* writtenOut) {
    auto app = ensureGuiApplication();  // key images and the PDF draw text with Qt
    const auto written = viewer::exportCaseAs(format, caseFolder, outDir, policy);
    if (!written) {
        std::cerr << written.error().message << "\n";
        return 1;
    }
    if (writtenOut)
        writtenOut->insert(writtenOut->end(), written->begin(), written->end());
    else
        for (const auto& f : *written) std::cout << f << "\n";
    return 0;
}

}  // namespace mensura::tools
