#pragma once
// A measured value carries its unit and how it was obtained (architecture rule 3).
#include <string>

#include "imaging/Vec3.h"

namespace mensura::annotations {

struct Measurement {
    double value = 0;
    std::string unit;        // UCUM: "mm", "mL", "[hnsf'U]", or "{pixel}" when spacing is unknown
    std::string derivation;  // e.g. "caliper length"
    std::string method;      // e.g. "manual"
    std::string sourceAnnotation;  // UID of the annotation it came from
};

// The length of a caliper between two points in patient space. With spacingKnown false the
// points are in pixel units and so is the result: never silently mm.
Measurement caliperLength(imaging::PointLps a, imaging::PointLps b, bool spacingKnown,
                          const std::string& sourceAnnotation = {});

}  // namespace mensura::annotations
