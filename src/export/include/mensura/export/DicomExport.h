#pragma once
// The DICOM side of a case's export: lesion masks as DICOM SEG, and de-identified copies of the
// images the case measures (so a de-identified SR and SEG still resolve their references).
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/dicom-objects/Deidentification.h"

namespace mensura::annotations {

// For every lesion whose record values link to an annotation on a volume series: the lesion is
// segmented from the annotation's centre (the measurement engine's seed region growing, limited
// to the annotation's extent plus a margin) and written as one binary SEG per series, one segment
// per lesion with its tracking ID/UID: outDir/seg_<series>.dcm.
imaging::Result<std::vector<std::string>> exportSeg(const std::string& caseFolder, const std::string& outDir,
                                                    const DeidentificationPolicy& policy = {});

// Copies every DICOM file of the case's referenced series into outDir/images/<series>/,
// de-identified when the policy is enabled.
imaging::Result<std::vector<std::string>> exportImages(const std::string& caseFolder, const std::string& outDir,
                                                       const DeidentificationPolicy& policy = {});

}  // namespace mensura::annotations
