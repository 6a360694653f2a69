#include "mensura/annotations/AnnotationKinds.h"

#include <cmath>

#include "mensura/measure/RoiStatistics.h"

namespace mensura::annotations {

using imaging::PointLps;

namespace {

PointCountRule exactly(std::size_t n) { return {PointCountRule::Bound::Exactly, n}; }
PointCountRule atLeast(std::size_t n) { return {PointCountRule::Bound::AtLeast, n}; }
PointCountRule atMost(std::size_t n) { return {PointCountRule::Bound::AtMost, n}; }

AnnotationKindDescriptor named(AnnotationKind kind, const char* name, const char* noun) {
    AnnotationKindDescriptor d;
    d.kind = kind;
    d.name = name;
    d.noun = noun;
    return d;
}

double triaxialVolume(const std::vector<PointLps>&, const std::vector<double>& lengths) {
    return ellipsoidVolume(lengths[0], lengths[1], lengths[2]);
}

// pi |a1 x a2|: pi * a * b for perpendicular semi-axes, and right for any other pair too.
double ellipseArea(const std::vector<PointLps>& p, const std::vector<double>&) {
    return imaging::ellipseAreaMm2(p[0], p[1], p[2]);
}

double polygonArea(const std::vector<PointLps>& p, const std::vector<double>&) { return polygonAreaLps(p); }

AnnotationKindDescriptor point() {
    AnnotationKindDescriptor d = named(AnnotationKind::Point, "point", "point");
    d.pointCount = exactly(1);
    d.sr = {SrGraphicType::Point, SrPoints::FirstPoint, -1};
    d.overlay = OverlayShape::ArrowMarker;
    return d;
}

// A point with a label, e.g. a vertebral level "C6".
AnnotationKindDescriptor labelledPoint() {
    AnnotationKindDescriptor d = named(AnnotationKind::LabelledPoint, "labelledPoint", "labelled point");
    d.pointCount = exactly(1);
    d.sr = {SrGraphicType::Point, SrPoints::FirstPoint, -1};
    d.overlay = OverlayShape::TickMarker;
    return d;
}

AnnotationKindDescriptor line() {
    AnnotationKindDescriptor d = named(AnnotationKind::Line, "line", "line");
    d.pointCount = exactly(2);
    d.calipers = {{{0, 1}, Quantity::Length, "caliper length", "", -1}};
    d.sr = {SrGraphicType::Polyline, SrPoints::CaliperOfQuantity, 0};
    d.overlay = OverlayShape::Calipers;
    return d;
}

// AP, LR and SI calipers, each along its patient axis; the ellipsoid through them.
AnnotationKindDescriptor triaxial() {
    AnnotationKindDescriptor d = named(AnnotationKind::Triaxial, "triaxial", "tri-axial measurement");
    d.pointCount = exactly(6);
    d.calipers = {{{0, 1}, Quantity::ApDiameter, "anterior-posterior diameter", "AP", 1},
                  {{2, 3}, Quantity::LrDiameter, "left-right diameter", "LR", 0},
                  {{4, 5}, Quantity::SiDiameter, "superior-inferior diameter", "SI", 2}};
    d.derived = {{Quantity::Volume, 3, "ellipsoid approximation pi/6 * AP * LR * SI", &triaxialVolume}};
    d.sr = {SrGraphicType::Polyline, SrPoints::CaliperOfQuantity, -1};
    d.overlay = OverlayShape::Calipers;
    d.keySlicePoints = 4;  // the AP and LR calipers lie in the slice
    d.handles = HandleRule::AlongCaliperAxis;
    return d;
}

// The long axis, then the short axis perpendicular to it.
AnnotationKindDescriptor bidirectional() {
    AnnotationKindDescriptor d = named(AnnotationKind::Bidirectional, "bidirectional", "bidirectional measurement");
    d.pointCount = exactly(4);
    d.calipers = {{{0, 1}, Quantity::LongAxis, "long axis", "L", -1},
                  {{2, 3}, Quantity::ShortAxis, "short axis perpendicular to the long axis", "S", -1}};
    d.sr = {SrGraphicType::Polyline, SrPoints::CaliperOfQuantity, 0};
    d.overlay = OverlayShape::CrossedCalipers;
    d.handles = HandleRule::PerpendicularAxes;
    return d;
}

// Centre, end of the first semi-axis, end of the second.
AnnotationKindDescriptor ellipse() {
    AnnotationKindDescriptor d = named(AnnotationKind::Ellipse, "ellipse", "ellipse");
    d.pointCount = exactly(3);
    d.derived = {{Quantity::Area, 2, "ellipse area pi * a * b", &ellipseArea}};
    d.sr = {SrGraphicType::Ellipse, SrPoints::EllipseAxisEnds, -1};
    d.overlay = OverlayShape::Ellipse;
    d.keySlicePoints = 1;  // its centre
    d.handles = HandleRule::PerpendicularSemiAxes;
    return d;
}

// Closed and planar.
AnnotationKindDescriptor polygon() {
    AnnotationKindDescriptor d = named(AnnotationKind::Polygon, "polygon", "polygon");
    d.pointCount = atLeast(3);
    d.derived = {{Quantity::Area, 2, "polygon area (Newell)", &polygonArea}};
    d.sr = {SrGraphicType::Polyline, SrPoints::ClosedOutline, -1};
    d.overlay = OverlayShape::ClosedPolygon;
    return d;
}

// A segment of a DICOM SEG (or label map); its values come from its voxels.
AnnotationKindDescriptor segmentation() {
    AnnotationKindDescriptor d = named(AnnotationKind::Segmentation, "segmentation", "segmentation");
    d.segmentReference = true;
    return d;
}

// Free text, optionally anchored at a point.
AnnotationKindDescriptor textNote() {
    AnnotationKindDescriptor d = named(AnnotationKind::TextNote, "textNote", "text note");
    d.pointCount = atMost(1);
    d.overlay = OverlayShape::ArrowMarker;
    d.textIsContent = true;
    return d;
}

}  // namespace

bool PointCountRule::accepts(std::size_t n) const {
    switch (bound) {
        case Bound::Exactly:
            return n == count;
        case Bound::AtLeast:
            return n >= count;
        case Bound::AtMost:
            return n <= count;
        case Bound::Any:
            return true;
    }
    return true;
}

const std::vector<AnnotationKindDescriptor>& annotationKinds() {
    static const std::vector<AnnotationKindDescriptor> kinds{point(),    labelledPoint(), line(),
                                                             triaxial(), bidirectional(), ellipse(),
                                                             polygon(),  segmentation(),  textNote()};
    return kinds;
}

const AnnotationKindDescriptor& describe(AnnotationKind kind) {
    static const AnnotationKindDescriptor unknown;
    const auto& kinds = annotationKinds();
    const auto i = static_cast<std::size_t>(kind);
    return i < kinds.size() && kinds[i].kind == kind ? kinds[i] : unknown;
}

SrGeometry srGeometry(const Annotation& a, Quantity q) {
    const AnnotationKindDescriptor& d = describe(a.kind);
    const auto& p = a.pointsLps;
    switch (d.sr.points) {
        case SrPoints::None:
            break;
        case SrPoints::FirstPoint:
            if (!p.empty()) return {d.sr.graphic, {p[0]}};
            break;
        case SrPoints::CaliperOfQuantity: {
            // Only when every caliper of the kind has its points.
            for (const CaliperSpec& c : d.calipers)
                if (c.points.from >= p.size() || c.points.to >= p.size()) return {};
            const CaliperSpec* caliper = nullptr;
            for (const CaliperSpec& c : d.calipers)
                if (!caliper && c.quantity == q) caliper = &c;
            if (!caliper && d.sr.fallbackCaliper >= 0) caliper = &d.calipers[std::size_t(d.sr.fallbackCaliper)];
            if (caliper) return {d.sr.graphic, {p[caliper->points.from], p[caliper->points.to]}};
            break;
        }
        case SrPoints::ClosedOutline: {
            std::vector<PointLps> closed = p;
            if (!closed.empty()) closed.push_back(closed.front());
            return {d.sr.graphic, closed};
        }
        case SrPoints::EllipseAxisEnds:
            if (p.size() >= 3) {
                const imaging::Vec3 a1 = p[1] - p[0], a2 = p[2] - p[0];
                return {d.sr.graphic, {p[0] - a1, p[0] + a1, p[0] - a2, p[0] + a2}};
            }
            break;
    }
    return {};
}

const char* toString(SrGraphicType type) {
    switch (type) {
        case SrGraphicType::Point:
            return "POINT";
        case SrGraphicType::Polyline:
            return "POLYLINE";
        case SrGraphicType::Ellipse:
            return "ELLIPSE";
        case SrGraphicType::None:
            break;
    }
    return "";
}

PointLps ellipsePoint(const std::vector<PointLps>& p, double t) {
    return p[0] + std::cos(t) * (p[1] - p[0]) + std::sin(t) * (p[2] - p[0]);
}

}  // namespace mensura::annotations
