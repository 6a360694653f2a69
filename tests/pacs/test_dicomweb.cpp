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
class DicomWeb : public mensura::test::OrthancWithSampleStudy {
  protected:
    DicomWeb() : OrthancWithSampleStudy(false) {}
};
}  // namespace

TEST_F(DicomWeb, QidoSearchesStudiesAndSeries) {
    DicomWebClient client(server->dicomWebUrl());
    ASSERT_TRUE(client.ping()) << client.ping().error().message;
    auto all = client.searchStudies({});
    ASSERT_TRUE(all) << all.error().message;
    ASSERT_EQ(all->size(), 1u);
    EXPECT_EQ(all->front().studyInstanceUid, studyUid);
    EXPECT_EQ(all->front().numberOfInstances, static_cast<int>(instances));
    StudyQuery q;
    q.patientName = all->front().patientName.substr(0, 2) + "*";
    q.modality = "MR";
    EXPECT_EQ(client.searchStudies(q)->size(), 1u);
    q.patientName = "NOBODY*";
    EXPECT_TRUE(client.searchStudies(q)->empty());
    auto series = client.searchSeries(studyUid);
    ASSERT_TRUE(series);
    EXPECT_EQ(series->size(), 3u);
    // The same answers as C-FIND.
    auto viaDimse = DimseClient(server->node()).findStudies({});
    ASSERT_TRUE(viaDimse);
    EXPECT_EQ(viaDimse->front().patientName, all->front().patientName);
    EXPECT_EQ(viaDimse->front().studyDate, all->front().studyDate);
}

TEST_F(DicomWeb, WadoRetrievesPixelsAndGeometryUnchanged) {
    mensura::test::TempDir out;
    auto report = DicomWebClient(server->dicomWebUrl()).retrieve({studyUid, "", out.path()});
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->complete()) << report->summary();
    EXPECT_EQ(report->receivedFiles.size(), instances);
    EXPECT_EQ(mensura::test::compareSeries(mensura::test::sampleStudyFolder(), out.path()), "");
}

TEST_F(DicomWeb, StowedSrIsFoundByQidoAndCFind) {
    mensura::test::TempDir tmp;
    const std::string sr = mensura::test::copySrFixture(tmp.path());
    if (sr.empty()) GTEST_SKIP() << "../shared/dicom SR fixture absent";
    DicomWebClient client(server->dicomWebUrl());
    auto stored = client.store({sr});
    ASSERT_TRUE(stored) << stored.error().message;
    ASSERT_EQ(stored->failures(), 0u) << stored->toJson().dump();
    auto id = readInstanceIdentity(sr);
    ASSERT_TRUE(id);
    StudyQuery q;
    q.studyInstanceUid = id->studyInstanceUid;
    auto viaQido = client.searchStudies(q);
    ASSERT_TRUE(viaQido);
    EXPECT_EQ(viaQido->size(), 1u);
    auto viaFind = DimseClient(server->node()).findInstances(id->studyInstanceUid);
    ASSERT_TRUE(viaFind) << viaFind.error().message;
    ASSERT_EQ(viaFind->size(), 1u);
    EXPECT_EQ(viaFind->front().sopInstanceUid, id->sopInstanceUid);
}
