// DICOM SR TID 1500: a case's tri-axial measurement written, validated with dciodvfy, shown by
// dsrdump, and read back with the same values and image coordinates; other tools' SRs read.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "mensura/annotations/Codes.h"
#include "mensura/case/CaseFolder.h"
#include "mensura/dicom-objects/SrExport.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/VolumeLoader.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace mensura;
using namespace mensura::annotations;
using mensura::test::runCommand;
using mensura::test::TempDir;

namespace {

const std::string kSamples = MENSURA_SAMPLE_DICOM;
const std::string kShared = MENSURA_SHARED_DICOM;
const std::string kCtFolder = kSamples + "/ccs_craniocervical/baseline/02_CT_NECK_C";

struct SampleCase {
    imaging::Volume ct;
    std::size_t slice = 0;  // the axial slice through the lesion centre
};

SampleCase loadCt() {
    std::string error;
    const auto index = imaging::indexPath(kCtFolder, {}, &error);
    auto v = imaging::loadVolume(*index.allStacks().front());
    EXPECT_TRUE(v.ok());
    SampleCase s{std::move(*v)};
    s.slice = static_cast<std::size_t>(std::lround(s.ct.geometry.lpsToIndex({27, 8, 10}).z));
    return s;
}

// A case whose lesion L1 carries the ground truth's tri-axial calipers (40 AP x 47 LR x 34 SI mm
// at (27, 8, 10)), drawn on the axial slice through its centre, and a coded enhancement finding.
CaseDocument triaxialCase(const SampleCase& s) {
    const imaging::PointLps c = s.ct.geometry.indexToLps(0, 0, double(s.slice));  // z of the slice
    const double z = c.z;
    CaseDocument doc;
    doc.dicom.push_back(
        {s.ct.studyInstanceUid, s.ct.seriesInstanceUid, s.ct.frameOfReferenceUid, kCtFolder, "CT NECK C+"});
    Annotation a;
    a.uid = "2.25.1001";
    a.kind = AnnotationKind::Triaxial;
    a.category = AnnotationCategory::LesionExtent;
    a.label = "L1";
    a.image = {s.ct.studyInstanceUid, s.ct.seriesInstanceUid, s.ct.slices[s.slice].sopInstanceUid, 0,
               s.ct.frameOfReferenceUid};
    a.pointsLps = {{27, -12, z}, {27, 28, z}, {3.5, 8, z}, {50.5, 8, z}, {27, 8, -7}, {27, 8, 27}};
    a.measurements = geometricMeasurements(a);
    a.citedBy = {"v-ap", "v-lr", "v-si"};
    doc.annotations.push_back(a);
    Lesion lesion;
    lesion.trackingId = "L1";
    lesion.trackingUid = "2.25.777";
    lesion.description = "left paraspinal mass";
    doc.record.lesions.push_back(lesion);
    Timepoint tp;
    tp.uid = "2.25.888";
    tp.label = "baseline";
    tp.date = "2023-03-10";
    tp.studies.push_back({s.ct.studyInstanceUid, "CT", "CT and MR neck", "2023-03-10"});
    LesionObservation obs;
    obs.lesionTrackingUid = lesion.trackingUid;
    for (auto [id, q] :
         {std::pair{"v-ap", Quantity::ApDiameter}, {"v-lr", Quantity::LrDiameter}, {"v-si", Quantity::SiDiameter}}) {
        RecordValue v;
        v.fieldId = id;
        v.quantity = q;
        v.value = a.find(q)->measurement;
        v.link = AnnotationLink{a.uid, q};
        v.state = LinkState::Linked;
        obs.values.push_back(v);
    }
    Finding f;
    f.fieldId = "f-enh";
    f.concept = codes::kEnhancementDegree;
    f.value = {"M-0203", "99MENSURA", "marked"};
    obs.findings.push_back(f);
    tp.observations.push_back(obs);
    doc.record.imaging.push_back(tp);
    return doc;
}

int measurementGroupsByDsrdump(const std::string& path) {
    std::string out;
    runCommand(
        "dsrdump '" + path + "' 2>/dev/null | grep -c 'CONTAINER:(,,\"Measurement Group\")\\|\"Measurement Group\"'",
        &out);
    return std::atoi(out.c_str());
}

}  // namespace

TEST(SrExport, TriaxialMeasurementWritesValidatesAndReadsBack) {
    const SampleCase s = loadCt();
    TempDir dir;
    const std::string caseFolder = dir / "case";
    ASSERT_FALSE(saveCase(caseFolder, triaxialCase(s)).has_value());
    auto written = exportSr(caseFolder, dir / "out");
    ASSERT_TRUE(written.ok()) << written.error().message;
    ASSERT_EQ(written->size(), 1u);
    const std::string sr = written->front();

    std::string out;
    if (std::system("command -v dciodvfy >/dev/null 2>&1") == 0) {
        runCommand("dciodvfy '" + sr + "' 2>&1", &out);
        EXPECT_EQ(out.find("Error"), std::string::npos) << out;
    }
    out.clear();
    runCommand("dsrdump +Pt '" + sr + "' 2>&1", &out);
    EXPECT_NE(out.find("TID 1500"), std::string::npos) << out.substr(0, 2000);
    EXPECT_NE(out.find("Anterior-posterior diameter"), std::string::npos);

    auto report = readMeasurementReport(sr);
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(report->studyInstanceUid, s.ct.studyInstanceUid);
    ASSERT_EQ(report->groups.size(), 1u);
    const SrGroup& g = report->groups.front();
    EXPECT_EQ(g.trackingId, "L1");
    EXPECT_EQ(g.trackingUid, "2.25.777");
    EXPECT_EQ(g.finding.value, "52988006");
    ASSERT_EQ(g.measurements.size(), 3u);
    const double expected[3] = {40, 47, 34};
    for (int i = 0; i < 3; ++i) {
        EXPECT_NEAR(g.measurements[i].value, expected[i], 1e-4) << g.measurements[i].concept.meaning;
        EXPECT_EQ(g.measurements[i].unit.value, "mm");
    }
    EXPECT_EQ(g.measurements[0].concept, codes::kApDiameter);
    // AP and LR lie in the axial slice: their SCOORDs are on it, at the pixels of their ends.
    for (int i = 0; i < 2; ++i) {
        ASSERT_EQ(g.measurements[i].coordinates.size(), 1u) << i;
        const SrCoordinates& c = g.measurements[i].coordinates.front();
        EXPECT_EQ(c.graphicType, "POLYLINE");
        EXPECT_EQ(c.sopInstanceUid, s.ct.slices[s.slice].sopInstanceUid);
        ASSERT_EQ(c.points.size(), 2u);
        const auto& geo = s.ct.geometry;
        const imaging::PointLps end = i == 0 ? imaging::PointLps{27, 28, 0} : imaging::PointLps{50.5, 8, 0};
        const imaging::Vec3 idx = geo.lpsToIndex({end.x, end.y, geo.indexToLps(0, 0, double(s.slice)).z});
        EXPECT_NEAR(c.points[1].first, idx.x + 0.5, 1e-3);
        EXPECT_NEAR(c.points[1].second, idx.y + 0.5, 1e-3);
    }
    // SI crosses slices: no 2D SCOORD (documented limit).
    EXPECT_TRUE(g.measurements[2].coordinates.empty());
    ASSERT_EQ(g.qualitative.size(), 1u);
    EXPECT_EQ(g.qualitative[0].second.meaning, "marked");
}

TEST(SrExport, DeidentifiedReportHidesThePatientAndRemapsUids) {
    const SampleCase s = loadCt();
    TempDir dir;
    const std::string caseFolder = dir / "case";
    ASSERT_FALSE(saveCase(caseFolder, triaxialCase(s)).has_value());
    SrExportOptions options;
    options.deidentification.enabled = true;
    auto written = exportSr(caseFolder, dir / "out", options);
    ASSERT_TRUE(written.ok()) << written.error().message;
    auto report = readMeasurementReport(written->front());
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->patientName, "ANONYMOUS");
    EXPECT_EQ(report->studyInstanceUid, options.deidentification.remapUid(s.ct.studyInstanceUid));
    EXPECT_NE(report->studyInstanceUid, s.ct.studyInstanceUid);
    std::string out;
    runCommand("dcmdump '" + written->front() + "' 2>&1", &out);
    EXPECT_EQ(out.find("CCS^Craniocervical"), std::string::npos);
    EXPECT_EQ(out.find("MENSURA-CCS-000"), std::string::npos);
    EXPECT_EQ(out.find(s.ct.slices[s.slice].sopInstanceUid), std::string::npos);
    EXPECT_EQ(out.find("20230310"), std::string::npos);
}

TEST(SrImport, OtherToolsMeasurementReports) {
    struct Expect {
        std::string path;
    };
    std::vector<std::string> files = {kShared + "/seg_sr_highdicom_fixtures/sr_document.dcm",
                                      kShared + "/seg_sr_highdicom_fixtures/sr_document_with_multiple_groups.dcm",
                                      kShared + "/seg_sr_dcmqi/sr-example/sr.dcm"};
    int read = 0;
    for (const auto& f : files) {
        if (!fs::exists(f)) continue;
        auto report = readMeasurementReport(f);
        ASSERT_TRUE(report.ok()) << report.error().message;
        EXPECT_EQ(int(report->groups.size()), measurementGroupsByDsrdump(f)) << f;
        std::size_t numbers = 0;
        for (const auto& g : report->groups)
            for (const auto& m : g.measurements) {
                EXPECT_TRUE(std::isfinite(m.value)) << f;
                ++numbers;
            }
        EXPECT_GT(numbers, 0u) << f;
        ++read;
    }
    if (read == 0) GTEST_SKIP() << kShared << " is absent";
    // Not an SR at all: refused by name.
    auto notSr = readMeasurementReport(kCtFolder + "/IM0001");
    ASSERT_FALSE(notSr.ok());
    EXPECT_NE(notSr.error().message.find("IM0001"), std::string::npos);
}

TEST(SrImport, OwnReportBecomesAnnotationsAtTheSamePoints) {
    const SampleCase s = loadCt();
    TempDir dir;
    const std::string caseFolder = dir / "case";
    const CaseDocument doc = triaxialCase(s);
    ASSERT_FALSE(saveCase(caseFolder, doc).has_value());
    auto written = exportSr(caseFolder, dir / "out");
    ASSERT_TRUE(written.ok());
    auto report = readMeasurementReport(written->front());
    ASSERT_TRUE(report.ok());
    auto imported = srToAnnotations(*report, kCtFolder);
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    // AP and LR were in plane: two lines at the original points, with their values; SI had no
    // SCOORD and is not placed.
    ASSERT_EQ(imported->annotations.size(), 2u);
    const auto& original = doc.annotations.front().pointsLps;
    for (int i = 0; i < 2; ++i) {
        const Annotation& a = imported->annotations[i];
        EXPECT_EQ(a.kind, AnnotationKind::Line);
        EXPECT_EQ(a.image.sopInstanceUid, s.ct.slices[s.slice].sopInstanceUid);
        ASSERT_EQ(a.pointsLps.size(), 2u);
        for (int e = 0; e < 2; ++e) EXPECT_LT(imaging::norm(a.pointsLps[e] - original[2 * i + e]), 1e-3);
        ASSERT_EQ(a.measurements.size(), 1u);
        EXPECT_NEAR(a.measurements[0].measurement.value, i == 0 ? 40.0 : 47.0, 1e-4);
        EXPECT_EQ(a.measurements[0].quantity, i == 0 ? Quantity::ApDiameter : Quantity::LrDiameter);
        // The length of the imported line is the reported value.
        EXPECT_NEAR(imaging::norm(a.pointsLps[1] - a.pointsLps[0]), a.measurements[0].measurement.value, 1e-3);
    }
}

TEST(SrImport, HighdicomReportLandsOnItsCtImage) {
    const std::string dir = kShared + "/seg_sr_highdicom_fixtures";
    if (!fs::exists(dir)) GTEST_SKIP() << dir << " is absent";
    auto report = readMeasurementReport(dir + "/sr_document.dcm");
    ASSERT_TRUE(report.ok());
    TempDir images;
    fs::copy_file(dir + "/ct_image.dcm", images / "ct_image.dcm");
    auto imported = srToAnnotations(*report, images.path());
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    ASSERT_FALSE(imported->annotations.empty());
    for (const auto& a : imported->annotations) {
        EXPECT_FALSE(a.pointsLps.empty());
        EXPECT_FALSE(a.measurements.empty());
    }
}
