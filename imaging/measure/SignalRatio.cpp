#include "imaging/measure/SignalRatio.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mensura::imaging {

Result<RoiStatistics> roiStatistics(const Volume& v, const SphereRoi& roi, const std::string& name) {
    const VolumeGeometry& g = v.geometry;
    const Vec3 c = g.lpsToIndex(roi.centreLps);
    long lo[3], hi[3];
    for (int a = 0; a < 3; ++a) {
        const double r = roi.radiusMm / g.spacingMm[a] + 1;
        lo[a] = std::max(0L, long(std::floor(c[a] - r)));
        hi[a] = std::min(long(g.size[a]) - 1, long(std::ceil(c[a] + r)));
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
    if (n == 0) return Error{name + " ROI: no voxel of series " + v.stackId + " lies within it"};
    RoiStatistics s;
    s.count = n;
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
    std::snprintf(buf, sizeof buf,
                  "lesion/muscle mean ratio %.2f: < %.2f hypo, < %.2f iso, < %.2f slightly high, < %.2f high, else markedly high",
                  r.ratio, cut.upper[0], cut.upper[1], cut.upper[2], cut.upper[3]);
    r.rule = buf;
    return r;
}

}  // namespace mensura::imaging
