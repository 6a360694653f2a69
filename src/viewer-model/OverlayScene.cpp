#include "mensura/viewer-model/OverlayScene.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "mensura/annotations/AnnotationKinds.h"

namespace mensura::viewer {

using annotations::Annotation;
using annotations::OverlayShape;
using annotations::Quantity;

namespace {

const Rgb kNormal{255, 220, 60}, kSelected{80, 220, 255};

// UCUM as a reader expects it on the image.
std::string displayUnit(const std::string& ucum) {
    if (ucum == "[hnsf'U]") return "HU";
    if (ucum == "{pixel}") return "px";
    if (ucum == "{pixel}2") return "px\u00b2";
    if (ucum == "mm2") return "mm\u00b2";
    if (ucum == "{arbitrary}") return "";
    if (ucum.size() > 2 && ucum.front() == '{' && ucum.back() == '}') return ucum.substr(1, ucum.size() - 2);
    return ucum;
}

std::string number(double v, int decimals = 1) {
    char text[48];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return text;
}

std::string valueText(const Annotation& a, Quantity q, const char* prefix) {
    const annotations::QuantityValue* v = a.find(q);
    if (!v) return {};
    const std::string unit = displayUnit(v->measurement.unit);
    return std::string(prefix) + (*prefix ? " " : "") + number(v->measurement.value) + (unit.empty() ? "" : " " + unit);
}

// "A 123.4 mm²" and "mean 75.1 ± 9.8 HU" (flagged when the outline moved since).
std::string roiText(const Annotation& a) {
    std::string text = a.label;
    if (const std::string area = valueText(a, Quantity::Area, "A"); !area.empty()) text += "\n" + area;
    const annotations::QuantityValue* mean = a.find(Quantity::Mean);
    const annotations::QuantityValue* sd = a.find(Quantity::StandardDeviation);
    if (mean) {
        const std::string unit = displayUnit(mean->measurement.unit);
        text += "\nmean " + number(mean->measurement.value);
        if (sd) text += " \u00b1 " + number(sd->measurement.value);
        if (!unit.empty()) text += " " + unit;
        if (mean->stale) text += " (stale)";
    }
    return text;
}

// Crossed calipers' values in one label, "L 40.0 x S 20.0 mm"; the label alone until all are measured.
std::string crossedText(const Annotation& a, const annotations::AnnotationKindDescriptor& d) {
    std::string text;
    for (const annotations::CaliperSpec& c : d.calipers) {
        const annotations::QuantityValue* v = a.find(c.quantity);
        if (!v) return a.label;
        text += (text.empty() ? "" : " x ") + std::string(c.tag) + " " + number(v->measurement.value);
    }
    const annotations::QuantityValue* first = a.find(d.calipers.front().quantity);
    return text + " " + displayUnit(first->measurement.unit);
}

}  // namespace

OverlayScene buildOverlayScene(const std::vector<Annotation>& annotations, const SliceMapping& m,
                               const std::string& frameOfReferenceUid, const std::string& seriesInstanceUid,
                               const std::string& selectedUid, std::vector<HandleRef>* handles) {
    OverlayScene scene;
    auto xy = [&](imaging::PointLps p) {
        std::array<double, 2> w{};
        m.toWidget(p, w[0], w[1]);
        return w;
    };
    auto addHandle = [&](const Annotation& a, std::size_t i) {
        const auto w = xy(a.pointsLps[i]);
        scene.handles.push_back(w);
        if (handles) handles->push_back({a.uid, i, w[0], w[1]});
    };
    for (const Annotation& a : annotations) {
        if (!a.image.frameOfReferenceUid.empty() && !frameOfReferenceUid.empty() &&
            a.image.frameOfReferenceUid != frameOfReferenceUid)
            continue;
        if (!annotations::geometryProblem(a).empty()) continue;
        const annotations::AnnotationKindDescriptor& d = annotations::describe(a.kind);
        if (d.hasInside() && a.image.seriesInstanceUid != seriesInstanceUid) continue;
        const Rgb color = a.uid == selectedUid ? kSelected : kNormal;
        const auto& p = a.pointsLps;
        auto onSlice = [&](const annotations::CaliperSpec& c) {
            return m.onSlice(p[c.points.from]) && m.onSlice(p[c.points.to]);
        };
        // ROI text goes right of the outline, level with its top, clear of the handles.
        auto roiLabel = [&](const std::vector<std::array<double, 2>>& outline) {
            double right = -1e300, top = 1e300;
            for (const auto& q : outline) right = std::max(right, q[0]), top = std::min(top, q[1]);
            scene.labels.push_back({right + 10, top, roiText(a), color});
        };
        switch (d.overlay) {
            case OverlayShape::Calipers:
                for (const annotations::CaliperSpec& c : d.calipers) {
                    if (!onSlice(c)) continue;
                    const std::size_t from = c.points.from, to = c.points.to;
                    scene.lines.push_back({{xy(p[from]), xy(p[to])}, false, color});
                    addHandle(a, from);
                    addHandle(a, to);
                    const auto end = xy(p[to]);
                    const std::string text = valueText(a, c.quantity, c.tag);
                    scene.labels.push_back({end[0] + 6, end[1] + 4, text.empty() ? std::string(c.tag) : text, color});
                }
                break;
            case OverlayShape::CrossedCalipers: {
                if (d.calipers.empty() || !std::all_of(d.calipers.begin(), d.calipers.end(), onSlice)) break;
                for (const annotations::CaliperSpec& c : d.calipers)
                    scene.lines.push_back({{xy(p[c.points.from]), xy(p[c.points.to])}, false, color});
                for (const annotations::CaliperSpec& c : d.calipers) {
                    addHandle(a, c.points.from);
                    addHandle(a, c.points.to);
                }
                // One label "L 40.0 x S 20.0 mm" below the first caliper's right-hand end, clear of
                // its handle (and of the line when it is pulled back inside the view).
                const auto e0 = xy(p[d.calipers[0].points.from]), e1 = xy(p[d.calipers[0].points.to]);
                const auto end = e0[0] > e1[0] ? e0 : e1;
                scene.labels.push_back({end[0] + 8, end[1] + 8, crossedText(a, d), color});
                break;
            }
            case OverlayShape::Ellipse:
                if (m.onSlice(p[0]) && m.onSlice(p[1]) && m.onSlice(p[2])) {
                    OverlayScene::Polyline ring{{}, true, color};
                    for (int i = 0; i < 64; ++i)
                        ring.points.push_back(xy(annotations::ellipsePoint(p, 2 * M_PI * i / 64)));
                    scene.lines.push_back(ring);
                    for (std::size_t i = 0; i < 3; ++i) addHandle(a, i);
                    roiLabel(ring.points);
                }
                break;
            case OverlayShape::ClosedPolygon:
                if (std::all_of(p.begin(), p.end(), [&](imaging::PointLps q) { return m.onSlice(q); })) {
                    OverlayScene::Polyline poly{{}, true, color};
                    for (std::size_t i = 0; i < p.size(); ++i) {
                        poly.points.push_back(xy(p[i]));
                        addHandle(a, i);
                    }
                    scene.lines.push_back(poly);
                    roiLabel(poly.points);
                }
                break;
            case OverlayShape::TickMarker:
                if (!p.empty() && m.onSlice(p[0])) {
                    // A level label: a short tick across the vertebra with the level beside it.
                    const auto c = xy(p[0]);
                    scene.lines.push_back({{{c[0] - 10, c[1]}, {c[0] + 10, c[1]}}, false, color});
                    addHandle(a, 0);
                    scene.labels.push_back({c[0] + 14, c[1] - 8, a.label, color});
                }
                break;
            case OverlayShape::ArrowMarker:
                if (!p.empty() && m.onSlice(p[0])) {
                    const auto c = xy(p[0]);
                    // An arrow pointing at the point from the upper right.
                    scene.lines.push_back(
                        {{{c[0] + 24, c[1] - 24}, c, {c[0] + 4, c[1] - 12}, c, {c[0] + 12, c[1] - 4}}, false, color});
                    addHandle(a, 0);
                    const std::string text = d.textIsContent && !a.text.empty() ? a.text : a.label;
                    scene.labels.push_back({c[0] + 26, c[1] - 26, text, color});
                }
                break;
            case OverlayShape::None:
                break;
        }
    }
    return scene;
}

}  // namespace mensura::viewer
