#pragma once
// The report exports behind one call, so that mensura-report and (later) mensura-cli export
// dispatch the same way. Prints the written path on stdout, errors on stderr.
#include <string>
#include <vector>

#include "mensura/dicom-objects/Deidentification.h"

namespace mensura::tools {

// format: fhir | csv | json | html | pdf. html and pdf render key images with Qt (a
// QGuiApplication is created on the offscreen platform when none exists). Returns the exit
// status: 0 written, 1 export failed, 2 bad arguments. With written given, the paths go there
// instead of one per line on stdout (for --json).
// policy: de-identification, with the same date shift as every other format of one export.
int runReportExport(const std::string& caseFolder, const std::string& format, const std::string& outDir,
                    const annotations::DeidentificationPolicy& policy, std::vector<std::string>* written = nullptr);

}  // namespace mensura::tools
