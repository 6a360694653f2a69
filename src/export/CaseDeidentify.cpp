#include "mensura/export/CaseDeidentify.h"

#include <algorithm>
#include <cctype>

#include "mensura/case/CaseJson.h"

namespace mensura::annotations {
namespace {

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.'; }

bool allDigits(const std::string& s, std::size_t from, std::size_t n) {
    if (from + n > s.size()) return false;
    for (std::size_t i = from; i < from + n; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

void scrubStrings(nlohmann::json& j, const CaseDeidentifier& deid) {
    if (j.is_string()) {
        j = deid.scrub(j.get<std::string>());
    } else if (j.is_array() || j.is_object()) {
        for (auto& child : j) scrubStrings(child, deid);
    }
}

}  // namespace

void CaseDeidentifier::remember(const std::string& from, const std::string& to) {
    if (from.empty() || from == to) return;
    for (const auto& r : replacements_)
        if (r.first == from) return;
    replacements_.emplace_back(from, to);
    // Longest first, so that an identifier inside a longer one is never replaced half-way.
    std::stable_sort(replacements_.begin(), replacements_.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

std::string CaseDeidentifier::uid(const std::string& original) {
    if (!policy_.enabled || original.empty()) return original;
    const std::string mapped = policy_.remapUid(original);
    remember(original, mapped);
    return mapped;
}

std::string CaseDeidentifier::date(const std::string& original) {
    if (!policy_.enabled || original.empty()) return original;
    std::string shifted = original;
    const bool isoFull = original.size() >= 10 && allDigits(original, 0, 4) && original[4] == '-' &&
                         allDigits(original, 5, 2) && original[7] == '-' && allDigits(original, 8, 2);
    if (isoFull) {  // a date or a date-time: shift the date part, keep the time
        shifted = policy_.shiftDate(original.substr(0, 10)) + original.substr(10);
        remember(original.substr(0, 10), shifted.substr(0, 10));
        remember(original.substr(0, 4) + original.substr(5, 2) + original.substr(8, 2),
                 shifted.substr(0, 4) + shifted.substr(5, 2) + shifted.substr(8, 2));
    } else if (original.size() == 8 && allDigits(original, 0, 8)) {
        shifted = policy_.shiftDate(original);
        remember(original, shifted);
        remember(original.substr(0, 4) + "-" + original.substr(4, 2) + "-" + original.substr(6, 2),
                 shifted.substr(0, 4) + "-" + shifted.substr(4, 2) + "-" + shifted.substr(6, 2));
    } else if (original.size() == 7 && allDigits(original, 0, 4) && original[4] == '-' && allDigits(original, 5, 2)) {
        // A month: shift its middle day, keep the precision.
        shifted = policy_.shiftDate(original + "-15").substr(0, 7);
    } else if (original.size() == 4 && allDigits(original, 0, 4)) {
        shifted = policy_.shiftDate(original + "-07-02").substr(0, 4);
    }
    return shifted;
}

std::string CaseDeidentifier::scrub(const std::string& text) const {
    if (!policy_.enabled) return text;
    std::string out = text;
    for (const auto& [from, to] : replacements_) {
        std::size_t pos = 0;
        while ((pos = out.find(from, pos)) != std::string::npos) {
            const bool boundaryBefore = pos == 0 || !isWordChar(from.front()) || !isWordChar(out[pos - 1]);
            const std::size_t end = pos + from.size();
            const bool boundaryAfter = end >= out.size() || !isWordChar(from.back()) || !isWordChar(out[end]);
            if (boundaryBefore && boundaryAfter) {
                out.replace(pos, from.size(), to);
                pos += to.size();
            } else {
                pos += 1;
            }
        }
    }
    return out;
}

PatientIdentity CaseDeidentifier::apply(const PatientIdentity& who) {
    if (!policy_.enabled) return who;
    PatientIdentity out;
    out.name = policy_.pseudonymName;
    out.id = policy_.pseudonymId;
    out.birthDate = date(who.birthDate);
    out.sex = who.sex;  // kept: the record's sex is clinical content (PS3.15 option "retain")
    remember(who.name, out.name);
    if (who.name.find('^') != std::string::npos) {  // the spellings a name takes outside DICOM
        std::string spaced = who.name, underscored = who.name;
        std::replace(spaced.begin(), spaced.end(), '^', ' ');
        std::replace(underscored.begin(), underscored.end(), '^', '_');
        remember(spaced, out.name);
        remember(underscored, out.name);
    }
    remember(who.id, out.id);
    return out;
}

CaseDocument CaseDeidentifier::apply(const CaseDocument& in) {
    if (!policy_.enabled) return in;
    CaseDocument doc = in;
    for (auto& d : doc.dicom) {
        d.studyInstanceUid = uid(d.studyInstanceUid);
        d.seriesInstanceUid = uid(d.seriesInstanceUid);
        d.frameOfReferenceUid = uid(d.frameOfReferenceUid);
        d.path.clear();
    }
    for (auto& a : doc.annotations) {
        a.uid = uid(a.uid);
        a.image.studyInstanceUid = uid(a.image.studyInstanceUid);
        a.image.seriesInstanceUid = uid(a.image.seriesInstanceUid);
        a.image.sopInstanceUid = uid(a.image.sopInstanceUid);
        a.image.frameOfReferenceUid = uid(a.image.frameOfReferenceUid);
        a.segmentation.segSopInstanceUid = uid(a.segmentation.segSopInstanceUid);
        a.segmentation.path.clear();
        for (auto& q : a.measurements) q.measurement.sourceAnnotation = uid(q.measurement.sourceAnnotation);
    }
    CaseRecord& r = doc.record;
    for (auto& lesion : r.lesions) lesion.trackingUid = uid(lesion.trackingUid);
    for (auto& lab : r.laboratory) lab.date = date(lab.date);
    for (auto& tp : r.imaging) {
        tp.uid = uid(tp.uid);
        tp.date = date(tp.date);
        for (auto& s : tp.studies) {
            s.studyInstanceUid = uid(s.studyInstanceUid);
            s.date = date(s.date);
        }
        for (auto& obs : tp.observations) {
            obs.lesionTrackingUid = uid(obs.lesionTrackingUid);
            for (auto& v : obs.values) {
                v.value.sourceAnnotation = uid(v.value.sourceAnnotation);
                if (v.link) v.link->annotationUid = uid(v.link->annotationUid);
            }
            for (auto& f : obs.findings)
                for (auto& e : f.evidence) e = uid(e);
        }
    }
    for (auto& p : r.pathology) p.date = date(p.date);
    for (auto& g : r.genetics) g.date = date(g.date);
    for (auto& p : r.treatment.procedures) p.date = date(p.date);
    for (auto& reg : r.treatment.regimens) reg.startDate = date(reg.startDate);
    for (auto& rt : r.treatment.radiotherapy) rt.date = date(rt.date);
    for (auto& o : r.outcome) o.date = date(o.date);

    // Free text anywhere (notes, descriptions, labels) may repeat an identifier: scrub it all
    // through the JSON form, which reaches every string field without listing them here.
    nlohmann::json j = caseToJson(doc);
    scrubStrings(j, *this);
    auto back = caseFromJson(j, "de-identified case");
    return back ? *back : doc;
}

}  // namespace mensura::annotations
