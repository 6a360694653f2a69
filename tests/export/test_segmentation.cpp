// DICOM SEG: write -> dciodvfy -> read back for Mensura's own masks; import of other tools' SEGs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "mensura/dicom-objects/Segmentation.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/VolumeLoader.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace mensura::imaging;
using mensura::test::runCommand;
using mensura::test::TempDir;

namespace {

const std::string kSamples = MENSURA_SAMPLE_DICOM;
const std::string kShared = MENSURA_SHARED_DICOM;

Volume loadFolder(const std::string& folder) {
    std::string error;
    const DicomIndex index = indexPath(folder, {}, &error);
    EXPECT_FALSE(index.allStacks().empty()) << folder;
    auto v = loadVolume(*index.allStacks().front());
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
    return std::move(*v);
}

// The voxels of v whose centres lie in an axis-aligned ellipsoid: a mask with a known shape.
LesionMask ellipsoidMask(const Volume& v, PointLps c, Vec3 semi) {
    const auto& g = v.geometry;
    LesionMask m;
    m.geometry = g;
    m.offset = {0, 0, 0};
    m.voxels.assign(g.voxelCount(), 0);
    for (std::size_t k = 0; k < g.size[2]; ++k)
        for (std::size_t j = 0; j < g.size[1]; ++j)
            for (std::size_t i = 0; i < g.size[0]; ++i) {
                const Vec3 d = g.indexToLps(double(i), double(j), double(k)) - c;
                if (std::pow(d.x / semi.x, 2) + std::pow(d.y / semi.y, 2) + std::pow(d.z / semi.z, 2) <= 1)
                    m.voxels[m.index(i, j, k)] = 1;
            }
    m.seriesInstanceUid = v.seriesInstanceUid;
    m.frameOfReferenceUid = v.frameOfReferenceUid;
    return m;
}

seg::SegmentDescription description(const std::string& label) {
    seg::SegmentDescription d;
    d.label = label;
    return d;
}

std::size_t count(const LesionMask& m) {
    std::size_t n = 0;
    for (auto v : m.voxels) n += v != 0;
    return n;
}

// How many frames a SEG holds, by dcmdump (an independent reader).
int framesByDcmdump(const std::string& path) {
    std::string out;
    runCommand("dcmdump +P NumberOfFrames '" + path + "' 2>/dev/null", &out);
    const auto open = out.find('['), close = out.find(']');
    return open == std::string::npos ? -1 : std::stoi(out.substr(open + 1, close - open - 1));
}

}  // namespace

TEST(Segmentation, WriteValidateAndReadBackOnTheSampleCt) {
    const std::string folder = kSamples + "/ccs_craniocervical/baseline/02_CT_NECK_C";
    const Volume ct = loadFolder(folder);
    // The lesion of the ground truth (40 AP x 47 LR x 34 SI mm at (27, 8, 10)) and a second,
    // overlapping segment: both must survive separately.
    seg::SegmentInput lesion{description("L1 left paraspinal mass"), ellipsoidMask(ct, {27, 8, 10}, {23.5, 20, 17})};
    lesion.description.trackingId = "L1";
    lesion.description.trackingUid = "2.25.1234567890";
    lesion.description.cieLab = {54000, 50000, 30000};
    seg::SegmentInput core{description("L1 enhancing core"), ellipsoidMask(ct, {27, 8, 10}, {14, 12, 10})};
    core.description.algorithmType = "MANUAL";
    core.description.algorithmName = "";
    TempDir dir;
    const std::string path = dir / "lesion_seg.dcm";
    auto written = seg::writeSegmentation(ct, {lesion, core}, path);
    ASSERT_TRUE(written.ok()) << written.error().message;

    if (std::system("command -v dciodvfy >/dev/null 2>&1") == 0) {
        std::string out;
        runCommand("dciodvfy '" + path + "' 2>&1", &out);
        EXPECT_EQ(out.find("Error"), std::string::npos) << out;
    }

    auto read = seg::readSegmentation(path);
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(read->frameOfReferenceUid, ct.frameOfReferenceUid);
    EXPECT_EQ(read->referencedSeriesInstanceUid, ct.seriesInstanceUid);
    EXPECT_FALSE(read->fractional);
    ASSERT_EQ(read->segments.size(), 2u);
    EXPECT_EQ(read->segments[0].description.label, "L1 left paraspinal mass");
    EXPECT_EQ(read->segments[0].description.trackingId, "L1");
    EXPECT_EQ(read->segments[0].description.trackingUid, "2.25.1234567890");
    EXPECT_EQ(read->segments[0].description.type.value, "108369006");
    EXPECT_EQ(framesByDcmdump(path), int(read->segments[0].frames.size() + read->segments[1].frames.size()));
    // Every frame names the CT slice it was drawn on.
    for (const auto& f : read->segments[0].frames) {
        const long k = std::lround(ct.geometry.lpsToIndex(f.positionLps).z);
        EXPECT_EQ(f.sourceSopInstanceUid, ct.slices[std::size_t(k)].sopInstanceUid);
    }
    for (int s = 0; s < 2; ++s) {
        auto mask = seg::segmentToMask(*read, read->segments[s], ct);
        ASSERT_TRUE(mask.ok()) << mask.error().message;
        const LesionMask& original = s == 0 ? lesion.mask : core.mask;
        EXPECT_EQ(count(*mask), count(original));
        std::size_t differ = 0;
        for (std::size_t k = 0; k < mask->geometry.size[2]; ++k)
            for (std::size_t j = 0; j < mask->geometry.size[1]; ++j)
                for (std::size_t i = 0; i < mask->geometry.size[0]; ++i)
                    differ += mask->inside(i, j, k) !=
                              original.inside(i + mask->offset[0], j + mask->offset[1], k + mask->offset[2]);
        EXPECT_EQ(differ, 0u);
    }
}

TEST(Segmentation, RefusesWhatItCannotWrite) {
    const Volume ct = loadFolder(kSamples + "/ccs_craniocervical/baseline/02_CT_NECK_C");
    TempDir dir;
    seg::SegmentInput empty{description("nothing"), ellipsoidMask(ct, {500, 500, 500}, {1, 1, 1})};
    auto r = seg::writeSegmentation(ct, {empty}, dir / "x.dcm");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("empty"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir / "x.dcm"));
    auto other = empty;
    other.mask = ellipsoidMask(ct, {27, 8, 10}, {5, 5, 5});
    other.mask.seriesInstanceUid = "1.2.3";
    r = seg::writeSegmentation(ct, {other}, dir / "y.dcm");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("drawn on series"), std::string::npos);
}

TEST(SegmentationImport, DcmqiLiverSegOnItsCt) {
    const std::string dir = kShared + "/seg_sr_dcmqi/segmentations";
    if (!fs::exists(dir)) GTEST_SKIP() << dir << " is absent";
    const Volume ct = loadFolder(dir + "/ct-3slice");
    for (const char* name : {"liver.dcm", "partial_overlaps.dcm"}) {
        auto seg = seg::readSegmentation(dir + "/" + name);
        ASSERT_TRUE(seg.ok()) << seg.error().message;
        std::size_t frames = 0;
        for (const auto& s : seg->segments) frames += s.frames.size();
        EXPECT_EQ(int(frames), framesByDcmdump(dir + "/" + name)) << name;
        for (const auto& s : seg->segments) {
            if (s.frames.empty()) continue;
            // On the CT grid, no set pixel is lost: the mask holds every set pixel of the frames.
            std::size_t setPixels = 0;
            for (const auto& f : s.frames)
                for (float v : f.values) setPixels += v >= 0.5f;
            auto mask = seg::segmentToMask(*seg, s, ct);
            ASSERT_TRUE(mask.ok()) << mask.error().message;
            EXPECT_EQ(count(*mask), setPixels) << name << " segment " << s.number;
        }
    }
}

TEST(SegmentationImport, HighdicomBinaryOverlappingAndFractional) {
    const std::string dir = kShared + "/seg_sr_highdicom_fixtures";
    if (!fs::exists(dir)) GTEST_SKIP() << dir << " is absent";
    for (const char* name :
         {"seg_image_ct_binary.dcm", "seg_image_ct_binary_overlap.dcm", "seg_image_ct_binary_fractional.dcm",
          "seg_image_ct_true_fractional.dcm", "seg_image_ct_binary_single_frame.dcm"}) {
        auto seg = seg::readSegmentation(dir + "/" + name);
        ASSERT_TRUE(seg.ok()) << seg.error().message;
        std::size_t frames = 0;
        for (const auto& s : seg->segments) {
            frames += s.frames.size();
            for (const auto& f : s.frames)
                for (float v : f.values) ASSERT_TRUE(v >= 0.0f && v <= 1.0f) << name;
        }
        EXPECT_EQ(int(frames), framesByDcmdump(dir + "/" + name)) << name;
        EXPECT_EQ(seg->fractional, std::string(name).find("fractional") != std::string::npos) << name;
    }
    auto overlap = seg::readSegmentation(dir + "/seg_image_ct_binary_overlap.dcm");
    ASSERT_TRUE(overlap.ok());
    EXPECT_GE(overlap->segments.size(), 2u);
    // A label map SEG on a microscopy slide: refused, by name.
    auto labelmap = seg::readSegmentation(dir + "/seg_image_sm_control_labelmap_palette_color.dcm");
    ASSERT_FALSE(labelmap.ok());
    EXPECT_NE(labelmap.error().message.find("seg_image_sm_control_labelmap_palette_color.dcm"), std::string::npos);
}

// Issue 28, item 8: NumberOfFrames 0 made the SEG reader crash inside dcmseg. Each header that
// does not describe its frames is now refused with the tag named, and a valid SEG still reads.
TEST(SegmentationImport, HeadersThatDoNotDescribeTheirFramesAreRefused) {
    if (runCommand("command -v dcmodify >/dev/null") != 0) FAIL() << "dcmodify (DCMTK's tools) is not installed";
    const Volume ct = loadFolder(kSamples + "/ccs_craniocervical/baseline/02_CT_NECK_C");
    seg::SegmentInput lesion{description("L1"), ellipsoidMask(ct, {27, 8, 10}, {23.5, 20, 17})};
    TempDir dir;
    const std::string good = dir / "good.dcm";
    ASSERT_TRUE(seg::writeSegmentation(ct, {lesion}, good).ok());
    ASSERT_TRUE(seg::readSegmentation(good).ok());
    const std::pair<const char*, const char*> mutations[] = {
        {"(0028,0008)=0", "NumberOfFrames (0028,0008)"}, {"(0028,0008)=-3", "NumberOfFrames (0028,0008)"},
        {"(0028,0008)=x", "NumberOfFrames (0028,0008)"}, {"(0028,0008)=99999", "PixelData (7FE0,0010) holds"},
        {"(0028,0010)=0", "Rows (0028,0010)"},
    };
    for (const auto& [assignment, reason] : mutations) {
        const std::string bad = dir / "bad.dcm";
        fs::copy_file(good, bad, fs::copy_options::overwrite_existing);
        ASSERT_EQ(runCommand(std::string("dcmodify -nb -m '") + assignment + "' '" + bad + "' 2>&1"), 0) << assignment;
        auto r = seg::readSegmentation(bad);
        ASSERT_FALSE(r.ok()) << assignment;
        EXPECT_NE(r.error().message.find(reason), std::string::npos) << assignment << ": " << r.error().message;
    }
}
