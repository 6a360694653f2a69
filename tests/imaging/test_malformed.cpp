// Malformed and unusual files give clear errors naming the file, never a crash or a hang.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "mensura/dicom/DicomHeaderReader.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/IndexJson.h"
#include "mensura/dicom/VolumeLoader.h"

namespace fs = std::filesystem;
using namespace mensura::imaging;

namespace {

const std::string kShared = MENSURA_SHARED_DICOM;

// One file as its own series: the index step for a single path.
Result<Volume> loadFile(const std::string& path) {
    auto h = readFrameHeaders(path);
    if (!h) return h.error();
    return loadVolume(*buildIndex(*h, {}).allStacks().front());
}

std::size_t differingVoxels(const Volume& a, const Volume& b) {
    std::size_t differ = 0;
    for (std::size_t i = 0; i < a.geometry.voxelCount(); ++i) differ += a.at(i) != b.at(i);
    return differ;
}

}  // namespace

TEST(Malformed, EveryPydicomTestFileIndexesAndLoadsWithoutCrashing) {
    const std::string root = kShared + "/edge_pydicom";
    if (!fs::exists(root)) GTEST_SKIP() << root << " is absent";
    std::string error;
    const DicomIndex index = indexPath(root, {}, &error);
    ASSERT_TRUE(error.empty()) << error;
    EXPECT_GT(index.filesSeen, 100u);
    for (const auto& p : index.problems) {
        EXPECT_FALSE(p.reason.empty()) << p.path;
    }
    std::size_t loaded = 0, failed = 0;
    for (const SeriesStack* s : index.allStacks()) {
        auto v = loadVolume(*s);
        if (v) {
            ++loaded;
            EXPECT_EQ(v->geometry.voxelCount(), v->voxelBytes() / (v->voxelType == VoxelType::Int16 ? 2 : 4));
        } else {
            ++failed;
            // The message names a file of the series.
            bool names = false;
            for (const auto& f : s->frames) names = names || v.error().message.find(f.path) != std::string::npos;
            EXPECT_TRUE(names) << v.error().message;
        }
    }
    EXPECT_GT(loaded, 10u);
    // Names in every character set (some DCMTK cannot convert) still make valid JSON.
    const std::string text = jsonText(indexToJson(index));
    EXPECT_TRUE(nlohmann::json::accept(text));
    std::cout << "edge_pydicom: " << index.problems.size() << " problem files, " << loaded << " series loaded, "
              << failed << " refused with a message\n";
}

TEST(Malformed, SpecificFilesGiveSpecificReasons) {
    const std::string dir = kShared + "/edge_pydicom/test_files/";
    if (!fs::exists(dir)) GTEST_SKIP() << dir << " is absent";
    struct Expect {
        const char* file;
        const char* reason;
    };
    for (const Expect& e :
         {Expect{"zipMR.gz", "not DICOM"}, Expect{"MR_truncated.dcm", ""}, Expect{"rtplan_truncated.dcm", ""}}) {
        const std::string path = dir + e.file;
        if (!fs::exists(path)) continue;
        auto r = readFrameHeaders(path);
        if (r.ok()) {
            // A truncated file whose header survives must then fail at pixel loading.
            auto v = loadFile(path);
            ASSERT_FALSE(v.ok()) << path << " loaded although truncated";
            EXPECT_NE(v.error().message.find(path), std::string::npos);
        } else {
            EXPECT_NE(r.error().message.find(path), std::string::npos);
            EXPECT_NE(r.error().message.find(e.reason), std::string::npos) << r.error().message;
        }
    }
}

TEST(TransferSyntaxes, EveryLosslessSyntaxDecodesTheSameImage) {
    // One Siemens MR slice in 9 transfer syntaxes: all lossless, so every decodable copy must
    // equal the uncompressed reference voxel for voxel (JPEG 2000 through GDCM, the rest DCMTK).
    const std::string dir = kShared + "/edge_transfer_syntaxes/dcm_qa_ts_siemens_mr_slice/In";
    if (!fs::exists(dir)) GTEST_SKIP() << dir << " is absent";
    auto ref = loadFile(dir + "/1.dcm");
    ASSERT_TRUE(ref.ok()) << ref.error().message;
    for (int n = 2; n <= 9; ++n) {
        const std::string path = dir + "/" + std::to_string(n) + ".dcm";
        if (!fs::exists(path)) continue;
        auto v = loadFile(path);
        const std::string ts = readFrameHeaders(path)->front().transferSyntaxUid;
        ASSERT_TRUE(v.ok()) << path << ": " << v.error().message;
        ASSERT_EQ(v->geometry.voxelCount(), ref->geometry.voxelCount());
        EXPECT_EQ(differingVoxels(*v, *ref), 0u) << path << " (" << ts << ")";
    }
}

TEST(TransferSyntaxes, OneCtImageInEveryLosslessSyntaxGivesIdenticalHu) {
    const std::string dir = kShared + "/edge_transfer_syntaxes/cornerstone_CTImage/";
    if (!fs::exists(dir)) GTEST_SKIP() << dir << " is absent";
    auto ref = loadFile(dir + "CTImage.dcm");
    ASSERT_TRUE(ref.ok()) << ref.error().message;
    EXPECT_DOUBLE_EQ(ref->valueRange().first, -3024.0);
    int checked = 0;
    for (const char* ts : {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99",
                           "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80",
                           "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.5"}) {
        for (const auto& e : fs::directory_iterator(dir)) {
            const std::string name = e.path().filename().string();
            if (name.size() < std::strlen(ts) + 4 ||
                name.compare(name.size() - std::strlen(ts) - 4, std::string::npos, std::string(ts) + ".dcm") != 0)
                continue;
            auto v = loadFile(e.path().string());
            ASSERT_TRUE(v.ok()) << v.error().message;
            EXPECT_EQ(differingVoxels(*v, *ref), 0u) << name;
            ++checked;
        }
    }
    EXPECT_EQ(checked, 9);
}
