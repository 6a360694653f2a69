// mensura-cli as a user runs it: JSON contracts, exit codes, and no partial output files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "mensura/testing/SyntheticSeries.h"
#include "support/TempDir.h"

using namespace mensura::imaging;
using mensura::test::runCommand;
using mensura::test::TempDir;

namespace {

void writeSample(const std::string& folder) {
    SyntheticParams p;
    p.size = {32, 24, 8};
    p.spacingMm = {0.5, 0.5, 2.0};
    p.axes = {Vec3{0, 1, 0}, Vec3{0, 0, -1}, Vec3{-1, 0, 0}};  // sagittal
    p.sphereRadiusMm = 2;
    ASSERT_TRUE(writeSeries(makeSyntheticSeries(p), folder).ok());
}

}  // namespace

TEST(Cli, InfoPrintsTheGeometryContract) {
    TempDir dir;
    writeSample(dir / "series");
    std::string out;
    ASSERT_EQ(runCommand(std::string(MENSURA_CLI) + " info " + dir.path() + " --json", &out), 0);
    const auto j = nlohmann::json::parse(out);
    ASSERT_EQ(j["series"].size(), 1u);
    const auto& s = j["series"][0];
    for (const char* key : {"seriesInstanceUid", "modality", "description", "rows", "columns", "slices", "spacingMm",
                            "originLps", "directionLps", "orientation", "valueUnit", "min", "max", "warnings"})
        EXPECT_TRUE(s.contains(key)) << key;
    EXPECT_EQ(s["rows"], 24);
    EXPECT_EQ(s["columns"], 32);
    EXPECT_EQ(s["slices"], 8);
    EXPECT_EQ(s["orientation"], "sagittal");
    EXPECT_EQ(s["valueUnit"], "HU");
    EXPECT_NEAR(s["spacingMm"][2].get<double>(), 2.0, 1e-9);
    // Column 0 of directionLps is the row direction (+P): rows are [x..], [y..], [z..].
    EXPECT_NEAR(s["directionLps"][1][0].get<double>(), 1.0, 1e-9);
    EXPECT_NEAR(s["directionLps"][2][1].get<double>(), -1.0, 1e-9);
    EXPECT_NEAR(s["min"].get<double>(), -1000.0, 1e-9);
}

TEST(Cli, IndexReportsProblemFilesWithoutFailing) {
    TempDir dir;
    writeSample(dir / "series");
    std::ofstream(dir / "notes.txt") << "not a DICOM file";
    std::ofstream(dir / "empty.dcm");
    std::string out;
    ASSERT_EQ(runCommand(std::string(MENSURA_CLI) + " index " + dir.path() + " --json", &out), 0);
    const auto j = nlohmann::json::parse(out);
    EXPECT_EQ(j["patients"][0]["studies"][0]["series"][0]["instanceCount"], 8);
    ASSERT_EQ(j["problemFiles"].size(), 2u);
    for (const auto& p : j["problemFiles"]) EXPECT_FALSE(p["reason"].get<std::string>().empty());
}

TEST(Cli, ConvertWritesNiftiAndNrrd) {
    TempDir dir;
    writeSample(dir / "series");
    for (const char* name : {"out.nii.gz", "out.nrrd"}) {
        std::string out;
        ASSERT_EQ(runCommand(std::string(MENSURA_CLI) + " convert " + dir.path() + " --out " + (dir / name), &out), 0);
        EXPECT_GT(std::filesystem::file_size(dir / name), 100u);
    }
    std::ifstream nrrd(dir / "out.nrrd");
    std::string header((std::istreambuf_iterator<char>(nrrd)), {});
    EXPECT_NE(header.find("space: left-posterior-superior"), std::string::npos);
    EXPECT_NE(header.find("sizes: 32 24 8"), std::string::npos);
    // Only the two outputs: no temporary files left behind.
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) files += e.is_regular_file();
    EXPECT_EQ(files, 2u);
}

TEST(Cli, ErrorsNameThePathAndExitNonZero) {
    TempDir dir;
    std::string out;
    const std::string missing = dir / "no-such-folder";
    EXPECT_NE(runCommand(std::string(MENSURA_CLI) + " info " + missing + " 2>&1", &out), 0);
    EXPECT_NE(out.find("no-such-folder"), std::string::npos) << out;
    out.clear();
    writeSample(dir / "series");
    EXPECT_NE(
        runCommand(std::string(MENSURA_CLI) + " convert " + dir.path() + " --out " + (dir / "x.png") + " 2>&1", &out),
        0);
    EXPECT_NE(out.find("unknown output format"), std::string::npos) << out;
    EXPECT_FALSE(std::filesystem::exists(dir / "x.png"));
}
