// Write series with known geometry through DCMTK, read them back through the index and the
// loader: every scanner orientation must give the same patient-space answer.
#include <gtest/gtest.h>
#include <ostream>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/VolumeLoader.h"
#include "mensura/testing/SyntheticSeries.h"
#include "support/TempDir.h"

using namespace mensura::imaging;
using mensura::test::TempDir;

namespace {

struct Case {
    const char* name;
    std::array<Vec3, 3> axes;
};
// Parameters print as their names, so the test list is the same on every run.
void PrintTo(const Case& p, std::ostream* os) { *os << p.name; }

const double kS = std::sqrt(0.5);
const Case kOrientations[] = {
    {"axial", {Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}}},
    {"axial_feet_first_descending", {Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, -1}}},
    {"coronal", {Vec3{1, 0, 0}, Vec3{0, 0, -1}, Vec3{0, 1, 0}}},
    {"sagittal", {Vec3{0, 1, 0}, Vec3{0, 0, -1}, Vec3{-1, 0, 0}}},
    {"oblique", {Vec3{kS, kS, 0}, Vec3{-0.5, 0.5, -kS}, Vec3{-0.5, 0.5, kS}}},
};

Volume loadOnly(const std::string& folder) {
    std::string error;
    DicomIndex index = indexPath(folder, {}, &error);
    EXPECT_TRUE(error.empty()) << error;
    EXPECT_EQ(index.allStacks().size(), 1u);
    auto v = loadVolume(*index.allStacks().front());
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
    return std::move(*v);
}

// Volume of the voxels at the sphere value and their centroid in LPS.
std::pair<double, PointLps> sphereVolumeAndCentroid(const Volume& v, double value) {
    const auto& g = v.geometry;
    double count = 0;
    Vec3 sum;
    for (std::size_t k = 0; k < g.size[2]; ++k)
        for (std::size_t j = 0; j < g.size[1]; ++j)
            for (std::size_t i = 0; i < g.size[0]; ++i)
                if (std::fabs(v.at(i, j, k) - value) < 0.5) {
                    count += 1;
                    sum = sum + g.indexToLps(double(i), double(j), double(k));
                }
    return {count * g.spacingMm.x * g.spacingMm.y * g.spacingMm.z, (1.0 / count) * sum};
}

// Interpolation spreads a sharp edge over partial values: weigh each voxel by its value so the
// integral (volume) and the centre of mass are conserved.
std::pair<double, PointLps> weightedVolumeAndCentroid(const Volume& v, double value) {
    const auto& g = v.geometry;
    double weight = 0;
    Vec3 sum;
    for (std::size_t k = 0; k < g.size[2]; ++k)
        for (std::size_t j = 0; j < g.size[1]; ++j)
            for (std::size_t i = 0; i < g.size[0]; ++i) {
                const double w = std::clamp(v.at(i, j, k) / value, 0.0, 1.0);
                weight += w;
                sum = sum + w * g.indexToLps(double(i), double(j), double(k));
            }
    return {weight * g.spacingMm.x * g.spacingMm.y * g.spacingMm.z, (1.0 / weight) * sum};
}

}  // namespace

class OrientationRoundTrip : public ::testing::TestWithParam<Case> {};

TEST_P(OrientationRoundTrip, GeometryAndValuesSurviveWriteAndLoad) {
    const Case& c = GetParam();
    SyntheticParams p;
    p.size = {48, 40, 36};
    p.spacingMm = {1.0, 0.9, 1.2};
    p.axes = c.axes;
    p.sphereCentreLps = {3, -4, 5};
    p.sphereRadiusMm = 9;
    p.sphereValue = 80;
    SeriesSpec spec = makeSyntheticSeries(p);
    // Instance numbers and file names say nothing about position: scramble them.
    for (std::size_t k = 0; k < p.size[2]; ++k) spec.instanceOrder.push_back(static_cast<int>((k * 7) % p.size[2]) + 1);
    TempDir dir;
    ASSERT_TRUE(writeSeries(spec, dir.path()).ok());

    const Volume v = loadOnly(dir.path());
    ASSERT_TRUE(v.isVolume);
    EXPECT_EQ(v.valueUnit, "HU");
    EXPECT_EQ(v.voxelType, VoxelType::Int16);
    const auto& g = v.geometry;
    EXPECT_EQ(g.size, p.size);
    EXPECT_NEAR(g.spacingMm.x, 1.0, 1e-6);
    EXPECT_NEAR(g.spacingMm.y, 0.9, 1e-6);
    EXPECT_NEAR(g.spacingMm.z, 1.2, 1e-6);
    // The written grid and the loaded grid put every corner at the same LPS point (the loader
    // may reverse k when the written order is descending; corners as a set must match).
    const auto& w = spec.geometry;
    for (double i : {0.0, 47.0})
        for (double j : {0.0, 39.0}) {
            bool found = false;
            for (double k : {0.0, 35.0})
                for (double kk : {0.0, 35.0})
                    found = found || norm(g.indexToLps(i, j, k) - w.indexToLps(i, j, kk)) < 1e-4;
            EXPECT_TRUE(found) << "corner " << i << "," << j;
        }
    // The right-handed slice axis always points along increasing slice position.
    EXPECT_GT(dot(g.axes[2], cross(g.axes[0], g.axes[1])), 0.999);
    // Values are real HU, exact, and the sphere is where it was put.
    const auto [volumeMm3, centroid] = sphereVolumeAndCentroid(v, 80);
    const double analytic = 4.0 / 3.0 * M_PI * 9 * 9 * 9;
    EXPECT_NEAR(volumeMm3, analytic, 0.05 * analytic);
    EXPECT_NEAR(centroid.x, 3, 0.15);
    EXPECT_NEAR(centroid.y, -4, 0.15);
    EXPECT_NEAR(centroid.z, 5, 0.15);
    const Vec3 idx = g.lpsToIndex({3, -4, 5});
    EXPECT_DOUBLE_EQ(v.at(std::lround(idx.x), std::lround(idx.y), std::lround(idx.z)), 80.0);
    EXPECT_DOUBLE_EQ(v.at(0, 0, 0), -1000.0);  // air outside the body cylinder
}

INSTANTIATE_TEST_SUITE_P(AllOrientations, OrientationRoundTrip, ::testing::ValuesIn(kOrientations),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(SeriesLoading, MissingFileLeavesABlankSliceAndAWarning) {
    SyntheticParams p;
    p.size = {32, 32, 10};
    p.spacingMm = {1, 1, 3};
    TempDir dir;
    auto files = writeSeries(makeSyntheticSeries(p), dir.path());
    ASSERT_TRUE(files.ok());
    std::filesystem::remove((*files)[4]);
    const Volume v = loadOnly(dir.path());
    ASSERT_TRUE(v.isVolume);
    EXPECT_EQ(v.geometry.size[2], 10u);
    EXPECT_NEAR(v.geometry.spacingMm.z, 3.0, 1e-9);
    EXPECT_TRUE(v.slices[4].path.empty());
    bool warned = false;
    for (const auto& w : v.warnings) warned = warned || w.find("missing slice") != std::string::npos;
    EXPECT_TRUE(warned);
}

TEST(SeriesLoading, GantryTiltIsResampledOntoTheTrueGrid) {
    // Acquire an axial stack on a gantry tilted 20 degrees: each slice plane is shifted along
    // P by tan(20) * 4 mm per slice. A sphere at a known LPS point must come out there.
    SyntheticParams p;
    p.size = {64, 64, 24};
    p.spacingMm = {1, 1, 4};
    p.sphereCentreLps = {0, 6, 4};
    p.sphereRadiusMm = 10;
    p.sphereValue = 100;
    SeriesSpec straight = makeSyntheticSeries(p);
    const VolumeGeometry& g = straight.geometry;
    const Vec3 shear{0, std::tan(20 * M_PI / 180) * 4, 0};
    SeriesSpec tilted = straight;
    for (std::size_t k = 0; k < g.size[2]; ++k) {
        const PointLps planeOrigin = g.indexToLps(0, 0, double(k)) + double(k) * shear;
        tilted.slicePositions.push_back(planeOrigin);
        for (std::size_t j = 0; j < g.size[1]; ++j)
            for (std::size_t i = 0; i < g.size[0]; ++i) {
                const PointLps x = planeOrigin + double(i) * g.axes[0] + double(j) * g.axes[1];
                const bool in = norm(x - p.sphereCentreLps) <= p.sphereRadiusMm;
                tilted.stored[i + 64 * (j + 64 * k)] = static_cast<int16_t>((in ? 100 : 0) + 1024);
            }
    }
    TempDir dir;
    ASSERT_TRUE(writeSeries(tilted, dir.path()).ok());
    const Volume v = loadOnly(dir.path());
    EXPECT_NEAR(v.tiltCorrectedDeg, 20.0, 1e-6);
    const auto [volumeMm3, centroid] = weightedVolumeAndCentroid(v, 100);
    EXPECT_NEAR(centroid.x, 0, 0.3);
    EXPECT_NEAR(centroid.y, 6, 0.3);
    EXPECT_NEAR(centroid.z, 4, 0.3);
    const double analytic = 4.0 / 3.0 * M_PI * 1000;
    EXPECT_NEAR(volumeMm3, analytic, 0.05 * analytic);
}

TEST(SeriesLoading, ProgressReportsEverySliceOnce) {
    SyntheticParams p;
    p.size = {16, 16, 12};
    TempDir dir;
    ASSERT_TRUE(writeSeries(makeSyntheticSeries(p), dir.path()).ok());
    std::string error;
    DicomIndex index = indexPath(dir.path(), {}, &error);
    std::vector<int> seen(12, 0);
    std::size_t last = 0;
    LoadOptions options;
    options.threads = 2;
    options.progress = [&](const LoadProgress& pr, const Volume&) {
        seen[pr.sliceJustLoaded]++;
        EXPECT_EQ(pr.slicesDone, last + 1);
        last = pr.slicesDone;
        EXPECT_EQ(pr.slicesTotal, 12u);
    };
    ASSERT_TRUE(loadVolume(*index.allStacks().front(), options).ok());
    for (int s : seen) EXPECT_EQ(s, 1);
}

TEST(SeriesLoading, WrittenFilesPassDciodvfy) {
    if (std::system("command -v dciodvfy >/dev/null 2>&1") != 0) GTEST_SKIP() << "dciodvfy not installed";
    for (const char* modality : {"CT", "MR"}) {
        SyntheticParams p;
        p.size = {16, 16, 2};
        p.modality = modality;
        TempDir dir;
        auto files = writeSeries(makeSyntheticSeries(p), dir.path());
        ASSERT_TRUE(files.ok());
        std::string out;
        mensura::test::runCommand("dciodvfy " + files->front() + " 2>&1", &out);
        EXPECT_EQ(out.find("Error"), std::string::npos) << modality << ":\n" << out;
    }
}

TEST(SeriesLoading, MonochromeOneKeepsValuesAndFlagsInvertedDisplay) {
    SyntheticParams p;
    p.size = {16, 16, 3};
    p.sphereRadiusMm = 2;
    SeriesSpec spec = makeSyntheticSeries(p);
    spec.photometric = "MONOCHROME1";
    TempDir dir;
    ASSERT_TRUE(writeSeries(spec, dir.path()).ok());
    const Volume v = loadOnly(dir.path());
    EXPECT_TRUE(v.invertedDisplay);
    EXPECT_DOUBLE_EQ(v.at(0, 0, 0), -1000.0);  // values are real values, not inverted
}

TEST(SeriesLoading, UnsignedValuesBeyondInt16LoadExactlyAsFloat) {
    SyntheticParams p;
    p.size = {8, 8, 3};
    p.modality = "MR";
    SeriesSpec spec = makeSyntheticSeries(p);
    spec.pixelSigned = false;
    spec.bitsStored = 16;
    spec.stored[5] = static_cast<int16_t>(static_cast<uint16_t>(60000));  // bit pattern of 60000
    TempDir dir;
    ASSERT_TRUE(writeSeries(spec, dir.path()).ok());
    const Volume v = loadOnly(dir.path());
    EXPECT_EQ(v.voxelType, VoxelType::Float32);
    EXPECT_DOUBLE_EQ(v.at(5), 60000.0);
}

TEST(SeriesLoading, CancelStopsTheLoadWithAnError) {
    SyntheticParams p;
    p.size = {16, 16, 6};
    TempDir dir;
    ASSERT_TRUE(writeSeries(makeSyntheticSeries(p), dir.path()).ok());
    std::string error;
    DicomIndex index = indexPath(dir.path(), {}, &error);
    std::atomic<bool> cancel{true};
    LoadOptions options;
    options.cancel = &cancel;
    auto v = loadVolume(*index.allStacks().front(), options);
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.error().message.find("cancelled"), std::string::npos);
}

TEST(Indexing, PickedFilesAndFoldersIndexAsOneSetEachFileOnce) {
    SyntheticParams p;
    p.size = {16, 16, 6};
    TempDir a, b;
    auto first = writeSeries(makeSyntheticSeries(p), a.path());
    p.seriesDescription = "second";
    auto second = writeSeries(makeSyntheticSeries(p), b.path());
    ASSERT_TRUE(first.ok() && second.ok());
    // Three files of the first series (one named twice) and the whole second folder.
    std::string error;
    const DicomIndex index = indexPaths({(*first)[0], (*first)[2], (*first)[4], (*first)[2], b.path()}, {}, &error);
    ASSERT_TRUE(error.empty()) << error;
    EXPECT_EQ(index.filesSeen, 9u);
    const auto stacks = index.allStacks();
    ASSERT_EQ(stacks.size(), 2u);
    std::size_t frames = 0;
    for (const auto* s : stacks) frames += s->frames.size();
    EXPECT_EQ(frames, 9u);
    EXPECT_EQ(index.root, std::filesystem::path((*first)[0]).parent_path().string());
    // A path that does not exist is named.
    indexPaths({(*first)[0], a.path() + "/nope.dcm"}, {}, &error);
    EXPECT_NE(error.find("nope.dcm: no such file or folder"), std::string::npos) << error;
}
