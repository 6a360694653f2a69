#pragma once
// A real Orthanc holding the sample study, for every PACS test that needs one.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "OrthancServer.h"
#include "PacsTestData.h"

namespace mensura::test {

class OrthancWithSampleStudy : public ::testing::Test {
  protected:
    // withMovePort: register a Storage SCP port for C-MOVE as modality MENSURA.
    explicit OrthancWithSampleStudy(bool withMovePort) : withMovePort_(withMovePort) {}

    void SetUp() override {
        if (!OrthancServer::available()) GTEST_SKIP() << "Orthanc is not installed";
        server = std::make_unique<OrthancServer>(withMovePort_ ? OrthancServer::freePort() : 0);
        ASSERT_TRUE(server->running()) << server->startError();
        const auto files = OrthancServer::filesUnder(sampleStudyFolder());
        ASSERT_EQ(server->upload(files), static_cast<int>(files.size()));
        studyUid = sampleStudyUid();
        instances = files.size();
    }

    std::unique_ptr<OrthancServer> server;
    std::string studyUid;
    std::size_t instances = 0;

  private:
    bool withMovePort_;
};

}  // namespace mensura::test
