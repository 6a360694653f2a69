#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "mensura/dicom/StackLayout.h"

using namespace mensura::imaging;

namespace {

// Frames of an axial stack at the given z positions, listed in the order given.
std::vector<FrameHeader> axialFrames(const std::vector<double>& z, Vec3 shearPerMm = {}) {
    std::vector<FrameHeader> out;
    for (std::size_t n = 0; n < z.size(); ++n) {
        FrameHeader f;
        f.path = "slice" + std::to_string(n);
        f.rows = 4;
        f.columns = 5;
        f.positionLps = Vec3{-10, -20, 0} + (z[n] - z.front()) * shearPerMm + Vec3{0, 0, z[n]};
        f.orientation = std::make_pair(Vec3{1, 0, 0}, Vec3{0, 1, 0});
        f.pixelSpacing = std::make_pair(0.5, 0.6);
        f.pixelSpacingSource = "PixelSpacing (0028,0030)";
        out.push_back(f);
    }
    return out;
}

}  // namespace

TEST(StackLayout, SortsByPositionNotByFileOrder) {
    std::vector<double> z{0, 2.5, 5, 7.5, 10, 12.5, 15};
    std::mt19937 rng(7);
    std::shuffle(z.begin(), z.end(), rng);
    const auto frames = axialFrames(z);
    const StackLayout l = analyseStack(frames);
    ASSERT_TRUE(l.isVolume) << l.notVolumeReason;
    EXPECT_TRUE(l.warnings.empty());
    ASSERT_EQ(l.sliceToFrame.size(), 7u);
    for (std::size_t k = 0; k < 7; ++k) EXPECT_NEAR(frames[l.sliceToFrame[k]].positionLps->z, 2.5 * k, 1e-12);
    EXPECT_NEAR(l.geometry.spacingMm.z, 2.5, 1e-12);
    EXPECT_NEAR(l.geometry.spacingMm.x, 0.5, 1e-12);  // between columns
    EXPECT_NEAR(l.geometry.spacingMm.y, 0.6, 1e-12);  // between rows
    EXPECT_NEAR(l.geometry.originLps.z, 0.0, 1e-12);
    EXPECT_EQ(l.geometry.size[2], 7u);
}

TEST(StackLayout, DescendingPositionsGiveTheSameVolume) {
    const StackLayout l = analyseStack(axialFrames({20, 15, 10, 5, 0}));
    ASSERT_TRUE(l.isVolume);
    EXPECT_NEAR(l.geometry.originLps.z, 0.0, 1e-12);
    EXPECT_NEAR(l.geometry.axes[2].z, 1.0, 1e-12);
}

TEST(StackLayout, MissingSliceIsFilledSoDistancesStayTrue) {
    // 3 mm steps with the slice at 9 mm missing.
    const StackLayout l = analyseStack(axialFrames({0, 3, 6, 12, 15}));
    ASSERT_TRUE(l.isVolume) << l.notVolumeReason;
    ASSERT_EQ(l.sliceToFrame.size(), 6u);
    EXPECT_EQ(l.sliceToFrame[3], -1);
    EXPECT_NEAR(l.geometry.spacingMm.z, 3.0, 1e-12);
    ASSERT_EQ(l.warnings.size(), 1u);
    EXPECT_NE(l.warnings[0].find("missing slice"), std::string::npos);
    // The last slice sits where its position says.
    EXPECT_NEAR(l.geometry.indexToLps(0, 0, 5).z, 15.0, 1e-12);
}

TEST(StackLayout, UnevenStepsAreRefusedAsAVolumeWithTheReason) {
    const StackLayout l = analyseStack(axialFrames({0, 3, 6, 10.5, 13.5}));
    EXPECT_FALSE(l.isVolume);
    EXPECT_NE(l.notVolumeReason.find("non-uniform slice spacing"), std::string::npos);
    EXPECT_NE(l.notVolumeReason.find("slice2"), std::string::npos);  // names the files
}

TEST(StackLayout, AllAtOnePositionOpensAs2D) {
    const StackLayout l = analyseStack(axialFrames({4, 4, 4, 4}));
    EXPECT_FALSE(l.isVolume);
    EXPECT_NE(l.notVolumeReason.find("one position"), std::string::npos);
    EXPECT_EQ(l.geometry.size[2], 4u);
}

TEST(StackLayout, SingleImageOpensAs2D) {
    const StackLayout l = analyseStack(axialFrames({4}));
    EXPECT_FALSE(l.isVolume);
    EXPECT_EQ(l.geometry.size[2], 1u);
}

TEST(StackLayout, GantryTiltIsMeasured) {
    // Positions step 5 mm along z and tan(15 deg) * 5 mm along y: a 15-degree tilt.
    const double t = std::tan(15 * M_PI / 180);
    const StackLayout l = analyseStack(axialFrames({0, 5, 10, 15}, Vec3{0, t, 0}));
    ASSERT_TRUE(l.isVolume) << l.notVolumeReason;
    EXPECT_NEAR(l.tiltDeg, 15.0, 1e-9);
    EXPECT_NEAR(l.shearStepLps.y, 5 * t, 1e-9);
    EXPECT_NEAR(l.geometry.spacingMm.z, 5.0, 1e-9);
    ASSERT_FALSE(l.warnings.empty());
    EXPECT_NE(l.warnings.back().find("gantry tilt"), std::string::npos);
}

TEST(StackLayout, MissingPixelSpacingMeansPixels) {
    auto frames = axialFrames({0, 1, 2});
    for (auto& f : frames) f.pixelSpacing.reset();
    const StackLayout l = analyseStack(frames);
    EXPECT_FALSE(l.spacingKnown);
    EXPECT_NE(l.warnings.front().find("pixels"), std::string::npos);
}

TEST(StackLayout, AGapWiderThanTheBlankSlicesAVolumeMayHaveIsDecidedAtOnce) {
    // 1 mm steps and one slice 900 m away: 899,990 blank slices would be needed. Refused as a
    // volume with the gap named, without counting or filling them; so for every far slice.
    for (double far : {12.0 + 3, 1e3, 9e5}) {
        std::vector<double> z;
        for (int k = 0; k < 12; ++k) z.push_back(k);
        z.push_back(11 + far);
        const StackLayout l = analyseStack(axialFrames(z));
        EXPECT_FALSE(l.isVolume) << far;
        EXPECT_NE(l.notVolumeReason.find("blank slices"), std::string::npos) << far << ": " << l.notVolumeReason;
        EXPECT_NE(l.notVolumeReason.find("slice12"), std::string::npos) << l.notVolumeReason;
    }
    // Two missing slices among twelve are still filled.
    std::vector<double> z;
    for (int k = 0; k < 12; ++k) z.push_back(k);
    z.push_back(14);
    const StackLayout l = analyseStack(axialFrames(z));
    ASSERT_TRUE(l.isVolume) << l.notVolumeReason;
    EXPECT_EQ(l.sliceToFrame.size(), 15u);
}
