#pragma once
#include "mensura/core/Vec3.h"
#include "mensura/core/Volume.h"

namespace mensura::imaging {

// Removes a gantry-tilt shear: slice k of the input was acquired shifted in-plane by
// k * shearStepLps relative to the orthogonal grid of v.geometry. Each slice is resampled
// (bilinear, in-plane only: the planes themselves are exact) so that voxel (i,j,k) sits at
// v.geometry.indexToLps(i,j,k). Voxels that fall outside the acquired slice get fillValue.
void removeShear(Volume& v, Vec3 shearStepLps, double fillValue);

}  // namespace mensura::imaging
