#include "mensura/measure/EnhancementAnalysis.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "LesionValues.h"
#include "VolumeSampling.h"

namespace mensura::imaging {

namespace {

std::string fmt(double v, int precision = 1) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(precision);
    s << v;
    return s.str();
}

// Depth of each mask voxel below the surface in mm (a 3x3x3 chamfer distance to the nearest
// voxel outside the mask; the block has a background margin or ends at the volume edge, which
// counts as outside).
std::vector<double> depthMm(const LesionMask& m) {
    const long nx = long(m.geometry.size[0]), ny = long(m.geometry.size[1]), nz = long(m.geometry.size[2]);
    const Vec3 s = m.geometry.spacingMm;
    std::vector<double> d(m.voxels.size());
    for (std::size_t i = 0; i < d.size(); ++i) d[i] = m.voxels[i] ? 1e30 : 0.0;
    auto pass = [&](int dir) {
        const long kStart = dir > 0 ? 0 : nz - 1, kEnd = dir > 0 ? nz : -1;
        const long jStart = dir > 0 ? 0 : ny - 1, jEnd = dir > 0 ? ny : -1;
        const long iStart = dir > 0 ? 0 : nx - 1, iEnd = dir > 0 ? nx : -1;
        for (long k = kStart; k != kEnd; k += dir)
            for (long j = jStart; j != jEnd; j += dir)
                for (long i = iStart; i != iEnd; i += dir) {
                    const long idx = i + nx * (j + ny * k);
                    if (d[idx] == 0) continue;
                    double best = d[idx];
                    // Neighbours already visited in this pass direction.
                    for (long dk = -1; dk <= 0; ++dk)
                        for (long dj = -1; dj <= 1; ++dj)
                            for (long di = -1; di <= 1; ++di) {
                                if (dk == 0 && (dj > 0 || (dj == 0 && di >= 0))) continue;
                                const long ii = i + dir * di, jj = j + dir * dj, kk = k + dir * dk;
                                const double step =
                                    std::sqrt(di * di * s.x * s.x + dj * dj * s.y * s.y + dk * dk * s.z * s.z);
                                const bool outside = ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz;
                                const double base = outside ? 0.0 : d[ii + nx * (jj + ny * kk)];
                                best = std::min(best, base + step);
                            }
                    d[idx] = best;
                }
    };
    pass(+1);
    pass(-1);
    return d;
}

}  // namespace

Result<EnhancementResult> analyseEnhancement(const Volume& pre, const Volume& post, PointLps seed,
                                             const EnhancementOptions& o) {
    if (pre.frameOfReferenceUid.empty() || post.frameOfReferenceUid.empty())
        return Error{"enhancement: series " + (pre.frameOfReferenceUid.empty() ? pre.stackId : post.stackId) +
                     " has no FrameOfReferenceUID (0020,0052); its positions cannot be matched with the other series"};
    if (pre.frameOfReferenceUid != post.frameOfReferenceUid)
        return Error{"enhancement: the pre-contrast series " + pre.stackId + " (FrameOfReferenceUID " +
                     pre.frameOfReferenceUid + ") and the post-contrast series " + post.stackId + " (" +
                     post.frameOfReferenceUid + ") are in different frames of reference; register them first"};
    if (pre.valueUnit != post.valueUnit)
        return Error{"enhancement: value units differ (pre " + pre.valueUnit + ", post " + post.valueUnit + ")"};
    if (!pre.spacingKnown || !post.spacingKnown)
        return Error{"enhancement: a series without pixel spacing cannot be matched in patient space"};

    const Volume& maskVol = o.maskFromPost ? post : pre;
    const Volume& other = o.maskFromPost ? pre : post;
    auto seg = segmentLesion(maskVol, seed, o.segmentation);
    if (!seg) return seg.error();

    EnhancementResult r;
    r.valueUnit = post.valueUnit;
    const bool hu = r.valueUnit == "HU";
    r.warnings = seg->warnings;
    const LesionMask& m = seg->mask;
    const auto& g = m.geometry;
    const std::size_t nx = g.size[0], ny = g.size[1], nz = g.size[2];

    // Per-voxel pre and post values at the same patient position; NaN where the other series
    // does not reach.
    const double none = std::nan("");
    std::vector<double> d(m.voxels.size(), 0.0), preValues(m.voxels.size(), none), postValues(m.voxels.size(), none);
    std::size_t n = 0, outside = 0;
    for (std::size_t k = 0; k < nz; ++k)
        for (std::size_t j = 0; j < ny; ++j)
            for (std::size_t i = 0; i < nx; ++i) {
                const std::size_t idx = m.index(i, j, k);
                if (!m.voxels[idx]) continue;
                const double here = maskVol.at(m.offset[0] + i, m.offset[1] + j, m.offset[2] + k);
                const auto there = sampleLinear(other, g.indexToLps(double(i), double(j), double(k)));
                if (!there) {
                    ++outside;
                    continue;
                }
                preValues[idx] = o.maskFromPost ? *there : here;
                postValues[idx] = o.maskFromPost ? here : *there;
                d[idx] = postValues[idx] - preValues[idx];
                ++n;
            }
    if (n == 0) return Error{"enhancement: the lesion lies outside series " + other.stackId};
    if (outside > 0)
        r.warnings.push_back(std::to_string(outside) + " lesion voxels lie outside series " + other.stackId +
                             " and were left out");
    r.voxelCount = n;
    // Each mean without the partial volume at the lesion's edge, as the lesion's values in
    // measureLesion, over the same voxels: which count at their own value is judged on the
    // series the mask was drawn on.
    const LesionValueRoles roles = lesionValueRoles(m, o.maskFromPost ? postValues : preValues);
    r.preMean = lesionValueStatistics(m, roles, preValues).mean;
    r.postMean = lesionValueStatistics(m, roles, postValues).mean;
    r.delta = r.postMean - r.preMean;
    if (std::fabs(r.preMean) >= 5) r.percent = 100.0 * r.delta / r.preMean;

    const double noneBelow = o.noneBelow ? *o.noneBelow : 10.0;
    const double obviousFrom = o.obviousFrom ? *o.obviousFrom : (hu ? 20.0 : 40.0);
    // Degree measure: delta in HU for CT; percent for other units.
    double degreeValue = r.delta;
    std::string degreeName = "delta " + fmt(r.delta) + " HU";
    if (!hu) {
        if (!r.percent)
            return Error{"enhancement: the pre-contrast mean (" + fmt(r.preMean) +
                         ") is too close to 0 for a percent enhancement"};
        degreeValue = *r.percent;
        degreeName = "percent " + fmt(*r.percent) + " %";
    }
    const std::string unitName = hu ? " HU" : " %";
    const double lowCut = hu ? noneBelow : noneBelow / 100.0 * r.preMean;  // per-voxel, in value units

    // Neighbourhood-averaged per-voxel enhancement, its spread, and rim vs core.
    const std::vector<double> depth = depthMm(m);
    double maxDepth = 0;
    for (std::size_t idx = 0; idx < m.voxels.size(); ++idx)
        if (m.voxels[idx]) maxDepth = std::max(maxDepth, depth[idx]);
    double s1 = 0, s2 = 0, rimSum = 0, coreSum = 0;
    std::size_t low = 0, used = 0, rimN = 0, coreN = 0;
    for (std::size_t k = 0; k < nz; ++k)
        for (std::size_t j = 0; j < ny; ++j)
            for (std::size_t i = 0; i < nx; ++i) {
                const std::size_t idx = m.index(i, j, k);
                if (!m.voxels[idx]) continue;
                double acc = 0;
                int cnt = 0;
                for (int dk = -1; dk <= 1; ++dk)
                    for (int dj = -1; dj <= 1; ++dj)
                        for (int di = -1; di <= 1; ++di) {
                            const long ii = long(i) + di, jj = long(j) + dj, kk = long(k) + dk;
                            if (ii < 0 || jj < 0 || kk < 0 || ii >= long(nx) || jj >= long(ny) || kk >= long(nz))
                                continue;
                            const std::size_t q = m.index(std::size_t(ii), std::size_t(jj), std::size_t(kk));
                            if (m.voxels[q]) acc += d[q], ++cnt;
                        }
                const double local = acc / cnt;
                s1 += local, s2 += local * local, ++used;
                if (local < lowCut) ++low;
                if (depth[idx] <= maxDepth / 3) rimSum += local, ++rimN;
                if (depth[idx] >= 2 * maxDepth / 3) coreSum += local, ++coreN;
            }
    const double meanLocal = s1 / double(used);
    const double sdLocal = used > 1 ? std::sqrt(std::max(0.0, (s2 - s1 * s1 / double(used)) / double(used - 1))) : 0.0;
    if (meanLocal > 0) r.cov = sdLocal / meanLocal;
    r.lowEnhancingFraction = double(low) / double(used);
    r.rimDelta = rimN ? rimSum / double(rimN) : meanLocal;
    r.coreDelta = coreN ? coreSum / double(coreN) : meanLocal;

    r.degree = degreeValue < noneBelow ? "none" : (degreeValue < obviousFrom ? "mild" : "obvious");
    std::string rule = "degree from the lesion mean " + degreeName + ": none < " + fmt(noneBelow, 0) + unitName +
                       ", mild < " + fmt(obviousFrom, 0) + unitName + ", obvious otherwise -> " + r.degree;
    const double rimCoreGap = hu ? noneBelow : lowCut;
    if (r.degree == "none") {
        r.pattern = "not applicable";
        rule += "; pattern not applicable without enhancement";
    } else if (r.rimDelta - r.coreDelta >= rimCoreGap && r.coreDelta <= 0.5 * r.rimDelta) {
        r.pattern = "ring-like";
        rule += "; rim (outer third of depth) enhances " + fmt(r.rimDelta) + ", core (inner third) " +
                fmt(r.coreDelta) + ": rim - core >= " + fmt(rimCoreGap) + " and core <= rim/2 -> ring-like";
    } else if (r.lowEnhancingFraction >= o.unevenLowFraction || (r.cov && *r.cov >= o.unevenCov)) {
        r.pattern = "uneven";
        rule += "; low-enhancing fraction " + fmt(r.lowEnhancingFraction, 2) + " (>= " + fmt(o.unevenLowFraction, 2) +
                ") or CoV " + (r.cov ? fmt(*r.cov, 2) : std::string("n/a")) + " (>= " + fmt(o.unevenCov, 2) +
                ") -> uneven";
    } else {
        r.pattern = "homogeneous";
        rule += "; low-enhancing fraction " + fmt(r.lowEnhancingFraction, 2) + " < " + fmt(o.unevenLowFraction, 2) +
                " and CoV " + (r.cov ? fmt(*r.cov, 2) : std::string("n/a")) + " < " + fmt(o.unevenCov, 2) +
                ", no ring -> homogeneous";
    }
    r.rule = rule;
    r.segmentation = std::move(*seg);
    return r;
}

}  // namespace mensura::imaging
