#pragma once
// Record fields that come from images. Each holds a link to the annotation (and the value of it)
// that proves it, and a state saying whether the value is still what the image says.
#include <optional>
#include <string>
#include <vector>

#include "mensura/annotations/Annotation.h"
#include "mensura/annotations/CodedConcept.h"
#include "mensura/annotations/Measurement.h"

namespace mensura::annotations {

enum class LinkState {
    Reported,  // typed from a report; no image evidence linked (yet)
    Linked,    // the value is the current value of its source annotation
    Stale,     // the source moved; the value waits for a recompute (it is not silently reused)
    Orphaned,  // the source annotation was deleted; the value is kept but flagged
};
const char* toString(LinkState s);
std::optional<LinkState> linkStateFromString(const std::string& s);

struct AnnotationLink {
    std::string annotationUid;
    Quantity quantity = Quantity::Length;
};

// A measured record value: "tri-axial AP 40 mm", "short axis 11 mm", "CT value 38 HU".
struct RecordValue {
    std::string fieldId;  // unique in the case; what annotations' citedBy lists
    Quantity quantity = Quantity::Length;
    Measurement value;         // value, UCUM unit, derivation, method, source annotation
    std::string reportedText;  // the report's words, e.g. "4.0 cm"
    std::optional<AnnotationLink> link;
    LinkState state = LinkState::Reported;
};

// A coded qualitative finding with free text beside the codes:
//   concept = enhancement degree,  value = marked
//   concept = signal intensity,    value = hyperintense, sequence = T2W, reference = muscle
//   concept = invasion of,         value = medulla oblongata
struct Finding {
    std::string fieldId;
    CodedConcept concept;
    CodedConcept value;
    CodedConcept sequence;         // MR sequence / CT phase the finding was read on
    CodedConcept referenceTissue;  // what "iso/hyper/hypo" is relative to
    std::string freeText;
    std::vector<std::string> evidence;  // annotation UIDs
    LinkState state = LinkState::Reported;
};

}  // namespace mensura::annotations
