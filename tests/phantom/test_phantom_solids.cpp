// The analytic solids and the renderer the sample cases are drawn with.
#include <gtest/gtest.h>

#include <cmath>

#include "mensura/testing/Grids.h"
#include "mensura/testing/GroundTruth.h"
#include "mensura/testing/Scene.h"

using namespace mensura::imaging;
using namespace mensura::imaging::phantom;

TEST(Solid, EllipsoidExtentsAndVolume) {
    const Solid e = Solid::ellipsoid({1, 2, 3}, {23.5, 20, 17});
    EXPECT_NEAR(e.extentAlongMm({1, 0, 0}), 47, 1e-12);
    EXPECT_NEAR(e.extentAlongMm({0, 1, 0}), 40, 1e-12);
    EXPECT_NEAR(e.extentAlongMm({0, 0, 1}), 34, 1e-12);
    EXPECT_NEAR(e.volumeMm3(), 4.0 / 3.0 * M_PI * 23.5 * 20 * 17, 1e-9);
    EXPECT_TRUE(e.contains({1 + 23.4, 2, 3}));
    EXPECT_FALSE(e.contains({1 + 23.6, 2, 3}));
}

TEST(Solid, RotatedEllipsoidExtentIsItsSupportFunction) {
    // Turned 90 degrees about S, the LR and AP extents swap; at 45 degrees both are
    // 2*sqrt((a^2+b^2)/2).
    const Solid e = Solid::ellipsoid({0, 0, 0}, {20, 10, 5});
    EXPECT_NEAR(e.rotated({0, 0, 1}, 90).extentAlongMm({0, 1, 0}), 40, 1e-9);
    const Solid r = e.rotated({0, 0, 1}, 45);
    EXPECT_NEAR(r.extentAlongMm({1, 0, 0}), 2 * std::sqrt((400.0 + 100.0) / 2), 1e-9);
    EXPECT_NEAR(r.extentAlongMm({0, 0, 1}), 10, 1e-9);
    // A brute-force check of the support function: the farthest contained point along x.
    double maxX = -1e9;
    for (double a = 0; a < 2 * M_PI; a += 0.001) {
        const Vec3 p = r.centre + 20 * std::cos(a) * r.axes[0] + 10 * std::sin(a) * r.axes[1];
        maxX = std::max(maxX, p.x);
    }
    EXPECT_NEAR(2 * maxX, r.extentAlongMm({1, 0, 0}), 1e-3);
}

TEST(Solid, CylinderAndBox) {
    const Solid c = Solid::cylinder({0, 0, 0}, 10, 8.5, 7);
    EXPECT_NEAR(c.volumeMm3(), M_PI * 10 * 8.5 * 14, 1e-9);
    EXPECT_NEAR(c.extentAlongMm({0, 0, 1}), 14, 1e-12);
    EXPECT_TRUE(c.contains({9.9, 0, 6.9}));
    EXPECT_FALSE(c.contains({9.9, 0, 7.1}));
    const Solid b = Solid::box({0, 0, 0}, {1, 2, 3});
    EXPECT_NEAR(b.volumeMm3(), 48, 1e-12);
    EXPECT_NEAR(b.rotated({0, 0, 1}, 90).extentAlongMm({1, 0, 0}), 4, 1e-9);
}

TEST(Scene, PartialVolumeConservesTheSolidsVolume) {
    // A sphere of value 100 in 0: the sum of voxel values is its volume times 100, within the
    // 4x4x4 sampling error, in an anisotropic oblique grid.
    Scene s;
    s.add(Solid::ellipsoid({1.3, -0.7, 2.1}, {9, 7, 5}), Tissue::Muscle);
    TissueTable t;
    t.set(Tissue::Air, Contrast::CtPre, 0);
    t.set(Tissue::Muscle, Contrast::CtPre, 100);
    VolumeGeometry g = axialGrid(40, 40, 20, 0.8, 1.7, {0, 0, 0});
    const double c = std::cos(0.4), sn = std::sin(0.4);
    g.axes = {Vec3{c, sn, 0}, Vec3{-sn, c, 0}, Vec3{0, 0, 1}};
    g.originLps = Vec3{0, 0, 0} - (19.5 * 0.8) * g.axes[0] - (19.5 * 0.8) * g.axes[1] - (9.5 * 1.7) * g.axes[2];
    const auto v = s.render(g, Contrast::CtPre, t, 0, 1);
    double sum = 0;
    for (float x : v) sum += x;
    const double volume = sum / 100 * 0.8 * 0.8 * 1.7;
    EXPECT_NEAR(volume, 4.0 / 3.0 * M_PI * 9 * 7 * 5, 0.01 * 4.0 / 3.0 * M_PI * 9 * 7 * 5);
}

// Two surfaces through one voxel: the voxel reads the fraction of each tissue in it. The
// renderer once painted each layer's fraction over the mix below it, as if the two fractions
// were independent: a face two nested solids share (the floor-of-mouth muscle inside the
// mandible, both ending at one plane) read as muscle mixed with cortex that is not there, and
// a 400 muscle there read 330, the ASPS lesion's T1.
TEST(Scene, AFaceNestedSolidsShareReadsTheTissueOnBothSidesNotTheOuterSolid) {
    Scene s;
    s.add(Solid::box({0, 0, 0}, {30, 30, 30}), Tissue::Muscle, "neck");
    s.add(Solid::cylinder({0, 0, 0}, 12, 12, 5), Tissue::Cortex, "mandible");
    s.add(Solid::cylinder({0, 0, 0}, 10, 10, 5), Tissue::Muscle, "floor of mouth");
    TissueTable t;
    t.set(Tissue::Muscle, Contrast::T1, 400);
    t.set(Tissue::Cortex, Contrast::T1, 30);
    // 2 mm slices centred on z = 5: the cap plane halves the slice.
    VolumeGeometry g = axialGrid(20, 20, 3, 1.0, 2.0, {0, 0, 5});
    const auto v = s.render(g, Contrast::T1, t, 0, 1);
    const std::size_t middle = 10 + 20 * (10 + 20 * 1);  // (10, 10, 1): x = 0.5, y = 0.5, z = 5
    ASSERT_NEAR(g.indexToLps(10, 10, 1).z, 5, 1e-9);
    EXPECT_NEAR(v[middle], 400, 1e-3);
}

TEST(Scene, AShellThinnerThanAVoxelKeepsItsVolume) {
    // A 0.5 mm shell (1000) round a hollow (0) on 2 mm voxels: every shell voxel is cut by both
    // surfaces. The sum of the values is the shell's volume times 1000, within the 4x4x4 sampling.
    Scene s;
    s.add(Solid::ellipsoid({0.2, -0.3, 0.1}, {10, 10, 10}), Tissue::Cortex);
    s.add(Solid::ellipsoid({0.2, -0.3, 0.1}, {9.5, 9.5, 9.5}), Tissue::Air);
    TissueTable t;
    t.set(Tissue::Air, Contrast::CtPre, 0);
    t.set(Tissue::Cortex, Contrast::CtPre, 1000);
    const VolumeGeometry g = axialGrid(16, 16, 16, 2.0, 2.0, {0, 0, 0});
    const auto v = s.render(g, Contrast::CtPre, t, 0, 1);
    double sum = 0;
    for (float x : v) sum += x;
    const double shell = 4.0 / 3.0 * M_PI * (1000 - 9.5 * 9.5 * 9.5);
    EXPECT_NEAR(sum / 1000 * 8, shell, 0.03 * shell);
}

TEST(Scene, LaterLayersReplaceEarlierOnes) {
    Scene s;
    s.add(Solid::box({0, 0, 0}, {10, 10, 10}), Tissue::Cortex, "bone");
    s.add(Solid::ellipsoid({5, 0, 0}, {4, 4, 4}), Tissue::LesionRim, "lytic lesion");
    EXPECT_EQ(s.tissueAt({0, 0, 0}), Tissue::Cortex);
    EXPECT_EQ(s.tissueAt({5, 0, 0}), Tissue::LesionRim);
    EXPECT_EQ(s.tissueAt({20, 0, 0}), Tissue::Air);
    // Bone left in the box: its volume minus the sphere's (wholly inside).
    const double present = bonePresentMm3(s, Solid::box({0, 0, 0}, {10, 10, 10}), 0.2);
    EXPECT_NEAR(present, 8000 - 4.0 / 3.0 * M_PI * 64, 0.01 * 8000);
}

TEST(Grids, StandardPlanesAndLabels) {
    const auto ax = axialGrid(10, 10, 5, 1, 2, {0, 0, 0});
    const auto sag = sagittalGrid(10, 10, 5, 1, 2, {0, 0, 0});
    const auto cor = coronalGrid(10, 10, 5, 1, 2, {0, 0, 0});
    EXPECT_EQ(ax.orientation(), SliceOrientation::Axial);
    EXPECT_EQ(sag.orientation(), SliceOrientation::Sagittal);
    EXPECT_EQ(cor.orientation(), SliceOrientation::Coronal);
    EXPECT_EQ(orientationLabels(ax)["left"], "R");
    EXPECT_EQ(orientationLabels(ax)["top"], "A");
    EXPECT_EQ(orientationLabels(sag)["left"], "A");
    EXPECT_EQ(orientationLabels(sag)["top"], "S");
    EXPECT_EQ(orientationLabels(cor)["right"], "L");
    // Centred: the middle voxel is at the requested centre.
    EXPECT_NEAR(norm(ax.indexToLps(4.5, 4.5, 2)), 0, 1e-12);
}
