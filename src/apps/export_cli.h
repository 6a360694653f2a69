#pragma once
#include <CLI/CLI.hpp>

namespace mensura::tools {

// Registers "export <case-folder> --format ... --out DIR [--deidentify]" on app. It runs in its
// callback and ends the program through CLI11 (exit 0 done, 1 error).
void addExportSubcommand(CLI::App& app);

}  // namespace mensura::tools
