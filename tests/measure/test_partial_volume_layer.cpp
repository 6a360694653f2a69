// The per-voxel partial-volume layer: a voxel just outside the region joins it when its value
// says it is more than half lesion against the tissue beyond it, each side on its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "mensura/measure/RegionParts.h"

using namespace mensura::imaging;
using namespace mensura::imaging::detail;

namespace {

// A 20^3 block, the region the cube 5..14 of value 100 in tissue of 40.
struct Scene {
    Region region;
    std::vector<float> values;
    std::array<std::size_t, 3> volumeSize{20, 20, 20};
    Scene() {
        region.block.hi = {19, 19, 19};
        values.assign(region.block.count(), 40.0f);
        region.mask.assign(region.block.count(), 0);
        for (long k = 5; k <= 14; ++k)
            for (long j = 5; j <= 14; ++j)
                for (long i = 5; i <= 14; ++i) {
                    region.mask[region.block.linear(i, j, k)] = 1;
                    values[region.block.linear(i, j, k)] = 100.0f;
                }
        describe(region, volumeSize);
    }
    // Sets the value of a face layer of the cube's extent: axis a at index at.
    void layer(int a, long at, float value) {
        for (long u = 5; u <= 14; ++u)
            for (long w = 5; w <= 14; ++w) {
                long c[3];
                c[a] = at, c[(a + 1) % 3] = u, c[(a + 2) % 3] = w;
                values[region.block.linear(c[0], c[1], c[2])] = value;
            }
    }
    std::size_t inLayer(int a, long at) const {
        std::size_t n = 0;
        for (long u = 5; u <= 14; ++u)
            for (long w = 5; w <= 14; ++w) {
                long c[3];
                c[a] = at, c[(a + 1) % 3] = u, c[(a + 2) % 3] = w;
                n += region.mask[region.block.linear(c[0], c[1], c[2])];
            }
        return n;
    }
};

}  // namespace

TEST(PartialVolumeLayer, EachSideAtItsOwnHalfLevel) {
    Scene s;
    s.layer(0, 15, 75);   // 7/12 lesion against the dark tissue: joins
    s.layer(0, 4, 60);    // 1/3 lesion: stays out
    s.layer(1, 16, 200);  // a bright neighbour beyond +y
    s.layer(1, 15, 130);  // 70 % lesion against it: joins
    s.layer(1, 3, 200);   // a bright neighbour beyond -y
    s.layer(1, 4, 170);   // 30 % lesion: stays out
    // Two layers allowed: the second finds pure tissue beyond the first and adds nothing.
    const std::size_t added = addPartialVolumeLayer(s.region, s.values, 100.0, 0.0,
                                                    std::array<bool, 3>{false, false, false}, s.volumeSize, 2);
    EXPECT_EQ(added, 200u);
    EXPECT_EQ(s.inLayer(0, 15), 100u);
    EXPECT_EQ(s.inLayer(1, 15), 100u);
    EXPECT_EQ(s.inLayer(0, 4), 0u);
    EXPECT_EQ(s.inLayer(1, 4), 0u);
    EXPECT_EQ(s.region.count, 1200u);
    EXPECT_EQ(s.region.hi[0], 15u);
    EXPECT_EQ(s.region.lo[0], 5u);
}

TEST(PartialVolumeLayer, ValuesBeyondTheMeanAndThickSlicesStayOut) {
    Scene s;
    s.layer(0, 15, 105);  // not between the lesion and the tissue beyond: noise or another tissue
    s.layer(2, 15, 90);   // 5/6 lesion, but across thick slices
    const std::size_t added =
        addPartialVolumeLayer(s.region, s.values, 100.0, 0.0, std::array<bool, 3>{false, false, true}, s.volumeSize, 1);
    EXPECT_EQ(added, 0u);
    EXPECT_EQ(s.region.count, 1000u);
    // The same slice layer joins when the slices are as fine as the rows.
    EXPECT_EQ(addPartialVolumeLayer(s.region, s.values, 100.0, 0.0, std::array<bool, 3>{false, false, false},
                                    s.volumeSize, 1),
              100u);
}

TEST(PartialVolumeLayer, ANoisyLesionValueBeyondTheMeanJoinsWithinTheNoise) {
    Scene s;
    s.layer(0, 15, 105);  // 5 beyond the mean, away from the tissue (40) beyond it
    const std::array<bool, 3> fine{false, false, false};
    EXPECT_EQ(addPartialVolumeLayer(s.region, s.values, 100.0, 3.0, fine, s.volumeSize, 1), 0u);
    EXPECT_EQ(addPartialVolumeLayer(s.region, s.values, 100.0, 10.0, fine, s.volumeSize, 1), 100u);
    EXPECT_EQ(s.inLayer(0, 15), 100u);
    EXPECT_EQ(s.region.hi[0], 15u);
}

// Across thick slices, given the range the outline was grown with: a cap against a tissue whose
// 50% level lies far beyond the range (air over a scalp mass) joins when more than half lesion;
// against a near tissue, or a value just outside the range (a third tissue), it stays out.
TEST(PartialVolumeLayer, ACapAcrossThickSlicesJoinsOnlyAgainstAFarTissue) {
    const std::array<bool, 3> thick{false, false, true};
    const ValueRange grownWith{72, 140};  // set against a near tissue at 40 (the 50% level 70)
    Scene air;
    air.layer(2, 16, -1000);
    air.layer(2, 15, -300);  // 7/11 lesion against air: its 50% level -450, far below 72
    air.layer(2, 3, -1000);
    air.layer(2, 4, -600);  // 4/11 lesion: stays out
    EXPECT_EQ(addPartialVolumeLayer(air.region, air.values, 100.0, 10.0, thick, air.volumeSize, 2, grownWith), 100u);
    EXPECT_EQ(air.inLayer(2, 15), 100u);
    EXPECT_EQ(air.inLayer(2, 4), 0u);
    EXPECT_EQ(air.region.hi[2], 15u);
    // Without the range, thick axes stay out as before.
    Scene plain;
    plain.layer(2, 16, -1000);
    plain.layer(2, 15, -300);
    EXPECT_EQ(addPartialVolumeLayer(plain.region, plain.values, 100.0, 10.0, thick, plain.volumeSize, 2), 0u);
    // Against the near tissue (40, level 70: at the range's bound) a 5/6-lesion cap stays out:
    // the range already judged it.
    Scene near;
    near.layer(2, 15, 90);
    EXPECT_EQ(addPartialVolumeLayer(near.region, near.values, 100.0, 10.0, thick, near.volumeSize, 2, grownWith), 0u);
    // A third tissue just below the range (65) with air beyond it is not a lesion-air mix.
    Scene third;
    third.layer(2, 16, -1000);
    third.layer(2, 15, 65);
    EXPECT_EQ(addPartialVolumeLayer(third.region, third.values, 100.0, 10.0, thick, third.volumeSize, 2, grownWith),
              0u);
}

// The nearest tissue on one side of a region, among the values of the layer round it: brain (40),
// fat (-95) and air (-1000) under and over a lesion at 100 whose range ends at 70.
TEST(NearestTissue, TheModeNearestTheRangeNotThePooledMedian) {
    std::vector<float> layer;
    // Each tissue's noise: a triangular spread of +/- spread about its value (one mode).
    auto add = [&](double value, int n, double spread) {
        for (int i = 0; i < n; ++i)
            layer.push_back(float(value + spread * (double(i % 11 + (i / 11) % 11) - 10.0) / 10.0));
    };
    add(-1000, 1000, 20);
    add(-95, 120, 20);
    add(40, 900, 20);
    add(100, 300, 20);  // the lesion's own partial volume and noise, inside the range
    for (int i = 0; i < 60; ++i) layer.push_back(float(-900 + 15 * i));  // mixes spread thinly
    const std::size_t least = layer.size() / 20;
    EXPECT_NEAR(nearestTissueValue(layer, true, 70, 12, least), 40, 3);
    // The pooled median of the darker voxels lies in the air-fat mix, not at any tissue.
    std::vector<float> darker;
    for (float x : layer)
        if (x < 70) darker.push_back(x);
    std::nth_element(darker.begin(), darker.begin() + long(darker.size() / 2), darker.end());
    EXPECT_LT(darker[darker.size() / 2], -90);
    // Brighter than the range: nothing dense enough.
    EXPECT_TRUE(std::isnan(nearestTissueValue(layer, false, 130, 12, least)));
    // Without the brain, fat is the nearest.
    std::vector<float> noBrain;
    for (float x : layer)
        if (x < 20 || x > 70) noBrain.push_back(x);
    EXPECT_NEAR(nearestTissueValue(noBrain, true, 70, 12, noBrain.size() / 20), -95, 3);
}

// A region that stopped a voxel short of the lesion's edge (a tight range on a smoothed copy):
// the layer at i = 15 is pure lesion, i = 16 two thirds lesion, i = 17 the tissue.
TEST(PartialVolumeLayer, SecondLayerReachesTheHalfLevelAndStopsThere) {
    const std::array<bool, 3> fine{false, false, false};
    Scene s;
    s.layer(0, 15, 95);
    s.layer(0, 16, 80);
    Scene once = s;
    EXPECT_EQ(addPartialVolumeLayer(once.region, once.values, 100.0, 0.0, fine, once.volumeSize, 1), 100u);
    EXPECT_EQ(once.region.hi[0], 15u);
    EXPECT_EQ(addPartialVolumeLayer(s.region, s.values, 100.0, 0.0, fine, s.volumeSize, 3), 200u);
    EXPECT_EQ(s.inLayer(0, 16), 100u);
    EXPECT_EQ(s.inLayer(0, 17), 0u);
    EXPECT_EQ(s.region.hi[0], 16u);
    // The second layer at a third lesion (60 against 40) stays out.
    Scene t;
    t.layer(0, 15, 95);
    t.layer(0, 16, 60);
    EXPECT_EQ(addPartialVolumeLayer(t.region, t.values, 100.0, 0.0, fine, t.volumeSize, 3), 100u);
    EXPECT_EQ(t.region.hi[0], 15u);
}

namespace {

// A block of 30 x 30 x 9 voxels (thick slices along k) of muscle (400). The lesion (330) fills
// i, j 10..19 over slices 3..5; slice 3 also holds a plate averaged in over i 20..27 (the sheet
// a thin plate of cortex under muscle makes: 330 as well), with muscle above and below.
BlockImages plateScene(std::vector<std::uint8_t>& region) {
    BlockImages im;
    im.block.hi = {29, 29, 8};
    im.source.assign(im.block.count(), 400.0f);
    region.assign(im.block.count(), 0);
    for (long k = 3; k <= 5; ++k)
        for (long j = 10; j <= 19; ++j)
            for (long i = 10; i <= 27; ++i) {
                if (i > 19 && k != 3) continue;
                im.source[im.block.linear(i, j, k)] = 330.0f;
                region[im.block.linear(i, j, k)] = 1;  // the grow from the seed takes both
            }
    im.raw = im.source;
    return im;
}

std::size_t count(const std::vector<std::uint8_t>& m) {
    std::size_t n = 0;
    for (auto x : m) n += x;
    return n;
}

}  // namespace

TEST(ThroughSliceMixes, APlateOneSliceThickGoesTheLesionStays) {
    std::vector<std::uint8_t> region;
    const BlockImages im = plateScene(region);
    const std::size_t dropped = dropThroughSliceMixes(region, im, 320, 340, {false, false, true}, {15, 15, 4});
    EXPECT_EQ(dropped, 80u);         // 8 x 10 voxels of plate
    EXPECT_EQ(count(region), 300u);  // the lesion's 10 x 10 x 3, end slices included
    EXPECT_TRUE(region[im.block.linear(10, 10, 3)]);
    EXPECT_TRUE(region[im.block.linear(19, 19, 5)]);
    EXPECT_FALSE(region[im.block.linear(20, 15, 3)]);
}

TEST(ThroughSliceMixes, FineAxesAndASeedOnThePlateChangeNothing) {
    std::vector<std::uint8_t> region;
    const BlockImages im = plateScene(region);
    const auto before = region;
    // Along i and j the plate has neighbours in the range: nothing goes.
    EXPECT_EQ(dropThroughSliceMixes(region, im, 320, 340, {true, true, false}, {15, 15, 4}), 0u);
    EXPECT_EQ(region, before);
    // A seed on the plate itself: the region is left whole rather than emptied.
    EXPECT_EQ(dropThroughSliceMixes(region, im, 320, 340, {false, false, true}, {24, 15, 3}), 0u);
    EXPECT_EQ(region, before);
}

TEST(OneSliceSheets, ASheetOneSliceThickGoesTheLesionsEndSlicesStay) {
    // A lesion 10 x 10 x 3 voxels and, beside it on its middle slice only, a sheet 8 x 10 one
    // slice thick (what hole filling closes inside a shell of bone partial volume).
    std::vector<std::uint8_t> region;
    const BlockImages im = plateScene(region);  // for its block; the mask is drawn here
    std::vector<std::uint8_t> m(region.size(), 0);
    for (long k = 3; k <= 5; ++k)
        for (long j = 10; j <= 19; ++j)
            for (long i = 10; i <= 27; ++i)
                if (i <= 19 || k == 4) m[im.block.linear(i, j, k)] = 1;
    const std::size_t dropped = dropOneSliceSheets(m, im.block, {false, false, true}, {15, 15, 4});
    EXPECT_EQ(dropped, 80u);
    EXPECT_EQ(count(m), 300u);
    EXPECT_TRUE(m[im.block.linear(10, 10, 3)]);  // the lesion's end slices keep a neighbour inside
    EXPECT_TRUE(m[im.block.linear(19, 19, 5)]);
    EXPECT_FALSE(m[im.block.linear(24, 15, 4)]);
    // No thick axis: nothing goes.
    std::vector<std::uint8_t> same = m;
    EXPECT_EQ(dropOneSliceSheets(same, im.block, {false, false, false}, {15, 15, 4}), 0u);
    EXPECT_EQ(same, m);
}
