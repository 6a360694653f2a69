#include "ReportCase.h"

#include <filesystem>

#include "mensura/annotations/Codes.h"
#include "mensura/case/CaseFolder.h"
#include "mensura/dicom/DicomIndex.h"

namespace mensura::test {
using namespace annotations;

std::optional<ReportCase> makeReportCase(const std::string& folder, std::string* why) {
    ReportCase rc;
    rc.folder = folder;
    rc.seriesFolder = std::string(MENSURA_SAMPLE_DICOM) + "/ccs_craniocervical/baseline/02_CT_NECK_C";
    if (!std::filesystem::exists(rc.seriesFolder)) {
        *why = rc.seriesFolder + " is absent";
        return std::nullopt;
    }
    std::string error;
    const imaging::DicomIndex index = imaging::indexPath(rc.seriesFolder, {}, &error);
    if (index.patients.empty() || index.patients[0].studies.empty() || index.patients[0].studies[0].series.empty()) {
        *why = "no series in " + rc.seriesFolder + " " + error;
        return std::nullopt;
    }
    const auto& patient = index.patients[0];
    const auto& study = patient.studies[0];
    const auto& stack = study.series[0];
    rc.patientName = patient.patientName;
    rc.patientId = patient.patientId;
    rc.studyDate = study.studyDate;

    CaseDocument& doc = rc.document;
    doc.dicom.push_back({study.studyInstanceUid, stack.seriesInstanceUid, stack.first().frameOfReferenceUid,
                         rc.seriesFolder, "CT neck, contrast-enhanced"});

    Annotation tri;
    tri.uid = "2.25.77001";
    tri.kind = AnnotationKind::Triaxial;
    tri.category = AnnotationCategory::LesionExtent;
    tri.label = kTriaxialLabel;
    tri.image = {study.studyInstanceUid, stack.seriesInstanceUid, "", 0, stack.first().frameOfReferenceUid};
    const imaging::PointLps c = kLesionCentre;
    tri.pointsLps = {c + imaging::Vec3{0, -20, 0},   c + imaging::Vec3{0, 20, 0},    // AP along y
                     c + imaging::Vec3{-23.5, 0, 0}, c + imaging::Vec3{23.5, 0, 0},  // LR along x
                     c + imaging::Vec3{0, 0, -17},   c + imaging::Vec3{0, 0, 17}};   // SI along z
    tri.measurements = geometricMeasurements(tri);
    tri.citedBy = {"rc-ap", "rc-lr", "rc-si", "rc-vol"};
    doc.annotations.push_back(tri);

    CaseRecord& r = doc.record;
    r.caseId = "report-test";
    r.title = "Clear cell sarcoma, craniocervical junction";
    r.patient.ageYears = 33;
    r.patient.sex = codes::kMale;
    r.presentation.chiefComplaint = "Neck mass; seen for " + rc.patientName + " (ID " + rc.patientId + ")";
    LabResult lab;
    lab.name = "CA-125";
    lab.value = 336.2;
    lab.unit = "[U]/mL";
    lab.referenceRange.text = "<= 35 U/mL";
    lab.date = "2023-03-08";
    r.laboratory.push_back(lab);
    Lesion lesion;
    lesion.trackingId = "L1";
    lesion.trackingUid = "2.25.77002";
    lesion.bodySiteText = "left paraspinal, C1-C2";
    lesion.laterality = codes::kLeft;
    r.lesions.push_back(lesion);

    Timepoint baseline;
    baseline.uid = "2.25.77003";
    baseline.label = "Baseline CT";
    baseline.date = rc.studyDate.size() == 8
                        ? rc.studyDate.substr(0, 4) + "-" + rc.studyDate.substr(4, 2) + "-" + rc.studyDate.substr(6, 2)
                        : rc.studyDate;
    baseline.studies.push_back({study.studyInstanceUid, "CT", "CT neck", baseline.date});
    LesionObservation obs;
    obs.lesionTrackingUid = lesion.trackingUid;
    const std::pair<Quantity, const char*> linked[] = {{Quantity::ApDiameter, "rc-ap"},
                                                       {Quantity::LrDiameter, "rc-lr"},
                                                       {Quantity::SiDiameter, "rc-si"},
                                                       {Quantity::Volume, "rc-vol"}};
    for (const auto& [q, field] : linked) {
        RecordValue v;
        v.fieldId = field;
        v.quantity = q;
        v.value = tri.find(q)->measurement;
        v.link = AnnotationLink{tri.uid, q};
        v.state = LinkState::Linked;
        obs.values.push_back(v);
    }
    Finding margin;
    margin.fieldId = "rc-margin";
    margin.concept = codes::kMargin;
    margin.value = {"M-0215", "99MENSURA", "well circumscribed"};
    margin.evidence = {tri.uid};
    margin.state = LinkState::Linked;
    obs.findings.push_back(margin);
    baseline.observations.push_back(obs);
    r.imaging.push_back(baseline);

    Timepoint followUp;  // reported only: 30 x 35 x 30 mm, a partial response
    followUp.uid = "2.25.77004";
    followUp.label = "Follow-up";
    followUp.role = TimepointRole::FollowUp;
    followUp.date = "2023-09-20";
    LesionObservation later;
    later.lesionTrackingUid = lesion.trackingUid;
    const std::pair<Quantity, double> reported[] = {
        {Quantity::ApDiameter, 30}, {Quantity::LrDiameter, 32}, {Quantity::SiDiameter, 30}};
    int n = 0;
    for (const auto& [q, mm] : reported) {
        RecordValue v;
        v.fieldId = "rc-fu-" + std::to_string(++n);
        v.quantity = q;
        v.value = {mm, "mm", "reported", "manual", ""};
        v.reportedText = std::to_string(int(mm)) + " mm";
        later.values.push_back(v);
    }
    followUp.observations.push_back(later);
    r.imaging.push_back(followUp);
    r.diagnosis.text = "Clear cell sarcoma";
    r.diagnosis.morphology = codes::kClearCellSarcoma;

    std::filesystem::create_directories(folder);
    if (auto err = saveCase(folder, doc)) {
        *why = err->message;
        return std::nullopt;
    }
    return rc;
}

}  // namespace mensura::test
