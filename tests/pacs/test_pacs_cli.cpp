#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "OrthancServer.h"
#include "PacsTestData.h"
#include "support/TempDir.h"

using mensura::test::OrthancServer;
using mensura::test::runCommand;

TEST(PacsCli, EchoFindGetStoreAgainstOrthanc) {
    if (!OrthancServer::available()) GTEST_SKIP() << "Orthanc is not installed";
    OrthancServer server(OrthancServer::freePort());
    ASSERT_TRUE(server.running()) << server.startError();
    const auto files = OrthancServer::filesUnder(mensura::test::sampleStudyFolder());
    ASSERT_EQ(server.upload(files), static_cast<int>(files.size()));
    const std::string cli = MENSURA_PACS_CLI;
    const std::string peer = " --peer ORTHANC@127.0.0.1:" + std::to_string(server.dicomPort()) + " --aet MENSURA";
    std::string out;
    ASSERT_EQ(runCommand(cli + " pacs echo" + peer, &out), 0) << out;

    out.clear();
    ASSERT_EQ(runCommand(cli + " pacs find" + peer + " --modality MR", &out), 0) << out;
    auto json = nlohmann::json::parse(out);
    ASSERT_EQ(json["studies"].size(), 1u);
    const std::string study = json["studies"][0]["studyInstanceUid"];
    EXPECT_EQ(study, mensura::test::sampleStudyUid());

    out.clear();
    ASSERT_EQ(
        runCommand(cli + " pacs find --dicomweb " + server.dicomWebUrl() + " --level series --study " + study, &out),
        0);
    EXPECT_EQ(nlohmann::json::parse(out)["series"].size(), 3u);

    // The first series only, through the cache: the second get comes from the cache.
    mensura::test::TempDir cache;
    out.clear();
    ASSERT_EQ(runCommand(cli + " pacs get --dicomweb " + server.dicomWebUrl() + " --study " + study + " --cache " +
                             cache.path(),
                         &out),
              0)
        << out;
    json = nlohmann::json::parse(out);
    EXPECT_TRUE(json["complete"].get<bool>());
    EXPECT_FALSE(json["fromCache"].get<bool>());
    EXPECT_EQ(json["received"], files.size());
    out.clear();
    ASSERT_EQ(runCommand(cli + " pacs get --dicomweb " + server.dicomWebUrl() + " --study " + study + " --cache " +
                             cache.path(),
                         &out),
              0)
        << out;
    EXPECT_TRUE(nlohmann::json::parse(out)["fromCache"].get<bool>());

    // Errors: exit codes and a message naming the peer.
    EXPECT_EQ(runCommand(cli + " pacs get" + peer + " --study 1.2.3.4 --out " + cache.path() + "/x 2>&1", &out), 1);
    EXPECT_NE(out.find("not found on ORTHANC@127.0.0.1"), std::string::npos) << out;
    EXPECT_EQ(runCommand(cli + " pacs echo --peer nonsense 2>/dev/null"), 2);
}
