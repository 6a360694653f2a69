// The measure and enhancement subcommands: JSON contract on a series with a known lesion, and
// clear errors (non-zero exit, message on stderr) for bad input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>

#include "measure/MeasureTestSeries.h"
#include "mensura/dicom/DicomSeriesWriter.h"
#include "support/TempDir.h"

using namespace mensura;
using namespace mensura::imaging;

namespace {

struct CliFixture : ::testing::Test {
    static void SetUpTestSuite() {
        dir = new test::TempDir;
        test::EllipsoidCase c;
        c.name = "cli";
        c.imageAxes = {Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}};
        c.spacingMm = {0.8, 0.8, 2.0};
        c.size = {80, 70, 28};
        c.semiAxesMm = {23.5, 20, 17};
        test::LesionValues pre;
        pre.lesion = 40;
        auto a = test::makeEllipsoidVolume(c, pre, (*dir) / "pre", derivedUid("cli-pre"), derivedUid("cli-for"));
        test::LesionValues post;
        post.lesion = 100;
        auto b = test::makeEllipsoidVolume(c, post, (*dir) / "post", derivedUid("cli-post"), derivedUid("cli-for"));
        test::LesionValues other;
        auto d =
            test::makeEllipsoidVolume(c, other, (*dir) / "other", derivedUid("cli-other"), derivedUid("cli-for-2"));
        ok = a.ok() && b.ok() && d.ok();
    }
    static void TearDownTestSuite() { delete dir; }
    static std::string cli() { return MENSURA_CLI; }
    static inline test::TempDir* dir = nullptr;
    static inline bool ok = false;
};

TEST_F(CliFixture, MeasurePrintsTheLesionContract) {
    ASSERT_TRUE(ok);
    std::string out;
    const int rc = test::runCommand(cli() + " measure " + dir->path() + " --series " + derivedUid("cli-post") +
                                        " --seed-lps 3.3,-2.1,1.7 --json 2>/dev/null",
                                    &out);
    ASSERT_EQ(rc, 0) << out;
    const auto j = nlohmann::json::parse(out);
    const auto& l = j.at("lesion");
    for (const char* key : {"apMm", "lrMm", "siMm", "longestDiameterMm", "axialLongestMm", "axialPerpendicularMm",
                            "volumeMl", "mean", "sd", "valueUnit", "voxelCount"})
        EXPECT_TRUE(l.contains(key)) << key;
    EXPECT_NEAR(l["apMm"].get<double>(), 40.0, 1.0);
    EXPECT_NEAR(l["lrMm"].get<double>(), 47.0, 1.0);
    EXPECT_NEAR(l["siMm"].get<double>(), 34.0, 2.0);
    EXPECT_NEAR(l["mean"].get<double>(), 100.0, 2.0);
    EXPECT_EQ(l["valueUnit"], "HU");
    EXPECT_NE(j["report"].get<std::string>().find("(AP x LR x SI)"), std::string::npos);
    // Every figure again as a measurement object: value, UCUM unit, derivation, method, series.
    std::map<std::string, nlohmann::json> byName;
    for (const auto& m : j.at("measurements")) byName[m.at("name").get<std::string>()] = m;
    const std::pair<const char*, const char*> figures[] = {
        {"AP diameter", "apMm"},     {"LR diameter", "lrMm"},
        {"SI diameter", "siMm"},     {"longest diameter", "longestDiameterMm"},
        {"volume", "volumeMl"},      {"mean", "mean"},
        {"standard deviation", "sd"}};
    for (const auto& [name, key] : figures) {
        ASSERT_TRUE(byName.count(name)) << name;
        const auto& m = byName[name];
        EXPECT_NEAR(m["value"].get<double>(), l[key].get<double>(), 0.006) << name;  // the contract rounds to 0.01
        EXPECT_EQ(m["seriesInstanceUid"], derivedUid("cli-post")) << name;
        EXPECT_EQ(m["frameOfReferenceUid"], derivedUid("cli-for")) << name;
        EXPECT_EQ(m["method"], j["segmentation"]["method"]) << name;
        EXPECT_FALSE(m["derivation"].get<std::string>().empty()) << name;
    }
    EXPECT_EQ(byName["AP diameter"]["unit"], "mm");
    EXPECT_EQ(byName["volume"]["unit"], "mL");
    EXPECT_EQ(byName["mean"]["unit"], "[hnsf'U]");
    EXPECT_FALSE(byName["mean"]["sopInstanceUids"].empty());
}

// --outline-from: the lesion outlined on the post-contrast series and measured on the pre, whose
// values are its own; a series of another frame of reference is refused with the reason.
TEST_F(CliFixture, MeasureThroughAnOutlineFromAnotherSeries) {
    ASSERT_TRUE(ok);
    std::string out;
    int rc = test::runCommand(cli() + " measure " + dir->path() + " --series " + derivedUid("cli-pre") +
                                  " --outline-from " + derivedUid("cli-post") + " --seed-lps 3.3,-2.1,1.7 2>/dev/null",
                              &out);
    ASSERT_EQ(rc, 0) << out;
    const auto j = nlohmann::json::parse(out);
    EXPECT_NEAR(j["lesion"]["apMm"].get<double>(), 40.0, 1.0);
    EXPECT_NEAR(j["lesion"]["lrMm"].get<double>(), 47.0, 1.0);
    EXPECT_NEAR(j["lesion"]["siMm"].get<double>(), 34.0, 2.0);
    EXPECT_NEAR(j["lesion"]["mean"].get<double>(), 40.0, 2.0);
    EXPECT_EQ(j["series"]["seriesInstanceUid"], derivedUid("cli-pre"));
    EXPECT_EQ(j["segmentation"]["outlinedOn"]["seriesInstanceUid"], derivedUid("cli-post"));

    rc = test::runCommand(cli() + " measure " + dir->path() + " --series " + derivedUid("cli-pre") +
                              " --outline-from " + derivedUid("cli-other") + " --seed-lps 3.3,-2.1,1.7 2>&1 >/dev/null",
                          &out);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(out.find("frames of reference differ"), std::string::npos) << out;
}

TEST_F(CliFixture, EnhancementPrintsTheContract) {
    ASSERT_TRUE(ok);
    std::string out;
    const int rc =
        test::runCommand(cli() + " enhancement " + dir->path() + " --pre " + derivedUid("cli-pre") + " --post " +
                             derivedUid("cli-post") + " --seed-lps 3.3,-2.1,1.7 --json 2>/dev/null",
                         &out);
    ASSERT_EQ(rc, 0) << out;
    const auto whole = nlohmann::json::parse(out);
    const auto& e = whole.at("enhancement");
    for (const char* key :
         {"preMean", "postMean", "deltaHu", "percent", "cov", "lowEnhancingFraction", "degree", "pattern"})
        EXPECT_TRUE(e.contains(key)) << key;
    EXPECT_NEAR(e["deltaHu"].get<double>(), 60.0, 3.0);
    EXPECT_EQ(e["degree"], "obvious");
    EXPECT_EQ(e["pattern"], "homogeneous");
    // The means as measurement objects, each naming the series it was read on.
    std::map<std::string, nlohmann::json> byName;
    for (const auto& m : whole.at("measurements")) byName[m.at("name").get<std::string>()] = m;
    ASSERT_TRUE(byName.count("pre-contrast mean") && byName.count("post-contrast mean") && byName.count("enhancement"));
    EXPECT_NEAR(byName["pre-contrast mean"]["value"].get<double>(), e["preMean"].get<double>(), 0.006);
    EXPECT_EQ(byName["pre-contrast mean"]["seriesInstanceUid"], derivedUid("cli-pre"));
    EXPECT_EQ(byName["post-contrast mean"]["seriesInstanceUid"], derivedUid("cli-post"));
    EXPECT_NEAR(byName["enhancement"]["value"].get<double>(), e["deltaHu"].get<double>(), 0.006);
    EXPECT_EQ(byName["enhancement"]["unit"], "[hnsf'U]");
}

// Each bad input: exit status non-zero, the message names the problem, nothing on stdout.
TEST_F(CliFixture, BadInputsGiveClearErrors) {
    ASSERT_TRUE(ok);
    const std::string post = " --series " + derivedUid("cli-post");
    struct Case {
        std::string args, expect;
    } cases[] = {
        {"measure " + dir->path() + post + " --seed-lps 500,0,0", "outside the volume"},
        {"measure " + dir->path() + post + " --seed-lps 0,0", "expected 3"},
        {"measure " + dir->path() + post + " --seed-lps 3,-2,1 --box-lps 20,-20,-20,-20,20,20", "inverted"},
        {"measure " + dir->path() + post + " --seed-lps 3,-2,1 --box-lps -20,-20,-20,20,20,-30", "z0"},
        {"measure " + dir->path() + post + " --seed-lps 30,-2,1 --box-lps -20,-20,-20,20,20,20", "outside the box"},
        {"measure " + dir->path() + " --seed-lps 3,-2,1", "name the"},
        {"enhancement " + dir->path() + " --pre " + derivedUid("cli-other") + " --post " + derivedUid("cli-post") +
             " --seed-lps 3.3,-2.1,1.7",
         "frames of reference"},
    };
    for (const auto& c : cases) {
        std::string out;
        const int rc = test::runCommand(cli() + " " + c.args + " 2>&1 >/dev/null", &out);
        EXPECT_NE(rc, 0) << c.args;
        EXPECT_NE(out.find(c.expect), std::string::npos) << c.args << "\n" << out;
    }
}

}  // namespace
