// The seed cases (../shared/seeds) as synthetic studies. Every size and value here comes from
// the case reports; where a report is silent, from adult anatomy.
#include <algorithm>
#include <cmath>

#include "Anatomy.h"
#include "CaseBuilding.h"
#include "mensura/testing/CasePlan.h"
#include "mensura/testing/Grids.h"
#include "mensura/testing/GroundTruth.h"

namespace mensura::imaging::phantom {
namespace {

using nlohmann::json;

// ---- 1. Clear cell sarcoma, left paraspinal at C1-C2 (seed 000) ----
Scene ccsScene(bool withLesion, const LesionDrawing& lesion, Spine* spineOut) {
    Scene s;
    addNeck(s, -90, 60);
    Spine spine = addSpine(s, {{"C1", "C2", "C3", "C4", "C5", "C6"}, 20, {}, {}});
    if (withLesion) addLesion(s, lesion, "left paraspinal mass");
    if (spineOut) *spineOut = spine;
    return s;
}

CasePlan ccsCraniocervical() {
    CasePlan p{"ccs_craniocervical", "000", "CCS^Craniocervical", "MENSURA-CCS-000", "M", "033Y", "NECK", {}, {}};
    // 40 mm AP x 47 mm LR x 34 mm SI, left of the C1/C2 lateral masses, reaching the canal.
    const LesionDrawing lesion{Solid::ellipsoid({27, 8, 10}, {23.5, 20, 17}), 0.6};
    StudyPlan st;
    st.key = "baseline";
    st.date = "20230310";
    st.description = "CT and MR neck";
    Spine spine;
    st.scene = ccsScene(true, lesion, &spine);
    const Scene without = ccsScene(false, lesion, nullptr);
    // The report: CT uniform soft tissue; uneven obvious enhancement; MR T1 iso, T2 slightly
    // high, TIRM high, DWI markedly high, uneven enhancement (the table's lesion defaults).
    const PointLps c{0, 4, -15};
    st.series = {ct("01_CT_NECK", "CT NECK", Contrast::CtPre, axialGrid(192, 192, 60, 0.9, 2.0, c)),
                 ct("02_CT_NECK_C", "CT NECK C+", Contrast::CtPost, axialGrid(192, 192, 60, 0.9, 2.0, c)),
                 mr("03_T1_AX", "T1 AX", Contrast::T1, axialGrid(160, 160, 30, 1.1, 4.0, c)),
                 mr("04_T2_SAG", "T2 SAG", Contrast::T2, sagittalGrid(160, 160, 32, 1.1, 3.3, c)),
                 mr("05_TIRM_COR", "TIRM COR", Contrast::Tirm, coronalGrid(160, 160, 24, 1.1, 3.0, c)),
                 mr("06_DWI_AX", "DWI b1000 TRACE", Contrast::Dwi, axialGrid(96, 96, 24, 2.0, 5.0, c)),
                 mr("07_T1_AX_C", "T1 AX C+", Contrast::T1Post, axialGrid(160, 160, 30, 1.1, 4.0, c))};
    st.regions = {{"lesion core", lesion.outer.centre, 9},
                  {"right paraspinal muscle", {-35, 20, -40}, 6},
                  {"C4 cancellous bone", spine.at("C4").bodyCentre, 5}};
    const std::vector<Contrast> all{Contrast::CtPre, Contrast::CtPost, Contrast::T1,    Contrast::T2,
                                    Contrast::Tirm,  Contrast::Dwi,    Contrast::T1Post};
    json l = lesionTruth(lesion, st.tissues, all);
    l["id"] = "L1";
    l["role"] = "primary";
    l["location"] = "left paraspinal, C1-C2, through the left atlantoaxial foramen into the canal";
    l["margin"] = "clear";
    l["enhancementCt"] = enhancement(l["meanByContrast"], Contrast::CtPre, Contrast::CtPost, "HU");
    l["enhancementMr"] = enhancement(l["meanByContrast"], Contrast::T1, Contrast::T1Post, "arbitrary");
    l["reported"] = {{"enhancement", "obvious, uneven"},
                     {"T1", "iso"},
                     {"T2", "slightly high"},
                     {"TIRM", "high"},
                     {"DWI", "markedly high"}};
    l["signalRatioToMuscle"] =
        signalRatios(st.tissues, l["meanByContrast"], {Contrast::T1, Contrast::T2, Contrast::Tirm, Contrast::Dwi});
    st.truth["lesions"] = json::array({l});
    p.truth["bone"] = lyticFractions(st.scene, without,
                                     {{"C1 left lateral mass", spine.at("C1").bone[2]},
                                      {"C1 right lateral mass", spine.at("C1").bone[3]},
                                      {"C2 body", spine.at("C2").body},
                                      {"C2 left transverse process", spine.at("C2").bone[2]}});
    p.truth["relations"] = json::array(
        {{{"target", "spinal canal"}, {"atZ", 10}, {"occupiedFraction", occupiedFraction(st.scene, spine.canal, 10)}},
         {{"target", "spinal cord"}, {"atZ", 10}, {"occupiedFraction", occupiedFraction(st.scene, spine.cord, 10)}}});
    json levels = json::array();
    for (const auto& v : spine.vertebrae) levels.push_back({{"level", v.level}, {"centreLps", toJson(v.bodyCentre)}});
    p.truth["vertebralLevels"] = levels;
    p.studies.push_back(std::move(st));
    return p;
}

// ---- 2. Alveolar soft part sarcoma of the floor of the mouth, with follow-up (seed 001, case 1) ----
Scene asps(const LesionDrawing& lesion, const Solid& node, Vec3 shift) {
    Scene s;
    addNeck(s, -80, 50, shift);
    addSpine(s, {{"C1", "C2", "C3", "C4", "C5"}, 20, shift + Vec3{0, 8, 0}, {}});
    s.add(Solid::cylinder(shift + Vec3{0, -22, 2}, 40, 30, 8), Tissue::Cortex, "mandible");
    s.add(Solid::cylinder(shift + Vec3{0, -22, 2}, 37, 27, 8), Tissue::Muscle, "floor of mouth");
    s.add(Solid::box(shift + Vec3{0, 6, 2}, {41, 28, 8.5}), Tissue::Muscle, "pharyngeal constrictors");
    s.add(Solid::ellipsoid(shift + Vec3{0, -24, 14}, {22, 24, 11}), Tissue::Tongue, "tongue");
    s.add(Solid::cylinder(shift + Vec3{0, 2, 10}, 8, 6, 12), Tissue::Air, "oropharynx");
    addLesion(s, lesion, "left floor of mouth mass");
    s.add(node, Tissue::Node, "left level II lymph node");
    return s;
}

CasePlan aspsTongueFollowup() {
    CasePlan p{"asps_tongue_followup", "001", "ASPS^FloorOfMouth", "MENSURA-ASPS-001", "F", "005Y", "NECK", {}, {}};
    struct Timepoint {
        const char *key, *date;
        Vec3 shift;  // the patient lies differently at each visit: a new frame of reference
        Vec3 lesionHalf, nodeHalf;
    };
    // 33 x 24 x 32 mm (AP x LR x SI) shrinking to 25 x 19 x 27 mm; node short axis 11 -> 9 mm.
    const Timepoint tps[] = {{"baseline", "20210720", {0, 0, 0}, {12, 16.5, 16}, {7.5, 5.5, 9}},
                             {"followup", "20211215", {2, -3, 5}, {9.5, 12.5, 13.5}, {6, 4.5, 7.5}}};
    json lesionTimes = json::array(), nodeTimes = json::array();
    for (const auto& tp : tps) {
        StudyPlan st;
        st.key = tp.key;
        st.date = tp.date;
        st.description = std::string("MR neck ") + tp.key;
        // Long T1 (slightly below muscle), long T2 (high), avid enhancement.
        for (Tissue t : {Tissue::LesionRim, Tissue::LesionCore}) {
            st.tissues.set(t, Contrast::T1, 330);
            st.tissues.set(t, Contrast::T2, 650);
        }
        st.tissues.set(Tissue::LesionRim, Contrast::T1Post, 950);
        st.tissues.set(Tissue::LesionCore, Contrast::T1Post, 850);
        const LesionDrawing lesion{Solid::ellipsoid(tp.shift + Vec3{14, -28, 4}, tp.lesionHalf), 0.6};
        const Solid node = Solid::ellipsoid(tp.shift + Vec3{38, -8, -22}, tp.nodeHalf);
        st.scene = asps(lesion, node, tp.shift);
        const PointLps c = tp.shift + Vec3{0, -5, -5};
        st.series = {mr("01_T1_AX", "T1 AX", Contrast::T1, axialGrid(160, 160, 30, 1.25, 4.0, c)),
                     std::string(tp.key) == "baseline"
                         ? mr("02_T2_AX", "T2 AX", Contrast::T2, axialGrid(160, 160, 30, 1.25, 4.0, c))
                         : mr("02_T2_COR", "T2 COR", Contrast::T2, coronalGrid(160, 160, 28, 1.25, 4.0, c)),
                     mr("03_T1_AX_C", "T1 AX C+", Contrast::T1Post, axialGrid(160, 160, 30, 1.25, 4.0, c))};
        const double coreRadius =
            0.9 * lesion.coreScale * std::min({tp.lesionHalf.x, tp.lesionHalf.y, tp.lesionHalf.z});
        st.regions = {{"lesion core", lesion.outer.centre, coreRadius},
                      {"right neck muscle", tp.shift + Vec3{-40, 10, -40}, 6}};
        json l = lesionTruth(lesion, st.tissues, {Contrast::T1, Contrast::T2, Contrast::T1Post});
        l["study"] = tp.key;
        l["signalRatioToMuscle"] = signalRatios(st.tissues, l["meanByContrast"], {Contrast::T1, Contrast::T2});
        json n = lesionTruth({node, 1.0}, st.tissues, {Contrast::T1, Contrast::T2, Contrast::T1Post}, Tissue::Node,
                             Tissue::Node);
        n["study"] = tp.key;
        n["axialShortAxisMm"] = 2 * std::min(node.half.x, node.half.y);
        n["axialLongAxisMm"] = 2 * std::max(node.half.x, node.half.y);
        st.truth["lesions"] = json::array({{{"id", "L1"}}, {{"id", "N1"}}});
        st.truth["lesions"][0].update(l);
        st.truth["lesions"][1].update(n);
        lesionTimes.push_back(l);
        nodeTimes.push_back(n);
        p.studies.push_back(std::move(st));
    }
    // RECIST 1.1: the mass by its longest axial diameter, the node by its short axis.
    auto axialLongest = [](const json& t) {
        return std::max(t["triaxialMm"]["ap"].get<double>(), t["triaxialMm"]["lr"].get<double>());
    };
    const double sum0 = axialLongest(lesionTimes[0]) + nodeTimes[0]["axialShortAxisMm"].get<double>();
    const double sum1 = axialLongest(lesionTimes[1]) + nodeTimes[1]["axialShortAxisMm"].get<double>();
    const double change = 100.0 * (sum1 - sum0) / sum0;
    p.truth["recist"] = {
        {"baselineSumMm", sum0},
        {"followupSumMm", sum1},
        {"percentChange", change},
        {"category", change <= -30 ? "PR" : (change >= 20 && sum1 - sum0 >= 5 ? "PD" : "SD")},
        {"rule",
         "RECIST 1.1: sum of longest axial diameters (short axis for nodes); PR <= -30%, PD >= +20% and >= 5 mm"}};
    p.truth["trackedLesions"] = {
        {{"id", "L1"}, {"role", "primary"}, {"location", "left floor of mouth"}, {"timepoints", lesionTimes}},
        {{"id", "N1"}, {"role", "lymph node"}, {"location", "left cervical level II"}, {"timepoints", nodeTimes}}};
    return p;
}

}  // namespace

// Defined in SeedCasesSpine.cpp.
CasePlan lmsCervicalSpine();
CasePlan lmsScalpSkull();

std::vector<std::string> seedCaseNames() {
    return {"ccs_craniocervical", "asps_tongue_followup", "lms_cervical_spine", "lms_scalp_skull"};
}

Result<CasePlan> buildCase(const std::string& name) {
    if (name == "ccs_craniocervical") return ccsCraniocervical();
    if (name == "asps_tongue_followup") return aspsTongueFollowup();
    if (name == "lms_cervical_spine") return lmsCervicalSpine();
    if (name == "lms_scalp_skull") return lmsScalpSkull();
    return Error{"unknown case '" + name +
                 "' (known: ccs_craniocervical, asps_tongue_followup, lms_cervical_spine, lms_scalp_skull)"};
}

}  // namespace mensura::imaging::phantom
