// Manual calipers, signal relative to muscle, bone involvement and the measurement objects, on
// points and small in-memory volumes with analytic answers.
#include <gtest/gtest.h>

#include <cmath>

#include "mensura/annotations/Measurement.h"
#include "mensura/measure/BoneInvolvement.h"
#include "mensura/measure/Calipers.h"
#include "mensura/measure/SignalRatio.h"

using namespace mensura;
using namespace mensura::imaging;

namespace {

Volume makeVolume(std::array<std::size_t, 3> size, Vec3 spacing, const std::string& unit, double fill) {
    Volume v;
    v.stackId = v.seriesInstanceUid = "mem";
    v.frameOfReferenceUid = "for";
    v.valueUnit = unit;
    v.geometry.size = size;
    v.geometry.spacingMm = spacing;
    v.voxelType = VoxelType::Float32;
    v.floatVoxels.assign(size[0] * size[1] * size[2], float(fill));
    return v;
}

TEST(Calipers, TriaxialReportsAPxLRxSIAndRefusesAnOffAxisCaliper) {
    TriaxialCalipers c{{{0, -20, 0}, {0, 20, 0}}, {{-23.5, 0, 0}, {23.5, 0, 0}}, {{0, 0, -17}, {1, 0, 17}}};
    auto s = triaxialSize(c);
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_NEAR(s->apMm, 40, 1e-9);
    EXPECT_NEAR(s->lrMm, 47, 1e-9);
    EXPECT_NEAR(s->siMm, std::sqrt(34.0 * 34 + 1), 1e-9);
    EXPECT_EQ(s->reportCm, "4.0 cm x 4.7 cm x 3.4 cm (AP x LR x SI)");
    const auto ms = annotations::triaxialMeasurements(*s, "ann-7");
    ASSERT_EQ(ms.size(), 3u);
    EXPECT_EQ(ms[1].name, "LR diameter");
    EXPECT_EQ(ms[1].measurement.unit, "mm");
    EXPECT_EQ(ms[1].measurement.sourceAnnotation, "ann-7");

    c.lr = {{-20, -12, 0}, {20, 12, 0}};  // 31 degrees off LR
    auto bad = triaxialSize(c);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("LR caliper is 31 degrees"), std::string::npos) << bad.error().message;
}

TEST(Calipers, BidimensionalAndNodeShortAxis) {
    auto b = bidimensional({{-30, 0, 5}, {30, 0, 5}}, {{0, -10, 5}, {0, 10, 5}});
    ASSERT_TRUE(b.ok());
    EXPECT_NEAR(b->productMm2, 60 * 20, 1e-9);
    EXPECT_FALSE(bidimensional({{-30, 0, 5}, {30, 0, 5}}, {{0, -10, 5}, {10, 10, 5}}).ok());  // 63 degrees
    EXPECT_FALSE(bidimensional({{-30, 0, 5}, {30, 0, 5}}, {{0, -10, 5}, {0, 10, 9}}).ok());   // not coplanar
    EXPECT_EQ(lymphNodeShortAxis({{0, 0, 0}, {0, 9.9, 0}}).category, "normal");
    EXPECT_EQ(lymphNodeShortAxis({{0, 0, 0}, {0, 12, 0}}).category, "pathological non-target");
    EXPECT_EQ(lymphNodeShortAxis({{0, 0, 0}, {15, 0, 0}}).category, "pathological target");
}

TEST(SignalRatio, CategoriesFollowTheDocumentedCutOffs) {
    Volume v = makeVolume({40, 40, 20}, {1, 1, 1}, "arbitrary", 200);  // muscle everywhere
    const SphereRoi muscle{{10, 10, 10}, 4};
    const SphereRoi lesion{{30, 30, 10}, 4};
    struct Case {
        double lesionValue;
        const char* category;
    } cases[] = {{150, "hypo"}, {200, "iso"}, {260, "slightly high"}, {400, "high"}, {600, "markedly high"}};
    for (const auto& c : cases) {
        for (std::size_t k = 0; k < 20; ++k)
            for (std::size_t j = 24; j < 37; ++j)
                for (std::size_t i = 24; i < 37; ++i) v.floatVoxels[v.index(i, j, k)] = float(c.lesionValue);
        auto r = signalRelativeToMuscle(v, lesion, muscle, "T2");
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_NEAR(r->ratio, c.lesionValue / 200, 1e-6);
        EXPECT_EQ(r->category, c.category) << r->rule;
    }
    EXPECT_FALSE(signalRelativeToMuscle(v, {{500, 0, 0}, 3}, muscle).ok());
}

TEST(SignalRatio, SpheresOutsideOrOverTheEdgeOfTheVolume) {
    const Volume v = makeVolume({40, 40, 20}, {1, 1, 1}, "arbitrary", 200);  // voxel positions 0..39, 0..39, 0..19
    auto inside = roiStatistics(v, {{10, 10, 10}, 3}, "lesion");
    ASSERT_TRUE(inside.ok());
    EXPECT_FALSE(inside->clipped);
    // Past the outer voxel face (x = -0.5) but not as far as the next voxel position (x = -1).
    auto face = roiStatistics(v, {{2.5, 10, 10}, 3}, "lesion");
    ASSERT_TRUE(face.ok());
    EXPECT_FALSE(face->clipped);
    EXPECT_EQ(face->count, roiStatistics(v, {{10.5, 10, 10}, 3}, "lesion")->count);  // the same lattice offset
    auto over = roiStatistics(v, {{1, 10, 10}, 3}, "lesion");
    ASSERT_TRUE(over.ok());
    EXPECT_TRUE(over->clipped);
    EXPECT_LT(over->count, inside->count);
    auto r = signalRelativeToMuscle(v, {{10, 10, 10}, 3}, {{20, 20, 18}, 3});
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->warnings.size(), 1u);
    EXPECT_EQ(r->warnings[0].rfind("muscle ROI reaches beyond the edge", 0), 0u) << r->warnings[0];
    // Centred outside (even where the sphere overlaps the volume), no radius.
    auto outside = roiStatistics(v, {{-1, 10, 10}, 3}, "lesion");
    ASSERT_FALSE(outside.ok());
    EXPECT_NE(outside.error().message.find("lies outside the volume"), std::string::npos) << outside.error().message;
    EXPECT_FALSE(roiStatistics(v, {{10, 10, 10}, 0}, "lesion").ok());
    EXPECT_FALSE(roiStatistics(v, {{10, 10, 10}, -2}, "lesion").ok());
}

// A bone cylinder along z: cortex ring (1000 HU) of radii 8..10 mm around cancellous bone
// (300 HU), in 40 HU tissue. Slices z < 10 are healthy; for z >= 10 the left half of the
// cancellous bone is lysed (40 HU) and the cortex has a gap.
Volume boneVolume() {
    Volume v = makeVolume({50, 50, 20}, {1, 1, 1}, "HU", 40);
    for (std::size_t k = 0; k < 20; ++k)
        for (std::size_t j = 0; j < 50; ++j)
            for (std::size_t i = 0; i < 50; ++i) {
                const double x = double(i) - 25, y = double(j) - 25, r = std::hypot(x, y);
                float val = 40;
                if (r <= 8)
                    val = 300;
                else if (r <= 10)
                    val = 1000;
                if (k >= 10) {
                    if (r <= 8 && x > 0) val = 40;
                    if (r > 8 && r <= 10 && x > 0 && std::fabs(y) < 2) val = 40;  // cortical gap
                }
                v.floatVoxels[v.index(i, j, k)] = val;
            }
    return v;
}

TEST(BoneInvolvement, LyticFractionAndCorticalBreachAgainstAHealthyReference) {
    const Volume v = boneVolume();
    const BoxLps affected{{12, 12, 10}, {38, 38, 19}}, reference{{12, 12, 0}, {38, 38, 9}};
    auto b = assessBoneInvolvement(v, affected, reference);
    ASSERT_TRUE(b.ok()) << b.error().message;
    // Lysed: the left half of the cancellous disc plus the cortical gap, counted per slice on the
    // grid the phantom was drawn on (about pi*8^2/2 of pi*10^2).
    double bone = 0, lysed = 0;
    for (int j = 0; j < 50; ++j)
        for (int i = 0; i < 50; ++i) {
            const double x = i - 25, y = j - 25, r = std::hypot(x, y);
            if (r > 10) continue;
            ++bone;
            if (x > 0 && (r <= 8 || std::fabs(y) < 2)) ++lysed;
        }
    const double lost = lysed / bone;
    EXPECT_NEAR(b->lyticFraction, lost, 1e-9) << b->rule;
    EXPECT_TRUE(b->corticalBreach) << b->rule;
    EXPECT_EQ(b->breachedSlices, 10u);
    EXPECT_TRUE(b->warnings.empty());
    // The same box reaching past the volume's edge along x: assessed on its part inside, with a warning.
    auto over = assessBoneInvolvement(v, {{-5, 12, 10}, {38, 38, 19}}, reference);
    ASSERT_TRUE(over.ok()) << over.error().message;
    EXPECT_TRUE(over->affected.clipped);
    ASSERT_EQ(over->warnings.size(), 1u);
    EXPECT_EQ(over->warnings[0].rfind("affected box reaches beyond the edge", 0), 0u) << over->warnings[0];
    auto outside = assessBoneInvolvement(v, affected, {{60, 12, 0}, {70, 38, 9}});
    ASSERT_FALSE(outside.ok());
    EXPECT_EQ(outside.error().message.rfind("reference box lies outside the volume", 0), 0u) << outside.error().message;
    auto healthy = assessBoneInvolvement(v, reference, reference);
    ASSERT_TRUE(healthy.ok());
    EXPECT_NEAR(healthy->lyticFraction, 0, 1e-9);
    EXPECT_FALSE(healthy->corticalBreach);
    auto inverted = assessBoneInvolvement(v, {{38, 12, 0}, {12, 38, 9}}, reference);
    ASSERT_FALSE(inverted.ok());
    EXPECT_EQ(inverted.error().message.rfind("affected box: x0 must be less than x1", 0), 0u)
        << inverted.error().message;
    EXPECT_FALSE(assessBoneInvolvement(v, affected, reference, {700, 600}).ok());  // thresholds out of order
}

TEST(BoneInvolvement, VertebralLevelsAndHeightLoss) {
    EXPECT_TRUE(vertebralLevel("L3", {0, 0, 0}).ok());
    EXPECT_TRUE(vertebralLevel("T12", {0, 0, 0}).ok());
    EXPECT_FALSE(vertebralLevel("L6", {0, 0, 0}).ok());
    EXPECT_FALSE(vertebralLevel("T13", {0, 0, 0}).ok());
    EXPECT_TRUE(vertebralLevel("S5", {0, 0, 0}).ok());
    EXPECT_FALSE(vertebralLevel("S6", {0, 0, 0}).ok());
    std::vector<VertebralLevel> levels{*vertebralLevel("L2", {0, 0, 30}), *vertebralLevel("L3", {0, 0, 0})};
    EXPECT_EQ(nearestLevel(levels, {0, 2, 4})->label, "L3");
    auto h = vertebralHeightLoss({18, 20, 27}, {27, 27, 28});  // anterior wedge: 1 - 18/27 = 33 %
    ASSERT_TRUE(h.ok());
    EXPECT_NEAR(h->percent, 100.0 / 3, 1e-9);
    EXPECT_EQ(h->grade, "moderate");
    EXPECT_EQ(vertebralHeightLoss({26, 26, 27}, {27, 27, 28})->grade, "normal");
}

}  // namespace
