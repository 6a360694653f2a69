#include <gtest/gtest.h>

#include "mensura/dicom/DicomIndex.h"

using namespace mensura::imaging;

namespace {

FrameHeader frame(const std::string& path, double z, int instance) {
    FrameHeader f;
    f.path = path;
    f.sopInstanceUid = "1.2.3." + path;
    f.seriesInstanceUid = "1.2.3";
    f.rows = 8;
    f.columns = 8;
    f.bitsAllocated = 16;
    f.instanceNumber = instance;
    f.positionLps = Vec3{0, 0, z};
    f.orientation = std::make_pair(Vec3{1, 0, 0}, Vec3{0, 1, 0});
    f.pixelSpacing = std::make_pair(1.0, 1.0);
    return f;
}

}  // namespace

TEST(SeriesSplitter, OneGeometryStaysOneStack) {
    auto parts = splitSeries({frame("a", 0, 1), frame("b", 1, 2), frame("c", 2, 3)});
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].stackId, "1.2.3");
    EXPECT_TRUE(parts[0].splitReason.empty());
}

TEST(SeriesSplitter, MixedOrientationsSplitWithReason) {
    auto sag = frame("d", 0, 4);
    sag.orientation = std::make_pair(Vec3{0, 1, 0}, Vec3{0, 0, -1});
    auto sag2 = frame("e", 0, 5);
    sag2.orientation = sag.orientation;
    sag2.positionLps = Vec3{3, 0, 0};
    auto parts = splitSeries({frame("a", 0, 1), frame("b", 1, 2), sag, sag2});
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].frames.size(), 2u);
    EXPECT_EQ(parts[1].frames.size(), 2u);
    EXPECT_NE(parts[1].splitReason.find("ImageOrientationPatient differs"), std::string::npos);
    EXPECT_EQ(parts[0].stackId, "1.2.3#1");
    EXPECT_EQ(parts[1].stackId, "1.2.3#2");
}

TEST(SeriesSplitter, DifferentMatrixSplits) {
    auto big = frame("c", 0, 3);
    big.rows = 16;
    auto parts = splitSeries({frame("a", 0, 1), frame("b", 1, 2), big});
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_NE(parts[1].splitReason.find("matrix differs"), std::string::npos);
}

TEST(SeriesSplitter, MultiEchoSplitsByEchoNumber) {
    std::vector<FrameHeader> frames;
    for (int echo = 1; echo <= 2; ++echo)
        for (int z = 0; z < 3; ++z) {
            auto f = frame("e" + std::to_string(echo) + "z" + std::to_string(z), z, echo * 10 + z);
            f.echoNumber = std::to_string(echo);
            frames.push_back(f);
        }
    auto parts = splitSeries(frames);
    ASSERT_EQ(parts.size(), 2u);
    for (const auto& p : parts) {
        EXPECT_EQ(p.frames.size(), 3u);
        EXPECT_NE(p.splitReason.find("EchoNumbers"), std::string::npos);
    }
    EXPECT_EQ(parts[0].frames[0].echoNumber, "1");
}

TEST(SeriesSplitter, RepeatedPositionsWithoutAttributesSplitByInstanceOrder) {
    std::vector<FrameHeader> frames;
    for (int t = 0; t < 2; ++t)
        for (int z = 0; z < 3; ++z)
            frames.push_back(frame("t" + std::to_string(t) + "z" + std::to_string(z), z, t * 3 + z + 1));
    auto parts = splitSeries(frames);
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_NE(parts[0].splitReason.find("InstanceNumber order"), std::string::npos);
    for (const auto& f : parts[0].frames) EXPECT_EQ(f.path.substr(0, 2), "t0");
}

TEST(SeriesSplitter, DuplicateSopInstanceIsReportedAndDropped) {
    auto copy = frame("a", 0, 1);
    copy.path = "copy-of-a";
    auto parts = splitSeries({frame("a", 0, 1), frame("b", 1, 2), copy});
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].frames.size(), 2u);
    ASSERT_EQ(parts[0].warnings.size(), 1u);
    EXPECT_NE(parts[0].warnings[0].find("copy-of-a"), std::string::npos);
}

TEST(SeriesSplitter, OneExtraSliceAtARepeatedPositionIsADuplicate) {
    // 4 positions, one of them twice with a different SOP UID (a re-sent slice).
    auto again = frame("b2", 1, 9);
    auto parts = splitSeries({frame("a", 0, 1), frame("b", 1, 2), frame("c", 2, 3), frame("d", 3, 4), again});
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].frames.size(), 4u);
    ASSERT_EQ(parts[0].warnings.size(), 1u);
    EXPECT_NE(parts[0].warnings[0].find("b2"), std::string::npos);
}

TEST(BuildIndex, GroupsPatientsStudiesSeries) {
    auto a = frame("a", 0, 1), b = frame("b", 1, 2), c = frame("c", 0, 1);
    a.patientId = b.patientId = "P1";
    c.patientId = "P2";
    a.studyInstanceUid = b.studyInstanceUid = "S1";
    c.studyInstanceUid = "S2";
    c.seriesInstanceUid = "9.9";
    DicomIndex idx = buildIndex({a, c, b}, {{"junk.txt", "not DICOM"}});
    ASSERT_EQ(idx.patients.size(), 2u);
    EXPECT_EQ(idx.patients[0].patientId, "P1");
    ASSERT_EQ(idx.patients[0].studies.size(), 1u);
    EXPECT_EQ(idx.patients[0].studies[0].series[0].frames.size(), 2u);
    EXPECT_EQ(idx.allStacks().size(), 2u);
    EXPECT_NE(idx.findStack("9.9"), nullptr);
    EXPECT_EQ(idx.problems.size(), 1u);
}
