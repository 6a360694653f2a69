// mensura-cli caliper, triaxial, bidirectional and roi: known points on synthetic series in every
// orientation the scanners produce, with the analytic answers; refusals with their exit codes.
#include <gtest/gtest.h>

#include <cmath>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "mensura/testing/SyntheticSeries.h"
#include "support/TempDir.h"

using namespace mensura::imaging;
using mensura::test::runCommand;
using mensura::test::TempDir;

namespace {

struct Orientation {
    const char* name;
    std::array<Vec3, 3> axes;
};
void PrintTo(const Orientation& o, std::ostream* os) { *os << o.name; }

Vec3 rotatedAboutX(Vec3 v, double deg) {
    const double c = std::cos(deg * M_PI / 180), s = std::sin(deg * M_PI / 180);
    return {v.x, c * v.y - s * v.z, s * v.y + c * v.z};
}

const Orientation kOrientations[] = {
    {"axial", {Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}}},
    {"coronal", {Vec3{1, 0, 0}, Vec3{0, 0, -1}, Vec3{0, -1, 0}}},
    {"sagittal", {Vec3{0, 1, 0}, Vec3{0, 0, -1}, Vec3{-1, 0, 0}}},
    {"oblique20", {Vec3{1, 0, 0}, rotatedAboutX({0, 1, 0}, 20), rotatedAboutX({0, 0, 1}, 20)}},
};

// A 100 mm cube of 1 mm voxels centred on the LPS origin; a sphere of 60 HU, radius 15 mm.
std::string writeCube(const TempDir& dir, const std::array<Vec3, 3>& axes) {
    SyntheticParams p;
    p.size = {100, 100, 100};
    p.spacingMm = {1, 1, 1};
    p.axes = axes;
    p.sphereRadiusMm = 15;
    p.sphereValue = 60;
    const std::string folder = dir / "series";
    EXPECT_TRUE(writeSeries(makeSyntheticSeries(p), folder).ok());
    return folder;
}

std::string line(Vec3 a, Vec3 b) {
    std::ostringstream s;
    s << std::setprecision(17) << a.x << "," << a.y << "," << a.z << "," << b.x << "," << b.y << "," << b.z;
    return s.str();
}

nlohmann::json run(const std::string& args, int expectedStatus, std::string* outText = nullptr) {
    std::string out;
    const int status = runCommand(std::string(MENSURA_CLI) + " " + args + " 2>&1", &out);
    EXPECT_EQ(status, expectedStatus) << args << "\n" << out;
    if (outText) *outText = out;
    if (status != 0) return {};
    return nlohmann::json::parse(out, nullptr, false);
}

double measurement(const nlohmann::json& j, const std::string& name, std::string* unit = nullptr) {
    for (const auto& m : j["measurements"])
        if (m["name"] == name) {
            if (unit) *unit = m["unit"];
            return m["value"];
        }
    ADD_FAILURE() << "no measurement named " << name << " in " << j.dump();
    return NAN;
}

class ManualMeasurement : public ::testing::TestWithParam<Orientation> {};

TEST_P(ManualMeasurement, TriaxialFromOffCentrePointsIsTheDistanceBetweenThem) {
    TempDir dir;
    const std::string folder = writeCube(dir, GetParam().axes);
    // 40 x 47 x 34 mm, off the centre of the grid and of the lesion, on no voxel centre.
    const Vec3 o{3.3, 2.1, 1.7};
    const auto j = run("triaxial " + folder + " --ap-lps " + line(o + Vec3{0, -18, 0}, o + Vec3{0, 22, 0}) +
                           " --lr-lps " + line(o + Vec3{-21.5, 0, 0}, o + Vec3{25.5, 0, 0}) + " --si-lps " +
                           line(o + Vec3{0, 0, -15}, o + Vec3{0, 0, 19}),
                       0);
    ASSERT_TRUE(j.is_object());
    EXPECT_EQ(j["kind"], "triaxial");
    EXPECT_EQ(j["report"], "4.0 cm x 4.7 cm x 3.4 cm (AP x LR x SI)");
    std::string unit;
    EXPECT_NEAR(measurement(j, "AP diameter", &unit), 40.0, 1e-9);
    EXPECT_EQ(unit, "mm");
    EXPECT_NEAR(measurement(j, "LR diameter"), 47.0, 1e-9);
    EXPECT_NEAR(measurement(j, "SI diameter"), 34.0, 1e-9);
    EXPECT_NEAR(measurement(j, "volume"), M_PI / 6 * 40 * 47 * 34, 1e-6);
    EXPECT_NEAR(j["triaxial"]["apAngleDeg"].get<double>(), 0.0, 1e-9);
    EXPECT_FALSE(j["series"]["seriesInstanceUid"].get<std::string>().empty());
}

TEST_P(ManualMeasurement, CaliperAndBidirectionalAreExact) {
    TempDir dir;
    const std::string folder = writeCube(dir, GetParam().axes);
    const Vec3 a{-7.25, 4.5, 2.0}, b{13.75, -11.5, 9.0};  // an oblique 3D caliper
    auto j = run("caliper " + folder + " --line-lps " + line(a, b), 0);
    ASSERT_TRUE(j.is_object());
    EXPECT_NEAR(measurement(j, "length"), norm(b - a), 1e-9);
    EXPECT_NEAR(j["caliper"]["lengthMm"].get<double>(), std::round(norm(b - a) * 100) / 100, 1e-9);

    // Long axis 30 mm along (3,4,0)/5, short axis 12 mm perpendicular, in one axial plane.
    const Vec3 c{2.5, -1.5, 3.0}, u{0.6, 0.8, 0}, v{-0.8, 0.6, 0};
    j = run("bidirectional " + folder + " --long-lps " + line(c - u * 15, c + u * 15) + " --short-lps " +
                line(c - v * 6, c + v * 6),
            0);
    ASSERT_TRUE(j.is_object());
    EXPECT_NEAR(measurement(j, "long axis"), 30.0, 1e-9);
    EXPECT_NEAR(measurement(j, "short axis"), 12.0, 1e-9);
    EXPECT_NEAR(j["bidirectional"]["productMm2"].get<double>(), 360.0, 1e-9);
    EXPECT_NEAR(j["bidirectional"]["angleBetweenDeg"].get<double>(), 90.0, 1e-6);
}

TEST_P(ManualMeasurement, RoiMeanIsTheTissueUnderIt) {
    TempDir dir;
    const std::string folder = writeCube(dir, GetParam().axes);
    // An ellipse of semi-axes 6 and 4 mm inside the 60 HU sphere, in the plane of the slices.
    const Vec3 n = GetParam().axes[2], e1 = GetParam().axes[0] * 6.0, e2 = GetParam().axes[1] * 4.0;
    const Vec3 centre = Vec3{0, 0, 0} + n * 0.0;
    std::ostringstream ellipse;
    ellipse << std::setprecision(17);
    for (Vec3 p : {centre, centre + e1, centre + e2}) ellipse << p.x << "," << p.y << "," << p.z << ",";
    std::string text = ellipse.str();
    text.pop_back();
    const auto j = run("roi " + folder + " --ellipse-lps " + text, 0);
    ASSERT_TRUE(j.is_object());
    std::string unit;
    EXPECT_NEAR(measurement(j, "mean", &unit), 60.0, 1e-6);
    EXPECT_EQ(unit, "[hnsf'U]");
    EXPECT_NEAR(measurement(j, "standard deviation"), 0.0, 1e-6);
    EXPECT_NEAR(measurement(j, "area"), M_PI * 6 * 4, 1e-6);
}

INSTANTIATE_TEST_SUITE_P(Orientations, ManualMeasurement, ::testing::ValuesIn(kOrientations),
                         [](const auto& info) { return std::string(info.param.name); });

class ManualRefusal : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir;
        folder_ = writeCube(*dir_, kOrientations[0].axes);
    }
    static void TearDownTestSuite() { delete dir_; }
    static TempDir* dir_;
    static std::string folder_;
};
TempDir* ManualRefusal::dir_ = nullptr;
std::string ManualRefusal::folder_;

TEST_F(ManualRefusal, ACaliperOffItsAxisIsRefusedAndNamed) {
    // The AP caliper 20 degrees off the AP axis, beyond the 15-degree tolerance.
    const Vec3 tilt{std::sin(20 * M_PI / 180), std::cos(20 * M_PI / 180), 0};
    std::string out;
    run("triaxial " + folder_ + " --ap-lps " + line(tilt * -20.0, tilt * 20.0) + " --lr-lps " +
            line({-20, 0, 0}, {20, 0, 0}) + " --si-lps " + line({0, 0, -10}, {0, 0, 10}),
        1, &out);
    EXPECT_NE(out.find("AP caliper"), std::string::npos) << out;
    // Within a wider tolerance it is measured, with its angle.
    const auto j = run("triaxial " + folder_ + " --tolerance-deg 25 --ap-lps " + line(tilt * -20.0, tilt * 20.0) +
                           " --lr-lps " + line({-20, 0, 0}, {20, 0, 0}) + " --si-lps " + line({0, 0, -10}, {0, 0, 10}),
                       0);
    ASSERT_TRUE(j.is_object());
    EXPECT_NEAR(j["triaxial"]["apAngleDeg"].get<double>(), 20.0, 1e-6);
}

TEST_F(ManualRefusal, PointsOutsideTheSeriesOrMalformedAreBadInput) {
    std::string out;
    run("caliper " + folder_ + " --line-lps " + line({0, 0, 0}, {0, 0, 80}), 2, &out);
    EXPECT_NE(out.find("point 2"), std::string::npos) << out;
    EXPECT_NE(out.find("outside series"), std::string::npos) << out;
    run("caliper " + folder_ + " --line-lps 1,2,3,4,5", 2, &out);
    EXPECT_NE(out.find("5 numbers"), std::string::npos) << out;
    run("roi " + folder_ + " --polygon-lps 0,0,0,1,0,0", 2, &out);
    EXPECT_NE(out.find("at least 9"), std::string::npos) << out;
    run("caliper " + folder_ + " --line-lps 0,0,x,1,1,1", 2, &out);
    EXPECT_NE(out.find("'x' is not a number"), std::string::npos) << out;
}

TEST_F(ManualRefusal, BidirectionalAxesNotPerpendicularAreRefused) {
    const Vec3 u{1, 0, 0}, v{std::cos(60 * M_PI / 180), std::sin(60 * M_PI / 180), 0};
    std::string out;
    run("bidirectional " + folder_ + " --long-lps " + line(u * -15.0, u * 15.0) + " --short-lps " +
            line(v * -5.0, v * 5.0),
        1, &out);
    EXPECT_NE(out.find("bidimensional"), std::string::npos) << out;
}

TEST(CliGrammar, InfoSaysHowObliqueASeriesIs) {
    for (double deg : {0.0, 20.0, 40.0}) {
        TempDir dir;
        SyntheticParams p;
        p.size = {16, 16, 4};
        p.axes = {Vec3{1, 0, 0}, rotatedAboutX({0, 1, 0}, deg), rotatedAboutX({0, 0, 1}, deg)};
        ASSERT_TRUE(writeSeries(makeSyntheticSeries(p), dir / "s").ok());
        const auto j = run("info " + std::string(dir / "s") + " --json", 0);
        ASSERT_TRUE(j.is_object());
        EXPECT_NEAR(j["series"][0]["obliqueDeg"].get<double>(), deg, 0.05) << deg;
        EXPECT_EQ(j["series"][0]["orientation"], deg < 30 ? "axial" : "oblique") << deg;
    }
}

// Every subcommand takes --json: read the list from the program's own help.
TEST(CliGrammar, EverySubcommandTakesJson) {
    std::string help;
    ASSERT_EQ(runCommand(std::string(MENSURA_CLI) + " --help", &help), 0);
    const std::string marker = "Subcommands:";
    const auto at = help.find(marker);
    ASSERT_NE(at, std::string::npos) << help;
    std::istringstream lines(help.substr(at + marker.size()));
    std::vector<std::string> names;
    for (std::string l; std::getline(lines, l);) {
        std::istringstream words(l);
        std::string name;
        if (words >> name) names.push_back(name);
    }
    for (const char* expected : {"index", "info", "convert", "measure", "caliper", "triaxial", "bidirectional", "roi",
                                 "export", "pacs", "signal", "bone", "enhancement"})
        EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
    std::vector<std::string> commands;
    for (const auto& n : names) {
        if (n == "pacs")
            for (const char* sub : {"echo", "find", "get", "store"}) commands.push_back("pacs " + std::string(sub));
        else
            commands.push_back(n);
    }
    for (const auto& c : commands) {
        std::string sub;
        EXPECT_EQ(runCommand(std::string(MENSURA_CLI) + " " + c + " --help", &sub), 0) << c;
        EXPECT_NE(sub.find("--json"), std::string::npos) << c << " has no --json:\n" << sub;
    }
    // pacs find with --json gets as far as asking for the archive (it refused --json before).
    std::string out;
    EXPECT_EQ(runCommand(std::string(MENSURA_CLI) + " pacs find --json 2>&1", &out), 2);
    EXPECT_NE(out.find("--peer"), std::string::npos) << out;
}

}  // namespace
