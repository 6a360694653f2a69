// The annotation side of the ROI, bidirectional and label tools: handle moves that keep each
// kind's shape, ROI pixel values as quantities, a move with its recomputed mean as one undo
// step, and the vertebral level order.
#include <gtest/gtest.h>

#include <cmath>

#include "RecordFixture.h"
#include "mensura/annotations/HandleEdits.h"
#include "mensura/annotations/RoiValues.h"
#include "mensura/annotations/VertebralLevels.h"
#include "mensura/case/AnnotationCommands.h"
#include "mensura/case/CaseJson.h"

using namespace mensura;
using namespace mensura::annotations;
using imaging::PointLps;

namespace {

Annotation ellipse() {
    Annotation a;
    a.uid = "2.25.8801";
    a.kind = AnnotationKind::Ellipse;
    a.pointsLps = {{0, 0, 0}, {10, 0, 0}, {0, 6, 0}};
    return a;
}

// 21 x 21 x 5 voxels of 1 mm centred on the origin, value 10 + x (a ramp along L).
imaging::Volume rampVolume() {
    imaging::Volume v;
    v.seriesInstanceUid = "2.25.99";
    v.valueUnit = "HU";
    v.geometry.size = {41, 41, 5};
    v.geometry.originLps = {-20, -20, -2};
    v.voxelType = imaging::VoxelType::Float32;
    v.floatVoxels.resize(v.geometry.voxelCount());
    for (std::size_t k = 0; k < 5; ++k)
        for (std::size_t j = 0; j < 41; ++j)
            for (std::size_t i = 0; i < 41; ++i) v.floatVoxels[v.index(i, j, k)] = float(10 + double(i) - 20);
    return v;
}

}  // namespace

TEST(HandleEdits, EllipseKeepsPerpendicularSemiAxesAndMovesWholeByItsCentre) {
    const Annotation a = ellipse();
    auto turned = movedHandle(a, 1, {0, 8, 3});  // z off the plane is dropped
    ASSERT_TRUE(turned.ok()) << turned.error().message;
    const auto& p = *turned;
    EXPECT_NEAR(imaging::norm(p[1] - PointLps{0, 8, 0}), 0, 1e-12);
    EXPECT_NEAR(imaging::norm(p[2] - p[0]), 6, 1e-12);
    EXPECT_NEAR(imaging::dot(p[1] - p[0], p[2] - p[0]), 0, 1e-12);
    auto shifted = movedHandle(a, 0, {5, 5, 0});
    ASSERT_TRUE(shifted.ok());
    EXPECT_NEAR(imaging::norm((*shifted)[2] - PointLps{5, 11, 0}), 0, 1e-12);
}

TEST(HandleEdits, BidirectionalShortAxisStaysPerpendicularAndTriaxialOnItsAxis) {
    Annotation b;
    b.kind = AnnotationKind::Bidirectional;
    b.pointsLps = {{-30, 0, 5}, {30, 0, 5}, {0, -10, 5}, {0, 10, 5}};
    auto moved = movedHandle(b, 1, {30, 20, 5});
    ASSERT_TRUE(moved.ok());
    const auto& p = *moved;
    EXPECT_NEAR(imaging::dot(p[1] - p[0], p[3] - p[2]), 0, 1e-9);
    EXPECT_FALSE(movedHandle(b, 2, {0, -80, 5}).ok());  // short axis longer than the long one
    Annotation t;
    t.kind = AnnotationKind::Triaxial;
    t.pointsLps = {{0, -20, 0}, {0, 20, 0}, {-23, 0, 0}, {23, 0, 0}, {0, 0, -17}, {0, 0, 17}};
    auto ap = movedHandle(t, 1, {4, 25, 3});
    ASSERT_TRUE(ap.ok());
    EXPECT_NEAR(imaging::norm((*ap)[1] - PointLps{0, 25, 0}), 0, 1e-12);
}

TEST(RoiValues, EllipseMeanOfARampIsTheRampAtTheCentreWithItsUnit) {
    const imaging::Volume v = rampVolume();
    auto values = roiPixelValues(ellipse(), v);
    ASSERT_TRUE(values.ok()) << values.error().message;
    ASSERT_EQ(values->values.size(), 2u);
    EXPECT_EQ(values->values[0].quantity, Quantity::Mean);
    EXPECT_NEAR(values->values[0].measurement.value, 10, 1e-6);
    EXPECT_EQ(values->values[0].measurement.unit, "[hnsf'U]");
    EXPECT_EQ(values->values[1].quantity, Quantity::StandardDeviation);
    EXPECT_NE(values->values[0].measurement.derivation.find("voxels"), std::string::npos);
    Annotation line;
    line.kind = AnnotationKind::Line;
    line.pointsLps = {{0, 0, 0}, {1, 0, 0}};
    EXPECT_FALSE(roiPixelValues(line, v).ok());
}

TEST(RoiValues, MovingAnRoiWithItsNewMeanIsOneUndoStep) {
    CaseModel model(test::recordFixture());
    History history(model);
    const imaging::Volume v = rampVolume();
    Annotation a = ellipse();
    a.measurements = geometricMeasurements(a);
    auto values = roiPixelValues(a, v);
    ASSERT_TRUE(values.ok());
    for (const auto& q : values->values) a.measurements.push_back(q);
    ASSERT_FALSE(history.push(std::make_unique<AddAnnotation>(a)));
    const auto before = caseToJson(model.document());

    Annotation moved = a;
    moved.pointsLps = *movedHandle(a, 0, {5, 0, 0});
    auto recomputed = roiPixelValues(moved, v);
    ASSERT_TRUE(recomputed.ok());
    ASSERT_FALSE(history.push(std::make_unique<MoveAnnotation>(a.uid, moved.pointsLps, recomputed->values)));
    const Annotation* now = model.findAnnotation(a.uid);
    ASSERT_TRUE(now->find(Quantity::Mean));
    EXPECT_NEAR(now->find(Quantity::Mean)->measurement.value, 15, 1e-6);
    EXPECT_FALSE(now->find(Quantity::Mean)->stale);
    EXPECT_NEAR(now->find(Quantity::Area)->measurement.value, M_PI * 60, 1e-9);
    ASSERT_TRUE(history.undo());
    EXPECT_EQ(caseToJson(model.document()), before);

    // Without recomputed values the old mean is flagged stale, as before.
    ASSERT_FALSE(history.push(std::make_unique<MoveAnnotation>(a.uid, moved.pointsLps)));
    EXPECT_TRUE(model.findAnnotation(a.uid)->find(Quantity::Mean)->stale);
}

TEST(VertebralLevels, NextLevelFollowsTheSpine) {
    EXPECT_EQ(vertebralLevels().size(), 29u);
    EXPECT_EQ(nextVertebralLevel(""), "C1");
    EXPECT_EQ(nextVertebralLevel("C6"), "C7");
    EXPECT_EQ(nextVertebralLevel("C7"), "T1");
    EXPECT_EQ(nextVertebralLevel("T12"), "L1");
    EXPECT_EQ(nextVertebralLevel("L5"), "S1");
    EXPECT_EQ(nextVertebralLevel("S1"), "S2");  // sacral lesions are reported by segment
    EXPECT_EQ(nextVertebralLevel("S5"), "S5");
    EXPECT_EQ(nextVertebralLevel("tumour"), "C1");
}
