#include "mensura/testing/Solid.h"

#include <algorithm>
#include <cmath>

namespace mensura::imaging::phantom {

Solid Solid::ellipsoid(PointLps c, Vec3 semiAxes) {
    Solid s;
    s.kind = Kind::Ellipsoid;
    s.centre = c;
    s.half = semiAxes;
    return s;
}

Solid Solid::cylinder(PointLps c, double rx, double ry, double halfHeight) {
    Solid s;
    s.kind = Kind::EllipticCylinder;
    s.centre = c;
    s.half = {rx, ry, halfHeight};
    return s;
}

Solid Solid::box(PointLps c, Vec3 halfEdges) {
    Solid s;
    s.kind = Kind::Box;
    s.centre = c;
    s.half = halfEdges;
    return s;
}

Solid Solid::rotated(Vec3 axis, double angleDeg) const {
    // Rodrigues' rotation of each axis.
    const Vec3 k = normalized(axis);
    const double a = angleDeg * M_PI / 180.0, c = std::cos(a), s = std::sin(a);
    Solid out = *this;
    for (auto& v : out.axes) v = c * v + s * cross(k, v) + (1 - c) * dot(k, v) * k;
    return out;
}

Solid Solid::scaled(double f) const {
    Solid out = *this;
    out.half = f * half;
    return out;
}

Solid Solid::grown(double mm) const {
    Solid out = *this;
    out.half = {half.x + mm, half.y + mm, half.z + mm};
    return out;
}

Vec3 Solid::local(PointLps p) const {
    const Vec3 d = p - centre;
    return {dot(d, axes[0]), dot(d, axes[1]), dot(d, axes[2])};
}

bool Solid::contains(PointLps p) const { return signedDistanceBound(p) <= 0; }

double Solid::signedDistanceBound(PointLps p) const {
    const Vec3 q = local(p);
    switch (kind) {
        case Kind::Ellipsoid: {
            const double r = norm(Vec3{q.x / half.x, q.y / half.y, q.z / half.z});
            return (r - 1.0) * std::min({half.x, half.y, half.z});
        }
        case Kind::EllipticCylinder: {
            const double r = std::hypot(q.x / half.x, q.y / half.y);
            const double radial = (r - 1.0) * std::min(half.x, half.y);
            const double axial = std::fabs(q.z) - half.z;
            return std::max(radial, axial);
        }
        case Kind::Box:
            return std::max({std::fabs(q.x) - half.x, std::fabs(q.y) - half.y, std::fabs(q.z) - half.z});
    }
    return 1e9;
}

double Solid::volumeMm3() const {
    switch (kind) {
        case Kind::Ellipsoid:
            return 4.0 / 3.0 * M_PI * half.x * half.y * half.z;
        case Kind::EllipticCylinder:
            return M_PI * half.x * half.y * 2 * half.z;
        case Kind::Box:
            return 8 * half.x * half.y * half.z;
    }
    return 0;
}

double Solid::extentAlongMm(Vec3 u) const {
    u = normalized(u);
    const double a = dot(u, axes[0]), b = dot(u, axes[1]), c = dot(u, axes[2]);
    switch (kind) {
        case Kind::Ellipsoid:  // support function of an ellipsoid
            return 2 * std::sqrt(std::pow(half.x * a, 2) + std::pow(half.y * b, 2) + std::pow(half.z * c, 2));
        case Kind::EllipticCylinder:  // ellipse support plus the axial half height
            return 2 * (std::sqrt(std::pow(half.x * a, 2) + std::pow(half.y * b, 2)) + half.z * std::fabs(c));
        case Kind::Box:
            return 2 * (half.x * std::fabs(a) + half.y * std::fabs(b) + half.z * std::fabs(c));
    }
    return 0;
}

std::array<PointLps, 2> Solid::bounds() const {
    const Vec3 ext{extentAlongMm({1, 0, 0}) / 2, extentAlongMm({0, 1, 0}) / 2, extentAlongMm({0, 0, 1}) / 2};
    return {centre - ext, centre + ext};
}

}  // namespace mensura::imaging::phantom
