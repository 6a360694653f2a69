#pragma once
// JPEG 2000 (and any other syntax DCMTK 3.6.7 has no codec for) decoded through GDCM, the
// DICOM library inside ITK's GDCM module, which links OpenJPEG. DCMTK still parses every
// header; only these pixels go through GDCM.
#include <cstdint>
#include <string>
#include <vector>

#include "mensura/core/Result.h"

namespace mensura::imaging::detail {

// The stored (not rescaled) pixel values of every frame of one file, frame after frame, in
// local byte order, exactly as many bytes as expectedBytes.
Result<std::vector<uint8_t>> decodeStoredWithGdcm(const std::string& path, std::size_t expectedBytes);

}  // namespace mensura::imaging::detail
