// SEG from a case's annotations, and de-identified SR + SEG + images that still point at each
// other.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "mensura/case/CaseFolder.h"
#include "mensura/dicom-objects/Segmentation.h"
#include "mensura/dicom-objects/SrExport.h"
#include "mensura/dicom/DicomHeaderReader.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/VolumeLoader.h"
#include "mensura/export/DicomExport.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace mensura;
using namespace mensura::annotations;
using mensura::test::runCommand;
using mensura::test::TempDir;

namespace {

const std::string kDwi = std::string(MENSURA_SAMPLE_DICOM) + "/ccs_craniocervical/baseline/06_DWI_AX";

imaging::Volume loadDwi() {
    std::string error;
    const auto index = imaging::indexPath(kDwi, {}, &error);
    return std::move(*imaging::loadVolume(*index.allStacks().front()));
}

// Lesion L1 measured with a tri-axial on the DWI (the ground truth's 40 x 47 x 34 mm at (27,8,10)).
CaseDocument dwiCase(const imaging::Volume& v) {
    const std::size_t k = static_cast<std::size_t>(std::lround(v.geometry.lpsToIndex({27, 8, 10}).z));
    const double z = v.geometry.indexToLps(0, 0, double(k)).z;
    CaseDocument doc;
    doc.dicom.push_back({v.studyInstanceUid, v.seriesInstanceUid, v.frameOfReferenceUid, kDwi, "DWI"});
    Annotation a;
    a.uid = "2.25.2001";
    a.kind = AnnotationKind::Triaxial;
    a.category = AnnotationCategory::LesionExtent;
    a.image = {v.studyInstanceUid, v.seriesInstanceUid, v.slices[k].sopInstanceUid, 0, v.frameOfReferenceUid};
    a.pointsLps = {{27, -12, z}, {27, 28, z}, {3.5, 8, z}, {50.5, 8, z}, {27, 8, -7}, {27, 8, 27}};
    a.measurements = geometricMeasurements(a);
    a.citedBy = {"v-ap"};
    doc.annotations.push_back(a);
    Lesion lesion;
    lesion.trackingId = "L1";
    lesion.trackingUid = "2.25.777";
    doc.record.lesions.push_back(lesion);
    Timepoint tp;
    tp.uid = "2.25.888";
    tp.label = "baseline";
    tp.studies.push_back({v.studyInstanceUid, "MR", "", ""});
    LesionObservation obs;
    obs.lesionTrackingUid = lesion.trackingUid;
    RecordValue value;
    value.fieldId = "v-ap";
    value.quantity = Quantity::ApDiameter;
    value.value = a.find(Quantity::ApDiameter)->measurement;
    value.link = AnnotationLink{a.uid, Quantity::ApDiameter};
    value.state = LinkState::Linked;
    obs.values.push_back(value);
    tp.observations.push_back(obs);
    doc.record.imaging.push_back(tp);
    return doc;
}

std::size_t voxels(const imaging::LesionMask& m) {
    std::size_t n = 0;
    for (auto x : m.voxels) n += x != 0;
    return n;
}

}  // namespace

TEST(SegExport, LesionSegmentedFromItsCalipersMatchesTheGroundTruthVolume) {
    const imaging::Volume dwi = loadDwi();
    TempDir dir;
    ASSERT_FALSE(saveCase(dir / "case", dwiCase(dwi)).has_value());
    auto written = exportSeg(dir / "case", dir / "out");
    ASSERT_TRUE(written.ok()) << written.error().message;
    ASSERT_EQ(written->size(), 1u);
    if (std::system("command -v dciodvfy >/dev/null 2>&1") == 0) {
        std::string out;
        runCommand("dciodvfy '" + written->front() + "' 2>&1", &out);
        EXPECT_EQ(out.find("Error"), std::string::npos) << out;
    }
    auto seg = imaging::seg::readSegmentation(written->front());
    ASSERT_TRUE(seg.ok()) << seg.error().message;
    ASSERT_EQ(seg->segments.size(), 1u);
    EXPECT_EQ(seg->segments[0].description.trackingId, "L1");
    auto mask = imaging::seg::segmentToMask(*seg, seg->segments[0], dwi);
    ASSERT_TRUE(mask.ok());
    const auto& s = dwi.geometry.spacingMm;
    const double ml = voxels(*mask) * s.x * s.y * s.z / 1000.0;
    EXPECT_NEAR(ml, 33.47, 0.15 * 33.47) << "2 x 2 x 5 mm voxels: partial volume at the edges";
}

TEST(DeidentifiedExport, SrSegAndImagesStillReferenceEachOther) {
    const imaging::Volume dwi = loadDwi();
    TempDir dir;
    ASSERT_FALSE(saveCase(dir / "case", dwiCase(dwi)).has_value());
    DeidentificationPolicy policy;
    policy.enabled = true;
    auto images = exportImages(dir / "case", dir / "out", policy);
    auto seg = exportSeg(dir / "case", dir / "out", policy);
    SrExportOptions options;
    options.deidentification = policy;
    auto sr = exportSr(dir / "case", dir / "out", options);
    ASSERT_TRUE(images.ok() && seg.ok() && sr.ok());
    ASSERT_EQ(images->size(), dwi.slices.size());
    // The de-identified images' UIDs.
    std::set<std::string> sops, series;
    for (const auto& f : *images) {
        auto h = imaging::readFrameHeaders(f);
        ASSERT_TRUE(h.ok());
        sops.insert(h->front().sopInstanceUid);
        series.insert(h->front().seriesInstanceUid);
        EXPECT_EQ(h->front().patientName, "ANONYMOUS");
        EXPECT_EQ(h->front().studyDate.find("2023"), std::string::npos);
    }
    EXPECT_EQ(series.size(), 1u);
    EXPECT_EQ(sops.count(dwi.slices[0].sopInstanceUid), 0u);
    // The SEG references the de-identified series and its frames the de-identified slices.
    auto read = imaging::seg::readSegmentation(seg->front());
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(read->referencedSeriesInstanceUid, *series.begin());
    for (const auto& f : read->segments[0].frames) EXPECT_EQ(sops.count(f.sourceSopInstanceUid), 1u);
    // The SR's coordinates are selected from de-identified slices.
    auto report = readMeasurementReport(sr->front());
    ASSERT_TRUE(report.ok());
    ASSERT_FALSE(report->groups.empty());
    for (const auto& m : report->groups[0].measurements)
        for (const auto& c : m.coordinates) EXPECT_EQ(sops.count(c.sopInstanceUid), 1u);
    // De-identified images still load as the same volume.
    std::string error;
    const auto index = imaging::indexPath(dir / "out/images", {}, &error);
    ASSERT_EQ(index.allStacks().size(), 1u);
    auto v = imaging::loadVolume(*index.allStacks().front());
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->geometry.size, dwi.geometry.size);
    if (std::system("command -v dciodvfy >/dev/null 2>&1") == 0) {
        std::string out;
        runCommand("dciodvfy '" + images->front() + "' 2>&1 | grep '^Error'", &out);
        EXPECT_TRUE(out.empty()) << out;
    }
}

TEST(ExportCli, TheSeedExampleExportsValidSrSegAndImages) {
    const std::string example = std::string(MENSURA_SOURCE_DIR) + "/cases/examples/seed000_ccs_craniocervical";
    TempDir out;
    std::string printed;
    ASSERT_EQ(runCommand(std::string(MENSURA_CLI) + " export '" + example +
                             "' --format sr --format seg --format images --deidentify --out '" + out.path() + "'",
                         &printed),
              0);
    int sr = 0, seg = 0, images = 0;
    for (const auto& e : fs::recursive_directory_iterator(out.path())) {
        if (!e.is_regular_file()) continue;
        const std::string name = e.path().filename().string();
        sr += name.rfind("sr_", 0) == 0;
        seg += name.rfind("seg_", 0) == 0;
        images += name.rfind("IM", 0) == 0;
        if (std::system("command -v dciodvfy >/dev/null 2>&1") == 0 && name.rfind("IM0", 0) != 0) {
            std::string out2;
            runCommand("dciodvfy '" + e.path().string() + "' 2>&1 | grep '^Error'", &out2);
            EXPECT_TRUE(out2.empty()) << name << ": " << out2;
        }
    }
    EXPECT_EQ(sr, 1);
    EXPECT_GE(seg, 1);
    EXPECT_GT(images, 30);
    auto report = readMeasurementReport(
        (fs::path(out.path()) / printed.substr(printed.find("sr_"), printed.find('\n') - printed.find("sr_")))
            .string());
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(report->patientName, "ANONYMOUS");
    ASSERT_FALSE(report->groups.empty());
    EXPECT_EQ(report->groups[0].trackingId, "L1");
}

// A SeriesInstanceUID of "../../../../escape" (issue 28, item 3) must not take an export out of
// --out: the export refuses the name and writes nothing outside the folder.
TEST(ExportCli, AHostileSeriesUidCannotWriteOutsideTheOutputFolder) {
    const fs::path source = fs::path(MENSURA_SOURCE_DIR);
    const std::string ctUid = "2.25.472158395330464178887333099433787268";  // CT NECK C of the seed 000 case
    const std::string hostile = "../../../../escape";
    TempDir dir;
    fs::copy(source / "sample_dicom/ccs_craniocervical/baseline/02_CT_NECK_C", dir / "ct");
    for (const auto& f : fs::directory_iterator(dir / "ct"))
        ASSERT_EQ(runCommand("dcmodify -nb -m '(0020,000e)=" + hostile + "' '" + f.path().string() + "' 2>&1"), 0);
    std::ifstream in(source / "cases/examples/seed000_ccs_craniocervical/case.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto replaceAll = [&](const std::string& from, const std::string& to) {
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
    };
    replaceAll(ctUid, hostile);
    replaceAll("../../../sample_dicom/ccs_craniocervical/baseline/02_CT_NECK_C", (dir / "ct"));
    replaceAll("../../../sample_dicom", (source / "sample_dicom").string());
    fs::create_directories(dir / "case");
    std::ofstream(dir / "case/case.json") << text;

    const fs::path out = fs::path(dir / "deep/a/b/c/out");
    fs::create_directories(out);
    std::string printed;
    const int status = runCommand(
        std::string(MENSURA_CLI) + " export '" + (dir / "case") + "' --format images --out '" + out.string() + "' 2>&1",
        &printed);
    EXPECT_NE(status, 0) << printed;
    EXPECT_NE(printed.find("cannot name a file or folder"), std::string::npos) << printed;
    // "../../../../escape" from out/images lands in dir/deep: nothing may be there.
    EXPECT_FALSE(fs::exists(out / "images" / hostile)) << printed;
    EXPECT_FALSE(fs::exists(dir / "deep/escape")) << printed;
}

// Issue 28, item 2: a disk that fills while DCMTK buffers the SR left a 4,096-byte SR, its path
// printed and exit 0. A file-size limit of 4 KiB (ulimit -f; EFBIG stands in for ENOSPC) makes
// the write short the same way: the export must now fail, naming the file, and leave nothing.
TEST(ExportCli, AWriteCutShortByAFullDiskFailsAndLeavesNoFile) {
    const std::string example = std::string(MENSURA_SOURCE_DIR) + "/cases/examples/seed000_ccs_craniocervical";
    for (const char* format : {"sr", "seg"}) {
        TempDir out;
        std::string printed;
        const int status =
            runCommand(std::string("bash -c \"trap '' XFSZ; ulimit -f 4; '") + MENSURA_CLI + "' export '" + example +
                           "' --format " + format + " --out '" + out.path() + "'\" 2>&1",
                       &printed);
        EXPECT_NE(status, 0) << format << ": " << printed;
        // Named: the file in the output folder, and why (DCMTK's error, or the read-back's).
        EXPECT_NE(printed.find(out.path() + "/" + format + "_"), std::string::npos) << format << ": " << printed;
        EXPECT_TRUE(printed.find("disk full?") != std::string::npos ||
                    printed.find("cannot write") != std::string::npos)
            << format << ": " << printed;
        EXPECT_TRUE(fs::is_empty(out.path())) << format << ": a short file or a temporary was left";
    }
    // The images are copied: a copy cut short leaves no file either (the series folder may stay).
    TempDir out;
    std::string printed;
    EXPECT_NE(runCommand(std::string("bash -c \"trap '' XFSZ; ulimit -f 10; '") + MENSURA_CLI + "' export '" + example +
                             "' --format images --out '" + out.path() + "'\" 2>&1",
                         &printed),
              0)
        << printed;
    for (const auto& e : fs::recursive_directory_iterator(out.path()))
        EXPECT_FALSE(e.is_regular_file()) << e.path() << " was left: " << printed;
}
