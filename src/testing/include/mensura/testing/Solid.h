#pragma once
// Analytic solids in patient space (LPS, mm) from which phantoms are drawn and their ground
// truth computed: sizes and volumes come from these formulas, never from the rendered voxels.
#include <array>

#include "mensura/core/Vec3.h"

namespace mensura::imaging::phantom {

struct Solid {
    enum class Kind { Ellipsoid, EllipticCylinder, Box };
    Kind kind = Kind::Ellipsoid;
    PointLps centre;
    // Half sizes along the solid's own axes: semi-axes (ellipsoid), in-plane semi-axes and half
    // height along axes[2] (elliptic cylinder), half edges (box).
    Vec3 half{1, 1, 1};
    std::array<Vec3, 3> axes{Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}};  // orthonormal

    static Solid ellipsoid(PointLps c, Vec3 semiAxes);
    static Solid cylinder(PointLps c, double rx, double ry, double halfHeight);  // along S
    static Solid box(PointLps c, Vec3 halfEdges);
    // The same solid turned about axis (unit) by angleDeg around its centre.
    Solid rotated(Vec3 axis, double angleDeg) const;
    Solid scaled(double factor) const;  // about its centre
    Solid grown(double mm) const;       // half sizes + mm on every axis

    Vec3 local(PointLps p) const;  // p in the solid's frame, relative to its centre
    bool contains(PointLps p) const;
    // A lower bound on the distance to the surface, negative inside; exact enough to decide
    // which voxels need partial-volume sampling (callers keep a margin).
    double signedDistanceBound(PointLps p) const;
    double volumeMm3() const;
    // Extent (caliper length) along a unit direction: what a radiologist's calipers measure
    // between the two tangent planes perpendicular to it.
    double extentAlongMm(Vec3 unit) const;
    // Axis-aligned LPS bounds.
    std::array<PointLps, 2> bounds() const;
};

}  // namespace mensura::imaging::phantom
