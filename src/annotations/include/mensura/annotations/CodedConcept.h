#pragma once
// A coded concept as DICOM SR and dcmqi's JSON write it: {CodeValue, CodingSchemeDesignator,
// CodeMeaning}. Free text may sit beside a code, never instead of one (architecture rule 4).
#include <string>
#include <tuple>

namespace mensura::annotations {

struct CodedConcept {
    std::string value;    // CodeValue
    std::string scheme;   // CodingSchemeDesignator: SCT, DCM, RADLEX, ICDO3, or 99MENSURA
    std::string meaning;  // CodeMeaning

    bool empty() const { return value.empty(); }
    bool sameCode(const CodedConcept& o) const { return value == o.value && scheme == o.scheme; }
    bool operator==(const CodedConcept& o) const {
        return std::tie(value, scheme, meaning) == std::tie(o.value, o.scheme, o.meaning);
    }
    bool operator!=(const CodedConcept& o) const { return !(*this == o); }
};

}  // namespace mensura::annotations
