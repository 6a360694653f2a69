#pragma once
// The figures a report states for a segmented lesion, measured in patient space whatever the
// acquisition orientation.
//
// Edge rule (every caliper below): a caliper spans the centres of the outermost mask voxels
// along its direction, plus one "lattice width" w(d) = 1 / sum_c(|d . axis_c| / spacing_c): the
// spacing between the planes of voxel centres perpendicular to d (the voxel size along d for an
// axis-aligned direction). The outermost centre lies on average w/2 inside the true edge at each
// end, so the sum is unbiased and its error lies within +/- w.
#include <cstddef>
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/core/Volume.h"
#include "mensura/measure/LesionMask.h"

namespace mensura::imaging {

struct Caliper {
    PointLps from, to;  // voxel centres (the lattice-width correction is in lengthMm only)
    double lengthMm = 0;
};

struct ValueStatistics {
    double mean = 0, sd = 0, min = 0, max = 0;
    std::size_t count = 0;
};

struct LesionMetrics {
    Caliper ap, lr, si;                        // extent along LPS y, x, z
    Caliper longestDiameter;                   // 3D, between boundary voxel centres (+ lattice width)
    Caliper axialLongest, axialPerpendicular;  // RECIST on the patient z-plane where it is longest
    double axialPlaneZ = 0;                    // LPS z of that plane
    double volumeMl = 0;                       // voxel count x voxel volume
    double surfaceMm2 = 0;                     // ITK shape label map perimeter of the mask
    ValueStatistics values;                    // the lesion's values without its edge (see LesionValues.h)
    PointLps centroidLps;
    std::string valueUnit;          // "HU" for CT
    std::string lengthUnit = "mm";  // "{pixel}" when the series has no pixel spacing
    std::string volumeUnit = "mL";  // "{voxel}" when the series has no pixel spacing
    std::size_t voxelCount = 0;
    std::vector<std::string> sopInstanceUids;  // the images the mask lies on
};

// Lattice width of a grid along a unit direction (see the edge rule above).
double latticeWidthMm(const VolumeGeometry& g, Vec3 directionLps);

// Measures a mask made on volume (same grid). Errors: an empty mask, a mask off the volume grid.
Result<LesionMetrics> measureLesion(const Volume& volume, const LesionMask& mask);

}  // namespace mensura::imaging
