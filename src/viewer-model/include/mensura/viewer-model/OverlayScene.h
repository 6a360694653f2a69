#pragma once
// What the annotation layer draws over a slice, in widget pixels (x right, y down): polylines,
// square handles and text labels. Built from annotations by buildOverlayScene.
#include <array>
#include <string>
#include <vector>

#include "mensura/annotations/Annotation.h"
#include "mensura/viewer-model/SliceMapping.h"

namespace mensura::viewer {

using Rgb = std::array<unsigned char, 3>;

struct OverlayScene {
    struct Polyline {
        std::vector<std::array<double, 2>> points;
        bool closed = false;
        Rgb color{255, 220, 60};
    };
    struct Label {
        double x = 0, y = 0;
        std::string text;
        Rgb color{255, 220, 60};
    };
    std::vector<Polyline> lines;
    std::vector<std::array<double, 2>> handles;
    std::vector<Label> labels;
};

// Handle of an annotation point drawn on the current slice.
struct HandleRef {
    std::string uid;
    std::size_t pointIndex = 0;
    double x = 0, y = 0;  // widget pixels
};

// The parts of the annotations that lie on the mapped slice (each caliper whose two ends lie on
// it, ellipses and polygons in its plane, points on it), with length labels read from the
// annotations' measurements. Annotations of other frames of reference are left out, and ROIs
// (whose values are the pixels of their own series) show on their own series only.
OverlayScene buildOverlayScene(const std::vector<annotations::Annotation>& annotations, const SliceMapping& mapping,
                               const std::string& frameOfReferenceUid, const std::string& seriesInstanceUid,
                               const std::string& selectedUid, std::vector<HandleRef>* handles = nullptr);

}  // namespace mensura::viewer
