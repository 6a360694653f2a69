#include "mensura/case/RecordRules.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "mensura/annotations/Codes.h"
#include "mensura/annotations/VertebralLevels.h"

namespace mensura::annotations {

using imaging::Error;

namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string numberText(double v) {
    std::ostringstream s;
    s.precision(12);
    s << v;
    return s.str();
}

std::string oneOf(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    return out;
}

// "C1-C7, T1-T12, L1-L5, S1-S5", from the list itself so that the message cannot drift from it.
std::string levelRanges() {
    std::string out;
    const auto& levels = vertebralLevels();
    for (std::size_t i = 0; i < levels.size(); ++i) {
        const bool first = i == 0 || levels[i - 1][0] != levels[i][0];
        const bool last = i + 1 == levels.size() || levels[i + 1][0] != levels[i][0];
        if (first) out += (out.empty() ? "" : ", ") + levels[i];
        if (last && !first) out += "-" + levels[i];
    }
    return out;
}

bool digitsAt(const std::string& s, std::size_t pos, std::size_t n) {
    return std::all_of(s.begin() + long(pos), s.begin() + long(pos + n),
                       [](unsigned char c) { return std::isdigit(c) != 0; });
}

int numberAt(const std::string& s, std::size_t pos, std::size_t n) { return std::stoi(s.substr(pos, n)); }

int daysInMonth(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

bool isCalendarDate(const std::string& d) {
    const std::size_t n = d.size();
    if ((n != 4 && n != 7 && n != 10) || !digitsAt(d, 0, 4)) return false;
    if (n == 4) return true;
    if (d[4] != '-' || !digitsAt(d, 5, 2)) return false;
    const int month = numberAt(d, 5, 2);
    if (month < 1 || month > 12) return false;
    if (n == 7) return true;
    if (d[7] != '-' || !digitsAt(d, 8, 2)) return false;
    const int day = numberAt(d, 8, 2);
    return day >= 1 && day <= daysInMonth(numberAt(d, 0, 4), month);
}

}  // namespace

std::optional<std::string> checkAgeYears(double years) {
    if (years >= kMinAgeYears && years <= kMaxAgeYears) return std::nullopt;  // false for NaN too
    return "age " + numberText(years) + " is out of range " + numberText(kMinAgeYears) + "-" + numberText(kMaxAgeYears);
}

std::optional<std::string> checkVertebralLevel(const std::string& level) {
    const auto& levels = vertebralLevels();
    if (std::find(levels.begin(), levels.end(), level) != levels.end()) return std::nullopt;
    return "vertebral level " + quoted(level) + " does not exist (" + levelRanges() + ")";
}

imaging::Result<std::vector<std::string>> parseVertebralLevels(const std::string& text) {
    std::vector<std::string> out;
    std::string level;
    auto flush = [&]() -> std::optional<std::string> {
        if (level.empty()) return std::nullopt;
        if (auto why = checkVertebralLevel(level)) return why;
        out.push_back(level);
        level.clear();
        return std::nullopt;
    };
    for (unsigned char c : text + " ") {
        if (c == ',' || c == ';' || std::isspace(c)) {
            if (auto why = flush()) return Error{*why};
        } else {
            level += char(std::toupper(c));
        }
    }
    return out;
}

std::optional<std::string> checkDate(const std::string& date) {
    if (date.empty() || isCalendarDate(date)) return std::nullopt;
    return "date " + quoted(date) + " is not a calendar date written YYYY, YYYY-MM or YYYY-MM-DD (ISO 8601)";
}

const std::vector<CodedConcept>& lateralityCodes() {
    static const std::vector<CodedConcept> lateralities{codes::kLeft, codes::kRight, codes::kBilateral};
    return lateralities;
}

namespace {
std::vector<std::string> lateralityNames() {
    std::vector<std::string> names;
    for (const auto& c : lateralityCodes()) names.push_back(c.meaning);
    return names;
}
}  // namespace

std::optional<std::string> checkLaterality(const CodedConcept& laterality) {
    if (laterality.empty()) return std::nullopt;
    for (const auto& c : lateralityCodes())
        if (c.sameCode(laterality)) return std::nullopt;
    return "laterality " + quoted(laterality.meaning) + " (" + laterality.scheme + " " + laterality.value +
           ") is not " + oneOf(lateralityNames());
}

imaging::Result<CodedConcept> lateralityFromName(const std::string& name) {
    if (name.empty()) return CodedConcept{};
    for (const auto& c : lateralityCodes())
        if (c.meaning == name) return c;
    return Error{"laterality " + quoted(name) + " is not " + oneOf(lateralityNames())};
}

const std::vector<std::string>& targetChoices() {
    static const std::vector<std::string> choices{"auto", "yes", "no"};
    return choices;
}

std::string targetText(const std::optional<bool>& target) { return !target ? "auto" : *target ? "yes" : "no"; }

imaging::Result<std::optional<bool>> targetFromText(const std::string& text) {
    if (text == "auto") return std::optional<bool>{};
    if (text == "yes" || text == "no") return std::optional<bool>{text == "yes"};
    return Error{"RECIST target " + quoted(text) + " is not " + oneOf(targetChoices())};
}

const std::vector<std::string>& percentComparators() {
    static const std::vector<std::string> comparators{"", "<", ">", "about"};
    return comparators;
}

std::optional<std::string> checkPercentComparator(const std::string& comparator) {
    const auto& all = percentComparators();
    if (std::find(all.begin(), all.end(), comparator) != all.end()) return std::nullopt;
    return "percent comparator " + quoted(comparator) + " is not <, > or about (or none)";
}

std::vector<RuleViolation> ruleViolations(const CaseRecord& r, const std::string& path) {
    std::vector<RuleViolation> out;
    auto check = [&out](const std::string& at, std::optional<std::string> why) {
        if (why) out.push_back({at, std::move(*why)});
    };
    auto at = [](const std::string& p, const std::string& key, std::size_t i) {
        return p + "/" + key + "/" + std::to_string(i);
    };
    if (r.patient.ageYears) check(path + "/patient/ageYears", checkAgeYears(*r.patient.ageYears));
    for (std::size_t i = 0; i < r.laboratory.size(); ++i)
        check(at(path, "laboratory", i) + "/date", checkDate(r.laboratory[i].date));
    for (std::size_t i = 0; i < r.lesions.size(); ++i) {
        const std::string p = at(path, "lesions", i);
        check(p + "/laterality", checkLaterality(r.lesions[i].laterality));
        for (std::size_t k = 0; k < r.lesions[i].vertebralLevels.size(); ++k)
            check(at(p, "vertebralLevels", k), checkVertebralLevel(r.lesions[i].vertebralLevels[k]));
    }
    for (std::size_t i = 0; i < r.imaging.size(); ++i) {
        const std::string p = at(path, "imaging", i);
        check(p + "/date", checkDate(r.imaging[i].date));
        for (std::size_t k = 0; k < r.imaging[i].studies.size(); ++k)
            check(at(p, "studies", k) + "/date", checkDate(r.imaging[i].studies[k].date));
    }
    for (std::size_t i = 0; i < r.pathology.size(); ++i) {
        const std::string p = at(path, "pathology", i);
        check(p + "/date", checkDate(r.pathology[i].date));
        const auto& ihc = r.pathology[i].immunohistochemistry;
        for (std::size_t k = 0; k < ihc.size(); ++k)
            check(at(p, "immunohistochemistry", k) + "/percentComparator",
                  checkPercentComparator(ihc[k].percentComparator));
    }
    for (std::size_t i = 0; i < r.genetics.size(); ++i)
        check(at(path, "genetics", i) + "/date", checkDate(r.genetics[i].date));
    const std::string tp = path + "/treatment";
    for (std::size_t i = 0; i < r.treatment.procedures.size(); ++i)
        check(at(tp, "procedures", i) + "/date", checkDate(r.treatment.procedures[i].date));
    for (std::size_t i = 0; i < r.treatment.regimens.size(); ++i)
        check(at(tp, "regimens", i) + "/startDate", checkDate(r.treatment.regimens[i].startDate));
    for (std::size_t i = 0; i < r.treatment.radiotherapy.size(); ++i)
        check(at(tp, "radiotherapy", i) + "/date", checkDate(r.treatment.radiotherapy[i].date));
    for (std::size_t i = 0; i < r.outcome.size(); ++i)
        check(at(path, "outcome", i) + "/date", checkDate(r.outcome[i].date));
    return out;
}

}  // namespace mensura::annotations
