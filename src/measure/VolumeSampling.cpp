#include "VolumeSampling.h"

#include <algorithm>
#include <cmath>

namespace mensura::imaging {

std::optional<double> sampleLinear(const Volume& v, PointLps p) {
    const Vec3 c = v.geometry.lpsToIndex(p);
    std::size_t i0[3];
    double f[3];
    for (int a = 0; a < 3; ++a) {
        const double n = double(v.geometry.size[a]);
        if (!(c[a] >= -0.5 && c[a] <= n - 0.5)) return std::nullopt;
        const double x = std::clamp(c[a], 0.0, n - 1);
        const double fl = std::min(std::floor(x), std::max(0.0, n - 2));
        i0[a] = static_cast<std::size_t>(fl);
        f[a] = n > 1 ? x - fl : 0.0;
    }
    double acc = 0;
    for (int corner = 0; corner < 8; ++corner) {
        double w = 1;
        std::size_t idx[3];
        for (int a = 0; a < 3; ++a) {
            const bool hi = corner & (1 << a);
            w *= hi ? f[a] : 1 - f[a];
            idx[a] = std::min(i0[a] + (hi ? 1 : 0), v.geometry.size[a] - 1);
        }
        if (w > 0) acc += w * v.at(idx[0], idx[1], idx[2]);
    }
    return acc;
}

}  // namespace mensura::imaging
