#include "mensura/annotations/FindingVocabulary.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "mensura/annotations/Codes.h"

namespace mensura::annotations {

namespace {

CodedConcept m(const char* value, const char* meaning) { return {value, "99MENSURA", meaning}; }

// Values shared by the relation findings: the neighbours a sarcoma of the head, neck and spine
// invades, compresses or encases.
std::vector<CodedConcept> neighbours() {
    return {m("M-0510", "Medulla oblongata"),
            m("M-0511", "Cervical spinal cord"),
            m("M-0515", "Spinal cord"),
            m("M-0513", "Dura mater"),
            m("M-0514", "Brain"),
            m("M-0516", "Skull"),
            m("M-0517", "Vertebral body"),
            m("M-0518", "Spinal canal"),
            m("M-0512", "Left vertebral artery"),
            m("M-0519", "Right vertebral artery"),
            m("M-0520", "Carotid artery"),
            m("M-0521", "Scalp")};
}

}  // namespace

const std::vector<FindingKind>& findingKinds() {
    static const std::vector<FindingKind> kinds = {
        {codes::kEnhancementDegree,
         {m("M-0221", "no enhancement"), m("M-0201", "mild"), m("M-0220", "enhancing"), m("M-0200", "marked")},
         AnnotationCategory::Enhancement,
         true,
         false},
        {codes::kEnhancementPattern,
         {m("M-0222", "homogeneous"), m("M-0202", "heterogeneous"), m("M-0203", "ring-like"), m("M-0204", "delayed")},
         AnnotationCategory::Enhancement,
         true,
         false},
        {codes::kSignalIntensity,
         {m("M-0209", "hypointense"), m("M-0205", "isointense"), m("M-0206", "slightly hyperintense"),
          m("M-0207", "hyperintense"), m("M-0208", "markedly hyperintense"), m("M-0210", "mixed")},
         AnnotationCategory::Signal,
         true,
         true},
        {codes::kAttenuation,
         {m("M-0230", "hypoattenuating"), m("M-0231", "isoattenuating"), m("M-0232", "hyperattenuating")},
         AnnotationCategory::Signal,
         true,
         true},
        {codes::kBoneInvolvement,
         {m("M-0211", "osteolytic"), m("M-0212", "moth-eaten"), m("M-0213", "cortical destruction"),
          m("M-0214", "vertebral collapse"), m("M-0223", "sclerotic"), m("M-0224", "periosteal reaction"),
          m("M-0225", "no periosteal reaction")},
         AnnotationCategory::BoneDestruction,
         true,
         false},
        {codes::kInvasion, neighbours(), AnnotationCategory::InvasionRelation, false, false},
        {codes::kCompression, neighbours(), AnnotationCategory::InvasionRelation, false, false},
        {codes::kEncasement, neighbours(), AnnotationCategory::InvasionRelation, false, false},
        {codes::kMargin,
         {m("M-0215", "well circumscribed"), m("M-0216", "poorly circumscribed")},
         AnnotationCategory::LesionExtent,
         false,
         false},
        {codes::kInternalFeature,
         {m("M-0217", "calcification"), m("M-0218", "no calcification"), m("M-0226", "necrosis"),
          m("M-0227", "flow voids"), m("M-0219", "tortuous feeding artery")},
         AnnotationCategory::Other,
         false,
         false},
    };
    return kinds;
}

const FindingKind* findFindingKind(const CodedConcept& concept) {
    for (const auto& k : findingKinds())
        if (k.concept.sameCode(concept)) return &k;
    return nullptr;
}

const std::vector<CodedConcept>& sequenceCodes() {
    static const std::vector<CodedConcept> codes = {
        m("M-0300", "T1-weighted"), m("M-0301", "T2-weighted"),        m("M-0302", "TIRM fat-suppressed"),
        m("M-0307", "STIR"),        m("M-0303", "Diffusion-weighted"), m("M-0304", "T1-weighted post-contrast"),
        m("M-0306", "CT"),          m("M-0305", "CT post-contrast")};
    return codes;
}

const std::vector<CodedConcept>& referenceTissueCodes() {
    static const std::vector<CodedConcept> codes = {m("M-0400", "Skeletal muscle"), m("M-0401", "Spinal cord"),
                                                    m("M-0402", "Brain parenchyma")};
    return codes;
}

namespace {
std::optional<CodedConcept> valueOf(const CodedConcept& concept, const std::string& code) {
    if (const FindingKind* k = findFindingKind(concept))
        for (const auto& v : k->values)
            if (v.value == code) return v;
    return std::nullopt;
}
}  // namespace

std::optional<CodedConcept> signalCategoryCode(const std::string& category) {
    if (category == "hypo") return valueOf(codes::kSignalIntensity, "M-0209");
    if (category == "iso") return valueOf(codes::kSignalIntensity, "M-0205");
    if (category == "slightly high") return valueOf(codes::kSignalIntensity, "M-0206");
    if (category == "high") return valueOf(codes::kSignalIntensity, "M-0207");
    if (category == "markedly high") return valueOf(codes::kSignalIntensity, "M-0208");
    return std::nullopt;
}

std::optional<CodedConcept> enhancementDegreeCode(const std::string& degree) {
    if (degree == "none") return valueOf(codes::kEnhancementDegree, "M-0221");
    if (degree == "mild") return valueOf(codes::kEnhancementDegree, "M-0201");
    if (degree == "obvious") return valueOf(codes::kEnhancementDegree, "M-0200");
    return std::nullopt;
}

std::optional<CodedConcept> enhancementPatternCode(const std::string& pattern) {
    if (pattern == "homogeneous") return valueOf(codes::kEnhancementPattern, "M-0222");
    if (pattern == "uneven") return valueOf(codes::kEnhancementPattern, "M-0202");
    if (pattern == "ring-like") return valueOf(codes::kEnhancementPattern, "M-0203");
    return std::nullopt;
}

std::optional<CodedConcept> sequenceFromSeries(const std::string& modality, const std::string& description) {
    std::string d = description;
    std::transform(d.begin(), d.end(), d.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    const auto has = [&d](const char* pattern) { return std::regex_search(d, std::regex(pattern)); };
    const auto code = [](const char* value) -> std::optional<CodedConcept> {
        for (const auto& c : sequenceCodes())
            if (c.value == value) return c;
        return std::nullopt;
    };
    const bool contrast = has(R"((\+ ?C\b|POST|\bGD\b|GADO|CONTRAST|\bC\+|ENHANC|_C$|\bC$))");
    if (modality == "CT") return code(contrast ? "M-0305" : "M-0306");
    if (has(R"((DWI|DIFF|\bTRACE\b|\bB ?[0-9]{3,4}\b))")) return code("M-0303");
    if (has(R"(TIRM)")) return code("M-0302");
    if (has(R"(STIR)")) return code("M-0307");
    if (has(R"(T1)")) return code(contrast ? "M-0304" : "M-0300");
    if (has(R"(T2)")) return code("M-0301");
    return std::nullopt;
}

}  // namespace mensura::annotations
