// The descriptor table of annotation kinds (AnnotationKinds.h): each kind's facts are consistent,
// and the measurements, SR geometry and handle edits built from them give the analytic answers.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "mensura/annotations/AnnotationKinds.h"
#include "mensura/annotations/HandleEdits.h"

using namespace mensura;
using namespace mensura::annotations;
using imaging::PointLps;

namespace {

Annotation shape(AnnotationKind kind, std::vector<PointLps> points, bool spacingKnown = true) {
    Annotation a;
    a.uid = "ann-1";
    a.kind = kind;
    a.spacingKnown = spacingKnown;
    a.pointsLps = std::move(points);
    return a;
}

std::vector<PointLps> somePoints(std::size_t n) {
    std::vector<PointLps> points;
    for (std::size_t i = 0; i < n; ++i) points.push_back({double(i), double(i * i % 7), 0});
    return points;
}

const QuantityValue& valueOf(const std::vector<QuantityValue>& values, Quantity q) {
    for (const auto& v : values)
        if (v.quantity == q) return v;
    static const QuantityValue none{};
    ADD_FAILURE() << "no " << toString(q);
    return none;
}

// The fewest points a kind can have (the count its rule names, or 0).
std::size_t minimumPoints(const AnnotationKindDescriptor& d) {
    using Bound = PointCountRule::Bound;
    return d.pointCount.bound == Bound::Exactly || d.pointCount.bound == Bound::AtLeast ? d.pointCount.count : 0;
}

}  // namespace

TEST(AnnotationKinds, TheTableHoldsEveryKindInEnumOrderWithItsCaseJsonName) {
    const std::vector<std::string> names{"point",   "labelledPoint", "line",         "triaxial", "bidirectional",
                                         "ellipse", "polygon",       "segmentation", "textNote"};
    const auto& kinds = annotationKinds();
    ASSERT_EQ(kinds.size(), names.size());
    std::set<std::string> seen;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        SCOPED_TRACE(names[i]);
        EXPECT_EQ(static_cast<std::size_t>(kinds[i].kind), i);
        EXPECT_EQ(&describe(kinds[i].kind), &kinds[i]);
        EXPECT_EQ(kinds[i].name, names[i]);
        EXPECT_TRUE(seen.insert(kinds[i].name).second);
        EXPECT_EQ(toString(kinds[i].kind), names[i]);
        EXPECT_EQ(annotationKindFromString(names[i]), kinds[i].kind);
    }
    EXPECT_FALSE(annotationKindFromString("Triaxial").has_value());
    EXPECT_FALSE(annotationKindFromString("").has_value());
}

TEST(AnnotationKinds, AValueOutsideTheEnumIsNamedQuestionMarkAndDrawsNothing) {
    const auto& d = describe(static_cast<AnnotationKind>(99));
    EXPECT_STREQ(d.name, "?");
    EXPECT_STREQ(toString(static_cast<AnnotationKind>(99)), "?");
    EXPECT_TRUE(d.calipers.empty());
    EXPECT_EQ(d.overlay, OverlayShape::None);
}

TEST(AnnotationKinds, EveryIndexInADescriptorNamesAPointTheKindAlwaysHas) {
    for (const auto& d : annotationKinds()) {
        SCOPED_TRACE(d.name);
        const std::size_t n = minimumPoints(d);
        for (const auto& c : d.calipers) {
            EXPECT_LT(c.points.from, n);
            EXPECT_LT(c.points.to, n);
            EXPECT_NE(c.points.from, c.points.to);
            EXPECT_LT(c.patientAxis, 3);
        }
        if (d.sr.fallbackCaliper >= 0) {
            EXPECT_LT(std::size_t(d.sr.fallbackCaliper), d.calipers.size());
        }
        if (d.sr.points == SrPoints::CaliperOfQuantity || d.overlay == OverlayShape::Calipers) {
            EXPECT_FALSE(d.calipers.empty());
        }
        if (d.sr.points == SrPoints::EllipseAxisEnds || d.overlay == OverlayShape::Ellipse) {
            EXPECT_GE(n, 3u);
        }
        if (d.overlay == OverlayShape::CrossedCalipers) {
            EXPECT_EQ(d.calipers.size(), 2u);  // one "L x S" label
        }
        if (d.handles == HandleRule::AlongCaliperAxis) {
            for (const auto& c : d.calipers) EXPECT_GE(c.patientAxis, 0);
        }
        if (d.keySlicePoints != kAllPoints) {
            EXPECT_LE(d.keySlicePoints, n);
        }
        for (const auto& v : d.derived) {
            EXPECT_TRUE(v.compute != nullptr);
            EXPECT_TRUE(v.dimension == 2 || v.dimension == 3);
        }
        EXPECT_EQ(d.sr.graphic == SrGraphicType::None, d.sr.points == SrPoints::None);
    }
}

TEST(AnnotationKinds, ThePointCountRuleRejectsWrongCounts) {
    for (const auto& d : annotationKinds()) {
        if (d.segmentReference) continue;
        SCOPED_TRACE(d.name);
        for (std::size_t n = 0; n <= 8; ++n) {
            const Annotation a = shape(d.kind, somePoints(n));
            EXPECT_EQ(geometryProblem(a).empty(), d.pointCount.accepts(n)) << n << " points";
        }
    }
    EXPECT_EQ(geometryProblem(shape(AnnotationKind::Triaxial, somePoints(5))), "triaxial needs 6 points, has 5");
    EXPECT_EQ(geometryProblem(shape(AnnotationKind::Line, somePoints(3))), "line needs 2 points, has 3");
    EXPECT_EQ(geometryProblem(shape(AnnotationKind::Polygon, somePoints(2))), "polygon needs at least 3 points, has 2");
    EXPECT_TRUE(geometryProblem(shape(AnnotationKind::Polygon, somePoints(8))).empty());
    EXPECT_EQ(geometryProblem(shape(AnnotationKind::TextNote, somePoints(2))), "text note has at most 1 anchor point");
    EXPECT_TRUE(geometryProblem(shape(AnnotationKind::TextNote, {})).empty());
    for (std::size_t n : {2u, 3u, 4u, 6u}) EXPECT_FALSE(describe(AnnotationKind::Point).pointCount.accepts(n));
}

TEST(AnnotationKinds, ASegmentationNeedsItsSegOrPathNotPoints) {
    Annotation a = shape(AnnotationKind::Segmentation, {});
    EXPECT_EQ(geometryProblem(a), "segmentation needs a SEG instance UID or a path");
    a.segmentation.path = "seg/lesion.dcm";
    EXPECT_TRUE(geometryProblem(a).empty());
    a.pointsLps = somePoints(5);
    EXPECT_TRUE(geometryProblem(a).empty());
    EXPECT_TRUE(geometricMeasurements(a).empty());
}

TEST(AnnotationKinds, ATriaxialOf40By47By34MmHasTheEllipsoidVolume) {
    const Annotation a = shape(AnnotationKind::Triaxial,
                               {{5, -20, 10}, {5, 20, 10}, {-23.5, 0, 10}, {23.5, 0, 10}, {0, 0, -7}, {0, 0, 27}});
    const auto values = geometricMeasurements(a);
    ASSERT_EQ(values.size(), 4u);
    EXPECT_NEAR(valueOf(values, Quantity::ApDiameter).measurement.value, 40, 1e-12);
    EXPECT_NEAR(valueOf(values, Quantity::LrDiameter).measurement.value, 47, 1e-12);
    EXPECT_NEAR(valueOf(values, Quantity::SiDiameter).measurement.value, 34, 1e-12);
    const QuantityValue& volume = valueOf(values, Quantity::Volume);
    EXPECT_NEAR(volume.measurement.value, M_PI / 6 * 40 * 47 * 34, 1e-9);
    EXPECT_EQ(volume.measurement.unit, "mm3");
    EXPECT_EQ(volume.measurement.derivation, "ellipsoid approximation pi/6 * AP * LR * SI");
    EXPECT_EQ(volume.measurement.sourceAnnotation, "ann-1");
    EXPECT_EQ(valueOf(values, Quantity::ApDiameter).measurement.derivation, "anterior-posterior diameter");
}

TEST(AnnotationKinds, AnEllipseOfSemiAxes6And4MmHasArea24Pi) {
    const auto values = geometricMeasurements(shape(AnnotationKind::Ellipse, {{1, 2, 3}, {7, 2, 3}, {1, 6, 3}}));
    ASSERT_EQ(values.size(), 1u);
    EXPECT_EQ(values[0].quantity, Quantity::Area);
    EXPECT_NEAR(values[0].measurement.value, 24 * M_PI, 1e-9);
    EXPECT_EQ(values[0].measurement.unit, "mm2");
}

TEST(AnnotationKinds, APolygonSquareOf10MmHasArea100) {
    const auto values =
        geometricMeasurements(shape(AnnotationKind::Polygon, {{0, 0, 5}, {10, 0, 5}, {10, 10, 5}, {0, 10, 5}}));
    ASSERT_EQ(values.size(), 1u);
    EXPECT_EQ(values[0].quantity, Quantity::Area);
    EXPECT_NEAR(values[0].measurement.value, 100, 1e-9);
    EXPECT_EQ(values[0].measurement.derivation, "polygon area (Newell)");
}

TEST(AnnotationKinds, LinesAndBidirectionalsGiveTheirCaliperLengths) {
    const auto line = geometricMeasurements(shape(AnnotationKind::Line, {{0, 0, 0}, {3, 4, 0}}));
    ASSERT_EQ(line.size(), 1u);
    EXPECT_EQ(line[0].quantity, Quantity::Length);
    EXPECT_NEAR(line[0].measurement.value, 5, 1e-12);
    const auto bi =
        geometricMeasurements(shape(AnnotationKind::Bidirectional, {{-20, 0, 0}, {20, 0, 0}, {0, -10, 0}, {0, 10, 0}}));
    ASSERT_EQ(bi.size(), 2u);
    EXPECT_NEAR(valueOf(bi, Quantity::LongAxis).measurement.value, 40, 1e-12);
    EXPECT_NEAR(valueOf(bi, Quantity::ShortAxis).measurement.value, 20, 1e-12);
    for (AnnotationKind k : {AnnotationKind::Point, AnnotationKind::LabelledPoint, AnnotationKind::TextNote})
        EXPECT_TRUE(geometricMeasurements(shape(k, somePoints(1))).empty()) << toString(k);
    EXPECT_TRUE(geometricMeasurements(shape(AnnotationKind::Line, somePoints(3))).empty());  // a wrong count
}

TEST(AnnotationKinds, WithoutPixelSpacingDerivedValuesAreInPixelUnits) {
    const auto tri = geometricMeasurements(
        shape(AnnotationKind::Triaxial, {{0, 0, 0}, {0, 2, 0}, {0, 0, 0}, {3, 0, 0}, {0, 0, 0}, {0, 0, 4}}, false));
    EXPECT_EQ(valueOf(tri, Quantity::ApDiameter).measurement.unit, "{pixel}");
    EXPECT_EQ(valueOf(tri, Quantity::Volume).measurement.unit, "{pixel}3");
    const auto ellipse =
        geometricMeasurements(shape(AnnotationKind::Ellipse, {{0, 0, 0}, {2, 0, 0}, {0, 1, 0}}, false));
    EXPECT_EQ(valueOf(ellipse, Quantity::Area).measurement.unit, "{pixel}2");
}

TEST(AnnotationKinds, TheSrGraphicOfAValueIsTheCaliperThatMeasuresIt) {
    const std::vector<PointLps> p{{1, 0, 0}, {2, 0, 0}, {3, 0, 0}, {4, 0, 0}, {5, 0, 0}, {6, 0, 0}};
    const Annotation tri = shape(AnnotationKind::Triaxial, p);
    const SrGeometry si = srGeometry(tri, Quantity::SiDiameter);
    EXPECT_EQ(si.graphic, SrGraphicType::Polyline);
    ASSERT_EQ(si.points.size(), 2u);
    EXPECT_EQ(si.points[0].x, 5);
    EXPECT_EQ(si.points[1].x, 6);
    EXPECT_TRUE(srGeometry(tri, Quantity::Volume).points.empty());  // no one caliper carries the volume

    const Annotation bi = shape(AnnotationKind::Bidirectional, {p[0], p[1], p[2], p[3]});
    EXPECT_EQ(srGeometry(bi, Quantity::ShortAxis).points[0].x, 3);
    EXPECT_EQ(srGeometry(bi, Quantity::LongAxis).points[0].x, 1);
    EXPECT_EQ(srGeometry(bi, Quantity::Area).points[0].x, 1);  // the long axis stands for the others
    EXPECT_EQ(srGeometry(shape(AnnotationKind::Line, {p[0], p[1]}), Quantity::Mean).points.size(), 2u);
    EXPECT_TRUE(
        srGeometry(shape(AnnotationKind::Bidirectional, {p[0], p[1], p[2]}), Quantity::LongAxis).points.empty());

    const SrGeometry ellipse =
        srGeometry(shape(AnnotationKind::Ellipse, {{0, 0, 0}, {6, 0, 0}, {0, 4, 0}}), Quantity::Area);
    EXPECT_EQ(ellipse.graphic, SrGraphicType::Ellipse);
    ASSERT_EQ(ellipse.points.size(), 4u);  // major axis ends, then minor axis ends
    EXPECT_EQ(ellipse.points[0].x, -6);
    EXPECT_EQ(ellipse.points[1].x, 6);
    EXPECT_EQ(ellipse.points[2].y, -4);
    EXPECT_EQ(ellipse.points[3].y, 4);

    const SrGeometry polygon = srGeometry(shape(AnnotationKind::Polygon, {p[0], p[1], p[2]}), Quantity::Area);
    EXPECT_EQ(polygon.graphic, SrGraphicType::Polyline);
    ASSERT_EQ(polygon.points.size(), 4u);  // closed: the first point again
    EXPECT_EQ(polygon.points[3].x, 1);

    EXPECT_EQ(srGeometry(shape(AnnotationKind::LabelledPoint, {p[2]}), Quantity::Length).graphic, SrGraphicType::Point);
    EXPECT_TRUE(srGeometry(shape(AnnotationKind::TextNote, {p[2]}), Quantity::Length).points.empty());
    EXPECT_STREQ(toString(SrGraphicType::Polyline), "POLYLINE");
    EXPECT_STREQ(toString(SrGraphicType::None), "");
}

TEST(AnnotationKinds, ATriaxialHandleMovesOnlyAlongItsCalipersPatientAxis) {
    const Annotation tri =
        shape(AnnotationKind::Triaxial, {{0, -5, 0}, {0, 5, 0}, {-6, 0, 0}, {6, 0, 0}, {0, 0, -4}, {0, 0, 4}});
    for (std::size_t i = 0; i < 6; ++i) {
        const auto moved = movedHandle(tri, i, {9, 9, 9});
        ASSERT_TRUE(moved.ok());
        const int axis = describe(AnnotationKind::Triaxial).calipers[i / 2].patientAxis;
        const PointLps other = tri.pointsLps[i ^ 1u];
        for (int c = 0; c < 3; ++c) EXPECT_EQ((*moved)[i][c], c == axis ? 9 : other[c]) << i << " " << c;
    }
}

TEST(AnnotationKinds, AnEllipseKeepsPerpendicularSemiAxes) {
    const Annotation e = shape(AnnotationKind::Ellipse, {{0, 0, 0}, {6, 0, 0}, {0, 4, 0}});
    const auto moved = movedHandle(e, 1, {3, 3, 0});
    ASSERT_TRUE(moved.ok());
    const auto a1 = (*moved)[1] - (*moved)[0], a2 = (*moved)[2] - (*moved)[0];
    EXPECT_NEAR(imaging::dot(a1, a2), 0, 1e-12);
    EXPECT_NEAR(imaging::norm(a2), 4, 1e-12);
    EXPECT_NEAR(ellipsePoint(*moved, 0).x, 3, 1e-12);
    EXPECT_NEAR(imaging::norm(ellipsePoint(e.pointsLps, M_PI / 2) - e.pointsLps[2]), 0, 1e-12);
}

TEST(AnnotationKinds, OnlyEllipsesAndPolygonsHaveAnInside) {
    for (const auto& d : annotationKinds())
        EXPECT_EQ(d.hasInside(), d.kind == AnnotationKind::Ellipse || d.kind == AnnotationKind::Polygon) << d.name;
}
