#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "mensura/pacs/MultipartReader.h"
#include "mensura/pacs/PacsNode.h"
#include "mensura/pacs/StudyCache.h"
#include "support/TempDir.h"

using namespace mensura::imaging::pacs;
namespace fs = std::filesystem;

TEST(Multipart, PartsSurviveAnyChunking) {
    const std::string body =
        "preamble\r\n--XyZ\r\nContent-Type: application/dicom\r\n\r\nfirst\r\n--X part\r\n"
        "--XyZ\r\nContent-Type: application/dicom\r\n\r\n\r\nsecond--XyZ\r\n--XyZ--\r\n";
    for (std::size_t chunk = 1; chunk <= body.size(); ++chunk) {
        std::vector<std::string> parts;
        MultipartReader reader("XyZ", {[&](const std::string& h) {
                                           EXPECT_NE(h.find("application/dicom"), std::string::npos);
                                           parts.emplace_back();
                                           return true;
                                       },
                                       [&](const char* d, std::size_t n) {
                                           parts.back().append(d, n);
                                           return true;
                                       },
                                       [] { return true; }});
        for (std::size_t at = 0; at < body.size(); at += chunk)
            ASSERT_TRUE(reader.feed(body.data() + at, std::min(chunk, body.size() - at)));
        ASSERT_TRUE(reader.finished()) << "chunk " << chunk;
        ASSERT_EQ(parts.size(), 2u) << "chunk " << chunk;
        EXPECT_EQ(parts[0], "first\r\n--X part");
        EXPECT_EQ(parts[1], "\r\nsecond--XyZ");
    }
}

TEST(Multipart, BoundaryFromContentType) {
    EXPECT_EQ(MultipartReader::boundaryOf("multipart/related; type=\"application/dicom\"; boundary=abc-1"), "abc-1");
    EXPECT_EQ(MultipartReader::boundaryOf("multipart/related; Boundary=\"q r\"; type=x"), "q r");
    EXPECT_EQ(MultipartReader::boundaryOf("application/dicom"), "");
}

TEST(PacsNode, ParsesPeerAndRejectsBadOnes) {
    auto node = parsePeer("ORTHANC@127.0.0.1:4242");
    ASSERT_TRUE(node);
    EXPECT_EQ(node->calledAet, "ORTHANC");
    EXPECT_EQ(node->host, "127.0.0.1");
    EXPECT_EQ(node->port, 4242);
    EXPECT_FALSE(parsePeer("127.0.0.1:4242"));
    EXPECT_FALSE(parsePeer("A@host:99999"));
    EXPECT_FALSE(parsePeer("A@host:x"));
    EXPECT_NE(parsePeer("WAYTOOLONGAETITLE17@h:1").error().message.find("16"), std::string::npos);
}

namespace {
void fillStudy(const StudyCache& cache, const std::string& uid, std::size_t bytes) {
    const fs::path dir = fs::path(cache.folderFor(uid)) / "1.2.3";
    fs::create_directories(dir);
    std::ofstream(dir / "a.dcm", std::ios::binary) << std::string(bytes, 'x');
}
}  // namespace

TEST(StudyCache, EvictsLeastRecentlyUsedButNeverPinned) {
    mensura::test::TempDir dir;
    std::set<std::string> pinned = {"1.1"};
    auto cache = StudyCache::open(dir.path(), 2500, [&](const std::string& uid) { return pinned.count(uid) > 0; });
    ASSERT_TRUE(cache) << cache.error().message;
    for (const char* uid : {"1.1", "1.2", "1.3"}) {
        fillStudy(*cache, uid, 1000);
        auto evicted = cache->commit(uid, "test", true, 1);
        ASSERT_TRUE(evicted);
        if (std::string(uid) != "1.3")
            EXPECT_TRUE(evicted->empty());
        else
            EXPECT_EQ(*evicted, std::vector<std::string>{"1.2"});  // 1.1 is older but pinned
    }
    EXPECT_TRUE(cache->find("1.1"));
    EXPECT_FALSE(cache->find("1.2"));
    EXPECT_FALSE(fs::exists(cache->folderFor("1.2")));
    EXPECT_TRUE(cache->find("1.3"));
    EXPECT_EQ(cache->totalBytes(), 2000u);

    // Unpinned, 1.1 is now the least recently used once 1.3 has been opened again.
    pinned.clear();
    ASSERT_TRUE(cache->find("1.3"));
    fillStudy(*cache, "1.4", 1000);
    auto evicted = cache->commit("1.4", "test", true, 1);
    ASSERT_TRUE(evicted);
    EXPECT_EQ(*evicted, std::vector<std::string>{"1.1"});
}

TEST(StudyCache, IndexPersistsAndPartialStudiesAreNotOffered) {
    mensura::test::TempDir dir;
    {
        auto cache = StudyCache::open(dir.path(), 0);
        ASSERT_TRUE(cache);
        fillStudy(*cache, "2.1", 10);
        fillStudy(*cache, "2.2", 10);
        ASSERT_TRUE(cache->commit("2.1", "peer", true, 1));
        ASSERT_TRUE(cache->commit("2.2", "peer", false, 1));  // cut off
    }
    auto reopened = StudyCache::open(dir.path(), 0);
    ASSERT_TRUE(reopened);
    ASSERT_EQ(reopened->studies().size(), 2u);
    EXPECT_TRUE(reopened->find("2.1"));
    EXPECT_FALSE(reopened->find("2.2"));
    std::ofstream(dir / "index.json") << "{\"schemaVersion\": 9}";
    auto future = StudyCache::open(dir.path(), 0);
    ASSERT_FALSE(future);
    EXPECT_NE(future.error().message.find("schemaVersion 9"), std::string::npos);
}
