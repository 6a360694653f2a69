#include <gtest/gtest.h>

#include "OrthancFixture.h"
#include "OrthancServer.h"
#include "PacsTestData.h"
#include "mensura/pacs/DicomWebClient.h"
#include "mensura/pacs/DimseClient.h"
#include "mensura/pacs/InstanceFiles.h"
#include "support/TempDir.h"

using namespace mensura::imaging::pacs;
using mensura::test::OrthancServer;

namespace {
class Dimse : public mensura::test::OrthancWithSampleStudy {
  protected:
    Dimse() : OrthancWithSampleStudy(true) {}
};
}  // namespace

TEST_F(Dimse, EchoAndFindWithWildcardsDatesModalityAccession) {
    DimseClient client(server->node());
    ASSERT_TRUE(client.echo()) << client.echo().error().message;
    auto all = client.findStudies({});
    ASSERT_TRUE(all) << all.error().message;
    ASSERT_EQ(all->size(), 1u);
    const StudyRecord study = all->front();
    EXPECT_EQ(study.studyInstanceUid, studyUid);
    EXPECT_EQ(study.numberOfInstances, static_cast<int>(instances));
    EXPECT_EQ(study.numberOfSeries, 3);
    ASSERT_GE(study.patientName.size(), 2u);

    StudyQuery q;
    q.patientName = study.patientName.substr(0, 2) + "*";
    q.modality = "MR";
    q.studyDate = study.studyDate + "-" + study.studyDate;
    q.accessionNumber = study.accessionNumber;
    auto found = client.findStudies(q);
    ASSERT_TRUE(found) << found.error().message;
    EXPECT_EQ(found->size(), 1u);
    q.modality = "CT";
    EXPECT_TRUE(client.findStudies(q)->empty());
    q.modality.clear();
    q.patientName = "NOBODY*";
    EXPECT_TRUE(client.findStudies(q)->empty());

    auto series = client.findSeries(studyUid);
    ASSERT_TRUE(series) << series.error().message;
    ASSERT_EQ(series->size(), 3u);
    int total = 0;
    for (const auto& s : *series) {
        EXPECT_EQ(s.modality, "MR");
        total += s.numberOfInstances;
    }
    EXPECT_EQ(total, static_cast<int>(instances));
}

TEST_F(Dimse, CGetRetrievesPixelsAndGeometryUnchanged) {
    mensura::test::TempDir out;
    std::size_t lastProgress = 0;
    RetrieveOptions options;
    options.progress = [&](const RetrieveProgress& p) {
        EXPECT_EQ(p.expected, instances);
        lastProgress = p.received;
    };
    auto report = DimseClient(server->node()).retrieve({studyUid, "", out.path()}, RetrieveMethod::CGet, options);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->complete()) << report->summary();
    EXPECT_EQ(report->receivedFiles.size(), instances);
    EXPECT_EQ(lastProgress, instances);
    EXPECT_EQ(report->peerCompleted, static_cast<int>(instances));
    EXPECT_EQ(mensura::test::compareSeries(mensura::test::sampleStudyFolder(), out.path()), "");
}

TEST_F(Dimse, CMoveRetrievesPixelsAndGeometryUnchanged) {
    mensura::test::TempDir out;
    auto report = DimseClient(server->node()).retrieve({studyUid, "", out.path()}, RetrieveMethod::CMove);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->complete()) << report->summary();
    EXPECT_EQ(report->receivedFiles.size(), instances);
    EXPECT_EQ(mensura::test::compareSeries(mensura::test::sampleStudyFolder(), out.path()), "");
}

TEST_F(Dimse, StoredSrIsFoundByCFindAndQido) {
    mensura::test::TempDir tmp;
    const std::string sr = mensura::test::copySrFixture(tmp.path());
    if (sr.empty()) GTEST_SKIP() << "../shared/dicom SR fixture absent";
    DimseClient client(server->node());
    auto stored = client.store({sr, tmp / "missing.dcm"});
    ASSERT_TRUE(stored) << stored.error().message;
    ASSERT_EQ(stored->outcomes.size(), 2u);
    EXPECT_EQ(stored->failures(), 1u);  // the missing file, named
    auto id = readInstanceIdentity(sr);
    ASSERT_TRUE(id);
    StudyQuery q;
    q.studyInstanceUid = id->studyInstanceUid;
    auto studies = client.findStudies(q);
    ASSERT_TRUE(studies) << studies.error().message;
    ASSERT_EQ(studies->size(), 1u);
    auto series = client.findSeries(id->studyInstanceUid);
    ASSERT_TRUE(series);
    ASSERT_EQ(series->size(), 1u);
    EXPECT_EQ(series->front().modality, "SR");
    auto viaQido = DicomWebClient(server->dicomWebUrl()).searchInstances(id->studyInstanceUid);
    ASSERT_TRUE(viaQido) << viaQido.error().message;
    ASSERT_EQ(viaQido->size(), 1u);
    EXPECT_EQ(viaQido->front().sopInstanceUid, id->sopInstanceUid);
}
