#include "mensura/measure/BidirectionalAxes.h"

#include <algorithm>
#include <cmath>

namespace mensura::imaging {

namespace {

Result<BidirectionalPoints> checked(const BidirectionalPoints& p) {
    auto check = bidimensional({p[0], p[1]}, {p[2], p[3]});
    if (!check) return check.error();
    return p;
}

}  // namespace

Result<BidirectionalPoints> bidirectionalFromDrags(const CaliperLine& longAxis, PointLps from, PointLps to,
                                                   Vec3 planeNormal) {
    const Vec3 along = longAxis.b - longAxis.a;
    const double length = norm(along);
    if (length <= 1e-9) return Error{"bidirectional: the long axis has zero length"};
    const Vec3 dir = (1.0 / length) * along;
    const Vec3 n = normalized(planeNormal - dot(planeNormal, dir) * dir);
    if (norm(n) < 0.5) return Error{"bidirectional: the long axis runs along the view's normal"};
    const Vec3 perp = cross(n, dir);
    const double t = std::clamp(dot(0.5 * (from + to) - longAxis.a, dir) / length, 0.0, 1.0);
    const PointLps foot = longAxis.a + t * along;
    const PointLps e1 = foot + dot(from - foot, perp) * perp, e2 = foot + dot(to - foot, perp) * perp;
    if (norm(e2 - e1) <= 1e-9) return Error{"bidirectional: the short axis has zero length"};
    BidirectionalPoints p{longAxis.a, longAxis.b, e1, e2};
    if (norm(e2 - e1) > length) p = {e1, e2, longAxis.a, longAxis.b};
    return checked(p);
}

Result<BidirectionalPoints> moveBidirectionalHandle(const BidirectionalPoints& points, std::size_t index, PointLps p) {
    if (index > 3) return Error{"bidirectional: no handle " + std::to_string(index)};
    const Vec3 along = points[1] - points[0], across = points[3] - points[2];
    const double length = norm(along);
    if (length <= 1e-9 || norm(across) <= 1e-9) return Error{"bidirectional: an axis has zero length"};
    const Vec3 n = normalized(cross(along, across));
    const Vec3 dir = (1.0 / length) * along, perp = cross(n, dir);
    const double t = dot(points[2] - points[0], dir) / length;  // where the short axis crosses
    const PointLps foot = points[0] + t * along;
    double s2 = dot(points[2] - foot, perp), s3 = dot(points[3] - foot, perp);
    p = p - dot(p - foot, n) * n;  // stay in the measurement's plane
    BidirectionalPoints out = points;
    if (index >= 2) {
        (index == 2 ? s2 : s3) = dot(p - foot, perp);
        out[2] = foot + s2 * perp;
        out[3] = foot + s3 * perp;
        return checked(out);
    }
    out[index] = p;
    const Vec3 newAlong = out[1] - out[0];
    if (norm(newAlong) <= 1e-9) return Error{"bidirectional: the long axis has zero length"};
    const Vec3 newPerp = cross(n, normalized(newAlong));
    const PointLps newFoot = out[0] + t * newAlong;
    out[2] = newFoot + s2 * newPerp;
    out[3] = newFoot + s3 * newPerp;
    return checked(out);
}

}  // namespace mensura::imaging
