#include "mensura/measure/LesionSegmentation.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "RobustStatistics.h"
#include "SeedSegmentation.h"
#include "mensura/measure/RegionGrowing.h"
#include "mensura/measure/RegionParts.h"

namespace mensura::imaging {

std::size_t LesionMask::count() const {
    return static_cast<std::size_t>(std::count(voxels.begin(), voxels.end(), std::uint8_t{1}));
}

namespace detail {

Result<Segmentation> SeedSegmentation::run() {
    if (!v.isVolume) return Error{where + ": a set of 2D images, not a volume; lesion extent needs a volume"};
    if (g.voxelCount() == 0) return Error{where + ": the volume is empty"};
    if (auto e = placeSeed()) return *e;
    if (auto e = readSeedNeighbourhood()) return *e;
    setUp();
    if (auto e = estimateRange()) return *e;
    auto first = firstRegion();
    if (!first) return first.error();
    Region region = std::move(*first);
    if (autoRange) {
        recentre(region);
        moveAgainstFarSurroundings(region);
        moveToHalfLevel(region);
        addRimAndLayers(region);
    }
    const std::size_t clipped = clipToBox(region);  // partial-volume layer voxels beyond the box
    out.partialVolumeVoxels -= std::min(out.partialVolumeVoxels, clipped);
    // The seed's neighbourhood passed the air check, but a click at the edge of air can still
    // grow a region of air (its neighbourhood's mean is a mix): a region that is air is no lesion.
    const double regionMean = meanOver(images(region.block).raw, region.mask);
    if (hu && regionMean < -400)
        return Error{where + ": the region from the seed " + pointText(seedLps) + " is air (mean " + fmt(regionMean) +
                     " HU); place the seed inside the lesion"};
    judgeOutline(region);
    keepMask(region);
    out.method = method();
    return std::move(out);
}

std::optional<Error> SeedSegmentation::placeSeed() {
    const Vec3 seedIdx = g.lpsToIndex(seedLps);
    for (int a = 0; a < 3; ++a) {
        const double r = std::round(seedIdx[a]);
        if (!(r >= 0 && r <= double(g.size[a] - 1)))
            return Error{where + ": seed " + pointText(seedLps) + " mm LPS is outside the volume (index " +
                         fmt(seedIdx.x) + ", " + fmt(seedIdx.y) + ", " + fmt(seedIdx.z) + ")"};
        seed[a] = static_cast<std::size_t>(r);
    }

    // The box, as a block of voxels whose centres lie inside it.
    std::vector<PointLps> corners = o.boxCornersLps;
    if (o.box) {
        const PointLps c0 = o.box->corner0, c1 = o.box->corner1;
        const char* names[3] = {"x", "y", "z"};
        for (int a = 0; a < 3; ++a)
            if (!(c0[a] < c1[a]))
                return Error{"--box-lps: " + std::string(names[a]) + "0 (" + fmt(c0[a]) + ") must be less than " +
                             names[a] + "1 (" + fmt(c1[a]) + "); the box is inverted or empty"};
        for (int a = 0; a < 3; ++a)
            if (seedLps[a] < c0[a] || seedLps[a] > c1[a])
                return Error{"--box-lps: the seed " + pointText(seedLps) + " lies outside the box"};
        corners.clear();
        for (int corner = 0; corner < 8; ++corner)
            corners.push_back({corner & 1 ? c1.x : c0.x, corner & 2 ? c1.y : c0.y, corner & 4 ? c1.z : c0.z});
    }
    if (!corners.empty() && corners.size() != 8)
        return Error{where + ": a box needs its eight corners (" + std::to_string(corners.size()) + " given)"};
    if (!corners.empty()) {
        Vec3 lo{1e300, 1e300, 1e300}, hi{-1e300, -1e300, -1e300};
        for (const PointLps& p : corners) {
            const Vec3 idx = g.lpsToIndex(p);
            for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], idx[a]), hi[a] = std::max(hi[a], idx[a]);
        }
        const Vec3 seedIdx = g.lpsToIndex(seedLps);
        for (int a = 0; a < 3; ++a)
            if (seedIdx[a] < lo[a] - 0.5 || seedIdx[a] > hi[a] + 0.5)
                return Error{where + ": the seed " + pointText(seedLps) + " lies outside the box"};
        Block b;
        for (int a = 0; a < 3; ++a) {
            const double l = std::max(0.0, std::ceil(lo[a] - 1e-6));
            const double h = std::min(double(g.size[a] - 1), std::floor(hi[a] + 1e-6));
            b.lo[a] = static_cast<std::size_t>(l);
            b.hi[a] = static_cast<std::size_t>(std::max(l, h));
            b.lo[a] = std::min(b.lo[a], seed[a]);
            b.hi[a] = std::max(b.hi[a], seed[a]);
        }
        boxBlock = b;
    }
    return std::nullopt;
}

std::optional<Error> SeedSegmentation::readSeedNeighbourhood() {
    // Seed neighbourhood: the voxels within 2 of the seed, for the air check and the auto range.
    double sum = 0, sum2 = 0;
    std::size_t n = 0;
    for (long dk = -2; dk <= 2; ++dk)
        for (long dj = -2; dj <= 2; ++dj)
            for (long di = -2; di <= 2; ++di) {
                const long i = long(seed[0]) + di, j = long(seed[1]) + dj, k = long(seed[2]) + dk;
                if (i < 0 || j < 0 || k < 0 || i >= long(g.size[0]) || j >= long(g.size[1]) || k >= long(g.size[2]))
                    continue;
                const double x = v.at(std::size_t(i), std::size_t(j), std::size_t(k));
                sum += x, sum2 += x * x, ++n;
            }
    seedMean = sum / double(n);
    seedSd = std::sqrt(std::max(0.0, sum2 / double(n) - seedMean * seedMean));
    seedValue = v.at(seed[0], seed[1], seed[2]);
    hu = v.valueUnit == "HU";
    if (hu && seedMean < -400)
        return Error{where + ": the seed " + pointText(seedLps) + " is in air (mean " + fmt(seedMean) +
                     " HU around it); place it inside the lesion"};
    if (!hu) {
        const auto [vmin, vmax] = v.valueRange();
        if (seedMean <= vmin + 0.02 * (vmax - vmin))
            return Error{where + ": the seed " + pointText(seedLps) + " is in the background (mean " + fmt(seedMean) +
                         ", range " + fmt(vmin) + ".." + fmt(vmax) + "); place it inside the lesion"};
    }
    return std::nullopt;
}

void SeedSegmentation::setUp() {
    out.seedLps = seedLps;
    autoRange = !o.lower && !o.upper;
    sp = g.spacingMm;
    minSpacing = std::min({sp.x, sp.y, sp.z});
    // The automatic range works on a copy smoothed by one voxel (the finest spacing): its noise
    // is a fraction of a voxel's, so tissues a little apart in value (lesion and cord, lesion and
    // brain) separate, and a region boundary on it still lies at the 50% level of an edge.
    sigmaMm = o.smoothingSigmaMm > 0 ? o.smoothingSigmaMm : (autoRange ? minSpacing : 0.0);
    // Leak control: a user radius, or with the automatic range one voxel on the fine axes
    // (partial-volume shells between bright and dark tissue are that thin, and so are bridges).
    // Thick-slice axes: partial volume there is a slice's worth, not a voxel's (leak control,
    // through-slice mixes and the per-voxel partial-volume layer treat them apart).
    thick = thickAxes(sp);
    for (int a = 0; a < 3; ++a) {
        if (o.leakOpeningMm > 0)
            leak[a] = std::lround(o.leakOpeningMm / sp[a]);
        else if (autoRange)
            leak[a] = thick[a] ? 0 : 1;
    }
    leakControl = leak[0] > 0 || leak[1] > 0 || leak[2] > 0;
    // Round a user's box, the two layers the outline is judged on and, beyond them, the
    // smoothing's reach (so that their smoothed values are not the block face's).
    if (boxBlock) {
        Block w = *boxBlock;
        for (int a = 0; a < 3; ++a) {
            const long m = long(std::ceil(4 * sigmaMm / sp[a])) + 1 + 2;
            w.lo[a] = std::size_t(std::max(0L, long(w.lo[a]) - m));
            w.hi[a] = std::size_t(std::min(long(g.size[a]) - 1, long(w.hi[a]) + m));
        }
        workBlock = w;
    }
}

// A guard: the region grows inside the box and its layers are what lies inside it (shellOf), so
// nothing should lie beyond the box here; whatever does goes, and the count says how much.
std::size_t SeedSegmentation::clipToBox(Region& region) const {
    const auto& box = region.box;
    if (!box) return 0;
    const Block& b = region.block;
    std::size_t idx = 0, dropped = 0;
    for (long k = 0; k < long(b.size(2)); ++k)
        for (long j = 0; j < long(b.size(1)); ++j)
            for (long i = 0; i < long(b.size(0)); ++i, ++idx)
                if (region.mask[idx] && !insideBox(box, i, j, k)) region.mask[idx] = 0, ++dropped;
    const Index3 s = seedIn(b);
    if (dropped && b.contains(s[0], s[1], s[2]) && region.mask[b.linear(s[0], s[1], s[2])])
        detail::keepSeedComponent(region.mask, b, s);
    describe(region, g.size);
    return dropped;
}

Block SeedSegmentation::blockAround(double halfMm) const {
    Block b;
    for (int a = 0; a < 3; ++a) {
        const long r = std::max(2L, std::lround(halfMm / sp[a]));
        b.lo[a] = std::size_t(std::max(0L, long(seed[a]) - r));
        b.hi[a] = std::size_t(std::min(long(g.size[a]) - 1, long(seed[a]) + r));
    }
    return b;
}

const BlockImages& BlockCache::get(const Volume& v, const Block& b, double smoothingSigmaMm) {
    for (auto it = blocks.begin(); it != blocks.end(); ++it)
        if (it->block == b && it->smoothingSigmaMm == smoothingSigmaMm) {
            blocks.splice(blocks.begin(), blocks, it);
            return blocks.front();
        }
    // The oldest go first: before the new block is loaded when they would exceed the budget
    // with it, so that two whole-volume blocks are not held at once.
    const std::size_t incoming = 2 * sizeof(float) * b.count();
    auto bytes = [&] {
        std::size_t total = incoming;
        for (const BlockImages& x : blocks) total += sizeof(float) * (x.raw.size() + x.source.size());
        return total;
    };
    while (!blocks.empty() && (blocks.size() >= kBlocks || bytes() > kBytes)) blocks.pop_back();
    blocks.push_front(loadBlock(v, b, smoothingSigmaMm));
    return blocks.front();
}

const BlockImages& SeedSegmentation::images(const Block& b) { return cache.get(v, b, sigmaMm); }

Index3 SeedSegmentation::seedIn(const Block& b) const {
    return Index3{long(seed[0] - b.lo[0]), long(seed[1] - b.lo[1]), long(seed[2] - b.lo[2])};
}

std::optional<Error> SeedSegmentation::estimateRange() {
    if (autoRange) {
        // Mean and SD of the smoothed copy within 2 voxels of the seed.
        const Block first = workBlock ? *workBlock : blockAround(o.initialHalfSizeMm);
        const BlockImages& im = images(first);
        const Index3 s = seedIn(first);
        double ssum = 0, ssum2 = 0;
        std::size_t sn = 0;
        std::vector<double> smoothed, slice;
        // Two voxels along the fine axes; across thick slices no further than that in mm (one
        // slice either side), so a small lesion on thick slices is not sampled beyond its ends.
        Index3 r;
        for (int a = 0; a < 3; ++a) r[a] = std::min(2L, std::max(1L, std::lround(2 * minSpacing / sp[a])));
        for (long dk = -r[2]; dk <= r[2]; ++dk)
            for (long dj = -r[1]; dj <= r[1]; ++dj)
                for (long di = -r[0]; di <= r[0]; ++di)
                    if (first.contains(s[0] + di, s[1] + dj, s[2] + dk)) {
                        const double x = im.source[first.linear(s[0] + di, s[1] + dj, s[2] + dk)];
                        ssum += x, ssum2 += x * x, ++sn;
                        // The robust range from the slice clicked on only (along thick axes):
                        // a slice away is 3-5 mm away, at a small lesion's end or beyond it.
                        const long d[3] = {di, dj, dk};
                        if ((!thick[0] || !d[0]) && (!thick[1] || !d[1]) && (!thick[2] || !d[2])) {
                            smoothed.push_back(x);
                            slice.push_back(im.raw[first.linear(s[0] + di, s[1] + dj, s[2] + dk)]);
                        }
                    }
        const double sMean = ssum / double(sn);
        const double sSd = std::sqrt(std::max(0.0, ssum2 / double(sn) - sMean * sMean));
        // Half-width: 3 SD of the smoothed values, at least one SD of the voxels themselves (3-5
        // SD of the smoothed noise), at least 1 % of the value
        // (and a floor for noise-free data: 1 HU, or a thousandth of the series' value range).
        const double floor = hu ? 1.0 : 1e-3 * (v.valueRange().second - v.valueRange().first);
        minHalf =
            o.autoRangeMinHalfWidth ? *o.autoRangeMinHalfWidth : std::max({seedSd, 0.01 * std::fabs(sMean), floor});
        half = std::max(3 * sSd, minHalf);
        out.lower = sMean - half, out.upper = sMean + half;
        const double rMedian = medianOf(smoothed), rawMedian = medianOf(slice);
        rawNoise = robustSd(slice, rawMedian);
        const double rMinHalf =
            o.autoRangeMinHalfWidth ? *o.autoRangeMinHalfWidth : std::max({rawNoise, 0.01 * std::fabs(rMedian), floor});
        robustHalf = std::max(3 * robustSd(smoothed, rMedian), rMinHalf);
        robustLower = rMedian - robustHalf, robustUpper = rMedian + robustHalf;
    } else {
        minHalf = o.autoRangeMinHalfWidth ? *o.autoRangeMinHalfWidth : (hu ? 30.0 : 0.15 * std::fabs(seedMean));
        half = std::max(3 * seedSd, minHalf);
        out.lower = o.lower ? *o.lower : seedMean - half;
        out.upper = o.upper ? *o.upper : seedMean + half;
        if (!(out.lower <= out.upper))
            return Error{"threshold range: lower (" + fmt(out.lower) + ") is above upper (" + fmt(out.upper) + ")"};
        if (seedValue < out.lower || seedValue > out.upper)
            return Error{where + ": the value at the seed (" + fmt(seedValue) + " " + v.valueUnit +
                         ") is outside the threshold range [" + fmt(out.lower) + ", " + fmt(out.upper) + "]"};
    }
    return std::nullopt;
}

// Grows the region from the seed with a range; the block doubles while the region touches
// it, up to the limit.
Result<Region> SeedSegmentation::grow(double lower, double upper) {
    double halfMm = o.initialHalfSizeMm;
    for (;;) {
        Region r;
        r.block = workBlock ? *workBlock : blockAround(halfMm);
        r.box = boxWithin(boxBlock, r.block);
        const Index3 s = seedIn(r.block);
        detail::GrowParams params{lower, upper, leak, o.fillHoles};
        params.box = r.box;
        detail::GrowOutput grown = detail::growRegion(images(r.block), {s}, params);
        if (!grown.error.empty()) return Error{where + ": " + grown.error};
        r.mask = std::move(grown.mask);
        if (autoRange) detail::dropThroughSliceMixes(r.mask, images(r.block), lower, upper, thick, s);
        detail::pruneSpurs(r.mask, r.block, s);
        describe(r, g.size);
        if (r.touchesBlock && !boxBlock) {
            // Already the surroundings, not a lesion (see notApart): a larger block holds all of
            // this region and more, and is judged the same, so it need not be grown (a refused
            // click on a 384 x 512 x 56 MR grew it to the whole volume for each range).
            if (autoRange && notApart(r, lower, upper)) return r;
            if (halfMm < o.maxHalfSizeMm) {
                halfMm = std::min(2 * halfMm, o.maxHalfSizeMm);
                continue;
            }
            return Error{where + ": the region from the seed " + pointText(seedLps) + " leaks beyond " +
                         fmt(o.maxHalfSizeMm, 0) + " mm from it with the range [" + fmt(lower) + ", " + fmt(upper) +
                         "] " + v.valueUnit + "; give a box round the lesion, narrow the range or use leak control"};
        }
        return r;
    }
}

// Star shape about the seed (see keepStarShaped): what the region took in through a thin
// contact goes. Applied to the region kept, not to the grows the partial-volume step checks
// for spreading (a neighbour of like value touching the lesion must still show as spread).
Region SeedSegmentation::starShaped(Region r) {
    if (autoRange) {
        detail::keepStarShaped(r.mask, r.block, seedIn(r.block));
        describe(r, g.size);
    }
    return r;
}

// The tissue round an iso-intense lesion, not the lesion (judged on the first grow, before
// the star shape trims it): a region that spans the volume along an axis, or that reaches
// its edge and covers much of the field of view along two axes (a node of muscle's T1 in the
// neck muscles, a scalp lesion of brain's density). An error, not a number.
std::optional<Error> SeedSegmentation::notApart(const Region& region, double lower, double upper) const {
    if (boxBlock) return std::nullopt;
    const std::string tail = " with the range [" + fmt(lower) + ", " + fmt(upper) + "] " + v.valueUnit +
                             ": the lesion does not stand apart from its surroundings in value here";
    for (int a = 0; a < 3; ++a)
        if (region.spansVolume[a])
            return Error{where + ": the region from the seed " + pointText(seedLps) +
                         " spans the whole volume along axis " + std::to_string(a) + tail +
                         " (or is larger than the field of view); click nearer the lesion's centre, give a box round "
                         "it or measure on another series"};
    if (!region.touchesVolume) return std::nullopt;
    int wide = 0;
    std::string extent;
    for (int a = 0; a < 3; ++a) {
        const std::size_t n = region.hi[a] - region.lo[a] + 1;
        if (10 * n >= 4 * g.size[a]) ++wide;
        extent += (a ? " x " : "") + fmt(double(n) * sp[a], 0);
    }
    if (wide < 2) return std::nullopt;
    return Error{where + ": the region from the seed " + pointText(seedLps) +
                 " reaches the edge of the volume and covers " + extent + " mm of it (" +
                 fmt(double(region.count) * sp.x * sp.y * sp.z / 1000.0) + " mL)" + tail +
                 "; click nearer the lesion's centre, give a box round it or measure on another series"};
}

Result<Region> SeedSegmentation::firstRegion() {
    auto grown = grow(out.lower, out.upper);
    std::optional<Error> failed;
    if (!grown)
        failed = grown.error();
    else
        failed = notApart(*grown, out.lower, out.upper);
    if (failed && autoRange && robustHalf < 0.75 * half) {
        auto again = grow(robustLower, robustUpper);
        if (again && !notApart(*again, robustLower, robustUpper)) {
            grown = std::move(again);
            failed.reset();
            out.lower = robustLower, out.upper = robustUpper, half = robustHalf;
            out.robustRange = true;
        }
    }
    if (failed) {
        firstRegionFailed = true;
        return *failed;
    }
    return starShaped(std::move(*grown));
}

// Re-centring (the iteration of ITK's confidence-connected filter, widening only): the range
// is centred on the seed's neighbourhood, which in a lesion of two parts (an enhancing rim
// round a core, clicked where they meet) is neither part's value. The region's own mean then
// lies off the range's centre, and the part on the far side is cut where its noise crosses
// the bound (ASPS T1+C seeded one slice up: seed mean 808, region mean 912, the 950 rim cut
// at 946). Each bound widens to the region's mean -/+ the half-width, kept when the region
// only grows by an edge (a neighbour of that value is not lesion).
void SeedSegmentation::recentre(Region& region) {
    for (int round = 0; round < 2; ++round) {
        const double centre = meanOver(images(region.block).source, region.mask);
        const double lower = std::min(out.lower, centre - half), upper = std::max(out.upper, centre + half);
        if (lower > out.lower - 0.1 * half && upper < out.upper + 0.1 * half) break;
        auto widened = grow(lower, upper);
        if (!widened || !onlyEdgeAdded(region, *widened)) break;
        region = starShaped(std::move(*widened));
        out.lower = lower, out.upper = upper;
        out.recentred = true;
    }
}

void SeedSegmentation::judgeOutline(const Region& region) {
    // The outline's support: the layer two voxels out (the first is partly lesion), against
    // the values of what the outline bounds (the enclosing compartment's, when one was joined).
    const bool rim = !compartment.description.empty();
    out.outlineWithoutEdgeFraction = outsideShareInRange(
        region, images(region.block).raw, rim ? compartment.lower : out.lower, rim ? compartment.upper : out.upper);
    if (out.outlineWithoutEdgeFraction > Segmentation::kUnsupportedOutlineWarning)
        out.warnings.push_back(
            "check the outline: " + fmt(100 * out.outlineWithoutEdgeFraction, 0) +
            "% of the layer just outside it has the lesion's values, so there the outline was set by leak "
            "control or the shape rules, not by an edge; the sizes may be wrong. Compare it with the "
            "images, give a box or a range, or outline it on a series of this frame of reference where "
            "it has an edge and measure it here through that outline");
    if (region.boxFaces)
        out.warnings.push_back("the region reaches the box faces: the lesion may extend beyond the box");
    // A region that fills the box has no layer inside it to judge: there the box is the outline.
    const double byBox = shareOfLayerOutsideBox(region);
    if (byBox > 2.0 / 3.0)
        out.warnings.push_back(
            "check the outline: the region fills the box (the box, not an edge, sets " + fmt(100 * byBox, 0) +
            "% of its outline): the lesion may not stand apart from its surroundings here. Compare it "
            "with the images, or measure on another series");
    if (region.touchesVolume)
        out.warnings.push_back("the region reaches the edge of the volume: the lesion may be cut off");
}

void SeedSegmentation::keepMask(const Region& region) {
    // Keep the region's bounding box plus one voxel all round.
    LesionMask& mask = out.mask;
    const Block& b = region.block;
    std::array<std::size_t, 3> first{}, size{};
    for (int a = 0; a < 3; ++a) {
        const std::size_t f = region.lo[a] > 0 ? region.lo[a] - 1 : 0;
        const std::size_t l = std::min(region.hi[a] + 1, b.size(a) - 1);
        first[a] = f, size[a] = l - f + 1;
        mask.offset[a] = b.lo[a] + f;
    }
    mask.geometry = g;
    mask.geometry.size = size;
    mask.geometry.originLps = g.indexToLps(double(mask.offset[0]), double(mask.offset[1]), double(mask.offset[2]));
    mask.voxels.assign(size[0] * size[1] * size[2], 0);
    mask.seriesInstanceUid = v.seriesInstanceUid;
    mask.frameOfReferenceUid = v.frameOfReferenceUid;
    std::size_t o2 = 0;
    for (std::size_t k = 0; k < size[2]; ++k)
        for (std::size_t j = 0; j < size[1]; ++j)
            for (std::size_t i = 0; i < size[0]; ++i)
                mask.voxels[o2++] =
                    region.mask[b.linear(long(first[0] + i), long(first[1] + j), long(first[2] + k))] ? 1 : 0;
}

std::string SeedSegmentation::method() const {
    std::string text = "ITK connected threshold (6-connected) from the seed, range [" + fmt(out.lower) + ", " +
                       fmt(out.upper) + "] " + v.valueUnit;
    if (autoRange)
        text += " on a copy smoothed by a Gaussian of sigma " + fmt(sigmaMm, 2) +
                " mm (smoothed seed mean +/- max(3 SD, " + fmt(minHalf) + ")" +
                (out.robustRange ? ", from the median and MAD (the mean and SD's range leaked: a click near the edge)"
                                 : "") +
                (out.recentred ? ", widened to the region's own mean +/- the same" : "") +
                (out.refined ? ", then each bound facing a neighbour at the 50% partial-volume level" : "") + ")";
    else {
        text += o.lower && o.upper ? " (user)" : " (seed mean +/- max(3 SD, " + fmt(minHalf) + "))";
        if (o.smoothingSigmaMm > 0) text += "; Gaussian smoothing sigma " + fmt(o.smoothingSigmaMm) + " mm";
    }
    for (const std::string& note : halfLevelNotes) text += "; " + note;
    if (leakControl)
        text += "; leak control: erosion by " + std::to_string(leak[0]) + "x" + std::to_string(leak[1]) + "x" +
                std::to_string(leak[2]) + " voxels, the seed's component, geodesic dilation back inside the region";
    if (!compartment.description.empty()) text += "; " + compartment.description;
    if (out.partialVolumeVoxels)
        text += "; then " + std::to_string(out.partialVolumeVoxels) +
                " voxels of the two layers outside, each more than half lesion against the tissue beyond it (in-plane)";
    if (o.fillHoles) text += "; 3D hole filling";
    text += "; spur pruning (voxels with <= 1 face neighbour, 2 passes)";
    if (o.box)
        text += "; inside the user box x " + fmt(o.box->corner0.x) + " to " + fmt(o.box->corner1.x) + ", y " +
                fmt(o.box->corner0.y) + " to " + fmt(o.box->corner1.y) + ", z " + fmt(o.box->corner0.z) + " to " +
                fmt(o.box->corner1.z) + " mm (LPS)";
    else if (boxBlock)  // drawn along the series' axes: its voxels, which an LPS box would not give again
        text += "; inside the user box drawn along the series' axes: voxel columns " + std::to_string(boxBlock->lo[0]) +
                "-" + std::to_string(boxBlock->hi[0]) + ", rows " + std::to_string(boxBlock->lo[1]) + "-" +
                std::to_string(boxBlock->hi[1]) + ", slices " + std::to_string(boxBlock->lo[2]) + "-" +
                std::to_string(boxBlock->hi[2]) + " (from 0)";
    else
        text += "; block grown around the seed";
    return text;
}

}  // namespace detail
}  // namespace mensura::imaging
