#pragma once
// The coded choices a radiologist picks for a qualitative finding: for each finding concept
// (enhancement degree and pattern, signal relative to a reference tissue, bone involvement,
// invasion / compression / encasement of a neighbour, margin, internal feature) the values it
// takes, and the sequences and reference tissues a finding is read on. The codes are the ones
// the example records use; most are Mensura-private (99MENSURA) until mapped to SNOMED CT.
#include <optional>
#include <string>
#include <vector>

#include "mensura/annotations/Annotation.h"
#include "mensura/annotations/CodedConcept.h"

namespace mensura::annotations {

struct FindingKind {
    CodedConcept concept;
    std::vector<CodedConcept> values;
    AnnotationCategory category = AnnotationCategory::Other;
    bool readOnSequence = false;    // the finding names the sequence / phase it was read on
    bool relativeToTissue = false;  // the finding names a reference tissue (signal)
};

const std::vector<FindingKind>& findingKinds();
const FindingKind* findFindingKind(const CodedConcept& concept);
// MR sequences and CT phases.
const std::vector<CodedConcept>& sequenceCodes();
const std::vector<CodedConcept>& referenceTissueCodes();

// The coded value for a category the measurement engine computes:
//   signal ratio "hypo", "iso", "slightly high", "high", "markedly high";
//   enhancement degree "none", "mild", "obvious"; pattern "homogeneous", "uneven", "ring-like".
std::optional<CodedConcept> signalCategoryCode(const std::string& category);
std::optional<CodedConcept> enhancementDegreeCode(const std::string& degree);
std::optional<CodedConcept> enhancementPatternCode(const std::string& pattern);

// The sequence / phase code a series most likely is, from its modality and description
// ("T2_SAG" -> T2-weighted, "T1 +C" -> T1-weighted post-contrast, CT "post" -> CT post-contrast);
// nullopt when the description does not say.
std::optional<CodedConcept> sequenceFromSeries(const std::string& modality, const std::string& description);

}  // namespace mensura::annotations
