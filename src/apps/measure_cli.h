#pragma once
#include <CLI/CLI.hpp>

namespace mensura::tools {

// Registers "signal <folder> --series UID --lesion-lps x,y,z --muscle-lps x,y,z [--radius-mm R]
// [--muscle-radius-mm R] [--sequence NAME]": lesion signal relative to muscle on one MR series.
// Runs in its callback and ends the program through CLI11 (exit 0 done, 1 failed, 2 bad input);
// threads is read when it runs.
void addSignalSubcommand(CLI::App& app, const unsigned& threads);

// Registers "bone <folder> --series UID --box-lps ... --reference-box-lps ... [--heights-mm a,m,p
// --reference-heights-mm a,m,p]": lytic fraction and cortical breach on CT against a healthy
// reference box, and optionally the vertebral height loss (Genant grade). Same exits as signal.
void addBoneSubcommand(CLI::App& app, const unsigned& threads);

}  // namespace mensura::tools
