#pragma once
// Lesion signal relative to a reference tissue (skeletal muscle) on one MR sequence.
// Category cut-offs on ratio = lesion mean / muscle mean (documented, overridable):
//   < 0.9 hypo; 0.9 to < 1.1 iso; 1.1 to < 1.5 slightly high; 1.5 to < 2.5 high; >= 2.5 markedly high.
#include <array>
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/core/Volume.h"

namespace mensura::imaging {

struct SphereRoi {
    PointLps centreLps;
    double radiusMm = 5;
};

// Named apart from RoiStatistics (RoiStatistics.h): one name for two types in one namespace
// breaks the one-definition rule in any file that includes both.
struct SphereRoiStatistics {
    double mean = 0, sd = 0;
    std::size_t count = 0;
    bool clipped = false;  // voxel positions within the sphere lie beyond the volume: not counted
};

// Voxels whose centres lie within the sphere. Errors: a radius that is not positive, the centre
// outside the volume, no voxel centre within the sphere (smaller than a voxel).
Result<SphereRoiStatistics> roiStatistics(const Volume& volume, const SphereRoi& roi, const std::string& name);

struct SignalRatio {
    std::string sequence;  // e.g. "T2 FS", from the series description unless given
    SphereRoiStatistics lesion, reference;
    double ratio = 0;
    std::string category;  // hypo, iso, slightly high, high, markedly high
    std::string rule;
    std::vector<std::string> warnings;  // e.g. an ROI clipped by the edge of the volume
};

struct SignalCutOffs {
    std::array<double, 4> upper{0.9, 1.1, 1.5, 2.5};
};

Result<SignalRatio> signalRelativeToMuscle(const Volume& volume, const SphereRoi& lesion, const SphereRoi& muscle,
                                           const std::string& sequence = {}, const SignalCutOffs& cutOffs = {});

}  // namespace mensura::imaging
