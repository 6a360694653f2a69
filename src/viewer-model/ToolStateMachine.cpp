#include "mensura/viewer-model/ToolStateMachine.h"

#include <cmath>

#include "mensura/measure/BidirectionalAxes.h"

namespace mensura::viewer {

using imaging::PointLps;
using Kind = ToolEvent::Kind;

namespace {
constexpr double kMinimumLengthMm = 1.0;  // shorter drags are clicks
constexpr double kCloseRadiusPx = 8;      // a polygon click this near its first vertex closes it

bool isDragTool(Tool t) {
    return t == Tool::Caliper || t == Tool::Triaxial || t == Tool::Bidirectional || t == Tool::Ellipse;
}

ToolEvent event(Kind kind, std::vector<PointLps> points = {}, int viewId = 0) {
    ToolEvent e;
    e.kind = kind;
    e.points = std::move(points);
    e.viewId = viewId;
    return e;
}
}  // namespace

void ToolStateMachine::setTool(Tool tool) {
    cancel();
    tool_ = tool;
}

void ToolStateMachine::cancel() {
    start_.reset();
    current_.reset();
    axes_ = {};
    longAxis_.reset();
    ellipse_.reset();
    seedBox_.reset();
    vertices_.clear();
    active_.reset();
    polygonView_.reset();
    axialView_ = 0;
}

std::optional<Segment> ToolStateMachine::snapped(const ToolView& view, PointLps end, int* axis) const {
    if (!start_) return std::nullopt;
    const PointLps s = *start_;
    if (tool_ != Tool::Triaxial) return Segment{s, end};
    const imaging::Vec3 d = end - s;
    // AP or LR on the axial view (the larger in-plane component decides), SI elsewhere.
    int patientAxis = 2;
    if (view.frame.plane == ViewPlane::Axial) patientAxis = std::fabs(d.y) >= std::fabs(d.x) ? 1 : 0;
    PointLps e = s;
    e[patientAxis] = end[patientAxis];
    if (axis) *axis = patientAxis == 1 ? 0 : patientAxis == 0 ? 1 : 2;
    return Segment{s, e};
}

// The ellipse inscribed in the dragged box, its semi-axes along the view's right and up (their
// ends are the handles at its right and top).
std::optional<std::array<PointLps, 3>> ToolStateMachine::ellipseFromBox(const ToolView& view, PointLps end) const {
    if (!start_) return std::nullopt;
    const DisplayFrame& f = view.frame;
    const imaging::Vec3 d = end - *start_;
    const double a = 0.5 * std::fabs(imaging::dot(d, f.right)), b = 0.5 * std::fabs(imaging::dot(d, f.up));
    if (a < 0.5 * kMinimumLengthMm || b < 0.5 * kMinimumLengthMm) return std::nullopt;
    const PointLps c = *start_ + 0.5 * d;
    return std::array<PointLps, 3>{c, c + a * f.right, c + b * f.up};
}

std::optional<ToolStateMachine::SeedBox> ToolStateMachine::seedBox(const ToolView& view, PointLps end) const {
    if (!start_) return std::nullopt;
    const DisplayFrame& f = view.frame;
    const imaging::Vec3 d = end - *start_;
    const double w = std::fabs(imaging::dot(d, f.right)), h = std::fabs(imaging::dot(d, f.up));
    // A jittery click is no box: both sides at least 2 mm and 6 pixels.
    const double least = std::max(2.0, 6 * view.mmPerPixel);
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

std::vector<ToolEvent> ToolStateMachine::press(const ToolView& view, PointLps p) {
    if (tool_ == Tool::Navigate) return {};
    active_ = view.id;
    activeNormal_ = view.frame.normal;
    start_ = p;
    current_.reset();
    return {};
}

std::vector<ToolEvent> ToolStateMachine::drag(const ToolView& view, PointLps p) {
    if (active_ != view.id || !start_) return {};
    if (tool_ == Tool::Seed)
        seedBox_ = seedBox(view, p);
    else if (tool_ == Tool::Ellipse)
        ellipse_ = ellipseFromBox(view, p);
    else if (isDragTool(tool_))
        current_ = snapped(view, p, nullptr);
    return {};
}

std::vector<ToolEvent> ToolStateMachine::release(const ToolView& view, PointLps p) {
    if (active_ != view.id || !start_) return {};
    if (isDragTool(tool_)) return releaseDrag(view, p);
    const std::optional<SeedBox> box = tool_ == Tool::Seed ? seedBox(view, p) : std::nullopt;
    const PointLps pressed = *start_;
    start_.reset();
    seedBox_.reset();
    if (box) {
        ToolEvent e = event(Kind::SeedBoxPlaced, {box->centre}, view.id);
        e.points.insert(e.points.end(), box->corners.begin(), box->corners.end());
        e.sizeMm = box->sizeMm;
        return {e};
    }
    if (tool_ == Tool::Seed) {
        // A click where the button went down; a drag too thin for a box is neither.
        if (imaging::norm(p - pressed) <= std::max(1.0, 3 * view.mmPerPixel))
            return {event(Kind::SeedClicked, {pressed}, view.id)};
        ToolEvent e = event(Kind::SeedBoxTooSmall, {}, view.id);
        e.minimumMm = std::max(2.0, 6 * view.mmPerPixel);
        return {e};
    }
    if (tool_ == Tool::Polygon) return addVertex(view, p);
    if (tool_ == Tool::VertebralLabel || tool_ == Tool::TextArrow) return {event(Kind::PointClicked, {p}, view.id)};
    return {};
}

std::vector<ToolEvent> ToolStateMachine::doubleClick(const ToolView& view, PointLps p) {
    if (tool_ != Tool::Polygon) return {};
    start_.reset();
    if (polygonView_ == view.id && (vertices_.empty() || imaging::norm(p - vertices_.back()) > 1e-6))
        vertices_.push_back(p);
    return finish();
}

std::vector<ToolEvent> ToolStateMachine::addVertex(const ToolView& view, PointLps p) {
    if (polygonView_ != view.id) {  // a click on another view starts over there
        vertices_.clear();
        polygonView_ = view.id;
    }
    const double closeMm = kCloseRadiusPx * view.mmPerPixel;
    if (vertices_.size() >= 3 && imaging::norm(p - vertices_.front()) <= closeMm) return finish();
    if (!vertices_.empty() && imaging::norm(p - vertices_.back()) < 1e-6) return {};  // a double-click's 2nd press
    vertices_.push_back(p);
    return {};
}

std::vector<ToolEvent> ToolStateMachine::finish() {
    if (tool_ != Tool::Polygon || vertices_.empty()) return {};
    if (vertices_.size() < 3) {
        ToolEvent e = event(Kind::PolygonTooFewVertices, {}, polygonView_.value_or(0));
        e.count = vertices_.size();
        return {e};
    }
    ToolEvent e = event(Kind::PolygonPlaced, std::move(vertices_), polygonView_.value_or(0));
    vertices_.clear();
    polygonView_.reset();
    return {e};
}

std::vector<ToolEvent> ToolStateMachine::releaseDrag(const ToolView& view, PointLps p) {
    if (tool_ == Tool::Ellipse) {
        const auto e = ellipseFromBox(view, p);
        start_.reset();
        ellipse_.reset();
        if (!e) return {};
        return {event(Kind::EllipsePlaced, {(*e)[0], (*e)[1], (*e)[2]}, view.id)};
    }
    int axis = 0;
    const std::optional<Segment> segment = snapped(view, p, &axis);
    start_.reset();
    current_.reset();
    if (!segment || imaging::norm(segment->second - segment->first) < kMinimumLengthMm) return {};
    if (tool_ == Tool::Caliper) return {event(Kind::CaliperPlaced, {segment->first, segment->second}, view.id)};
    if (tool_ == Tool::Bidirectional) {
        if (!longAxis_) {
            longAxis_ = segment;
            return {};
        }
        auto points = imaging::bidirectionalFromDrags({longAxis_->first, longAxis_->second}, segment->first,
                                                      segment->second, view.frame.normal);
        if (!points) {  // keep the long axis: the short axis can be dragged again
            ToolEvent e = event(Kind::Refused, {}, view.id);
            e.message = points.error().message;
            return {e};
        }
        longAxis_.reset();
        return {event(Kind::BidirectionalPlaced, {points->begin(), points->end()}, view.id)};
    }
    axes_[static_cast<std::size_t>(axis)] = segment;
    if (axis < 2) axialView_ = view.id;
    if (!(axes_[0] && axes_[1] && axes_[2])) return {};
    std::vector<PointLps> points{axes_[0]->first,  axes_[0]->second, axes_[1]->first,
                                 axes_[1]->second, axes_[2]->first,  axes_[2]->second};
    axes_ = {};
    return {event(Kind::TriaxialPlaced, std::move(points), axialView_)};
}

std::vector<Segment> ToolStateMachine::preview(int viewId) const {
    if (!vertices_.empty() && polygonView_ != viewId) return {};
    std::vector<Segment> segments;
    for (const auto& a : axes_)
        if (a) segments.push_back(*a);
    if (longAxis_) segments.push_back(*longAxis_);
    if (current_) {
        // The short axis shows where it will be placed: perpendicular through the long axis.
        auto held = longAxis_ && active_
                        ? imaging::bidirectionalFromDrags({longAxis_->first, longAxis_->second}, current_->first,
                                                          current_->second, activeNormal_)
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
    return segments;
}

}  // namespace mensura::viewer
