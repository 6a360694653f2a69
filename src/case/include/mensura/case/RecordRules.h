#pragma once
// The rules a case record's fields keep, in one place. The record commands refuse an edit that
// breaks one (EditRecord), the case.json reader refuses a file that breaks one, and the viewer's
// forms check what is typed with these same functions and show their message, so a value is
// accepted or refused alike wherever it comes from. schema/case.schema.json states the same rules
// for other tools; tests/record/test_record_rules.cpp keeps the schema in step.
//
// Each check returns why the value is refused, naming the field and the value, or nullopt when
// the value is allowed. An empty text or unset optional means "not given" and is always allowed.
#include <optional>
#include <string>
#include <vector>

#include "mensura/case/CaseRecord.h"
#include "mensura/core/Result.h"

namespace mensura::annotations {

// Age at presentation in years, 0 to 130 inclusive.
inline constexpr double kMinAgeYears = 0;
inline constexpr double kMaxAgeYears = 130;
std::optional<std::string> checkAgeYears(double years);

// A vertebral level as the Level tool names it (imaging::vertebralLevelNames(): C1..C7, T1..T12,
// L1..L5, S1..S5), upper case.
std::optional<std::string> checkVertebralLevel(const std::string& level);
// Levels as typed: separated by commas, semicolons or white space, any case ("c1, c2" gives
// C1, C2). Refused with the first level that does not exist.
imaging::Result<std::vector<std::string>> parseVertebralLevels(const std::string& text);

// A date as precise as the report gives it, ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD, with a month
// and day that exist (2024-02-29, not 2023-02-29). Every date of the record keeps this rule.
std::optional<std::string> checkDate(const std::string& date);

// Laterality: not given, or one of the SNOMED CT codes Left, Right, Right and left (compared by
// code value and scheme).
const std::vector<CodedConcept>& lateralityCodes();
std::optional<std::string> checkLaterality(const CodedConcept& laterality);
// The code whose meaning the forms show ("Left"); an empty name clears the laterality.
imaging::Result<CodedConcept> lateralityFromName(const std::string& name);

// Whether a lesion is a RECIST target, as the forms name it: "auto" (unset: the RECIST rules
// decide), "yes" or "no".
const std::vector<std::string>& targetChoices();
std::string targetText(const std::optional<bool>& target);
imaging::Result<std::optional<bool>> targetFromText(const std::string& text);

// How an immunohistochemistry percentage was reported: "" (exactly), "<", ">" or "about".
const std::vector<std::string>& percentComparators();
std::optional<std::string> checkPercentComparator(const std::string& comparator);

// A broken rule: the JSON pointer of the field as case.json places it (e.g.
// /record/lesions/0/vertebralLevels/2) and the check's message.
struct RuleViolation {
    std::string path;
    std::string message;
};

// Every broken rule of the record, in case.json order; empty when it keeps them all. path is
// where the record sits in the document.
std::vector<RuleViolation> ruleViolations(const CaseRecord& record, const std::string& path = "/record");

}  // namespace mensura::annotations
