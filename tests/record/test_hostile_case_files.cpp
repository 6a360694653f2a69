// Case files that once crashed, hung or locked a reader out of its work (issue 28, items 1, 9,
// 11, 13): each is now refused with the file and the reason, and mensura-case exits 1, not abort.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "mensura/case/CaseFolder.h"
#include "mensura/case/CaseJson.h"
#include "mensura/core/AtomicFile.h"
#include "support/TempDir.h"

using namespace mensura::annotations;
using mensura::test::runCommand;
using mensura::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string exampleText() {
    std::ifstream in(std::string(MENSURA_CASE_EXAMPLES) + "/seed000_ccs_craniocervical/case.json");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The example with the first occurrence of from replaced by to.
std::string mutated(const std::string& from, const std::string& to) {
    std::string text = exampleText();
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

std::string firstPointCoordinate() {
    const std::string text = exampleText();
    const auto points = text.find("\"pointsLps\"");
    const auto open = text.find("[", text.find("[", points) + 1);
    const auto end = text.find_first_of(",]", open + 1);
    return text.substr(open, end - open + 1);  // e.g. "[\n 27.0,"
}

TEST(HostileCaseFile, ANumberNoDoubleHoldsIsRefusedNotAborted) {
    for (const std::string big : {"1e999", "-1e999", "1e400"}) {
        auto doc = caseFromText(mutated("\"ageYears\": 33.0", "\"ageYears\": " + big), "case.json");
        ASSERT_FALSE(doc.ok()) << big;
        EXPECT_NE(doc.error().message.find("case.json: not valid JSON"), std::string::npos) << doc.error().message;
        EXPECT_NE(doc.error().message.find("out of range"), std::string::npos) << doc.error().message;
    }
}

TEST(HostileCaseFile, ACaliperEndBeyondAKilometreIsRefusedWithItsPath) {
    const std::string first = firstPointCoordinate();
    const std::string bracket = first.substr(0, first.find_first_not_of("[ \n"));
    for (const std::string far : {"1e308", "-1e308", "1000000.5"}) {
        auto doc = caseFromText(mutated(first, bracket + far + first.substr(first.size() - 1)), "case.json");
        ASSERT_FALSE(doc.ok()) << far;
        EXPECT_NE(doc.error().message.find("/pointsLps/0"), std::string::npos) << doc.error().message;
        EXPECT_NE(doc.error().message.find("not a position in a patient"), std::string::npos) << doc.error().message;
    }
    // Within the bound it is a point like any other.
    EXPECT_TRUE(caseFromText(mutated(first, bracket + "999999.5" + first.substr(first.size() - 1)), "case.json").ok());
}

TEST(HostileCaseFile, OnlyRegularFilesAreReadAndNeverBlock) {
    TempDir dir;
    const std::string fifo = dir / "case.json";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto r = readWholeFile(fifo);  // a FIFO with no writer would block an open() forever
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("not a regular file"), std::string::npos) << r.error().message;
    auto dev = readWholeFile("/dev/zero");
    ASSERT_FALSE(dev.ok());
    EXPECT_NE(dev.error().message.find("/dev/zero: is not a regular file"), std::string::npos);
    fs::create_directories(dir / "folder/case.json");
    auto folder = openCase(dir / "folder");
    ASSERT_FALSE(folder.ok());
    EXPECT_NE(folder.error().message.find("is a folder"), std::string::npos) << folder.error().message;
    std::ofstream(dir / "big") << std::string(2000, ' ');
    auto big = readWholeFile(dir / "big", 1000);
    ASSERT_FALSE(big.ok());
    EXPECT_NE(big.error().message.find("2000 bytes, more than the 1000"), std::string::npos) << big.error().message;
    EXPECT_TRUE(readWholeFile(dir / "big", 2000).ok());
}

TEST(HostileCaseFile, MensuraCaseExitsOneWithTheReasonNotAnAbort) {
    TempDir dir;
    fs::create_directories(dir / "case");
    std::ofstream(dir / "case/case.json") << mutated("\"ageYears\": 33.0", "\"ageYears\": 1e999");
    for (const char* sub : {"validate", "show", "recompute"}) {
        std::string out;
        const int status =
            runCommand(std::string(MENSURA_CASE_TOOL) + " " + sub + " '" + (dir / "case") + "' 2>&1", &out);
        EXPECT_EQ(status, 1) << sub << ": " << out;
        EXPECT_NE(out.find("out of range"), std::string::npos) << sub << ": " << out;
    }
}

}  // namespace
