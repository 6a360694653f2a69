#include "MeasurementTool.h"

#include <cmath>

namespace mensura::viewer {

using imaging::PointLps;

namespace {
// Patient axis (0 = L, 1 = P, 2 = S) of the tri-axial calipers AP, LR, SI.
constexpr std::array<int, 3> kTriaxialAxis{1, 0, 2};
constexpr double kMinimumLengthMm = 1.0;  // shorter drags are clicks
}  // namespace

MeasurementTool::MeasurementTool(QObject* parent) : QObject(parent) {}

void MeasurementTool::attach(SliceView* view) {
    views_.push_back(view);
    connect(view, &SliceView::toolPressed, this, [this, view](PointLps p) { press(view, p); });
    connect(view, &SliceView::toolDragged, this, [this, view](PointLps p) { drag(view, p); });
    connect(view, &SliceView::toolReleased, this, [this, view](PointLps p) { release(view, p); });
}

void MeasurementTool::setTool(Tool tool) {
    cancel();
    tool_ = tool;
    for (SliceView* v : views_) v->setToolActive(tool != Tool::Navigate);
    emit promptChanged(prompt());
}

void MeasurementTool::cancel() {
    start_.reset();
    current_.reset();
    axes_ = {};
    active_ = axialView_ = nullptr;
    showPreview();
    emit promptChanged(prompt());
}

QString MeasurementTool::prompt() const {
    switch (tool_) {
        case Tool::Navigate: return {};
        case Tool::Caliper: return tr("Caliper: drag across the lesion. Esc cancels.");
        case Tool::Seed: return tr("Seed segmentation: click inside the lesion.");
        case Tool::Triaxial: {
            QStringList missing;
            if (!axes_[0]) missing << tr("AP on the axial view");
            if (!axes_[1]) missing << tr("LR on the axial view");
            if (!axes_[2]) missing << tr("SI on the sagittal or coronal view");
            return tr("Tri-axial: drag %1. Esc cancels.").arg(missing.join(tr(", ")));
        }
    }
    return {};
}

PointLps MeasurementTool::constrainedMove(annotations::AnnotationKind kind, const std::vector<PointLps>& points,
                                          std::size_t index, PointLps p) {
    if (kind != annotations::AnnotationKind::Triaxial || index >= points.size() || points.size() != 6) return p;
    const int axis = kTriaxialAxis[index / 2];
    PointLps moved = points[index ^ 1u];  // the other end of the same caliper
    moved[axis] = p[axis];
    return moved;
}

std::optional<Segment> MeasurementTool::snapped(SliceView* view, PointLps end, int* axis) const {
    if (!start_) return std::nullopt;
    const PointLps s = *start_;
    if (tool_ != Tool::Triaxial) return Segment{s, end};
    const imaging::Vec3 d = end - s;
    // AP or LR on the axial view (the larger in-plane component decides), SI elsewhere.
    int patientAxis = 2;
    if (view->plane() == ViewPlane::Axial) patientAxis = std::fabs(d.y) >= std::fabs(d.x) ? 1 : 0;
    PointLps e = s;
    e[patientAxis] = end[patientAxis];
    if (axis) *axis = patientAxis == 1 ? 0 : patientAxis == 0 ? 1 : 2;
    return Segment{s, e};
}

void MeasurementTool::press(SliceView* view, PointLps p) {
    if (tool_ == Tool::Navigate) return;
    active_ = view;
    start_ = p;
    current_.reset();
}

void MeasurementTool::drag(SliceView* view, PointLps p) {
    if (view != active_ || !start_ || tool_ == Tool::Seed) return;
    current_ = snapped(view, p, nullptr);
    showPreview();
}

void MeasurementTool::release(SliceView* view, PointLps p) {
    if (view != active_ || !start_) return;
    if (tool_ == Tool::Seed) {
        start_.reset();
        emit seedClicked(p, view);
        return;
    }
    int axis = 0;
    const std::optional<Segment> segment = snapped(view, p, &axis);
    start_.reset();
    current_.reset();
    if (!segment || imaging::norm(segment->second - segment->first) < kMinimumLengthMm) {
        showPreview();
        return;
    }
    if (tool_ == Tool::Caliper) {
        showPreview();
        emit caliperPlaced(segment->first, segment->second, view);
        return;
    }
    axes_[static_cast<std::size_t>(axis)] = segment;
    if (axis < 2) axialView_ = view;
    showPreview();
    emit promptChanged(prompt());
    if (axes_[0] && axes_[1] && axes_[2]) {
        const std::array<PointLps, 6> points{axes_[0]->first, axes_[0]->second, axes_[1]->first,
                                             axes_[1]->second, axes_[2]->first, axes_[2]->second};
        SliceView* axialView = axialView_;
        axes_ = {};
        showPreview();
        emit promptChanged(prompt());
        emit triaxialPlaced(points, axialView);
    }
}

void MeasurementTool::showPreview() {
    std::vector<Segment> segments;
    for (const auto& a : axes_)
        if (a) segments.push_back(*a);
    if (current_) segments.push_back(*current_);
    for (SliceView* v : views_) v->setPreview(segments);
}

}  // namespace mensura::viewer
