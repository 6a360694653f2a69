#pragma once
// Atomic replacement of a file: write a temporary file in the same folder, fsync it, rename it
// over the target, fsync the folder. A crash leaves either the old file or the new one.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "mensura/core/Result.h"

namespace mensura::annotations {

std::optional<imaging::Error> writeFileAtomically(const std::string& path, const std::string& content);

// The same for a writer that writes a file itself (DCMTK's saveFile, Qt's PDF and PNG writers):
// writer writes the temporary path it is given, in path's folder; that file is then flushed to
// disk, renamed over path, and the folder flushed. A writer's error, an empty file, a failed
// flush (a full disk shows here) or rename removes the temporary and is an error naming path.
// suffix ends the temporary's name, for writers that choose a format by extension (".nii.gz").
std::optional<imaging::Error> writeThroughTemporary(
    const std::string& path, const std::function<std::optional<imaging::Error>(const std::string& temporary)>& writer,
    const std::string& suffix = {});

// Removes the temporary files (".NAME.tmp-XXXXXX") that writes interrupted by a crash left in
// folder, when older than minAgeSeconds (so that a write still in progress is not touched).
void removeStaleTemporaries(const std::string& folder, long minAgeSeconds = 600);
// A regular file's bytes; a FIFO, device or folder is refused by name, and so is a file over
// maxBytes (the default, 256 MiB, is far above any case.json or journal).
imaging::Result<std::string> readWholeFile(const std::string& path, std::uintmax_t maxBytes = std::uintmax_t(256)
                                                                                              << 20);

}  // namespace mensura::annotations
