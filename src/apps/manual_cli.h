#pragma once
#include <CLI/CLI.hpp>

namespace mensura::tools {

// Registers the manual measurements from points given in LPS (mm), each on one series:
//   caliper FOLDER [--series UID] --line-lps x0,y0,z0,x1,y1,z1
//   triaxial FOLDER [--series UID] --ap-lps LINE --lr-lps LINE --si-lps LINE [--tolerance-deg 15]
//   bidirectional FOLDER [--series UID] --long-lps LINE --short-lps LINE [--tolerance-deg 10]
//   roi FOLDER [--series UID] (--ellipse-lps CENTRE,END1,END2 | --polygon-lps P1,P2,P3,...)
// The values come from the same annotation model as the viewer's tools; the JSON has the
// measurement objects of "measure". Each runs in its callback and ends the program (exit 0 done,
// 1 refused, 2 bad input).
void addManualSubcommands(CLI::App& app, const unsigned& threads);

}  // namespace mensura::tools
