#pragma once
// Key images for the human report: the slice of an annotation's series at the annotation,
// windowed (CT soft tissue 400/40; otherwise the 1st-99th percentile of the slice), with the
// calipers / ROI drawn, orientation letters at the edges and a scale bar. Nothing that
// identifies the patient is drawn.
#include <QImage>
#include <QPointF>

#include "mensura/annotations/Annotation.h"
#include "mensura/core/Result.h"
#include "mensura/core/Volume.h"
#include "mensura/export/HtmlReport.h"

namespace mensura::viewer {

// The colour every annotation is drawn in: saturated, so it never occurs in a greyscale slice.
inline const QRgb kAnnotationColour = qRgb(255, 200, 0);

struct KeyImageOptions {
    int maxSidePx = 512;  // the longer side of the image
};

struct KeyImage {
    QImage image;
    std::size_t slice = 0;  // k of the acquisition slice shown
    double pixelsPerMm = 1;
    imaging::VolumeGeometry geometry;

    // Where a patient-space point projects onto the image (pixel coordinates).
    QPointF toPixel(imaging::PointLps p) const;
};

// The acquisition slice nearest the annotation: for a tri-axial measurement the plane of its AP
// and LR calipers, otherwise the mean position of its points.
std::size_t keyImageSlice(const imaging::Volume& volume, const annotations::Annotation& a);

imaging::Result<KeyImage> renderKeyImage(const imaging::Volume& volume, const annotations::Annotation& a,
                                         const KeyImageOptions& options = {});

// A provider for exportHtmlReport: indexes and loads the annotation's series (each series once
// per provider), renders, and writes the PNG atomically. Needs a QGuiApplication for text.
annotations::KeyImageProvider makeKeyImageProvider(const KeyImageOptions& options = {});

}  // namespace mensura::viewer
