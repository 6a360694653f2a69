// The signal and bone subcommands of mensura-cli on the committed sample cases, against their
// ground truth (sample_dicom/<case>/ground_truth.json, computed from the analytic solids the
// phantoms were drawn from), on a synthetic MR series, and their errors for bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "measure/MeasureTestSeries.h"
#include "mensura/dicom/DicomSeriesWriter.h"
#include "mensura/measure/LesionSegmentation.h"
#include "support/TempDir.h"

using namespace mensura;
using namespace mensura::imaging;

namespace {

const std::string kSamples = MENSURA_SAMPLE_DICOM;

nlohmann::json truthOf(const std::string& caseName) {
    std::ifstream f(kSamples + "/" + caseName + "/ground_truth.json");
    return nlohmann::json::parse(f);
}

struct CliRun {
    int status = -1;
    std::string out, err;
};

// Runs mensura-cli with args; stdout and stderr apart.
CliRun cli(const std::string& args) {
    static test::TempDir dir;
    const std::string errFile = dir / "stderr.txt";
    CliRun r;
    r.status = test::runCommand(std::string(MENSURA_CLI) + " " + args + " 2>" + errFile, &r.out);
    std::ifstream f(errFile);
    std::stringstream s;
    s << f.rdbuf();
    r.err = s.str();
    return r;
}

nlohmann::json cliJson(const std::string& args) {
    const CliRun r = cli(args);
    EXPECT_EQ(r.status, 0) << args << "\n" << r.err;
    if (r.status != 0) return {};
    return nlohmann::json::parse(r.out);
}

std::string csv(std::initializer_list<double> values) {
    std::ostringstream s;
    s.precision(10);
    const char* sep = "";
    for (double v : values) s << sep << v, sep = ",";
    return s.str();
}

PointLps pointOf(const nlohmann::json& a) { return {a[0].get<double>(), a[1].get<double>(), a[2].get<double>()}; }

// The categories of SignalRatio.h, applied to the ground-truth ratio.
std::string documentedCategory(double ratio) {
    if (ratio < 0.9) return "hypo";
    if (ratio < 1.1) return "iso";
    if (ratio < 1.5) return "slightly high";
    if (ratio < 2.5) return "high";
    return "markedly high";
}

const nlohmann::json* regionOfTissue(const nlohmann::json& series, const std::string& tissue) {
    for (const auto& r : series["regions"])
        if (r["tissue"] == tissue) return &r;
    return nullptr;
}

// Every MR series of the sample cases in which a lesion has a ground-truth signal ratio to muscle
// and the series lists a muscle region: 5 mm spheres at the lesion centre and in that muscle.
// The phantom noise is white with the series' noiseSd, so the tolerance is 4 standard errors of
// the ratio of two means over the ROI voxels.
TEST(SignalCli, RatiosToMuscleOnTheSampleCasesMatchTheGroundTruth) {
    const double radius = 5;
    int checked = 0;
    for (const char* caseName : {"ccs_craniocervical", "asps_tongue_followup"}) {
        const auto truth = truthOf(caseName);
        for (const auto& study : truth["studies"])
            for (const auto& series : study["series"]) {
                const std::string contrast = series["contrast"];
                const auto* muscle = regionOfTissue(series, "muscle");
                const auto* core = regionOfTissue(series, "lesion core");
                if (series["modality"] != "MR" || !muscle || !core) continue;
                const nlohmann::json* lesion = nullptr;
                for (const auto& l : study["lesions"])
                    if (l["centreLps"] == (*core)["centreLps"] && l.contains("signalRatioToMuscle") &&
                        l["signalRatioToMuscle"].contains(contrast))
                        lesion = &l;
                if (!lesion) continue;
                SCOPED_TRACE(std::string(caseName) + "/" + series["folder"].get<std::string>());
                // The spheres lie in one tissue each, and the lesion is of one value in this contrast.
                ASSERT_GE((*core)["radiusMm"].get<double>(), radius);
                ASSERT_GE((*muscle)["radiusMm"].get<double>(), radius);
                const double lesionTruth = (*lesion)["meanByContrast"][contrast], muscleTruth = (*muscle)["expected"];
                ASSERT_DOUBLE_EQ((*core)["expected"].get<double>(), lesionTruth);
                const double ratioTruth = (*lesion)["signalRatioToMuscle"][contrast];
                ASSERT_NEAR(ratioTruth, lesionTruth / muscleTruth, 1e-9);

                const PointLps l = pointOf((*lesion)["centreLps"]), m = pointOf((*muscle)["centreLps"]);
                const auto j = cliJson("signal " + kSamples + "/" + caseName + "/" +
                                       series["folder"].get<std::string>() + " --lesion-lps " + csv({l.x, l.y, l.z}) +
                                       " --muscle-lps " + csv({m.x, m.y, m.z}) + " --json");
                ASSERT_TRUE(j.contains("signal"));
                const auto& s = j["signal"];
                const double sd = series["noiseSd"];
                const double nL = s["lesionVoxels"], nM = s["muscleVoxels"];
                ASSERT_GE(nL, 20);
                ASSERT_GE(nM, 20);
                EXPECT_NEAR(s["lesionMean"].get<double>(), lesionTruth, 4 * sd / std::sqrt(nL));
                EXPECT_NEAR(s["muscleMean"].get<double>(), muscleTruth, 4 * sd / std::sqrt(nM));
                EXPECT_NEAR(s["lesionSd"].get<double>(), sd, 0.35 * sd);
                const double se =
                    ratioTruth * std::hypot(sd / lesionTruth / std::sqrt(nL), sd / muscleTruth / std::sqrt(nM));
                EXPECT_NEAR(s["ratio"].get<double>(), ratioTruth, 4 * se);
                EXPECT_EQ(s["category"], documentedCategory(ratioTruth)) << s["rule"];
                EXPECT_EQ(s["sequence"], series["description"]);
                EXPECT_EQ(j["series"]["seriesInstanceUid"], series["seriesInstanceUid"]);
                EXPECT_TRUE(j["warnings"].empty()) << j["warnings"];
                ++checked;
            }
    }
    // CCS T1, T2, TIRM, DWI; ASPS T1 and T2 at baseline and follow-up.
    EXPECT_EQ(checked, 8);
}

// A synthetic MR series (tilted 20 degrees about LR): a 10 mm ball of 600 in a background of 250
// standing for muscle.
struct SignalSynthetic : ::testing::Test {
    static void SetUpTestSuite() {
        dir = new test::TempDir;
        test::EllipsoidCase c;
        c.name = "MR SYNTH";
        c.imageAxes = test::rotatedAxes({1, 0, 0}, 20);
        c.spacingMm = {1, 1, 2};
        c.size = {60, 60, 20};
        c.semiAxesMm = {10, 10, 10};
        test::LesionValues v;
        v.modality = "MR";
        v.lesion = 600, v.background = 250, v.noiseSd = 5;
        ok = test::makeEllipsoidVolume(c, v, dir->path(), derivedUid("signal-synthetic")).ok();
    }
    static void TearDownTestSuite() { delete dir; }
    static inline test::TempDir* dir = nullptr;
    static inline bool ok = false;
};

TEST_F(SignalSynthetic, RatioCategoryAndAClippedRoi) {
    ASSERT_TRUE(ok);
    auto j = cliJson("signal " + dir->path() +
                     " --lesion-lps 3.3,-2.1,1.7 --muscle-lps -17,-20,1.7 --radius-mm 6 "
                     "--muscle-radius-mm 4 --sequence 'T2 FS' --json");
    ASSERT_TRUE(j.contains("signal"));
    const auto& s = j["signal"];
    EXPECT_NEAR(s["ratio"].get<double>(), 600.0 / 250, 0.02);  // 4 standard errors: 5/600, 5/250 over >= 130 voxels
    EXPECT_EQ(s["category"], "high");
    EXPECT_EQ(s["sequence"], "T2 FS");
    EXPECT_EQ(s["lesionRoi"]["radiusMm"], 6.0);
    EXPECT_EQ(s["muscleRoi"]["radiusMm"], 4.0);
    // A sphere of 6 mm holds about 4/3 pi 6^3 / 2 mm^3 = 452 voxel positions (4 mm: 134).
    EXPECT_NEAR(s["lesionVoxels"].get<double>(), 452, 45);
    EXPECT_NEAR(s["muscleVoxels"].get<double>(), 134, 20);
    EXPECT_TRUE(j["warnings"].empty()) << j["warnings"];

    // The muscle sphere reaching over the volume's edge (x = -29.5 mm): measured, with a warning.
    j = cliJson("signal " + dir->path() + " --lesion-lps 3.3,-2.1,1.7 --muscle-lps -27,-20,1.7 --json");
    ASSERT_EQ(j["warnings"].size(), 1u) << j;
    EXPECT_NE(j["warnings"][0].get<std::string>().find("muscle ROI reaches beyond the edge"), std::string::npos);
    EXPECT_NEAR(j["signal"]["ratio"].get<double>(), 600.0 / 250, 0.03);
}

TEST(SignalCli, CtIsMeasuredWithAWarning) {
    const auto j = cliJson("signal " + kSamples +
                           "/ccs_craniocervical/baseline/01_CT_NECK --lesion-lps 27,8,10 "
                           "--muscle-lps -35,20,-40");
    ASSERT_EQ(j["warnings"].size(), 1u) << j;
    EXPECT_NE(j["warnings"][0].get<std::string>().find("not MR"), std::string::npos);
}

// The vertebral bodies of the spine phantom (imaging/phantom/Anatomy.cpp): elliptic cylinders
// along S with semi-axes 10 mm (LR) and 8.5 mm (AP) around the level centres of the ground truth.
BoxLps bodyBox(PointLps centre, double zLow, double zHigh) {
    return {{centre.x - 10, centre.y - 8.5, zLow}, {centre.x + 10, centre.y + 8.5, zHigh}};
}
std::string boxArg(const BoxLps& b) {
    return csv({b.corner0.x, b.corner0.y, b.corner0.z, b.corner1.x, b.corner1.y, b.corner1.z});
}

struct SpineTruth {
    nlohmann::json truth = truthOf("lms_cervical_spine");
    std::string series = kSamples + "/lms_cervical_spine/baseline/01_CT_CSPINE_AX";
    PointLps centre(const std::string& level) const {
        for (const auto& l : truth["vertebralLevels"])
            if (l["level"] == level) return pointOf(l["centreLps"]);
        ADD_FAILURE() << "no level " << level;
        return {};
    }
    const nlohmann::json& bone(const std::string& level) const {
        for (const auto& b : truth["bone"])
            if (b["level"] == level) return b;
        throw std::out_of_range(level);
    }
    // The whole body of a level, from its centre and built height.
    BoxLps body(const std::string& level) const {
        const PointLps c = centre(level);
        const double half = bone(level)["bodyHeightMm"].get<double>() / 2;
        return bodyBox(c, c.z - half, c.z + half);
    }
    // T3 is the one intact level (lytic fraction 0); the series ends at its centre, so the
    // reference is its upper half.
    BoxLps reference() const {
        const PointLps c = centre("T3");
        return bodyBox(c, c.z, c.z + bone("T3")["bodyHeightMm"].get<double>() / 2);
    }
};

// C6: body replaced by tumour and collapsed to half its height. Nothing of the C6 box is bone;
// its end slices reach at most 1 mm into the discs above and below (no bone either), so the
// lytic fraction is the truth's 1.0 within 0.02.
TEST(BoneCli, CollapsedC6IsFullyLyticAgainstTheIntactT3) {
    const SpineTruth s;
    const auto& c6 = s.bone("C6");
    ASSERT_EQ(c6["lyticFraction"].get<double>(), 1.0);
    const double h = c6["bodyHeightMm"], expected = c6["expectedHeightMm"];
    const auto j = cliJson("bone " + s.series + " --box-lps " + boxArg(s.body("C6")) + " --reference-box-lps " +
                           boxArg(s.reference()) + " --heights-mm " + csv({h, h, h}) + " --reference-heights-mm " +
                           csv({expected, expected, expected}) + " --json");
    ASSERT_TRUE(j.contains("bone"));
    const auto& b = j["bone"];
    EXPECT_NEAR(b["lyticFraction"].get<double>(), c6["lyticFraction"].get<double>(), 0.02) << b["rule"];
    EXPECT_LT(b["affected"]["boneFraction"].get<double>(), 0.02);
    EXPECT_GT(b["reference"]["boneFraction"].get<double>(), 0.5);
    // The collapse: 7 of 14 mm is the truth's 50 % loss, severe (Genant grade 3: > 40 %).
    EXPECT_NEAR(b["heightLoss"]["percent"].get<double>(), c6["heightLossPercent"].get<double>(), 0.01);
    EXPECT_EQ(b["heightLoss"]["grade"], "severe");
    EXPECT_TRUE(j["warnings"].empty()) << j["warnings"];
    EXPECT_EQ(j["series"]["modality"], "CT");
}

// The levels with an 8 mm osteolytic focus and nothing else (C5 and C7 also lose endplate bone to
// the C6 tumour, in the partial-volume slices at the box ends; not checked here). The truth is
// lost / expected bone of the analytic body. The boxes read it low by up to 0.015: voxels half in
// bone still count as bone (>= 150 HU takes 41 % cancellous bone or 9 % cortex), which adds
// about half a voxel around the body (+10 % bone), and the end slices reach up to 1 mm past the
// endplates.
TEST(BoneCli, OsteolyticFociMatchTheGroundTruth) {
    const SpineTruth s;
    for (const char* level : {"C2", "C3", "C4", "T1", "T2"}) {
        SCOPED_TRACE(level);
        const auto j = cliJson("bone " + s.series + " --box-lps " + boxArg(s.body(level)) + " --reference-box-lps " +
                               boxArg(s.reference()));
        ASSERT_TRUE(j.contains("bone"));
        const double truth = s.bone(level)["lyticFraction"];
        EXPECT_GT(truth, 0.04);
        EXPECT_NEAR(j["bone"]["lyticFraction"].get<double>(), truth, 0.015) << j["bone"]["rule"];
    }
}

// Healthy bone against healthy bone, on the CCS neck CT (same spine phantom): its C2 body is
// intact (truth lytic fraction 0), as is C4, far below the C1-C2 mass. Slabs of +-5 mm around the
// centres lie inside every body (the shortest intact body is 14 mm) and keep the endplates out,
// whose slices are solid cortex and so would read as cortex enclosing nothing (a breach).
TEST(BoneCli, AHealthyLevelReadsNoLysisAndNoBreach) {
    const auto truth = truthOf("ccs_craniocervical");
    std::map<std::string, PointLps> centres;
    for (const auto& l : truth["vertebralLevels"]) centres[l["level"]] = pointOf(l["centreLps"]);
    for (const auto& b : truth["bone"]) {
        if (b["structure"] == "C2 body") {
            EXPECT_EQ(b["lyticFraction"].get<double>(), 0.0);
        }
    }
    const PointLps c2 = centres["C2"], c4 = centres["C4"];
    const auto j = cliJson("bone " + kSamples + "/ccs_craniocervical/baseline/01_CT_NECK --box-lps " +
                           boxArg(bodyBox(c2, c2.z - 5, c2.z + 5)) + " --reference-box-lps " +
                           boxArg(bodyBox(c4, c4.z - 5, c4.z + 5)));
    ASSERT_TRUE(j.contains("bone"));
    EXPECT_LT(j["bone"]["lyticFraction"].get<double>(), 0.01) << j["bone"]["rule"];
    EXPECT_FALSE(j["bone"]["corticalBreach"].get<bool>()) << j["bone"]["rule"];
    EXPECT_EQ(j["bone"]["breachedSlices"], 0);
}

// The CCS mass destroys 84 % of the left C1 lateral mass; the right one is intact. The lateral
// masses are boxes (Anatomy.cpp: 5.5 x 8 x 5 mm half edges, 17 mm either side of the ring's
// centre). What is left of the left mass is thin bone against tumour, and its partial-volume
// voxels count as bone (see above): the measurement reads up to 0.05 low.
TEST(BoneCli, PartlyDestroyedLateralMassAgainstTheOtherSide) {
    const auto truth = truthOf("ccs_craniocervical");
    PointLps c1;
    for (const auto& l : truth["vertebralLevels"])
        if (l["level"] == "C1") c1 = pointOf(l["centreLps"]);
    double lytic = -1;
    for (const auto& b : truth["bone"])
        if (b["structure"] == "C1 left lateral mass") lytic = b["lyticFraction"];
    ASSERT_GT(lytic, 0.5);
    auto mass = [&](double side) {
        return BoxLps{{c1.x + side * 17 - 5.5, c1.y - 8, c1.z - 5}, {c1.x + side * 17 + 5.5, c1.y + 8, c1.z + 5}};
    };
    const auto j = cliJson("bone " + kSamples + "/ccs_craniocervical/baseline/01_CT_NECK --box-lps " +
                           boxArg(mass(+1)) + " --reference-box-lps " + boxArg(mass(-1)));
    ASSERT_TRUE(j.contains("bone"));
    EXPECT_NEAR(j["bone"]["lyticFraction"].get<double>(), lytic, 0.05) << j["bone"]["rule"];
    EXPECT_TRUE(j["bone"]["corticalBreach"].get<bool>()) << j["bone"]["rule"];
}

// Each bad input: a non-zero exit status, nothing on stdout, one line on stderr naming the problem.
TEST_F(SignalSynthetic, BadInputsGiveOneClearError) {
    ASSERT_TRUE(ok);
    const std::string mr = dir->path();
    const std::string spine = kSamples + "/lms_cervical_spine";
    const std::string ax = spine + "/baseline/01_CT_CSPINE_AX";
    const std::string boxes = " --box-lps -10,-20.5,-25,10,-3.5,-11 --reference-box-lps -10,-20.5,-144.5,10,-3.5,-136";
    const std::string rois = " --lesion-lps 3.3,-2.1,1.7 --muscle-lps -17,-20,1.7";
    struct Case {
        std::string args, expect;
        bool cli11 = false;  // CLI11's own message, followed by its "Run with --help" line
    } cases[] = {
        {"signal " + mr + " --lesion-lps 500,0,0 --muscle-lps -17,-20,1.7",
         "lesion ROI: centre (500.0, 0.0, 0.0) mm LPS lies outside the volume"},
        {"signal " + mr + " --lesion-lps 3.3,-2.1,1.7 --muscle-lps -17,-20,-60",
         "muscle ROI: centre (-17.0, -20.0, -60.0) mm LPS lies outside the volume"},
        {"signal " + mr + " --lesion-lps 3.3,-2.1 --muscle-lps -17,-20,1.7",
         "--lesion-lps: expected 3 comma-separated numbers"},
        {"signal " + mr + " --lesion-lps 3.3,-2.1,1.7 --muscle-lps -17,x,1.7",
         "--muscle-lps: 'x' in '-17,x,1.7' is not a number"},
        {"signal " + mr + rois + " --radius-mm 0", "--radius-mm: 0 mm is not a positive radius"},
        {"signal " + mr + rois + " --muscle-radius-mm -3", "--muscle-radius-mm: -3 mm is not a positive radius"},
        {"signal " + mr + rois + " --series 1.2.3.4", "no series 1.2.3.4"},
        {"signal " + kSamples + "/ccs_craniocervical" + rois, "holds 7 series; name the series"},
        {"signal " + mr + " --muscle-lps 1,2,3", "--lesion-lps is required", true},
        {"bone " + mr + " --box-lps -5,-5,-5,5,5,5 --reference-box-lps -20,-20,-5,-10,-10,5",
         "bone assessment needs CT in HU"},
        {"bone " + spine + " --series 2.25.263566429107456852459681884703677076" + boxes,
         "judged on axial slices; series 2.25.263566429107456852459681884703677076 is sagittal"},
        {"bone " + spine + " --series 1.2.3.4" + boxes, "no series 1.2.3.4"},
        {"bone " + spine + boxes, "holds 2 series; name the series"},
        {"bone " + ax + " --box-lps 10,-20.5,-25,-10,-3.5,-11 --reference-box-lps -10,-20.5,-144.5,10,-3.5,-136",
         "affected box: x0 must be less than x1"},
        {"bone " + ax + " --box-lps -10,-20.5,-25,10,-3.5,-11 --reference-box-lps -10,-20.5,-136,10,-3.5,-144.5",
         "reference box: z0 must be less than z1"},
        {"bone " + ax + " --box-lps -10,-20.5,200,10,-3.5,220 --reference-box-lps -10,-20.5,-144.5,10,-3.5,-136",
         "affected box lies outside the volume"},
        {"bone " + ax + " --box-lps -10,-20.5,-25,10,-3.5 --reference-box-lps -10,-20.5,-144.5,10,-3.5,-136",
         "--box-lps: expected 6 comma-separated numbers"},
        {"bone " + ax + " --box-lps -10,-20.5,-25,10,-3.5,-11 --reference-box-lps 30,15,-90,40,25,-70",
         "reference box holds no bone"},
        {"bone " + ax + boxes + " --cancellous-min-hu 700",
         "the cancellous minimum 700 HU must be below the cortical minimum 600 HU"},
        {"bone " + ax + boxes + " --heights-mm 7,-7,7 --reference-heights-mm 14,14,14",
         "--heights-mm: heights must be positive"},
        {"bone " + ax + boxes + " --heights-mm 7,7 --reference-heights-mm 14,14,14",
         "--heights-mm: expected 3 comma-separated numbers (anterior,middle,posterior heights in mm)"},
        {"bone " + ax + boxes + " --heights-mm 7,7,7", "--heights-mm requires --reference-heights-mm", true},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.args);
        const CliRun r = cli(c.args);
        EXPECT_NE(r.status, 0);
        EXPECT_TRUE(r.out.empty()) << r.out;
        EXPECT_NE(r.err.find(c.expect), std::string::npos) << r.err;
        const auto lines = std::count(r.err.begin(), r.err.end(), '\n');
        EXPECT_EQ(lines, c.cli11 ? 2 : 1) << r.err;
        if (!c.cli11) {
            EXPECT_EQ(r.err.rfind("mensura-cli: ", 0), 0u) << r.err;
        }
    }
}

}  // namespace
