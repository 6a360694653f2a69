#pragma once
// How the frames of one stack sit in space: their order along the slice normal, the spacing
// between them, and what is wrong with it (gaps, uneven steps, gantry tilt).
#include <optional>
#include <string>
#include <vector>

#include "mensura/core/VolumeGeometry.h"
#include "mensura/dicom/FrameHeader.h"

namespace mensura::imaging {

struct StackLayout {
    // Frames in slice order (index into the stack's frames); -1 marks a missing slice that the
    // volume fills with a blank, so that every voxel keeps its true position.
    std::vector<int> sliceToFrame;
    VolumeGeometry geometry;
    bool isVolume = false;        // false: open as separate 2D images
    std::string notVolumeReason;  // why not, when !isVolume
    bool spacingKnown = true;     // false: in-plane unit is pixels
    // Gantry tilt: the in-plane shift (mm, LPS) of slice k relative to slice 0 is k * shearStep.
    // The loader resamples each slice to remove it; zero when there is no tilt.
    Vec3 shearStepLps;
    double tiltDeg = 0;
    std::vector<std::string> warnings;
};

// Tolerances a radiologist can check in docs/formats.md.
struct LayoutTolerances {
    double uniformRelative = 0.01;       // steps within 1% of the median are "uniform"
    double gapMultipleTolerance = 0.05;  // a step of 2x, 3x.. within 5% is missing slices
    double tiltMinDeg = 0.01;            // shear below this is rounding noise
    int maxFilledSlices = 2;             // or 10% of the slices present, whichever is more
};

StackLayout analyseStack(const std::vector<FrameHeader>& frames, const LayoutTolerances& tolerances = {});

}  // namespace mensura::imaging
