#pragma once
// Atomic replacement of a file: write a temporary file in the same folder, fsync it, rename it
// over the target, fsync the folder. A crash leaves either the old file or the new one.
#include <cstdint>
#include <optional>
#include <string>

#include "mensura/core/Result.h"

namespace mensura::annotations {

std::optional<imaging::Error> writeFileAtomically(const std::string& path, const std::string& content);
// A regular file's bytes; a FIFO, device or folder is refused by name, and so is a file over
// maxBytes (the default, 256 MiB, is far above any case.json or journal).
imaging::Result<std::string> readWholeFile(const std::string& path, std::uintmax_t maxBytes = std::uintmax_t(256)
                                                                                              << 20);

}  // namespace mensura::annotations
