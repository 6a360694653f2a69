#pragma once
#include <optional>

#include "mensura/core/Volume.h"

namespace mensura::imaging {

// Trilinear value of volume at a patient-space point; nullopt outside the voxel centres' hull
// (a half voxel beyond it is clamped to the edge voxel).
std::optional<double> sampleLinear(const Volume& volume, PointLps p);

}  // namespace mensura::imaging
