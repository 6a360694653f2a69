// A lesion of high contrast against its noise: the range from the seed stops up to two smoothing
// sigma inside the edge, and the segmentation moves each bound to the 50% level against the
// surroundings, with the smoothing's reach, only when every tissue round the lesion lies far from
// it in value. A neighbour near the lesion in value that touches it must stop that move, else the
// level against the far background takes the neighbour in. Drawn with the phantom's renderer
// (exact partial volume) on 1 mm voxels.
#include <gtest/gtest.h>

#include <cmath>

#include "mensura/measure/LesionMetrics.h"
#include "mensura/measure/LesionSegmentation.h"
#include "mensura/testing/Grids.h"
#include "mensura/testing/Scene.h"

using namespace mensura::imaging;
using namespace mensura::imaging::phantom;

namespace {

struct Values {
    const char* modality;
    double lesion, background, plate, noise;
};

// A sphere of radius r at the origin in a background, and, when plateMm > 0, a plate that thick
// touching its left side (+x), wider than the sphere; when shellMm > 0, a shell that thick round
// it, of the plate's value.
Volume render(const Values& k, double r, double plateMm, double shellMm = 0, double sliceMm = 1.0,
              std::uint32_t noiseSeed = 4242) {
    Scene s;
    s.add(Solid::box({0, 0, 0}, {60, 60, 60}), Tissue::Muscle, "background");
    if (plateMm > 0) s.add(Solid::box({r + plateMm / 2, 0, 0}, {plateMm / 2, r + 4, r + 4}), Tissue::Cortex, "plate");
    if (shellMm > 0)
        s.add(Solid::ellipsoid({0, 0, 0}, {r + shellMm, r + shellMm, r + shellMm}), Tissue::Cortex, "shell");
    s.add(Solid::ellipsoid({0, 0, 0}, {r, r, r}), Tissue::LesionRim, "lesion");
    const Contrast c = std::string(k.modality) == "CT" ? Contrast::CtPre : Contrast::T2;
    TissueTable t;
    t.set(Tissue::Muscle, c, k.background);
    t.set(Tissue::Cortex, c, k.plate);
    t.set(Tissue::LesionRim, c, k.lesion);
    Volume v;
    v.modality = k.modality;
    v.valueUnit = std::string(k.modality) == "CT" ? "HU" : "arbitrary";
    const auto n = 2 * std::size_t(r) + 30;
    const auto slices = std::size_t(std::lround(double(n) / sliceMm)) | 1;  // odd: a slice centred on the lesion
    v.geometry = axialGrid(n, n, slices, 1.0, sliceMm, {0.37, -0.21, 0.13});
    v.voxelType = VoxelType::Float32;
    const auto values = s.render(v.geometry, c, t, k.noise, noiseSeed);
    v.floatVoxels.assign(values.begin(), values.end());
    return v;
}

}  // namespace

// Alone in its background, a 20 mm lesion 25 noise SD brighter reads its volume: before this move
// the range stopped inside the edge and the outline was a voxel short (-2 to -3 %; a dark lesion
// in a bright background, -9 to -14 %).
TEST(FarSurroundings, AnIsolatedLesionReachesItsHalfLevel) {
    for (const Values& k :
         {Values{"MR", 300, 100, 0, 8}, Values{"MR", 100, 400, 0, 5}, Values{"CT", 150, -100, 0, 4}}) {
        const double r = 10;
        const Volume v = render(k, r, 0);
        auto seg = segmentLesion(v, {0.3, -0.2, 0.1});
        ASSERT_TRUE(seg.ok()) << seg.error().message;
        auto m = measureLesion(v, seg->mask);
        ASSERT_TRUE(m.ok()) << m.error().message;
        const double truth = 4.0 / 3.0 * M_PI * r * r * r / 1000.0;
        const std::string where =
            std::string(k.modality) + " " + std::to_string(int(k.lesion)) + " in " + std::to_string(int(k.background));
        EXPECT_NEAR(m->volumeMl, truth, 0.03 * truth) << where << ": " << seg->method;
        for (double d : {m->lr.lengthMm, m->ap.lengthMm, m->si.lengthMm}) EXPECT_NEAR(d, 2 * r, 1.0) << where;
        EXPECT_NE(seg->method.find("surroundings"), std::string::npos) << where << ": " << seg->method;
    }
}

// A plate 6 noise SD darker than the lesion touches it, in a background 25 SD darker: the level
// against the background lies below the plate, so that move would take the plate in (a first
// version read LR 43 mm for a 40 mm lesion). The plate keeps the lesion from counting as alone,
// and the LR diameter stays the lesion's.
TEST(FarSurroundings, ATouchingPlateNearInValueStopsTheMove) {
    const Values k{"MR", 300, 100, 252, 8};
    for (double r : {10.0, 20.0}) {
        const Volume v = render(k, r, 3);
        auto seg = segmentLesion(v, {0.3, -0.2, 0.1});
        ASSERT_TRUE(seg.ok()) << seg.error().message;
        auto m = measureLesion(v, seg->mask);
        ASSERT_TRUE(m.ok()) << m.error().message;
        EXPECT_NEAR(m->lr.lengthMm, 2 * r, 1.0) << "radius " << r << ": " << seg->method;
        EXPECT_EQ(seg->method.find("surroundings ("), std::string::npos) << "radius " << r << ": " << seg->method;
        const double truth = 4.0 / 3.0 * M_PI * r * r * r / 1000.0;
        EXPECT_NEAR(m->volumeMl, truth, 0.05 * truth) << "radius " << r;
    }
}

// A shell 2 or 5 mm thick round the lesion, 16 noise SD darker, in a background 40 SD darker: a
// sample two sigma and three voxels out read past the thin shell and took the level against the
// background, which the shell passes: +61 % (2 mm) and +226 % (5 mm, joined as a rim round the
// lesion), no warning. Read along the whole ray, the shell is a layer, and the lesion stays.
TEST(FarSurroundings, AThinShellRoundTheLesionStopsTheMove) {
    const Values k{"MR", 300, 100, 220, 5};
    const double r = 10, truth = 4.0 / 3.0 * M_PI * r * r * r / 1000.0;
    for (double shell : {2.0, 5.0}) {
        const Volume v = render(k, r, 0, shell);
        auto seg = segmentLesion(v, {0.3, -0.2, 0.1});
        ASSERT_TRUE(seg.ok()) << seg.error().message;
        auto m = measureLesion(v, seg->mask);
        ASSERT_TRUE(m.ok()) << m.error().message;
        const std::string where = "shell " + std::to_string(shell) + " mm: " + seg->method;
        EXPECT_EQ(seg->method.find("surroundings ("), std::string::npos) << where;
        EXPECT_NEAR(m->volumeMl, truth, 0.05 * truth) << where;
        for (double d : {m->lr.lengthMm, m->ap.lengthMm, m->si.lengthMm}) EXPECT_NEAR(d, 2 * r, 1.0) << where;
    }
}

// A shell 2 mm thick only 3 noise SD darker than the lesion: its values are the lesion's along a
// ray, but the region stops at its inner face, so the values the rays meet beyond the region sit
// 2.6 SD below the region's mean, where round a lone lesion they are its own (within 0.5 SD).
// Taking the level against the background took the shell in whole (+72 % on 0.8 mm voxels, no
// warning). Without the move the partial-volume layers still take part of it in (+7.8 % here,
// the known limit in docs/measurement.md for a touching structure near the lesion's value).
TEST(FarSurroundings, AShellNearTheLesionsValueStopsTheMove) {
    const Values k{"MR", 300, 100, 285, 5};
    const double r = 10, truth = 4.0 / 3.0 * M_PI * r * r * r / 1000.0;
    const Volume v = render(k, r, 0, 2);
    auto seg = segmentLesion(v, {0.3, -0.2, 0.1});
    ASSERT_TRUE(seg.ok()) << seg.error().message;
    auto m = measureLesion(v, seg->mask);
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(seg->method.find("surroundings ("), std::string::npos) << seg->method;
    EXPECT_LT(m->volumeMl, 1.15 * truth) << seg->method;
}

// An 8 mm sphere at 300 in 100 across 4 mm slices, a 2 mm plate near its value touching it. The
// first region is a slice deep, and a region that thin may grow (n + 1) / n times more at the 50%
// level, to take its own next slice. Allowed whatever the region's depth after the move, the
// plate joined across three slices with no warning (plate 1 SD brighter at noise 25: +104 %;
// 2 SD darker at noise 10: +218 %); the allowance now holds only while the region is at most one
// slice deeper than it first was, and these read 10 to 24 % low, flagged as one slice deep.
TEST(FarSurroundings, APlateBesideAThinLesionOnThickSlicesIsNotTakenInSilently) {
    struct Case {
        double plateSd, noise;
        std::uint32_t noiseSeed;
    };
    const double r = 4, truth = 4.0 / 3.0 * M_PI * r * r * r / 1000.0;
    for (const Case& c : {Case{1, 25, 5}, Case{-2, 10, 4}}) {
        const Values k{"MR", 300, 100, 300 + c.plateSd * c.noise, c.noise};
        const Volume v = render(k, r, 2.0, 0, 4.0, c.noiseSeed);
        auto seg = segmentLesion(v, {0.3, -0.2, 0.1});
        ASSERT_TRUE(seg.ok()) << seg.error().message;
        auto m = measureLesion(v, seg->mask);
        ASSERT_TRUE(m.ok()) << m.error().message;
        const bool within = std::fabs(m->volumeMl - truth) <= 0.05 * truth &&
                            std::fabs(m->lr.lengthMm - 2 * r) <= 1.0 && std::fabs(m->si.lengthMm - 2 * r) <= 4.0;
        EXPECT_TRUE(within || !seg->warnings.empty())
            << "plate " << c.plateSd << " SD, noise " << c.noise << ": " << m->volumeMl << " mL for " << truth
            << ", LR " << m->lr.lengthMm << ", SI " << m->si.lengthMm << ", no warning: " << seg->method;
        EXPECT_LT(m->volumeMl, 1.5 * truth) << "plate " << c.plateSd << " SD, noise " << c.noise;
    }
}
