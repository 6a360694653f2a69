#include "mensura/case/AnnotationCommands.h"

#include <algorithm>

namespace mensura::annotations {

using imaging::Error;

namespace {

std::optional<Error> missing(const std::string& uid) { return Error{"annotation " + uid + " does not exist"}; }

std::size_t indexOf(const CaseModel& model, const std::string& uid) {
    const auto& list = model.document().annotations;
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].uid == uid) return i;
    return list.size();
}

// Puts an annotation back as it was (points, values, labels) and the citing fields with it.
void restoreAnnotation(CaseModel& model, const Annotation& old, const CitingFields& fields) {
    if (Annotation* a = model.findAnnotation(old.uid)) *a = old;
    fields.restore(model);
    model.rebuildBacklinks();
}

}  // namespace

void CitingFields::capture(CaseModel& model, const std::string& uid) {
    values_.clear();
    findings_.clear();
    for (const auto& c : model.citationsOf(uid)) {
        if (RecordValue* v = model.findValue(c.fieldId)) values_.push_back(*v);
        if (Finding* f = model.findFinding(c.fieldId)) findings_.push_back(*f);
    }
}

void CitingFields::restore(CaseModel& model) const {
    for (const auto& v : values_)
        if (RecordValue* target = model.findValue(v.fieldId)) {
            *target = v;
            model.notify(RecordFieldChanged{v.fieldId, v.state});
        }
    for (const auto& f : findings_)
        if (Finding* target = model.findFinding(f.fieldId)) {
            *target = f;
            model.notify(RecordFieldChanged{f.fieldId, f.state});
        }
}

std::optional<Error> AddAnnotation::redo(CaseModel& model) {
    if (annotation_.uid.empty()) return Error{"an annotation needs a uid"};
    if (model.findAnnotation(annotation_.uid)) return Error{"annotation " + annotation_.uid + " exists already"};
    const std::string problem = geometryProblem(annotation_);
    if (!problem.empty()) return Error{"annotation " + annotation_.uid + ": " + problem};
    if (annotation_.measurements.empty()) annotation_.measurements = geometricMeasurements(annotation_);
    before_.capture(model, annotation_.uid);
    model.mutableDocument().annotations.push_back(annotation_);
    model.notify(AnnotationAdded{annotation_.uid});
    model.propagateFromAnnotation(annotation_.uid);
    return std::nullopt;
}

void AddAnnotation::undo(CaseModel& model) {
    auto& list = model.mutableDocument().annotations;
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(indexOf(model, annotation_.uid)));
    before_.restore(model);
    model.rebuildBacklinks();
    model.notify(AnnotationRemoved{annotation_.uid});
}

std::optional<Error> RemoveAnnotation::redo(CaseModel& model) {
    index_ = indexOf(model, uid_);
    if (index_ == model.document().annotations.size()) return missing(uid_);
    removed_ = model.document().annotations[index_];
    before_.capture(model, uid_);
    auto& list = model.mutableDocument().annotations;
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(index_));
    model.notify(AnnotationRemoved{uid_});
    model.propagateFromAnnotation(uid_);
    return std::nullopt;
}

void RemoveAnnotation::undo(CaseModel& model) {
    auto& list = model.mutableDocument().annotations;
    list.insert(list.begin() + static_cast<std::ptrdiff_t>(index_), removed_);
    before_.restore(model);
    model.rebuildBacklinks();
    model.notify(AnnotationAdded{uid_});
}

std::optional<Error> MoveAnnotation::redo(CaseModel& model) {
    Annotation* a = model.findAnnotation(uid_);
    if (!a) return missing(uid_);
    Annotation moved = *a;
    moved.pointsLps = points_;
    const std::string problem = geometryProblem(moved);
    if (!problem.empty()) return Error{"annotation " + uid_ + ": " + problem};
    old_ = *a;
    before_.capture(model, uid_);
    const auto geometric = geometricMeasurements(moved);
    for (auto& q : moved.measurements) {
        auto it = std::find_if(geometric.begin(), geometric.end(),
                               [&](const QuantityValue& g) { return g.quantity == q.quantity; });
        if (it != geometric.end())
            q = *it;
        else
            q.stale = true;  // came from pixels under the old outline
    }
    for (const auto& g : geometric)
        if (!moved.find(g.quantity)) moved.measurements.push_back(g);
    for (auto v : pixelValues_) {
        v.stale = false;
        if (v.measurement.sourceAnnotation.empty()) v.measurement.sourceAnnotation = uid_;
        auto it = std::find_if(moved.measurements.begin(), moved.measurements.end(),
                               [&](const QuantityValue& q) { return q.quantity == v.quantity; });
        if (it != moved.measurements.end())
            *it = v;
        else
            moved.measurements.push_back(v);
    }
    *a = moved;
    // Qualitative findings that cite it need a reader's look: the statement may no longer hold.
    for (const auto& c : model.citationsOf(uid_))
        if (Finding* f = model.findFinding(c.fieldId)) f->state = LinkState::Stale;
    model.notify(AnnotationMoved{uid_});
    if (!geometric.empty() || !pixelValues_.empty()) model.notify(MeasurementsRecomputed{uid_});
    model.propagateFromAnnotation(uid_);
    for (const auto& c : model.citationsOf(uid_))
        if (Finding* f = model.findFinding(c.fieldId)) model.notify(RecordFieldChanged{f->fieldId, f->state});
    return std::nullopt;
}

void MoveAnnotation::undo(CaseModel& model) {
    restoreAnnotation(model, old_, before_);
    model.notify(AnnotationMoved{uid_});
}

std::optional<Error> SetAnnotationMeasurements::redo(CaseModel& model) {
    Annotation* a = model.findAnnotation(uid_);
    if (!a) return missing(uid_);
    old_ = *a;
    before_.capture(model, uid_);
    for (auto v : values_) {
        v.stale = false;
        if (v.measurement.sourceAnnotation.empty()) v.measurement.sourceAnnotation = uid_;
        auto it = std::find_if(a->measurements.begin(), a->measurements.end(),
                               [&](const QuantityValue& q) { return q.quantity == v.quantity; });
        if (it != a->measurements.end())
            *it = v;
        else
            a->measurements.push_back(v);
    }
    model.notify(MeasurementsRecomputed{uid_});
    model.propagateFromAnnotation(uid_);
    return std::nullopt;
}

void SetAnnotationMeasurements::undo(CaseModel& model) {
    restoreAnnotation(model, old_, before_);
    model.notify(MeasurementsRecomputed{uid_});
}

std::optional<Error> EditAnnotation::redo(CaseModel& model) {
    Annotation* a = model.findAnnotation(uid_);
    if (!a) return missing(uid_);
    old_ = *a;
    a->label = label_;
    a->category = category_;
    a->text = text_;
    model.notify(AnnotationEdited{uid_});
    return std::nullopt;
}

void EditAnnotation::undo(CaseModel& model) {
    if (Annotation* a = model.findAnnotation(uid_)) *a = old_;
    model.notify(AnnotationEdited{uid_});
}

}  // namespace mensura::annotations
