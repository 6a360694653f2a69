#pragma once
// Synthetic series with an ellipsoid lesion of known axes, rotation and value, written as DICOM
// and loaded back, for the measurement tests.
#include <array>
#include <optional>
#include <ostream>
#include <string>

#include "mensura/core/Result.h"
#include "mensura/core/Volume.h"

namespace mensura::test {

struct EllipsoidCase {
    std::string name;
    std::array<imaging::Vec3, 3> imageAxes;  // acquisition: i, j, k directions in LPS
    imaging::Vec3 spacingMm;
    std::array<std::size_t, 3> size;
    imaging::Vec3 semiAxesMm;  // along the ellipsoid's own axes
    std::array<imaging::Vec3, 3> ellipsoidAxes{imaging::Vec3{1, 0, 0}, imaging::Vec3{0, 1, 0}, imaging::Vec3{0, 0, 1}};
    imaging::PointLps centreLps{3.3, -2.1, 1.7};
};
// Parameters print as their names, so the test list is the same on every run.
inline void PrintTo(const EllipsoidCase& p, std::ostream* os) { *os << p.name; }

struct LesionValues {
    std::string modality = "CT";
    double lesion = 80, background = 20, noiseSd = 5;
    // Optional second compartment: voxels whose normalised ellipsoid radius is below
    // coreFraction take coreValue (a necrotic core, or a non-enhancing centre).
    double coreFraction = 0, coreValue = 0;
    // Optional: lesion voxels on the patient's left of the centre (x > centre) take this value.
    std::optional<double> leftHalfValue;
};

// Rotation about a unit axis by degrees, applied to the three unit vectors.
std::array<imaging::Vec3, 3> rotatedAxes(imaging::Vec3 axis, double degrees);

// Writes the series (partial volume: boundary voxels are mixed by 4x4x4 supersampling) and
// loads it. frameOfReferenceUid and seriesUid name the DICOM UIDs (derived when empty).
imaging::Result<imaging::Volume> makeEllipsoidVolume(const EllipsoidCase& c, const LesionValues& values,
                                                     const std::string& folder, const std::string& seriesUid = {},
                                                     const std::string& frameOfReferenceUid = {});

// The tolerance on a diameter along a patient axis: max(1 mm, one voxel along it), the
// voxel (a box of the spacing along the image axes) projected on the direction.
double toleranceAlongMm(const imaging::VolumeGeometry& g, imaging::Vec3 directionLps);

// Analytic answers.
double extentAlongMm(const EllipsoidCase& c, imaging::Vec3 directionLps);  // caliper width
double volumeMl(const EllipsoidCase& c);
// Semi-axes of the section through the centre by the plane z = const (major, minor), in mm.
std::array<double, 2> axialSectionSemiAxesMm(const EllipsoidCase& c);

}  // namespace mensura::test
