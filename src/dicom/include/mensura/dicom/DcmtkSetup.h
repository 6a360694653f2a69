#pragma once
#include <optional>
#include <string>

#include "mensura/core/Result.h"

namespace mensura::imaging {

// Registers DCMTK's decoders (JPEG, JPEG-LS, RLE) and routes DCMTK's own console logging to
// fatal errors only: every problem DCMTK finds comes back to the caller as a condition, and
// Mensura reports it with the file name. Safe to call from any thread, any number of times.
void initDcmtk();

// Reads a DICOM file just written back whole: DCMTK's saveFile reports success when the disk
// fills while its output is buffered, leaving a short file that only a reader notices
// ("premature end of stream"). Empty when the file reads completely; the message does not name
// path, which is a temporary: the caller names the file it was writing.
std::optional<Error> verifyWrittenDicomFile(const std::string& path);

}  // namespace mensura::imaging
