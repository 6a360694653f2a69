#include "mensura/annotations/RoiValues.h"

#include <cstdio>

#include "mensura/annotations/AnnotationKinds.h"

namespace mensura::annotations {

imaging::Result<RoiValues> roiPixelValues(const Annotation& a, const imaging::Volume& volume) {
    const AnnotationKindDescriptor& d = describe(a.kind);
    if (!d.hasInside()) return imaging::Error{std::string("ROI values: a ") + d.name + " has no inside"};
    if (const std::string problem = geometryProblem(a); !problem.empty()) return imaging::Error{problem};
    const auto& p = a.pointsLps;
    auto stats = d.overlay == OverlayShape::Ellipse ? imaging::ellipseRoiStatistics(volume, p[0], p[1], p[2])
                                                    : imaging::polygonRoiStatistics(volume, p);
    if (!stats) return stats.error();
    RoiValues out;
    out.statistics = *stats;
    char how[160];
    std::snprintf(how, sizeof how, "over %zu %s (%s; min %g, max %g)", stats->count,
                  stats->sampling == imaging::RoiSampling::VoxelSlice ? "voxels" : "plane samples",
                  stats->samplingText.c_str(), stats->minimum, stats->maximum);
    auto value = [&](Quantity q, double v, const char* what) {
        Measurement m;
        m.value = v;
        m.unit = ucumForValueUnit(volume.valueUnit);
        m.derivation = std::string(what) + " " + how;
        m.method = "ROI statistics of series " + volume.seriesInstanceUid;
        m.sourceAnnotation = a.uid;
        return QuantityValue{q, m, false};
    };
    out.values.push_back(value(Quantity::Mean, stats->mean, "mean"));
    out.values.push_back(value(Quantity::StandardDeviation, stats->standardDeviation, "standard deviation"));
    return out;
}

}  // namespace mensura::annotations
