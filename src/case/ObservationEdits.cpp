#include "mensura/case/ObservationEdits.h"

#include <algorithm>
#include <cstdlib>

namespace mensura::annotations {

std::string nextFieldId(const CaseRecord& record) {
    const std::string prefix = (record.caseId.empty() ? std::string("case") : record.caseId) + "-f";
    long highest = 0;
    auto consider = [&](const std::string& id) {
        if (id.rfind(prefix, 0) != 0) return;
        const std::string digits = id.substr(prefix.size());
        if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return;
        highest = std::max(highest, std::strtol(digits.c_str(), nullptr, 10));
    };
    for (const auto& tp : record.imaging)
        for (const auto& obs : tp.observations) {
            for (const auto& v : obs.values) consider(v.fieldId);
            for (const auto& f : obs.findings) consider(f.fieldId);
        }
    return prefix + std::to_string(highest + 1);
}

const Timepoint* timepointForStudy(const CaseRecord& record, const std::string& studyInstanceUid) {
    for (const auto& tp : record.imaging)
        for (const auto& s : tp.studies)
            if (!studyInstanceUid.empty() && s.studyInstanceUid == studyInstanceUid) return &tp;
    return nullptr;
}

std::string checkObservationTarget(const CaseRecord& record, const std::string& timepointUid,
                                   const std::string& lesionTrackingUid) {
    if (record.imaging.empty()) return "the record has no imaging timepoint: add one first";
    if (record.lesions.empty()) return "the record has no lesion: add one first";
    if (!record.findTimepoint(timepointUid)) return "choose a timepoint";
    if (!record.findLesion(lesionTrackingUid)) return "choose a lesion";
    return {};
}

LesionObservation* observationFor(CaseRecord& record, const std::string& timepointUid,
                                  const std::string& lesionTrackingUid) {
    if (!checkObservationTarget(record, timepointUid, lesionTrackingUid).empty()) return nullptr;
    for (auto& tp : record.imaging) {
        if (tp.uid != timepointUid) continue;
        for (auto& obs : tp.observations)
            if (obs.lesionTrackingUid == lesionTrackingUid) return &obs;
        LesionObservation obs;
        obs.lesionTrackingUid = lesionTrackingUid;
        tp.observations.push_back(std::move(obs));
        return &tp.observations.back();
    }
    return nullptr;
}

std::vector<Quantity> linkableQuantities(const Annotation& annotation) {
    std::vector<Quantity> out;
    for (const auto& m : annotation.measurements)
        if (m.quantity != Quantity::StandardDeviation) out.push_back(m.quantity);
    return out;
}

std::vector<std::string> linkAnnotationValues(CaseRecord& record, const std::string& timepointUid,
                                              const std::string& lesionTrackingUid, const Annotation& annotation) {
    std::vector<std::string> added;
    LesionObservation* obs = observationFor(record, timepointUid, lesionTrackingUid);
    if (!obs) return added;
    for (Quantity q : linkableQuantities(annotation)) {
        const bool linked = std::any_of(obs->values.begin(), obs->values.end(), [&](const RecordValue& v) {
            return v.link && v.link->annotationUid == annotation.uid && v.link->quantity == q;
        });
        if (linked) continue;
        RecordValue v;
        v.fieldId = nextFieldId(record);
        v.quantity = q;
        v.link = AnnotationLink{annotation.uid, q};
        v.state = LinkState::Linked;
        if (const QuantityValue* value = annotation.find(q)) v.value = value->measurement;
        obs->values.push_back(v);
        added.push_back(v.fieldId);
    }
    return added;
}

std::string addFinding(CaseRecord& record, const std::string& timepointUid, const std::string& lesionTrackingUid,
                       Finding finding) {
    LesionObservation* obs = observationFor(record, timepointUid, lesionTrackingUid);
    if (!obs) return {};
    finding.fieldId = nextFieldId(record);
    finding.state = finding.evidence.empty() ? LinkState::Reported : LinkState::Linked;
    obs->findings.push_back(std::move(finding));
    return obs->findings.back().fieldId;
}

bool removeField(CaseRecord& record, const std::string& fieldId) {
    for (auto& tp : record.imaging)
        for (auto& obs : tp.observations) {
            auto v =
                std::find_if(obs.values.begin(), obs.values.end(), [&](const auto& x) { return x.fieldId == fieldId; });
            if (v != obs.values.end()) {
                obs.values.erase(v);
                return true;
            }
            auto f = std::find_if(obs.findings.begin(), obs.findings.end(),
                                  [&](const auto& x) { return x.fieldId == fieldId; });
            if (f != obs.findings.end()) {
                obs.findings.erase(f);
                return true;
            }
        }
    return false;
}

}  // namespace mensura::annotations
