#pragma once
// Placement of the measurement tools with the mouse over the slice views: a caliper (drag a
// line), the tri-axial measurement (drag AP and LR on the axial view, SI on the sagittal or
// coronal view, each snapped to its patient axis), and the segmentation seed (click). Emits
// the placed points; the main window turns them into annotations through the case history.
#include <array>
#include <optional>
#include <vector>

#include <QObject>
#include <QString>

#include "SliceView.h"

namespace mensura::viewer {

enum class Tool { Navigate, Caliper, Triaxial, Seed };

class MeasurementTool : public QObject {
    Q_OBJECT
public:
    explicit MeasurementTool(QObject* parent = nullptr);

    void attach(SliceView* view);
    Tool tool() const { return tool_; }
    void setTool(Tool tool);
    // Drops a placement in progress (Esc).
    void cancel();
    QString prompt() const;

    // Moves point `index` of an annotation of `kind` to p, keeping a tri-axial caliper on its
    // patient axis (the other end's coordinates off that axis are kept).
    static imaging::PointLps constrainedMove(annotations::AnnotationKind kind, const std::vector<imaging::PointLps>& points,
                                             std::size_t index, imaging::PointLps p);

signals:
    void caliperPlaced(imaging::PointLps from, imaging::PointLps to, SliceView* view);
    // AP (2 points), LR (2), SI (2).
    void triaxialPlaced(std::array<imaging::PointLps, 6> points, SliceView* view);
    void seedClicked(imaging::PointLps p, SliceView* view);
    void promptChanged(const QString& prompt);

private:
    void press(SliceView* view, imaging::PointLps p);
    void drag(SliceView* view, imaging::PointLps p);
    void release(SliceView* view, imaging::PointLps p);
    std::optional<Segment> snapped(SliceView* view, imaging::PointLps end, int* axis) const;
    void showPreview();

    std::vector<SliceView*> views_;
    Tool tool_ = Tool::Navigate;
    SliceView* active_ = nullptr;
    std::optional<imaging::PointLps> start_;
    std::optional<Segment> current_;
    std::array<std::optional<Segment>, 3> axes_;  // AP, LR, SI
    SliceView* axialView_ = nullptr;
};

}  // namespace mensura::viewer
