#include "mensura/viewer/MeasurementTool.h"

#include <cmath>

#include "mensura/measure/BidirectionalAxes.h"

namespace mensura::viewer {

using imaging::PointLps;

namespace {
constexpr double kMinimumLengthMm = 1.0;  // shorter drags are clicks
constexpr double kCloseRadiusPx = 8;      // a polygon click this near its first vertex closes it

bool isDragTool(Tool t) {
    return t == Tool::Caliper || t == Tool::Triaxial || t == Tool::Bidirectional || t == Tool::Ellipse;
}
}  // namespace

MeasurementTool::MeasurementTool(QObject* parent) : QObject(parent) {}

void MeasurementTool::attach(SliceView* view) {
    views_.push_back(view);
    connect(view, &SliceView::toolPressed, this, [this, view](PointLps p) { press(view, p); });
    connect(view, &SliceView::toolDragged, this, [this, view](PointLps p) { drag(view, p); });
    connect(view, &SliceView::toolReleased, this, [this, view](PointLps p) { release(view, p); });
    connect(view, &SliceView::toolDoubleClicked, this, [this, view](PointLps p) { doubleClick(view, p); });
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
    longAxis_.reset();
    ellipse_.reset();
    seedBox_.reset();
    vertices_.clear();
    active_ = axialView_ = polygonView_ = nullptr;
    showPreview();
    emit promptChanged(prompt());
}

QString MeasurementTool::prompt() const {
    switch (tool_) {
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
            if (!axes_[0]) missing << tr("AP on the axial view");
            if (!axes_[1]) missing << tr("LR on the axial view");
            if (!axes_[2]) missing << tr("SI on the sagittal or coronal view");
            return tr("Tri-axial: drag %1. Esc cancels.").arg(missing.join(tr(", ")));
        }
        case Tool::Bidirectional:
            return longAxis_ ? tr("Bidirectional: drag the short axis (held perpendicular). Esc cancels.")
                             : tr("Bidirectional: drag the long axis. Esc cancels.");
        case Tool::Ellipse:
            return tr("Ellipse ROI: drag its bounding box. Esc cancels.");
        case Tool::Polygon:
            return vertices_.empty() ? tr("Polygon ROI: click the vertices; double-click or Enter closes it.")
                                     : tr("Polygon ROI: %1 vertices; double-click, Enter or click the first "
                                          "vertex "
                                          "to close. Esc cancels.")
                                           .arg(vertices_.size());
        case Tool::VertebralLabel:
            return tr("Vertebral level: click the vertebra, then choose its level.");
        case Tool::TextArrow:
            return tr("Text arrow: click where the arrow points, then type the note.");
    }
    return {};
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

// The ellipse inscribed in the dragged box, its semi-axes along the view's right and up (their
// ends are the handles at its right and top).
std::optional<std::array<PointLps, 3>> MeasurementTool::ellipseFromBox(SliceView* view, PointLps end) const {
    if (!start_) return std::nullopt;
    const DisplayFrame& f = view->mapping().frame;
    const imaging::Vec3 d = end - *start_;
    const double a = 0.5 * std::fabs(imaging::dot(d, f.right)), b = 0.5 * std::fabs(imaging::dot(d, f.up));
    if (a < 0.5 * kMinimumLengthMm || b < 0.5 * kMinimumLengthMm) return std::nullopt;
    const PointLps c = *start_ + 0.5 * d;
    return std::array<PointLps, 3>{c, c + a * f.right, c + b * f.up};
}

std::optional<MeasurementTool::SeedBox> MeasurementTool::seedBox(SliceView* view, PointLps end) const {
    if (!start_) return std::nullopt;
    const DisplayFrame& f = view->mapping().frame;
    const imaging::Vec3 d = end - *start_;
    const double w = std::fabs(imaging::dot(d, f.right)), h = std::fabs(imaging::dot(d, f.up));
    // A jittery click is no box: both sides at least 2 mm and 6 pixels.
    const double least = std::max(2.0, 6 * view->mapping().mmPerPixel);
    if (w < least || h < least) return std::nullopt;
    SeedBox b;
    b.centre = *start_ + 0.5 * d;
    const imaging::Vec3 r = 0.5 * w * f.right, u = 0.5 * h * f.up, n = 0.5 * std::max(w, h) * f.normal;
    b.rectangle = {b.centre - r - u, b.centre + r - u, b.centre + r + u, b.centre - r + u};
    for (int corner = 0; corner < 8; ++corner)
        b.corners[std::size_t(corner)] =
            b.centre + (corner & 1 ? 1.0 : -1.0) * r + (corner & 2 ? 1.0 : -1.0) * u + (corner & 4 ? 1.0 : -1.0) * n;
    b.sizeMm = {w, h, std::max(w, h)};
    return b;
}

void MeasurementTool::press(SliceView* view, PointLps p) {
    if (tool_ == Tool::Navigate) return;
    active_ = view;
    start_ = p;
    current_.reset();
}

void MeasurementTool::drag(SliceView* view, PointLps p) {
    if (view == active_ && start_ && tool_ == Tool::Seed) {
        seedBox_ = seedBox(view, p);
        showPreview();
        return;
    }
    if (view != active_ || !start_ || !isDragTool(tool_)) return;
    if (tool_ == Tool::Ellipse)
        ellipse_ = ellipseFromBox(view, p);
    else
        current_ = snapped(view, p, nullptr);
    showPreview();
}

void MeasurementTool::release(SliceView* view, PointLps p) {
    if (view != active_ || !start_) return;
    if (isDragTool(tool_)) return releaseDrag(view, p);
    const std::optional<SeedBox> box = tool_ == Tool::Seed ? seedBox(view, p) : std::nullopt;
    const PointLps pressed = *start_;
    start_.reset();
    if (seedBox_) {
        seedBox_.reset();
        showPreview();
    }
    if (box) {
        emit seedBoxPlaced(box->centre, box->corners, box->sizeMm, view);
    } else if (tool_ == Tool::Seed) {
        // A click where the button went down; a drag too thin for a box is neither.
        if (imaging::norm(p - pressed) <= std::max(1.0, 3 * view->mapping().mmPerPixel))
            emit seedClicked(pressed, view);
        else
            emit placementFailed(
                tr("A box for the seed must be at least %1 mm on each side; click to seed without one.")
                    .arg(std::max(2.0, 6 * view->mapping().mmPerPixel), 0, 'f', 1));
    } else if (tool_ == Tool::Polygon)
        addVertex(view, p);
    else if (tool_ == Tool::VertebralLabel || tool_ == Tool::TextArrow)
        emit pointClicked(p, view);
}

void MeasurementTool::doubleClick(SliceView* view, PointLps p) {
    if (tool_ != Tool::Polygon) return;
    start_.reset();
    if (view == polygonView_ && (vertices_.empty() || imaging::norm(p - vertices_.back()) > 1e-6))
        vertices_.push_back(p);
    finish();
}

void MeasurementTool::addVertex(SliceView* view, PointLps p) {
    if (view != polygonView_) {  // a click on another view starts over there
        vertices_.clear();
        polygonView_ = view;
    }
    const double closeMm = kCloseRadiusPx * view->mapping().mmPerPixel;
    if (vertices_.size() >= 3 && imaging::norm(p - vertices_.front()) <= closeMm) {
        finish();
        return;
    }
    if (!vertices_.empty() && imaging::norm(p - vertices_.back()) < 1e-6) return;  // the second press of a double-click
    vertices_.push_back(p);
    showPreview();
    emit promptChanged(prompt());
}

bool MeasurementTool::finish() {
    if (tool_ != Tool::Polygon || vertices_.empty()) return false;
    if (vertices_.size() < 3) {
        emit placementFailed(tr("A polygon needs at least 3 vertices (it has %1).").arg(vertices_.size()));
        return false;
    }
    std::vector<PointLps> vertices = std::move(vertices_);
    SliceView* view = polygonView_;
    vertices_.clear();
    polygonView_ = nullptr;
    showPreview();
    emit promptChanged(prompt());
    emit polygonPlaced(vertices, view);
    return true;
}

void MeasurementTool::releaseDrag(SliceView* view, PointLps p) {
    if (tool_ == Tool::Ellipse) {
        const auto e = ellipseFromBox(view, p);
        start_.reset();
        ellipse_.reset();
        showPreview();
        if (e) emit ellipsePlaced((*e)[0], (*e)[1], (*e)[2], view);
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
    if (tool_ == Tool::Bidirectional) {
        if (!longAxis_) {
            longAxis_ = segment;
            showPreview();
            emit promptChanged(prompt());
            return;
        }
        auto points = imaging::bidirectionalFromDrags({longAxis_->first, longAxis_->second}, segment->first,
                                                      segment->second, view->mapping().frame.normal);
        if (!points) {  // keep the long axis: the short axis can be dragged again
            showPreview();
            emit placementFailed(QString::fromStdString(points.error().message));
            return;
        }
        longAxis_.reset();
        showPreview();
        emit promptChanged(prompt());
        emit bidirectionalPlaced(*points, view);
        return;
    }
    axes_[static_cast<std::size_t>(axis)] = segment;
    if (axis < 2) axialView_ = view;
    showPreview();
    emit promptChanged(prompt());
    if (axes_[0] && axes_[1] && axes_[2]) {
        const std::array<PointLps, 6> points{axes_[0]->first,  axes_[0]->second, axes_[1]->first,
                                             axes_[1]->second, axes_[2]->first,  axes_[2]->second};
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
    if (longAxis_) segments.push_back(*longAxis_);
    if (current_) {
        // The short axis shows where it will be placed: perpendicular through the long axis.
        auto held = longAxis_ && active_
                        ? imaging::bidirectionalFromDrags({longAxis_->first, longAxis_->second}, current_->first,
                                                          current_->second, active_->mapping().frame.normal)
                        : imaging::Result<imaging::BidirectionalPoints>(imaging::Error{});
        segments.push_back(held ? Segment{(*held)[2], (*held)[3]} : *current_);
    }
    if (ellipse_) {
        const auto& e = *ellipse_;
        const int n = 48;
        for (int i = 0; i < n; ++i) {
            auto at = [&](int k) {
                const double t = 2 * M_PI * k / n;
                return e[0] + std::cos(t) * (e[1] - e[0]) + std::sin(t) * (e[2] - e[0]);
            };
            segments.push_back({at(i), at(i + 1)});
        }
    }
    if (seedBox_)
        for (std::size_t i = 0; i < 4; ++i)
            segments.push_back({seedBox_->rectangle[i], seedBox_->rectangle[(i + 1) % 4]});
    for (std::size_t i = 0; i + 1 < vertices_.size(); ++i) segments.push_back({vertices_[i], vertices_[i + 1]});
    if (vertices_.size() == 1) segments.push_back({vertices_[0], vertices_[0]});
    for (SliceView* v : views_)
        v->setPreview(v == polygonView_ || vertices_.empty() ? segments : std::vector<Segment>{});
}

}  // namespace mensura::viewer
