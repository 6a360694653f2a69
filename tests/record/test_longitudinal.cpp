// RECIST 1.1 on the seed numbers, checked against a hand calculation, and on the boundaries of
// each rule.
#include <gtest/gtest.h>

#include "mensura/case/Longitudinal.h"

using namespace mensura::annotations;

namespace {

RecordValue mm(Quantity q, double v, const std::string& unit = "mm") {
    RecordValue r;
    r.fieldId = "f" + std::to_string(static_cast<int>(q)) + std::to_string(v);
    r.quantity = q;
    r.value = {v, unit, "", "", ""};
    return r;
}

// One lesion "L1" measured at successive timepoints with the given values.
CaseRecord series(const std::vector<std::vector<RecordValue>>& perTimepoint, bool nodal = false) {
    CaseRecord r;
    Lesion l;
    l.trackingId = "L1";
    l.trackingUid = "2.25.1";
    l.nodal = nodal;
    r.lesions.push_back(l);
    for (std::size_t i = 0; i < perTimepoint.size(); ++i) {
        Timepoint t;
        t.uid = "t" + std::to_string(i);
        LesionObservation o;
        o.lesionTrackingUid = "2.25.1";
        o.values = perTimepoint[i];
        t.observations.push_back(o);
        r.imaging.push_back(t);
    }
    return r;
}

}  // namespace

TEST(Recist, Seed001Case1TriaxialShrinkIsStableDisease) {
    // 33 x 24 x 32 mm -> 25 x 19 x 27 mm. By hand: longest axial diameter 33 -> 25 mm,
    // (25 - 33) / 33 = -24.24 % (PR needs <= -30 %): SD. Ellipsoid volume ratio
    // (25*19*27) / (33*24*32) = 12825 / 25344 = 0.50604: -49.40 %.
    const double k = M_PI / 6;
    auto r = series({{mm(Quantity::ApDiameter, 33), mm(Quantity::LrDiameter, 24), mm(Quantity::SiDiameter, 32),
                      mm(Quantity::Volume, k * 33 * 24 * 32, "mm3")},
                     {mm(Quantity::ApDiameter, 25), mm(Quantity::LrDiameter, 19), mm(Quantity::SiDiameter, 27),
                      mm(Quantity::Volume, k * 25 * 19 * 27, "mm3")}});
    auto a = compareTimepoints(r, "t0", "t1");
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->category, RecistCategory::SD);
    EXPECT_DOUBLE_EQ(a->baselineSumMm, 33.0);
    EXPECT_DOUBLE_EQ(a->currentSumMm, 25.0);
    EXPECT_NEAR(a->percentFromBaseline(), -24.2424, 1e-4);
    ASSERT_EQ(a->lesions.size(), 1u);
    const auto& l = a->lesions[0];
    ASSERT_EQ(l.diameters.size(), 3u);
    EXPECT_NEAR(l.diameters[1].percentChange(), -20.8333, 1e-4);  // LR 24 -> 19
    EXPECT_NEAR(l.diameters[2].percentChange(), -15.625, 1e-9);   // SI 32 -> 27
    ASSERT_TRUE(l.volume);
    EXPECT_NEAR(l.volume->percentChange(), -49.3963, 1e-4);
    EXPECT_NE(a->rule.find("SD"), std::string::npos);
}

TEST(Recist, Seed001Case3BidirectionalGrowthIsStableDisease) {
    // 3.5 x 3.0 cm -> 3.8 x 3.3 cm: +3 mm, +8.57 % of the longest diameter (PD needs +20 % and
    // +5 mm): SD. Values typed in cm are converted to mm.
    auto r = series({{mm(Quantity::LongAxis, 3.5, "cm"), mm(Quantity::ShortAxis, 3.0, "cm")},
                     {mm(Quantity::LongAxis, 3.8, "cm"), mm(Quantity::ShortAxis, 3.3, "cm")}});
    auto a = compareTimepoints(r, "t0", "t1");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->category, RecistCategory::SD);
    EXPECT_NEAR(a->currentSumMm - a->baselineSumMm, 3.0, 1e-9);
    EXPECT_NEAR(a->percentFromBaseline(), 300.0 / 35.0, 1e-9);
}

TEST(Recist, ThirtyPercentShrinkIsPartialResponse) {
    auto pr = compareTimepoints(series({{mm(Quantity::LongAxis, 50)}, {mm(Quantity::LongAxis, 35)}}), "t0", "t1");
    EXPECT_EQ(pr->category, RecistCategory::PR);  // exactly -30 %
    auto sd = compareTimepoints(series({{mm(Quantity::LongAxis, 50)}, {mm(Quantity::LongAxis, 35.5)}}), "t0", "t1");
    EXPECT_EQ(sd->category, RecistCategory::SD);
}

TEST(Recist, ProgressionNeedsTwentyPercentAndFiveMillimetresFromTheNadir) {
    auto pd = compareTimepoints(series({{mm(Quantity::LongAxis, 30)}, {mm(Quantity::LongAxis, 36)}}), "t0", "t1");
    EXPECT_EQ(pd->category, RecistCategory::PD);  // +20 %, +6 mm
    auto small = compareTimepoints(series({{mm(Quantity::LongAxis, 20)}, {mm(Quantity::LongAxis, 24)}}), "t0", "t1");
    EXPECT_EQ(small->category, RecistCategory::SD);  // +20 % but only +4 mm
    // 50 -> 30 (nadir) -> 36: -28 % from baseline, but +20 % and +6 mm from the nadir.
    auto r = series({{mm(Quantity::LongAxis, 50)}, {mm(Quantity::LongAxis, 30)}, {mm(Quantity::LongAxis, 36)}});
    auto nadir = compareTimepoints(r, "t0", "t2");
    EXPECT_EQ(nadir->category, RecistCategory::PD);
    EXPECT_EQ(nadir->nadirTimepoint, "t1");
    EXPECT_DOUBLE_EQ(nadir->nadirSumMm, 30.0);
}

TEST(Recist, DisappearanceIsCompleteResponseAndANewLesionIsProgression) {
    auto r = series({{mm(Quantity::LongAxis, 22)}, {}});
    r.imaging[1].observations[0].notSeen = true;
    auto cr = compareTimepoints(r, "t0", "t1");
    EXPECT_EQ(cr->category, RecistCategory::CR);
    Lesion recurrence;
    recurrence.trackingId = "R1";
    recurrence.trackingUid = "2.25.2";
    recurrence.role = LesionRole::Recurrence;
    r.lesions.push_back(recurrence);
    LesionObservation o;
    o.lesionTrackingUid = "2.25.2";
    o.values = {mm(Quantity::LongAxis, 32)};
    r.imaging[1].observations.push_back(o);
    auto pd = compareTimepoints(r, "t0", "t1");
    EXPECT_EQ(pd->category, RecistCategory::PD);
    EXPECT_NE(pd->rule.find("R1"), std::string::npos);
}

TEST(Recist, LymphNodesUseTheShortAxisAndTheirThresholds) {
    auto node11 =
        compareTimepoints(series({{mm(Quantity::ShortAxis, 11)}, {mm(Quantity::ShortAxis, 12)}}, true), "t0", "t1");
    EXPECT_FALSE(node11->lesions[0].target);  // 10-15 mm: pathological, non-target
    EXPECT_EQ(node11->category, RecistCategory::NE);
    auto node20 =
        compareTimepoints(series({{mm(Quantity::ShortAxis, 20)}, {mm(Quantity::ShortAxis, 9)}}, true), "t0", "t1");
    EXPECT_TRUE(node20->lesions[0].target);
    EXPECT_EQ(node20->category, RecistCategory::CR);  // node back under 10 mm
}

TEST(Recist, UnmeasuredTargetOrPixelUnitsIsNotEvaluable) {
    auto missing = compareTimepoints(series({{mm(Quantity::LongAxis, 30)}, {}}), "t0", "t1");
    EXPECT_EQ(missing->category, RecistCategory::NE);
    auto pixels =
        compareTimepoints(series({{mm(Quantity::LongAxis, 30)}, {mm(Quantity::LongAxis, 20, "{pixel}")}}), "t0", "t1");
    EXPECT_EQ(pixels->category, RecistCategory::NE);
    EXPECT_FALSE(compareTimepoints(series({{}, {}}), "t1", "t0"));  // not later
    EXPECT_FALSE(compareTimepoints(series({{}, {}}), "t0", "nope"));
}
