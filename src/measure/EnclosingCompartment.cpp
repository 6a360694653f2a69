// The rim step of the seed segmentation (see RegionParts.h).
#include <algorithm>
#include <cmath>

#include "mensura/measure/RegionParts.h"

namespace mensura::imaging::detail {

EnclosingCompartment addEnclosingCompartment(const Volume& v, Region& region, const BlockSource& images, double half,
                                             double noise, Index3 leak, std::array<bool, 3> thick,
                                             const std::optional<Block>& boxBlock, bool fillHoles, Index3 seed) {
    EnclosingCompartment out;
    double coreMean = 0, rimMean = 0;
    bool bright = false;
    std::vector<Index3> seeds;  // in the series grid
    {
        const BlockImages& im = images(region.block);
        coreMean = meanOver(im.source, region.mask);
        const Shell shell = shellOf(region);
        // What borders the region: its first layer (the second can lie beyond a rim thinner
        // than two slices); the compartment's value from the second (less partial volume).
        const ShellClasses touching = classify(im, shell.first, coreMean, half, noise);
        if (touching.total == 0) return {};
        // One compartment: nine tenths of the layer, or two thirds of its voxels that are clearly
        // not lesion-like. A rim of a value close to the core's (ASPS T1+C: 950 round 850) leaves
        // much of the layer lesion-like (partial volume), and where the rim is thinner than a
        // slice the core touches the surroundings through it (darker voxels in the layer too).
        const double other = double(touching.darkN + touching.brightN);
        auto dominant = [&](std::size_t n, std::size_t rest) {
            return double(n) >= 0.9 * double(touching.total) ||
                   (n > rest && (3 * double(n) >= 2 * other || 5 * n >= 2 * touching.total));
        };
        bright = dominant(touching.brightN, touching.darkN);
        if (!bright && !dominant(touching.darkN, touching.brightN)) return {};
        const ShellClasses c = classify(im, shell.second, coreMean, half, noise);
        if ((bright ? c.brightN : c.darkN) == 0) return {};
        rimMean = bright ? c.brightMean : c.darkMean;
        const Block& b = region.block;
        std::vector<std::size_t> layers = shell.first;
        layers.insert(layers.end(), shell.second.begin(), shell.second.end());
        for (std::size_t idx : layers) {
            const double x = im.source[idx];
            if (bright ? x <= coreMean + half : x >= coreMean - half) continue;
            const long i = long(idx % b.size(0)), j = long((idx / b.size(0)) % b.size(1)),
                       k = long(idx / (b.size(0) * b.size(1)));
            seeds.push_back({long(b.lo[0]) + i, long(b.lo[1]) + j, long(b.lo[2]) + k});
        }
    }
    // The block: 2.5x the core's extent about its centre; the compartment grows inside the user's
    // box, if any, and the block round it keeps the surroundings the outline is judged against.
    Block nb;
    const Block& cb = region.block;
    for (int a = 0; a < 3; ++a) {
        const double lo = double(cb.lo[a] + region.lo[a]), hi = double(cb.lo[a] + region.hi[a]);
        const double centre = 0.5 * (lo + hi), reach = 1.25 * (hi - lo + 1) + 3;
        long l = std::max(0L, std::lround(centre - reach)),
             h = std::min(long(v.geometry.size[a]) - 1, std::lround(centre + reach));
        nb.lo[a] = std::size_t(l), nb.hi[a] = std::size_t(h);
    }
    const Index3 seedInBlock{seed[0] - long(nb.lo[0]), seed[1] - long(nb.lo[1]), seed[2] - long(nb.lo[2])};
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
        GrowParams params{lower, upper, leak, fillHoles};
        params.box = boxWithin(boxBlock, cb);
        params.maxCount = 10 * coreCount;
        for (int a = 0; a < 3; ++a) params.maxExtent[a] = long(5 * coreExtent[a] / 2 + 2);
        Index3 lo{}, hi{};
        for (int a = 0; a < 3; ++a) {
            const long m = long(std::ceil(4 * im.smoothingSigmaMm / v.geometry.spacingMm[a])) + 1;
            const long last = long(v.geometry.size[a]) - 1;
            long l = long(cb.lo[a]) + (cb.lo[a] > 0 ? m : 0), h = long(cb.hi[a]) - (long(cb.hi[a]) < last ? m : 0);
            l = std::max(l, long(nb.lo[a]) + (nb.lo[a] > 0 ? m : 0)),
            h = std::min(h, long(nb.hi[a]) - (long(nb.hi[a]) < last ? m : 0));
            lo[a] = l - long(cb.lo[a]), hi[a] = h - long(cb.lo[a]);
        }
        std::vector<Index3> inCore;
        for (const Index3& s : seeds)
            inCore.push_back({s[0] - long(cb.lo[0]), s[1] - long(cb.lo[1]), s[2] - long(cb.lo[2])});
        if (lo[0] <= hi[0] && lo[1] <= hi[1] && lo[2] <= hi[2] && erodedCoreExceeds(im, inCore, params, lo, hi, false))
            return {};
    }
    auto attempt = [&](double lo, double hi) -> std::optional<Region> {
        // The limits below, also given to the grow so that it stops early when the tissue plainly
        // extends beyond the core (an organ round the lesion, not a rim).
        GrowParams params{lo, hi, leak, fillHoles};
        params.box = boxWithin(boxBlock, nb);
        params.maxCount = 10 * coreCount;
        for (int a = 0; a < 3; ++a) {
            params.maxExtent[a] = long(5 * coreExtent[a] / 2 + 2);
            params.stopAtFace[a] = {nb.lo[a] > 0 || !coreTouchesVolume,
                                    nb.hi[a] < v.geometry.size[a] - 1 || !coreTouchesVolume};
        }
        GrowOutput grown = growRegion(images(nb), local, params, &base);
        if (!grown.error.empty()) return std::nullopt;
        Region r;
        r.block = nb;
        r.box = boxWithin(boxBlock, nb);
        r.mask = std::move(grown.mask);
        dropOneSliceSheets(r.mask, nb, thick, seedInBlock);
        keepStarShaped(r.mask, nb, seedInBlock);
        describe(r, v.geometry.size);
        // Closed round the core, and a compartment of its own (not the core's partial-volume
        // layer). The user's box does not close it: the box may cut a rim's partial volume where
        // it is drawn tight, but not most of what bounds the compartment (the surroundings of a
        // lesion in a box, grown up to its faces).
        if (r.touchesBlock || shareOfLayerOutsideBox(r) > 0.25 || (r.touchesVolume && !coreTouchesVolume) ||
            r.count > 10 * coreCount || 2 * r.count < 3 * coreCount)
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
        const ShellClasses c = classify(im, shellOf(*joined).second, rimMean, half, noise, true);
        const std::size_t least = std::max<std::size_t>(1, c.total / 20);
        double l2 = lower, u2 = upper;
        if (c.darkN >= least) l2 = std::min(l2, 0.5 * (rimMean + c.darkMean));
        if (c.brightN >= least) u2 = std::max(u2, 0.5 * (rimMean + c.brightMean));
        // Refused, as for the core, when it spreads more than two voxels beyond the compartment.
        // The count may grow up to fourfold: the compartment's own range (from halfway to the
        // core) leaves out part of its noise and its partial volume, and a thin rim (three voxels,
        // a slice) read by that range can be half its thickness before the 50% level.
        // When one step is refused, halfway to the level and then on to it from there.
        auto tryRange = [&](double l, double u) {
            auto refined = attempt(l, u);
            if (!refined) return false;
            // As for the core: what the move adds must be partial volume in its own values too.
            pruneWidening(*refined, *joined, images(nb).raw, l, u, noise, seedInBlock, v.geometry.size);
            // More than a layer added is still the rim's own partial volume when the new outline
            // stands at an edge: the layer two voxels outside it holds (almost) none of the range's
            // values. A rim under a slice thick, read by the compartment's range (from halfway to
            // the core) only where it is nearly pure, lies three voxels inside its 50% level.
            if (!onlyEdgeAdded(*joined, *refined, 4.0) && outsideShareInRange(*refined, images(nb).raw, l, u) > 0.05)
                return false;
            joined = std::move(refined), lower = l, upper = u;
            return true;
        };
        // Each side on its own, as for the core: bone beside a rim (brighter than it on CT) must
        // not stop the boundary towards the muscle round it.
        auto moveSide = [&](bool dark) {
            const double target = dark ? l2 : u2, from = dark ? lower : upper;
            if (target == from) return true;
            auto range = [&](double t) { return dark ? tryRange(t, upper) : tryRange(lower, t); };
            return range(target) || (range(0.5 * (from + target)) && range(target));
        };
        const bool darkMoved = moveSide(true), brightMoved = moveSide(false);
        // The side that matters is the one facing the surroundings the compartment stands out
        // from (darker round a bright rim); the other faces a neighbour (bone, a vessel).
        out.outerShort = bright ? !darkMoved : !brightMoved;
    }
    region = std::move(*joined);
    out.description = std::string("an enclosing ") + (bright ? "brighter" : "darker") + " compartment (mean " +
                      fmt(rimMean) + " against " + fmt(coreMean) +
                      " inside) grown from the layer round the core with [" + fmt(lower) + ", " + fmt(upper) +
                      "] and joined to it";
    out.lower = lower, out.upper = upper;
    return out;
}

}  // namespace mensura::imaging::detail
