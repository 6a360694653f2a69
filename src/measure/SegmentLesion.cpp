// segmentLesion: the seed segmentation from the click (SeedSegmentation), again from its region's
// centre when the click was far from it, or from the most uniform point near the click when the
// click's ranges flooded the surroundings.
#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>

#include "SeedSegmentation.h"
#include "mensura/measure/LesionSegmentation.h"

namespace mensura::imaging {

namespace {

// The centre of the mask's voxels, when the voxel there is inside it (a curved or hollow region's
// centre can lie outside).
std::optional<PointLps> interiorCentre(const LesionMask& m) {
    const auto& n = m.geometry.size;
    double sum[3] = {0, 0, 0};
    std::size_t count = 0;
    for (std::size_t k = 0; k < n[2]; ++k)
        for (std::size_t j = 0; j < n[1]; ++j)
            for (std::size_t i = 0; i < n[0]; ++i)
                if (m.inside(i, j, k)) sum[0] += double(i), sum[1] += double(j), sum[2] += double(k), ++count;
    if (count == 0) return std::nullopt;
    std::size_t c[3];
    for (int a = 0; a < 3; ++a) c[a] = std::size_t(std::lround(sum[a] / double(count)));
    if (!m.inside(c[0], c[1], c[2])) return std::nullopt;
    return m.geometry.indexToLps(double(c[0]), double(c[1]), double(c[2]));
}

bool holds(const LesionMask& m, PointLps p) {
    const Vec3 idx = m.geometry.lpsToIndex(p);
    std::size_t c[3];
    for (int a = 0; a < 3; ++a) {
        const double r = std::round(idx[a]);
        if (!(r >= 0 && r <= double(m.geometry.size[a]) - 1)) return false;
        c[a] = std::size_t(r);
    }
    return m.inside(c[0], c[1], c[2]);
}

constexpr double kReseedMm = 2.5;

// The voxel within radiusMm of p, along the fine axes and on p's slice across thick ones, whose
// neighbourhood (about 1 mm either side along the fine axes) varies least in value: inside one
// part of a lesion, not where two meet. Of equal ones, the nearest. None when that is p's own
// voxel (a segmentation from there is the one that failed).
std::optional<PointLps> mostUniformNear(const Volume& v, PointLps p, double radiusMm) {
    const VolumeGeometry& g = v.geometry;
    const Vec3 idx = g.lpsToIndex(p);
    long c[3], reach[3], win[3];
    const double finest = std::min({g.spacingMm.x, g.spacingMm.y, g.spacingMm.z});
    for (int a = 0; a < 3; ++a) {
        c[a] = std::lround(idx[a]);
        if (c[a] < 0 || c[a] >= long(g.size[a])) return std::nullopt;
        const bool fine = g.spacingMm[a] <= 1.5 * finest;
        reach[a] = fine ? std::lround(radiusMm / g.spacingMm[a]) : 0;
        win[a] = fine ? std::max(1L, std::lround(1.0 / g.spacingMm[a])) : 0;
    }
    double best = HUGE_VAL, bestD2 = HUGE_VAL;
    long at[3] = {c[0], c[1], c[2]};
    for (long k = c[2] - reach[2]; k <= c[2] + reach[2]; ++k)
        for (long j = c[1] - reach[1]; j <= c[1] + reach[1]; ++j)
            for (long i = c[0] - reach[0]; i <= c[0] + reach[0]; ++i) {
                const long q[3] = {i, j, k};
                double d2 = 0, sum = 0, sum2 = 0, n = 0;
                for (int a = 0; a < 3; ++a) d2 += std::pow(double(q[a] - c[a]) * g.spacingMm[a], 2);
                bool inside = d2 <= radiusMm * radiusMm;
                for (int a = 0; a < 3 && inside; ++a) inside = q[a] - win[a] >= 0 && q[a] + win[a] < long(g.size[a]);
                if (!inside) continue;
                for (long dk = -win[2]; dk <= win[2]; ++dk)
                    for (long dj = -win[1]; dj <= win[1]; ++dj)
                        for (long di = -win[0]; di <= win[0]; ++di) {
                            const double x = v.at(std::size_t(i + di), std::size_t(j + dj), std::size_t(k + dk));
                            sum += x, sum2 += x * x, n += 1;
                        }
                const double var = std::max(0.0, sum2 / n - (sum / n) * (sum / n));
                if (var < best || (var == best && d2 < bestD2))
                    best = var, bestD2 = d2, at[0] = i, at[1] = j, at[2] = k;
            }
    if (at[0] == c[0] && at[1] == c[1] && at[2] == c[2]) return std::nullopt;
    return g.indexToLps(double(at[0]), double(at[1]), double(at[2]));
}

constexpr double kUniformSearchMm = 2.0;

// The segmentation from a point, and again from its region's centre when that lies more than
// kReseedMm from it. flooded: the ranges from the point's neighbourhood flooded the surroundings.
Result<Segmentation> segmentFrom(const Volume& v, PointLps seedLps, const SegmentationOptions& o,
                                 detail::BlockCache& blocks, bool& flooded) {
    detail::SeedSegmentation fromPoint(v, seedLps, o, blocks);
    auto first = fromPoint.run();
    flooded = !first && fromPoint.firstRegionFailed;
    if (!first || o.lower || o.upper) return first;
    const auto centre = interiorCentre(first->mask);
    if (!centre) return first;
    const double offMm = norm(*centre - seedLps);
    if (offMm <= kReseedMm) return first;
    auto again = detail::SeedSegmentation(v, *centre, o, blocks).run();
    if (!again || !holds(again->mask, seedLps)) return first;
    again->seedLps = seedLps;
    again->reseededLps = *centre;
    again->method += "; segmented again from the first region's centre " + detail::pointText(*centre) + " mm LPS, " +
                     detail::fmt(offMm) +
                     " mm from the click (the range from a click near the edge depends on the click)";
    return again;
}

Result<Segmentation> segment(const Volume& v, PointLps seedLps, const SegmentationOptions& o) {
    bool flooded = false;
    detail::BlockCache blocks;  // shared by the segmentations from each point
    auto first = segmentFrom(v, seedLps, o, blocks, flooded);
    // A click where two parts of a lesion meet (an enhancing rim and its core) gives a range
    // that spans both and the tissue beyond of either's value, which it floods. From the most
    // uniform point within 2 mm (two voxels on coarser pixels), inside one part, the range is
    // that part's; the rim step or hole filling gives the rest. Kept only when the region holds
    // the click and its outline is not in doubt.
    if (first || !flooded || o.lower || o.upper) return first;
    const Vec3 sp = v.geometry.spacingMm;
    const double radiusMm = std::max(kUniformSearchMm, 2 * std::min({sp.x, sp.y, sp.z}));
    const auto uniform = mostUniformNear(v, seedLps, radiusMm);
    if (!uniform) return first;
    auto moved = segmentFrom(v, *uniform, o, blocks, flooded);
    if (!moved || !holds(moved->mask, seedLps)) return first;
    // A result there whose outline is in doubt is no better than the request for a click nearer
    // the centre (on a real head CT, a click at the edge of air then read 65 mL from fat to bone).
    for (const std::string& w : moved->warnings)
        if (w.rfind("check the outline", 0) == 0) return first;
    moved->method += "; the click " + detail::pointText(seedLps) +
                     " gave ranges that flooded the surroundings (two parts "
                     "meet there): segmented from the most uniform point within " +
                     detail::fmt(radiusMm, 1) + " mm, " + detail::pointText(*uniform) + " mm LPS";
    if (!moved->reseededLps) moved->reseededLps = *uniform;
    moved->seedLps = seedLps;
    return moved;
}

}  // namespace

Result<Segmentation> segmentLesion(const Volume& v, PointLps seedLps, const SegmentationOptions& o) {
    // ITK reports what it cannot do by exceptions; they end here as an error naming the series,
    // not as an abort of the viewer or the command line.
    try {
        return segment(v, seedLps, o);
    } catch (const std::exception& e) {
        return Error{"series " + v.stackId + ": the segmentation failed: " + e.what()};
    }
}

}  // namespace mensura::imaging
