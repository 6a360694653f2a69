// The measurement tools' placement without Qt: mouse sequences on axial, sagittal and coronal
// views of axial and oblique series, and what each places, snaps or refuses.
#include <gtest/gtest.h>

#include <cmath>

#include "mensura/viewer-model/ToolStateMachine.h"

using namespace mensura::viewer;
using mensura::imaging::PointLps;
using mensura::imaging::Vec3;
using mensura::imaging::VolumeGeometry;
using Kind = ToolEvent::Kind;

namespace {

VolumeGeometry grid(double tiltDeg) {
    VolumeGeometry g;
    g.size = {256, 256, 100};
    g.spacingMm = {0.8, 0.8, 2.0};
    const double c = std::cos(tiltDeg * M_PI / 180), s = std::sin(tiltDeg * M_PI / 180);
    g.axes = {Vec3{1, 0, 0}, Vec3{0, c, s}, Vec3{0, -s, c}};
    return g;
}

ToolView view(int id, const VolumeGeometry& g, ViewPlane plane, double mmPerPixel = 0.5) {
    return {id, displayFrameFor(g, plane), mmPerPixel};
}

std::vector<ToolEvent> dragOn(ToolStateMachine& m, const ToolView& v, PointLps a, PointLps b) {
    m.press(v, a);
    m.drag(v, a + 0.5 * (b - a));
    return m.release(v, b);
}

std::vector<ToolEvent> click(ToolStateMachine& m, const ToolView& v, PointLps p) {
    m.press(v, p);
    return m.release(v, p);
}

class Tilts : public ::testing::TestWithParam<double> {};

TEST_P(Tilts, TriaxialSnapsEachCaliperToItsPatientAxis) {
    const VolumeGeometry g = grid(GetParam());
    const ToolView axial = view(0, g, ViewPlane::Axial), sagittal = view(1, g, ViewPlane::Sagittal);
    ToolStateMachine m;
    m.setTool(Tool::Triaxial);
    const PointLps o{3.3, -2.1, 7.7};
    // Hand-drawn calipers, a few millimetres off their axes, in either direction.
    EXPECT_TRUE(dragOn(m, axial, o + Vec3{0.4, -20, 0.2}, o + Vec3{-1.1, 20, 0.3}).empty());
    EXPECT_TRUE(m.triaxialHas(0));
    EXPECT_TRUE(dragOn(m, axial, o + Vec3{23.5, 1.5, 0}, o + Vec3{-23.5, -0.5, 0}).empty());
    const auto events = dragOn(m, sagittal, o + Vec3{0, 2.0, -17}, o + Vec3{0.5, -1.0, 17});
    ASSERT_EQ(events.size(), 1u);
    const ToolEvent& e = events[0];
    EXPECT_EQ(e.kind, Kind::TriaxialPlaced);
    EXPECT_EQ(e.viewId, 0);  // the axial view, where AP and LR were drawn
    ASSERT_EQ(e.points.size(), 6u);
    const int axisOf[3] = {1, 0, 2};  // AP along y, LR along x, SI along z
    const double lengths[3] = {40.0, 47.0, 34.0};
    for (int c = 0; c < 3; ++c) {
        const Vec3 d = e.points[2 * c + 1] - e.points[2 * c];
        for (int k = 0; k < 3; ++k)
            if (k != axisOf[c]) {
                EXPECT_NEAR(d[k], 0.0, 1e-12) << "caliper " << c << " component " << k;
            }
        EXPECT_NEAR(std::fabs(d[axisOf[c]]), lengths[c], 1e-12) << "caliper " << c;
    }
    EXPECT_FALSE(m.triaxialHas(0));  // placed: the next drag starts a new one
}

TEST_P(Tilts, BidirectionalHoldsTheShortAxisPerpendicularInTheViewPlane) {
    const VolumeGeometry g = grid(GetParam());
    const ToolView axial = view(3, g, ViewPlane::Axial);
    const Vec3 r = axial.frame.right, u = axial.frame.up;
    ToolStateMachine m;
    m.setTool(Tool::Bidirectional);
    const PointLps c{-4.0, 6.0, 11.0};
    EXPECT_TRUE(dragOn(m, axial, c - 15.0 * r, c + 15.0 * r).empty());
    EXPECT_TRUE(m.hasLongAxis());
    // A short axis drawn 10 degrees off perpendicular is placed perpendicular.
    const Vec3 off = std::cos(80 * M_PI / 180) * r + std::sin(80 * M_PI / 180) * u;
    const auto events = dragOn(m, axial, c - 6.0 * off, c + 6.0 * off);
    ASSERT_EQ(events.size(), 1u);
    ASSERT_EQ(events[0].kind, Kind::BidirectionalPlaced);
    const auto& p = events[0].points;
    EXPECT_NEAR(mensura::imaging::norm(p[1] - p[0]), 30.0, 1e-9);
    EXPECT_NEAR(mensura::imaging::dot(p[1] - p[0], p[3] - p[2]), 0.0, 1e-9);
    EXPECT_NEAR(mensura::imaging::dot(p[3] - p[2], axial.frame.normal), 0.0, 1e-9);
    EXPECT_EQ(events[0].viewId, 3);
}

INSTANTIATE_TEST_SUITE_P(AxialAndOblique, Tilts, ::testing::Values(0.0, 15.0, 25.0));

TEST(ToolStateMachine, ShortDragsAndTheNavigateToolPlaceNothing) {
    const VolumeGeometry g = grid(0);
    const ToolView axial = view(0, g, ViewPlane::Axial);
    ToolStateMachine m;
    EXPECT_TRUE(dragOn(m, axial, {0, 0, 0}, {30, 0, 0}).empty());  // Navigate
    m.setTool(Tool::Caliper);
    EXPECT_TRUE(dragOn(m, axial, {0, 0, 0}, {0.9, 0, 0}).empty());  // under 1 mm: a click
    const auto events = dragOn(m, axial, {0, 0, 0}, {3, 4, 0});
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, Kind::CaliperPlaced);
    EXPECT_NEAR(mensura::imaging::norm(events[0].points[1] - events[0].points[0]), 5.0, 1e-12);
    // A release on another view than the press belongs to no placement.
    m.press(axial, {0, 0, 0});
    EXPECT_TRUE(m.release(view(1, g, ViewPlane::Coronal), {20, 0, 0}).empty());
}

TEST(ToolStateMachine, PolygonClosesOnItsFirstVertexOrRefusesFewerThanThree) {
    const VolumeGeometry g = grid(0);
    const ToolView axial = view(0, g, ViewPlane::Axial, 0.5), other = view(1, g, ViewPlane::Coronal, 0.5);
    ToolStateMachine m;
    m.setTool(Tool::Polygon);
    click(m, axial, {0, 0, 0});
    click(m, axial, {10, 0, 0});
    auto events = m.finish();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, Kind::PolygonTooFewVertices);
    EXPECT_EQ(events[0].count, 2u);
    EXPECT_EQ(m.polygonVertexCount(), 2u);  // kept: a third vertex can still be clicked
    click(m, axial, {10, 10, 0});
    EXPECT_FALSE(m.preview(0).empty());
    EXPECT_TRUE(m.preview(1).empty());  // the polygon shows on its own view only
    // 8 pixels at 0.5 mm per pixel: a click 3.9 mm from the first vertex closes the polygon.
    events = click(m, axial, {2.0, 3.3, 0});
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, Kind::PolygonPlaced);
    EXPECT_EQ(events[0].points.size(), 3u);
    EXPECT_FALSE(m.drawingPolygon());
    // A click on another view starts the polygon over there.
    click(m, axial, {0, 0, 0});
    click(m, axial, {10, 0, 0});
    click(m, other, {0, 0, 5});
    EXPECT_EQ(m.polygonVertexCount(), 1u);
}

TEST(ToolStateMachine, SeedIsAClickOrABoxNeverAJitter) {
    const VolumeGeometry g = grid(0);
    const ToolView axial = view(2, g, ViewPlane::Axial, 0.5);
    ToolStateMachine m;
    m.setTool(Tool::Seed);
    auto events = click(m, axial, {1, 2, 3});
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, Kind::SeedClicked);
    // A box 20 x 12 mm on the view: the seed at its centre, depth its longer side.
    const Vec3 r = axial.frame.right, u = axial.frame.up;
    const PointLps a{0, 0, 0};
    events = dragOn(m, axial, a, a + 20.0 * r + 12.0 * u);
    ASSERT_EQ(events.size(), 1u);
    ASSERT_EQ(events[0].kind, Kind::SeedBoxPlaced);
    const auto& p = events[0].points;
    ASSERT_EQ(p.size(), 9u);
    EXPECT_NEAR(mensura::imaging::norm(p[0] - (a + 10.0 * r + 6.0 * u)), 0.0, 1e-12);
    EXPECT_NEAR(events[0].sizeMm.x, 20.0, 1e-12);
    EXPECT_NEAR(events[0].sizeMm.y, 12.0, 1e-12);
    EXPECT_NEAR(events[0].sizeMm.z, 20.0, 1e-12);
    EXPECT_NEAR(mensura::imaging::norm(p[8] - p[1]), std::sqrt(20.0 * 20 + 12 * 12 + 20 * 20), 1e-9);
    // A drag 5 mm long but 1 mm high is neither a click nor a box: refused with the least side.
    events = dragOn(m, axial, a, a + 5.0 * r + 1.0 * u);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, Kind::SeedBoxTooSmall);
    EXPECT_NEAR(events[0].minimumMm, 3.0, 1e-12);  // max(2 mm, 6 px x 0.5 mm)
}

TEST(ToolStateMachine, EllipseIsInscribedInTheDraggedBox) {
    const VolumeGeometry g = grid(20);
    const ToolView sagittal = view(0, g, ViewPlane::Sagittal);
    const Vec3 r = sagittal.frame.right, u = sagittal.frame.up;
    ToolStateMachine m;
    m.setTool(Tool::Ellipse);
    const PointLps a{5, -3, 8};
    const auto events = dragOn(m, sagittal, a, a + 16.0 * r - 10.0 * u);
    ASSERT_EQ(events.size(), 1u);
    ASSERT_EQ(events[0].kind, Kind::EllipsePlaced);
    const auto& p = events[0].points;
    EXPECT_NEAR(mensura::imaging::norm(p[0] - (a + 8.0 * r - 5.0 * u)), 0.0, 1e-12);
    EXPECT_NEAR(mensura::imaging::norm(p[1] - p[0]), 8.0, 1e-12);
    EXPECT_NEAR(mensura::imaging::norm(p[2] - p[0]), 5.0, 1e-12);
    EXPECT_NEAR(mensura::imaging::dot(p[1] - p[0], p[2] - p[0]), 0.0, 1e-12);
}

}  // namespace
