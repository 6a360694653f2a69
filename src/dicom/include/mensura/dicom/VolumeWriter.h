#pragma once
#include <string>

#include "mensura/core/Result.h"
#include "mensura/core/Volume.h"

namespace mensura::imaging {

// Writes the volume with its geometry as NIfTI (.nii, .nii.gz) or NRRD (.nrrd, .nhdr), chosen by
// the file name, through ITK. The write is atomic: a temporary file in the same folder is
// renamed over the target, so a failure never leaves a partial file.
Result<std::string> writeVolumeFile(const Volume& volume, const std::string& path);

}  // namespace mensura::imaging
