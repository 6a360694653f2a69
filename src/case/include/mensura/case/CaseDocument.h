#pragma once
// Everything case.json holds: the DICOM it refers to (paths and UIDs, never copies), the
// annotations, and the record.
#include <string>
#include <vector>

#include "mensura/annotations/Annotation.h"
#include "mensura/case/CaseRecord.h"

namespace mensura::annotations {

inline constexpr int kCaseSchemaVersion = 1;  // major; a reader rejects anything newer
inline constexpr const char* kCaseFileName = "case.json";
inline constexpr const char* kJournalFileName = "case.journal.json";

struct DicomReference {
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    std::string frameOfReferenceUid;
    std::string path;  // folder (or file) of the series: relative to the case folder, or absolute
    std::string description;
};

struct CaseDocument {
    std::vector<DicomReference> dicom;
    std::vector<Annotation> annotations;
    CaseRecord record;
    std::vector<std::string> exports;  // files in the case folder written by exports
};

}  // namespace mensura::annotations
