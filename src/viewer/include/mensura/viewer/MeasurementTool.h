#pragma once
// Placement of the measurement tools with the mouse over the slice views: a caliper (drag a
// line), the tri-axial measurement (drag AP and LR on the axial view, SI on the sagittal or
// coronal view, each snapped to its patient axis), a bidirectional (drag the long axis, then the
// short axis, held perpendicular by imaging::bidirectionalFromDrags), an ellipse ROI (drag its
// bounding box on the view), a polygon ROI (click the vertices; double-click, Enter or a click
// on the first vertex closes it), and the click tools: segmentation seed (or a box dragged round
// the lesion, to limit the segmentation), vertebral level label, text arrow. Emits the placed points; the main window
// turns them into annotations through the case history.
#include <array>
#include <optional>
#include <vector>

#include <QObject>
#include <QString>

#include "mensura/viewer/SliceView.h"

namespace mensura::viewer {

enum class Tool { Navigate, Caliper, Triaxial, Seed, Bidirectional, Ellipse, Polygon, VertebralLabel, TextArrow };

class MeasurementTool : public QObject {
    Q_OBJECT
  public:
    explicit MeasurementTool(QObject* parent = nullptr);

    void attach(SliceView* view);
    Tool tool() const { return tool_; }
    void setTool(Tool tool);
    // Drops a placement in progress (Esc).
    void cancel();
    // Closes the polygon being drawn (Enter); false when there is none to close.
    bool finish();
    // True while polygon vertices are being clicked (Enter then closes the polygon).
    bool drawingPolygon() const { return !vertices_.empty(); }
    QString prompt() const;

  signals:
    void caliperPlaced(imaging::PointLps from, imaging::PointLps to, SliceView* view);
    // AP (2 points), LR (2), SI (2).
    void triaxialPlaced(std::array<imaging::PointLps, 6> points, SliceView* view);
    // Long axis (2 points), short axis (2).
    void bidirectionalPlaced(std::array<imaging::PointLps, 4> points, SliceView* view);
    void ellipsePlaced(imaging::PointLps centre, imaging::PointLps axisEnd1, imaging::PointLps axisEnd2,
                       SliceView* view);
    void polygonPlaced(std::vector<imaging::PointLps> vertices, SliceView* view);
    void seedClicked(imaging::PointLps p, SliceView* view);
    // A box dragged with the seed tool: the seed at its centre on the slice shown, the box the
    // rectangle dragged and, across the slice, as deep as the rectangle's longer side: its eight
    // corners in LPS (along the view's axes, so oblique on an oblique series) and its width,
    // height and depth in mm.
    void seedBoxPlaced(imaging::PointLps seed, std::array<imaging::PointLps, 8> corners, imaging::Vec3 sizeMm,
                       SliceView* view);
    // A click of the vertebral label or text arrow tool (tool() says which).
    void pointClicked(imaging::PointLps p, SliceView* view);
    void promptChanged(const QString& prompt);
    // A placement the library refused (e.g. a short axis not perpendicular); the message says why.
    void placementFailed(const QString& message);

  private:
    void press(SliceView* view, imaging::PointLps p);
    void drag(SliceView* view, imaging::PointLps p);
    void release(SliceView* view, imaging::PointLps p);
    void doubleClick(SliceView* view, imaging::PointLps p);
    void releaseDrag(SliceView* view, imaging::PointLps p);
    void addVertex(SliceView* view, imaging::PointLps p);
    std::optional<Segment> snapped(SliceView* view, imaging::PointLps end, int* axis) const;
    std::optional<std::array<imaging::PointLps, 3>> ellipseFromBox(SliceView* view, imaging::PointLps end) const;
    // The box of a seed drag: centre, corners, size and the rectangle on the slice; none for a
    // drag too short to be a box.
    struct SeedBox {
        imaging::PointLps centre;
        std::array<imaging::PointLps, 8> corners;
        imaging::Vec3 sizeMm;  // width, height, depth
        std::array<imaging::PointLps, 4> rectangle;
    };
    std::optional<SeedBox> seedBox(SliceView* view, imaging::PointLps end) const;
    void showPreview();

    std::vector<SliceView*> views_;
    Tool tool_ = Tool::Navigate;
    SliceView* active_ = nullptr;
    std::optional<imaging::PointLps> start_;
    std::optional<Segment> current_;
    std::array<std::optional<Segment>, 3> axes_;  // tri-axial AP, LR, SI
    SliceView* axialView_ = nullptr;
    std::optional<Segment> longAxis_;                          // bidirectional, once dragged
    std::optional<std::array<imaging::PointLps, 3>> ellipse_;  // while dragging its box
    std::optional<SeedBox> seedBox_;                           // while dragging a seed box
    std::vector<imaging::PointLps> vertices_;                  // polygon so far
    SliceView* polygonView_ = nullptr;
};

}  // namespace mensura::viewer
