#include "mensura/annotations/Annotation.h"

#include "mensura/annotations/AnnotationKinds.h"
#include "mensura/annotations/EnumNames.h"

#include <cmath>
#include <cstddef>

namespace mensura::annotations {

namespace {

constexpr AnnotationCategory kCategories[] = {AnnotationCategory::LesionExtent,     AnnotationCategory::Enhancement,
                                              AnnotationCategory::Signal,           AnnotationCategory::BoneDestruction,
                                              AnnotationCategory::InvasionRelation, AnnotationCategory::Other};
constexpr Quantity kQuantities[] = {
    Quantity::Length,    Quantity::ApDiameter, Quantity::LrDiameter, Quantity::SiDiameter, Quantity::LongAxis,
    Quantity::ShortAxis, Quantity::Area,       Quantity::Volume,     Quantity::Mean,       Quantity::StandardDeviation};

Measurement derived(double value, const std::string& unit, const std::string& derivation, const Annotation& a) {
    Measurement m;
    m.value = value;
    m.unit = unit;
    m.derivation = derivation;
    m.method = "geometry of the annotation";
    m.sourceAnnotation = a.uid;
    return m;
}

}  // namespace

const QuantityValue* Annotation::find(Quantity q) const {
    for (const auto& m : measurements)
        if (m.quantity == q) return &m;
    return nullptr;
}

const char* toString(AnnotationKind kind) { return describe(kind).name; }

const char* toString(AnnotationCategory category) {
    switch (category) {
        case AnnotationCategory::LesionExtent:
            return "lesionExtent";
        case AnnotationCategory::Enhancement:
            return "enhancement";
        case AnnotationCategory::Signal:
            return "signal";
        case AnnotationCategory::BoneDestruction:
            return "boneDestruction";
        case AnnotationCategory::InvasionRelation:
            return "invasionRelation";
        case AnnotationCategory::Other:
            return "other";
    }
    return "?";
}

namespace {
// Each quantity's two names: case.json's, and the one reports, the CLI and FHIR text use.
struct QuantityNames {
    Quantity quantity;
    const char* json;
    const char* report;
};
constexpr QuantityNames kQuantityNames[] = {
    {Quantity::Length, "length", "length"},
    {Quantity::ApDiameter, "apDiameter", "AP diameter"},
    {Quantity::LrDiameter, "lrDiameter", "LR diameter"},
    {Quantity::SiDiameter, "siDiameter", "SI diameter"},
    {Quantity::LongAxis, "longAxis", "long axis"},
    {Quantity::ShortAxis, "shortAxis", "short axis"},
    {Quantity::Area, "area", "area"},
    {Quantity::Volume, "volume", "volume"},
    {Quantity::Mean, "mean", "mean"},
    {Quantity::StandardDeviation, "standardDeviation", "standard deviation"},
};
const QuantityNames* namesOf(Quantity q) {
    for (const auto& n : kQuantityNames)
        if (n.quantity == q) return &n;
    return nullptr;
}
}  // namespace

const char* toString(Quantity quantity) {
    const QuantityNames* n = namesOf(quantity);
    return n ? n->json : "?";
}

const char* reportName(Quantity quantity) {
    const QuantityNames* n = namesOf(quantity);
    return n ? n->report : "?";
}

std::vector<NamedMeasurement> namedMeasurements(const Annotation& a) {
    std::vector<NamedMeasurement> out;
    for (const QuantityValue& q : a.measurements) {
        NamedMeasurement n;
        n.name = reportName(q.quantity);
        n.measurement = q.measurement;
        n.seriesInstanceUid = a.image.seriesInstanceUid;
        n.frameOfReferenceUid = a.image.frameOfReferenceUid;
        if (!a.image.sopInstanceUid.empty()) n.sopInstanceUids = {a.image.sopInstanceUid};
        out.push_back(std::move(n));
    }
    return out;
}

std::optional<AnnotationKind> annotationKindFromString(const std::string& s) {
    for (const AnnotationKindDescriptor& d : annotationKinds())
        if (s == d.name) return d.kind;
    return std::nullopt;
}
std::optional<AnnotationCategory> annotationCategoryFromString(const std::string& s) {
    return enumFromName(s, kCategories);
}
std::optional<Quantity> quantityFromString(const std::string& s) { return enumFromName(s, kQuantities); }

std::string geometryProblem(const Annotation& a) {
    const AnnotationKindDescriptor& d = describe(a.kind);
    if (d.segmentReference && a.segmentation.segSopInstanceUid.empty() && a.segmentation.path.empty())
        return std::string(d.name) + " needs a SEG instance UID or a path";
    const std::size_t n = a.pointsLps.size();
    if (d.pointCount.accepts(n)) return {};
    const std::string want = std::to_string(d.pointCount.count);
    switch (d.pointCount.bound) {
        case PointCountRule::Bound::Exactly:
            return std::string(d.name) + " needs " + want + " points, has " + std::to_string(n);
        case PointCountRule::Bound::AtLeast:
            return std::string(d.name) + " needs at least " + want + " points, has " + std::to_string(n);
        case PointCountRule::Bound::AtMost:
            return std::string(d.noun) + " has at most " + want + " anchor point" +
                   (d.pointCount.count == 1 ? "" : "s");
        case PointCountRule::Bound::Any:
            break;
    }
    return {};
}

double polygonAreaLps(const std::vector<imaging::PointLps>& p) {
    imaging::Vec3 sum;
    for (std::size_t i = 0; i < p.size(); ++i) sum = sum + imaging::cross(p[i], p[(i + 1) % p.size()]);
    return 0.5 * imaging::norm(sum);
}

double ellipsoidVolume(double d1, double d2, double d3) { return M_PI / 6.0 * d1 * d2 * d3; }

std::vector<QuantityValue> geometricMeasurements(const Annotation& a) {
    std::vector<QuantityValue> out;
    if (!geometryProblem(a).empty()) return out;
    const AnnotationKindDescriptor& d = describe(a.kind);
    const auto& p = a.pointsLps;
    std::vector<double> lengths;
    for (const CaliperSpec& c : d.calipers) {
        Measurement m = caliperLength(p[c.points.from], p[c.points.to], a.spacingKnown, a.uid);
        m.derivation = c.derivation;
        lengths.push_back(m.value);
        out.push_back({c.quantity, m, false});
    }
    for (const DerivedSpec& v : d.derived) {
        const std::string unit = (a.spacingKnown ? "mm" : "{pixel}") + std::to_string(v.dimension);
        out.push_back({v.quantity, derived(v.compute(p, lengths), unit, v.derivation, a), false});
    }
    return out;
}

}  // namespace mensura::annotations
