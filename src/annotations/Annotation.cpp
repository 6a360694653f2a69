#include "mensura/annotations/Annotation.h"

#include "mensura/annotations/EnumNames.h"
#include "mensura/measure/RoiStatistics.h"

#include <cmath>
#include <cstddef>

namespace mensura::annotations {

namespace {

constexpr AnnotationKind kKinds[] = {AnnotationKind::Point,    AnnotationKind::LabelledPoint, AnnotationKind::Line,
                                     AnnotationKind::Triaxial, AnnotationKind::Bidirectional, AnnotationKind::Ellipse,
                                     AnnotationKind::Polygon,  AnnotationKind::Segmentation,  AnnotationKind::TextNote};
constexpr AnnotationCategory kCategories[] = {AnnotationCategory::LesionExtent,     AnnotationCategory::Enhancement,
                                              AnnotationCategory::Signal,           AnnotationCategory::BoneDestruction,
                                              AnnotationCategory::InvasionRelation, AnnotationCategory::Other};
constexpr Quantity kQuantities[] = {
    Quantity::Length,    Quantity::ApDiameter, Quantity::LrDiameter, Quantity::SiDiameter, Quantity::LongAxis,
    Quantity::ShortAxis, Quantity::Area,       Quantity::Volume,     Quantity::Mean,       Quantity::StandardDeviation};

QuantityValue caliper(const Annotation& a, std::size_t first, Quantity q, const char* what) {
    Measurement m = caliperLength(a.pointsLps[first], a.pointsLps[first + 1], a.spacingKnown, a.uid);
    m.derivation = what;
    return {q, m, false};
}

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

const char* toString(AnnotationKind kind) {
    switch (kind) {
        case AnnotationKind::Point:
            return "point";
        case AnnotationKind::LabelledPoint:
            return "labelledPoint";
        case AnnotationKind::Line:
            return "line";
        case AnnotationKind::Triaxial:
            return "triaxial";
        case AnnotationKind::Bidirectional:
            return "bidirectional";
        case AnnotationKind::Ellipse:
            return "ellipse";
        case AnnotationKind::Polygon:
            return "polygon";
        case AnnotationKind::Segmentation:
            return "segmentation";
        case AnnotationKind::TextNote:
            return "textNote";
    }
    return "?";
}

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

const char* toString(Quantity quantity) {
    switch (quantity) {
        case Quantity::Length:
            return "length";
        case Quantity::ApDiameter:
            return "apDiameter";
        case Quantity::LrDiameter:
            return "lrDiameter";
        case Quantity::SiDiameter:
            return "siDiameter";
        case Quantity::LongAxis:
            return "longAxis";
        case Quantity::ShortAxis:
            return "shortAxis";
        case Quantity::Area:
            return "area";
        case Quantity::Volume:
            return "volume";
        case Quantity::Mean:
            return "mean";
        case Quantity::StandardDeviation:
            return "standardDeviation";
    }
    return "?";
}

const char* reportName(Quantity quantity) {
    switch (quantity) {
        case Quantity::Length:
            return "length";
        case Quantity::ApDiameter:
            return "AP diameter";
        case Quantity::LrDiameter:
            return "LR diameter";
        case Quantity::SiDiameter:
            return "SI diameter";
        case Quantity::LongAxis:
            return "long axis";
        case Quantity::ShortAxis:
            return "short axis";
        case Quantity::Area:
            return "area";
        case Quantity::Volume:
            return "volume";
        case Quantity::Mean:
            return "mean";
        case Quantity::StandardDeviation:
            return "standard deviation";
    }
    return "?";
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

std::optional<AnnotationKind> annotationKindFromString(const std::string& s) { return enumFromName(s, kKinds); }
std::optional<AnnotationCategory> annotationCategoryFromString(const std::string& s) {
    return enumFromName(s, kCategories);
}
std::optional<Quantity> quantityFromString(const std::string& s) { return enumFromName(s, kQuantities); }

std::string geometryProblem(const Annotation& a) {
    const std::size_t n = a.pointsLps.size();
    auto need = [&](std::size_t want) {
        return n == want ? std::string()
                         : std::string(toString(a.kind)) + " needs " + std::to_string(want) + " points, has " +
                               std::to_string(n);
    };
    switch (a.kind) {
        case AnnotationKind::Point:
        case AnnotationKind::LabelledPoint:
            return need(1);
        case AnnotationKind::Line:
            return need(2);
        case AnnotationKind::Triaxial:
            return need(6);
        case AnnotationKind::Bidirectional:
            return need(4);
        case AnnotationKind::Ellipse:
            return need(3);
        case AnnotationKind::Polygon:
            return n >= 3 ? std::string() : "polygon needs at least 3 points, has " + std::to_string(n);
        case AnnotationKind::Segmentation:
            return a.segmentation.segSopInstanceUid.empty() && a.segmentation.path.empty()
                       ? "segmentation needs a SEG instance UID or a path"
                       : std::string();
        case AnnotationKind::TextNote:
            return n <= 1 ? std::string() : "text note has at most 1 anchor point";
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
    const std::string len = a.spacingKnown ? "mm" : "{pixel}";
    const std::string area = a.spacingKnown ? "mm2" : "{pixel}2";
    const std::string vol = a.spacingKnown ? "mm3" : "{pixel}3";
    switch (a.kind) {
        case AnnotationKind::Line:
            out.push_back(caliper(a, 0, Quantity::Length, "caliper length"));
            break;
        case AnnotationKind::Triaxial: {
            out.push_back(caliper(a, 0, Quantity::ApDiameter, "anterior-posterior diameter"));
            out.push_back(caliper(a, 2, Quantity::LrDiameter, "left-right diameter"));
            out.push_back(caliper(a, 4, Quantity::SiDiameter, "superior-inferior diameter"));
            const double v =
                ellipsoidVolume(out[0].measurement.value, out[1].measurement.value, out[2].measurement.value);
            out.push_back({Quantity::Volume, derived(v, vol, "ellipsoid approximation pi/6 * AP * LR * SI", a), false});
            break;
        }
        case AnnotationKind::Bidirectional:
            out.push_back(caliper(a, 0, Quantity::LongAxis, "long axis"));
            out.push_back(caliper(a, 2, Quantity::ShortAxis, "short axis perpendicular to the long axis"));
            break;
        case AnnotationKind::Ellipse: {
            // pi |a1 x a2|: pi * a * b for perpendicular semi-axes, and right for any other pair too.
            const double value = imaging::ellipseAreaMm2(a.pointsLps[0], a.pointsLps[1], a.pointsLps[2]);
            out.push_back({Quantity::Area, derived(value, area, "ellipse area pi * a * b", a), false});
            break;
        }
        case AnnotationKind::Polygon:
            out.push_back(
                {Quantity::Area, derived(polygonAreaLps(a.pointsLps), area, "polygon area (Newell)", a), false});
            break;
        default:
            break;
    }
    return out;
}

}  // namespace mensura::annotations
