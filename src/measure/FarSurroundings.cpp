// The seed segmentation's move against surroundings far from the lesion in value (see
// SeedSegmentation.h).
#include <algorithm>
#include <cmath>

#include "RobustStatistics.h"
#include "SeedSegmentation.h"

namespace mensura::imaging::detail {

namespace {

constexpr double kFarContrast = 10.0;  // noise SD between the lesion and its surroundings
constexpr double kSameTissue = 5.0;    // noise SD within which a value is a tissue's
constexpr double kPlateau = 3.0;       // noise SD within which two neighbours are one tissue's

// What a ray from the region's surface out along its normal meets: one tissue (after the lesion's
// own values and a ramp of partial volume), whose value is the median of the last three samples;
// or something else (a layer, a second tissue, a neighbour near the lesion's value).
struct Ray {
    bool clean = false;
    double tissue = 0;
    std::vector<double> lesion;   // the lesion's values along the ray
    std::vector<double> between;  // its partial volume
};

Ray readRay(const std::vector<double>& s, double lesionMean, double noise, double tissueNoise) {
    Ray r;
    if (s.size() < 4) return r;
    std::vector<double> last(s.end() - 3, s.end());
    std::sort(last.begin(), last.end());
    r.tissue = last[1];
    if (std::fabs(r.tissue - lesionMean) < kFarContrast * noise) return r;  // a neighbour near in value
    // The lesion: up to its last value along the ray (its noise may stray out of it before).
    std::size_t i = 0;
    for (std::size_t k = 0; k < s.size(); ++k)
        if (std::fabs(s[k] - lesionMean) < kSameTissue * noise) i = k + 1;
    r.lesion.assign(s.begin(), s.begin() + long(i));
    // Then partial volume: a ramp, each value a step from the last. Two in a row within 3 noise
    // SD of each other (one tissue's values, not a ramp) are a layer between the lesion and the
    // tissue beyond it. Across thick slices an oblique surface makes a ramp of several voxels.
    for (std::size_t first = i; i < s.size() && std::fabs(s[i] - r.tissue) >= kSameTissue * tissueNoise; ++i) {
        if (i > first && std::fabs(s[i] - s[i - 1]) < kPlateau * tissueNoise) return r;
        r.between.push_back(s[i]);
    }
    for (; i < s.size(); ++i)
        if (std::fabs(s[i] - r.tissue) >= kSameTissue * tissueNoise) return r;  // a second tissue
    r.clean = true;
    return r;
}

}  // namespace

// A lesion whose surroundings all lie far from it in value (a bright T2 lesion in muscle, a dark
// one in fat, an enhancing lesion in fat on CT): the range is a few noise SD wide, and on the
// smoothed copy it stops up to two sigma inside the edge, where the layers outside are still
// lesion and the partial-volume move has no neighbour to take a level against (a dark 100 sphere
// in 400 at noise 5 read 1.85 mL for 2.14 on 0.8 mm voxels, 30.0 mL for 33.5 for an ellipsoid on
// 0.7 x 0.7 x 2.5 mm). The histogram of the layers next to the region cannot tell that tissue:
// the partial volume there forms modes of its own (a plateau at 118 for that sphere).
//
// So what lies round the lesion is read along rays: from each voxel of the region's surface out
// along its outward normal (along an axis, a ray from the flat cap of a sphere runs inside the
// lesion), a voxel at a time, to two smoothing sigma and eight voxels out. A ray is clean when it
// meets the lesion's values, a ramp of partial volume, and then one tissue to its end at least
// kFarContrast noise SD from the lesion, and when the lesion's values the rays meet are its own
// (their median within a noise SD of the region's mean). When all but a 200th of the rays are clean (a
// thin layer round the lesion, a capsule or a shell, or a neighbour near it in value, touching
// it or not, makes rays that are not), each bound moves once to the 50% level against the
// nearest tissue on its side, and the region may grow by the smoothing's reach, alike on every
// side and nowhere shrinking.
void SeedSegmentation::moveAgainstFarSurroundings(Region& region) {
    if (!(rawNoise > 0)) return;
    // Not with smoothing wider than the default voxel: its reach would be many voxels, and a
    // small lesion's 50% contour on that copy is no longer its edge.
    if (sigmaMm > 1.5 * minSpacing) return;
    std::array<long, 3> reach{};
    for (int a = 0; a < 3; ++a) reach[a] = std::lround(2 * sigmaMm / sp[a]);
    const Block& b = region.block;
    const double mean = meanOver(images(b).raw, region.mask);
    const double lesionNoise = std::max(rawNoise, sdOver(images(b).raw, region.mask, mean));
    double fineSpacing = 0;
    for (int a = 0; a < 3; ++a)
        if (!thick[a]) fineSpacing = std::max(fineSpacing, sp[a]);
    const double rayMm = 2 * sigmaMm + 8 * fineSpacing;
    const int steps = int(std::ceil(rayMm / fineSpacing));
    auto inRegion = [&](long i, long j, long k) { return b.contains(i, j, k) && region.mask[b.linear(i, j, k)]; };
    std::vector<float> far[2];  // the tissue each clean ray ends in, darker and brighter
    std::size_t rays = 0, unclean = 0;
    std::vector<double> run;         // the lesion's values along every ray, beyond the region
    std::vector<double> between[2];  // the partial volume along the clean rays, darker and brighter
    std::vector<double> samples;
    std::vector<std::vector<double>> profiles;  // each readable ray's samples
    std::size_t idx = 0;
    for (long k = 0; k < long(b.size(2)); ++k)
        for (long j = 0; j < long(b.size(1)); ++j)
            for (long i = 0; i < long(b.size(0)); ++i, ++idx) {
                if (!region.mask[idx]) continue;
                if (inRegion(i - 1, j, k) && inRegion(i + 1, j, k) && inRegion(i, j - 1, k) && inRegion(i, j + 1, k) &&
                    inRegion(i, j, k - 1) && inRegion(i, j, k + 1))
                    continue;
                // The outward normal: where the region's 3 x 3 x 3 neighbourhood thins, in mm.
                Vec3 n{0, 0, 0};
                for (long dk = -1; dk <= 1; ++dk)
                    for (long dj = -1; dj <= 1; ++dj)
                        for (long di = -1; di <= 1; ++di)
                            if (!inRegion(i + di, j + dj, k + dk)) n = n + Vec3{double(di), double(dj), double(dk)};
                for (int a = 0; a < 3; ++a) n[a] /= sp[a];
                const double length = norm(n);
                if (!(length > 0)) continue;
                n = (1.0 / length) * n;
                // Through thick slices the next voxel is a slice's partial volume away: in-plane only.
                bool steep = false;
                for (int a = 0; a < 3; ++a) steep |= thick[a] && std::fabs(n[a]) > 0.25;
                if (steep) continue;
                // The samples, a voxel apart, each voxel once; a ray that leaves the volume or the
                // user's box, or folds back into the region, is not read.
                samples.clear();
                const long at[3] = {long(b.lo[0]) + i, long(b.lo[1]) + j, long(b.lo[2]) + k};
                long previous[3] = {at[0], at[1], at[2]};
                bool readable = true;
                for (int t = 1; t <= steps && readable; ++t) {
                    long p[3];
                    for (int a = 0; a < 3; ++a) p[a] = at[a] + std::lround(t * fineSpacing * n[a] / sp[a]);
                    if (p[0] == previous[0] && p[1] == previous[1] && p[2] == previous[2]) continue;
                    for (int a = 0; a < 3; ++a) {
                        const long lo = boxBlock ? long(boxBlock->lo[a]) : 0;
                        const long hi = boxBlock ? long(boxBlock->hi[a]) : long(g.size[a]) - 1;
                        readable = readable && p[a] >= lo && p[a] <= hi;
                    }
                    readable = readable && !inRegion(p[0] - long(b.lo[0]), p[1] - long(b.lo[1]), p[2] - long(b.lo[2]));
                    if (!readable) break;
                    samples.push_back(v.at(std::size_t(p[0]), std::size_t(p[1]), std::size_t(p[2])));
                    std::copy(p, p + 3, previous);
                }
                if (readable && samples.size() >= 4) profiles.push_back(samples);
            }
    // The tissues' own noise (MR noise differs between tissues, and the lesion's estimate is from
    // its neighbourhood): the robust SD of the rays' last samples on each side.
    double tissueNoise[2] = {rawNoise, rawNoise};
    for (int side = 0; side < 2; ++side) {
        std::vector<double> last;
        for (const auto& p : profiles)
            if (side == 0 ? p.back() < mean - kFarContrast * rawNoise : p.back() > mean + kFarContrast * rawNoise)
                last.push_back(p.back());
        if (last.size() < 10) continue;
        // The plain SD of the values within 6 robust SD of their median (the robust SD alone
        // under-reads quantised or heavy-tailed noise: 3.0 for CT fat at an SD of 4).
        const double median = medianOf(last), robust = robustSd(last, median);
        double sum = 0, sum2 = 0, n = 0;
        for (double x : last)
            if (std::fabs(x - median) <= 6 * robust) sum += x, sum2 += x * x, ++n;
        const double plain = n > 1 ? std::sqrt(std::max(0.0, (sum2 - sum * sum / n) / (n - 1))) : 0.0;
        tissueNoise[side] = std::max({rawNoise, robust, plain});
    }
    for (const auto& p : profiles) {
        ++rays;
        const Ray r = readRay(p, mean, lesionNoise, tissueNoise[p.back() < mean ? 0 : 1]);
        run.insert(run.end(), r.lesion.begin(), r.lesion.end());
        if (!r.clean) {
            ++unclean;
            continue;
        }
        const int side = r.tissue < mean ? 0 : 1;
        far[side].push_back(float(r.tissue));
        between[side].insert(between[side].end(), r.between.begin(), r.between.end());
    }
    if (rays < 50 || unclean * 200 > rays) return;
    // Beyond a region that stops inside the lesion, the rays meet the lesion's own values; a
    // layer just round it, near its value, sets their median apart (a shell 3 noise SD darker,
    // 2 mm thick: 2.6 SD below the region's mean; isolated lesions: within 0.5 SD).
    if (!run.empty() && std::fabs(medianOf(run) - mean) > lesionNoise) return;
    // Partial volume spreads over the values between the lesion and the tissue; a layer one voxel
    // thick round the lesion (a halo at 250 round a lesion at 300 in 100, a single sample on each
    // ray) gathers them at its value. No window of 4 noise SD may hold more than twice its share
    // of an even spread (lone lesions at noise 4-8: up to 1.7 times; that halo: 2.2 times).
    for (auto& values : between) {
        if (values.size() < 20) continue;
        std::sort(values.begin(), values.end());
        const double width = 4 * lesionNoise, spread = std::max(width, values.back() - values.front());
        std::size_t most = 0;
        for (std::size_t a = 0, b = 0; a < values.size(); ++a) {
            while (b < values.size() && values[b] <= values[a] + width) ++b;
            most = std::max(most, b - a);
        }
        if (double(most) > 2.0 * double(values.size()) * width / spread) return;
    }
    const Region base = region;
    // The count may grow by the shell the reach adds round the region (a sphere of radius r grown
    // by d: ((r + d) / r)^3), which is more than double on a small lesion.
    const double r = std::cbrt(3.0 * double(region.count) * sp.x * sp.y * sp.z / (4.0 * M_PI));
    const double maxRatio = std::max(2.0, std::pow((r + 2 * sigmaMm + minSpacing) / r, 3.0));
    for (int side = 0; side < 2; ++side) {
        const bool dark = side == 0;
        if (far[side].size() < 5) continue;
        // A mode of a hundredth of the rays' ends (at least 5) counts as a tissue.
        const std::size_t least = std::max<std::size_t>(5, far[side].size() / 100);
        // The nearest tissue on this side where there are several (muscle and fat round a T1 lesion).
        const double cut = dark ? mean - kFarContrast * rawNoise : mean + kFarContrast * rawNoise;
        std::vector<float> values = far[side];
        const double nearest = nearestTissueValue(std::move(values), dark, cut, rawNoise, least);
        const double tissue = std::isnan(nearest) ? medianOf(std::move(far[side])) : nearest;
        const double level = 0.5 * (mean + tissue);
        if (dark ? level >= out.lower : level <= out.upper) continue;
        const double lower = dark ? level : out.lower, upper = dark ? out.upper : level;
        auto moved = grow(lower, upper);
        if (!moved) continue;
        pruneWidening(*moved, region, images(moved->block).raw, lower, upper, rawNoise, seedIn(moved->block), g.size);
        if (moved->count < region.count || !onlyEdgeAdded(region, *moved, maxRatio, reach) ||
            !onlyEdgeAdded(base, *moved, HUGE_VAL, reach) || !grewEvenly(region, *moved, thick, sp))
            continue;
        region = starShaped(std::move(*moved));
        out.lower = lower, out.upper = upper;
        out.refined = settledFar[side] = true;
        halfLevelNotes.push_back(
            std::string("the ") + (dark ? "darker" : "brighter") + " surroundings (" + fmt(tissue) + ", read up to " +
            fmt(rayMm) + " mm out from the region) at least " + fmt(kFarContrast, 0) +
            " noise SD from the lesion, the 50% level against them taken with the smoothing's reach");
    }
}

}  // namespace mensura::imaging::detail
