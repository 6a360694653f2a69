#pragma once
// Finding and loading the series a mensura-cli subcommand works on. Each helper prints one
// "mensura-cli: ..." line on stderr and returns false when it cannot.
#include <string>
#include <vector>

#include "imaging/DicomIndex.h"
#include "imaging/Volume.h"

namespace mensura::tools {

bool indexOrFail(const std::string& folder, imaging::DicomIndex& index);

// The stacks a command works on: the one named by series, or all of them.
bool selectStacks(const imaging::DicomIndex& index, const std::string& series,
                  std::vector<const imaging::SeriesStack*>& out);

// Loads the one stack named by uid (or the only one in the folder); what names the series in
// the message asking for --series ("pre-contrast", or empty).
bool loadOne(const imaging::DicomIndex& index, const std::string& uid, unsigned threads, const char* what,
             imaging::Volume& out);

}  // namespace mensura::tools
