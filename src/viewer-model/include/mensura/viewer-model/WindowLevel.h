#pragma once
// Window/level choices: the default for a volume and the named presets of the toolbar.
#include <string>
#include <utility>
#include <vector>

#include "mensura/core/Volume.h"

namespace mensura::viewer {

struct WindowPreset {
    std::string name;
    double window = 0, level = 0;  // window 0: automatic (percentiles of the volume)
    const char* shortcut = "";
};

// CT soft tissue 400/40, bone 1800/400, brain 80/40, lung 1500/-600, and MR/auto.
const std::vector<WindowPreset>& windowPresets();

// CT: the stored window (a protocol choice: brain, lung...). Others: the 1st-99.5th percentile of
// a subsample, because MR scanners store a per-slice auto-window and the volume carries the
// first file's, often an edge slice with almost no signal.
std::pair<double, double> defaultWindowLevel(const imaging::Volume& v);
// The 1st-99.5th percentile window of a subsample, whatever the modality.
std::pair<double, double> autoWindowLevel(const imaging::Volume& v);
// The smallest value of a subsample (the reslice background).
double sampledMinimum(const imaging::Volume& v);

}  // namespace mensura::viewer
