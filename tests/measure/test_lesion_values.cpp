// The lesion's values (mean, SD, min, max) come from its interior. On thick slices the first and
// last slices are kept (a rim-enhancing lesion's rim is there), unless a voxel's value lies far
// outside the rest of the interior's: a cap that is partly air over a scalp mass.
#include <gtest/gtest.h>

#include "mensura/measure/LesionMetrics.h"

using namespace mensura::imaging;

namespace {

// 24 x 24 x 10 voxels of 1 x 1 x 4 mm, tissue 40; the mask i, j 4..19 over slices 2..7, lesion
// values 100 +/- 4 (a fixed pattern) in slices 3..6 and `cap` in slice 7 (slice 2 lesion too).
struct CapScene {
    Volume v;
    LesionMask m;
    explicit CapScene(float cap) {
        v.geometry.size = {24, 24, 10};
        v.geometry.spacingMm = {1, 1, 4};
        v.voxelType = VoxelType::Float32;
        v.floatVoxels.assign(v.geometry.voxelCount(), 40.0f);
        m.geometry = v.geometry;
        m.voxels.assign(v.geometry.voxelCount(), 0);
        for (std::size_t k = 2; k <= 7; ++k)
            for (std::size_t j = 4; j <= 19; ++j)
                for (std::size_t i = 4; i <= 19; ++i) {
                    v.floatVoxels[v.index(i, j, k)] = k == 7 ? cap : float(100 + int((i * 7 + j * 3 + k) % 9) - 4);
                    m.voxels[m.index(i, j, k)] = 1;
                }
    }
};

}  // namespace

TEST(LesionValues, ACapPartlyAirLeavesTheMeanTheLesionsAndAPlainCapStays) {
    CapScene air(-300.0f);
    auto a = measureLesion(air.v, air.m);
    ASSERT_TRUE(a.ok()) << a.error().message;
    // Interior in-plane: i, j 5..18 (14 x 14) on slices 2..6 = 980 voxels; the cap's 196 go.
    EXPECT_EQ(a->values.count, 980u);
    EXPECT_NEAR(a->values.mean, 100.0, 0.5);
    EXPECT_GE(a->values.min, 96.0);
    // All six slices are still the lesion's size and volume.
    EXPECT_EQ(a->voxelCount, 6u * 16u * 16u);
    EXPECT_NEAR(a->si.lengthMm, 24.0, 1e-6);

    CapScene plain(101.0f);
    auto p = measureLesion(plain.v, plain.m);
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->values.count, 980u + 196u);
    EXPECT_NEAR(p->values.mean, (980.0 * 100.0 + 196.0 * 101.0) / 1176.0, 0.5);
}

namespace {

// A ball of radius 10 mm, a rim 150 from 6 mm out round a core 50, in a background of 0, each
// voxel at the volume-weighted value of what it holds (5^3 sub-samples: the partial volume at
// the edge); the mask = the voxels whose centre lies in the ball. The truth is the mean over the
// mask's voxel centres' tissues: the volume-weighted mean the reports state.
struct RimBall {
    Volume v;
    LesionMask m;
    double truth = 0;
    explicit RimBall(Vec3 spacing) {
        const double r = 10, rCore = 6;
        const std::size_t n[3] = {std::size_t(std::ceil(28 / spacing.x)), std::size_t(std::ceil(28 / spacing.y)),
                                  std::size_t(std::ceil(28 / spacing.z))};
        v.geometry.size = {n[0], n[1], n[2]};
        v.geometry.spacingMm = spacing;
        v.voxelType = VoxelType::Float32;
        v.floatVoxels.assign(v.geometry.voxelCount(), 0.0f);
        m.geometry = v.geometry;
        m.voxels.assign(v.geometry.voxelCount(), 0);
        const Vec3 c{14, 14, 14};
        auto value = [&](Vec3 p) {
            const double d = norm(p - c);
            return d <= rCore ? 50.0 : d <= r ? 150.0 : 0.0;
        };
        double sum = 0;
        std::size_t count = 0;
        for (std::size_t k = 0; k < n[2]; ++k)
            for (std::size_t j = 0; j < n[1]; ++j)
                for (std::size_t i = 0; i < n[0]; ++i) {
                    const Vec3 p{(double(i) + 0.5) * spacing.x, (double(j) + 0.5) * spacing.y,
                                 (double(k) + 0.5) * spacing.z};
                    double acc = 0;
                    for (int a = 0; a < 5; ++a)
                        for (int b = 0; b < 5; ++b)
                            for (int e = 0; e < 5; ++e)
                                acc += value(p + Vec3{(a - 2) / 5.0 * spacing.x, (b - 2) / 5.0 * spacing.y,
                                                      (e - 2) / 5.0 * spacing.z});
                    v.floatVoxels[v.index(i, j, k)] = float(acc / 125);
                    if (norm(p - c) <= r) {
                        m.voxels[m.index(i, j, k)] = 1;
                        sum += value(p), ++count;
                    }
                }
        truth = sum / double(count);
    }
};

}  // namespace

// The mean of a rim-enhancing lesion is its volume-weighted mean: an edge voxel counts at its
// interior neighbours' mean, not at its own (part background) value, nor is it left out (the
// interior alone leans towards the core: 122 for 129 on 1 mm voxels here). On slices nearly as
// thick as the rim it reads low (126 for 129: this 4 mm rim on 3 mm slices), as the first and
// last slices keep their own values, part background.
TEST(LesionValues, ARimRoundACoreGivesTheVolumeWeightedMean) {
    for (const Vec3 spacing : {Vec3{1, 1, 1}, Vec3{1, 1, 2}, Vec3{2, 1, 1}}) {
        RimBall ball(spacing);
        auto r = measureLesion(ball.v, ball.m);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_NEAR(r->values.mean, ball.truth, 0.01 * ball.truth)
            << "spacing " << spacing.x << " x " << spacing.y << " x " << spacing.z;
        // SD, min and max are over the voxels whose own values count: no partial volume.
        EXPECT_GE(r->values.min, 49.0) << "spacing " << spacing.x << " x " << spacing.y << " x " << spacing.z;
        EXPECT_LE(r->values.max, 150.0 + 1e-3) << "spacing " << spacing.x << " x " << spacing.y << " x " << spacing.z;
    }
}

// A lesion one or two thick slices deep (a small node on 5 mm CT) has no interior but its caps:
// they give its values, and its in-plane edge (here half surroundings: 50 for a lesion at 100)
// counts at their mean. When the caps were tested against an interior that was not there, every
// voxel counted at its own value and the mean read 89.
TEST(LesionValues, ALesionOneOrTwoThickSlicesDeepKeepsItsCaps) {
    for (std::size_t slices : {1u, 2u}) {
        Volume v;
        v.geometry.size = {20, 20, 4};
        v.geometry.spacingMm = {1, 1, 5};
        v.voxelType = VoxelType::Float32;
        v.floatVoxels.assign(v.geometry.voxelCount(), 0.0f);
        LesionMask m;
        m.geometry = v.geometry;
        m.voxels.assign(v.geometry.voxelCount(), 0);
        for (std::size_t k = 1; k < 1 + slices; ++k)
            for (std::size_t j = 4; j <= 15; ++j)
                for (std::size_t i = 4; i <= 15; ++i) {
                    const bool edge = i == 4 || i == 15 || j == 4 || j == 15;
                    v.floatVoxels[v.index(i, j, k)] = edge ? 50.0f : 100.0f;
                    m.voxels[m.index(i, j, k)] = 1;
                }
        auto r = measureLesion(v, m);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_NEAR(r->values.mean, 100.0, 1e-6) << slices << " slice(s)";
        // The caps two voxels or more inside the outline in the plane (see the node below).
        EXPECT_EQ(r->values.count, slices * 8u * 8u) << slices << " slice(s)";
        EXPECT_EQ(r->values.min, 100.0) << slices << " slice(s)";
    }
}

// A node two thick slices deep (9 mm across 4 mm slices, 12 x 15 mm in the plane: the ASPS node at
// follow-up on T2 coronal) at 500 in muscle at 300, each voxel at the volume-weighted value of what
// it holds; the mask is the voxels at least half node. Across the slices every voxel is part
// muscle, the most where the node thins towards its outline in the plane: the caps two voxels or
// more inside that outline give its value.
// - Centred on the face between two slices: 497.7 for 500 (all caps, 485.1).
// - Centred 1 mm off the middle of a slice (as on the sample series), the next slice is an eighth
//   muscle even at the node's centre: the slice with the most deep voxels is the node's middle, and
//   one with under half as many is left out: 500.0 (with both, 494.4; on the sample series 486).
TEST(LesionValues, ANodeTwoThickSlicesDeepTakesTheCapsDeepestInThePlane) {
    const Vec3 spacing{1.25, 1.25, 4};
    for (const double centreZ : {8.0, 11.0}) {
        Volume v;
        v.geometry.size = {24, 24, 5};
        v.geometry.spacingMm = spacing;
        v.voxelType = VoxelType::Float32;
        v.floatVoxels.assign(v.geometry.voxelCount(), 0.0f);
        LesionMask m;
        m.geometry = v.geometry;
        m.voxels.assign(v.geometry.voxelCount(), 0);
        const Vec3 c{15.1, 14.9, centreZ}, semi{6, 7.5, 4.5};
        auto inNode = [&](Vec3 p) {
            const Vec3 d = p - c;
            return (d.x / semi.x) * (d.x / semi.x) + (d.y / semi.y) * (d.y / semi.y) +
                       (d.z / semi.z) * (d.z / semi.z) <=
                   1;
        };
        for (std::size_t k = 0; k < 5; ++k)
            for (std::size_t j = 0; j < 24; ++j)
                for (std::size_t i = 0; i < 24; ++i) {
                    const Vec3 p{(double(i) + 0.5) * spacing.x, (double(j) + 0.5) * spacing.y,
                                 (double(k) + 0.5) * spacing.z};
                    int in = 0;
                    for (int a = 0; a < 5; ++a)
                        for (int b = 0; b < 5; ++b)
                            for (int e = 0; e < 9; ++e)
                                in += inNode(p + Vec3{(a - 2) / 5.0 * spacing.x, (b - 2) / 5.0 * spacing.y,
                                                      (e - 4) / 9.0 * spacing.z});
                    const double fraction = in / 225.0;
                    v.floatVoxels[v.index(i, j, k)] = float(300 + 200 * fraction);
                    m.voxels[m.index(i, j, k)] = fraction >= 0.5 ? 1 : 0;
                }
        std::size_t slicesUsed = 0;
        for (std::size_t k = 0; k < 5; ++k) {
            bool any = false;
            for (std::size_t j = 0; j < 24; ++j)
                for (std::size_t i = 0; i < 24; ++i) any |= m.voxels[m.index(i, j, k)] != 0;
            slicesUsed += any;
        }
        ASSERT_EQ(slicesUsed, 2u) << "centre at " << centreZ << " mm";
        auto r = measureLesion(v, m);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_NEAR(r->values.mean, 500.0, 0.005 * 500)
            << "centre at " << centreZ << " mm, " << r->values.count << " voxels";
    }
}

// Noise-free data: most of the interior has one value, its robust SD is 0, and a cap that
// differs by a hair from it is still kept (the plain SD stands in); a cap far off is not.
TEST(LesionValues, ACapIsJudgedAgainstThePlainSdWhenTheRobustSdIsZero) {
    CapScene nearly(100.5f);
    for (std::size_t k = 2; k <= 6; ++k)
        for (std::size_t j = 4; j <= 19; ++j)
            for (std::size_t i = 4; i <= 19; ++i)
                nearly.v.floatVoxels[nearly.v.index(i, j, k)] = (i + j) % 7 == 0 ? 101.0f : 100.0f;
    auto a = measureLesion(nearly.v, nearly.m);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->values.count, 980u + 196u);
    EXPECT_LE(a->values.max, 101.0);
    CapScene air(-300.0f);
    for (std::size_t k = 2; k <= 6; ++k)
        for (std::size_t j = 4; j <= 19; ++j)
            for (std::size_t i = 4; i <= 19; ++i) air.v.floatVoxels[air.v.index(i, j, k)] = 100.0f;
    auto b = measureLesion(air.v, air.m);
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ(b->values.count, 980u);
    EXPECT_NEAR(b->values.mean, 100.0, 1e-6);
}
