// Bone cases: leiomyosarcoma metastases of the cervicothoracic spine (seed 004) and a scalp /
// skull leiomyosarcoma with skull destruction and dural extension (seeds 002/003).
#include <cmath>

#include "Anatomy.h"
#include "CaseBuilding.h"
#include "mensura/testing/Grids.h"

namespace mensura::imaging::phantom {

using nlohmann::json;

namespace {

const std::vector<std::string> kSpineLevels{"C1", "C2", "C3", "C4", "C5", "C6", "C7", "T1", "T2", "T3"};
const std::vector<std::string> kFocusLevels{"C2", "C3", "C4", "C5", "C7", "T1", "T2"};
constexpr double kC6Remaining = 0.5;  // C6 keeps half its height: 50% collapse

// The C6 lesion: tumour in the collapsed body (1 mm beyond it) and a soft-tissue component that
// bulges posteriorly into the canal. Drawn and measured from these same solids.
Solid c6BodyTumour(const Vertebra& c6) { return c6.body.grown(1.0); }
Solid c6Component(const Vertebra& c6) { return Solid::ellipsoid(c6.bodyCentre + Vec3{0, 6, 0}, {11, 12, 9}); }

Scene spineScene(bool withLesions, Spine* out) {
    Scene s;
    addNeck(s, -200, 45);
    SpineOptions o{kSpineLevels, 20, {}, {{"C6", kC6Remaining}}};
    Spine spine = addSpine(s, o);
    if (withLesions) {
        // Small osteolytic foci: 8 mm soft-tissue spheres in the bodies.
        for (const auto& level : kFocusLevels)
            addLesion(s, {Solid::ellipsoid(spine.at(level).bodyCentre + Vec3{3, -1, 0}, {4, 4, 4}), 0.5},
                      level + " osteolytic focus");
        // C6: the body is replaced by tumour, collapsed, with a soft-tissue component that
        // bulges posteriorly into the canal and compresses the cord.
        const Vertebra& c6 = spine.at("C6");
        s.add(c6BodyTumour(c6), Tissue::LesionRim, "C6 tumour replacing the body");
        addLesion(s, {c6Component(c6), 0.5}, "C6 soft-tissue component");
    }
    if (out) *out = spine;
    return s;
}

}  // namespace

CasePlan lmsCervicalSpine() {
    CasePlan p{"lms_cervical_spine", "004", "LMS^CervicalSpine", "MENSURA-LMS-004", "M", "042Y", "CSPINE", {}, {}};
    StudyPlan st;
    st.key = "baseline";
    st.date = "20190415";
    st.description = "CT cervical spine";
    Spine spine;
    st.scene = spineScene(true, &spine);
    const Scene without = spineScene(false, nullptr);
    const Vertebra& c6 = spine.at("C6");
    const double top = spine.at("C1").bodyCentre.z + 12, bottom = spine.at("T3").bodyCentre.z;
    const PointLps centre{0, 4, (top + bottom) / 2};
    const auto slices = static_cast<std::size_t>(std::ceil((top - bottom) / 2.0)) + 1;
    st.series = {
        ct("01_CT_CSPINE_AX", "CT C-SPINE AX BONE", Contrast::CtPre, axialGrid(160, 160, slices, 1.0, 2.0, centre)),
        ct("02_CT_CSPINE_SAG", "CT C-SPINE SAG MPR", Contrast::CtPre,
           sagittalGrid(150, static_cast<std::size_t>(top - bottom) + 1, 40, 1.0, 1.5, centre))};
    st.regions = {{"C4 cancellous bone", spine.at("C4").bodyCentre + Vec3{-4, -2, 0}, 2.5},
                  {"C6 tumour", c6.bodyCentre + Vec3{0, -3, 0}, 2.5},
                  {"left neck muscle", {35, 20, -80}, 5}};
    std::vector<std::pair<std::string, Solid>> bodies;
    for (const auto& level : kSpineLevels)
        if (level != "C1") bodies.push_back({level + " body", spine.at(level).body});
    json bone = lyticFractions(st.scene, without, bodies);
    for (auto& b : bone) {
        const std::string level = b["structure"].get<std::string>().substr(0, 2);
        const Vertebra& v = spine.at(level);
        b["level"] = level;
        b["pattern"] = b["lyticFraction"].get<double>() > 0.01 ? "osteolytic" : "none";
        b["bodyHeightMm"] = v.bodyHeightMm;
        b["expectedHeightMm"] = v.nominalHeightMm;
        b["heightLossPercent"] = 100.0 * (1.0 - v.bodyHeightMm / v.nominalHeightMm);
        b["collapse"] = v.bodyHeightMm < v.nominalHeightMm;
    }
    p.truth["bone"] = bone;
    json levels = json::array();
    for (const auto& v : spine.vertebrae) levels.push_back({{"level", v.level}, {"centreLps", toJson(v.bodyCentre)}});
    p.truth["vertebralLevels"] = levels;
    p.truth["relations"] =
        json::array({{{"target", "spinal canal"},
                      {"level", "C6"},
                      {"atZ", c6.bodyCentre.z},
                      {"occupiedFraction", occupiedFraction(st.scene, spine.canal, c6.bodyCentre.z)}},
                     {{"target", "spinal cord"},
                      {"level", "C6"},
                      {"atZ", c6.bodyCentre.z},
                      {"occupiedFraction", occupiedFraction(st.scene, spine.cord, c6.bodyCentre.z)}}});
    // What a segmentation finds at C6: the tumour in the collapsed body and its soft-tissue
    // component, one soft-tissue value on CT.
    json l = unionTruth({c6BodyTumour(c6), c6Component(c6)}, st.tissues.value(Tissue::LesionRim, Contrast::CtPre));
    l["id"] = "L1";
    l["role"] = "metastasis";
    l["location"] = "C6 vertebral body with a soft-tissue component into the canal";
    st.truth["lesions"] = json::array({l});
    p.studies.push_back(std::move(st));
    return p;
}

namespace {

// Skull lesion of seed 003: 2.2 x 3.5 x 4.0 cm, centred on the skull at the left frontal
// vertex, its short axis across the bone.
LesionDrawing skullLesion() {
    const Vec3 d = normalized({0.35, -0.45, 0.82});
    const Vec3 mid{68, 88, 78};  // mid-thickness of the skull
    const double t = 1.0 / norm(Vec3{d.x / mid.x, d.y / mid.y, d.z / mid.z});
    const PointLps c = t * d;
    const Vec3 n = normalized({c.x / (mid.x * mid.x), c.y / (mid.y * mid.y), c.z / (mid.z * mid.z)});
    const Vec3 t1 = normalized(cross({0, 1, 0}, n));
    const Vec3 t2 = cross(n, t1);
    Solid s = Solid::ellipsoid(c, {17.5, 20, 11});
    s.axes = {t1, t2, n};
    return {s, 0.55};
}

Scene headScene(bool withLesion, Head* out) {
    Scene s;
    Head h = addHead(s, {0, 0, 0});
    if (withLesion) addLesion(s, skullLesion(), "scalp and skull mass");
    if (out) *out = h;
    return s;
}

}  // namespace

CasePlan lmsScalpSkull() {
    CasePlan p{"lms_scalp_skull", "003", "LMS^ScalpSkull", "MENSURA-LMS-003", "M", "037Y", "HEAD", {}, {}};
    StudyPlan st;
    st.key = "baseline";
    st.date = "20150508";
    st.description = "CT and MR head";
    const LesionDrawing lesion = skullLesion();
    // CT value about 38 HU, uneven enhancement at the edges; MR equal T1, long T2, uneven
    // enhancement.
    for (Tissue t : {Tissue::LesionRim, Tissue::LesionCore}) {
        st.tissues.set(t, Contrast::CtPre, 38);
        st.tissues.set(t, Contrast::T1, 400);
        st.tissues.set(t, Contrast::T2, 600);
    }
    st.tissues.set(Tissue::LesionRim, Contrast::CtPost, 110);
    st.tissues.set(Tissue::LesionCore, Contrast::CtPost, 50);
    st.tissues.set(Tissue::LesionRim, Contrast::T1Post, 850);
    st.tissues.set(Tissue::LesionCore, Contrast::T1Post, 480);
    Head head;
    st.scene = headScene(true, &head);
    const Scene without = headScene(false, nullptr);
    const PointLps c{0, 0, 30};
    st.series = {ct("01_CT_HEAD", "CT HEAD", Contrast::CtPre, axialGrid(200, 200, 30, 1.0, 4.0, c)),
                 ct("02_CT_HEAD_C", "CT HEAD C+", Contrast::CtPost, axialGrid(200, 200, 30, 1.0, 4.0, c)),
                 mr("03_T1_AX", "T1 AX", Contrast::T1, axialGrid(160, 160, 24, 1.25, 5.0, c)),
                 mr("04_T2_AX", "T2 AX", Contrast::T2, axialGrid(160, 160, 24, 1.25, 5.0, c)),
                 mr("05_T1_COR_C", "T1 COR C+", Contrast::T1Post, coronalGrid(160, 160, 30, 1.25, 5.0, c))};
    st.regions = {{"lesion core", lesion.outer.centre, 5}, {"brain", {-30, 20, 0}, 8}};
    const std::vector<Contrast> all{Contrast::CtPre, Contrast::CtPost, Contrast::T1, Contrast::T2, Contrast::T1Post};
    json l = lesionTruth(lesion, st.tissues, all);
    l["id"] = "L1";
    l["role"] = "primary";
    l["location"] = "left frontal vertex, scalp and skull, with dural extension";
    l["enhancementCt"] = enhancement(l["meanByContrast"], Contrast::CtPre, Contrast::CtPost, "HU");
    l["signalRatioToMuscle"] = signalRatios(st.tissues, l["meanByContrast"], {Contrast::T1, Contrast::T2});
    l["reported"] = {{"ctMeanHu", 38}, {"enhancement", "uneven, at the edges"}, {"T1", "iso"}, {"T2", "high"}};
    st.truth["lesions"] = json::array({l});
    // Skull destroyed under the lesion, and how far the lesion reaches inside the skull.
    p.truth["bone"] = lyticFractions(st.scene, without, {{"skull under the lesion", lesion.outer}});
    p.truth["bone"][0]["pattern"] = "osteolytic (moth-eaten)";
    const Vec3 n = lesion.outer.axes[2];
    double tInner = 0, tSkull = 0;
    for (double t = 0; t < 30; t += 0.01) {
        const PointLps q = lesion.outer.centre - t * n;
        if (tSkull == 0 && head.skullInner.contains(q)) tSkull = t;
        if (lesion.outer.contains(q)) tInner = t;
    }
    p.truth["relations"] =
        json::array({{{"target", "dura"}, {"invaded", tInner > tSkull}, {"intracranialDepthMm", tInner - tSkull}}});
    p.studies.push_back(std::move(st));
    return p;
}

}  // namespace mensura::imaging::phantom
