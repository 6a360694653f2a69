#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include "OrthancFixture.h"
#include "OrthancServer.h"
#include "PacsTestData.h"
#include "mensura/pacs/DicomWebClient.h"
#include "mensura/pacs/DimseClient.h"
#include "mensura/pacs/StudyCache.h"
#include "support/TempDir.h"

using namespace mensura::imaging::pacs;
using mensura::test::OrthancServer;

namespace {
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class Failures : public mensura::test::OrthancWithSampleStudy {
  protected:
    Failures() : OrthancWithSampleStudy(true) {}
};
}  // namespace

TEST(PacsDown, EveryServiceSaysItCannotConnect) {
    PacsNode node;
    node.calledAet = "ORTHANC";
    node.port = OrthancServer::freePort();  // nothing listens there
    node.connectTimeoutSeconds = 2;
    mensura::test::TempDir out;
    const auto echo = DimseClient(node).echo();
    ASSERT_FALSE(echo);
    EXPECT_TRUE(contains(echo.error().message, "cannot connect to ORTHANC@127.0.0.1:" + std::to_string(node.port)))
        << echo.error().message;
    const auto get = DimseClient(node).retrieve({"1.2.3", "", out.path()}, RetrieveMethod::CGet);
    ASSERT_FALSE(get);
    EXPECT_TRUE(contains(get.error().message, "cannot connect")) << get.error().message;
    const auto qido = DicomWebClient("http://127.0.0.1:" + std::to_string(node.port) + "/dicom-web").searchStudies({});
    ASSERT_FALSE(qido);
    EXPECT_TRUE(contains(qido.error().message, "127.0.0.1:" + std::to_string(node.port))) << qido.error().message;
}

TEST(PacsDown, SilentPeerTimesOut) {
    // A socket that accepts TCP connections (backlog) but never speaks DICOM.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::listen(fd, 4), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    PacsNode node;
    node.calledAet = "SILENT";
    node.port = ntohs(addr.sin_port);
    node.connectTimeoutSeconds = 1;
    const auto echo = DimseClient(node).echo();
    ::close(fd);
    ASSERT_FALSE(echo);
    EXPECT_TRUE(contains(echo.error().message, "SILENT@127.0.0.1")) << echo.error().message;
}

TEST_F(Failures, RejectedAssociationsNameTheAeTitle) {
    PacsNode badCalled = server->node();
    badCalled.calledAet = "NOTORTHANC";
    const auto a = DimseClient(badCalled).echo();
    ASSERT_FALSE(a);
    EXPECT_TRUE(contains(a.error().message, "association rejected")) << a.error().message;
    EXPECT_TRUE(contains(a.error().message, "'NOTORTHANC' is not the archive's AE title")) << a.error().message;
    PacsNode unknownCaller = server->node();
    unknownCaller.callingAet = "STRANGER";
    const auto b = DimseClient(unknownCaller).findStudies({});
    ASSERT_FALSE(b);
    EXPECT_TRUE(contains(b.error().message, "does not know Mensura's AE title 'STRANGER'")) << b.error().message;
}

TEST_F(Failures, StudyDeletedBetweenFindAndGet) {
    DimseClient client(server->node());
    auto found = client.findStudies({});
    ASSERT_TRUE(found);
    ASSERT_EQ(found->size(), 1u);
    ASSERT_TRUE(server->deleteStudy(studyUid));
    mensura::test::TempDir out;
    for (auto method : {RetrieveMethod::CGet, RetrieveMethod::CMove}) {
        auto r = client.retrieve({studyUid, "", out.path()}, method);
        ASSERT_FALSE(r);
        EXPECT_TRUE(contains(r.error().message, "study " + studyUid + " not found on ORTHANC@")) << r.error().message;
    }
    auto wado = DicomWebClient(server->dicomWebUrl()).retrieve({studyUid, "", out.path()});
    ASSERT_FALSE(wado);
    EXPECT_TRUE(contains(wado.error().message, "not found")) << wado.error().message;
    EXPECT_TRUE(std::filesystem::is_empty(out.path()));
}

TEST_F(Failures, CGetCutOffHalfwayIsReportedAndNotCachedAsComplete) {
    mensura::test::TempDir cacheDir;
    auto cache = StudyCache::open(cacheDir.path(), 0);
    ASSERT_TRUE(cache);
    RetrieveOptions options;
    options.progress = [&](const RetrieveProgress& p) {
        if (p.received == p.expected / 2) server->kill();  // the archive dies mid-transfer
    };
    auto report =
        DimseClient(server->node()).retrieve({studyUid, "", cache->folderFor(studyUid)}, RetrieveMethod::CGet, options);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_FALSE(report->complete());
    EXPECT_EQ(report->receivedFiles.size(), instances / 2);
    EXPECT_EQ(report->missingSopInstanceUids.size(), instances - instances / 2);
    EXPECT_TRUE(contains(report->summary(), "INCOMPLETE")) << report->summary();
    EXPECT_TRUE(contains(report->summary(), std::to_string(instances / 2) + " of " + std::to_string(instances)));
    ASSERT_TRUE(cache->commit(studyUid, report->peer, report->complete(), report->receivedFiles.size()));
    EXPECT_FALSE(cache->find(studyUid));  // never shown as the complete study
}

TEST_F(Failures, WadoCancelledHalfwayListsWhatIsMissing) {
    std::atomic<bool> cancel{false};
    RetrieveOptions options;
    options.cancel = &cancel;
    options.progress = [&](const RetrieveProgress& p) {
        if (p.received == 10) cancel = true;
    };
    mensura::test::TempDir out;
    auto report = DicomWebClient(server->dicomWebUrl()).retrieve({studyUid, "", out.path()}, options);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->cancelled);
    EXPECT_FALSE(report->complete());
    EXPECT_EQ(report->receivedFiles.size(), 10u);
    EXPECT_EQ(report->missingSopInstanceUids.size(), instances - 10);
}
