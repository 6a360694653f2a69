#pragma once
// What moving one handle of an annotation does to its points, so each kind keeps its shape: a
// tri-axial caliper stays on its patient axis, a bidirectional's short axis stays perpendicular
// to its long axis, an ellipse's semi-axes stay perpendicular (its centre handle moves it whole).
// Other kinds move the one point. Used for the drag preview and for the MoveAnnotation command.
#include <vector>

#include "mensura/annotations/Annotation.h"
#include "mensura/core/Result.h"

namespace mensura::annotations {

// The annotation's points after handle `index` is dragged to p. Errors name why the move is
// refused (e.g. a bidirectional's short axis dragged longer than its long axis).
imaging::Result<std::vector<imaging::PointLps>> movedHandle(const Annotation& a, std::size_t index,
                                                            imaging::PointLps p);

}  // namespace mensura::annotations
