#pragma once
// Names of files and folders built from metadata (a SeriesInstanceUID, a StudyInstanceUID) come
// from files Mensura did not write: one rule decides which may become a path component, so that
// no export, retrieve or cache writes outside the folder it was given.
#include <string>
#include <vector>

#include "mensura/core/Result.h"

namespace mensura::imaging {

// 1 to 128 characters of [0-9A-Za-z._-], not starting with a dot: no separator, no "..", no
// control character, no hidden file. Every DICOM UID qualifies.
bool isSafeName(const std::string& name);

// folder/names[0]/names[1]/..., or an error naming the first name that is not safe.
Result<std::string> pathInside(const std::string& folder, const std::vector<std::string>& names);

}  // namespace mensura::imaging
