// Link integrity: deleting, moving or recomputing an annotation updates or flags every record
// field that cites it, and the annotation always knows who cites it.
#include <gtest/gtest.h>

#include <cmath>

#include "RecordFixture.h"
#include "mensura/case/AnnotationCommands.h"
#include "mensura/case/RecordCommands.h"

using namespace mensura;
using namespace mensura::annotations;

namespace {
std::vector<std::string> citedBy(const CaseModel& m, const std::string& uid) { return m.findAnnotation(uid)->citedBy; }
}  // namespace

TEST(RecordLinks, AnnotationsKnowTheFieldsThatCiteThem) {
    CaseModel model(test::recordFixture());
    EXPECT_EQ(citedBy(model, test::kTriaxialUid), (std::vector<std::string>{"f-ap", "f-lr", "f-si"}));
    EXPECT_EQ(citedBy(model, test::kSegmentationUid), (std::vector<std::string>{"f-vol"}));
    EXPECT_EQ(citedBy(model, test::kPointUid), (std::vector<std::string>{"f-inv"}));
    const auto c = model.citationsOf(test::kTriaxialUid);
    ASSERT_EQ(c.size(), 3u);
    EXPECT_EQ(c[0].path, "imaging/tp-base/L1/apDiameter");
    EXPECT_TRUE(model.integrityProblems().empty());
}

TEST(RecordLinks, DeletingAnAnnotationFlagsItsFieldsOrphanedAndKeepsTheirValues) {
    CaseModel model(test::recordFixture());
    History history(model);
    ASSERT_FALSE(history.push(std::make_unique<RemoveAnnotation>(test::kTriaxialUid)));
    for (const char* id : {"f-ap", "f-lr", "f-si"}) {
        EXPECT_EQ(model.findValue(id)->state, LinkState::Orphaned) << id;
        ASSERT_TRUE(model.findValue(id)->link);
    }
    EXPECT_DOUBLE_EQ(model.findValue("f-ap")->value.value, 40.0);
    EXPECT_EQ(model.findValue("f-vol")->state, LinkState::Linked);  // other sources untouched
    EXPECT_TRUE(model.integrityProblems().empty());

    ASSERT_FALSE(history.push(std::make_unique<RemoveAnnotation>(test::kPointUid)));
    EXPECT_EQ(model.findFinding("f-inv")->state, LinkState::Orphaned);
    history.undo();
    history.undo();
    EXPECT_EQ(model.findValue("f-ap")->state, LinkState::Linked);
    EXPECT_EQ(model.findFinding("f-inv")->state, LinkState::Linked);
    EXPECT_EQ(citedBy(model, test::kTriaxialUid).size(), 3u);
}

TEST(RecordLinks, MovingACaliperRecomputesTheCitedValues) {
    CaseModel model(test::recordFixture());
    History history(model);
    // AP from 40 to 50 mm, LR 30 -> 24 mm along a diagonal (analytic lengths), SI unchanged.
    const double h = 12.0 / std::sqrt(2.0);
    ASSERT_FALSE(history.push(std::make_unique<MoveAnnotation>(
        test::kTriaxialUid,
        std::vector<imaging::PointLps>{{0, -25, 0}, {0, 25, 0}, {-h, -h, 0}, {h, h, 0}, {0, 0, -10}, {0, 0, 10}})));
    EXPECT_NEAR(model.findValue("f-ap")->value.value, 50.0, 1e-9);
    EXPECT_NEAR(model.findValue("f-lr")->value.value, 24.0, 1e-9);
    EXPECT_NEAR(model.findValue("f-si")->value.value, 20.0, 1e-9);
    EXPECT_EQ(model.findValue("f-ap")->state, LinkState::Linked);
    const QuantityValue* volume = model.findAnnotation(test::kTriaxialUid)->find(Quantity::Volume);
    ASSERT_TRUE(volume);
    EXPECT_NEAR(volume->measurement.value, M_PI / 6.0 * 50 * 24 * 20, 1e-6);
    EXPECT_EQ(volume->measurement.unit, "mm3");
}

TEST(RecordLinks, MovingEvidenceMarksTheFindingForReview) {
    CaseModel model(test::recordFixture());
    History history(model);
    ASSERT_FALSE(
        history.push(std::make_unique<MoveAnnotation>(test::kPointUid, std::vector<imaging::PointLps>{{9, 9, 9}})));
    EXPECT_EQ(model.findFinding("f-inv")->state, LinkState::Stale);
    ASSERT_FALSE(
        history.push(std::make_unique<SetFindingEvidence>("f-inv", std::vector<std::string>{test::kPointUid})));
    EXPECT_EQ(model.findFinding("f-inv")->state, LinkState::Linked);
}

TEST(RecordLinks, PixelValuesGoStaleOnAMoveUntilRecomputed) {
    CaseModel model(test::recordFixture());
    History history(model);
    // An ROI whose mean came from pixels: moving it recomputes the area, the mean goes stale.
    Annotation roi;
    roi.uid = "2.25.8000";
    roi.kind = AnnotationKind::Ellipse;
    roi.category = AnnotationCategory::Enhancement;
    roi.pointsLps = {{0, 0, 0}, {10, 0, 0}, {0, 5, 0}};
    roi.measurements = geometricMeasurements(roi);
    roi.measurements.push_back({Quantity::Mean, {38, "[hnsf'U]", "mean of ROI", "auto", roi.uid}, false});
    ASSERT_FALSE(history.push(std::make_unique<AddAnnotation>(roi)));
    ASSERT_FALSE(history.push(std::make_unique<EditRecord>("add HU", [](CaseRecord& r) {
        RecordValue v;
        v.fieldId = "f-hu";
        v.quantity = Quantity::Mean;
        v.value = {0, "[hnsf'U]", "", "", ""};
        r.imaging[0].observations[0].values.push_back(v);
    })));
    ASSERT_FALSE(history.push(std::make_unique<LinkValue>("f-hu", AnnotationLink{roi.uid, Quantity::Mean})));
    EXPECT_DOUBLE_EQ(model.findValue("f-hu")->value.value, 38.0);
    ASSERT_FALSE(history.push(
        std::make_unique<MoveAnnotation>(roi.uid, std::vector<imaging::PointLps>{{0, 0, 0}, {20, 0, 0}, {0, 5, 0}})));
    EXPECT_NEAR(model.findAnnotation(roi.uid)->find(Quantity::Area)->measurement.value, M_PI * 20 * 5, 1e-9);
    EXPECT_EQ(model.findValue("f-hu")->state, LinkState::Stale);
    EXPECT_DOUBLE_EQ(model.findValue("f-hu")->value.value, 38.0);  // kept, flagged, not reused silently
    // The measurement engine recomputes the mean: the field follows.
    ASSERT_FALSE(history.push(std::make_unique<SetAnnotationMeasurements>(
        roi.uid, std::vector<QuantityValue>{{Quantity::Mean, {41.5, "[hnsf'U]", "mean of ROI", "auto", ""}, false}})));
    EXPECT_EQ(model.findValue("f-hu")->state, LinkState::Linked);
    EXPECT_DOUBLE_EQ(model.findValue("f-hu")->value.value, 41.5);
    EXPECT_TRUE(model.integrityProblems().empty());
}

TEST(RecordLinks, RecomputedSegmentationVolumeReachesTheRecord) {
    CaseModel model(test::recordFixture());
    History history(model);
    ASSERT_FALSE(history.push(std::make_unique<SetAnnotationMeasurements>(
        test::kSegmentationUid,
        std::vector<QuantityValue>{{Quantity::Volume, {15.5, "mL", "voxels", "seg", ""}, false}})));
    EXPECT_DOUBLE_EQ(model.findValue("f-vol")->value.value, 15.5);
    EXPECT_EQ(model.findValue("f-vol")->value.unit, "mL");
    EXPECT_EQ(model.findValue("f-vol")->value.sourceAnnotation, test::kSegmentationUid);
}

TEST(RecordLinks, LinkingAReportedValueTakesTheAnnotationValueAndUnlinkingKeepsIt) {
    CaseModel model(test::recordFixture());
    History history(model);
    EXPECT_EQ(model.findValue("f-ap2")->state, LinkState::Reported);
    ASSERT_FALSE(history.push(std::make_unique<LinkValue>("f-ap2", AnnotationLink{test::kLineUid, Quantity::Length})));
    EXPECT_DOUBLE_EQ(model.findValue("f-ap2")->value.value, 11.0);
    EXPECT_EQ(model.findValue("f-ap2")->quantity, Quantity::ApDiameter);  // what the record means
    EXPECT_EQ(citedBy(model, test::kLineUid), (std::vector<std::string>{"f-sa", "f-ap2"}));
    ASSERT_FALSE(history.push(std::make_unique<UnlinkValue>("f-ap2")));
    EXPECT_EQ(model.findValue("f-ap2")->state, LinkState::Reported);
    EXPECT_DOUBLE_EQ(model.findValue("f-ap2")->value.value, 11.0);
    EXPECT_EQ(citedBy(model, test::kLineUid), (std::vector<std::string>{"f-sa"}));
}

TEST(RecordLinks, ARecordEditThatDropsAFieldDropsItsBacklink) {
    CaseModel model(test::recordFixture());
    History history(model);
    ASSERT_FALSE(history.push(std::make_unique<EditRecord>("remove LR", [](CaseRecord& r) {
        auto& v = r.imaging[0].observations[0].values;
        v.erase(v.begin() + 1);
    })));
    EXPECT_EQ(citedBy(model, test::kTriaxialUid), (std::vector<std::string>{"f-ap", "f-si"}));
}
