// Headers no patient image has (issue 28: NaN rescale, absurd spacing and positions) are refused
// with the file and the tag named; the rest of the series still loads, with the gap flagged.
// The files are real DICOM written by Mensura and edited with DCMTK's dcmodify.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "mensura/core/MemoryBudget.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/VolumeLoader.h"
#include "mensura/testing/SyntheticSeries.h"
#include "support/TempDir.h"

using namespace mensura::imaging;
using mensura::test::runCommand;
using mensura::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> writeSeries10(const std::string& folder) {
    SyntheticParams p;
    p.size = {16, 16, 10};
    p.spacingMm = {1, 1, 2};
    p.sphereRadiusMm = 4;
    EXPECT_TRUE(writeSeries(makeSyntheticSeries(p), folder).ok());
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(folder)) files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

void modify(const std::string& file, const std::string& assignment) {
    ASSERT_EQ(runCommand("dcmodify -nb -m '" + assignment + "' '" + file + "' 2>&1"), 0) << assignment;
}

nlohmann::json cli(const std::string& args, int* status = nullptr) {
    std::string out;
    const int s = runCommand(std::string(MENSURA_CLI) + " " + args, &out);
    if (status) *status = s;
    return nlohmann::json::parse(out, nullptr, false);
}

// The reason index gives for file, or "" when it is not a problem file.
std::string problemReason(const nlohmann::json& index, const std::string& file) {
    for (const auto& p : index["problemFiles"])
        if (fs::path(p["path"].get<std::string>()).filename() == fs::path(file).filename()) return p["reason"];
    return {};
}

struct Mutation {
    const char* name;
    const char* assignment;
    const char* tagNamed;
};
void PrintTo(const Mutation& m, std::ostream* os) { *os << m.name; }

class ImplausibleSlice : public ::testing::TestWithParam<Mutation> {};

TEST_P(ImplausibleSlice, IsAProblemFileAndTheSeriesLoadsWithTheGapFlagged) {
    if (runCommand("command -v dcmodify >/dev/null") != 0) FAIL() << "dcmodify (DCMTK's tools) is not installed";
    TempDir dir;
    const auto files = writeSeries10(dir / "s");
    ASSERT_EQ(files.size(), 10u);
    // One slice in the middle of the stack (not the first or last by position: the writer names
    // files in slice order).
    const std::string bad = files[4];
    modify(bad, GetParam().assignment);
    const auto index = cli("index " + std::string(dir / "s") + " --json");
    ASSERT_TRUE(index.is_object());
    const std::string reason = problemReason(index, bad);
    EXPECT_NE(reason.find(GetParam().tagNamed), std::string::npos) << "reason: '" << reason << "'";
    int status = 0;
    const auto info = cli("info " + std::string(dir / "s") + " --json", &status);
    ASSERT_TRUE(info.is_object());
    ASSERT_EQ(status, 0);
    const auto& s = info["series"][0];
    EXPECT_EQ(s["slices"], 10);  // the slice's place is kept, blank
    EXPECT_TRUE(std::isfinite(s["min"].get<double>()));
    EXPECT_TRUE(std::isfinite(s["max"].get<double>()));
    bool gapFlagged = false;
    for (const auto& w : s["warnings"]) gapFlagged |= w.get<std::string>().find("missing slice") != std::string::npos;
    EXPECT_TRUE(gapFlagged) << s["warnings"].dump();
}

const Mutation kMutations[] = {
    {"NaNSlope", "(0028,1053)=NaN", "RescaleSlope (0028,1053)"},
    {"InfiniteIntercept", "(0028,1052)=-inf", "RescaleIntercept (0028,1052)"},
    {"PositionBeyondAKilometre", "(0020,0032)=0\\0\\1e30", "ImagePositionPatient (0020,0032)"},
    {"NaNPosition", "(0020,0032)=nan\\0\\4", "ImagePositionPatient (0020,0032)"},
    {"SpacingOfAKilometre", "(0028,0030)=1e6\\1e6", "PixelSpacing (0028,0030)"},
    {"NaNOrientation", "(0020,0037)=1\\0\\0\\0\\nan\\0", "ImageOrientationPatient (0020,0037)"},
};
INSTANTIATE_TEST_SUITE_P(Mutations, ImplausibleSlice, ::testing::ValuesIn(kMutations),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ImplausibleSeries, EverySliceWithAnAbsurdSpacingLeavesNoSeries) {
    TempDir dir;
    const auto files = writeSeries10(dir / "s");
    for (const auto& f : files) modify(f, "(0028,0030)=1e30\\1e30");
    const auto index = cli("index " + std::string(dir / "s") + " --json");
    ASSERT_TRUE(index.is_object());
    EXPECT_EQ(index["problemFiles"].size(), 10u);
    EXPECT_TRUE(index["patients"].empty());
}

}  // namespace

namespace {

// Rows and Columns of 65535 over 512 bytes of pixels (issue 28, items 7 and 15): a problem file
// naming both lengths, found at indexing, before any codec or allocation.
TEST(ImplausibleSeries, AHeaderClaimingMorePixelsThanItHoldsIsRefusedAtIndexing) {
    TempDir dir;
    const auto files = writeSeries10(dir / "s");
    for (const auto& f : files) modify(f, "(0028,0010)=65535");
    modify(files[0], "(0028,0011)=65535");
    const auto index = cli("index " + std::string(dir / "s") + " --json");
    ASSERT_TRUE(index.is_object());
    EXPECT_EQ(index["problemFiles"].size(), 10u);
    const std::string reason = problemReason(index, files[0]);
    EXPECT_NE(reason.find("PixelData (7FE0,0010) holds 512 bytes"), std::string::npos) << reason;
    EXPECT_NE(reason.find("65535 x 65535 x 1"), std::string::npos) << reason;
    EXPECT_NE(reason.find("need 8589672450"), std::string::npos) << reason;  // 65535 x 65535 x 2 bytes
}

// The memory budget is checked before the voxels are allocated, and the refusal states the bytes.
TEST(ImplausibleSeries, ASeriesLargerThanTheMemoryBudgetIsRefusedWithItsSize) {
    TempDir dir;
    writeSeries10(dir / "s");
    std::string error;
    const DicomIndex index = indexPath(dir / "s", {}, &error);
    ASSERT_EQ(index.allStacks().size(), 1u) << error;
    const SeriesStack& stack = *index.allStacks().front();
    LoadOptions tight;
    tight.memoryBudgetBytes = 16 * 16 * 10 * 2 - 1;  // one byte short of 16 x 16 x 10 int16 voxels
    auto refused = loadVolume(stack, tight);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("need 5120 bytes (16 x 16 x 10 x 2)"), std::string::npos)
        << refused.error().message;
    LoadOptions enough;
    enough.memoryBudgetBytes = 16 * 16 * 10 * 2;
    EXPECT_TRUE(loadVolume(stack, enough).ok());
    EXPECT_GT(availableMemoryBytes(), std::uint64_t(64) << 20);  // this machine has more than 64 MB free
}

}  // namespace

namespace {

// Issue 28, item 12: entries that are not regular files are listed with the reason, never read
// (a FIFO would block, /dev/zero never ends), and the series beside them still loads.
TEST(FolderEntries, FifosDevicesAndDanglingLinksAreProblemFilesNotSilence) {
    TempDir dir;
    writeSeries10(dir / "s");
    ASSERT_EQ(::mkfifo((dir / "s/pipe").c_str(), 0600), 0);
    fs::create_symlink("/nonexistent/target.dcm", dir / "s/dangling.dcm");
    fs::create_symlink("/dev/zero", dir / "s/zero.dcm");
    const auto index = cli("index " + std::string(dir / "s") + " --json");
    ASSERT_TRUE(index.is_object());
    EXPECT_NE(problemReason(index, "pipe").find("a FIFO (named pipe)"), std::string::npos) << index.dump();
    EXPECT_NE(problemReason(index, "dangling.dcm").find("/nonexistent/target.dcm, which does not exist"),
              std::string::npos)
        << index.dump();
    EXPECT_NE(problemReason(index, "zero.dcm").find("a device"), std::string::npos) << index.dump();
    EXPECT_EQ(index["patients"][0]["studies"][0]["series"][0]["instanceCount"], 10);
    // Named on the command line, a FIFO is refused at once with the reason.
    int status = 0;
    std::string out;
    status = runCommand(std::string(MENSURA_CLI) + " index '" + (dir / "s/pipe") + "' 2>&1", &out);
    EXPECT_NE(status, 0);
    EXPECT_NE(out.find("a FIFO (named pipe)"), std::string::npos) << out;
}

}  // namespace
