#include "RecordFixture.h"

#include <fstream>

#include "mensura/annotations/Codes.h"
#include "support/TempDir.h"

namespace mensura::test {

using namespace annotations;

namespace {
RecordValue linked(const std::string& id, Quantity q, const std::string& uid, double v, const std::string& unit) {
    RecordValue r;
    r.fieldId = id;
    r.quantity = q;
    r.value = {v, unit, "", "", uid};
    r.link = AnnotationLink{uid, q};
    r.state = LinkState::Linked;
    return r;
}
}  // namespace

CaseDocument recordFixture() {
    CaseDocument d;
    ImageReference img{"2.25.1", "2.25.2", "2.25.3", 0, "2.25.4"};
    d.dicom.push_back({"2.25.1", "2.25.2", "2.25.4", "dicom/ct", "CT"});

    Annotation tri;
    tri.uid = kTriaxialUid;
    tri.kind = AnnotationKind::Triaxial;
    tri.category = AnnotationCategory::LesionExtent;
    tri.image = img;
    tri.pointsLps = {{0, -20, 0}, {0, 20, 0}, {-15, 0, 0}, {15, 0, 0}, {0, 0, -10}, {0, 0, 10}};
    tri.measurements = geometricMeasurements(tri);
    Annotation seg;
    seg.uid = kSegmentationUid;
    seg.kind = AnnotationKind::Segmentation;
    seg.category = AnnotationCategory::LesionExtent;
    seg.image = img;
    seg.segmentation = {"2.25.9", 1, "seg.dcm"};
    seg.measurements = {
        {Quantity::Volume, {12000, "mm3", "voxel count x voxel volume", "segmentation", kSegmentationUid}, false}};
    Annotation point;
    point.uid = kPointUid;
    point.kind = AnnotationKind::Point;
    point.category = AnnotationCategory::InvasionRelation;
    point.image = img;
    point.pointsLps = {{1, 2, 3}};
    Annotation line;
    line.uid = kLineUid;
    line.kind = AnnotationKind::Line;
    line.category = AnnotationCategory::LesionExtent;
    line.image = img;
    line.pointsLps = {{0, 0, 0}, {0, 11, 0}};
    line.measurements = geometricMeasurements(line);
    d.annotations = {tri, seg, point, line};

    CaseRecord& r = d.record;
    r.caseId = "fixture";
    r.patient.ageYears = 33;
    r.patient.sex = codes::kMale;
    r.lesions.push_back({"L1", "2.25.500", LesionRole::Primary, {}, "neck", codes::kLeft, {"C1", "C2"}, false, {}, ""});
    r.lesions.push_back({"LN1", "2.25.501", LesionRole::LymphNode, {}, "neck node", codes::kLeft, {}, true, {}, ""});
    Timepoint base;
    base.uid = "tp-base";
    base.role = TimepointRole::Baseline;
    base.date = "2021-07-01";
    LesionObservation o;
    o.lesionTrackingUid = "2.25.500";
    o.values = {linked("f-ap", Quantity::ApDiameter, kTriaxialUid, 40, "mm"),
                linked("f-lr", Quantity::LrDiameter, kTriaxialUid, 30, "mm"),
                linked("f-si", Quantity::SiDiameter, kTriaxialUid, 20, "mm"),
                linked("f-vol", Quantity::Volume, kSegmentationUid, 12000, "mm3")};
    Finding f;
    f.fieldId = "f-inv";
    f.concept = codes::kInvasion;
    f.value = {"M-0510", "99MENSURA", "Medulla oblongata"};
    f.evidence = {kPointUid};
    f.state = LinkState::Linked;
    o.findings = {f};
    LesionObservation node;
    node.lesionTrackingUid = "2.25.501";
    RecordValue shortAxis = linked("f-sa", Quantity::ShortAxis, kLineUid, 11, "mm");
    shortAxis.link->quantity = Quantity::Length;
    node.values = {shortAxis};
    base.observations = {o, node};
    Timepoint follow;
    follow.uid = "tp-follow";
    follow.role = TimepointRole::FollowUp;
    LesionObservation o2;
    o2.lesionTrackingUid = "2.25.500";
    RecordValue reported;
    reported.fieldId = "f-ap2";
    reported.quantity = Quantity::ApDiameter;
    reported.value = {35, "mm", "as reported", "report", ""};
    reported.reportedText = "3.5 cm";
    o2.values = {reported};
    follow.observations = {o2};
    r.imaging = {base, follow};
    r.diagnosis.text = "test";
    r.diagnosis.morphology = codes::kClearCellSarcoma;
    return d;
}

std::string schemaProblems(const std::string& jsonFile) {
    const std::string cmd = std::string("/usr/bin/python3 -c 'import json,sys,jsonschema; ") +
                            "jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' '" +
                            jsonFile + "' '" + MENSURA_CASE_SCHEMA + "' 2>&1";
    std::string out;
    const int status = runCommand(cmd, &out);
    return status == 0 ? std::string() : "status " + std::to_string(status) + ": " + out;
}

std::vector<bool> schemaAccepts(const std::vector<nlohmann::json>& documents) {
    TempDir dir;
    const std::string file = dir / "documents.json";
    std::ofstream(file) << nlohmann::json(documents).dump();
    const std::string cmd =
        std::string("/usr/bin/python3 -c 'import json,sys,jsonschema; ") +
        "s = json.load(open(sys.argv[2])); v = jsonschema.validators.validator_for(s)(s); " +
        "print(\"\".join(\"1\" if v.is_valid(d) else \"0\" for d in json.load(open(sys.argv[1]))))' '" + file + "' '" +
        MENSURA_CASE_SCHEMA + "'";
    std::string out;
    if (runCommand(cmd, &out) != 0) return {};
    std::vector<bool> accepted;
    for (char c : out)
        if (c == '0' || c == '1') accepted.push_back(c == '1');
    return accepted;
}

}  // namespace mensura::test
