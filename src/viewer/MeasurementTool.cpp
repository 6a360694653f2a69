#include "mensura/viewer/MeasurementTool.h"

#include <algorithm>

namespace mensura::viewer {

using imaging::PointLps;
using Kind = ToolEvent::Kind;

MeasurementTool::MeasurementTool(QObject* parent) : QObject(parent) {}

void MeasurementTool::attach(SliceView* view) {
    views_.push_back(view);
    connect(view, &SliceView::toolPressed, this,
            [this, view](PointLps p) { apply(machine_.press(toolView(view), p)); });
    connect(view, &SliceView::toolDragged, this, [this, view](PointLps p) { apply(machine_.drag(toolView(view), p)); });
    connect(view, &SliceView::toolReleased, this,
            [this, view](PointLps p) { apply(machine_.release(toolView(view), p)); });
    connect(view, &SliceView::toolDoubleClicked, this,
            [this, view](PointLps p) { apply(machine_.doubleClick(toolView(view), p)); });
}

ToolView MeasurementTool::toolView(SliceView* view) const {
    ToolView v;
    v.id = int(std::find(views_.begin(), views_.end(), view) - views_.begin());
    v.frame = view->mapping().frame;
    v.frame.plane = view->plane();
    v.mmPerPixel = view->mapping().mmPerPixel;
    return v;
}

void MeasurementTool::setTool(Tool tool) {
    machine_.setTool(tool);
    for (SliceView* v : views_) v->setToolActive(tool != Tool::Navigate);
    showPreview();
    lastPrompt_ = prompt();
    emit promptChanged(lastPrompt_);
}

void MeasurementTool::cancel() {
    machine_.cancel();
    showPreview();
    lastPrompt_ = prompt();
    emit promptChanged(lastPrompt_);
}

bool MeasurementTool::finish() { return apply(machine_.finish()); }

QString MeasurementTool::prompt() const {
    switch (machine_.tool()) {
        case Tool::Navigate:
            return {};
        case Tool::Caliper:
            return tr("Caliper: drag across the lesion. Esc cancels.");
        case Tool::Seed:
            return tr(
                "Seed segmentation: click inside the lesion, or drag a box round it to keep "
                "the outline inside the box.");
        case Tool::Triaxial: {
            QStringList missing;
            if (!machine_.triaxialHas(0)) missing << tr("AP on the axial view");
            if (!machine_.triaxialHas(1)) missing << tr("LR on the axial view");
            if (!machine_.triaxialHas(2)) missing << tr("SI on the sagittal or coronal view");
            return tr("Tri-axial: drag %1. Esc cancels.").arg(missing.join(tr(", ")));
        }
        case Tool::Bidirectional:
            return machine_.hasLongAxis() ? tr("Bidirectional: drag the short axis (held perpendicular). Esc cancels.")
                                          : tr("Bidirectional: drag the long axis. Esc cancels.");
        case Tool::Ellipse:
            return tr("Ellipse ROI: drag its bounding box. Esc cancels.");
        case Tool::Polygon:
            return machine_.polygonVertexCount() == 0
                       ? tr("Polygon ROI: click the vertices; double-click or Enter closes it.")
                       : tr("Polygon ROI: %1 vertices; double-click, Enter or click the first vertex to close. Esc "
                            "cancels.")
                             .arg(machine_.polygonVertexCount());
        case Tool::VertebralLabel:
            return tr("Vertebral level: click the vertebra, then choose its level.");
        case Tool::TextArrow:
            return tr("Text arrow: click where the arrow points, then type the note.");
    }
    return {};
}

bool MeasurementTool::apply(const std::vector<ToolEvent>& events) {
    showPreview();
    if (const QString now = prompt(); now != lastPrompt_) {
        lastPrompt_ = now;
        emit promptChanged(now);
    }
    bool placed = false;
    for (const ToolEvent& e : events) {
        SliceView* view =
            e.viewId >= 0 && std::size_t(e.viewId) < views_.size() ? views_[std::size_t(e.viewId)] : nullptr;
        const auto& p = e.points;
        switch (e.kind) {
            case Kind::CaliperPlaced:
                emit caliperPlaced(p[0], p[1], view);
                break;
            case Kind::TriaxialPlaced:
                emit triaxialPlaced({p[0], p[1], p[2], p[3], p[4], p[5]}, view);
                break;
            case Kind::BidirectionalPlaced:
                emit bidirectionalPlaced({p[0], p[1], p[2], p[3]}, view);
                break;
            case Kind::EllipsePlaced:
                emit ellipsePlaced(p[0], p[1], p[2], view);
                break;
            case Kind::PolygonPlaced:
                emit polygonPlaced(p, view);
                break;
            case Kind::SeedClicked:
                emit seedClicked(p[0], view);
                break;
            case Kind::SeedBoxPlaced:
                emit seedBoxPlaced(p[0], {p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]}, e.sizeMm, view);
                break;
            case Kind::PointClicked:
                emit pointClicked(p[0], view);
                break;
            case Kind::SeedBoxTooSmall:
                emit placementFailed(
                    tr("A box for the seed must be at least %1 mm on each side; click to seed without one.")
                        .arg(e.minimumMm, 0, 'f', 1));
                continue;
            case Kind::PolygonTooFewVertices:
                emit placementFailed(tr("A polygon needs at least 3 vertices (it has %1).").arg(e.count));
                continue;
            case Kind::Refused:
                emit placementFailed(QString::fromStdString(e.message));
                continue;
        }
        placed = true;
    }
    return placed;
}

void MeasurementTool::showPreview() {
    for (std::size_t i = 0; i < views_.size(); ++i) views_[i]->setPreview(machine_.preview(int(i)));
}

}  // namespace mensura::viewer
