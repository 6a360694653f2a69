#pragma once
// Manual calipers in patient space: tri-axial size (AP x LR x SI) with each caliper checked for
// lying along its patient axis, RECIST/WHO bidimensional measurement on a plane, and the
// lymph-node short axis. Pure maths on LPS points.
#include <string>

#include "mensura/core/Result.h"
#include "mensura/core/Vec3.h"

namespace mensura::imaging {

enum class PatientAxis { AP, LR, SI };  // LPS y, x, z
std::string toString(PatientAxis a);
Vec3 unitVector(PatientAxis a);

struct CaliperLine {
    PointLps a, b;
};

double lengthMm(const CaliperLine& c);
// Angle in degrees between the caliper and the patient axis (0..90, either direction).
double angleToAxisDeg(const CaliperLine& c, PatientAxis axis);

struct TriaxialCalipers {
    CaliperLine ap, lr, si;
};

struct TriaxialSize {
    double apMm = 0, lrMm = 0, siMm = 0;
    double apAngleDeg = 0, lrAngleDeg = 0, siAngleDeg = 0;  // to their axes
    std::string reportCm;                                   // "4.0 cm x 4.7 cm x 3.4 cm (AP x LR x SI)"
    std::string reportMm;
};

// Errors name the caliper that is more than toleranceDeg off its axis, or of zero length.
Result<TriaxialSize> triaxialSize(const TriaxialCalipers& c, double toleranceDeg = 15);

struct Bidimensional {
    double longestMm = 0, perpendicularMm = 0;
    double productMm2 = 0;        // WHO: product of the two diameters
    double angleBetweenDeg = 90;  // between the two calipers
};

// RECIST/WHO: the longest diameter and the longest diameter perpendicular to it in the same
// plane. Errors: calipers not perpendicular within toleranceDeg, the "longest" shorter than the
// perpendicular, or calipers not in one plane (more than planeToleranceMm apart along the normal).
Result<Bidimensional> bidimensional(const CaliperLine& longest, const CaliperLine& perpendicular,
                                    double toleranceDeg = 10, double planeToleranceMm = 1.0);

// RECIST 1.1 lymph node: short axis < 10 mm normal; 10 to < 15 mm pathological, non-target;
// >= 15 mm pathological, target.
struct LymphNodeAssessment {
    double shortAxisMm = 0;
    std::string category;  // "normal", "pathological non-target", "pathological target"
    std::string rule;
};
LymphNodeAssessment lymphNodeShortAxis(const CaliperLine& shortAxis);

}  // namespace mensura::imaging
