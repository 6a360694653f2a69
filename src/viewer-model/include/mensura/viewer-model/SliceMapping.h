#pragma once
// Display-only conversion between patient space (LPS, mm) and the widget pixels of one slice
// view: where a point of the current slice plane appears, and which plane point is under the
// mouse. No Qt, no VTK: the view fills it in from its camera each time it changes.
#include <array>
#include <vector>

#include "mensura/core/VolumeGeometry.h"
#include "mensura/viewer-model/DisplayFrame.h"

namespace mensura::viewer {

struct SliceMapping {
    DisplayFrame frame;
    imaging::PointLps sliceCornerLps;  // in-plane origin of the current slice (screen mm 0, 0)
    double centreX = 0, centreY = 0;   // screen mm at the widget centre
    double mmPerPixel = 1;             // per widget (logical) pixel
    double widgetWidth = 1, widgetHeight = 1;

    // Widget pixel (x right, y down, origin top-left) of a point, projected on the slice plane.
    void toWidget(imaging::PointLps p, double& x, double& y) const;
    // The point of the slice plane under a widget pixel.
    imaging::PointLps toLps(double x, double y) const;
    // Signed distance (mm) of a point from the slice plane.
    double distanceFromPlane(imaging::PointLps p) const;
    // True when the point lies within half a slice spacing of the plane.
    bool onSlice(imaging::PointLps p) const;
};

// The section of a box by the slice plane, as a convex polygon in order round it (empty where the
// plane misses the box). corners[c]: bit 0, 1 and 2 of c choose the end along each of the box's
// three edge directions (the seed tool's box).
std::vector<imaging::PointLps> boxSection(const std::array<imaging::PointLps, 8>& corners, const SliceMapping& m);

}  // namespace mensura::viewer
