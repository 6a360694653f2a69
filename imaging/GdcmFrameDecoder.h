#pragma once
// JPEG 2000 (and any other syntax DCMTK 3.6.7 has no codec for) decoded through ITK's GDCM
// IO, which links OpenJPEG. DCMTK still parses every header; only these pixels go through GDCM.
#include <string>
#include <vector>

#include "Result.h"

namespace mensura::imaging::detail {

// All frames of one file as real values (GDCM applies Rescale Slope/Intercept), frame after
// frame, rows x columns each.
Result<std::vector<double>> decodeRealValuesWithGdcm(const std::string& path, unsigned rows,
                                                      unsigned columns, unsigned frames);

}  // namespace mensura::imaging::detail
