#pragma once
// Statistics of a planar region of interest (an ellipse or a polygon drawn on a view plane) over
// the values of a Volume: its area and the mean, SD, minimum, maximum and count of the values
// inside. Pure maths on LPS points; lengths are in the volume's units (pixels when its spacing is
// unknown, and then so is the area).
//
// How the values are sampled:
// - Grid-aligned ROI (every outline point within gridToleranceVoxels of one voxel-centre plane
//   of the grid, which holds for an ROI drawn on an axial, sagittal or coronal view of a volume
//   acquired in one of those planes): the voxels of that slice whose centres, projected onto the
//   ROI's plane, fall inside it. No interpolation: the values are the stored ones.
// - Oblique ROI (its plane cuts the voxel grid at an angle): the plane is sampled on a square
//   grid of obliqueStepFraction x the smallest voxel spacing, centred on the ROI, with trilinear
//   interpolation. Trilinear because it is what the views display (their reslice interpolates
//   linearly) and because it reproduces a linear ramp exactly, so a mean is not biased by the
//   nearest voxel's offset; count is then the number of plane samples, not voxels.
// Inside means: for an ellipse, normalised radius <= 1; for a polygon, the even-odd rule with
// half-open edges (a grid-aligned square whose sides fall on voxel centres counts exactly its
// area in voxels).
#include <cstddef>
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/core/Volume.h"

namespace mensura::imaging {

enum class RoiSampling { VoxelSlice, ObliquePlane };

struct RoiStatistics {
    double areaMm2 = 0;  // ellipse: pi |a1 x a2|; polygon: shoelace in its own plane
    std::size_t count = 0;
    double mean = 0, standardDeviation = 0;  // SD with n - 1, as LesionMetrics
    double minimum = 0, maximum = 0;
    RoiSampling sampling = RoiSampling::VoxelSlice;
    int sliceAxis = -1;        // VoxelSlice: index axis (0 = i, 1 = j, 2 = k) held constant
    long sliceIndex = -1;      // VoxelSlice: the slice sampled along that axis
    double sampleStepMm = 0;   // ObliquePlane: the plane grid's step
    std::string samplingText;  // "voxels of slice k = 12" / "plane samples every 0.25 mm, trilinear"
};

struct RoiOptions {
    double planeToleranceMm = 0.5;      // polygon vertices off their common plane
    double gridToleranceVoxels = 0.1;   // an ROI this close to a voxel plane uses its voxels
    double obliqueStepFraction = 0.25;  // of the smallest voxel spacing
};

// The ellipse centred at `centre` through the ends of its two semi-axes (centre + a1 and
// centre + a2); a1 and a2 need not be perpendicular (any affine image of a circle). Errors: a
// semi-axis of zero length or the two collinear; the ellipse reaching outside the volume.
Result<RoiStatistics> ellipseRoiStatistics(const Volume& volume, PointLps centre, PointLps axisEnd1, PointLps axisEnd2,
                                           const RoiOptions& options = {});

// A closed polygon (the last vertex joins the first). Errors: fewer than 3 vertices, zero area,
// vertices off one plane by more than planeToleranceMm, edges crossing, outside the volume.
Result<RoiStatistics> polygonRoiStatistics(const Volume& volume, const std::vector<PointLps>& vertices,
                                           const RoiOptions& options = {});

// Analytic areas, for callers that need no pixels.
double ellipseAreaMm2(PointLps centre, PointLps axisEnd1, PointLps axisEnd2);

}  // namespace mensura::imaging
