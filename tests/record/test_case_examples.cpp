// The seed reports entered as case folders: each loads, validates against the schema, has
// consistent links, and round-trips through save/load without loss.
#include <gtest/gtest.h>

#include <filesystem>

#include "RecordFixture.h"
#include "mensura/case/CaseFolder.h"
#include "mensura/case/CaseModel.h"
#include "mensura/case/Longitudinal.h"
#include "mensura/core/AtomicFile.h"
#include "support/TempDir.h"

using namespace mensura;
using namespace mensura::annotations;
namespace fs = std::filesystem;

namespace {
std::vector<std::string> exampleFolders() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(MENSURA_CASE_EXAMPLES))
        if (fs::exists(e.path() / "case.json")) out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}
}  // namespace

TEST(CaseExamples, EverySeedRecordLoadsValidatesAndRoundTrips) {
    const auto folders = exampleFolders();
    ASSERT_EQ(folders.size(), 7u);  // seeds 000, 001 (three patients), 002, 003, 004
    for (const auto& folder : folders) {
        SCOPED_TRACE(folder);
        EXPECT_EQ(test::schemaProblems(folder + "/case.json"), "");
        auto opened = openCase(folder);
        ASSERT_TRUE(opened) << opened.error().message;
        CaseModel model(opened->document);
        EXPECT_TRUE(model.integrityProblems().empty()) << model.integrityProblems().front();
        // The file is exactly what the model writes: nothing in it was dropped or added.
        const auto onDisk = nlohmann::json::parse(*readWholeFile(folder + "/case.json"));
        EXPECT_EQ(caseToJson(opened->document), onDisk);
        test::TempDir dir;
        ASSERT_FALSE(saveCase(dir.path(), opened->document));
        EXPECT_EQ(test::schemaProblems(dir / "case.json"), "");
        auto again = openCase(dir.path());
        ASSERT_TRUE(again);
        EXPECT_EQ(caseToJson(again->document), onDisk);
        // Every record value linked to an annotation holds that annotation's current value.
        for (const auto& tp : model.document().record.imaging)
            for (const auto& o : tp.observations)
                for (const auto& v : o.values)
                    if (v.link) {
                        EXPECT_EQ(v.state, LinkState::Linked) << v.fieldId;
                        const auto* a = model.findAnnotation(v.link->annotationUid);
                        ASSERT_TRUE(a);
                        EXPECT_DOUBLE_EQ(a->find(v.link->quantity)->measurement.value, v.value.value);
                    }
    }
}

TEST(CaseExamples, TheTongueFollowUpIsComputedFromItsCalipers) {
    auto opened = openCase(std::string(MENSURA_CASE_EXAMPLES) + "/seed001_case1_asps_tongue");
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(opened->missing.size(), 2u);  // the sample DICOM is referenced, not required
    auto a = compareTimepoints(opened->document.record, "seed001-1-baseline", "seed001-1-followup");
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->category, RecistCategory::SD);
    EXPECT_NEAR(a->percentFromBaseline(), -24.2424, 1e-4);  // (25 - 33) / 33
    ASSERT_TRUE(a->totalVolume);
    EXPECT_NEAR(a->totalVolume->percentChange(), -49.3963, 1e-4);  // 12825 / 25344 - 1
}
