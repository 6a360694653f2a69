#pragma once
// What every export (FHIR, CSV, JSON, report) starts from: the case folder opened, the DICOM
// headers it refers to read for the patient identity and modalities, and, when asked, all of it
// de-identified once through the shared policy, so that every format written from one
// ExportCase carries the same pseudonyms, date shift and UID mapping.
#include <optional>
#include <string>
#include <vector>

#include "mensura/case/CaseFolder.h"
#include "mensura/core/Result.h"
#include "mensura/dicom-objects/Deidentification.h"
#include "mensura/export/CaseDeidentify.h"

namespace mensura::annotations {

// One referenced series as the DICOM headers describe it (UIDs as exported).
struct ExportSeries {
    std::string studyInstanceUid, seriesInstanceUid, frameOfReferenceUid;
    std::string modality;  // DICOM Modality, "" when the files were not readable
    std::string description;
    std::string studyDate;  // YYYYMMDD from the headers, shifted when de-identified
    std::size_t instances = 0;
    bool found = false;  // the files were at their recorded path
};

struct ExportCase {
    std::string caseFolder;
    CaseDocument original;    // as read: the key-image renderer needs the real paths and UIDs
    CaseDocument document;    // what the exports write (de-identified when asked)
    PatientIdentity patient;  // as exported
    std::vector<ExportSeries> series;
    bool deidentified = false;
    CaseDeidentifier deid{DeidentificationPolicy{}};

    // Where the original series of an annotation (by its original UID) is on disk; "" if absent.
    std::string seriesFolder(const std::string& originalSeriesUid) const;
    const ExportSeries* findSeries(const std::string& exportedSeriesUid) const;
};

// Opens the case (journal included), reads the headers of the referenced DICOM (absent folders
// are noted, never fatal) and de-identifies when policy.enabled.
imaging::Result<ExportCase> loadExportCase(const std::string& caseFolder, const DeidentificationPolicy& policy);

// Creates outDir when needed and writes outDir/name atomically; the content is scrubbed of
// every identifier the de-identification replaced (a last safety net). Returns the path.
imaging::Result<std::string> writeExportFile(const ExportCase& c, const std::string& outDir, const std::string& name,
                                             const std::string& content);

// The complete case record JSON (case.json's format), de-identified if asked:
// outDir/case_record.json.
imaging::Result<std::string> exportJson(const std::string& caseFolder, const std::string& outDir,
                                        const DeidentificationPolicy& policy);

}  // namespace mensura::annotations
