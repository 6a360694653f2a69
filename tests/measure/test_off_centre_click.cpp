// The range from a click that is not at the lesion's centre, on synthetic MR lesions of known
// shape: a click near the edge (the surroundings in the seed's neighbourhood) and a click where
// an enhancing rim meets its core. Tolerances are the issue's: diameters within max(1 mm, one
// voxel along the axis), volume 5 %.
#include <gtest/gtest.h>

#include <cmath>

#include "measure/MeasureTestSeries.h"
#include "mensura/measure/LesionMetrics.h"
#include "mensura/measure/LesionSegmentation.h"
#include "support/TempDir.h"

using namespace mensura;
using namespace mensura::imaging;
using test::EllipsoidCase;

namespace {

// The ASPS follow-up's geometry: 25 mm AP x 19 mm LR x 27 mm SI on 1.25 mm pixels and 4 mm slices.
EllipsoidCase smallAxialLesion() {
    EllipsoidCase c;
    c.name = "small_axial";
    c.imageAxes = {Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}};
    c.spacingMm = {1.25, 1.25, 4.0};
    c.size = {64, 64, 20};
    c.semiAxesMm = {9.5, 12.5, 13.5};
    c.centreLps = {1.1, -0.7, 0.9};
    return c;
}

// A bright lesion (900) in muscle (430), MR noise SD 12.
test::LesionValues brightLesionInMuscle() {
    test::LesionValues values;
    values.modality = "MR";
    values.lesion = 900, values.background = 430, values.noiseSd = 12;
    return values;
}

struct Outcome {
    bool within = false, flagged = false;
    std::string text;
};

Outcome measureFrom(const Volume& v, const EllipsoidCase& c, PointLps seed) {
    Outcome o;
    auto seg = segmentLesion(v, seed);
    if (!seg.ok()) {
        o.text = seg.error().message;
        return o;
    }
    auto m = measureLesion(v, seg->mask);
    if (!m.ok()) {
        o.text = m.error().message;
        return o;
    }
    const double truthVolume = test::volumeMl(c);
    auto near = [&](double mm, Vec3 axis) {
        return std::fabs(mm - test::extentAlongMm(c, axis)) <= test::toleranceAlongMm(v.geometry, axis);
    };
    o.within = near(m->lr.lengthMm, {1, 0, 0}) && near(m->ap.lengthMm, {0, 1, 0}) && near(m->si.lengthMm, {0, 0, 1}) &&
               std::fabs(m->volumeMl - truthVolume) <= 0.05 * truthVolume;
    for (const auto& w : seg->warnings) o.flagged |= w.rfind("check the outline", 0) == 0;
    o.text = std::to_string(m->ap.lengthMm) + " x " + std::to_string(m->lr.lengthMm) + " x " +
             std::to_string(m->si.lengthMm) + " mm, " + std::to_string(m->volumeMl) + " mL for " +
             std::to_string(truthVolume) + "; range [" + std::to_string(seg->lower) + ", " +
             std::to_string(seg->upper) + "]";
    return o;
}

// The point f of the way from the centre to the surface along dir.
PointLps towardsSurface(const EllipsoidCase& c, Vec3 dir, double f) {
    double r = 0;
    for (int a = 0; a < 3; ++a) r += dir[a] * dir[a] / (c.semiAxesMm[a] * c.semiAxesMm[a]);
    return c.centreLps + (f / std::sqrt(r)) * dir;
}

// A bright lesion (900) in muscle (430), MR noise SD 12, clicked up to three quarters of the way to
// its surface: along LR (7 mm from the centre of a 19 mm lesion), AP, and obliquely through the
// slice. Before the median/MAD fallback and the tightening of a bound beyond the 50% level, the
// click 0.7 along LR read 11.2 mL for 6.7 (flagged), the oblique one 9.3 mL with no warning, and
// the one 0.75 along AP was refused as "not standing apart".
TEST(OffCentreClick, NearTheEdgeTheRangeFollowsTheLesionNotItsSurroundings) {
    const EllipsoidCase c = smallAxialLesion();
    test::TempDir dir;
    auto v = test::makeEllipsoidVolume(c, brightLesionInMuscle(), dir.path());
    ASSERT_TRUE(v.ok()) << v.error().message;
    for (double f : {0.0, 0.5, 0.7, 0.75})
        for (Vec3 d : {Vec3{1, 0, 0}, Vec3{0, -1, 0}, normalized(Vec3{1, 1, 0.35})}) {
            const Outcome o = measureFrom(*v, c, towardsSurface(c, d, f));
            EXPECT_TRUE(o.within) << "click " << f << " of the way to the surface along (" << d.x << ", " << d.y << ", "
                                  << d.z << "): " << o.text;
        }
}

// A rim (950) round a core (850, 0.6 of the radius) in muscle (430): clicked in the core, where
// core and rim meet, and in the rim, along each axis. Every click is within the tolerances. A
// click one slice above the junction was 10.6 mL for 6.7, unflagged, when the range came from
// three slices of core, rim and muscle. The click at the centre read 4.0-4.2 mL (flagged) while
// the rim's outer boundary could move by at most two voxels: the rim, under a slice thick at the
// lesion's ends, is read by the compartment's range only where it is nearly pure, three voxels
// inside its 50% level; the move is now taken when the new outline stands at an edge.
TEST(OffCentreClick, WhereAnEnhancingRimMeetsItsCoreTheResultIsRight) {
    const EllipsoidCase c = smallAxialLesion();
    test::LesionValues values;
    values.modality = "MR";
    values.lesion = 950, values.background = 430, values.noiseSd = 12;
    values.coreFraction = 0.6, values.coreValue = 850;
    test::TempDir dir;
    auto v = test::makeEllipsoidVolume(c, values, dir.path());
    ASSERT_TRUE(v.ok()) << v.error().message;
    for (double f : {0.0, 0.3, 0.5, 0.6, 0.7})
        for (Vec3 d : {Vec3{0, 0, 1}, Vec3{0, 1, 0}, Vec3{1, 0, 0}}) {
            const Outcome o = measureFrom(*v, c, towardsSurface(c, d, f));
            EXPECT_TRUE(o.within) << "click " + std::to_string(f) + " of the way to the surface: " + o.text;
        }
}

// A click far from the centre is segmented again from the centre of the region it gives, and the
// result is the same as from a click there; a click near the centre is not.
TEST(OffCentreClick, AClickFarFromTheCentreIsSegmentedAgainFromTheRegionsCentre) {
    const EllipsoidCase c = smallAxialLesion();
    test::TempDir dir;
    auto v = test::makeEllipsoidVolume(c, brightLesionInMuscle(), dir.path());
    ASSERT_TRUE(v.ok()) << v.error().message;
    auto near = segmentLesion(*v, c.centreLps);
    ASSERT_TRUE(near.ok()) << near.error().message;
    EXPECT_FALSE(near->reseededLps.has_value());
    const PointLps far = towardsSurface(c, Vec3{1, 0, 0}, 0.7);
    auto seg = segmentLesion(*v, far);
    ASSERT_TRUE(seg.ok()) << seg.error().message;
    ASSERT_TRUE(seg->reseededLps.has_value());
    EXPECT_NEAR(seg->seedLps.x, far.x, 1e-9);  // the click is what the result records as its seed
    EXPECT_LT(norm(*seg->reseededLps - c.centreLps), 2.5);
    EXPECT_NE(seg->method.find("segmented again from the first region's centre"), std::string::npos) << seg->method;
    auto fromCentre = segmentLesion(*v, *seg->reseededLps);
    ASSERT_TRUE(fromCentre.ok()) << fromCentre.error().message;
    EXPECT_EQ(seg->mask.voxels, fromCentre->mask.voxels);
    EXPECT_EQ(seg->mask.offset, fromCentre->mask.offset);
}

}  // namespace

// A rim (110 HU) round a core (45) in tissue of the core's value (40), as the LMS scalp mass on
// CT+C lies on brain: a click where rim and core meet gives a range that spans both, and so the
// tissue round the lesion, which it floods (before: refused, "does not stand apart"). From the
// most uniform point within two voxels (2.5 mm), inside the core or the rim, the range is that part's and the
// rim step gives the rest.
TEST(OffCentreClick, WhereARimMeetsACoreOfTheSurroundingsValueTheClickMovesIntoOnePart) {
    const EllipsoidCase c = smallAxialLesion();
    test::LesionValues values;
    values.lesion = 110, values.background = 40, values.noiseSd = 5;
    values.coreFraction = 0.6, values.coreValue = 45;
    test::TempDir dir;
    auto v = test::makeEllipsoidVolume(c, values, dir.path());
    ASSERT_TRUE(v.ok()) << v.error().message;
    int moved = 0;
    for (Vec3 d : {Vec3{0, 1, 0}, Vec3{1, 0, 0}, Vec3{0, -1, 0}, Vec3{-1, 0, 0}}) {
        const PointLps click = towardsSurface(c, d, 0.6);
        auto seg = segmentLesion(*v, click);
        ASSERT_TRUE(seg.ok()) << "click where rim and core meet: " << seg.error().message;
        moved += seg->method.find("most uniform point") != std::string::npos;
        const Outcome o = measureFrom(*v, c, click);
        EXPECT_TRUE(o.within) << "click where rim and core meet, along " << d.x << ", " << d.y << ": " << o.text;
    }
    EXPECT_GT(moved, 0) << "no click needed the move: the scene does not test it";
}
