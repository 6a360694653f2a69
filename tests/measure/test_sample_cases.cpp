// The measurement engine on the committed sample cases, against their ground truth: seed at the
// lesion centre, no box, default options, as a radiologist's first click would be.
#include <gtest/gtest.h>
#include <ostream>

#include <fstream>
#include <nlohmann/json.hpp>

#include "measure/MeasureTestSeries.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/VolumeLoader.h"
#include "mensura/measure/LesionMetrics.h"
#include "mensura/measure/LesionSegmentation.h"
#include "mensura/measure/MaskTransfer.h"
#include "mensura/testing/CasePlan.h"

using namespace mensura::imaging;

namespace {

const std::string kSamples = MENSURA_SAMPLE_DICOM;

struct SampleSeries {
    const char* caseName;
    const char* study;
    const char* series;
    int lesion;  // index in the study's lesions
    bool checkSi = true;
    // Off-centre clicks refused with a message, at most, 3 and 5 mm off the centre.
    int refusedAt3Mm = 0, refusedAt5Mm = 1;
};
// Parameters print as their names, so the test list is the same on every run.
void PrintTo(const SampleSeries& p, std::ostream* os) {
    *os << p.caseName << "/" << p.study << "/" << p.series << " lesion " << p.lesion;
}

// The series and its study's ground truth; seed = the lesion's centre.
Result<Volume> loadSample(const SampleSeries& c, nlohmann::json& study, nlohmann::json& lesion, PointLps& seed) {
    std::ifstream f(kSamples + "/" + c.caseName + "/ground_truth.json");
    const auto truth = nlohmann::json::parse(f);
    for (const auto& s : truth["studies"])
        if (s["key"] == c.study) study = s;
    lesion = study["lesions"][c.lesion];
    seed = PointLps{lesion["centreLps"][0], lesion["centreLps"][1], lesion["centreLps"][2]};
    std::string error;
    const DicomIndex index = indexPath(kSamples + "/" + c.caseName + "/" + c.study + "/" + c.series, {}, &error);
    if (index.allStacks().empty()) return Error{c.series + std::string(": no series (") + error + ")"};
    return loadVolume(*index.allStacks().front());
}

// The "check the outline" warning a result carries when its sizes may be wrong.
bool hasOutlineWarning(const Segmentation& seg) {
    for (const auto& w : seg.warnings)
        if (w.rfind("check the outline", 0) == 0) return true;
    return false;
}

// The tri-axial diameters (SI when checkSi) within max(1 mm, one voxel along the axis) and the
// volume within 5 % of the lesion's ground truth.
void expectSizesWithinTruth(const LesionMetrics& m, const VolumeGeometry& g, const nlohmann::json& lesion,
                            const std::string& where, bool checkSi = true) {
    const auto& t = lesion["triaxialMm"];
    EXPECT_NEAR(m.ap.lengthMm, t["ap"].get<double>(), mensura::test::toleranceAlongMm(g, {0, 1, 0})) << where;
    EXPECT_NEAR(m.lr.lengthMm, t["lr"].get<double>(), mensura::test::toleranceAlongMm(g, {1, 0, 0})) << where;
    if (checkSi) {
        EXPECT_NEAR(m.si.lengthMm, t["si"].get<double>(), mensura::test::toleranceAlongMm(g, {0, 0, 1})) << where;
    }
    const double volume = lesion["volumeMl"];
    EXPECT_NEAR(m.volumeMl, volume, 0.05 * volume) << where;
}

// The contrast (T1, T2, CT+C...) of a series of the study.
std::string contrastOf(const nlohmann::json& study, const std::string& series) {
    for (const auto& s : study["series"])
        if (s["key"] == series) return s["contrast"];
    return {};
}

// A test name: letters and digits, the rest as underscores.
std::string testName(std::string n) {
    for (char& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return n;
}

std::string fmtMm(double mm) {
    char b[32];
    std::snprintf(b, sizeof b, "%+.1f", mm);
    return b;
}

}  // namespace

class SampleLesion : public ::testing::TestWithParam<SampleSeries> {};

TEST_P(SampleLesion, TriaxialVolumeAndMeanMatchTheGroundTruth) {
    const SampleSeries& c = GetParam();
    nlohmann::json study, lesion;
    PointLps seed;
    auto v = loadSample(c, study, lesion, seed);
    ASSERT_TRUE(v.ok()) << v.error().message;
    auto seg = segmentLesion(*v, seed);
    ASSERT_TRUE(seg.ok()) << seg.error().message;
    auto m = measureLesion(*v, seg->mask);
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_LT(seg->outlineWithoutEdgeFraction, Segmentation::kUnsupportedOutlineWarning) << c.series;
    // A right result carries no warning the reader must weigh, but the CCS CT+C's rim (see the
    // known limits of docs/measurement.md), whose only warning is "check the outline".
    for (const std::string& w : seg->warnings)
        EXPECT_TRUE(std::string(c.series) == "02_CT_NECK_C" && w.rfind("check the outline", 0) == 0)
            << c.series << ": " << w;
    expectSizesWithinTruth(*m, v->geometry, lesion, c.series, c.checkSi);
    // The mean over the interior against the lesion's volume-weighted mean in this contrast
    // (within 2%: the interior leans towards the core of a rim/core lesion).
    const std::string contrast = contrastOf(study, c.series);
    const double mean = lesion["meanByContrast"][contrast];
    EXPECT_NEAR(m->values.mean, mean, 0.02 * mean) << c.series << " " << contrast;
}

auto sampleName = [](const auto& info) {
    return testName(std::string(info.param.caseName) + "_" + info.param.study + "_" + info.param.series);
};

// The series where the engine meets the tolerances from a click at the centre. The CCS
// T2/TIRM lesion touches the cord and discs (similar signal): the range on the smoothed copy and
// the per-side 50% boundary keep it out of them.
const SampleSeries kMeasurable[] = {{"ccs_craniocervical", "baseline", "02_CT_NECK_C", 0},
                                    {"ccs_craniocervical", "baseline", "04_T2_SAG", 0},
                                    {"ccs_craniocervical", "baseline", "05_TIRM_COR", 0},
                                    {"ccs_craniocervical", "baseline", "06_DWI_AX", 0},
                                    {"ccs_craniocervical", "baseline", "07_T1_AX_C", 0},
                                    {"asps_tongue_followup", "baseline", "01_T1_AX", 0},
                                    {"asps_tongue_followup", "baseline", "02_T2_AX", 0},
                                    {"asps_tongue_followup", "baseline", "03_T1_AX_C", 0},
                                    {"asps_tongue_followup", "followup", "01_T1_AX", 0},
                                    {"asps_tongue_followup", "followup", "02_T2_COR", 0},
                                    {"asps_tongue_followup", "followup", "03_T1_AX_C", 0},
                                    // A click off the centre of this rim (110 HU) round a core (50)
                                    // beside brain (38) is refused more often: the range from a
                                    // neighbourhood of rim and core takes in brain and floods it,
                                    // and so may the range from the most uniform point near it (13
                                    // of 27 refused 5 mm off before that second try).
                                    {"lms_scalp_skull", "baseline", "02_CT_HEAD_C", 0, true, 1, 5}};
INSTANTIATE_TEST_SUITE_P(Samples, SampleLesion, ::testing::ValuesIn(kMeasurable), sampleName);

// A click is rarely at the centre. From each of the 26 points 3 mm off it along the rows and
// the columns of the slice being read and one slice up or down (and their combinations), the
// result is within the same tolerances or carries the "check the outline" warning: never a
// silent wrong size. A click on the slice above the centre of the ASPS T1+C lesion (rim 950 round
// a 850 core) read 11.9 mL for 13.3 with no warning until the range was re-centred on the region.
// 5 mm off in-plane (7 mm diagonally on a 19 mm lesion) a click may also be refused, with a
// message that asks for a click nearer the centre; before a click more than 2.5 mm from its
// region's centre was segmented again from there, 8 of the 297 such clicks read wrong with no
// warning (ASPS baseline T1 35-36.25 mm AP for 33; follow-up T1+C 7.1-7.2 mL for 6.7).
class SampleLesionOffCentre : public ::testing::TestWithParam<SampleSeries> {};

TEST_P(SampleLesionOffCentre, WithinTheTolerancesOrFlaggedFromAClickOffTheCentre) {
    const SampleSeries& c = GetParam();
    nlohmann::json study, lesion;
    PointLps centre;
    auto v = loadSample(c, study, lesion, centre);
    ASSERT_TRUE(v.ok()) << v.error().message;
    const auto& t = lesion["triaxialMm"];
    const double volume = lesion["volumeMl"];
    const VolumeGeometry& g = v->geometry;
    for (const double step : {3.0, 5.0}) {
        int within = 0, clicks = 0, refused = 0;
        for (int i = -1; i <= 1; ++i)
            for (int j = -1; j <= 1; ++j)
                for (int k = -1; k <= 1; ++k) {
                    const PointLps seed =
                        centre + (step * i) * g.axes[0] + (step * j) * g.axes[1] + (k * g.spacingMm.z) * g.axes[2];
                    const std::string where = std::string(c.series) + ": seed " + fmtMm(step * i) + ", " +
                                              fmtMm(step * j) + " mm and " + std::to_string(k) +
                                              " slice(s) off the centre";
                    ++clicks;
                    auto seg = segmentLesion(*v, seed);
                    if (!seg.ok()) {
                        EXPECT_NE(seg.error().message.find("click nearer the lesion's centre"), std::string::npos)
                            << where << ": " << seg.error().message;
                        ++refused;
                        continue;
                    }
                    auto m = measureLesion(*v, seg->mask);
                    ASSERT_TRUE(m.ok()) << m.error().message;
                    const bool sizes = std::fabs(m->ap.lengthMm - t["ap"].get<double>()) <=
                                           mensura::test::toleranceAlongMm(g, {0, 1, 0}) &&
                                       std::fabs(m->lr.lengthMm - t["lr"].get<double>()) <=
                                           mensura::test::toleranceAlongMm(g, {1, 0, 0}) &&
                                       (!c.checkSi || std::fabs(m->si.lengthMm - t["si"].get<double>()) <=
                                                          mensura::test::toleranceAlongMm(g, {0, 0, 1})) &&
                                       std::fabs(m->volumeMl - volume) <= 0.05 * volume;
                    EXPECT_TRUE(sizes || hasOutlineWarning(*seg))
                        << where << " gives " << m->ap.lengthMm << " x " << m->lr.lengthMm << " x " << m->si.lengthMm
                        << " mm, " << m->volumeMl << " mL, without a warning";
                    within += sizes;
                }
        // And nearly all clicks are right (today all 27 at 3 mm on each of these series but one
        // refused on the LMS CT+C, and all but the refused at 5 mm but one flagged there).
        EXPECT_GE(10 * within, 9 * (clicks - refused))
            << c.series << ", " << step << " mm: " << within << " of " << clicks << " within the tolerances";
        EXPECT_LE(refused, step > 3.0 ? c.refusedAt5Mm : c.refusedAt3Mm) << c.series << ", " << step << " mm";
    }
}

INSTANTIATE_TEST_SUITE_P(Samples, SampleLesionOffCentre, ::testing::ValuesIn(kMeasurable), sampleName);
// A box drawn round the lesion (its extent plus a margin, as a reader drags it) limits the region
// and must not change a right result: the outline is judged against the tissue beyond the box
// and a rim reaching its faces is still the lesion's. Before the box only limited the region
// (not also what the outline, the smoothing and the rim were judged on), the LMS CT+C in a box
// 2 mm round it read its core alone: 21 x 17 x 12 mm, 2.6 mL for 38 x 33 x 28 mm, 16.1 mL.
class SampleLesionInABox : public ::testing::TestWithParam<SampleSeries> {};

TEST_P(SampleLesionInABox, MatchesTheGroundTruthInABoxRoundTheLesion) {
    const SampleSeries& c = GetParam();
    nlohmann::json study, lesion;
    PointLps centre;
    auto v = loadSample(c, study, lesion, centre);
    ASSERT_TRUE(v.ok()) << v.error().message;
    const auto& t = lesion["triaxialMm"];
    const Vec3 half{0.5 * t["lr"].get<double>(), 0.5 * t["ap"].get<double>(), 0.5 * t["si"].get<double>()};
    for (const double margin : {2.0, 5.0, 10.0}) {
        SegmentationOptions o;
        const Vec3 m{margin, margin, margin};
        o.box = BoxLps{centre - half - m, centre + half + m};
        auto seg = segmentLesion(*v, centre, o);
        ASSERT_TRUE(seg.ok()) << c.series << ", margin " << margin << ": " << seg.error().message;
        auto r = measureLesion(*v, seg->mask);
        ASSERT_TRUE(r.ok()) << r.error().message;
        expectSizesWithinTruth(*r, v->geometry, lesion, std::string(c.series) + ", margin " + std::to_string(margin),
                               c.checkSi);
        EXPECT_FALSE(hasOutlineWarning(*seg)) << c.series << ", margin " << margin;
    }
}

INSTANTIATE_TEST_SUITE_P(Samples, SampleLesionInABox, ::testing::ValuesIn(kMeasurable), sampleName);

// The LMS scalp T2 (flagged at the centre: brain 550 beside the lesion at 600): from 3 mm off it
// read 13.9 mL for 16.1 once with no warning before the second segmentation from the centre.
INSTANTIATE_TEST_SUITE_P(FlaggedAtTheCentre, SampleLesionOffCentre,
                         ::testing::Values(SampleSeries{"lms_scalp_skull", "baseline", "04_T2_AX", 0}), sampleName);

// Still failing (run with --gtest_also_run_disabled_tests): the LMS scalp T2, whose sizes and
// volume are within but whose outline is held by no edge over 17% of its surface (brain 550
// against the lesion's 600), so it is flagged.
INSTANTIATE_TEST_SUITE_P(DISABLED_KnownFailures, SampleLesion,
                         ::testing::Values(SampleSeries{"lms_scalp_skull", "baseline", "04_T2_AX", 0}), sampleName);

// The series still outside the tolerances are not silent: each result carries the warning that
// the outline is not held by an edge over part of its surface.
class FlaggedSampleLesion : public ::testing::TestWithParam<SampleSeries> {};

TEST_P(FlaggedSampleLesion, CarriesTheCheckTheOutlineWarning) {
    const SampleSeries& c = GetParam();
    nlohmann::json study, lesion;
    PointLps seed;
    auto v = loadSample(c, study, lesion, seed);
    ASSERT_TRUE(v.ok()) << v.error().message;
    auto seg = segmentLesion(*v, seed);
    ASSERT_TRUE(seg.ok()) << seg.error().message;
    EXPECT_GT(seg->outlineWithoutEdgeFraction, Segmentation::kUnsupportedOutlineWarning) << c.series;
    EXPECT_TRUE(hasOutlineWarning(*seg)) << c.series;
}

INSTANTIATE_TEST_SUITE_P(Samples, FlaggedSampleLesion,
                         ::testing::Values(SampleSeries{"lms_scalp_skull", "baseline", "03_T1_AX", 0},
                                           SampleSeries{"lms_scalp_skull", "baseline", "04_T2_AX", 0}),
                         sampleName);

// A small lesion on thick slices: the ASPS level II node (11 x 15 x 18 mm on 4-5 mm slices at
// baseline, 9 x 12 x 15 mm at follow-up). Its mean is checked against the node tissue's value in
// the phantom that drew it and against the ground truth file (which listed the primary's values
// for the node until the generator took the node's tissue).
struct NodeSeries {
    const char* study;
    const char* series;
    phantom::Contrast contrast;
};
// Parameters print as their names, so the test list is the same on every run.
void PrintTo(const NodeSeries& p, std::ostream* os) { *os << p.study << "/" << p.series; }

class SmallNode : public ::testing::TestWithParam<NodeSeries> {};

TEST_P(SmallNode, TriaxialAndVolumeMatchTheGroundTruth) {
    const NodeSeries& c = GetParam();
    nlohmann::json study, node;
    PointLps seed;
    auto v = loadSample({"asps_tongue_followup", c.study, c.series, 1}, study, node, seed);
    ASSERT_TRUE(v.ok()) << v.error().message;
    auto seg = segmentLesion(*v, seed);
    ASSERT_TRUE(seg.ok()) << seg.error().message;
    EXPECT_LT(seg->outlineWithoutEdgeFraction, Segmentation::kUnsupportedOutlineWarning);
    auto m = measureLesion(*v, seg->mask);
    ASSERT_TRUE(m.ok()) << m.error().message;
    const auto& t = node["triaxialMm"];
    EXPECT_NEAR(m->ap.lengthMm, t["ap"].get<double>(), mensura::test::toleranceAlongMm(v->geometry, {0, 1, 0}));
    EXPECT_NEAR(m->lr.lengthMm, t["lr"].get<double>(), mensura::test::toleranceAlongMm(v->geometry, {1, 0, 0}));
    EXPECT_NEAR(m->si.lengthMm, t["si"].get<double>(), mensura::test::toleranceAlongMm(v->geometry, {0, 0, 1}));
    const double volume = node["volumeMl"];
    EXPECT_NEAR(m->volumeMl, volume, 0.05 * volume);
    auto plan = phantom::buildCase("asps_tongue_followup");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    for (const auto& s : plan->studies)
        if (s.key == c.study) {
            const double drawn = s.tissues.value(phantom::Tissue::Node, c.contrast);
            EXPECT_NEAR(m->values.mean, drawn, 0.02 * drawn);
            EXPECT_DOUBLE_EQ(node["meanByContrast"][phantom::toString(c.contrast)].get<double>(), drawn);
        }
}

INSTANTIATE_TEST_SUITE_P(Samples, SmallNode,
                         ::testing::Values(NodeSeries{"baseline", "02_T2_AX", phantom::Contrast::T2},
                                           NodeSeries{"baseline", "03_T1_AX_C", phantom::Contrast::T1Post},
                                           NodeSeries{"followup", "03_T1_AX_C", phantom::Contrast::T1Post},
                                           // 9 mm AP across 4 mm coronal slices: it read one slice (4 mm,
                                           // 0.44 mL for 0.85, flagged) until a region one or two thick
                                           // slices deep could gain a whole slice of itself.
                                           NodeSeries{"followup", "02_T2_COR", phantom::Contrast::T2}),
                         [](const auto& info) { return std::string(info.param.study) + "_" + info.param.series; });

// Lesions of the same value as the tissue round them (the reports' "iso" series; CT before
// contrast): a click at the centre must give an error that says so, never the size of the
// tissue round the lesion (hundreds of mL) as the lesion's.
class IsoIntenseLesion : public ::testing::TestWithParam<SampleSeries> {};

TEST_P(IsoIntenseLesion, IsRefusedWithAReason) {
    const SampleSeries& c = GetParam();
    nlohmann::json study, lesion;
    PointLps seed;
    auto v = loadSample(c, study, lesion, seed);
    ASSERT_TRUE(v.ok()) << v.error().message;
    auto seg = segmentLesion(*v, seed);
    ASSERT_FALSE(seg.ok()) << c.series << ": measured " << seg->mask.count() << " voxels";
    EXPECT_NE(seg.error().message.find("does not stand apart from its surroundings"), std::string::npos)
        << seg.error().message;
    EXPECT_NE(seg.error().message.find(v->stackId), std::string::npos) << seg.error().message;
}

// CCS: CT 45 HU in muscle 50, T1 = muscle. LMS spine: CT of the soft-tissue mass. LMS scalp: CT
// 38 HU against brain 35. ASPS: the node's T1 is muscle's (400), at both visits.
INSTANTIATE_TEST_SUITE_P(Samples, IsoIntenseLesion,
                         ::testing::Values(SampleSeries{"ccs_craniocervical", "baseline", "01_CT_NECK", 0},
                                           SampleSeries{"ccs_craniocervical", "baseline", "03_T1_AX", 0},
                                           SampleSeries{"lms_cervical_spine", "baseline", "01_CT_CSPINE_AX", 0},
                                           SampleSeries{"lms_cervical_spine", "baseline", "02_CT_CSPINE_SAG", 0},
                                           SampleSeries{"lms_scalp_skull", "baseline", "01_CT_HEAD", 0},
                                           SampleSeries{"asps_tongue_followup", "baseline", "01_T1_AX", 1},
                                           SampleSeries{"asps_tongue_followup", "followup", "01_T1_AX", 1}),
                         sampleName);

// A lesion with no edge on one series (the LMS scalp mass is T1-iso, and the partial volume of
// skull and brain beside it has its T1 and T2 values) is outlined on a series of the same frame
// of reference where it has one (CT+C) and measured on its own grid and values. On their own
// these series read 14.9 mL (T1, flagged), 17.7 mL (T1+C coronal, flagged) for 16.1 mL.
struct OutlinedElsewhere {
    const char* caseName;
    const char* study;
    const char* series;   // measured here
    const char* outline;  // outlined here
    int lesion;
    bool thinAcrossSlices = false;  // two slices deep or less on the measured series: flagged as such
};
// Parameters print as their names, so the test list is the same on every run.
void PrintTo(const OutlinedElsewhere& p, std::ostream* os) {
    *os << p.caseName << "/" << p.study << "/" << p.series << " outlined on " << p.outline;
}

class OutlinedOnAnotherSeries : public ::testing::TestWithParam<OutlinedElsewhere> {};

TEST_P(OutlinedOnAnotherSeries, MatchesTheGroundTruthOnTheMeasuredSeries) {
    const OutlinedElsewhere& c = GetParam();
    nlohmann::json study, lesion;
    PointLps seed;
    auto v = loadSample({c.caseName, c.study, c.series, c.lesion}, study, lesion, seed);
    ASSERT_TRUE(v.ok()) << v.error().message;
    auto outline = loadSample({c.caseName, c.study, c.outline, c.lesion}, study, lesion, seed);
    ASSERT_TRUE(outline.ok()) << outline.error().message;
    auto seg = segmentOnOtherSeries(*outline, *v, seed);
    ASSERT_TRUE(seg.ok()) << seg.error().message;
    if (c.thinAcrossSlices) {
        ASSERT_EQ(seg->warnings.size(), 1u) << c.series;
        EXPECT_NE(seg->warnings[0].find("slice(s) of 4.0 mm, where it is mostly partial volume"), std::string::npos)
            << seg->warnings[0];
    } else {
        EXPECT_FALSE(hasOutlineWarning(*seg)) << c.series;
    }
    EXPECT_NE(seg->method.find(outline->stackId), std::string::npos) << seg->method;
    EXPECT_EQ(seg->mask.seriesInstanceUid, v->seriesInstanceUid);
    auto m = measureLesion(*v, seg->mask);
    ASSERT_TRUE(m.ok()) << m.error().message;
    const std::string where = std::string(c.series) + " outlined on " + c.outline;
    expectSizesWithinTruth(*m, v->geometry, lesion, where);
    const std::string contrast = contrastOf(study, c.series);
    if (lesion["meanByContrast"].contains(contrast)) {
        const double mean = lesion["meanByContrast"][contrast];
        EXPECT_NEAR(m->values.mean, mean, 0.02 * mean) << where << " " << contrast;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Samples, OutlinedOnAnotherSeries,
    ::testing::Values(OutlinedElsewhere{"lms_scalp_skull", "baseline", "03_T1_AX", "02_CT_HEAD_C", 0},
                      OutlinedElsewhere{"lms_scalp_skull", "baseline", "04_T2_AX", "02_CT_HEAD_C", 0},
                      OutlinedElsewhere{"lms_scalp_skull", "baseline", "05_T1_COR_C", "02_CT_HEAD_C", 0},
                      // The node two 4 mm coronal slices deep, outlined on the axial T1+C: its
                      // mean from the slice holding its middle (498.5 for 500; 487 with both),
                      // and flagged as two slices deep, as from a click.
                      OutlinedElsewhere{"asps_tongue_followup", "followup", "02_T2_COR", "03_T1_AX_C", 1, true}),
    [](const auto& info) {
        return testName(std::string(info.param.caseName) + "_" + info.param.series + "_from_" + info.param.outline +
                        "_" + std::to_string(info.param.lesion));
    });
