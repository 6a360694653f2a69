// Lesion extent from a seed on synthetic ellipsoids of known axes: every acquisition orientation,
// rotated lesions, anisotropic voxels. Answers are analytic; tolerances are the issue's:
// tri-axial diameters within max(1 mm, one voxel along the axis), volume 5 %, mean 2 HU.
#include <gtest/gtest.h>
#include <ostream>

#include <algorithm>
#include <cmath>

#include "measure/MeasureTestSeries.h"
#include "mensura/annotations/Measurement.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/DicomSeriesWriter.h"
#include "mensura/dicom/VolumeLoader.h"
#include "mensura/measure/LesionMetrics.h"
#include "mensura/measure/LesionSegmentation.h"
#include "mensura/testing/SyntheticSeries.h"
#include "support/TempDir.h"

using namespace mensura;
using namespace mensura::imaging;
using test::EllipsoidCase;

namespace {

const Vec3 kL{1, 0, 0}, kP{0, 1, 0}, kS{0, 0, 1};

std::array<Vec3, 3> acq(Vec3 i, Vec3 j) { return {i, j, cross(i, j)}; }

std::vector<EllipsoidCase> cases() {
    // AP 40 mm (y), LR 47 mm (x), SI 34 mm (z): the report's 4.0 x 4.7 x 3.4 cm.
    const Vec3 semi{23.5, 20, 17};
    const auto obliqueAcq = test::rotatedAxes(normalized(Vec3{1, 0.4, 0.2}), 25);
    const auto tiltedLesion = test::rotatedAxes(normalized(Vec3{0.3, 1, 0.5}), 35);
    return {
        {"axial_isotropic", acq(kL, kP), {0.8, 0.8, 0.8}, {80, 72, 60}, semi},
        {"axial_anisotropic", acq(kL, kP), {0.7, 0.7, 2.5}, {90, 80, 22}, semi},
        {"sagittal", acq(kP, -1.0 * kS), {0.9, 0.9, 3.0}, {64, 54, 24}, semi},
        {"coronal", acq(kL, -1.0 * kS), {0.8, 0.8, 2.0}, {76, 60, 30}, semi},
        {"oblique", obliqueAcq, {0.9, 0.9, 1.5}, {76, 76, 50}, semi},
        {"axial_rotated_lesion", acq(kL, kP), {0.75, 0.75, 2.0}, {90, 90, 34}, semi, test::rotatedAxes(kS, 30)},
        {"oblique_rotated_lesion", obliqueAcq, {0.8, 1.0, 2.0}, {86, 70, 40}, semi, tiltedLesion},
    };
}

// The ellipsoid written as a series of these values, segmented from its centre and measured: what
// the tests here start from.
struct Measured {
    Volume volume;
    Segmentation segmentation;
    LesionMetrics metrics;
};

Result<Measured> segmentAndMeasure(const EllipsoidCase& c, const test::LesionValues& values,
                                   const SegmentationOptions& o = {}) {
    test::TempDir dir;
    auto vol = test::makeEllipsoidVolume(c, values, dir.path());
    if (!vol) return vol.error();
    auto seg = segmentLesion(*vol, c.centreLps, o);
    if (!seg) return seg.error();
    auto m = measureLesion(*vol, seg->mask);
    if (!m) return m.error();
    return Measured{std::move(*vol), std::move(*seg), std::move(*m)};
}

class EllipsoidExtent : public ::testing::TestWithParam<EllipsoidCase> {};

TEST_P(EllipsoidExtent, TriaxialVolumeAndMeanMatchTheTruth) {
    const EllipsoidCase& c = GetParam();
    test::LesionValues values;  // 80 HU lesion in 20 HU tissue, noise SD 5
    auto r = segmentAndMeasure(c, values);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const Volume& vol = r->volume;
    const Segmentation& seg = r->segmentation;
    const LesionMetrics& m = r->metrics;

    auto tol = [&](Vec3 axis) { return test::toleranceAlongMm(vol.geometry, axis); };
    EXPECT_NEAR(m.ap.lengthMm, test::extentAlongMm(c, kP), tol(kP)) << c.name << " AP";
    EXPECT_NEAR(m.lr.lengthMm, test::extentAlongMm(c, kL), tol(kL)) << c.name << " LR";
    EXPECT_NEAR(m.si.lengthMm, test::extentAlongMm(c, kS), tol(kS)) << c.name << " SI";
    const double maxSpacing = std::max({c.spacingMm.x, c.spacingMm.y, c.spacingMm.z});
    EXPECT_NEAR(m.longestDiameter.lengthMm, 2 * 23.5, std::max(1.0, maxSpacing)) << c.name;
    const auto section = test::axialSectionSemiAxesMm(c);
    EXPECT_NEAR(m.axialLongest.lengthMm, 2 * section[0], std::max(1.0, maxSpacing)) << c.name;
    EXPECT_NEAR(m.axialPerpendicular.lengthMm, 2 * section[1], std::max(1.0, maxSpacing)) << c.name;
    EXPECT_NEAR(m.volumeMl, test::volumeMl(c), 0.05 * test::volumeMl(c)) << c.name;
    EXPECT_NEAR(m.values.mean, values.lesion, 2.0) << c.name;
    EXPECT_EQ(m.valueUnit, "HU");
    // The outline stands at the lesion's edge all round: no "check the outline" warning.
    EXPECT_LT(seg.outlineWithoutEdgeFraction, Segmentation::kUnsupportedOutlineWarning) << c.name;
    EXPECT_EQ(m.voxelCount, seg.mask.count());
    // Surface of the ellipsoid (Knud Thomsen's formula, within 1.1 %); voxel surfaces are rough.
    const double p = 1.6075, a = 23.5, b = 20, cc = 17;
    const double area =
        4 * M_PI * std::pow((std::pow(a * b, p) + std::pow(a * cc, p) + std::pow(b * cc, p)) / 3, 1 / p);
    EXPECT_NEAR(m.surfaceMm2, area, 0.10 * area) << c.name;
    // The mask is a small block, not the size of the series.
    EXPECT_LT(seg.mask.voxels.size(), vol.geometry.voxelCount());
    // Every figure as a measurement object with its unit, derivation and images.
    const auto objects = annotations::lesionMeasurements(m, seg, "lesion-1");
    ASSERT_EQ(objects.size(), 13u);
    EXPECT_EQ(objects[0].name, "AP diameter");
    EXPECT_DOUBLE_EQ(objects[0].measurement.value, m.ap.lengthMm);
    EXPECT_EQ(objects[0].measurement.unit, "mm");
    EXPECT_EQ(objects[6].measurement.unit, "mL");
    EXPECT_EQ(objects[8].measurement.unit, "[hnsf'U]");
    EXPECT_EQ(objects[0].seriesInstanceUid, vol.seriesInstanceUid);
    EXPECT_FALSE(objects[0].sopInstanceUids.empty());
    std::printf(
        "%-24s AP %.2f/%.2f LR %.2f/%.2f SI %.2f/%.2f long %.2f/%.2f ax %.2f/%.2f perp %.2f/%.2f vol %.3f/%.3f mean "
        "%.2f surf %.0f/%.0f\n",
        c.name.c_str(), m.ap.lengthMm, test::extentAlongMm(c, kP), m.lr.lengthMm, test::extentAlongMm(c, kL),
        m.si.lengthMm, test::extentAlongMm(c, kS), m.longestDiameter.lengthMm, 47.0, m.axialLongest.lengthMm,
        2 * section[0], m.axialPerpendicular.lengthMm, 2 * section[1], m.volumeMl, test::volumeMl(c), m.values.mean,
        m.surfaceMm2, area);
}

INSTANTIATE_TEST_SUITE_P(Orientations, EllipsoidExtent, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.name; });

// A lesion of high contrast against its noise (a bright T2 lesion, an enhancing CT lesion in fat):
// the range from the seed is a few noise SD wide, and on the smoothed copy it stops up to two
// voxels inside the edge, where the layer outside is still lesion and is no neighbour to take a
// 50% level against. Before the range widened to the lesion's noise there, a 300 ellipsoid in 100
// at noise 8 (1 mm voxels) read 6.3 mL for 8.0, every diameter a voxel short, with no warning
// (16 of these 21 were within before; all 21 now).
struct Contrast {
    const char* name;
    const char* modality;
    double lesion, background, noise;
};
// Parameters print as their names, so the test list is the same on every run.
void PrintTo(const Contrast& p, std::ostream* os) { *os << p.name; }

class HighContrastEllipsoid : public ::testing::TestWithParam<std::tuple<EllipsoidCase, Contrast>> {};

TEST_P(HighContrastEllipsoid, VolumeAndDiametersMatchTheTruth) {
    const auto& [c, k] = GetParam();
    test::LesionValues values;
    values.modality = k.modality;
    values.lesion = k.lesion, values.background = k.background, values.noiseSd = k.noise;
    auto r = segmentAndMeasure(c, values);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const Volume& vol = r->volume;
    const Segmentation& seg = r->segmentation;
    const LesionMetrics& m = r->metrics;
    auto tol = [&](Vec3 axis) { return test::toleranceAlongMm(vol.geometry, axis); };
    EXPECT_NEAR(m.ap.lengthMm, test::extentAlongMm(c, kP), tol(kP)) << c.name << " " << k.name;
    EXPECT_NEAR(m.lr.lengthMm, test::extentAlongMm(c, kL), tol(kL)) << c.name << " " << k.name;
    EXPECT_NEAR(m.si.lengthMm, test::extentAlongMm(c, kS), tol(kS)) << c.name << " " << k.name;
    EXPECT_NEAR(m.volumeMl, test::volumeMl(c), 0.05 * test::volumeMl(c)) << c.name << " " << k.name;
    EXPECT_NEAR(m.values.mean, k.lesion, 0.01 * k.lesion + 1) << c.name << " " << k.name;
    EXPECT_TRUE(seg.warnings.empty()) << c.name << " " << k.name << ": " << seg.warnings.front();
}

// The bound that widens where the layer outside is still lesion moves to the 50% level against
// the tissue found further out, never past it: with smoothing of 2 mm on 0.8 mm voxels (a range
// that stops far inside the edge) a first version that widened by the noise, doubling each round,
// took the range to -64.6 HU for a 60 HU lesion in fat (50% level -20) and read 4.47 mL for 4.19.
TEST(HighContrastEllipsoid, TheWideningNeverPassesTheHalfLevel) {
    EllipsoidCase c = cases()[0];
    c.spacingMm = {0.8, 0.8, 0.8};
    c.size = {70, 70, 60};
    c.semiAxesMm = {10, 10, 10};
    test::LesionValues values;
    values.lesion = 60, values.background = -100, values.noiseSd = 10;
    SegmentationOptions o;
    o.smoothingSigmaMm = 2;
    auto r = segmentAndMeasure(c, values, o);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const Segmentation& seg = r->segmentation;
    const LesionMetrics& m = r->metrics;
    EXPECT_GE(seg.lower, 0.5 * (60 - 100) - 2) << seg.method;
    EXPECT_LT(m.volumeMl, 1.05 * test::volumeMl(c));
}

// A small high-contrast lesion: the region from the seed stops two voxels inside the edge, and
// moving to the 50% level more than doubles its count (a 16 mm sphere: region radius 6.4 mm, edge
// 8 mm), which the leak guard took for a leak. A dark 100 sphere in 400 at noise 5 read 1.85 mL
// for 2.14 on 0.8 mm voxels and 1.84 on 1 mm, a voxel short in every diameter.
TEST(HighContrastEllipsoid, SmallSphereReachesItsHalfLevel) {
    for (double spacing : {0.8, 1.0}) {
        EllipsoidCase c = cases()[0];
        c.name = "sphere_16mm_" + std::to_string(spacing);
        c.spacingMm = {spacing, spacing, spacing};
        c.size = {std::size_t(std::lround(40 / spacing)), std::size_t(std::lround(40 / spacing)),
                  std::size_t(std::lround(40 / spacing))};
        c.semiAxesMm = {8, 8, 8};
        test::LesionValues values;
        values.modality = "MR";
        values.lesion = 100, values.background = 400, values.noiseSd = 5;
        auto r = segmentAndMeasure(c, values);
        ASSERT_TRUE(r.ok()) << r.error().message;
        const Volume& vol = r->volume;
        const Segmentation& seg = r->segmentation;
        const LesionMetrics& m = r->metrics;
        EXPECT_NEAR(m.volumeMl, test::volumeMl(c), 0.05 * test::volumeMl(c)) << c.name << ": " << seg.method;
        EXPECT_NEAR(m.lr.lengthMm, 16.0, test::toleranceAlongMm(vol.geometry, kL)) << c.name;
        EXPECT_NEAR(m.ap.lengthMm, 16.0, test::toleranceAlongMm(vol.geometry, kP)) << c.name;
        EXPECT_NEAR(m.si.lengthMm, 16.0, test::toleranceAlongMm(vol.geometry, kS)) << c.name;
        EXPECT_TRUE(seg.warnings.empty()) << c.name;
    }
}

// A node two thick slices deep: 9 mm across 4 mm coronal slices (12 x 15 mm in the plane, the ASPS
// node at follow-up), 500 in muscle 300 at noise 8, its centre 1 mm off the middle of a slice, so
// the next slice is seven eighths node at its centre. The range from the seed holds the middle
// slice alone; moving to the 50% level adds the second, and that more than doubles the region,
// which the leak guard took for a neighbour of similar value: it read one slice, 4 mm AP and
// about half the volume, flagged. A region one or two thick slices deep may gain one more whole
// slice of itself. Its mean comes from the slice holding its middle (see LesionValues). Any region
// two thick slices deep or less is flagged: its extent there is whole slices.
TEST(ThinLesion, ANodeTwoThickSlicesDeepKeepsBothSlices) {
    for (const double offMm : {1.0, -1.0}) {
        EllipsoidCase c;
        c.name = "node_coronal_off_" + std::to_string(offMm);
        c.imageAxes = acq(kL, -1.0 * kS);
        c.spacingMm = {1.25, 1.25, 4.0};
        c.size = {40, 40, 9};
        c.semiAxesMm = {6, 4.5, 7.5};
        c.centreLps = {0.4, offMm, -0.3};
        test::LesionValues values;
        values.modality = "MR";
        values.lesion = 500, values.background = 300, values.noiseSd = 8;
        auto r = segmentAndMeasure(c, values);
        ASSERT_TRUE(r.ok()) << r.error().message;
        const Volume& vol = r->volume;
        const Segmentation& seg = r->segmentation;
        const LesionMetrics& m = r->metrics;
        EXPECT_NEAR(m.ap.lengthMm, 9.0, test::toleranceAlongMm(vol.geometry, kP)) << c.name << ": " << seg.method;
        EXPECT_NEAR(m.lr.lengthMm, 12.0, test::toleranceAlongMm(vol.geometry, kL)) << c.name;
        EXPECT_NEAR(m.si.lengthMm, 15.0, test::toleranceAlongMm(vol.geometry, kS)) << c.name;
        EXPECT_NEAR(m.volumeMl, test::volumeMl(c), 0.05 * test::volumeMl(c)) << c.name;
        EXPECT_NEAR(m.values.mean, 500.0, 0.02 * 500) << c.name;
        // Two slices deep it is still mostly partial volume across them, and says so.
        ASSERT_EQ(seg.warnings.size(), 1u) << c.name;
        EXPECT_NE(seg.warnings[0].find("spans 2 slice(s) of 4.0 mm"), std::string::npos) << seg.warnings[0];
    }
}

const Contrast kHighContrasts[] = {{"mr_300_in_100_noise_8", "MR", 300, 100, 8},
                                   {"mr_dark_100_in_400_noise_5", "MR", 100, 400, 5},
                                   {"ct_150_in_fat_noise_4", "CT", 150, -100, 4}};

// Every orientation with every contrast. Three of these read 6 to 10 % of the volume low until a
// lesion whose surroundings all lie far from it in value moved to the 50% level against them with
// the smoothing's reach (a dark 100 lesion in 400 at noise 5 on 0.7 x 0.7 x 2.5 mm voxels read
// 30.0 mL for 33.5).
std::vector<std::tuple<EllipsoidCase, Contrast>> highContrastCases() {
    std::vector<std::tuple<EllipsoidCase, Contrast>> out;
    for (const EllipsoidCase& c : cases())
        for (const Contrast& k : kHighContrasts) out.emplace_back(c, k);
    return out;
}

auto highContrastName = [](const auto& info) {
    return std::get<0>(info.param).name + "_" + std::get<1>(info.param).name;
};

INSTANTIATE_TEST_SUITE_P(Orientations, HighContrastEllipsoid, ::testing::ValuesIn(highContrastCases()),
                         highContrastName);

}  // namespace

namespace {

Result<Volume> loadSynthetic(const SyntheticParams& p, const std::string& folder) {
    auto written = writeSeries(makeSyntheticSeries(p), folder);
    if (!written) return written.error();
    std::string error;
    DicomIndex index = indexPath(folder, {}, &error);
    if (index.allStacks().size() != 1) return Error{"expected one series"};
    return loadVolume(*index.allStacks().front());
}

// A sphere of radius 12 mm at the origin, in the synthetic series' default grid.
SyntheticParams sphereOf(double value, double background, double noiseSd = 0) {
    SyntheticParams p;
    p.sphereRadiusMm = 12;
    p.sphereValue = value;
    p.backgroundValue = background;
    p.noiseSd = noiseSd;
    return p;
}

// Whether one of the segmentation's warnings contains the text.
bool warns(const Segmentation& s, const std::string& text) {
    for (const auto& w : s.warnings)
        if (w.find(text) != std::string::npos) return true;
    return false;
}

TEST(LesionExtentErrors, SeedInAirOutsideOrBoxInvertedAreClearErrors) {
    test::TempDir dir;
    SyntheticParams p;  // 128x128x40, 1x1x2.5 mm, water cylinder in air, 15 mm sphere of 60 HU
    auto v = loadSynthetic(p, dir.path());
    ASSERT_TRUE(v.ok()) << v.error().message;

    auto air = segmentLesion(*v, {-62, -62, 0});
    ASSERT_FALSE(air.ok());
    EXPECT_NE(air.error().message.find("in air"), std::string::npos) << air.error().message;

    auto outside = segmentLesion(*v, {0, 0, 80});
    ASSERT_FALSE(outside.ok());
    EXPECT_NE(outside.error().message.find("outside the volume"), std::string::npos);

    SegmentationOptions inverted;
    inverted.box = BoxLps{{10, -10, -10}, {-10, 10, 10}};
    auto inv = segmentLesion(*v, {0, 0, 0}, inverted);
    ASSERT_FALSE(inv.ok());
    EXPECT_NE(inv.error().message.find("x0"), std::string::npos) << inv.error().message;

    SegmentationOptions range;
    range.lower = 100, range.upper = 200;
    auto notInRange = segmentLesion(*v, {0, 0, 0}, range);
    ASSERT_FALSE(notInRange.ok());
    EXPECT_NE(notInRange.error().message.find("outside the threshold range"), std::string::npos);
}

TEST(LesionExtentErrors, ARegionThatLeaksIsReportedNotMeasured) {
    test::TempDir dir;
    SyntheticParams p;
    // The water body is 270 mm across and 250 mm long: beyond the growth limit, and the region
    // stops there before it reaches the volume's edge (a region that reaches it and is wide is
    // refused as the surroundings, not as a leak).
    p.size = {200, 200, 100};
    p.spacingMm = {1.5, 1.5, 2.5};
    auto v = loadSynthetic(p, dir.path());
    ASSERT_TRUE(v.ok()) << v.error().message;
    SegmentationOptions o;
    o.maxHalfSizeMm = 80;
    auto leak = segmentLesion(*v, {60, 0, 0}, o);  // seeded in the water, not the sphere
    ASSERT_FALSE(leak.ok());
    EXPECT_NE(leak.error().message.find("leaks"), std::string::npos) << leak.error().message;
}

// A series of three slices (the dcmqi SEG example's source images, 24 x 38 x 3): ITK's recursive
// Gaussian needs four voxels along an axis and threw, which aborted the command line and would
// have taken the viewer down. The block is now smoothed along its longer axes only, and a ball
// within the middle slice is measured.
TEST(LesionExtent, ASeriesOfThreeSlicesIsSegmentedNotAborted) {
    test::TempDir dir;
    SyntheticParams p;
    p.size = {48, 48, 3};
    p.spacingMm = {1, 1, 5};
    p.sphereRadiusMm = 4;  // a disc of 4 mm on the middle slice; the slices above and below miss it
    p.sphereValue = 60, p.backgroundValue = 0, p.noiseSd = 2;
    auto v = loadSynthetic(p, dir.path());
    ASSERT_TRUE(v.ok()) << v.error().message;
    auto seg = segmentLesion(*v, {0, 0, 0});
    ASSERT_TRUE(seg.ok()) << seg.error().message;
    auto m = measureLesion(*v, seg->mask);
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_NEAR(m->ap.lengthMm, 8.0, 1.0);
    EXPECT_NEAR(m->lr.lengthMm, 8.0, 1.0);
    EXPECT_NEAR(m->si.lengthMm, 5.0, 1e-6);  // one slice
}

// A real CT (Philips Ingenuity, a head phantom, 0.45 x 0.45 x 5 mm): a click where the phantom's
// shell meets the air round it passes the seed's air check (its neighbourhood mixes the two) and
// grew 1.1 mL of air (-960 HU), reported as a lesion. A region that is air is an error.
TEST(LesionExtentErrors, ARegionOfAirOnARealCtIsAnErrorNotALesion) {
    const std::string folder = std::string(MENSURA_SHARED_DICOM) + "/ct_philips_ingenuity_head_phantom";
    std::string error;
    const DicomIndex index = indexPath(folder, {}, &error);
    if (index.allStacks().empty()) GTEST_SKIP() << folder << " absent (../shared/dicom): " << error;
    auto v = loadVolume(*index.allStacks().front());
    ASSERT_TRUE(v.ok()) << v.error().message;
    auto seg = segmentLesion(*v, {0, 60, 740});
    ASSERT_FALSE(seg.ok()) << "measured " << seg->mask.count() << " voxels";
    EXPECT_NE(seg.error().message.find("is air"), std::string::npos) << seg.error().message;
}

TEST(LesionExtent, ABoxLimitsTheRegion) {
    test::TempDir dir;
    auto v = loadSynthetic(sphereOf(60, 0), dir.path());
    ASSERT_TRUE(v.ok()) << v.error().message;
    // A box around the sphere: the region stays inside and matches the sphere.
    SegmentationOptions o;
    o.box = BoxLps{{-20, -20, -20}, {20, 20, 20}};
    auto seg = segmentLesion(*v, {0, 0, 0}, o);
    ASSERT_TRUE(seg.ok()) << seg.error().message;
    auto m = measureLesion(*v, seg->mask);
    ASSERT_TRUE(m.ok());
    EXPECT_NEAR(m->lr.lengthMm, 24, 1.0);
    EXPECT_NEAR(m->si.lengthMm, 24, 2.5);
    EXPECT_NEAR(m->volumeMl, 4.0 / 3 * M_PI * 12 * 12 * 12 / 1000, 0.05 * 7.24);
    // The method records the box, so the result can be made again.
    EXPECT_NE(seg->method.find("inside the user box x -20.0 to 20.0, y -20.0 to 20.0, z -20.0 to 20.0 mm (LPS)"),
              std::string::npos)
        << seg->method;
    // A box that cuts the sphere: the region is clipped to it, with a warning.
    o.box = BoxLps{{-20, -20, -5}, {20, 20, 20}};
    auto cut = segmentLesion(*v, {0, 0, 0}, o);
    ASSERT_TRUE(cut.ok());
    EXPECT_FALSE(cut->warnings.empty());
    auto mc = measureLesion(*v, cut->mask);
    ASSERT_TRUE(mc.ok());
    EXPECT_LT(mc->si.lengthMm, 20.0);
}

// A box that cuts a noisy sphere: the outline is the box's there, which the "reaches the box
// faces" warning says; the tissue beyond the box is not counted as outline without an edge. A
// seed on a face of the box stays (the box's faces erode like the block's).
TEST(LesionExtent, ABoxThatCutsTheLesionSaysSoAndASeedOnItsFaceStays) {
    test::TempDir dir;
    auto v = loadSynthetic(sphereOf(60, 0, 5), dir.path());
    ASSERT_TRUE(v.ok()) << v.error().message;
    SegmentationOptions o;
    o.box = BoxLps{{-6, -20, -20}, {6, 20, 20}};  // 12 mm of the sphere's 24 across x
    auto cut = segmentLesion(*v, {0, 0, 0}, o);
    ASSERT_TRUE(cut.ok()) << cut.error().message;
    auto m = measureLesion(*v, cut->mask);
    ASSERT_TRUE(m.ok());
    EXPECT_NEAR(m->lr.lengthMm, 12, 1.0);  // the voxels whose centres lie in the box: x -5.5 to 5.5
    EXPECT_NEAR(m->ap.lengthMm, 24, 1.0);
    for (const auto& w : cut->warnings) EXPECT_EQ(w.rfind("check the outline", 0), std::string::npos) << w;
    EXPECT_TRUE(warns(*cut, "reaches the box faces"));
    EXPECT_LT(cut->outlineWithoutEdgeFraction, Segmentation::kUnsupportedOutlineWarning);
    // The seed on the box's low x face: the half of the sphere beyond it, not an error.
    o.box = BoxLps{{0, -20, -20}, {20, 20, 20}};
    auto half = segmentLesion(*v, {0, 0, 0}, o);
    ASSERT_TRUE(half.ok()) << half.error().message;
    auto mh = measureLesion(*v, half->mask);
    ASSERT_TRUE(mh.ok());
    // Voxel centres at x 0.5 to 11.5 mm: 12 mm of the sphere, half its volume. Before the layers
    // round the region were limited to the box, the lesion beyond the box's face read as a
    // brighter neighbour, the range's top came down to it and the half read 2.8 mL for 3.6.
    EXPECT_NEAR(mh->lr.lengthMm, 12, 1.0) << half->method;
    EXPECT_NEAR(mh->volumeMl, 0.5 * 4.0 / 3 * M_PI * 12 * 12 * 12 / 1000, 0.05 * 3.62);
}

}  // namespace

namespace {

// A box drawn on a view of an oblique series lies along the series' axes: given by its corners,
// the region keeps to it, not to the larger box along L, P and S round it (which at 35 degrees
// lets a 12 mm cut through a sphere read 20 mm).
TEST(LesionExtent, ABoxAlongAnObliqueSeriesAxesKeepsTheRegionInsideIt) {
    test::TempDir dir;
    const EllipsoidCase c{"oblique_box", test::rotatedAxes(kS, 35), {1.0, 1.0, 1.0}, {64, 64, 48}, {12, 12, 12}};
    auto v = test::makeEllipsoidVolume(c, {}, dir.path());
    ASSERT_TRUE(v.ok()) << v.error().message;
    const auto& g = v->geometry;
    SegmentationOptions o;
    // 12 mm across the series' first axis, 40 mm along the others, centred on the sphere.
    for (int corner = 0; corner < 8; ++corner)
        o.boxCornersLps.push_back(c.centreLps + (corner & 1 ? 6.0 : -6.0) * g.axes[0] +
                                  (corner & 2 ? 20.0 : -20.0) * g.axes[1] + (corner & 4 ? 20.0 : -20.0) * g.axes[2]);
    auto seg = segmentLesion(*v, c.centreLps, o);
    ASSERT_TRUE(seg.ok()) << seg.error().message;
    // The region's extent along the series' first axis, in voxels.
    std::size_t lo = SIZE_MAX, hi = 0;
    const auto& mk = seg->mask;
    for (std::size_t k = 0; k < mk.geometry.size[2]; ++k)
        for (std::size_t j = 0; j < mk.geometry.size[1]; ++j)
            for (std::size_t i = 0; i < mk.geometry.size[0]; ++i)
                if (mk.voxels[i + mk.geometry.size[0] * (j + mk.geometry.size[1] * k)])
                    lo = std::min(lo, i), hi = std::max(hi, i);
    ASSERT_LE(lo, hi);
    EXPECT_LE(double(hi - lo + 1) * g.spacingMm.x, 12.0 + g.spacingMm.x);
    EXPECT_GE(double(hi - lo + 1) * g.spacingMm.x, 12.0 - g.spacingMm.x);
    EXPECT_TRUE(warns(*seg, "reaches the box faces"));
    // A seed outside the drawn box is refused, naming the series.
    auto outside = segmentLesion(*v, c.centreLps + 9.0 * g.axes[0], o);
    ASSERT_FALSE(outside.ok());
    EXPECT_NE(outside.error().message.find("outside the box"), std::string::npos) << outside.error().message;
}

}  // namespace

namespace {

// In tissue where nothing stands apart, a box holds the region the volume's edge would have
// refused: the region fills the box, and the result must say that the box, not an edge, is its
// outline. A box given by corners needs all eight.
TEST(LesionExtent, ARegionThatFillsTheBoxIsFlagged) {
    test::TempDir dir;
    auto v = loadSynthetic(sphereOf(50, 50, 5), dir.path());
    ASSERT_TRUE(v.ok()) << v.error().message;
    SegmentationOptions o;
    o.box = BoxLps{{-12, -12, -12}, {12, 12, 12}};
    auto seg = segmentLesion(*v, {0, 0, 0}, o);
    ASSERT_TRUE(seg.ok()) << seg.error().message;
    EXPECT_TRUE(warns(*seg, "check the outline: the region fills the box")) << seg->mask.count() << " voxels";
    // Without the box the same click is refused: nothing there stands apart.
    EXPECT_FALSE(segmentLesion(*v, {0, 0, 0}).ok());
    SegmentationOptions four;
    four.boxCornersLps = {{-5, -5, -5}, {5, -5, -5}, {5, 5, -5}, {-5, 5, 5}};
    auto refused = segmentLesion(*v, {0, 0, 0}, four);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("eight corners"), std::string::npos) << refused.error().message;
}

}  // namespace
