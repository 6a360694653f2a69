// One rule for names built from metadata (SafePath.h): every UID passes; separators, "..",
// hidden names, control characters and overlong names do not, and pathInside stays inside.
#include <gtest/gtest.h>

#include <filesystem>

#include "mensura/core/SafePath.h"

using namespace mensura::imaging;

TEST(SafePath, EveryUidAndPlainNamePasses) {
    for (const char* name : {"1.2.840.10008.5.1.4.1.1.2", "2.25.472158395330464178887333099433787268", "IM00001",
                             "seg_1.2.3.dcm", "report-final_2.pdf", "a"})
        EXPECT_TRUE(isSafeName(name)) << name;
    EXPECT_TRUE(isSafeName(std::string(128, '9')));
}

TEST(SafePath, NamesThatCouldLeaveTheFolderAreRefused) {
    const std::string refused[] = {"",        ".",         "..",    "../x", "..\\x",   "a/b",          "/etc",
                                   ".hidden", "a b",       "x\ny",  "x\ty", "tab\x01", "na\xC3\xAFve", "a:b",
                                   "*",       "$(rm -rf)", "~root", "x;y"};
    for (const auto& name : refused) EXPECT_FALSE(isSafeName(name)) << "'" << name << "'";
    EXPECT_FALSE(isSafeName(std::string(129, '9')));
    std::string withNul = "1.2";
    withNul += '\0';
    withNul += "/../x";
    EXPECT_FALSE(isSafeName(withNul));
}

TEST(SafePath, PathInsideJoinsOrNamesTheCulprit) {
    auto ok = pathInside("/data/out", {"images", "1.2.3"});
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(*ok, "/data/out/images/1.2.3");
    auto bad = pathInside("/data/out", {"images", "../../../../tmp/X"});
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("'../../../../tmp/X'"), std::string::npos) << bad.error().message;
    EXPECT_NE(bad.error().message.find("/data/out"), std::string::npos) << bad.error().message;
    auto control = pathInside("/o", {"a\x1b[2Jb"});
    ASSERT_FALSE(control.ok());
    EXPECT_EQ(control.error().message.find('\x1b'), std::string::npos);  // never echoed raw to a terminal
}
