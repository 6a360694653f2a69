#pragma once
// De-identifies a DICOM file in place by the shared policy (PS3.15 Annex E basic profile subset
// with modified dates): patient name/ID replaced, other person names and identifying text
// emptied, every date shifted, every instance-identifying UID remapped (the same way in every
// file, so SR, SEG and images still reference each other).
#include <string>

#include "mensura/core/Result.h"
#include "mensura/dicom-objects/Deidentification.h"

namespace mensura::annotations {

imaging::Result<std::string> deidentifyDicomFile(const std::string& path, const DeidentificationPolicy& policy);

}  // namespace mensura::annotations
