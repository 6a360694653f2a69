#pragma once
// An annotation drawn on images: points in patient space (LPS, mm), the images it was drawn on
// by UID, what it is about (category), and the values measured from it.
#include <optional>
#include <string>
#include <vector>

#include "mensura/annotations/ImageReference.h"
#include "mensura/annotations/Measurement.h"
#include "mensura/core/Vec3.h"

namespace mensura::annotations {

// What each kind is (its name, point count, calipers, SR graphic, drawing, handle rule) is in its
// descriptor: describe(kind) in AnnotationKinds.h.
enum class AnnotationKind {
    Point,          // 1 point
    LabelledPoint,  // 1 point + label, e.g. a vertebral level "C6"
    Line,           // 2 points: a caliper
    Triaxial,       // 6 points: AP, LR and SI calipers, in that order
    Bidirectional,  // 4 points: long axis, then the perpendicular short axis
    Ellipse,        // 3 points: centre, end of first semi-axis, end of second semi-axis
    Polygon,        // >= 3 points, closed, planar
    Segmentation,   // a segment of a DICOM SEG (or label map); values come from its voxels
    TextNote,       // free text, optionally anchored at 1 point
};

enum class AnnotationCategory {
    LesionExtent,
    Enhancement,
    Signal,
    BoneDestruction,
    InvasionRelation,
    Other,
};

// What a measured value is: the record cites a value of an annotation by this.
enum class Quantity {
    Length,
    ApDiameter,
    LrDiameter,
    SiDiameter,
    LongAxis,
    ShortAxis,
    Area,
    Volume,
    Mean,
    StandardDeviation,
};

struct QuantityValue {
    Quantity quantity = Quantity::Length;
    Measurement measurement;
    // True when the geometry changed after this value was computed from pixels and no one has
    // recomputed it yet (a moved ROI's mean, a segmentation's volume).
    bool stale = false;
};

struct SegmentationReference {
    std::string segSopInstanceUid;  // the DICOM SEG instance
    int segmentNumber = 0;
    std::string path;  // where the SEG (or label map) is, relative to the case folder
};

struct Annotation {
    std::string uid;
    AnnotationKind kind = AnnotationKind::Point;
    AnnotationCategory category = AnnotationCategory::Other;
    std::string label;  // e.g. "C6" for a labelled point, "L1 AP" for a caliper
    std::string text;   // the note of a TextNote, or a comment on any annotation
    ImageReference image;
    bool spacingKnown = true;  // false: points are in pixel units and so are lengths
    std::vector<imaging::PointLps> pointsLps;
    SegmentationReference segmentation;  // Segmentation kind only
    std::vector<QuantityValue> measurements;
    // Record fields (fieldIds) that cite this annotation. Derived: CaseModel keeps it in step
    // with the record's links; it is written to case.json so other readers see both directions.
    std::vector<std::string> citedBy;

    const QuantityValue* find(Quantity q) const;
};

// Names used in case.json.
const char* toString(AnnotationKind kind);
const char* toString(AnnotationCategory category);
const char* toString(Quantity quantity);
std::optional<AnnotationKind> annotationKindFromString(const std::string& s);
std::optional<AnnotationCategory> annotationCategoryFromString(const std::string& s);
std::optional<Quantity> quantityFromString(const std::string& s);

// Empty when the point count fits the kind; otherwise why not.
std::string geometryProblem(const Annotation& a);

// The values that follow from the points alone (lengths, axes, areas, the ellipsoid volume of a
// tri-axial measurement). Values that need pixels (ROI mean, segmentation volume) are not here.
std::vector<QuantityValue> geometricMeasurements(const Annotation& a);

// The annotation's values as measurement objects named as reports name them ("AP diameter",
// "long axis", "mean"), with the series, frame of reference and instance it was drawn on.
std::vector<NamedMeasurement> namedMeasurements(const Annotation& a);
const char* reportName(Quantity quantity);

// Pure geometry.
double polygonAreaLps(const std::vector<imaging::PointLps>& closedPolygon);  // Newell's method
double ellipsoidVolume(double d1, double d2, double d3);                     // pi/6 * d1 d2 d3

}  // namespace mensura::annotations
