#pragma once

namespace mensura::imaging {

// Registers DCMTK's decoders (JPEG, JPEG-LS, RLE) and routes DCMTK's own console logging to
// fatal errors only: every problem DCMTK finds comes back to the caller as a condition, and
// Mensura reports it with the file name. Safe to call from any thread, any number of times.
void initDcmtk();

}  // namespace mensura::imaging
