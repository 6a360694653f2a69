#include "imaging/measure/LesionValues.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "imaging/measure/RobustStatistics.h"

namespace mensura::imaging {

namespace {

enum class Role : std::uint8_t { None, Edge, Cap, Interior };

}  // namespace

ValueStatistics lesionValueStatistics(const LesionMask& m, const std::vector<double>& values) {
    const VolumeGeometry& g = m.geometry;
    const long n[3] = {long(g.size[0]), long(g.size[1]), long(g.size[2])};
    auto in = [&](long i, long j, long k) {
        return i >= 0 && j >= 0 && k >= 0 && i < n[0] && j < n[1] && k < n[2] &&
               m.inside(std::size_t(i), std::size_t(j), std::size_t(k));
    };
    const double finest = std::min({g.spacingMm.x, g.spacingMm.y, g.spacingMm.z});
    bool fine[3];
    for (int a = 0; a < 3; ++a) fine[a] = g.spacingMm[a] <= 1.5 * finest;

    // Each voxel's role, and the interior's values for the caps' test.
    std::vector<Role> role(m.voxels.size(), Role::None);
    std::vector<double> interior, all;
    std::vector<std::size_t> caps;
    for (long k = 0; k < n[2]; ++k)
        for (long j = 0; j < n[1]; ++j)
            for (long i = 0; i < n[0]; ++i) {
                const std::size_t idx = m.index(std::size_t(i), std::size_t(j), std::size_t(k));
                if (!m.voxels[idx] || !std::isfinite(values[idx])) continue;
                all.push_back(values[idx]);
                bool edgeAlong[3];
                const long p[3] = {i, j, k};
                for (int a = 0; a < 3; ++a) {
                    long lo[3] = {p[0], p[1], p[2]}, hi[3] = {p[0], p[1], p[2]};
                    --lo[a], ++hi[a];
                    edgeAlong[a] = !in(lo[0], lo[1], lo[2]) || !in(hi[0], hi[1], hi[2]);
                }
                bool edge = false, cap = false;
                for (int a = 0; a < 3; ++a) (fine[a] ? edge : cap) |= edgeAlong[a];
                if (edge) {
                    role[idx] = Role::Edge;
                } else if (cap) {
                    role[idx] = Role::Cap;
                    caps.push_back(idx);
                } else {
                    role[idx] = Role::Interior;
                    interior.push_back(values[idx]);
                }
            }
    ValueStatistics s;
    if (all.empty()) return s;
    if (!interior.empty() && !caps.empty()) {
        const double median = detail::medianOf(interior);
        const double far = 4 * detail::robustSd(interior, median);
        for (std::size_t idx : caps)
            if (std::fabs(values[idx] - median) <= far) role[idx] = Role::Interior;
    }
    std::vector<double> own;
    for (std::size_t idx = 0; idx < role.size(); ++idx)
        if (role[idx] == Role::Interior) own.push_back(values[idx]);
    const bool useInterior = own.size() >= 8 && 4 * own.size() >= all.size();
    if (!useInterior) own = all;

    double sum = 0, sum2 = 0;
    s.min = own.front(), s.max = own.front();
    for (double x : own) sum += x, sum2 += x * x, s.min = std::min(s.min, x), s.max = std::max(s.max, x);
    s.count = own.size();
    const double c = double(own.size());
    s.sd = own.size() > 1 ? std::sqrt(std::max(0.0, (sum2 - sum * sum / c) / (c - 1))) : 0.0;
    if (!useInterior) {
        s.mean = sum / c;
        return s;
    }
    // The voxels whose own value does not count, at their interior neighbours' mean.
    double weighted = sum, counted = c;
    for (long k = 0; k < n[2]; ++k)
        for (long j = 0; j < n[1]; ++j)
            for (long i = 0; i < n[0]; ++i) {
                const std::size_t idx = m.index(std::size_t(i), std::size_t(j), std::size_t(k));
                if (role[idx] != Role::Edge && role[idx] != Role::Cap) continue;
                double near = 0;
                int count = 0;
                for (long dk = -1; dk <= 1; ++dk)
                    for (long dj = -1; dj <= 1; ++dj)
                        for (long di = -1; di <= 1; ++di) {
                            if (!in(i + di, j + dj, k + dk)) continue;
                            const std::size_t q = m.index(std::size_t(i + di), std::size_t(j + dj), std::size_t(k + dk));
                            if (role[q] == Role::Interior) near += values[q], ++count;
                        }
                if (count > 0) weighted += near / count, counted += 1;
            }
    s.mean = weighted / counted;
    return s;
}

}  // namespace mensura::imaging
