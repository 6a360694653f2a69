#include "mensura/case/CaseSummary.h"

#include <cstdio>
#include <sstream>

namespace mensura::annotations {

namespace {
std::string num(double v) {
    char b[64];
    std::snprintf(b, sizeof b, "%.4g", v);
    return b;
}
nlohmann::json change(const ValueChange& c) {
    return {{"quantity", toString(c.quantity)},
            {"from", c.from},
            {"to", c.to},
            {"unit", c.unit},
            {"absoluteChange", c.absoluteChange()},
            {"percentChange", c.percentChange()}};
}
}  // namespace

std::string summarizeCase(const CaseModel& model) {
    const CaseDocument& d = model.document();
    const CaseRecord& r = d.record;
    std::ostringstream s;
    s << "case " << r.caseId << ": " << r.title << "\n";
    s << "patient: " << (r.patient.ageYears ? num(*r.patient.ageYears) + " y" : "age unknown") << ", "
      << (r.patient.sex.empty() ? "sex unknown" : r.patient.sex.meaning) << "\n";
    s << "diagnosis: " << r.diagnosis.text;
    if (!r.diagnosis.morphology.empty())
        s << " (" << r.diagnosis.morphology.scheme << " " << r.diagnosis.morphology.value << ")";
    s << "\nlesions:\n";
    for (const auto& l : r.lesions)
        s << "  " << l.trackingId << " " << toString(l.role) << " " << l.bodySiteText << "\n";
    for (const auto& tp : r.imaging) {
        s << "timepoint " << tp.uid << " (" << toString(tp.role) << ") " << tp.date << tp.relativeTime << "\n";
        for (const auto& o : tp.observations) {
            const Lesion* l = r.findLesion(o.lesionTrackingUid);
            s << "  " << (l ? l->trackingId : o.lesionTrackingUid) << (o.notSeen ? " not seen" : "") << "\n";
            for (const auto& v : o.values)
                s << "    " << toString(v.quantity) << " " << num(v.value.value) << " " << v.value.unit << " ["
                  << toString(v.state) << (v.link ? " <- " + v.link->annotationUid : "") << "]\n";
            for (const auto& f : o.findings)
            s << "    " << f.concept.meaning << ": " << f.value.meaning
              << (f.sequence.empty() ? "" : " on " + f.sequence.meaning) << " [" << toString(f.state) << "]\n";
        }
    }
    s << "annotations: " << d.annotations.size() << "\n";
    for (const auto& a : d.annotations) {
        s << "  " << a.uid << " " << toString(a.kind) << " " << a.label << " cited by " << a.citedBy.size()
          << " field(s)\n";
    }
    s << "pathology reports: " << r.pathology.size() << ", genetic tests: " << r.genetics.size()
      << ", procedures: " << r.treatment.procedures.size() << ", regimens: " << r.treatment.regimens.size()
      << ", outcome events: " << r.outcome.size() << "\n";
    return s.str();
}

std::string summarizeAssessment(const ResponseAssessment& a) {
    std::ostringstream s;
    s << a.fromTimepoint << " -> " << a.toTimepoint << ": " << toString(a.category) << "\n" << a.rule << "\n";
    for (const auto& l : a.lesions) {
        s << "  " << l.trackingId << (l.target ? " (target)" : " (non-target)") << ": " << l.targetReason
          << (l.isNew ? "; NEW" : "") << "\n";
        for (const auto& c : l.diameters)
            s << "    " << toString(c.quantity) << " " << num(c.from) << " -> " << num(c.to) << " mm ("
              << num(c.percentChange()) << "%)\n";
        if (l.volume)
            s << "    volume " << num(l.volume->from) << " -> " << num(l.volume->to) << " mm3 ("
              << num(l.volume->percentChange()) << "%)\n";
    }
    return s.str();
}

nlohmann::json assessmentToJson(const ResponseAssessment& a) {
    nlohmann::json lesions = nlohmann::json::array();
    for (const auto& l : a.lesions) {
        nlohmann::json j{{"trackingId", l.trackingId},
                         {"trackingUid", l.trackingUid},
                         {"target", l.target},
                         {"targetReason", l.targetReason},
                         {"new", l.isNew},
                         {"diameters", nlohmann::json::array()}};
        for (const auto& c : l.diameters) j["diameters"].push_back(change(c));
        if (l.recistDiameter) j["recistDiameter"] = change(*l.recistDiameter);
        if (l.volume) j["volume"] = change(*l.volume);
        lesions.push_back(j);
    }
    nlohmann::json j{
        {"from", a.fromTimepoint},
        {"to", a.toTimepoint},
        {"nadirTimepoint", a.nadirTimepoint},
        {"category", toString(a.category)},
        {"rule", a.rule},
        {"sumOfDiametersMm", {{"reference", a.baselineSumMm}, {"nadir", a.nadirSumMm}, {"current", a.currentSumMm}}},
        {"percentFromReference", a.percentFromBaseline()},
        {"percentFromNadir", a.percentFromNadir()},
        {"lesions", lesions},
        {"notes", a.notes}};
    if (a.totalVolume) j["totalVolume"] = change(*a.totalVolume);
    return j;
}

}  // namespace mensura::annotations
