// The record's field rules (RecordRules.h) decide alike wherever a value enters: (1) the record
// command (EditRecord) refuses the edit and changes nothing, (2) the case.json reader refuses the
// file naming the field and the value, (3) the JSON schema refuses it too. For each rule a value
// inside, at each boundary and outside; the vertebral levels are swept along the Level tool's
// sequence, and the dates over the month ends of leap and common years.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <sstream>

#include "RecordFixture.h"
#include "mensura/annotations/Codes.h"
#include "mensura/annotations/VertebralLevels.h"
#include "mensura/case/CaseFolder.h"
#include "mensura/case/CaseJson.h"
#include "mensura/case/RecordCommands.h"
#include "mensura/case/RecordRules.h"
#include "support/TempDir.h"

using namespace mensura;
using namespace mensura::annotations;

namespace {

struct RuleCase {
    std::string name;
    std::string path;  // JSON pointer of the field the edit sets
    std::function<void(CaseRecord&)> set;
    bool allowed;
    std::string shown;  // what a refusal's message must show of the value
};

// A value given to one field of the fixture.
RuleCase age(double years, bool allowed) {
    std::ostringstream s;
    s << years;
    return {"age " + s.str(), "/record/patient/ageYears", [years](CaseRecord& r) { r.patient.ageYears = years; },
            allowed, s.str()};
}

RuleCase level(const std::string& l, bool allowed) {
    return {"level \"" + l + "\"", "/record/lesions/0/vertebralLevels/1",
            [l](CaseRecord& r) {
                r.lesions[0].vertebralLevels = {"C1", l};
            },
            allowed, "\"" + l + "\""};
}

RuleCase timepointDate(const std::string& d, bool allowed) {
    return {"date \"" + d + "\"", "/record/imaging/0/date", [d](CaseRecord& r) { r.imaging[0].date = d; }, allowed,
            "\"" + d + "\""};
}

RuleCase laterality(const std::string& name, const CodedConcept& c, bool allowed) {
    return {"laterality " + name, "/record/lesions/0/laterality", [c](CaseRecord& r) { r.lesions[0].laterality = c; },
            allowed, c.value};
}

RuleCase comparator(const std::string& c, bool allowed) {
    return {"comparator \"" + c + "\"", "/record/pathology/0/immunohistochemistry/0/percentComparator",
            [c](CaseRecord& r) {
                PathologyReport p;
                p.immunohistochemistry.push_back({"Ki-67", "+", 40.0, c, ""});
                r.pathology = {p};
            },
            allowed, "\"" + c + "\""};
}

// Runs every case through the command, the reader and the schema, and expects each to decide as
// the case says.
void expectDecidedAlike(const std::vector<RuleCase>& cases) {
    std::vector<nlohmann::json> documents;
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        // (1) The command: refused with the field and value, nothing changed, nothing recorded.
        CaseModel model(test::recordFixture());
        History history(model);
        const auto before = caseToJson(model.document());
        const auto error = history.push(std::make_unique<EditRecord>("Edit", c.set));
        EXPECT_EQ(!error, c.allowed) << (error ? error->message : "accepted");
        if (error) {
            EXPECT_EQ(error->message.rfind("Edit: field " + c.path + ": ", 0), 0u) << error->message;
            EXPECT_NE(error->message.find(c.shown), std::string::npos) << error->message;
            EXPECT_EQ(caseToJson(model.document()), before);
            EXPECT_EQ(history.size(), 0u);
        }
        // (2) The reader, on the file the value would make.
        CaseDocument doc = test::recordFixture();
        c.set(doc.record);
        documents.push_back(caseToJson(doc));
        const auto read = caseFromJson(documents.back(), "case.json");
        EXPECT_EQ(read.ok(), c.allowed) << (read ? "accepted" : read.error().message);
        if (!read) {
            EXPECT_EQ(read.error().message.rfind("case.json: field " + c.path + ": ", 0), 0u) << read.error().message;
            EXPECT_NE(read.error().message.find(c.shown), std::string::npos) << read.error().message;
        }
    }
    // (3) The schema.
    const auto accepted = test::schemaAccepts(documents);
    ASSERT_EQ(accepted.size(), cases.size()) << "python3-jsonschema did not run";
    for (std::size_t i = 0; i < cases.size(); ++i) EXPECT_EQ(accepted[i], cases[i].allowed) << cases[i].name;
}

}  // namespace

TEST(RecordRules, AgeFrom0To130) {
    EXPECT_EQ(checkAgeYears(150), "age 150 is out of range 0-130");
    RuleCase unset{"age unset", "", [](CaseRecord& r) { r.patient.ageYears.reset(); }, true, ""};
    expectDecidedAlike({age(-1, false), age(-0.5, false), age(0, true), age(0.5, true), age(33, true), age(129.5, true),
                        age(130, true), age(130.5, false), age(131, false), age(150, false), unset});
    // The message of the issue, as the reader gives it.
    CaseDocument doc = test::recordFixture();
    doc.record.patient.ageYears = 150;
    EXPECT_EQ(caseFromJson(caseToJson(doc), "case.json").error().message,
              "case.json: field /record/patient/ageYears: age 150 is out of range 0-130");
}

TEST(RecordRules, VertebralLevelsAreTheLevelToolsSequence) {
    // The Level tool's sequence, followed from its start until it stays put, is the list.
    std::vector<std::string> sequence{nextVertebralLevel("")};
    for (std::string next; (next = nextVertebralLevel(sequence.back())) != sequence.back();) sequence.push_back(next);
    std::vector<std::string> expected;
    for (const auto& [region, count] : {std::pair{"C", 7}, {"T", 12}, {"L", 5}, {"S", 5}})
        for (int i = 1; i <= count; ++i) expected.push_back(region + std::to_string(i));
    EXPECT_EQ(sequence, expected);
    EXPECT_EQ(vertebralLevels(), expected);
    // Every level of it is accepted alike; the neighbours of each region's ends are not.
    std::vector<RuleCase> cases;
    for (const auto& l : sequence) cases.push_back(level(l, true));
    for (const char* wrong :
         {"C0", "C8", "T0", "T13", "L0", "L6", "S0", "S6", "Co1", "c1", "C01", " C1", "T1 ", "", "X9", "S1-S5"})
        cases.push_back(level(wrong, false));
    expectDecidedAlike(cases);
    EXPECT_EQ(*checkVertebralLevel("S6"), "vertebral level \"S6\" does not exist (C1-C7, T1-T12, L1-L5, S1-S5)");
}

TEST(RecordRules, TypedVertebralLevelsAreParsedByTheSameRule) {
    auto levels = parseVertebralLevels(" c1 c2,t12;S5 ");
    ASSERT_TRUE(levels.ok()) << levels.error().message;
    EXPECT_EQ(*levels, (std::vector<std::string>{"C1", "C2", "T12", "S5"}));
    EXPECT_TRUE(parseVertebralLevels("")->empty());
    auto wrong = parseVertebralLevels("C1, X9");
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().message, *checkVertebralLevel("X9"));
}

TEST(RecordRules, DatesAsPreciseAsTheReport) {
    std::vector<RuleCase> cases;
    for (const char* d : {"", "2021", "2021-01", "2021-12", "2021-07-01", "2021-01-31", "2021-02-28", "2024-02-29",
                          "2000-02-29", "2021-04-30", "1999-12-31"})
        cases.push_back(timepointDate(d, true));
    for (const char* d :
         {"2021-00", "2021-13", "2021-01-00", "2021-01-32", "2021-02-29", "1900-02-29", "2021-04-31", "21", "2021-1",
          "2021-07-1", "20210701", "2021/07/01", "2021-07-01T10:00", " 2021", "2021-07 ", "yesterday", "202a"})
        cases.push_back(timepointDate(d, false));
    expectDecidedAlike(cases);
}

TEST(RecordRules, DatesSweptOverTheMonthEnds) {
    std::vector<RuleCase> cases;
    const int monthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int year : {1900, 2000, 2023, 2024})
        for (int month = 1; month <= 12; ++month)
            for (int day : {0, 1, 28, 29, 30, 31, 32}) {
                const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
                const int last = monthDays[month - 1] + (month == 2 && leap ? 1 : 0);
                char d[16];
                std::snprintf(d, sizeof d, "%04d-%02d-%02d", year, month, day);
                cases.push_back(timepointDate(d, day >= 1 && day <= last));
            }
    expectDecidedAlike(cases);
}

TEST(RecordRules, EveryDateOfTheRecordKeepsTheDateRule) {
    // One wrong date per date field: each is refused at its own path.
    const std::string bad = "2021-02-30";
    auto field = [&](const std::string& path, std::function<void(CaseRecord&)> set) {
        return RuleCase{path, path, std::move(set), false, bad};
    };
    expectDecidedAlike({
        field("/record/laboratory/0/date",
              [&](CaseRecord& r) {
                  r.laboratory.emplace_back();
                  r.laboratory[0].name = "CA-125";
                  r.laboratory[0].date = bad;
              }),
        field("/record/imaging/1/date", [&](CaseRecord& r) { r.imaging[1].date = bad; }),
        field("/record/imaging/0/studies/0/date",
              [&](CaseRecord& r) {
                  r.imaging[0].studies = {{"2.25.1", "CT", "", bad}};
              }),
        field("/record/pathology/0/date",
              [&](CaseRecord& r) {
                  r.pathology.emplace_back();
                  r.pathology[0].date = bad;
              }),
        field("/record/genetics/0/date",
              [&](CaseRecord& r) {
                  r.genetics.emplace_back();
                  r.genetics[0].date = bad;
              }),
        field("/record/treatment/procedures/0/date",
              [&](CaseRecord& r) {
                  r.treatment.procedures = {{bad, "", "resection", ""}};
              }),
        field("/record/treatment/regimens/0/startDate",
              [&](CaseRecord& r) {
                  r.treatment.regimens.emplace_back();
                  r.treatment.regimens[0].name = "VDC";
                  r.treatment.regimens[0].startDate = bad;
              }),
        field("/record/treatment/radiotherapy/0/date",
              [&](CaseRecord& r) {
                  r.treatment.radiotherapy.emplace_back();
                  r.treatment.radiotherapy[0].date = bad;
              }),
        field("/record/outcome/0/date",
              [&](CaseRecord& r) {
                  r.outcome = {{bad, "", "recurrence", ""}};
              }),
    });
}

TEST(RecordRules, LateralityIsOneOfThreeCodes) {
    const CodedConcept leftReworded{codes::kLeft.value, codes::kLeft.scheme, "left side"};
    expectDecidedAlike({laterality("unset", {}, true), laterality("Left", codes::kLeft, true),
                        laterality("Right", codes::kRight, true), laterality("Right and left", codes::kBilateral, true),
                        laterality("Left reworded", leftReworded, true), laterality("Male", codes::kMale, false),
                        laterality("Left in a private scheme", {"7771000", "99MENSURA", "Left"}, false),
                        laterality("Up", {"123", "SCT", "Up"}, false)});
    // The forms name the codes by their meaning.
    for (const auto& c : lateralityCodes()) EXPECT_TRUE(lateralityFromName(c.meaning)->sameCode(c));
    EXPECT_TRUE(lateralityFromName("")->empty());
    EXPECT_EQ(lateralityFromName("Up").error().message, "laterality \"Up\" is not Left, Right or Right and left");
}

TEST(RecordRules, PercentComparatorIsOneOfFour) {
    std::vector<RuleCase> cases;
    for (const auto& c : percentComparators()) cases.push_back(comparator(c, true));
    for (const char* c : {"~", "<=", "About", " about", "approximately"}) cases.push_back(comparator(c, false));
    expectDecidedAlike(cases);
}

TEST(RecordRules, TargetChoicesRoundTrip) {
    for (const auto& choice : targetChoices()) {
        auto target = targetFromText(choice);
        ASSERT_TRUE(target.ok()) << choice;
        EXPECT_EQ(targetText(*target), choice);
    }
    EXPECT_EQ(targetFromText("maybe").error().message, "RECIST target \"maybe\" is not auto, yes or no");
    EXPECT_FALSE(targetFromText("Yes").ok());
}

TEST(RecordRules, RoleNamesAreReadAndValidatedAlike) {
    // The enums cannot hold a wrong value in the model; their names in case.json are checked by
    // the reader and the schema with the same list.
    std::vector<nlohmann::json> documents;
    std::vector<bool> expected;
    const auto base = caseToJson(test::recordFixture());
    auto add = [&](const char* key, const std::string& name, bool valid) {
        nlohmann::json j = base;
        if (std::string(key) == "lesion")
            j["record"]["lesions"][0]["role"] = name;
        else
            j["record"]["imaging"][0]["role"] = name;
        EXPECT_EQ(caseFromJson(j, "case.json").ok(), valid) << key << " " << name;
        documents.push_back(j);
        expected.push_back(valid);
    };
    for (LesionRole r : {LesionRole::Primary, LesionRole::Recurrence, LesionRole::LymphNode, LesionRole::Metastasis})
        add("lesion", toString(r), true);
    for (TimepointRole r :
         {TimepointRole::Baseline, TimepointRole::FollowUp, TimepointRole::Recurrence, TimepointRole::Postoperative})
        add("timepoint", toString(r), true);
    add("lesion", "tumour", false);
    add("timepoint", "Baseline", false);
    EXPECT_EQ(test::schemaAccepts(documents), expected);
}

TEST(RecordRules, ACaseBreakingARuleIsNeverSaved) {
    // Built past the commands (as an import might): saving refuses, and the file on disk stays.
    test::TempDir dir;
    CaseDocument doc = test::recordFixture();
    ASSERT_FALSE(saveCase(dir.path(), doc));
    const auto saved = caseToJson(doc);
    doc.record.lesions[0].vertebralLevels = {"S6"};
    const auto error = saveCase(dir.path(), doc);
    ASSERT_TRUE(error);
    EXPECT_NE(error->message.find("field /record/lesions/0/vertebralLevels/0: vertebral level \"S6\" does not exist"),
              std::string::npos)
        << error->message;
    auto opened = openCase(dir.path());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(caseToJson(opened->document), saved);
}
