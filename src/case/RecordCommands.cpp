#include "mensura/case/RecordCommands.h"

#include "mensura/case/RecordRules.h"

namespace mensura::annotations {

using imaging::Error;

namespace {
std::optional<Error> noField(const std::string& id) { return Error{"record field " + id + " does not exist"}; }

void restoreValue(CaseModel& model, const RecordValue& old) {
    if (RecordValue* v = model.findValue(old.fieldId)) *v = old;
    model.rebuildBacklinks();
    model.notify(RecordFieldChanged{old.fieldId, old.state});
}
}  // namespace

std::optional<Error> LinkValue::redo(CaseModel& model) {
    RecordValue* v = model.findValue(fieldId_);
    if (!v) return noField(fieldId_);
    const Annotation* a = model.findAnnotation(link_.annotationUid);
    if (!a) return Error{"annotation " + link_.annotationUid + " does not exist"};
    const QuantityValue* q = a->find(link_.quantity);
    if (!q) return Error{"annotation " + link_.annotationUid + " has no " + toString(link_.quantity) + " value"};
    old_ = *v;
    v->link = link_;
    v->value = q->measurement;
    v->state = q->stale ? LinkState::Stale : LinkState::Linked;
    model.rebuildBacklinks();
    model.notify(RecordFieldChanged{fieldId_, v->state});
    return std::nullopt;
}

void LinkValue::undo(CaseModel& model) { restoreValue(model, old_); }

std::optional<Error> UnlinkValue::redo(CaseModel& model) {
    RecordValue* v = model.findValue(fieldId_);
    if (!v) return noField(fieldId_);
    old_ = *v;
    v->link.reset();
    v->state = LinkState::Reported;
    model.rebuildBacklinks();
    model.notify(RecordFieldChanged{fieldId_, v->state});
    return std::nullopt;
}

void UnlinkValue::undo(CaseModel& model) { restoreValue(model, old_); }

std::optional<Error> SetFindingEvidence::redo(CaseModel& model) {
    Finding* f = model.findFinding(fieldId_);
    if (!f) return noField(fieldId_);
    for (const auto& uid : evidence_)
        if (!model.findAnnotation(uid)) return Error{"annotation " + uid + " does not exist"};
    old_ = *f;
    f->evidence = evidence_;
    f->state = evidence_.empty() ? LinkState::Reported : LinkState::Linked;
    model.rebuildBacklinks();
    model.notify(RecordFieldChanged{fieldId_, f->state});
    return std::nullopt;
}

void SetFindingEvidence::undo(CaseModel& model) {
    if (Finding* f = model.findFinding(fieldId_)) *f = old_;
    model.rebuildBacklinks();
    model.notify(RecordFieldChanged{fieldId_, old_.state});
}

std::optional<Error> EditRecord::redo(CaseModel& model) {
    if (!new_) {
        old_ = model.document().record;
        CaseRecord edited = *old_;
        edit_(edited);
        // Checked before anything changes, with the rules the case.json reader applies, so the
        // model never holds a record its own file could not be read back from.
        if (const auto broken = ruleViolations(edited); !broken.empty())
            return Error{description_ + ": field " + broken.front().path + ": " + broken.front().message};
        model.mutableDocument().record = std::move(edited);
        model.refreshAllLinks();
        auto problems = model.integrityProblems();
        if (!problems.empty()) {
            model.mutableDocument().record = *old_;
            model.rebuildBacklinks();
            return Error{description_ + ": " + problems.front()};
        }
        new_ = model.document().record;
    } else {
        model.mutableDocument().record = *new_;
        model.rebuildBacklinks();
    }
    model.notify(RecordEdited{description_});
    return std::nullopt;
}

void EditRecord::undo(CaseModel& model) {
    model.mutableDocument().record = *old_;
    model.rebuildBacklinks();
    model.notify(RecordEdited{description_});
}

std::optional<Error> ReplaceDicomReferences::redo(CaseModel& model) {
    old_ = model.document().dicom;
    model.mutableDocument().dicom = references_;
    model.notify(DicomReferencesChanged{});
    return std::nullopt;
}

void ReplaceDicomReferences::undo(CaseModel& model) {
    model.mutableDocument().dicom = old_;
    model.notify(DicomReferencesChanged{});
}

}  // namespace mensura::annotations
