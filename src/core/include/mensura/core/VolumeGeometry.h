#pragma once
// The geometry of a voxel grid in DICOM patient space (LPS, mm). Voxel indices are derived
// from it, never stored in annotations.
#include <array>
#include <cstddef>
#include <string>

#include "mensura/core/Vec3.h"

namespace mensura::imaging {

enum class SliceOrientation { Axial, Coronal, Sagittal, Oblique };

std::string toString(SliceOrientation o);

// Classifies a slice normal. Within 30 degrees of a patient axis it takes that axis' plane
// name (radiologists call a 15-degree tilted head MR "axial"); beyond it, "oblique".
SliceOrientation classifyNormal(Vec3 normalLps);

// How far a slice normal is from the nearest patient axis, in degrees (0 for a true axial,
// coronal or sagittal slice; at most 54.7 for a normal along a cube diagonal).
double obliquityDeg(Vec3 normalLps);

// Patient-orientation letters of a direction (L/R, P/A, S/I), the dominant one first, with a
// second letter where a component is at least 25% of the vector, as Horos and Weasis show.
std::string orientationLetters(Vec3 directionLps);

struct VolumeGeometry {
    std::array<std::size_t, 3> size{0, 0, 0};  // columns (i), rows (j), slices (k)
    Vec3 spacingMm{1, 1, 1};                   // along i, j, k
    PointLps originLps;                        // centre of voxel (0,0,0)
    // Unit direction of each image axis in LPS: axes[0] = i (along a row), axes[1] = j (down
    // a column), axes[2] = k (slice order). Orthonormal for every volume Mensura assembles.
    std::array<Vec3, 3> axes{Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}};

    std::size_t voxelCount() const { return size[0] * size[1] * size[2]; }
    PointLps indexToLps(double i, double j, double k) const;
    // Continuous index of a point (inverse of indexToLps).
    Vec3 lpsToIndex(PointLps p) const;
    Vec3 sliceNormal() const { return normalized(cross(axes[0], axes[1])); }
    SliceOrientation orientation() const { return classifyNormal(sliceNormal()); }
    // 3x3 as a list of rows; column c is the direction of image axis c in LPS.
    std::array<std::array<double, 3>, 3> directionRows() const;
};

}  // namespace mensura::imaging
