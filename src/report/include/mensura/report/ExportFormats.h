#pragma once
// Every export of a case by format name, for the viewer's Export menu and the command line:
//   sr (DICOM SR TID 1500), seg (DICOM SEG), images (the referenced DICOM images), fhir (R4
//   bundle), csv, json (the full case record), html (report with key images), pdf (the same
//   report printed). Key images need a QGuiApplication (text is drawn with Qt).
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/dicom-objects/Deidentification.h"

namespace mensura::viewer {

const std::vector<std::string>& exportFormats();

// Writes the case folder's export in `format` into outDir; the files written, or the error.
imaging::Result<std::vector<std::string>> exportCaseAs(const std::string& format, const std::string& caseFolder,
                                                       const std::string& outDir,
                                                       const annotations::DeidentificationPolicy& policy);

}  // namespace mensura::viewer
