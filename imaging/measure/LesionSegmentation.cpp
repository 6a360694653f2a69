#include "imaging/measure/LesionSegmentation.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>

#include "imaging/measure/RegionGrowing.h"

namespace mensura::imaging {

std::size_t LesionMask::count() const {
    return static_cast<std::size_t>(std::count(voxels.begin(), voxels.end(), std::uint8_t{1}));
}

namespace {

using detail::Block;
using detail::BlockImages;
using detail::Index3;

std::string fmt(double v, int precision = 1) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(precision);
    s << v;
    return s.str();
}

std::string pointText(PointLps p) { return "(" + fmt(p.x) + ", " + fmt(p.y) + ", " + fmt(p.z) + ")"; }

// A grown region in block space, with its bounding box and whether it touches the block.
struct Region {
    Block block;
    std::vector<std::uint8_t> mask;
    std::array<std::size_t, 3> lo{0, 0, 0}, hi{0, 0, 0};
    std::size_t count = 0;
    bool touchesBlock = false, touchesVolume = false;
    std::array<bool, 3> spansVolume{false, false, false};  // reaches both volume ends along an axis
};

void describe(Region& r, const std::array<std::size_t, 3>& volumeSize) {
    const Block& b = r.block;
    r.lo = {b.size(0), b.size(1), b.size(2)}, r.hi = {0, 0, 0};
    r.count = 0;
    std::size_t idx = 0;
    for (std::size_t k = 0; k < b.size(2); ++k)
        for (std::size_t j = 0; j < b.size(1); ++j)
            for (std::size_t i = 0; i < b.size(0); ++i, ++idx)
                if (r.mask[idx]) {
                    ++r.count;
                    r.lo[0] = std::min(r.lo[0], i), r.hi[0] = std::max(r.hi[0], i);
                    r.lo[1] = std::min(r.lo[1], j), r.hi[1] = std::max(r.hi[1], j);
                    r.lo[2] = std::min(r.lo[2], k), r.hi[2] = std::max(r.hi[2], k);
                }
    r.touchesBlock = r.touchesVolume = false;
    for (int a = 0; a < 3; ++a) {
        const bool atLo = r.lo[a] == 0, atHi = r.hi[a] == b.size(a) - 1;
        if ((atLo && b.lo[a] > 0) || (atHi && b.hi[a] < volumeSize[a] - 1)) r.touchesBlock = true;
        const bool volLo = atLo && b.lo[a] == 0, volHi = atHi && b.hi[a] == volumeSize[a] - 1;
        r.touchesVolume = r.touchesVolume || volLo || volHi;
        r.spansVolume[a] = volLo && volHi;
    }
}

// The two voxel layers just outside a region (6-connected distance 1 and 2), as block indices.
struct Shell {
    std::vector<std::size_t> first, second;
};

Shell shellOf(const Region& r) {
    const Block& b = r.block;
    std::array<long, 3> lo{}, n{};
    for (int a = 0; a < 3; ++a) {
        lo[a] = std::max(0L, long(r.lo[a]) - 2);
        n[a] = std::min(long(b.size(a)) - 1, long(r.hi[a]) + 2) - lo[a] + 1;
    }
    auto at = [&](long i, long j, long k) { return std::size_t(i + n[0] * (j + n[1] * k)); };
    std::vector<std::uint8_t> layer(std::size_t(n[0] * n[1] * n[2]), 0);  // 3 inside, 1 first layer, 2 second
    for (long k = 0; k < n[2]; ++k)
        for (long j = 0; j < n[1]; ++j)
            for (long i = 0; i < n[0]; ++i)
                if (r.mask[b.linear(lo[0] + i, lo[1] + j, lo[2] + k)]) layer[at(i, j, k)] = 3;
    Shell s;
    for (std::uint8_t from : {3, 1}) {
        const std::uint8_t to = from == 3 ? 1 : 2;
        for (long k = 0; k < n[2]; ++k)
            for (long j = 0; j < n[1]; ++j)
                for (long i = 0; i < n[0]; ++i) {
                    if (layer[at(i, j, k)] != 0) continue;
                    const bool next = (i > 0 && layer[at(i - 1, j, k)] == from) || (i + 1 < n[0] && layer[at(i + 1, j, k)] == from) ||
                                      (j > 0 && layer[at(i, j - 1, k)] == from) || (j + 1 < n[1] && layer[at(i, j + 1, k)] == from) ||
                                      (k > 0 && layer[at(i, j, k - 1)] == from) || (k + 1 < n[2] && layer[at(i, j, k + 1)] == from);
                    if (!next) continue;
                    layer[at(i, j, k)] = to;
                    (to == 1 ? s.first : s.second).push_back(b.linear(lo[0] + i, lo[1] + j, lo[2] + k));
                }
    }
    return s;
}

// The shell's voxels darker and brighter than the region by more than half the range on the
// smoothed copy (the others are lesion-like: noise or partial volume with the lesion), and the
// median of each class in the original values (smoothing would carry lesion into the layer).
struct ShellClasses {
    std::size_t total = 0, darkN = 0, brightN = 0;
    double darkMean = 0, brightMean = 0;
};

ShellClasses classify(const BlockImages& im, const std::vector<std::size_t>& shell, double centre, double half) {
    ShellClasses c;
    std::vector<float> dark, bright;
    for (std::size_t idx : shell) {
        const double x = im.source[idx];
        ++c.total;
        if (x < centre - half) dark.push_back(im.raw[idx]);
        if (x > centre + half) bright.push_back(im.raw[idx]);
    }
    // The median: the voxels of the layer still partly lesion form a tail towards the lesion.
    auto median = [](std::vector<float>& x) {
        std::nth_element(x.begin(), x.begin() + long(x.size() / 2), x.end());
        return double(x[x.size() / 2]);
    };
    c.darkN = dark.size(), c.brightN = bright.size();
    if (c.darkN) c.darkMean = median(dark);
    if (c.brightN) c.brightMean = median(bright);
    return c;
}

// A bound moved to the 50% level adds a partial-volume layer: under a voxel on each side. A
// region that spreads further took in a neighbour of similar value (cord beside a paraspinal
// mass, brain under a skull lesion), and that bound stays where it was.
bool onlyEdgeAdded(const Region& before, const Region& after) {
    if (after.count > 2 * before.count) return false;
    for (int a = 0; a < 3; ++a) {
        const long lo0 = long(before.block.lo[a] + before.lo[a]), hi0 = long(before.block.lo[a] + before.hi[a]);
        const long lo1 = long(after.block.lo[a] + after.lo[a]), hi1 = long(after.block.lo[a] + after.hi[a]);
        if (lo0 - lo1 > 2 || hi1 - hi0 > 2) return false;
    }
    return true;
}

double meanOver(const std::vector<float>& values, const std::vector<std::uint8_t>& mask) {
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < mask.size(); ++i)
        if (mask[i]) sum += values[i], ++n;
    return n ? sum / double(n) : 0.0;
}

// A rim around a core (an enhancing rim round a necrotic or less enhancing centre): the region
// from a seed in the core stops at the rim. When the layer outside the region is mostly one
// compartment (darker, or brighter, than the region; see below), that compartment is grown from there
// too and joined to the core if it closes round it: within a block of 2.5x the core's extent
// (an organ the lesion lies in reaches beyond), at most 10x the core's volume. Its own outer
// boundary then goes to the 50% level like the core's. Returns the description, or "".
template <typename Images>
std::string addEnclosingCompartment(const Volume& v, Region& region, Images& images, double half, Index3 leak,
                                    const std::optional<Block>& boxBlock, bool fillHoles, Index3 seed) {
    double coreMean = 0, rimMean = 0;
    bool bright = false;
    std::vector<Index3> seeds;  // in the series grid
    {
        const BlockImages& im = images(region.block);
        coreMean = meanOver(im.source, region.mask);
        const Shell shell = shellOf(region);
        // What borders the region: its first layer (the second can lie beyond a rim thinner
        // than two slices); the compartment's value from the second (less partial volume).
        const ShellClasses touching = classify(im, shell.first, coreMean, half);
        if (touching.total == 0) return {};
        // One compartment: nine tenths of the layer, or two thirds of its voxels that are clearly
        // not lesion-like. A rim of a value close to the core's (ASPS T1+C: 950 round 850) leaves
        // much of the layer lesion-like (partial volume), and where the rim is thinner than a
        // slice the core touches the surroundings through it (darker voxels in the layer too).
        const double other = double(touching.darkN + touching.brightN);
        auto dominant = [&](std::size_t n, std::size_t rest) {
            return double(n) >= 0.9 * double(touching.total) || (n > rest && 3 * double(n) >= 2 * other);
        };
        bright = dominant(touching.brightN, touching.darkN);
        if (!bright && !dominant(touching.darkN, touching.brightN)) return {};
        const ShellClasses c = classify(im, shell.second, coreMean, half);
        if ((bright ? c.brightN : c.darkN) == 0) return {};
        rimMean = bright ? c.brightMean : c.darkMean;
        const Block& b = region.block;
        std::vector<std::size_t> layers = shell.first;
        layers.insert(layers.end(), shell.second.begin(), shell.second.end());
        for (std::size_t idx : layers) {
            const double x = im.source[idx];
            if (bright ? x <= coreMean + half : x >= coreMean - half) continue;
            const long i = long(idx % b.size(0)), j = long((idx / b.size(0)) % b.size(1)), k = long(idx / (b.size(0) * b.size(1)));
            seeds.push_back({long(b.lo[0]) + i, long(b.lo[1]) + j, long(b.lo[2]) + k});
        }
    }
    // The block: 2.5x the core's extent about its centre (inside the user box, if any).
    Block nb;
    const Block& cb = region.block;
    for (int a = 0; a < 3; ++a) {
        const double lo = double(cb.lo[a] + region.lo[a]), hi = double(cb.lo[a] + region.hi[a]);
        const double centre = 0.5 * (lo + hi), reach = 1.25 * (hi - lo + 1) + 3;
        long l = std::max(0L, std::lround(centre - reach)), h = std::min(long(v.geometry.size[a]) - 1, std::lround(centre + reach));
        if (boxBlock) l = std::max(l, long(boxBlock->lo[a])), h = std::min(h, long(boxBlock->hi[a]));
        nb.lo[a] = std::size_t(l), nb.hi[a] = std::size_t(h);
    }
    std::vector<std::uint8_t> base(nb.count(), 0);
    for (std::size_t k = region.lo[2]; k <= region.hi[2]; ++k)
        for (std::size_t j = region.lo[1]; j <= region.hi[1]; ++j)
            for (std::size_t i = region.lo[0]; i <= region.hi[0]; ++i)
                if (region.mask[cb.linear(long(i), long(j), long(k))]) {
                    const long si = long(cb.lo[0] + i) - long(nb.lo[0]), sj = long(cb.lo[1] + j) - long(nb.lo[1]),
                               sk = long(cb.lo[2] + k) - long(nb.lo[2]);
                    if (nb.contains(si, sj, sk)) base[nb.linear(si, sj, sk)] = 1;
                }
    std::vector<Index3> local;
    for (const Index3& s : seeds) {
        const Index3 l{s[0] - long(nb.lo[0]), s[1] - long(nb.lo[1]), s[2] - long(nb.lo[2])};
        if (nb.contains(l[0], l[1], l[2])) local.push_back(l);
    }
    const double mid = 0.5 * (coreMean + rimMean);
    double lower = bright ? mid : rimMean - half, upper = bright ? rimMean + half : mid;
    const std::size_t coreCount = region.count;
    const bool coreTouchesVolume = region.touchesVolume;
    std::array<std::size_t, 3> coreExtent{};
    for (int a = 0; a < 3; ++a) coreExtent[a] = region.hi[a] - region.lo[a] + 1;
    // First, on the block already smoothed (the core's), away from its faces and the new block's
    // (where the two smoothings differ): when the tissue plainly extends beyond the core there,
    // it does on the new block too, and the new block need not be loaded.
    if (leak != Index3{0, 0, 0}) {
        const BlockImages& im = images(cb);
        detail::GrowParams params{lower, upper, leak, fillHoles};
        params.maxCount = 10 * coreCount;
        for (int a = 0; a < 3; ++a) params.maxExtent[a] = long(5 * coreExtent[a] / 2 + 2);
        Index3 lo{}, hi{};
        for (int a = 0; a < 3; ++a) {
            const long m = long(std::ceil(4 * im.smoothingSigmaMm / v.geometry.spacingMm[a])) + 1;
            const long last = long(v.geometry.size[a]) - 1;
            long l = long(cb.lo[a]) + (cb.lo[a] > 0 ? m : 0), h = long(cb.hi[a]) - (long(cb.hi[a]) < last ? m : 0);
            l = std::max(l, long(nb.lo[a]) + (nb.lo[a] > 0 ? m : 0)), h = std::min(h, long(nb.hi[a]) - (long(nb.hi[a]) < last ? m : 0));
            lo[a] = l - long(cb.lo[a]), hi[a] = h - long(cb.lo[a]);
        }
        std::vector<Index3> inCore;
        for (const Index3& s : seeds) inCore.push_back({s[0] - long(cb.lo[0]), s[1] - long(cb.lo[1]), s[2] - long(cb.lo[2])});
        if (lo[0] <= hi[0] && lo[1] <= hi[1] && lo[2] <= hi[2] && detail::erodedCoreExceeds(im, inCore, params, lo, hi, false))
            return {};
    }
    auto attempt = [&](double lo, double hi) -> std::optional<Region> {
        // The limits below, also given to the grow so that it stops early when the tissue plainly
        // extends beyond the core (an organ round the lesion, not a rim).
        detail::GrowParams params{lo, hi, leak, fillHoles};
        params.maxCount = 10 * coreCount;
        for (int a = 0; a < 3; ++a) {
            params.maxExtent[a] = long(5 * coreExtent[a] / 2 + 2);
            params.stopAtFace[a] = {nb.lo[a] > 0 || !coreTouchesVolume, nb.hi[a] < v.geometry.size[a] - 1 || !coreTouchesVolume};
        }
        detail::GrowOutput grown = detail::growRegion(images(nb), local, params, &base);
        if (!grown.error.empty()) return std::nullopt;
        Region r;
        r.block = nb;
        r.mask = std::move(grown.mask);
        detail::keepStarShaped(r.mask, nb, {seed[0] - long(nb.lo[0]), seed[1] - long(nb.lo[1]), seed[2] - long(nb.lo[2])});
        describe(r, v.geometry.size);
        // Closed round the core, and a compartment of its own (not the core's partial-volume layer).
        if (r.touchesBlock || (r.touchesVolume && !coreTouchesVolume) || r.count > 10 * coreCount || 2 * r.count < 3 * coreCount)
            return std::nullopt;
        for (int a = 0; a < 3; ++a)
            if (r.hi[a] - r.lo[a] + 1 > 5 * coreExtent[a] / 2 + 2) return std::nullopt;
        return r;
    };
    auto joined = attempt(lower, upper);
    if (!joined) return {};
    // The outer boundary of the compartment at the 50% level against what lies beyond it.
    {
        const BlockImages& im = images(nb);
        const ShellClasses c = classify(im, shellOf(*joined).second, rimMean, half);
        const std::size_t least = std::max<std::size_t>(1, c.total / 20);
        double l2 = lower, u2 = upper;
        if (c.darkN >= least) l2 = std::min(l2, 0.5 * (rimMean + c.darkMean));
        if (c.brightN >= least) u2 = std::max(u2, 0.5 * (rimMean + c.brightMean));
        // Refused, as for the core, when it spreads more than two voxels beyond the compartment:
        // the compartment's own range (from halfway to the core) leaves out part of its noise,
        // so the 50% level can add more than a partial-volume layer's count.
        if (l2 != lower || u2 != upper) {
            auto refined = attempt(l2, u2);
            if (refined && onlyEdgeAdded(*joined, *refined)) joined = std::move(refined), lower = l2, upper = u2;
        }
    }
    region = std::move(*joined);
    return std::string("an enclosing ") + (bright ? "brighter" : "darker") + " compartment (mean " + fmt(rimMean) +
           " against " + fmt(coreMean) + " inside) grown from the layer round the core with [" + fmt(lower) + ", " +
           fmt(upper) + "] and joined to it";
}

}  // namespace

Result<Segmentation> segmentLesion(const Volume& v, PointLps seedLps, const SegmentationOptions& o) {
    const VolumeGeometry& g = v.geometry;
    const std::string where = "series " + v.stackId;
    if (!v.isVolume) return Error{where + ": a set of 2D images, not a volume; lesion extent needs a volume"};
    if (g.voxelCount() == 0) return Error{where + ": the volume is empty"};

    const Vec3 seedIdx = g.lpsToIndex(seedLps);
    std::array<std::size_t, 3> seed{};
    for (int a = 0; a < 3; ++a) {
        const double r = std::round(seedIdx[a]);
        if (!(r >= 0 && r <= double(g.size[a] - 1)))
            return Error{where + ": seed " + pointText(seedLps) + " mm LPS is outside the volume (index " +
                         fmt(seedIdx.x) + ", " + fmt(seedIdx.y) + ", " + fmt(seedIdx.z) + ")"};
        seed[a] = static_cast<std::size_t>(r);
    }

    // The box, as a block of voxels whose centres lie inside it.
    std::optional<Block> boxBlock;
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
        Vec3 lo{1e300, 1e300, 1e300}, hi{-1e300, -1e300, -1e300};
        for (int corner = 0; corner < 8; ++corner) {
            const PointLps p{corner & 1 ? c1.x : c0.x, corner & 2 ? c1.y : c0.y, corner & 4 ? c1.z : c0.z};
            const Vec3 idx = g.lpsToIndex(p);
            for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], idx[a]), hi[a] = std::max(hi[a], idx[a]);
        }
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
    const double seedMean = sum / double(n);
    const double seedSd = std::sqrt(std::max(0.0, sum2 / double(n) - seedMean * seedMean));
    const double seedValue = v.at(seed[0], seed[1], seed[2]);
    const bool hu = v.valueUnit == "HU";
    if (hu && seedMean < -400)
        return Error{where + ": the seed " + pointText(seedLps) + " is in air (mean " + fmt(seedMean) +
                     " HU around it); place it inside the lesion"};
    if (!hu) {
        const auto [vmin, vmax] = v.valueRange();
        if (seedMean <= vmin + 0.02 * (vmax - vmin))
            return Error{where + ": the seed " + pointText(seedLps) + " is in the background (mean " +
                         fmt(seedMean) + ", range " + fmt(vmin) + ".." + fmt(vmax) + "); place it inside the lesion"};
    }

    Segmentation out;
    out.seedLps = seedLps;
    const bool autoRange = !o.lower && !o.upper;
    const Vec3 sp = g.spacingMm;
    const double minSpacing = std::min({sp.x, sp.y, sp.z});
    // The automatic range works on a copy smoothed by one voxel (the finest spacing): its noise
    // is a fraction of a voxel's, so tissues a little apart in value (lesion and cord, lesion and
    // brain) separate, and a region boundary on it still lies at the 50% level of an edge.
    const double sigmaMm = o.smoothingSigmaMm > 0 ? o.smoothingSigmaMm : (autoRange ? minSpacing : 0.0);
    // Leak control: a user radius, or with the automatic range one voxel on the fine axes
    // (partial-volume shells between bright and dark tissue are that thin, and so are bridges).
    Index3 leak{0, 0, 0};
    for (int a = 0; a < 3; ++a) {
        if (o.leakOpeningMm > 0) leak[a] = std::lround(o.leakOpeningMm / sp[a]);
        else if (autoRange) leak[a] = sp[a] <= 1.5 * minSpacing ? 1 : 0;
    }
    const bool leakControl = leak[0] > 0 || leak[1] > 0 || leak[2] > 0;

    auto blockAround = [&](double halfMm) {
        Block b;
        for (int a = 0; a < 3; ++a) {
            const long r = std::max(2L, std::lround(halfMm / sp[a]));
            b.lo[a] = std::size_t(std::max(0L, long(seed[a]) - r));
            b.hi[a] = std::size_t(std::min(long(g.size[a]) - 1, long(seed[a]) + r));
        }
        return b;
    };
    std::optional<BlockImages> cache;
    auto images = [&](const Block& b) -> const BlockImages& {
        if (!cache || !(cache->block == b)) cache = detail::loadBlock(v, b, sigmaMm);
        return *cache;
    };
    auto seedIn = [&](const Block& b) { return Index3{long(seed[0] - b.lo[0]), long(seed[1] - b.lo[1]), long(seed[2] - b.lo[2])}; };

    double half = 0, minHalf = 0;
    if (autoRange) {
        // Mean and SD of the smoothed copy within 2 voxels of the seed.
        const Block first = boxBlock ? *boxBlock : blockAround(o.initialHalfSizeMm);
        const BlockImages& im = images(first);
        const Index3 s = seedIn(first);
        double ssum = 0, ssum2 = 0;
        std::size_t sn = 0;
        for (long dk = -2; dk <= 2; ++dk)
            for (long dj = -2; dj <= 2; ++dj)
                for (long di = -2; di <= 2; ++di)
                    if (first.contains(s[0] + di, s[1] + dj, s[2] + dk)) {
                        const double x = im.source[first.linear(s[0] + di, s[1] + dj, s[2] + dk)];
                        ssum += x, ssum2 += x * x, ++sn;
                    }
        const double sMean = ssum / double(sn);
        const double sSd = std::sqrt(std::max(0.0, ssum2 / double(sn) - sMean * sMean));
        // Half-width: 3 SD of the smoothed values, at least one SD of the voxels themselves (3-5
        // SD of the smoothed noise), at least 1 % of the value
        // (and a floor for noise-free data: 1 HU, or a thousandth of the series' value range).
        const double floor = hu ? 1.0 : 1e-3 * (v.valueRange().second - v.valueRange().first);
        minHalf = o.autoRangeMinHalfWidth ? *o.autoRangeMinHalfWidth : std::max({seedSd, 0.01 * std::fabs(sMean), floor});
        half = std::max(3 * sSd, minHalf);
        out.lower = sMean - half, out.upper = sMean + half;
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

    // Grows the region from the seed with a range; the block doubles while the region touches
    // it, up to the limit.
    auto grow = [&](double lower, double upper) -> Result<Region> {
        double halfMm = o.initialHalfSizeMm;
        for (;;) {
            Region r;
            r.block = boxBlock ? *boxBlock : blockAround(halfMm);
            const Index3 s = seedIn(r.block);
            detail::GrowOutput grown = detail::growRegion(images(r.block), {s}, {lower, upper, leak, o.fillHoles});
            if (!grown.error.empty()) return Error{where + ": " + grown.error};
            r.mask = std::move(grown.mask);
            detail::pruneSpurs(r.mask, r.block, s);
            describe(r, g.size);
            if (r.touchesBlock && !boxBlock) {
                if (halfMm < o.maxHalfSizeMm) {
                    halfMm = std::min(2 * halfMm, o.maxHalfSizeMm);
                    continue;
                }
                return Error{where + ": the region from the seed " + pointText(seedLps) + " leaks beyond " +
                             fmt(o.maxHalfSizeMm, 0) + " mm from it with the range [" + fmt(lower) + ", " +
                             fmt(upper) + "] " + v.valueUnit +
                             "; give a box (--box-lps), narrow the range or use leak control"};
            }
            return r;
        }
    };
    // Star shape about the seed (see keepStarShaped): what the region took in through a thin
    // contact goes. Applied to the region kept, not to the grows the partial-volume step checks
    // for spreading (a neighbour of like value touching the lesion must still show as spread).
    auto starShaped = [&](Region r) {
        if (autoRange) {
            detail::keepStarShaped(r.mask, r.block, seedIn(r.block));
            describe(r, g.size);
        }
        return r;
    };
    // The tissue round an iso-intense lesion, not the lesion (judged on the first grow, before
    // the star shape trims it): a region that spans the volume along an axis, or that reaches
    // its edge and covers much of the field of view along two axes (a node of muscle's T1 in the
    // neck muscles, a scalp lesion of brain's density). An error, not a number.
    auto notApart = [&](const Region& region, double lower, double upper) -> std::optional<Error> {
        if (boxBlock) return std::nullopt;
        const std::string tail = " with the range [" + fmt(lower) + ", " + fmt(upper) + "] " + v.valueUnit +
                                 ": the lesion does not stand apart from its surroundings in value here";
        for (int a = 0; a < 3; ++a)
            if (region.spansVolume[a])
                return Error{where + ": the region from the seed " + pointText(seedLps) + " spans the whole volume along axis " +
                             std::to_string(a) + tail + " (or is larger than the field of view); give a box (--box-lps) or measure on another series"};
        if (!region.touchesVolume) return std::nullopt;
        int wide = 0;
        std::string extent;
        for (int a = 0; a < 3; ++a) {
            const std::size_t n = region.hi[a] - region.lo[a] + 1;
            if (10 * n >= 4 * g.size[a]) ++wide;
            extent += (a ? " x " : "") + fmt(double(n) * sp[a], 0);
        }
        if (wide < 2) return std::nullopt;
        return Error{where + ": the region from the seed " + pointText(seedLps) + " reaches the edge of the volume and covers " + extent +
                     " mm of it (" + fmt(double(region.count) * sp.x * sp.y * sp.z / 1000.0) + " mL)" + tail +
                     "; give a box (--box-lps) or measure on another series"};
    };
    auto grown = grow(out.lower, out.upper);
    if (!grown) return grown.error();
    if (auto e = notApart(*grown, out.lower, out.upper)) return *e;
    Region region = starShaped(std::move(*grown));

    // Partial volume: a voxel half lesion, half surroundings lies halfway between their values.
    // The range from the seed keeps only voxels that are mostly lesion, which under-reads volume
    // on thick slices; one refinement moves each bound that faces a neighbour to the midpoint
    // between the region's mean and that neighbour's mean in the second voxel layer outside (the
    // first is itself partly lesion): the 50% boundary of phantom volumetry. Darker and brighter
    // neighbours are taken apart, so a lesion between muscle and cord gets both boundaries. If
    // the region then more than doubles, a neighbour of similar value joined it, and the first
    // region is kept.
    std::string compartment;
    if (autoRange) {
        // The layer outside a region that stops short of the 50% level still holds some lesion,
        // so the move repeats (up to three times) from the region it gives, until it settles.
        std::array<bool, 2> blocked{false, false};
        for (int round = 0; round < 3; ++round) {
            double regionMean = 0;
            ShellClasses c;
            {
                const BlockImages& im = images(region.block);
                regionMean = meanOver(im.raw, region.mask);
                c = classify(im, shellOf(region).second, meanOver(im.source, region.mask), half);
            }
            const std::size_t least = std::max<std::size_t>(1, c.total / 20);
            bool moved = false;
            // Each side on its own: the darker neighbour's bound, then the brighter one's.
            for (int side = 0; side < 2; ++side) {
                const bool dark = side == 0;
                if (blocked[side] || (dark ? c.darkN : c.brightN) < least) continue;
                const double level = 0.5 * (regionMean + (dark ? c.darkMean : c.brightMean));
                double lower = out.lower, upper = out.upper;
                if (dark && level < lower - 0.1 * half) lower = level;
                else if (!dark && level > upper + 0.1 * half) upper = level;
                else continue;
                auto refined = grow(lower, upper);
                if (refined && onlyEdgeAdded(region, *refined)) {
                    region = starShaped(std::move(*refined));
                    out.lower = lower, out.upper = upper;
                    out.refined = moved = true;
                } else {
                    blocked[side] = true;
                    out.warnings.push_back(std::string("the 50% partial-volume boundary towards the ") + (dark ? "darker" : "brighter") +
                                           " surroundings was not used: the region spread into a neighbour of similar value there");
                }
            }
            if (!moved) break;
        }
        compartment = addEnclosingCompartment(v, region, images, half, leak, boxBlock, o.fillHoles,
                                              Index3{long(seed[0]), long(seed[1]), long(seed[2])});
    }

    if (region.touchesBlock) out.warnings.push_back("the region reaches the box faces: the lesion may extend beyond the box");
    if (region.touchesVolume) out.warnings.push_back("the region reaches the edge of the volume: the lesion may be cut off");

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
                mask.voxels[o2++] = region.mask[b.linear(long(first[0] + i), long(first[1] + j), long(first[2] + k))] ? 1 : 0;

    std::string method = "ITK connected threshold (6-connected) from the seed, range [" + fmt(out.lower) + ", " +
                         fmt(out.upper) + "] " + v.valueUnit;
    if (autoRange)
        method += " on a copy smoothed by a Gaussian of sigma " + fmt(sigmaMm, 2) + " mm (smoothed seed mean +/- max(3 SD, " +
                  fmt(minHalf) + ")" + (out.refined ? ", then each bound facing a neighbour at the 50% partial-volume level" : "") + ")";
    else {
        method += o.lower && o.upper ? " (user)" : " (seed mean +/- max(3 SD, " + fmt(minHalf) + "))";
        if (o.smoothingSigmaMm > 0) method += "; Gaussian smoothing sigma " + fmt(o.smoothingSigmaMm) + " mm";
    }
    if (leakControl)
        method += "; leak control: erosion by " + std::to_string(leak[0]) + "x" + std::to_string(leak[1]) + "x" +
                  std::to_string(leak[2]) + " voxels, the seed's component, geodesic dilation back inside the region";
    if (!compartment.empty()) method += "; " + compartment;
    if (o.fillHoles) method += "; 3D hole filling";
    method += "; spur pruning (voxels with <= 1 face neighbour, 2 passes)";
    method += o.box ? "; inside the user box" : "; block grown around the seed";
    out.method = method;
    return out;
}

}  // namespace mensura::imaging
