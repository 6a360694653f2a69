#pragma once
// Atomic replacement of a file: write a temporary file in the same folder, fsync it, rename it
// over the target, fsync the folder. A crash leaves either the old file or the new one.
#include <optional>
#include <string>

#include "mensura/core/Result.h"

namespace mensura::annotations {

std::optional<imaging::Error> writeFileAtomically(const std::string& path, const std::string& content);
imaging::Result<std::string> readWholeFile(const std::string& path);

}  // namespace mensura::annotations
