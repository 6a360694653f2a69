#pragma once
// The report exports behind one call, so that mensura-report and (later) mensura-cli export
// dispatch the same way. Prints the written path on stdout, errors on stderr.
#include <string>

namespace mensura::tools {

// format: fhir | csv | json | html | pdf. html and pdf render key images with Qt (a
// QGuiApplication is created on the offscreen platform when none exists). Returns the exit
// status: 0 written, 1 export failed, 2 bad arguments.
int runReportExport(const std::string& caseFolder, const std::string& format, const std::string& outDir,
                    bool deidentify);

}  // namespace mensura::tools
