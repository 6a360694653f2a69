#include "mensura/measure/MaskTransfer.h"

#include "mensura/measure/RegionParts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

namespace mensura::imaging {

namespace {

std::string named(const Volume& v) {
    return "series " + v.stackId + (v.description.empty() ? "" : " (" + v.description + ")");
}

// The affine map from one grid's continuous indices to another's: to = at + sum_a from[a] * step[a].
struct IndexMap {
    Vec3 at;
    std::array<Vec3, 3> step;

    IndexMap(const VolumeGeometry& from, const VolumeGeometry& to) {
        at = to.lpsToIndex(from.indexToLps(0, 0, 0));
        step[0] = to.lpsToIndex(from.indexToLps(1, 0, 0)) - at;
        step[1] = to.lpsToIndex(from.indexToLps(0, 1, 0)) - at;
        step[2] = to.lpsToIndex(from.indexToLps(0, 0, 1)) - at;
    }
    Vec3 operator()(double i, double j, double k) const { return at + i * step[0] + j * step[1] + k * step[2]; }
};

bool within(Vec3 c, const std::array<std::size_t, 3>& size) {
    for (int a = 0; a < 3; ++a)
        if (!(c[a] >= -0.5 && c[a] < double(size[a]) - 0.5)) return false;
    return true;
}

// Why an outline made in frame of reference sourceFor (on `source`) cannot be carried to target;
// nothing when it can.
std::optional<Error> refusedCarry(const std::string& sourceFor, const std::string& source, const Volume& target) {
    if (sourceFor.empty() || target.frameOfReferenceUid.empty())
        return Error{"the outline cannot be carried: " + (sourceFor.empty() ? source : named(target)) +
                     " has no frame of reference"};
    if (sourceFor != target.frameOfReferenceUid)
        return Error{"the outline on " + source + " cannot be carried to " + named(target) +
                     ": their frames of reference differ (the patient moved between them); register them first"};
    if (!target.isVolume)
        return Error{named(target) + " is a set of 2D images, not a volume: an outline cannot be carried to it"};
    if (!target.spacingKnown)
        return Error{named(target) + " has no pixel spacing: an outline in millimetres cannot be carried to it"};
    return std::nullopt;
}

}  // namespace

Result<TransferredMask> transferMask(const LesionMask& mask, const Volume& target) {
    const std::string source = "series " + mask.seriesInstanceUid;
    if (auto refused = refusedCarry(mask.frameOfReferenceUid, source, target)) return *refused;

    const VolumeGeometry& s = mask.geometry;
    const VolumeGeometry& t = target.geometry;
    const IndexMap toTarget(s, t), toSource(t, s);

    // The target voxels the outline's block can touch (its corners, half a voxel out), and the
    // share of the outline's voxels outside the target series.
    Vec3 lo{1e300, 1e300, 1e300}, hi{-1e300, -1e300, -1e300};
    std::size_t inside = 0, outside = 0;
    for (std::size_t k = 0; k < s.size[2]; ++k)
        for (std::size_t j = 0; j < s.size[1]; ++j)
            for (std::size_t i = 0; i < s.size[0]; ++i) {
                if (!mask.inside(i, j, k)) continue;
                ++inside;
                if (!within(toTarget(double(i), double(j), double(k)), t.size)) ++outside;
                for (int corner = 0; corner < 8; ++corner) {
                    const Vec3 c =
                        toTarget(double(i) + ((corner & 1) ? 0.5 : -0.5), double(j) + ((corner & 2) ? 0.5 : -0.5),
                                 double(k) + ((corner & 4) ? 0.5 : -0.5));
                    for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], c[a]), hi[a] = std::max(hi[a], c[a]);
                }
            }
    if (inside == 0) return Error{"the outline on " + source + " is empty"};
    if (outside == inside) return Error{"the lesion outlined on " + source + " lies outside " + named(target)};
    std::array<std::size_t, 3> first{}, size{};
    for (int a = 0; a < 3; ++a) {
        // One voxel of margin on each side, so that the block has background round the lesion.
        const double from = std::max(0.0, std::floor(lo[a] + 0.5) - 1),
                     to = std::min(double(t.size[a]) - 1, std::ceil(hi[a] - 0.5) + 1);
        if (to < from) return Error{"the lesion outlined on " + source + " lies outside " + named(target)};
        first[a] = std::size_t(from);
        size[a] = std::size_t(to - from) + 1;
    }

    // Sub-grid: along each target axis, points no further apart than half the outline's finest
    // voxel (up to 11 a side), an odd number of them, so that no voxel is exactly half inside:
    // with an even count, grids aligned or offset by half a voxel put half the points on each side
    // of the outline's voxel faces, and every such tie counted inside read the LMS T1 outlined on
    // the T1+C coronal at 20.3 mL for the outline's 18.6.
    const double finest = std::min({s.spacingMm.x, s.spacingMm.y, s.spacingMm.z});
    int n[3];
    for (int a = 0; a < 3; ++a) n[a] = std::clamp(int(std::ceil(2 * t.spacingMm[a] / finest)) | 1, 3, 11);
    const int perVoxel = n[0] * n[1] * n[2];

    TransferredMask out;
    out.samplesPerVoxel = perVoxel;
    out.outsideFraction = double(outside) / double(inside);
    LesionMask& m = out.mask;
    m.geometry = t;
    m.geometry.size = size;
    m.geometry.originLps = t.indexToLps(double(first[0]), double(first[1]), double(first[2]));
    m.offset = first;
    m.seriesInstanceUid = target.seriesInstanceUid;
    m.frameOfReferenceUid = target.frameOfReferenceUid;
    m.voxels.assign(size[0] * size[1] * size[2], 0);
    std::size_t kept = 0;
    for (std::size_t k = 0; k < size[2]; ++k)
        for (std::size_t j = 0; j < size[1]; ++j)
            for (std::size_t i = 0; i < size[0]; ++i) {
                int hits = 0;
                for (int c = 0; c < n[2]; ++c)
                    for (int b = 0; b < n[1]; ++b)
                        for (int a = 0; a < n[0]; ++a) {
                            const Vec3 p = toSource(double(first[0] + i) - 0.5 + (a + 0.5) / n[0],
                                                    double(first[1] + j) - 0.5 + (b + 0.5) / n[1],
                                                    double(first[2] + k) - 0.5 + (c + 0.5) / n[2]);
                            const double ri = std::floor(p.x + 0.5), rj = std::floor(p.y + 0.5),
                                         rk = std::floor(p.z + 0.5);
                            if (ri < 0 || rj < 0 || rk < 0 || ri >= double(s.size[0]) || rj >= double(s.size[1]) ||
                                rk >= double(s.size[2]))
                                continue;
                            hits += mask.inside(std::size_t(ri), std::size_t(rj), std::size_t(rk));
                        }
                if (2 * hits > perVoxel) {
                    m.voxels[m.index(i, j, k)] = 1;
                    ++kept;
                }
            }
    if (kept == 0)
        return Error{"the lesion outlined on " + source + " covers no half voxel of " + named(target) +
                     ": it is too small for that series' voxels"};
    return out;
}

Result<Segmentation> segmentOnOtherSeries(const Volume& outlineSeries, const Volume& target, PointLps seedLps,
                                          const SegmentationOptions& options) {
    // Refused before the segmentation, not after it.
    if (auto refused = refusedCarry(outlineSeries.frameOfReferenceUid, named(outlineSeries), target)) return *refused;
    if (!outlineSeries.spacingKnown)
        return Error{named(outlineSeries) + " has no pixel spacing: its outline cannot be carried to another series"};
    auto seg = segmentLesion(outlineSeries, seedLps, options);
    if (!seg) return seg.error();
    // The outline's warnings are about the series it was made on: they say so.
    for (std::string& w : seg->warnings) w += " (on " + named(outlineSeries) + ", where the lesion was outlined)";
    auto moved = transferMask(seg->mask, target);
    if (!moved) return moved.error();
    Segmentation out = std::move(*seg);
    out.mask = std::move(moved->mask);
    out.outlineSeriesUid = outlineSeries.seriesInstanceUid;
    out.outlineStackId = outlineSeries.stackId;
    char rule[160];
    std::snprintf(
        rule, sizeof rule,
        "a voxel of this series is inside when more than half of its %d sub-grid points lie inside the outline",
        moved->samplesPerVoxel);
    out.method =
        "outlined on " + named(outlineSeries) + ": " + out.method + "; carried to " + named(target) + ": " + rule;
    // Carried to thicker slices, a lesion one or two of them deep is mostly partial volume across
    // them, as from a click there (see the seed segmentation's thin-region check): the ASPS node,
    // 15 mm SI on the axial T1+C, is two 4 mm slices deep (9 mm AP) on the coronal T2.
    const VolumeGeometry& mg = out.mask.geometry;
    const std::array<bool, 3> thick = detail::thickAxes(mg.spacingMm);
    for (int a = 0; a < 3; ++a) {
        if (!thick[a]) continue;
        std::size_t first = mg.size[a], last = 0;
        for (std::size_t k = 0; k < mg.size[2]; ++k)
            for (std::size_t j = 0; j < mg.size[1]; ++j)
                for (std::size_t i = 0; i < mg.size[0]; ++i)
                    if (out.mask.inside(i, j, k)) {
                        const std::size_t at = a == 0 ? i : a == 1 ? j : k;
                        first = std::min(first, at), last = std::max(last, at);
                    }
        if (first <= last && last - first + 1 <= 2) {
            out.warnings.push_back(detail::thinAcrossSlicesWarning("on " + named(target) + " the lesion",
                                                                   last - first + 1, mg.spacingMm[a]));
            break;
        }
    }
    if (moved->outsideFraction > 0) {
        char w[200];
        std::snprintf(w, sizeof w, "%.0f%% of the lesion outlined on %s lies outside %s: its sizes there are cut",
                      std::max(1.0, 100 * moved->outsideFraction), outlineSeries.stackId.c_str(),
                      target.stackId.c_str());
        out.warnings.push_back(w);
    }
    return out;
}

}  // namespace mensura::imaging
