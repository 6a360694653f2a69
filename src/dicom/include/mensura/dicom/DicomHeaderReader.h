#pragma once
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/dicom/FrameHeader.h"

namespace mensura::imaging {

// Reads the header of one file with DCMTK (pixel data is not loaded) and returns one
// FrameHeader per frame. A file that is not DICOM, or a DICOM object that is not an image,
// gives an Error naming the file and the reason.
Result<std::vector<FrameHeader>> readFrameHeaders(const std::string& path);

// True for a file whose name and first bytes say DICOMDIR; indexing walks folders itself, so
// DICOMDIRs are recognised and skipped, not reported as problems.
bool isDicomDir(const std::string& path);

}  // namespace mensura::imaging
