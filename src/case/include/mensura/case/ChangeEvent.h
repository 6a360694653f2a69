#pragma once
// Typed change events (architecture rule 7): observers learn what changed and how, a handle
// moved versus a value recomputed versus an annotation added or removed. viewer/ adapts them to
// Qt signals. Undo announces the inverse change (undoing an add announces a removal).
#include <string>
#include <variant>

#include "mensura/case/LinkedFields.h"

namespace mensura::annotations {

struct AnnotationAdded {
    std::string uid;
};
struct AnnotationRemoved {
    std::string uid;
};
struct AnnotationMoved {
    std::string uid;
};  // points changed
struct AnnotationEdited {
    std::string uid;
};  // label, category, text changed
struct MeasurementsRecomputed {
    std::string uid;
};
// A record field's value or link state changed because of its source annotation or a link edit.
struct RecordFieldChanged {
    std::string fieldId;
    LinkState state;
};
struct RecordEdited {
    std::string description;
};  // a section of the record was edited
struct DicomReferencesChanged {};

using ChangeEvent = std::variant<AnnotationAdded, AnnotationRemoved, AnnotationMoved, AnnotationEdited,
                                 MeasurementsRecomputed, RecordFieldChanged, RecordEdited, DicomReferencesChanged>;

}  // namespace mensura::annotations
