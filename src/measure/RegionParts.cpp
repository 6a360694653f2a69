#include "mensura/measure/RegionParts.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "RobustStatistics.h"

namespace mensura::imaging::detail {

std::string fmt(double v, int precision) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(precision);
    s << v;
    return s.str();
}

std::string pointText(PointLps p) { return "(" + fmt(p.x) + ", " + fmt(p.y) + ", " + fmt(p.z) + ")"; }

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
    r.boxFaces = 0;
    if (r.box && r.count) {
        const Index3 &lo = (*r.box)[0], &hi = (*r.box)[1];
        for (int a = 0; a < 3; ++a) {
            if (long(r.lo[a]) <= lo[a] && long(b.lo[a]) + lo[a] > 0) r.boxFaces |= 1u << (2 * a);
            if (long(r.hi[a]) >= hi[a] && long(b.lo[a]) + hi[a] < long(volumeSize[a]) - 1)
                r.boxFaces |= 1u << (2 * a + 1);
        }
    }
}

Shell shellOf(const Region& r, bool insideBoxOnly) {
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
                    const bool next =
                        (i > 0 && layer[at(i - 1, j, k)] == from) || (i + 1 < n[0] && layer[at(i + 1, j, k)] == from) ||
                        (j > 0 && layer[at(i, j - 1, k)] == from) || (j + 1 < n[1] && layer[at(i, j + 1, k)] == from) ||
                        (k > 0 && layer[at(i, j, k - 1)] == from) || (k + 1 < n[2] && layer[at(i, j, k + 1)] == from);
                    if (!next) continue;
                    layer[at(i, j, k)] = to;
                    if (insideBoxOnly && !insideBox(r.box, lo[0] + i, lo[1] + j, lo[2] + k)) continue;
                    (to == 1 ? s.first : s.second).push_back(b.linear(lo[0] + i, lo[1] + j, lo[2] + k));
                }
    }
    return s;
}

double nearestTissueValue(std::vector<float> x, bool darker, double cut, double width, std::size_t least) {
    if (x.empty()) return std::numeric_limits<double>::quiet_NaN();
    std::sort(x.begin(), x.end());
    const std::size_t n = x.size();
    std::vector<double> prefix(n + 1, 0.0);
    for (std::size_t k = 0; k < n; ++k) prefix[k + 1] = prefix[k] + x[k];
    auto window = [&](double m) {  // [first, last) of the values within m +/- width
        const auto f = std::size_t(std::lower_bound(x.begin(), x.end(), float(m - width)) - x.begin());
        const auto l = std::size_t(std::upper_bound(x.begin(), x.end(), float(m + width)) - x.begin());
        return std::pair<std::size_t, std::size_t>{f, l};
    };
    auto beyond = [&](double y) { return darker ? y < cut : y > cut; };
    // From the cut outwards, climb from each value (a width apart) to the mode of the whole
    // layer it leads to: the first that stays beyond the cut is the nearest tissue. From the
    // lesion's own noise and partial volume the climb leads back into the lesion.
    double from = cut;
    for (std::size_t step = 0; step < n; ++step) {
        const std::size_t i = darker ? n - 1 - step : step;
        if (!beyond(x[i]) || (darker ? x[i] > from - width : x[i] < from + width)) continue;
        from = x[i];
        double m = x[i];
        for (int round = 0; round < 100; ++round) {
            const auto [f, l] = window(m);
            const double next = (prefix[l] - prefix[f]) / double(l - f);
            const bool settled = std::fabs(next - m) < 0.01 * width;
            m = next;
            if (settled) break;
        }
        const auto [f, l] = window(m);
        if (beyond(m) && l - f >= least) return m;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

ShellClasses classify(const BlockImages& im, const std::vector<std::size_t>& shell, double centre, double half,
                      double noise, bool nearest) {
    ShellClasses c;
    std::vector<float> dark, bright, all;
    if (nearest) all.reserve(shell.size());
    for (std::size_t idx : shell) {
        const double x = im.source[idx];
        ++c.total;
        if (nearest) all.push_back(im.raw[idx]);
        if (x < centre - half) dark.push_back(im.raw[idx]);
        if (x > centre + half) bright.push_back(im.raw[idx]);
    }
    const std::size_t least = std::max<std::size_t>(1, c.total / 20);
    const double width = std::max(noise, 0.05 * half);
    c.darkN = dark.size(), c.brightN = bright.size();
    // Each class's value: its nearest tissue's with `nearest`, else its median (the voxels of the
    // layer still partly lesion form a tail towards the lesion).
    if (c.darkN) {
        const double m = nearest ? nearestTissueValue(all, true, centre - half, width, least) : std::nan("");
        c.darkMean = std::isnan(m) ? medianOf(std::move(dark)) : m;
    }
    if (c.brightN) {
        const double m = nearest ? nearestTissueValue(all, false, centre + half, width, least) : std::nan("");
        c.brightMean = std::isnan(m) ? medianOf(std::move(bright)) : m;
    }
    return c;
}

// A bound moved to the 50% level adds a partial-volume layer: under a voxel on each side. A
// region that spreads further took in a neighbour of similar value (cord beside a paraspinal
// mass, brain under a skull lesion), and that bound stays where it was.
namespace {

// How far after's box reaches beyond before's along axis a, in voxels: {low side, high side}.
std::array<long, 2> sideGrowth(const Region& before, const Region& after, int a) {
    const long lo0 = long(before.block.lo[a] + before.lo[a]), hi0 = long(before.block.lo[a] + before.hi[a]);
    const long lo1 = long(after.block.lo[a] + after.lo[a]), hi1 = long(after.block.lo[a] + after.hi[a]);
    return {lo0 - lo1, hi1 - hi0};
}

}  // namespace

bool onlyEdgeAdded(const Region& before, const Region& after, double maxCountRatio, const std::array<long, 3>& reach) {
    if (double(after.count) > maxCountRatio * double(before.count)) return false;
    for (int a = 0; a < 3; ++a)
        for (long grew : sideGrowth(before, after, a))
            if (grew > 2 + reach[a]) return false;
    return true;
}

std::array<bool, 3> thickAxes(const Vec3& spacingMm) {
    const double finest = std::min({spacingMm.x, spacingMm.y, spacingMm.z});
    return {spacingMm.x > 1.5 * finest, spacingMm.y > 1.5 * finest, spacingMm.z > 1.5 * finest};
}

std::string thinAcrossSlicesWarning(const std::string& subject, std::size_t slices, double spacingMm,
                                    const std::string& detail) {
    return "check the outline: " + subject + " spans " + std::to_string(slices) + " slice(s) of " + fmt(spacingMm) +
           " mm, where it is mostly partial volume" + detail +
           ", so the size across the slices and the volume may be off by up to a slice. Compare it with the images, or "
           "measure on a series with thinner slices, or with calipers";
}

double shareKept(const Region& before, const Region& after) {
    const Block& b = before.block;
    const long n[3] = {long(b.size(0)), long(b.size(1)), long(b.size(2))};
    std::size_t kept = 0, total = 0, idx = 0;
    for (long k = 0; k < n[2]; ++k)
        for (long j = 0; j < n[1]; ++j)
            for (long i = 0; i < n[0]; ++i, ++idx) {
                if (!before.mask[idx]) continue;
                ++total;
                const long ai = long(b.lo[0]) + i - long(after.block.lo[0]),
                           aj = long(b.lo[1]) + j - long(after.block.lo[1]),
                           ak = long(b.lo[2]) + k - long(after.block.lo[2]);
                kept += after.block.contains(ai, aj, ak) && after.mask[after.block.linear(ai, aj, ak)];
            }
    return total ? double(kept) / double(total) : 1.0;
}

bool grewEvenly(const Region& before, const Region& after, const std::array<bool, 3>& thick, const Vec3& spacingMm) {
    double least = HUGE_VAL, most = -HUGE_VAL, coarsest = 0;
    for (int a = 0; a < 3; ++a) {
        if (thick[a]) continue;
        for (long grew : sideGrowth(before, after, a)) {
            least = std::min(least, double(grew) * spacingMm[a]);
            most = std::max(most, double(grew) * spacingMm[a]);
        }
        coarsest = std::max(coarsest, spacingMm[a]);
    }
    return least == HUGE_VAL || (least >= 0 && most - least <= coarsest + 1e-6);
}

double shareOfLayerOutsideBox(const Region& r) {
    if (!r.box) return 0.0;
    const std::vector<std::size_t> first = shellOf(r, false).first;
    const Block& b = r.block;
    std::size_t outside = 0;
    for (std::size_t idx : first)
        outside += !insideBox(r.box, long(idx % b.size(0)), long((idx / b.size(0)) % b.size(1)),
                              long(idx / (b.size(0) * b.size(1))));
    return first.empty() ? 0.0 : double(outside) / double(first.size());
}

double outsideShareInRange(const Region& r, const std::vector<float>& values, double lower, double upper) {
    const std::vector<std::size_t> second = shellOf(r).second;
    std::size_t like = 0;
    for (std::size_t idx : second) like += values[idx] >= lower && values[idx] <= upper;
    return second.empty() ? 0.0 : double(like) / double(second.size());
}

std::size_t pruneWidening(Region& after, const Region& before, const std::vector<float>& raw, double lower,
                          double upper, double tolerance, Index3 seed, const std::array<std::size_t, 3>& volumeSize) {
    const Block& b = after.block;
    const long n[3] = {long(b.size(0)), long(b.size(1)), long(b.size(2))};
    const std::size_t count = after.count;
    std::vector<std::size_t> drop;
    std::size_t idx = 0;
    for (long k = 0; k < n[2]; ++k)
        for (long j = 0; j < n[1]; ++j)
            for (long i = 0; i < n[0]; ++i, ++idx) {
                if (!after.mask[idx]) continue;
                // In before? (its block may be smaller than after's)
                const long bi = long(b.lo[0]) + i - long(before.block.lo[0]),
                           bj = long(b.lo[1]) + j - long(before.block.lo[1]),
                           bk = long(b.lo[2]) + k - long(before.block.lo[2]);
                if (before.block.contains(bi, bj, bk) && before.mask[before.block.linear(bi, bj, bk)]) continue;
                if (raw[idx] < lower - tolerance || raw[idx] > upper + tolerance) drop.push_back(idx);
            }
    for (std::size_t d : drop) after.mask[d] = 0;
    keepSeedComponent(after.mask, b, seed);
    describe(after, volumeSize);
    return count - after.count;
}

namespace {

// One layer of addPartialVolumeLayer; returns the voxels added (the region's box not updated).
std::size_t addOnePartialVolumeLayer(Region& r, const std::vector<float>& values, double regionMean, double noise,
                                     std::array<bool, 3> thick, const std::optional<ValueRange>& farAlongThick) {
    const Block& b = r.block;
    const long n[3] = {long(b.size(0)), long(b.size(1)), long(b.size(2))};
    const long step[3] = {1, n[0], n[0] * n[1]};
    std::vector<std::size_t> add;
    for (const std::size_t idx : shellOf(r).first) {
        const long c[3] = {long(idx) % n[0], (long(idx) / n[0]) % n[1], long(idx) / (n[0] * n[1])};
        const double x = values[idx];
        bool half = false;
        for (int a = 0; a < 3 && !half; ++a) {
            if (thick[a] && !farAlongThick) continue;
            for (long dir : {-1L, 1L}) {
                // The region on one side, the neighbour tissue on the other.
                const long in = c[a] - dir, out = c[a] + dir;
                if (in < 0 || in >= n[a] || out < 0 || out >= n[a]) continue;
                if (!r.mask[std::size_t(long(idx) - dir * step[a])] || r.mask[std::size_t(long(idx) + dir * step[a])])
                    continue;
                const double y = values[std::size_t(long(idx) + dir * step[a])];
                // Across the slices, only against a tissue whose 50% level lies well beyond the
                // range, and for a voxel beyond the range on that tissue's side by more than the
                // noise (a mix of the two, not a third tissue just outside the range: brain beside
                // a lesion with bone or CSF beyond it).
                if (thick[a]) {
                    const double level = 0.5 * (regionMean + y);
                    if (y < regionMean ? level > farAlongThick->lower - noise || x > farAlongThick->lower - noise
                                       : level < farAlongThick->upper + noise || x < farAlongThick->upper + noise)
                        continue;
                }
                // Nearer the mean than the tissue beyond, on the lesion's side of it, and no
                // further beyond the mean than the noise allows.
                if ((x - y) * (regionMean - y) > 0 && std::fabs(x - regionMean) < std::fabs(x - y) &&
                    std::fabs(x - y) < std::fabs(regionMean - y) + noise) {
                    half = true;
                    break;
                }
            }
        }
        if (half) add.push_back(idx);
    }
    for (std::size_t idx : add) r.mask[idx] = 1;
    return add.size();
}

}  // namespace

std::size_t addPartialVolumeLayer(Region& r, const std::vector<float>& values, double regionMean, double noise,
                                  std::array<bool, 3> thick, const std::array<std::size_t, 3>& volumeSize, int layers,
                                  const std::optional<ValueRange>& farAlongThick) {
    std::size_t total = 0;
    for (int layer = 0; layer < layers; ++layer) {
        const std::size_t added =
            addOnePartialVolumeLayer(r, values, regionMean, noise, thick, layer == 0 ? farAlongThick : std::nullopt);
        if (added == 0) break;
        total += added;
    }
    if (total) describe(r, volumeSize);
    return total;
}

double meanOver(const std::vector<float>& values, const std::vector<std::uint8_t>& mask) {
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < mask.size(); ++i)
        if (mask[i]) sum += values[i], ++n;
    return n ? sum / double(n) : 0.0;
}

double sdOver(const std::vector<float>& values, const std::vector<std::uint8_t>& mask, double mean) {
    double sum2 = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < mask.size(); ++i)
        if (mask[i]) sum2 += (values[i] - mean) * (values[i] - mean), ++n;
    return n > 1 ? std::sqrt(sum2 / double(n - 1)) : 0.0;
}

}  // namespace mensura::imaging::detail
