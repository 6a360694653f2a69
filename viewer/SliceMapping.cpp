#include "SliceMapping.h"

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

}  // namespace mensura::viewer
