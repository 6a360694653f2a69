#include "mensura/measure/SignalRatio.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mensura::imaging {

namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string pointText(PointLps p) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "(%.1f, %.1f, %.1f)", p.x, p.y, p.z);
    return buf;
}

// Whether a voxel position (integer index) within the sphere of radius r (mm) around the
// continuous index c lies outside the volume: the statistics then miss part of the sphere.
bool reachesOutside(const VolumeGeometry& g, Vec3 c, double r) {
    long lo[3], hi[3];
    for (int a = 0; a < 3; ++a) {
        const double reach = r / g.spacingMm[a];
        if (reach > 1000) return true;  // far larger than any series
        lo[a] = long(std::ceil(c[a] - reach)), hi[a] = long(std::floor(c[a] + reach));
    }
    auto outside = [&](long i, int a) { return i < 0 || i >= long(g.size[a]); };
    for (long k = lo[2]; k <= hi[2]; ++k) {
        const double dk = (double(k) - c[2]) * g.spacingMm[2];
        for (long j = lo[1]; j <= hi[1]; ++j) {
            const double dj = (double(j) - c[1]) * g.spacingMm[1], rest = r * r - dk * dk - dj * dj;
            if (rest < 0) continue;
            const double w = std::sqrt(rest) / g.spacingMm[0];
            const long i0 = long(std::ceil(c[0] - w)), i1 = long(std::floor(c[0] + w));
            if (i0 <= i1 && (outside(k, 2) || outside(j, 1) || outside(i0, 0) || outside(i1, 0))) return true;
        }
    }
    return false;
}

}  // namespace

Result<SphereRoiStatistics> roiStatistics(const Volume& v, const SphereRoi& roi, const std::string& name) {
    const VolumeGeometry& g = v.geometry;
    if (!(roi.radiusMm > 0) || !std::isfinite(roi.radiusMm))
        return Error{name + " ROI: radius " + number(roi.radiusMm) + " mm must be a positive number"};
    const Vec3 c = g.lpsToIndex(roi.centreLps);
    long lo[3], hi[3];
    for (int a = 0; a < 3; ++a) {
        const double edge = double(g.size[a]) - 0.5;
        if (!(c[a] >= -0.5 && c[a] <= edge))
            return Error{name + " ROI: centre " + pointText(roi.centreLps) +
                         " mm LPS lies outside the volume of series " + v.stackId};
        const double reach = roi.radiusMm / g.spacingMm[a];
        lo[a] = long(std::max(0.0, std::floor(c[a] - reach - 1)));
        hi[a] = long(std::min(double(g.size[a]) - 1, std::ceil(c[a] + reach + 1)));
    }
    double s1 = 0, s2 = 0;
    std::size_t n = 0;
    for (long k = lo[2]; k <= hi[2]; ++k)
        for (long j = lo[1]; j <= hi[1]; ++j)
            for (long i = lo[0]; i <= hi[0]; ++i)
                if (norm(g.indexToLps(double(i), double(j), double(k)) - roi.centreLps) <= roi.radiusMm) {
                    const double x = v.at(std::size_t(i), std::size_t(j), std::size_t(k));
                    s1 += x, s2 += x * x, ++n;
                }
    if (n == 0)
        return Error{name + " ROI: no voxel centre of series " + v.stackId + " lies within " + number(roi.radiusMm) +
                     " mm of " + pointText(roi.centreLps) + " (a larger radius?)"};
    SphereRoiStatistics s;
    s.count = n;
    s.clipped = reachesOutside(g, c, roi.radiusMm);
    s.mean = s1 / double(n);
    s.sd = n > 1 ? std::sqrt(std::max(0.0, (s2 - s1 * s1 / double(n)) / double(n - 1))) : 0.0;
    return s;
}

Result<SignalRatio> signalRelativeToMuscle(const Volume& v, const SphereRoi& lesion, const SphereRoi& muscle,
                                           const std::string& sequence, const SignalCutOffs& cut) {
    auto l = roiStatistics(v, lesion, "lesion");
    if (!l) return l.error();
    auto m = roiStatistics(v, muscle, "muscle");
    if (!m) return m.error();
    if (m->mean <= 0)
        return Error{"muscle ROI: mean signal " + std::to_string(m->mean) + " in series " + v.stackId +
                     " is not positive; a ratio needs signal in the reference tissue"};
    SignalRatio r;
    r.sequence = sequence.empty() ? v.description : sequence;
    r.lesion = *l, r.reference = *m;
    r.ratio = l->mean / m->mean;
    static const char* names[5] = {"hypo", "iso", "slightly high", "high", "markedly high"};
    int c = 0;
    while (c < 4 && r.ratio >= cut.upper[std::size_t(c)]) ++c;
    r.category = names[c];
    char buf[200];
    std::snprintf(
        buf, sizeof buf,
        "lesion/muscle mean ratio %.2f: < %.2f hypo, < %.2f iso, < %.2f slightly high, < %.2f high, else markedly high",
        r.ratio, cut.upper[0], cut.upper[1], cut.upper[2], cut.upper[3]);
    r.rule = buf;
    for (const auto& [roi, stats] : {std::pair{"lesion", &*l}, std::pair{"muscle", &*m}})
        if (stats->clipped)
            r.warnings.push_back(std::string(roi) + " ROI reaches beyond the edge of series " + v.stackId + ": " +
                                 std::to_string(stats->count) + " voxels, fewer than the sphere would hold");
    return r;
}

}  // namespace mensura::imaging
