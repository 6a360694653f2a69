#include "LesionValues.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "RobustStatistics.h"

namespace mensura::imaging {

namespace {

bool fits(const LesionMask& m, const std::vector<double>& values) {
    return m.voxels.size() == m.geometry.voxelCount() && values.size() == m.voxels.size();
}

}  // namespace

LesionValueRoles lesionValueRoles(const LesionMask& m, const std::vector<double>& values) {
    LesionValueRoles r;
    if (!fits(m, values)) return r;
    const VolumeGeometry& g = m.geometry;
    const long n[3] = {long(g.size[0]), long(g.size[1]), long(g.size[2])};
    auto in = [&](long i, long j, long k) {
        return i >= 0 && j >= 0 && k >= 0 && i < n[0] && j < n[1] && k < n[2] &&
               m.inside(std::size_t(i), std::size_t(j), std::size_t(k));
    };
    const double finest = std::min({g.spacingMm.x, g.spacingMm.y, g.spacingMm.z});
    bool fine[3];
    for (int a = 0; a < 3; ++a) fine[a] = g.spacingMm[a] <= 1.5 * finest;

    r.own.assign(m.voxels.size(), 0);
    std::vector<double> interior;
    std::vector<std::size_t> caps;
    std::size_t valued = 0;
    for (long k = 0; k < n[2]; ++k)
        for (long j = 0; j < n[1]; ++j)
            for (long i = 0; i < n[0]; ++i) {
                const std::size_t idx = m.index(std::size_t(i), std::size_t(j), std::size_t(k));
                if (!m.voxels[idx] || !std::isfinite(values[idx])) continue;
                ++valued;
                bool edge = false, cap = false;
                const long p[3] = {i, j, k};
                for (int a = 0; a < 3; ++a) {
                    long lo[3] = {p[0], p[1], p[2]}, hi[3] = {p[0], p[1], p[2]};
                    --lo[a], ++hi[a];
                    const bool along = !in(lo[0], lo[1], lo[2]) || !in(hi[0], hi[1], hi[2]);
                    (fine[a] ? edge : cap) |= along;
                }
                if (edge) continue;
                if (cap) {
                    caps.push_back(idx);
                } else {
                    r.own[idx] = 1;
                    interior.push_back(values[idx]);
                }
            }
    // Caps far from the interior's values are partly surroundings. The robust SD is 0 where most
    // of the interior has one value (noise-free or clipped data): then the plain SD.
    if (interior.empty()) {
        // No voxel has lesion on both sides across the slices (a lesion two slices thick or
        // less): every cap is partly surroundings there, the least where the lesion is deepest in
        // the plane, so the caps two voxels or more inside its outline in the plane stand for
        // it, where there are enough of them.
        std::vector<std::size_t> deep;
        for (std::size_t idx : caps) {
            const long i = long(idx % std::size_t(n[0])), j = long((idx / std::size_t(n[0])) % std::size_t(n[1])),
                       k = long(idx / std::size_t(n[0] * n[1]));
            bool inside = true;
            for (int a = 0; a < 3 && inside; ++a)
                if (fine[a])
                    for (long d : {-2L, 2L}) {
                        long q[3] = {i, j, k};
                        q[a] += d;
                        inside = inside && in(q[0], q[1], q[2]);
                    }
            if (inside) deep.push_back(idx);
        }
        // Of two slices, one may hold the lesion's middle and the other a cap of it (the ASPS node
        // at follow-up lies 1 mm off the middle of a 4 mm coronal slice, and the next slice is an
        // eighth muscle at the node's centre: its mean read 486 for 500 with both). Along the
        // coarsest axis, the slice with the most deep voxels is the lesion's deepest; another
        // counts when it has at least half as many.
        int coarsest = 0;
        for (int a = 1; a < 3; ++a)
            if (g.spacingMm[a] > g.spacingMm[coarsest]) coarsest = a;
        auto sliceOf = [&](std::size_t idx) {
            const long p[3] = {long(idx % std::size_t(n[0])), long((idx / std::size_t(n[0])) % std::size_t(n[1])),
                               long(idx / std::size_t(n[0] * n[1]))};
            return p[coarsest];
        };
        std::map<long, std::size_t> deepPerSlice, maskPerSlice;
        for (std::size_t idx : deep) ++deepPerSlice[sliceOf(idx)];
        for (std::size_t idx : caps) ++maskPerSlice[sliceOf(idx)];
        std::size_t most = 0;
        for (const auto& [slice, count] : deepPerSlice) most = std::max(most, count);
        std::vector<std::size_t> deepest;
        std::size_t ofSlices = 0;
        for (const auto& [slice, count] : deepPerSlice)
            if (2 * count >= most) ofSlices += maskPerSlice[slice];
        for (std::size_t idx : deep)
            if (2 * deepPerSlice[sliceOf(idx)] >= most) deepest.push_back(idx);
        // They stand for the region when they are at least a quarter of their slices' caps (a
        // thin lesion's deep voxels are few against its whole mask).
        if (deepest.size() >= 8 && 4 * deepest.size() >= ofSlices) {
            for (std::size_t idx : deepest) r.own[idx] = 1;
            r.useOwn = true;
            return r;
        }
        for (std::size_t idx : deep.size() >= 8 ? deep : caps) r.own[idx] = 1;
    } else {
        const double median = detail::medianOf(interior);
        double spread = detail::robustSd(interior, median);
        if (!(spread > 0)) {
            double sum = 0, sum2 = 0;
            for (double x : interior) sum += x, sum2 += x * x;
            const double c = double(interior.size());
            spread = std::sqrt(std::max(0.0, sum2 / c - (sum / c) * (sum / c)));
        }
        for (std::size_t idx : caps)
            if (std::fabs(values[idx] - median) <= 4 * spread) r.own[idx] = 1;
    }
    const auto own = std::size_t(std::count(r.own.begin(), r.own.end(), std::uint8_t{1}));
    r.useOwn = own >= 8 && 4 * own >= valued;
    return r;
}

ValueStatistics lesionValueStatistics(const LesionMask& m, const LesionValueRoles& roles,
                                      const std::vector<double>& values) {
    ValueStatistics s;
    if (!fits(m, values)) return s;
    const bool useOwn = roles.useOwn && roles.own.size() == m.voxels.size();
    auto counts = [&](std::size_t idx) {
        return m.voxels[idx] && std::isfinite(values[idx]) && (!useOwn || roles.own[idx]);
    };
    double sum = 0, sum2 = 0;
    s.min = HUGE_VAL, s.max = -HUGE_VAL;
    for (std::size_t idx = 0; idx < m.voxels.size(); ++idx)
        if (counts(idx)) {
            const double x = values[idx];
            sum += x, sum2 += x * x, s.min = std::min(s.min, x), s.max = std::max(s.max, x), ++s.count;
        }
    if (s.count == 0) return ValueStatistics{};
    const double c = double(s.count);
    s.sd = s.count > 1 ? std::sqrt(std::max(0.0, (sum2 - sum * sum / c) / (c - 1))) : 0.0;
    s.mean = sum / c;
    if (!useOwn) return s;
    // The voxels whose own value does not count, at their interior neighbours' mean, or at the
    // interior's mean when none is next to them.
    const double ownMean = s.mean;
    const VolumeGeometry& g = m.geometry;
    const long n[3] = {long(g.size[0]), long(g.size[1]), long(g.size[2])};
    double weighted = sum, counted = c;
    for (long k = 0; k < n[2]; ++k)
        for (long j = 0; j < n[1]; ++j)
            for (long i = 0; i < n[0]; ++i) {
                const std::size_t idx = m.index(std::size_t(i), std::size_t(j), std::size_t(k));
                if (!m.voxels[idx] || !std::isfinite(values[idx]) || roles.own[idx]) continue;
                double near = 0;
                int count = 0;
                for (long dk = -1; dk <= 1; ++dk)
                    for (long dj = -1; dj <= 1; ++dj)
                        for (long di = -1; di <= 1; ++di) {
                            const long q[3] = {i + di, j + dj, k + dk};
                            if (q[0] < 0 || q[1] < 0 || q[2] < 0 || q[0] >= n[0] || q[1] >= n[1] || q[2] >= n[2])
                                continue;
                            const std::size_t qi = m.index(std::size_t(q[0]), std::size_t(q[1]), std::size_t(q[2]));
                            if (counts(qi)) near += values[qi], ++count;
                        }
                weighted += count > 0 ? near / count : ownMean;
                counted += 1;
            }
    s.mean = weighted / counted;
    return s;
}

ValueStatistics lesionValueStatistics(const LesionMask& m, const std::vector<double>& values) {
    return lesionValueStatistics(m, lesionValueRoles(m, values), values);
}

}  // namespace mensura::imaging
