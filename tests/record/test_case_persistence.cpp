// case.json on disk: lossless round trip validated against the schema, clear errors for corrupt
// and future files that are never overwritten, crash recovery from the journal, relocation.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#include <filesystem>
#include <fstream>

#include "RecordFixture.h"
#include "mensura/case/AnnotationCommands.h"
#include "mensura/case/CaseSession.h"
#include "mensura/case/RecordCommands.h"
#include "mensura/case/Relocation.h"
#include "mensura/core/AtomicFile.h"
#include "mensura/testing/SyntheticSeries.h"
#include "support/TempDir.h"

using namespace mensura;
using namespace mensura::annotations;
namespace fs = std::filesystem;

namespace {
void writeText(const std::string& path, const std::string& text) { std::ofstream(path) << text; }
std::string readText(const std::string& path) { return *readWholeFile(path); }
}  // namespace

TEST(CasePersistence, SaveLoadRoundTripIsLosslessAndValidatesAgainstTheSchema) {
    test::TempDir dir;
    const CaseDocument doc = CaseModel(test::recordFixture()).document();  // with back-links
    ASSERT_FALSE(saveCase(dir.path(), doc));
    EXPECT_EQ(test::schemaProblems(dir / "case.json"), "");
    auto opened = openCase(dir.path());
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_EQ(caseToJson(opened->document), caseToJson(doc));
    EXPECT_EQ(opened->document.annotations[0].citedBy, (std::vector<std::string>{"f-ap", "f-lr", "f-si"}));
    EXPECT_FALSE(opened->recoveredFromJournal);
    // Nothing but case.json is left in the folder (no temporary files).
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(CasePersistence, CorruptFileGivesAClearErrorAndIsNotOverwritten) {
    test::TempDir dir;
    const std::string bad = "{\"schemaVersion\": 1, \"record\": {\"patient\": ";
    writeText(dir / "case.json", bad);
    auto opened = openCase(dir.path());
    ASSERT_FALSE(opened);
    EXPECT_NE(opened.error().message.find(dir / "case.json"), std::string::npos);
    EXPECT_NE(opened.error().message.find("not valid JSON"), std::string::npos);
    auto error = saveCase(dir.path(), test::recordFixture());
    ASSERT_TRUE(error);
    EXPECT_NE(error->message.find("not overwriting"), std::string::npos);
    EXPECT_EQ(readText(dir / "case.json"), bad);
}

TEST(CasePersistence, FutureVersionGivesAClearErrorAndIsNotOverwritten) {
    test::TempDir dir;
    auto j = caseToJson(test::recordFixture());
    j["schemaVersion"] = 2;
    const std::string future = j.dump(2);
    writeText(dir / "case.json", future);
    auto opened = openCase(dir.path());
    ASSERT_FALSE(opened);
    EXPECT_NE(opened.error().message.find("/schemaVersion"), std::string::npos);
    EXPECT_NE(opened.error().message.find("newer"), std::string::npos);
    EXPECT_TRUE(saveCase(dir.path(), test::recordFixture()));
    EXPECT_EQ(readText(dir / "case.json"), future);
}

TEST(CasePersistence, WrongTypesAndUnknownFieldsNameTheField) {
    auto j = caseToJson(test::recordFixture());
    j["record"]["patient"]["ageYears"] = "thirty";
    auto r = caseFromJson(j, "case.json");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("case.json: field /record/patient/ageYears"), std::string::npos)
        << r.error().message;
    j = caseToJson(test::recordFixture());
    j["annotations"][0]["colour"] = "red";
    r = caseFromJson(j, "case.json");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("/annotations/0/colour: unknown field"), std::string::npos) << r.error().message;
    j = caseToJson(test::recordFixture());
    j["annotations"][0]["pointsLps"].erase(0);
    r = caseFromJson(j, "case.json");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("triaxial needs 6 points"), std::string::npos);
    j = caseToJson(test::recordFixture());
    j["coordinateSystem"] = "RAS";
    EXPECT_FALSE(caseFromJson(j, "case.json"));
}

TEST(CasePersistence, AKillAfterEditsLosesNothingButTheEditInProgress) {
    test::TempDir dir;
    ASSERT_FALSE(saveCase(dir.path(), CaseModel(test::recordFixture()).document()));
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        auto s = CaseSession::open(dir.path());
        if (!s) ::_exit(3);
        (*s)->push(std::make_unique<RemoveAnnotation>(test::kPointUid));
        (*s)->push(std::make_unique<UnlinkValue>("f-lr"));
        ::kill(::getpid(), SIGKILL);  // no save, no destructors
        ::_exit(4);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(test::schemaProblems(dir / "case.json"), "");

    // What the edits should give, computed here.
    CaseModel expected(test::recordFixture());
    History h(expected);
    h.push(std::make_unique<RemoveAnnotation>(test::kPointUid));
    h.push(std::make_unique<UnlinkValue>("f-lr"));

    auto session = CaseSession::open(dir.path());
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_TRUE((*session)->openedState().recoveredFromJournal);
    EXPECT_EQ((*session)->openedState().journalRevision, 2u);
    EXPECT_EQ(caseToJson((*session)->model().document()), caseToJson(expected.document()));
    // Saving folds the journal into case.json and removes it.
    ASSERT_FALSE((*session)->save());
    EXPECT_FALSE(fs::exists(dir / kJournalFileName));
    EXPECT_EQ(test::schemaProblems(dir / "case.json"), "");
    auto reopened = openCase(dir.path());
    EXPECT_FALSE(reopened->recoveredFromJournal);
    EXPECT_EQ(caseToJson(reopened->document), caseToJson(expected.document()));
}

TEST(CasePersistence, MovedDicomIsReportedAndRelocatedByUid) {
    test::TempDir dir;
    const std::string caseDir = dir / "case";
    imaging::SyntheticParams p;
    p.size = {16, 16, 4};
    auto spec = imaging::makeSyntheticSeries(p);
    spec.studyInstanceUid = "2.25.61";
    spec.seriesInstanceUid = "2.25.62";
    spec.frameOfReferenceUid = "2.25.63";
    ASSERT_TRUE(imaging::writeSeries(spec, caseDir + "/images/moved/ct"));
    CaseDocument doc = test::recordFixture();
    doc.dicom = {{spec.studyInstanceUid, spec.seriesInstanceUid, spec.frameOfReferenceUid, "images/ct", "CT"},
                 {"2.25.70", "2.25.71", "", "images/never", "absent"}};
    ASSERT_FALSE(saveCase(caseDir, doc));

    auto session = CaseSession::open(caseDir);
    ASSERT_TRUE(session) << session.error().message;  // opening does not fail
    auto& s = **session;
    ASSERT_EQ(s.openedState().missing.size(), 2u);
    EXPECT_EQ(s.openedState().missing[0].seriesInstanceUid, spec.seriesInstanceUid);

    auto plan = planRelocation(caseDir, s.model().document(), caseDir + "/images");
    ASSERT_TRUE(plan) << plan.error().message;
    EXPECT_EQ(plan->relocated, std::vector<std::string>{spec.seriesInstanceUid});
    EXPECT_EQ(plan->stillMissing, std::vector<std::string>{"2.25.71"});
    EXPECT_EQ(plan->references[0].path, "images/moved/ct");  // relative to the case folder
    ASSERT_FALSE(s.push(std::make_unique<ReplaceDicomReferences>(plan->references)));
    ASSERT_FALSE(s.save());
    auto reopened = openCase(caseDir);
    ASSERT_EQ(reopened->missing.size(), 1u);
    EXPECT_EQ(reopened->missing[0].seriesInstanceUid, "2.25.71");
    EXPECT_FALSE(planRelocation(caseDir, doc, dir / "no-such-folder"));
}
