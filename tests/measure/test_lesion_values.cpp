// The lesion's values (mean, SD, min, max) come from its interior. On thick slices the first and
// last slices are kept (a rim-enhancing lesion's rim is there), unless a voxel's value lies far
// outside the rest of the interior's: a cap that is partly air over a scalp mass.
#include <gtest/gtest.h>

#include "imaging/measure/LesionMetrics.h"

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
