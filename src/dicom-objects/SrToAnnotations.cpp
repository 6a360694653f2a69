#include <map>

#include "mensura/annotations/Codes.h"
#include "mensura/dicom-objects/SrExport.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/DicomSeriesWriter.h"

namespace mensura::annotations {
namespace {

Quantity quantityOf(const CodedConcept& c) {
    using namespace codes;
    if (c.sameCode(kApDiameter)) return Quantity::ApDiameter;
    if (c.sameCode(kLrDiameter)) return Quantity::LrDiameter;
    if (c.sameCode(kSiDiameter)) return Quantity::SiDiameter;
    if (c.sameCode(kLongAxis)) return Quantity::LongAxis;
    if (c.sameCode(kShortAxis)) return Quantity::ShortAxis;
    if (c.sameCode(kArea)) return Quantity::Area;
    if (c.sameCode(kVolume)) return Quantity::Volume;
    if (c.sameCode(kMean)) return Quantity::Mean;
    if (c.sameCode(kStandardDeviation)) return Quantity::StandardDeviation;
    return Quantity::Length;
}

// Image pixel coordinates (DICOM: (0,0) is the corner of the first pixel) to patient space.
imaging::PointLps toLps(const imaging::FrameHeader& h, float column, float row) {
    const imaging::Vec3 r = imaging::normalized(h.orientation->first), c = imaging::normalized(h.orientation->second);
    return *h.positionLps + ((column - 0.5) * h.pixelSpacing->first) * r + ((row - 0.5) * h.pixelSpacing->second) * c;
}

}  // namespace

imaging::Result<ImportedAnnotations> srToAnnotations(const SrReport& report, const std::string& imagesFolder) {
    std::map<std::string, imaging::FrameHeader> images;
    std::string error;
    const imaging::DicomIndex index = imaging::indexPath(imagesFolder, {}, &error);
    if (!error.empty()) return imaging::Error{error};
    for (const auto* stack : index.allStacks())
        for (const auto& f : stack->frames) images.emplace(f.sopInstanceUid, f);

    ImportedAnnotations out;
    int n = 0;
    // One annotation per coordinates item: a NUM's own SCOORD carries that NUM; a group's Image
    // Region carries every NUM of the group.
    auto place = [&](const SrGroup& g, const SrCoordinates& c, const std::vector<const SrMeasurement*>& values,
                     const std::string& name) {
        Annotation a;
        a.uid = imaging::derivedUid(report.sopInstanceUid + "/" + std::to_string(++n));
        a.category = AnnotationCategory::LesionExtent;
        a.label = (g.trackingId.empty() ? "" : g.trackingId + " ") + name;
        a.text = "imported from " + report.path;
        std::vector<std::pair<float, float>> pixels = c.points;
        if (c.graphicType == "CIRCLE" && pixels.size() == 2) {
            // Centre and a perimeter point -> centre and the ends of two perpendicular radii.
            const float dx = pixels[1].first - pixels[0].first, dy = pixels[1].second - pixels[0].second;
            pixels.push_back({pixels[0].first - dy, pixels[0].second + dx});
        }
        if (!c.points3d.empty()) {
            a.pointsLps = c.points3d;
            a.image.frameOfReferenceUid = c.frameOfReferenceUid;
            a.image.studyInstanceUid = report.studyInstanceUid;
        } else {
            const auto it = images.find(c.sopInstanceUid);
            if (it == images.end() || !it->second.positionLps || !it->second.orientation || !it->second.pixelSpacing) {
                out.unplaced.push_back(a.label + ": image " + c.sopInstanceUid + " is not under " + imagesFolder);
                return;
            }
            const auto& h = it->second;
            for (const auto& [column, row] : pixels) a.pointsLps.push_back(toLps(h, column, row));
            a.image = {h.studyInstanceUid, h.seriesInstanceUid, h.sopInstanceUid, 0, h.frameOfReferenceUid};
        }
        if (c.graphicType == "POINT" || a.pointsLps.size() == 1) {
            a.kind = AnnotationKind::Point;
        } else if (c.graphicType == "CIRCLE" && a.pointsLps.size() == 3) {
            a.kind = AnnotationKind::Ellipse;
        } else if (c.graphicType == "ELLIPSE" && a.pointsLps.size() == 4) {
            // Major axis ends, minor axis ends -> centre and one end of each semi-axis.
            const imaging::PointLps centre = 0.5 * (a.pointsLps[0] + a.pointsLps[1]);
            a.pointsLps = {centre, a.pointsLps[1], a.pointsLps[3]};
            a.kind = AnnotationKind::Ellipse;
        } else if (a.pointsLps.size() == 2) {
            a.kind = AnnotationKind::Line;
        } else {
            if (a.pointsLps.size() > 3 && imaging::norm(a.pointsLps.front() - a.pointsLps.back()) < 1e-6)
                a.pointsLps.pop_back();
            a.kind = AnnotationKind::Polygon;
        }
        for (const SrMeasurement* m : values) {
            QuantityValue q;
            q.quantity = quantityOf(m->concept);
            q.measurement = {m->value, m->unit.value, "imported: " + m->concept.meaning, "DICOM SR", a.uid};
            a.measurements.push_back(q);
        }
        out.annotations.push_back(std::move(a));
    };
    for (const auto& g : report.groups) {
        for (const auto& m : g.measurements)
            for (const auto& c : m.coordinates) place(g, c, {&m}, m.concept.meaning);
        std::vector<const SrMeasurement*> all;
        for (const auto& m : g.measurements) all.push_back(&m);
        for (const auto& r : g.regions) place(g, r, all, "region");
    }
    return out;
}

}  // namespace mensura::annotations
