#pragma once
// The measurement tools' placement as a state machine without Qt or VTK (the model half of
// viewer/MeasurementTool, which only forwards mouse input and shows what this returns): a
// caliper (drag a line), the tri-axial measurement (AP and LR dragged on the axial view, SI on
// the sagittal or coronal view, each snapped to its patient axis), a bidirectional (the long
// axis, then the short axis, held perpendicular by imaging::bidirectionalFromDrags), an ellipse
// ROI (drag its bounding box), a polygon ROI (click the vertices; a double-click, Enter or a click
// on the first vertex closes it), and the click tools: a segmentation seed (or a box dragged
// round the lesion), a vertebral level, a text arrow. Testable headless: tests/viewer_model.
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mensura/core/Vec3.h"
#include "mensura/viewer-model/DisplayFrame.h"

namespace mensura::viewer {

enum class Tool { Navigate, Caliper, Triaxial, Seed, Bidirectional, Ellipse, Polygon, VertebralLabel, TextArrow };

using Segment = std::pair<imaging::PointLps, imaging::PointLps>;

// The view a mouse event happened on: an id the caller chooses (unique per view), how the view
// lays the volume out, and its zoom (tolerances are in screen pixels as well as millimetres).
struct ToolView {
    int id = 0;
    DisplayFrame frame;
    double mmPerPixel = 1;
};

// What a placement produced, in the order the caller should act on it.
struct ToolEvent {
    enum class Kind {
        CaliperPlaced,          // points: from, to
        TriaxialPlaced,         // points: AP (2), LR (2), SI (2); viewId: the axial view
        BidirectionalPlaced,    // points: long axis (2), short axis (2)
        EllipsePlaced,          // points: centre, end of the first semi-axis, end of the second
        PolygonPlaced,          // points: the vertices
        SeedClicked,            // points: the seed
        SeedBoxPlaced,          // points: the seed, then the box's 8 corners; sizeMm: width, height, depth
        PointClicked,           // points: the point (vertebral level or text arrow: tool() says which)
        SeedBoxTooSmall,        // minimumMm: the least side of a box at this zoom
        PolygonTooFewVertices,  // count: the vertices it has
        Refused,                // message: why the library refused the placement
    };
    Kind kind = Kind::CaliperPlaced;
    std::vector<imaging::PointLps> points;
    int viewId = 0;
    imaging::Vec3 sizeMm;
    double minimumMm = 0;
    std::size_t count = 0;
    std::string message;
};

class ToolStateMachine {
  public:
    Tool tool() const { return tool_; }
    // Drops any placement in progress and takes the tool.
    void setTool(Tool tool);
    // Drops a placement in progress (Esc).
    void cancel();

    std::vector<ToolEvent> press(const ToolView& view, imaging::PointLps p);
    std::vector<ToolEvent> drag(const ToolView& view, imaging::PointLps p);
    std::vector<ToolEvent> release(const ToolView& view, imaging::PointLps p);
    std::vector<ToolEvent> doubleClick(const ToolView& view, imaging::PointLps p);
    // Closes the polygon being drawn (Enter); the events are empty when there is none to close.
    std::vector<ToolEvent> finish();

    // State for the prompt: which tri-axial calipers are placed (AP, LR, SI), whether the
    // bidirectional's long axis is, how many polygon vertices are.
    bool triaxialHas(int axis) const { return axes_[std::size_t(axis)].has_value(); }
    bool hasLongAxis() const { return longAxis_.has_value(); }
    std::size_t polygonVertexCount() const { return vertices_.size(); }
    bool drawingPolygon() const { return !vertices_.empty(); }

    // The outline of the placement in progress as line segments, for the view with this id
    // (a polygon shows only on the view it is drawn on).
    std::vector<Segment> preview(int viewId) const;

  private:
    struct SeedBox {
        imaging::PointLps centre;
        std::array<imaging::PointLps, 8> corners;
        imaging::Vec3 sizeMm;  // width, height, depth
        std::array<imaging::PointLps, 4> rectangle;
    };
    std::optional<Segment> snapped(const ToolView& view, imaging::PointLps end, int* axis) const;
    std::optional<std::array<imaging::PointLps, 3>> ellipseFromBox(const ToolView& view, imaging::PointLps end) const;
    std::optional<SeedBox> seedBox(const ToolView& view, imaging::PointLps end) const;
    std::vector<ToolEvent> releaseDrag(const ToolView& view, imaging::PointLps p);
    std::vector<ToolEvent> addVertex(const ToolView& view, imaging::PointLps p);

    Tool tool_ = Tool::Navigate;
    std::optional<int> active_;  // the view a press started on
    imaging::Vec3 activeNormal_;
    std::optional<imaging::PointLps> start_;
    std::optional<Segment> current_;
    std::array<std::optional<Segment>, 3> axes_;  // tri-axial AP, LR, SI
    int axialView_ = 0;
    std::optional<Segment> longAxis_;                          // bidirectional, once dragged
    std::optional<std::array<imaging::PointLps, 3>> ellipse_;  // while dragging its box
    std::optional<SeedBox> seedBox_;                           // while dragging a seed box
    std::vector<imaging::PointLps> vertices_;                  // polygon so far
    std::optional<int> polygonView_;
};

}  // namespace mensura::viewer
