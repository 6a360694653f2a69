#pragma once
// Placing and editing a bidirectional (RECIST/WHO) measurement: a long axis and a short axis held
// perpendicular to it in one plane, as OHIF's bidirectional tool behaves. The four points are
// long axis (2), then short axis (2); bidimensional() in Calipers.h checks a finished pair.
#include <array>

#include "mensura/core/Result.h"
#include "mensura/measure/Calipers.h"

namespace mensura::imaging {

using BidirectionalPoints = std::array<PointLps, 4>;

// The short axis as the user drags it from `from` to `to` after the long axis: perpendicular to
// the long axis within the plane of normal planeNormal (the view's), crossing the long axis line
// at the foot of the drag's midpoint (clamped to the long axis' ends), its ends the projections of
// from and to on that perpendicular. When the short axis comes out longer than the long one the
// two are swapped (the long axis is the longer by definition). Errors: a zero-length axis, the
// plane normal along the long axis, and bidimensional()'s checks on the result.
Result<BidirectionalPoints> bidirectionalFromDrags(const CaliperLine& longAxis, PointLps from, PointLps to,
                                                   Vec3 planeNormal);

// Point `index` (0, 1: long axis ends; 2, 3: short axis ends) dragged to p, the rest following:
// moving a long-axis end keeps the other end, and the short axis keeps its place along the long
// axis (as a fraction) and its two lengths either side, turned to stay perpendicular; moving a
// short-axis end slides it along the short axis' own direction only. Everything stays in the
// measurement's plane (p is projected onto it). Errors: as bidirectionalFromDrags, e.g. a short
// axis dragged longer than the long one.
Result<BidirectionalPoints> moveBidirectionalHandle(const BidirectionalPoints& points, std::size_t index, PointLps p);

}  // namespace mensura::imaging
