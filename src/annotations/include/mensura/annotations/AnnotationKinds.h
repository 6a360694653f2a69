#pragma once
// One descriptor per annotation kind: what the rest of Mensura needs to know about a kind (its
// case.json name, how many points it takes, which point pairs are calipers and what each one
// measures, the areas and volumes derived from them, the DICOM SR graphic that carries each
// value, what the views draw, how a dragged handle moves the points), kept in one table. Code
// that handles annotations reads describe(kind) instead of switching on the kind.
#include <cstddef>
#include <limits>
#include <vector>

#include "mensura/annotations/Annotation.h"
#include "mensura/core/Vec3.h"

namespace mensura::annotations {

// How many points a kind takes.
struct PointCountRule {
    enum class Bound { Exactly, AtLeast, AtMost, Any };
    Bound bound = Bound::Any;
    std::size_t count = 0;

    bool accepts(std::size_t n) const;
};

// Two points of an annotation, by index into pointsLps, joined by a line segment.
struct PointPair {
    std::size_t from = 0, to = 0;
};

// A caliper: a segment between two of the points whose length is one of the annotation's values.
struct CaliperSpec {
    PointPair points;
    Quantity quantity = Quantity::Length;
    const char* derivation = "";  // the value's derivation, e.g. "anterior-posterior diameter"
    const char* tag = "";         // its short name on the image ("AP", "L"); "" for a lone caliper
    int patientAxis = -1;         // the LPS axis (0 L, 1 P, 2 S) a dragged end keeps to; -1: none
};

// A value that follows from the points or from the calipers' lengths: an area or a volume.
struct DerivedSpec {
    Quantity quantity = Quantity::Area;
    int dimension = 2;  // 2: an area (mm2, or {pixel}2 without spacing); 3: a volume (mm3, {pixel}3)
    const char* derivation = "";
    // From the annotation's points and the lengths of its calipers, in the descriptor's order.
    double (*compute)(const std::vector<imaging::PointLps>& points,
                      const std::vector<double>& caliperLengths) = nullptr;
};

// The DICOM SR spatial coordinates (SCOORD graphic type) that show where a value was measured.
enum class SrGraphicType { None, Point, Polyline, Ellipse };

// Which of the annotation's points form that graphic.
enum class SrPoints {
    None,
    FirstPoint,         // point 0
    CaliperOfQuantity,  // the ends of the caliper that measures the value (else of the fallback caliper)
    ClosedOutline,      // every point, then the first again
    EllipseAxisEnds,    // from centre and semi-axis ends (points 0, 1, 2): both ends of each axis
};

struct SrGeometrySpec {
    SrGraphicType graphic = SrGraphicType::None;
    SrPoints points = SrPoints::None;
    int fallbackCaliper = -1;  // the caliper that stands for values no caliper measures; -1: none
};

// What the views draw: the slice overlay, the key images and the 3D view.
enum class OverlayShape {
    Calipers,         // each caliper's segment, drawn and labelled on its own
    CrossedCalipers,  // the calipers' segments, drawn together when all lie on the slice; one label
    Ellipse,          // the ring about point 0 through points 1 and 2 (ends of two semi-axes)
    ClosedPolygon,    // every point in order, closed
    TickMarker,       // a tick across point 0, the label beside it
    ArrowMarker,      // an arrow pointing at point 0, the label (or the note's text) at its tail
    None,             // nothing of its own on a slice (a segmentation is drawn from its voxels)
};

// What dragging one handle does to the points.
enum class HandleRule {
    MovePoint,              // the dragged point follows the mouse
    AlongCaliperAxis,       // only the coordinate along the caliper's patient axis follows
    PerpendicularAxes,      // bidirectional: the short axis stays perpendicular to the long axis
    PerpendicularSemiAxes,  // ellipse: the other semi-axis turns to stay perpendicular; the centre moves all
};

// The key image shows the slice at the mean of every point.
constexpr std::size_t kAllPoints = std::numeric_limits<std::size_t>::max();

struct AnnotationKindDescriptor {
    AnnotationKind kind = AnnotationKind::Point;
    const char* name = "?";  // in case.json
    const char* noun = "?";  // in messages, e.g. "text note"
    PointCountRule pointCount;
    bool segmentReference = false;  // a segment of a DICOM SEG or label map, which it must name
    std::vector<CaliperSpec> calipers;
    std::vector<DerivedSpec> derived;
    SrGeometrySpec sr;
    OverlayShape overlay = OverlayShape::None;
    bool textIsContent = false;  // the annotation's text is what it shows (a note), not a comment on it
    // The key image shows the slice at the mean of the first this-many points (a tri-axial's AP
    // and LR calipers, an ellipse's centre).
    std::size_t keySlicePoints = kAllPoints;
    HandleRule handles = HandleRule::MovePoint;

    // An ROI: an outline with an inside, whose pixel values are measured (ellipse, polygon).
    bool hasInside() const { return overlay == OverlayShape::Ellipse || overlay == OverlayShape::ClosedPolygon; }
    // Drawn as a marker at its point rather than as segments or an outline.
    bool isMarker() const { return overlay == OverlayShape::TickMarker || overlay == OverlayShape::ArrowMarker; }
};

// The descriptor of a kind. A value outside the enum gets one named "?" that accepts any points
// and draws and measures nothing.
const AnnotationKindDescriptor& describe(AnnotationKind kind);

// Every kind's descriptor, in the enum's order.
const std::vector<AnnotationKindDescriptor>& annotationKinds();

// Where the SR shows that a value was measured: the graphic and its points in patient space.
struct SrGeometry {
    SrGraphicType graphic = SrGraphicType::None;
    std::vector<imaging::PointLps> points;
};

// The graphic of the annotation's value q; no points when the kind has none for it or the
// annotation lacks a point the graphic needs.
SrGeometry srGeometry(const Annotation& a, Quantity q);

// The DICOM Graphic Type: "POINT", "POLYLINE", "ELLIPSE"; "" for None.
const char* toString(SrGraphicType type);

// The point at angle t (radians) on the ellipse about points[0] through points[1] (t = 0) and
// points[2] (t = pi/2): how the views draw an ellipse. Needs 3 points.
imaging::PointLps ellipsePoint(const std::vector<imaging::PointLps>& points, double t);

}  // namespace mensura::annotations
