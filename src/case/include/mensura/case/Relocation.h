#pragma once
// When the DICOM of a case moved: index the folder the user points to, find each missing series
// by its SeriesInstanceUID (checking the FrameOfReferenceUID where known) and plan new paths.
// Applying the plan is a command (ReplaceDicomReferences) so it can be undone.
#include <string>
#include <vector>

#include "mensura/case/CaseFolder.h"

namespace mensura::annotations {

struct RelocationPlan {
    std::vector<DicomReference> references;  // the full list with the new paths
    std::vector<std::string> relocated;      // series UIDs found
    std::vector<std::string> stillMissing;   // series UIDs not found under the new location
    std::vector<std::string> warnings;
};

// Paths inside caseFolder are stored relative to it, others absolute.
Result<RelocationPlan> planRelocation(const std::string& caseFolder, const CaseDocument& doc,
                                      const std::string& newLocation);

}  // namespace mensura::annotations
