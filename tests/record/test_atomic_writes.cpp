// The one atomic-write helper (core/AtomicFile.h) that every writer uses: a failed or empty write
// leaves the old file and no temporary; temporaries a crash left are cleaned when a case opens.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "mensura/case/CaseFolder.h"
#include "mensura/core/AtomicFile.h"
#include "support/TempDir.h"

using namespace mensura::annotations;
using mensura::imaging::Error;
using mensura::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string contents(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t entries(const std::string& folder) {
    return std::size_t(std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

TEST(AtomicWrites, AWriterThatFailsOrWritesNothingLeavesTheOldFileAndNoTemporary) {
    TempDir dir;
    const std::string target = dir / "report.pdf";
    std::ofstream(target) << "old";
    auto failing = writeThroughTemporary(target, [](const std::string& tmp) -> std::optional<Error> {
        std::ofstream(tmp) << "half";
        return Error{"disk full"};
    });
    ASSERT_TRUE(failing.has_value());
    EXPECT_EQ(failing->message, "disk full");
    auto empty = writeThroughTemporary(target, [](const std::string&) -> std::optional<Error> { return {}; });
    ASSERT_TRUE(empty.has_value());
    EXPECT_NE(empty->message.find("produced nothing"), std::string::npos) << empty->message;
    EXPECT_EQ(contents(target), "old");
    EXPECT_EQ(entries(dir.path()), 1u);  // no temporary left beside it
}

TEST(AtomicWrites, ASuccessfulWriteReplacesTheFileFromAFileInTheSameFolder) {
    TempDir dir;
    const std::string target = dir / "sr.dcm";
    std::string seen;
    auto ok = writeThroughTemporary(target, [&](const std::string& tmp) -> std::optional<Error> {
        seen = tmp;
        std::ofstream(tmp) << "new";
        return {};
    });
    ASSERT_FALSE(ok.has_value()) << ok->message;
    EXPECT_EQ(fs::path(seen).parent_path(), fs::path(target).parent_path());
    EXPECT_EQ(contents(target), "new");
    EXPECT_FALSE(fs::exists(seen));
    EXPECT_EQ(entries(dir.path()), 1u);
    EXPECT_FALSE(writeFileAtomically(target, "text").has_value());
    EXPECT_EQ(contents(target), "text");
}

TEST(AtomicWrites, OpeningACaseRemovesTheTemporariesACrashLeft) {
    TempDir dir;
    const std::string example = std::string(MENSURA_CASE_EXAMPLES) + "/seed000_ccs_craniocervical";
    fs::copy(example, dir / "case");
    // Rewrite the DICOM paths so that the copy still finds the sample series.
    const std::string caseJson = dir / "case/case.json";
    std::string text = contents(caseJson);
    for (auto at = text.find("../../../sample_dicom"); at != std::string::npos; at = text.find("../../../sample_dicom"))
        text.replace(at, 21, std::string(MENSURA_CASE_EXAMPLES) + "/../../sample_dicom");
    std::ofstream(caseJson) << text;
    const std::string stale = dir / "case/.case.json.tmp-AbC123", fresh = dir / "case/.case.json.tmp-XyZ789";
    const std::string other = dir / "case/.notes.tmp";  // not a temporary of the helper's form
    for (const auto& f : {stale, fresh, other}) std::ofstream(f) << "partial";
    fs::last_write_time(stale, fs::file_time_type::clock::now() - std::chrono::hours(2));
    ASSERT_TRUE(openCase(dir / "case").ok());
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_TRUE(fs::exists(fresh));  // younger than ten minutes: perhaps a save in progress
    EXPECT_TRUE(fs::exists(other));
}

}  // namespace
