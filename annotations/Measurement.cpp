#include "Measurement.h"

namespace mensura::annotations {

Measurement caliperLength(imaging::PointLps a, imaging::PointLps b, bool spacingKnown,
                          const std::string& sourceAnnotation) {
    return {imaging::norm(b - a), spacingKnown ? "mm" : "{pixel}", "caliper length", "manual",
            sourceAnnotation};
}

}  // namespace mensura::annotations
