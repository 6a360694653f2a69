#include "mensura/viewer-model/SliceMapping.h"

#include <algorithm>
#include <cmath>

namespace mensura::viewer {

void SliceMapping::toWidget(imaging::PointLps p, double& x, double& y) const {
    const imaging::Vec3 d = p - sliceCornerLps;
    const double sx = imaging::dot(d, frame.right), sy = imaging::dot(d, frame.up);
    x = 0.5 * widgetWidth + (sx - centreX) / mmPerPixel;
    y = 0.5 * widgetHeight - (sy - centreY) / mmPerPixel;
}

imaging::PointLps SliceMapping::toLps(double x, double y) const {
    const double sx = centreX + (x - 0.5 * widgetWidth) * mmPerPixel;
    const double sy = centreY - (y - 0.5 * widgetHeight) * mmPerPixel;
    return sliceCornerLps + sx * frame.right + sy * frame.up;
}

double SliceMapping::distanceFromPlane(imaging::PointLps p) const {
    return imaging::dot(p - sliceCornerLps, frame.normal);
}

bool SliceMapping::onSlice(imaging::PointLps p) const {
    return std::fabs(distanceFromPlane(p)) <= 0.5 * frame.sliceSpacingMm + 1e-3;
}

std::vector<imaging::PointLps> boxSection(const std::array<imaging::PointLps, 8>& corners, const SliceMapping& m) {
    std::vector<imaging::PointLps> points;
    for (int c = 0; c < 8; ++c)
        for (int bit : {1, 2, 4}) {
            if (c & bit) continue;  // each edge once, from its lower end
            const imaging::PointLps a = corners[std::size_t(c)], b = corners[std::size_t(c | bit)];
            const double da = m.distanceFromPlane(a), db = m.distanceFromPlane(b);
            if ((da > 0 && db > 0) || (da < 0 && db < 0) || da == db) continue;
            points.push_back(a + (da / (da - db)) * (b - a));
        }
    if (points.size() < 3) return {};
    imaging::Vec3 centre{};
    for (const auto& p : points) centre = centre + (1.0 / double(points.size())) * p;
    auto angle = [&](const imaging::PointLps& p) {
        const imaging::Vec3 d = p - centre;
        return std::atan2(imaging::dot(d, m.frame.up), imaging::dot(d, m.frame.right));
    };
    std::sort(points.begin(), points.end(), [&](const auto& x, const auto& y) { return angle(x) < angle(y); });
    // A corner on the plane is met by three edges: keep it once.
    points.erase(std::unique(points.begin(), points.end(),
                             [](const auto& x, const auto& y) { return imaging::norm(x - y) < 1e-6; }),
                 points.end());
    return points.size() >= 3 ? points : std::vector<imaging::PointLps>{};
}

}  // namespace mensura::viewer
