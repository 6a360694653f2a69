#pragma once
#include <CLI/CLI.hpp>

namespace mensura::tools {

// Registers "pacs" with echo, find, get and store on app. Each runs in its callback and ends
// the program through CLI11 (CLI::Success, or CLI::RuntimeError with the exit code):
// 0 done, 1 error, 2 bad arguments, 3 retrieval incomplete or some files not stored.
void addPacsSubcommand(CLI::App& app);

}  // namespace mensura::tools
