#pragma once
// The measurement tools over the slice views: forwards each view's mouse events to the Qt-free
// ToolStateMachine (viewer-model), shows its preview on the views and its prompt, and turns its
// events into signals; the main window turns them into annotations through the case history.
#include <array>
#include <optional>
#include <vector>

#include <QObject>
#include <QString>

#include "mensura/viewer-model/ToolStateMachine.h"
#include "mensura/viewer/SliceView.h"

namespace mensura::viewer {

class MeasurementTool : public QObject {
    Q_OBJECT
  public:
    explicit MeasurementTool(QObject* parent = nullptr);

    void attach(SliceView* view);
    Tool tool() const { return machine_.tool(); }
    void setTool(Tool tool);
    // Drops a placement in progress (Esc).
    void cancel();
    // Closes the polygon being drawn (Enter); false when there is none to close.
    bool finish();
    // True while polygon vertices are being clicked (Enter then closes the polygon).
    bool drawingPolygon() const { return machine_.drawingPolygon(); }
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
    ToolView toolView(SliceView* view) const;
    // Shows the preview, announces a changed prompt, then emits the events; true when one of
    // them placed an annotation.
    bool apply(const std::vector<ToolEvent>& events);
    void showPreview();

    std::vector<SliceView*> views_;  // a view's id in the state machine is its index here
    ToolStateMachine machine_;
    QString lastPrompt_;
};

}  // namespace mensura::viewer
