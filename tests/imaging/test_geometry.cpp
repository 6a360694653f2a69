#include <gtest/gtest.h>

#include <cmath>

#include "mensura/core/VolumeGeometry.h"

using namespace mensura::imaging;

namespace {

VolumeGeometry obliqueGeometry() {
    // Axial rotated 30 degrees about S, then 20 degrees about L: a truly oblique grid.
    const double a = 30 * M_PI / 180, b = 20 * M_PI / 180;
    const Vec3 r{std::cos(a), std::sin(a), 0};
    const Vec3 c0{-std::sin(a), std::cos(a), 0};
    const Vec3 n0{0, 0, 1};
    const Vec3 c = std::cos(b) * c0 + std::sin(b) * n0;
    VolumeGeometry g;
    g.size = {100, 80, 30};
    g.spacingMm = {0.7, 0.8, 3.0};
    g.originLps = {-40, 25, 100};
    g.axes = {r, c, normalized(cross(r, c))};
    return g;
}

}  // namespace

TEST(VolumeGeometry, IndexToLpsFollowsSpacingAndAxes) {
    VolumeGeometry g;
    g.size = {10, 10, 10};
    g.spacingMm = {0.5, 0.25, 2.0};
    g.originLps = {10, 20, 30};
    const PointLps p = g.indexToLps(4, 8, 3);
    EXPECT_NEAR(p.x, 12.0, 1e-12);
    EXPECT_NEAR(p.y, 22.0, 1e-12);
    EXPECT_NEAR(p.z, 36.0, 1e-12);
}

TEST(VolumeGeometry, LpsToIndexInvertsIndexToLpsForObliqueGrids) {
    const VolumeGeometry g = obliqueGeometry();
    for (double i : {0.0, 17.5, 99.0})
        for (double j : {0.0, 41.25, 79.0})
            for (double k : {0.0, 12.0, 29.0}) {
                const Vec3 back = g.lpsToIndex(g.indexToLps(i, j, k));
                EXPECT_NEAR(back.x, i, 1e-9);
                EXPECT_NEAR(back.y, j, 1e-9);
                EXPECT_NEAR(back.z, k, 1e-9);
            }
}

TEST(VolumeGeometry, DistancesAreSpacingScaled) {
    const VolumeGeometry g = obliqueGeometry();
    // 10 voxels along j and 4 along k are 8 mm and 12 mm on orthogonal axes: 14.4222 mm.
    EXPECT_NEAR(norm(g.indexToLps(5, 15, 6) - g.indexToLps(5, 5, 2)), std::sqrt(64.0 + 144.0), 1e-9);
}

TEST(VolumeGeometry, DirectionRowsHaveAxesAsColumns) {
    const VolumeGeometry g = obliqueGeometry();
    const auto m = g.directionRows();
    for (int c = 0; c < 3; ++c)
        for (int r = 0; r < 3; ++r) EXPECT_DOUBLE_EQ(m[r][c], g.axes[c][r]);
}

TEST(Orientation, ClassifiesStandardPlanes) {
    EXPECT_EQ(classifyNormal({0, 0, 1}), SliceOrientation::Axial);
    EXPECT_EQ(classifyNormal({0, 0, -1}), SliceOrientation::Axial);
    EXPECT_EQ(classifyNormal({0, 1, 0}), SliceOrientation::Coronal);
    EXPECT_EQ(classifyNormal({-1, 0, 0}), SliceOrientation::Sagittal);
    // 20 degrees off axial is still called axial; 45 degrees is oblique.
    const double t = 20 * M_PI / 180;
    EXPECT_EQ(classifyNormal({0, std::sin(t), std::cos(t)}), SliceOrientation::Axial);
    EXPECT_EQ(classifyNormal({0, 1, 1}), SliceOrientation::Oblique);
    EXPECT_EQ(toString(SliceOrientation::Sagittal), "sagittal");
}

TEST(Orientation, LettersNamePatientDirections) {
    EXPECT_EQ(orientationLetters({1, 0, 0}), "L");
    EXPECT_EQ(orientationLetters({-1, 0, 0}), "R");
    EXPECT_EQ(orientationLetters({0, 1, 0}), "P");
    EXPECT_EQ(orientationLetters({0, -1, 0}), "A");
    EXPECT_EQ(orientationLetters({0, 0, 1}), "S");
    EXPECT_EQ(orientationLetters({0, 0, -1}), "I");
    EXPECT_EQ(orientationLetters({0.9, -0.4, 0}), "LA");
}
