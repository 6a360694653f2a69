#include "mensura/annotations/HandleEdits.h"

#include "mensura/annotations/AnnotationKinds.h"
#include "mensura/measure/BidirectionalAxes.h"

namespace mensura::annotations {

using imaging::PointLps;
using imaging::Vec3;

namespace {

// Only the coordinate along the dragged caliper's patient axis follows the mouse.
std::vector<PointLps> alongCaliperAxis(const AnnotationKindDescriptor& d, std::vector<PointLps> points,
                                       std::size_t index, PointLps p) {
    for (const CaliperSpec& c : d.calipers) {
        if (c.patientAxis < 0 || (c.points.from != index && c.points.to != index)) continue;
        PointLps moved = points[c.points.from == index ? c.points.to : c.points.from];
        moved[c.patientAxis] = p[c.patientAxis];
        points[index] = moved;
        return points;
    }
    points[index] = p;
    return points;
}

imaging::Result<std::vector<PointLps>> perpendicularAxes(const std::vector<PointLps>& points, std::size_t index,
                                                         PointLps p) {
    auto moved = imaging::moveBidirectionalHandle({points[0], points[1], points[2], points[3]}, index, p);
    if (!moved) return moved.error();
    return std::vector<PointLps>(moved->begin(), moved->end());
}

imaging::Result<std::vector<PointLps>> perpendicularSemiAxes(std::vector<PointLps> points, std::size_t index,
                                                             PointLps p) {
    const Vec3 a1 = points[1] - points[0], a2 = points[2] - points[0];
    if (index == 0) {  // the centre carries the whole ellipse
        const Vec3 shift = p - points[0];
        for (auto& q : points) q = q + shift;
        return points;
    }
    // The dragged semi-axis follows the mouse within the ellipse's plane; the other keeps its
    // length and turns to stay perpendicular.
    const Vec3 n = imaging::normalized(imaging::cross(a1, a2));
    Vec3 moved = p - points[0];
    moved = moved - imaging::dot(moved, n) * n;
    if (imaging::norm(moved) <= 1e-6) return imaging::Error{"ellipse: a semi-axis cannot have zero length"};
    const double otherLength = imaging::norm(index == 1 ? a2 : a1);
    const Vec3 other = imaging::normalized(index == 1 ? imaging::cross(n, moved) : imaging::cross(moved, n));
    points[index] = points[0] + moved;
    points[index == 1 ? 2 : 1] = points[0] + otherLength * other;
    return points;
}

}  // namespace

imaging::Result<std::vector<PointLps>> movedHandle(const Annotation& a, std::size_t index, PointLps p) {
    std::vector<PointLps> points = a.pointsLps;
    if (index >= points.size())
        return imaging::Error{"annotation " + a.uid + " has no handle " + std::to_string(index)};
    const AnnotationKindDescriptor& d = describe(a.kind);
    // The kind's rule holds for a complete shape; in one with the wrong point count the point moves.
    const HandleRule rule = d.pointCount.accepts(points.size()) ? d.handles : HandleRule::MovePoint;
    switch (rule) {
        case HandleRule::AlongCaliperAxis:
            return alongCaliperAxis(d, std::move(points), index, p);
        case HandleRule::PerpendicularAxes:
            return perpendicularAxes(points, index, p);
        case HandleRule::PerpendicularSemiAxes:
            return perpendicularSemiAxes(std::move(points), index, p);
        case HandleRule::MovePoint:
            break;
    }
    points[index] = p;
    return points;
}

}  // namespace mensura::annotations
