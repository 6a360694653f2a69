#pragma once
// Finding and loading the series a mensura-cli subcommand works on. Each helper prints one
// "mensura-cli: ..." line on stderr and returns false when it cannot.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mensura/core/Result.h"
#include "mensura/core/Volume.h"
#include "mensura/dicom/DicomIndex.h"

namespace mensura::tools {

bool indexOrFail(const std::string& folder, imaging::DicomIndex& index);

// The stacks a command works on: the one named by series, or all of them.
bool selectStacks(const imaging::DicomIndex& index, const std::string& series,
                  std::vector<const imaging::SeriesStack*>& out);

// Loads the one stack named by uid (or the only one in the folder); what names the series in
// the message asking for --series ("pre-contrast", or empty).
bool loadOne(const imaging::DicomIndex& index, const std::string& uid, unsigned threads, const char* what,
             imaging::Volume& out);

// For subcommands that end the program in their CLI11 callbacks: print "mensura-cli: message" and
// end with status (2: bad input, 1: the work failed).
[[noreturn]] void fail(const std::string& message, int status);

template <class T>
T orFail(imaging::Result<T> r, int status) {
    if (!r) fail(r.error().message, status);
    return std::move(*r);
}

// Indexes folder and loads the one series named (or the only one); ends the program when it cannot.
imaging::Volume loadOrFail(const std::string& folder, const std::string& series, unsigned threads);

// Prints the JSON and ends the program with status 0.
[[noreturn]] void printAndExit(const nlohmann::json& j);

}  // namespace mensura::tools
