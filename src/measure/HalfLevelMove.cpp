// The seed segmentation's 50% partial-volume move, its rim step and its partial-volume layers
// (see SeedSegmentation.h).
#include <algorithm>
#include <cmath>

#include "RobustStatistics.h"
#include "SeedSegmentation.h"

namespace mensura::imaging::detail {

// Partial volume: a voxel half lesion, half surroundings lies halfway between their values.
// The range from the seed keeps only voxels that are mostly lesion, which under-reads volume
// on thick slices; one refinement moves each bound that faces a neighbour to the midpoint
// between the region's mean and that neighbour's mean in the second voxel layer outside (the
// first is itself partly lesion): the 50% boundary of phantom volumetry. Darker and brighter
// neighbours are taken apart, so a lesion between muscle and cord gets both boundaries. If
// the region then more than doubles, a neighbour of similar value joined it, and the first
// region is kept.
// The value of the nearest tissue darker (or brighter) than the region by more than `spread`
// (beyond the lesion's noise) in the third and fourth voxel layers outside it (the region grown
// by two voxels, then its two layers): the first mode of their values beyond that, or their
// median where none stands out; none when too few values lie there.
std::optional<double> SeedSegmentation::tissueBeyond(const Region& region, bool darker, double regionMean,
                                                     double spread) {
    Region grown = region;
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t idx : shellOf(grown, false).first) grown.mask[idx] = 1;
        describe(grown, g.size);
    }
    const Shell far = shellOf(grown);
    const BlockImages& im = images(region.block);
    std::vector<float> all, beyond;
    const double cut = darker ? regionMean - spread : regionMean + spread;
    for (const auto* layer : {&far.first, &far.second})
        for (std::size_t idx : *layer) {
            const float x = im.raw[idx];
            all.push_back(x);
            if (darker ? x < cut : x > cut) beyond.push_back(x);
        }
    // A neighbour that touches the lesion over a small part of its surface is a small part of
    // these layers: a mode of a hundredth of them (at least 5 voxels) counts, so that the level
    // stands against it and not against the tissue beyond it.
    const std::size_t least = std::max<std::size_t>(5, all.size() / 100);
    if (beyond.size() < least) return std::nullopt;
    const double mode = nearestTissueValue(std::move(all), darker, cut, std::max(rawNoise, 0.05 * spread), least);
    return std::isnan(mode) ? medianOf(std::move(beyond)) : mode;
}

void SeedSegmentation::moveToHalfLevel(Region& region) {
    // What counts as darker or brighter than the region: half the range's width, or, when
    // the seed's neighbourhood was mixed (its SD well over its MAD's: a click near the edge),
    // the MAD's half-width, else the surroundings the range took in are not told apart.
    const double classHalf = robustHalf > 0 && robustHalf < 0.75 * half ? robustHalf : half;
    // The rounds together add one partial-volume layer to the box of the region they start
    // from, not one each (two rounds of a two-voxel tail would make a tail of four).
    const Region base = region;
    // The thick axis with the coarsest spacing, or none.
    int coarse = -1;
    for (int a = 0; a < 3; ++a)
        if (thick[a] && (coarse < 0 || sp[a] > sp[coarse])) coarse = a;
    bool settledBeyond[2] = {settledFar[0], settledFar[1]};
    // A range on the smoothed copy stops up to two sigma inside the edge where the lesion's
    // contrast is many times the range's width (there the smoothed value leaves the range first):
    // the move to the 50% level against the tissue beyond (below) may move the outline out by
    // that as well as a partial-volume layer (a dark 100 lesion in 400 at noise 5 on 0.7 mm voxels
    // read 30.0 mL for 33.5 when it could not). The ordinary move keeps to the partial-volume
    // layer: with the reach it took a plate 3 noise SD darker into an 8 mm lesion (+100 %).
    const std::array<long, 3> noReach{0, 0, 0};
    std::array<long, 3> reach{};
    for (int a = 0; a < 3; ++a) reach[a] = std::lround(2 * sigmaMm / sp[a]);
    // The layer outside a region that stops short of the 50% level still holds some lesion,
    // so the move repeats (up to three times) from the region it gives, until it settles.
    for (int round = 0; round < 3; ++round) {
        double regionMean = 0;
        ShellClasses c;
        {
            const BlockImages& im = images(region.block);
            regionMean = meanOver(im.raw, region.mask);
            c = classify(im, shellOf(region).second, meanOver(im.source, region.mask), classHalf, rawNoise);
        }
        const std::size_t least = std::max<std::size_t>(1, c.total / 20);
        bool moved = false;
        // Each side on its own: the darker neighbour's bound, then the brighter one's.
        for (int side = 0; side < 2; ++side) {
            const bool dark = side == 0;
            if (halfLevelBlocked[side] || (dark ? c.darkN : c.brightN) < least) continue;
            const double level = 0.5 * (regionMean + (dark ? c.darkMean : c.brightMean));
            double lower = out.lower, upper = out.upper;
            // A bound beyond the level (a click near the lesion's edge puts the surroundings
            // into the seed's neighbourhood, and the range then spans their partial volume)
            // comes in to it: that cannot spread, and the region must still hold most of itself.
            bool tighten = dark ? level > lower + 0.1 * half : level < upper - 0.1 * half;
            // A layer that is lesion in its own values (within 3 noise SD of its mean) is no
            // neighbour: on a lesion of high contrast against its noise the range is narrow, and
            // on the smoothed copy it stops up to two voxels inside the edge (a 300 ellipsoid in
            // 100 at noise 8 read 6.3 mL for 8.0). The nearest tissue is looked for two voxels
            // further out, and the bound moves to the 50% level against it, once; where none
            // stands out there, the ordinary steps below apply.
            // Set once against the tissue beyond, a side stays there (later rounds' layers hold
            // the region's own partial volume, and a level against it would pass the tissue's).
            if (settledBeyond[side]) continue;
            std::optional<double> beyond;
            if (tighten && rawNoise > 0 && (dark ? regionMean - c.darkMean : c.brightMean - regionMean) < 3 * rawNoise)
                beyond = tissueBeyond(region, dark, regionMean, 3 * rawNoise);
            const double far = beyond ? 0.5 * (regionMean + *beyond) : 0.0;
            bool againstBeyond = false;
            if (beyond && (dark ? far < lower - 0.1 * half : far > upper + 0.1 * half)) {
                tighten = false;
                (dark ? lower : upper) = far;
                settledBeyond[side] = againstBeyond = true;
            } else if (dark && level < lower - 0.1 * half)
                lower = level;
            else if (!dark && level > upper + 0.1 * half)
                upper = level;
            else if (tighten && (dark ? level < out.upper : level > out.lower))
                (dark ? lower : upper) = level;
            else
                continue;
            auto refined = grow(lower, upper);
            // What widening took in must be partial volume in its own value too.
            if (refined && !tighten)
                detail::pruneWidening(*refined, region, images(refined->block).raw, lower, upper, rawNoise,
                                      seedIn(refined->block), g.size);
            // A region one or two thick slices deep gains a slice of its own partial volume on a
            // side: that alone can double it (the ASPS node at follow-up, 9 mm across 4 mm coronal
            // slices, read one slice when its second was held to the doubling). So where the first
            // region was that thin across the coarsest axis, the region may grow (n + 1) / n times
            // more, as long as it is at most one slice deeper there than that first region (else a
            // plate of similar value joined across the slices: +101 % for an 8 mm sphere on 4 mm).
            // The allowance goes to the widening that adds that slice, once (not again to a later
            // round from a region already a slice deeper).
            double maxRatio = 2.0;
            if (refined && coarse >= 0) {
                const long n = long(base.hi[coarse] - base.lo[coarse] + 1),
                           before = long(region.hi[coarse] - region.lo[coarse] + 1),
                           now = long(refined->hi[coarse] - refined->lo[coarse] + 1);
                if (n <= 2 && now <= n + 1 && now > before) maxRatio *= double(n + 1) / double(n);
            }
            // A widening must not shrink the region nor drop much of it: leak control cut an 8 mm
            // sphere across 4 mm slices, its next slice at the level, to 4 voxels of 70.
            if (refined && (tighten ? 2 * refined->count >= region.count
                                    : refined->count >= region.count && detail::shareKept(region, *refined) >= 0.9 &&
                                          onlyEdgeAdded(region, *refined, maxRatio, againstBeyond ? reach : noReach) &&
                                          onlyEdgeAdded(base, *refined, HUGE_VAL, againstBeyond ? reach : noReach))) {
                region = starShaped(std::move(*refined));
                out.lower = lower, out.upper = upper;
                out.refined = moved = true;
            } else {
                halfLevelBlocked[side] = true;
                // Part of how the outline was made, not a warning: the per-voxel partial-volume
                // layers still take the edge in the plane, and where the region is too thin across
                // the slices for that the result is flagged below.
                halfLevelNotes.push_back(std::string("the 50% partial-volume level towards the ") +
                                         (dark ? "darker" : "brighter") + " surroundings not used (" +
                                         (tighten ? "the region would have lost more than half of itself"
                                                  : "the region spread into a neighbour of similar value") +
                                         ")");
            }
        }
        if (!moved) break;
    }
    // A lesion two slices thick or less across thick slices is mostly partial volume along that
    // axis, and its extent there is whole slices: it can be a slice off whatever the moves did.
    // - Without its 50% boundary the ASPS node at follow-up (9 mm AP on 4 mm coronal slices) read
    //   one slice: 4 mm and 0.44 mL for 0.85.
    // - After the move against far surroundings (in the plane's terms) an 8 mm sphere across 4 mm
    //   slices read 29 % low; centred in a slice, its next slices are under half lesion everywhere.
    // - With its 50% boundary, a 10 mm sphere across 5 mm slices at contrast 10 noise SD takes in a
    //   next slice half lesion at its centre: +14 to +25 %.
    // So is a region that was that thin before these moves, however deep it is after them.
    const bool blocked = halfLevelBlocked[0] || halfLevelBlocked[1];
    for (int a = 0; a < 3; ++a) {
        const long slices = long(region.hi[a] - region.lo[a] + 1), first = long(base.hi[a] - base.lo[a] + 1);
        if (thick[a] && std::min(slices, first) <= 2) {
            out.warnings.push_back(
                thinAcrossSlicesWarning("the region", std::size_t(slices), sp[a],
                                        blocked ? " and its 50% partial-volume boundary was not used" : ""));
            break;
        }
    }
}

void SeedSegmentation::addRimAndLayers(Region& region) {
    const BlockSource source = [this](const Block& b) -> const BlockImages& { return images(b); };
    compartment = addEnclosingCompartment(v, region, source, half, rawNoise, leak, thick, boxBlock, o.fillHoles,
                                          Index3{long(seed[0]), long(seed[1]), long(seed[2])});
    if (compartment.outerShort)
        out.warnings.push_back(
            "check the outline: the outer boundary of the enclosing " +
            std::string("compartment (a rim round the core) ") +
            "could not be moved to the 50% partial-volume level without spreading; where the rim is thin it "
            "may be read in part only, and the sizes under-read. Compare it with the images, or give a box or a range");
    {
        const BlockImages& im = images(region.block);
        // Two layers, and a value up to 2 SD of the region's values beyond its mean still lesion.
        const double mean = meanOver(im.raw, region.mask);
        // The rim's outer boundary stands at the 50% level against the nearest tissue round it;
        // against a far one (air over a scalp mass) its cap across the slices is taken here.
        std::optional<ValueRange> far;
        if (!compartment.description.empty()) far = ValueRange{compartment.lower, compartment.upper};
        out.partialVolumeVoxels =
            addPartialVolumeLayer(region, im.raw, mean, 2 * sdOver(im.raw, region.mask, mean), thick, g.size, 2, far);
    }
}

}  // namespace mensura::imaging::detail
