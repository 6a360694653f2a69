#include "mensura/annotations/HandleEdits.h"

#include <array>

#include "mensura/measure/BidirectionalAxes.h"

namespace mensura::annotations {

using imaging::PointLps;
using imaging::Vec3;

namespace {
// Patient axis (0 = L, 1 = P, 2 = S) of the tri-axial calipers AP, LR, SI.
constexpr std::array<int, 3> kTriaxialAxis{1, 0, 2};
}  // namespace

imaging::Result<std::vector<PointLps>> movedHandle(const Annotation& a, std::size_t index, PointLps p) {
    std::vector<PointLps> points = a.pointsLps;
    if (index >= points.size())
        return imaging::Error{"annotation " + a.uid + " has no handle " + std::to_string(index)};
    switch (a.kind) {
        case AnnotationKind::Triaxial:
            if (points.size() == 6) {
                // Only the coordinate along the caliper's axis follows the mouse.
                const int axis = kTriaxialAxis[index / 2];
                PointLps moved = points[index ^ 1u];
                moved[axis] = p[axis];
                points[index] = moved;
                return points;
            }
            break;
        case AnnotationKind::Bidirectional:
            if (points.size() == 4) {
                auto moved = imaging::moveBidirectionalHandle({points[0], points[1], points[2], points[3]}, index, p);
                if (!moved) return moved.error();
                return std::vector<PointLps>(moved->begin(), moved->end());
            }
            break;
        case AnnotationKind::Ellipse:
            if (points.size() == 3) {
                const Vec3 a1 = points[1] - points[0], a2 = points[2] - points[0];
                if (index == 0) {  // the centre carries the whole ellipse
                    const Vec3 shift = p - points[0];
                    for (auto& q : points) q = q + shift;
                    return points;
                }
                // The dragged semi-axis follows the mouse within the ellipse's plane; the other
                // keeps its length and turns to stay perpendicular.
                const Vec3 n = imaging::normalized(imaging::cross(a1, a2));
                Vec3 moved = p - points[0];
                moved = moved - imaging::dot(moved, n) * n;
                if (imaging::norm(moved) <= 1e-6) return imaging::Error{"ellipse: a semi-axis cannot have zero length"};
                const double otherLength = imaging::norm(index == 1 ? a2 : a1);
                const Vec3 other =
                    imaging::normalized(index == 1 ? imaging::cross(n, moved) : imaging::cross(moved, n));
                points[index] = points[0] + moved;
                points[index == 1 ? 2 : 1] = points[0] + otherLength * other;
                return points;
            }
            break;
        default:
            break;
    }
    points[index] = p;
    return points;
}

}  // namespace mensura::annotations
