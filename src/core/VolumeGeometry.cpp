#include "mensura/core/VolumeGeometry.h"

#include <algorithm>
#include <cmath>

namespace mensura::imaging {

std::string toString(SliceOrientation o) {
    switch (o) {
        case SliceOrientation::Axial:
            return "axial";
        case SliceOrientation::Coronal:
            return "coronal";
        case SliceOrientation::Sagittal:
            return "sagittal";
        case SliceOrientation::Oblique:
            return "oblique";
    }
    return "oblique";
}

SliceOrientation classifyNormal(Vec3 n) {
    n = normalized(n);
    const double ax = std::fabs(n.x), ay = std::fabs(n.y), az = std::fabs(n.z);
    const double cos30 = std::cos(30.0 * M_PI / 180.0);
    if (az >= ax && az >= ay) return az >= cos30 ? SliceOrientation::Axial : SliceOrientation::Oblique;
    if (ay >= ax) return ay >= cos30 ? SliceOrientation::Coronal : SliceOrientation::Oblique;
    return ax >= cos30 ? SliceOrientation::Sagittal : SliceOrientation::Oblique;
}

double obliquityDeg(Vec3 n) {
    n = normalized(n);
    const double largest = std::max({std::fabs(n.x), std::fabs(n.y), std::fabs(n.z)});
    return std::acos(std::min(1.0, largest)) * 180.0 / M_PI;
}

std::string orientationLetters(Vec3 d) {
    d = normalized(d);
    struct Part {
        double magnitude;
        char letter;
    };
    Part parts[3] = {{std::fabs(d.x), d.x >= 0 ? 'L' : 'R'},
                     {std::fabs(d.y), d.y >= 0 ? 'P' : 'A'},
                     {std::fabs(d.z), d.z >= 0 ? 'S' : 'I'}};
    // Sort by magnitude, largest first (three elements: a fixed exchange network).
    auto swapIf = [&](int a, int b) {
        if (parts[b].magnitude > parts[a].magnitude) std::swap(parts[a], parts[b]);
    };
    swapIf(0, 1);
    swapIf(0, 2);
    swapIf(1, 2);
    std::string out(1, parts[0].letter);
    for (int i = 1; i < 3; ++i)
        if (parts[i].magnitude >= 0.25) out += parts[i].letter;
    return out;
}

PointLps VolumeGeometry::indexToLps(double i, double j, double k) const {
    return originLps + (i * spacingMm.x) * axes[0] + (j * spacingMm.y) * axes[1] + (k * spacingMm.z) * axes[2];
}

Vec3 VolumeGeometry::lpsToIndex(PointLps p) const {
    // Solve M * (i*si, j*sj, k*sk) = p - origin with Cramer's rule, so sheared or non-orthogonal
    // axes invert correctly too.
    const Vec3 d = p - originLps;
    const Vec3 &a = axes[0], &b = axes[1], &c = axes[2];
    const double det = dot(a, cross(b, c));
    const double u = dot(d, cross(b, c)) / det;
    const double v = dot(a, cross(d, c)) / det;
    const double w = dot(a, cross(b, d)) / det;
    return {u / spacingMm.x, v / spacingMm.y, w / spacingMm.z};
}

std::array<std::array<double, 3>, 3> VolumeGeometry::directionRows() const {
    std::array<std::array<double, 3>, 3> m{};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) m[r][c] = axes[c][r];
    return m;
}

}  // namespace mensura::imaging
