#include "mensura/case/CaseModel.h"

#include <set>

namespace mensura::annotations {

CaseModel::CaseModel(CaseDocument doc) : doc_(std::move(doc)) { rebuildBacklinks(); }

Annotation* CaseModel::findAnnotation(const std::string& uid) {
    for (auto& a : doc_.annotations)
        if (a.uid == uid) return &a;
    return nullptr;
}

const Annotation* CaseModel::findAnnotation(const std::string& uid) const {
    for (const auto& a : doc_.annotations)
        if (a.uid == uid) return &a;
    return nullptr;
}

namespace {

template <class F>
void forEachField(CaseRecord& r, F f) {
    for (auto& tp : r.imaging)
        for (auto& obs : tp.observations) {
            const Lesion* lesion = r.findLesion(obs.lesionTrackingUid);
            const std::string base = "imaging/" + (tp.label.empty() ? tp.uid : tp.label) + "/" +
                                     (lesion ? lesion->trackingId : obs.lesionTrackingUid) + "/";
            for (auto& v : obs.values) f(&v, nullptr, base + toString(v.quantity));
            for (auto& fi : obs.findings) f(nullptr, &fi, base + fi.concept.meaning);
        }
}

}  // namespace

RecordValue* CaseModel::findValue(const std::string& fieldId) {
    RecordValue* found = nullptr;
    forEachField(doc_.record, [&](RecordValue* v, Finding*, const std::string&) {
        if (v && v->fieldId == fieldId) found = v;
    });
    return found;
}

Finding* CaseModel::findFinding(const std::string& fieldId) {
    Finding* found = nullptr;
    forEachField(doc_.record, [&](RecordValue*, Finding* f, const std::string&) {
        if (f && f->fieldId == fieldId) found = f;
    });
    return found;
}

std::vector<FieldCitation> CaseModel::citationsOf(const std::string& uid) const {
    std::vector<FieldCitation> out;
    auto& record = const_cast<CaseRecord&>(doc_.record);  // forEachField does not modify
    forEachField(record, [&](RecordValue* v, Finding* f, const std::string& path) {
        if (v && v->link && v->link->annotationUid == uid) out.push_back({v->fieldId, path});
        if (f)
            for (const auto& e : f->evidence)
                if (e == uid) {
                    out.push_back({f->fieldId, path});
                    break;
                }
    });
    return out;
}

void CaseModel::rebuildBacklinks() {
    for (auto& a : doc_.annotations) {
        a.citedBy.clear();
        for (const auto& c : citationsOf(a.uid)) a.citedBy.push_back(c.fieldId);
    }
}

bool CaseModel::refreshValue(RecordValue& v) const {
    if (!v.link) return false;
    const RecordValue before = v;
    const Annotation* a = findAnnotation(v.link->annotationUid);
    const QuantityValue* q = a ? a->find(v.link->quantity) : nullptr;
    if (!a) {
        v.state = LinkState::Orphaned;
    } else if (!q || q->stale) {
        v.state = LinkState::Stale;
    } else {
        v.value = q->measurement;
        v.state = LinkState::Linked;
    }
    return v.state != before.state || v.value.value != before.value.value || v.value.unit != before.value.unit;
}

bool CaseModel::refreshFinding(Finding& f) const {
    const LinkState before = f.state;
    if (f.evidence.empty()) {
        f.state = LinkState::Reported;
    } else {
        bool allPresent = true;
        for (const auto& e : f.evidence) allPresent = allPresent && findAnnotation(e);
        if (!allPresent)
            f.state = LinkState::Orphaned;
        else if (f.state != LinkState::Stale)  // a moved piece of evidence waits for review
            f.state = LinkState::Linked;
    }
    return f.state != before;
}

void CaseModel::propagateFromAnnotation(const std::string& uid) {
    std::vector<RecordFieldChanged> changed;
    forEachField(doc_.record, [&](RecordValue* v, Finding* f, const std::string&) {
        if (v && v->link && v->link->annotationUid == uid && refreshValue(*v))
            changed.push_back({v->fieldId, v->state});
        if (f) {
            bool cites = false;
            for (const auto& e : f->evidence) cites = cites || e == uid;
            if (cites && refreshFinding(*f)) changed.push_back({f->fieldId, f->state});
        }
    });
    rebuildBacklinks();
    for (const auto& c : changed) notify(c);
}

void CaseModel::refreshAllLinks() {
    std::vector<RecordFieldChanged> changed;
    forEachField(doc_.record, [&](RecordValue* v, Finding* f, const std::string&) {
        if (v && refreshValue(*v)) changed.push_back({v->fieldId, v->state});
        if (f && refreshFinding(*f)) changed.push_back({f->fieldId, f->state});
    });
    rebuildBacklinks();
    for (const auto& c : changed) notify(c);
}

std::vector<std::string> CaseModel::integrityProblems() const {
    std::vector<std::string> problems;
    std::set<std::string> ids;
    for (const auto& a : doc_.annotations) {
        if (!ids.insert(a.uid).second) problems.push_back("duplicate annotation uid " + a.uid);
        std::vector<std::string> expected;
        for (const auto& c : citationsOf(a.uid)) expected.push_back(c.fieldId);
        if (expected != a.citedBy) problems.push_back("annotation " + a.uid + ": citedBy out of step");
    }
    std::set<std::string> fieldIds;
    auto& record = const_cast<CaseRecord&>(doc_.record);
    forEachField(record, [&](RecordValue* v, Finding* f, const std::string& path) {
        const std::string id = v ? v->fieldId : f->fieldId;
        if (!fieldIds.insert(id).second) problems.push_back("duplicate fieldId " + id);
        if (v && v->link && !findAnnotation(v->link->annotationUid) && v->state != LinkState::Orphaned)
            problems.push_back(path + ": links to missing annotation " + v->link->annotationUid +
                               " but is not flagged orphaned");
        if (f)
            for (const auto& e : f->evidence)
                if (!findAnnotation(e) && f->state != LinkState::Orphaned)
                    problems.push_back(path + ": evidence " + e + " is missing but not flagged");
    });
    for (const auto& tp : doc_.record.imaging)
        for (const auto& obs : tp.observations)
            if (!doc_.record.findLesion(obs.lesionTrackingUid))
                problems.push_back("imaging/" + tp.uid + ": observation of unknown lesion " + obs.lesionTrackingUid);
    return problems;
}

int CaseModel::subscribe(Observer observer) {
    observers_[nextToken_] = std::move(observer);
    return nextToken_++;
}

void CaseModel::unsubscribe(int token) { observers_.erase(token); }

void CaseModel::notify(const ChangeEvent& event) const {
    for (const auto& [token, o] : observers_) o(event);
}

}  // namespace mensura::annotations
