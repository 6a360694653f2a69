// Planar ROI statistics (ellipse and polygon) and the bidirectional constraints, on in-memory
// volumes with analytic answers: areas exact, the mean of a linear ramp over an ROI symmetric
// about its centre equal to the ramp at the centre, a step edge halving an ellipse to mean 50.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "mensura/measure/BidirectionalAxes.h"
#include "mensura/measure/RoiStatistics.h"

using namespace mensura::imaging;

namespace {

// A volume whose voxel values are f at the voxel centres, its grid centred on the LPS origin.
Volume makeVolume(std::array<std::size_t, 3> size, Vec3 spacing, std::array<Vec3, 3> axes,
                  const std::function<double(PointLps, std::array<std::size_t, 3>)>& f) {
    Volume v;
    v.geometry.size = size;
    v.geometry.spacingMm = spacing;
    v.geometry.axes = axes;
    v.geometry.originLps = {0, 0, 0};
    const PointLps centre =
        v.geometry.indexToLps(0.5 * double(size[0] - 1), 0.5 * double(size[1] - 1), 0.5 * double(size[2] - 1));
    v.geometry.originLps = -1.0 * centre;
    v.voxelType = VoxelType::Float32;
    v.floatVoxels.resize(v.geometry.voxelCount());
    for (std::size_t k = 0; k < size[2]; ++k)
        for (std::size_t j = 0; j < size[1]; ++j)
            for (std::size_t i = 0; i < size[0]; ++i)
                v.floatVoxels[v.index(i, j, k)] =
                    float(f(v.geometry.indexToLps(double(i), double(j), double(k)), {i, j, k}));
    return v;
}

const std::array<Vec3, 3> kAxial{Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}};

double ramp(PointLps p) { return 2 * p.x + 3 * p.y + 5 * p.z + 7; }

Volume axialRamp() {
    return makeVolume({64, 64, 20}, {0.8, 0.8, 2.5}, kAxial, [](PointLps p, auto) { return ramp(p); });
}

// Rodrigues rotation of the axial axes about a unit axis.
std::array<Vec3, 3> rotated(Vec3 axis, double degrees) {
    const double t = degrees * M_PI / 180, c = std::cos(t), s = std::sin(t);
    std::array<Vec3, 3> out;
    for (int a = 0; a < 3; ++a) {
        const Vec3 v = kAxial[std::size_t(a)];
        out[std::size_t(a)] = c * v + s * cross(axis, v) + (1 - c) * dot(axis, v) * axis;
    }
    return out;
}

PointLps centroid(const std::vector<PointLps>& p) {
    Vec3 c;
    for (const auto& q : p) c = c + (1.0 / double(p.size())) * q;
    return c;
}

// A square of half-side h centred at c in the plane spanned by unit vectors u, v.
std::vector<PointLps> square(PointLps c, Vec3 u, Vec3 v, double h) {
    return {c - h * u - h * v, c + h * u - h * v, c + h * u + h * v, c - h * u + h * v};
}

}  // namespace

TEST(RoiStatistics, EllipseOnAnAxialSliceHasExactAreaAndTheRampAtItsCentre) {
    const Volume v = axialRamp();
    const PointLps c = v.geometry.indexToLps(32, 30, 8);
    for (double turn : {0.0, 30.0}) {  // axes along the grid, then turned in the plane
        const double t = turn * M_PI / 180;
        const Vec3 u{std::cos(t), std::sin(t), 0}, w{-std::sin(t), std::cos(t), 0};
        auto s = ellipseRoiStatistics(v, c, c + 12.0 * u, c + 7.0 * w);
        ASSERT_TRUE(s.ok()) << s.error().message;
        EXPECT_NEAR(s->areaMm2, M_PI * 12 * 7, 1e-9);
        EXPECT_EQ(s->sampling, RoiSampling::VoxelSlice);
        EXPECT_EQ(s->sliceAxis, 2);
        EXPECT_EQ(s->sliceIndex, 8);
        EXPECT_NEAR(s->mean, ramp(c), 1e-4);  // voxel centres pair up about the centre
        EXPECT_NEAR(double(s->count) * 0.64, s->areaMm2, 0.03 * s->areaMm2);
        EXPECT_LT(s->minimum, s->mean);
        EXPECT_GT(s->maximum, s->mean);
        EXPECT_GT(s->standardDeviation, 0);
    }
}

TEST(RoiStatistics, EllipseCentredOnAStepEdgeHasMeanFiftyAndExactSd) {
    // 0 for i < 32, 100 from i = 32: the edge lies at i = 31.5, where the ellipse is centred.
    const Volume v = makeVolume({64, 64, 20}, {0.8, 0.8, 2.5}, kAxial,
                                [](PointLps, auto ijk) { return ijk[0] >= 32 ? 100.0 : 0.0; });
    const PointLps c = v.geometry.indexToLps(31.5, 30, 8);
    auto s = ellipseRoiStatistics(v, c, c + Vec3{10, 0, 0}, c + Vec3{0, 6, 0});
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_NEAR(s->areaMm2, M_PI * 60, 1e-9);
    EXPECT_EQ(s->count % 2, 0u);
    EXPECT_NEAR(s->mean, 50, 1e-9);
    const double n = double(s->count);
    EXPECT_NEAR(s->standardDeviation, 50 * std::sqrt(n / (n - 1)), 1e-9);
    EXPECT_EQ(s->minimum, 0);
    EXPECT_EQ(s->maximum, 100);
}

TEST(RoiStatistics, PolygonsInAxialSagittalAndCoronalPlanesOfAnAxialVolume) {
    const Volume v = axialRamp();
    const PointLps c = v.geometry.indexToLps(32, 30, 8);
    const Vec3 x{1, 0, 0}, y{0, 1, 0}, z{0, 0, 1};
    struct Plane {
        Vec3 u, w;
        int axis;
        double voxelArea;
    };
    for (const Plane& p : {Plane{x, y, 2, 0.8 * 0.8}, Plane{y, z, 0, 0.8 * 2.5}, Plane{x, z, 1, 0.8 * 2.5}}) {
        // Square of side 12 mm centred on a voxel centre: its sides fall between voxel centres.
        auto s = polygonRoiStatistics(v, square(c, p.u, p.w, 6));
        ASSERT_TRUE(s.ok()) << s.error().message;
        EXPECT_NEAR(s->areaMm2, 144, 1e-9);
        EXPECT_EQ(s->sampling, RoiSampling::VoxelSlice);
        EXPECT_EQ(s->sliceAxis, p.axis);
        EXPECT_NEAR(s->mean, ramp(c), 1e-4);
        EXPECT_NEAR(double(s->count) * p.voxelArea, 144, 0.2 * 144);
        // Right triangle with legs 16 and 10 mm: area 80, mean near the ramp at the centroid.
        const std::vector<PointLps> tri{c - 5.0 * p.u - 3.0 * p.w, c + 11.0 * p.u - 3.0 * p.w,
                                        c - 5.0 * p.u + 7.0 * p.w};
        auto t = polygonRoiStatistics(v, tri);
        ASSERT_TRUE(t.ok()) << t.error().message;
        EXPECT_NEAR(t->areaMm2, 80, 1e-9);
        // Within a third of the ramp's change across one voxel in the plane.
        const double tolerance = (std::fabs(dot(Vec3{2, 3, 5}, p.u)) + std::fabs(dot(Vec3{2, 3, 5}, p.w))) * 2.5 / 3;
        EXPECT_NEAR(t->mean, ramp(centroid(tri)), tolerance);
    }
}

TEST(RoiStatistics, ObliqueVolumeIsSampledOnThePlaneWithTrilinearInterpolation) {
    const Volume v = makeVolume({48, 48, 40}, {1.0, 1.0, 1.5}, rotated(normalized(Vec3{1, 1, 1}), 25),
                                [](PointLps p, auto) { return ramp(p); });
    const PointLps c{1.3, -2.2, 0.7};
    // An axial square and triangle cut the rotated grid at an angle.
    auto s = polygonRoiStatistics(v, square(c, {1, 0, 0}, {0, 1, 0}, 6));
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ(s->sampling, RoiSampling::ObliquePlane);
    EXPECT_NEAR(s->sampleStepMm, 0.25, 1e-12);
    EXPECT_NEAR(s->areaMm2, 144, 1e-9);
    EXPECT_NEAR(s->mean, ramp(c), 1e-3);  // trilinear reproduces a ramp; the grid is centred
    EXPECT_NEAR(double(s->count) * 0.25 * 0.25, 144, 1e-9);
    const std::vector<PointLps> tri{c, c + Vec3{16, 0, 0}, c + Vec3{0, 10, 0}};
    auto t = polygonRoiStatistics(v, tri);
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_NEAR(t->areaMm2, 80, 1e-9);
    EXPECT_NEAR(t->mean, ramp(centroid(tri)), 0.25 * norm(Vec3{2, 3, 0}));
    // An ellipse on a plane tilted 30 degrees about LR, over the same oblique grid.
    const Vec3 tilted{0, std::cos(M_PI / 6), std::sin(M_PI / 6)};
    auto e = ellipseRoiStatistics(v, c, c + Vec3{9, 0, 0}, c + 5.0 * tilted);
    ASSERT_TRUE(e.ok()) << e.error().message;
    EXPECT_EQ(e->sampling, RoiSampling::ObliquePlane);
    EXPECT_NEAR(e->areaMm2, M_PI * 45, 1e-9);
    EXPECT_NEAR(e->mean, ramp(c), 1e-3);
    EXPECT_NEAR(double(e->count) * 0.0625, M_PI * 45, 0.01 * M_PI * 45);
}

TEST(RoiStatistics, TiltedPlaneOverAnAxialVolumeIsOblique) {
    const Volume v = axialRamp();
    const PointLps c = v.geometry.indexToLps(32, 30, 8);
    const Vec3 tilted{0, std::cos(M_PI / 6), std::sin(M_PI / 6)};
    auto s = polygonRoiStatistics(v, square(c, {1, 0, 0}, tilted, 6));
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ(s->sampling, RoiSampling::ObliquePlane);
    EXPECT_NEAR(s->areaMm2, 144, 1e-9);
    EXPECT_NEAR(s->mean, ramp(c), 1e-3);
    EXPECT_NE(s->samplingText.find("trilinear"), std::string::npos);
}

TEST(RoiStatistics, ClearErrors) {
    const Volume v = axialRamp();
    const PointLps c = v.geometry.indexToLps(32, 30, 8);
    auto message = [](const Result<RoiStatistics>& r) { return r.ok() ? std::string("ok") : r.error().message; };
    EXPECT_NE(message(ellipseRoiStatistics(v, c + Vec3{500, 0, 0}, c + Vec3{510, 0, 0}, c + Vec3{500, 5, 0}))
                  .find("lies outside the volume"),
              std::string::npos);
    EXPECT_NE(message(ellipseRoiStatistics(v, c, c + Vec3{40, 0, 0}, c + Vec3{0, 5, 0})).find("reaches outside"),
              std::string::npos);
    EXPECT_NE(message(ellipseRoiStatistics(v, c, c, c + Vec3{0, 5, 0})).find("zero length"), std::string::npos);
    EXPECT_NE(message(ellipseRoiStatistics(v, c, c + Vec3{5, 0, 0}, c + Vec3{-3, 0, 0})).find("collinear"),
              std::string::npos);
    EXPECT_NE(message(polygonRoiStatistics(v, {c, c + Vec3{5, 0, 0}})).find("at least 3"), std::string::npos);
    EXPECT_NE(message(polygonRoiStatistics(v, {c, c + Vec3{5, 0, 0}, c + Vec3{9, 0, 0}})).find("collinear"),
              std::string::npos);
    auto bent = square(c, {1, 0, 0}, {0, 1, 0}, 6);
    bent[2].z += 4;  // 1 mm either side of the best plane
    EXPECT_NE(message(polygonRoiStatistics(v, bent)).find("not planar"), std::string::npos);
    const std::vector<PointLps> bowTie{c, c + Vec3{10, 10, 0}, c + Vec3{10, 0, 0}, c + Vec3{0, 4, 0}};
    EXPECT_NE(message(polygonRoiStatistics(v, bowTie)).find("cross"), std::string::npos);
    // Smaller than a voxel, between voxel centres.
    const PointLps between = v.geometry.indexToLps(31.5, 30.5, 8);
    EXPECT_NE(message(ellipseRoiStatistics(v, between, between + Vec3{0.1, 0, 0}, between + Vec3{0, 0.1, 0}))
                  .find("no voxel centre"),
              std::string::npos);
}

TEST(BidirectionalAxes, ShortAxisDragIsHeldPerpendicularThroughTheLongAxis) {
    const CaliperLine longAxis{{-30, 0, 5}, {30, 0, 5}};
    auto b = bidirectionalFromDrags(longAxis, {5, -8, 5}, {9, 12, 5}, {0, 0, 1});
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_NEAR(norm((*b)[2] - PointLps{7, -8, 5}), 0, 1e-12);
    EXPECT_NEAR(norm((*b)[3] - PointLps{7, 12, 5}), 0, 1e-12);
    // Dragged longer than the long axis: the two swap roles.
    auto swapped = bidirectionalFromDrags({{-5, 0, 5}, {5, 0, 5}}, {0, -20, 5}, {0, 20, 5}, {0, 0, 1});
    ASSERT_TRUE(swapped.ok()) << swapped.error().message;
    EXPECT_NEAR(norm((*swapped)[1] - (*swapped)[0]), 40, 1e-12);
    EXPECT_NEAR(norm((*swapped)[3] - (*swapped)[2]), 10, 1e-12);
    EXPECT_FALSE(bidirectionalFromDrags(longAxis, {5, 3, 5}, {5.0, 3, 5}, {0, 0, 1}).ok());
    EXPECT_FALSE(bidirectionalFromDrags(longAxis, {5, 3, 5}, {5, 8, 5}, {1, 0, 0}).ok());  // normal along the axis
}

TEST(BidirectionalAxes, MovingHandlesKeepsTheAxesPerpendicular) {
    const BidirectionalPoints p{PointLps{-30, 0, 5}, PointLps{30, 0, 5}, PointLps{0, -10, 5}, PointLps{0, 10, 5}};
    // Turn the long axis 45 degrees about its first end: the short axis turns with it, still
    // crossing at the middle with 10 mm either side.
    const double r = std::sqrt(0.5);
    auto m = moveBidirectionalHandle(p, 1, {-30 + 60 * r, 60 * r, 7});  // z off the plane: projected
    ASSERT_TRUE(m.ok()) << m.error().message;
    const auto& q = *m;
    EXPECT_NEAR(q[1].z, 5, 1e-12);
    EXPECT_NEAR(norm(q[1] - q[0]), 60, 1e-9);
    EXPECT_NEAR(norm(q[3] - q[2]), 20, 1e-9);
    EXPECT_NEAR(dot(q[1] - q[0], q[3] - q[2]), 0, 1e-9);
    EXPECT_NEAR(norm(0.5 * (q[2] + q[3]) - 0.5 * (q[0] + q[1])), 0, 1e-9);
    auto s = moveBidirectionalHandle(p, 3, {5, 14, 5});  // slides along the short axis only
    ASSERT_TRUE(s.ok());
    EXPECT_NEAR(norm((*s)[3] - PointLps{0, 14, 5}), 0, 1e-12);
    EXPECT_NEAR(norm((*s)[2] - p[2]), 0, 1e-12);
    auto tooLong = moveBidirectionalHandle(p, 3, {0, 70, 5});
    ASSERT_FALSE(tooLong.ok());
    EXPECT_NE(tooLong.error().message.find("longer"), std::string::npos);
}
