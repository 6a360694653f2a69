#include "mensura/viewer-model/OverlayScene.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mensura::viewer {

using annotations::Annotation;
using annotations::AnnotationKind;
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

// Pairs of point indices that are calipers of the kind, with the quantity each shows.
struct Caliper {
    std::size_t from, to;
    Quantity quantity;
    const char* prefix;
};

std::vector<Caliper> calipersOf(const Annotation& a) {
    switch (a.kind) {
        case AnnotationKind::Line:
            return {{0, 1, Quantity::Length, ""}};
        case AnnotationKind::Triaxial:
            return {{0, 1, Quantity::ApDiameter, "AP"},
                    {2, 3, Quantity::LrDiameter, "LR"},
                    {4, 5, Quantity::SiDiameter, "SI"}};
        default:
            return {};
    }
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
        const bool roi = a.kind == AnnotationKind::Ellipse || a.kind == AnnotationKind::Polygon;
        if (roi && a.image.seriesInstanceUid != seriesInstanceUid) continue;
        const Rgb color = a.uid == selectedUid ? kSelected : kNormal;
        const auto& p = a.pointsLps;
        for (const Caliper& c : calipersOf(a)) {
            if (!m.onSlice(p[c.from]) || !m.onSlice(p[c.to])) continue;
            scene.lines.push_back({{xy(p[c.from]), xy(p[c.to])}, false, color});
            addHandle(a, c.from);
            addHandle(a, c.to);
            const auto end = xy(p[c.to]);
            const std::string text = valueText(a, c.quantity, c.prefix);
            scene.labels.push_back({end[0] + 6, end[1] + 4, text.empty() ? std::string(c.prefix) : text, color});
        }
        if (a.kind == AnnotationKind::Bidirectional && m.onSlice(p[0]) && m.onSlice(p[1]) && m.onSlice(p[2]) &&
            m.onSlice(p[3])) {
            scene.lines.push_back({{xy(p[0]), xy(p[1])}, false, color});
            scene.lines.push_back({{xy(p[2]), xy(p[3])}, false, color});
            for (std::size_t i = 0; i < 4; ++i) addHandle(a, i);
            // One label "L 40.0 x S 20.0 mm" below the long axis' right-hand end, clear of its
            // handle (and of the line when it is pulled back inside the view).
            const auto e0 = xy(p[0]), e1 = xy(p[1]);
            const auto end = e0[0] > e1[0] ? e0 : e1;
            const annotations::QuantityValue* l = a.find(Quantity::LongAxis);
            const annotations::QuantityValue* sh = a.find(Quantity::ShortAxis);
            const std::string text = l && sh
                                         ? "L " + number(l->measurement.value) + " x S " +
                                               number(sh->measurement.value) + " " + displayUnit(l->measurement.unit)
                                         : a.label;
            scene.labels.push_back({end[0] + 8, end[1] + 8, text, color});
        }
        // ROI text goes right of the outline, level with its top, clear of the handles.
        auto roiLabel = [&](const std::vector<std::array<double, 2>>& outline) {
            double right = -1e300, top = 1e300;
            for (const auto& q : outline) right = std::max(right, q[0]), top = std::min(top, q[1]);
            scene.labels.push_back({right + 10, top, roiText(a), color});
        };
        if (a.kind == AnnotationKind::Ellipse && m.onSlice(p[0]) && m.onSlice(p[1]) && m.onSlice(p[2])) {
            OverlayScene::Polyline ring{{}, true, color};
            for (int i = 0; i < 64; ++i) {
                const double t = 2 * M_PI * i / 64;
                ring.points.push_back(xy(p[0] + std::cos(t) * (p[1] - p[0]) + std::sin(t) * (p[2] - p[0])));
            }
            scene.lines.push_back(ring);
            for (std::size_t i = 0; i < 3; ++i) addHandle(a, i);
            roiLabel(ring.points);
        }
        if (a.kind == AnnotationKind::Polygon) {
            bool all = true;
            for (const auto& q : p) all = all && m.onSlice(q);
            if (all) {
                OverlayScene::Polyline poly{{}, true, color};
                for (std::size_t i = 0; i < p.size(); ++i) {
                    poly.points.push_back(xy(p[i]));
                    addHandle(a, i);
                }
                scene.lines.push_back(poly);
                roiLabel(poly.points);
            }
        }
        if (a.kind == AnnotationKind::LabelledPoint && !p.empty() && m.onSlice(p[0])) {
            // A level label: a short tick across the vertebra with the level beside it.
            const auto c = xy(p[0]);
            scene.lines.push_back({{{c[0] - 10, c[1]}, {c[0] + 10, c[1]}}, false, color});
            addHandle(a, 0);
            scene.labels.push_back({c[0] + 14, c[1] - 8, a.label, color});
        }
        if ((a.kind == AnnotationKind::Point || a.kind == AnnotationKind::TextNote) && !p.empty() && m.onSlice(p[0])) {
            const auto c = xy(p[0]);
            // An arrow pointing at the point from the upper right.
            scene.lines.push_back(
                {{{c[0] + 24, c[1] - 24}, c, {c[0] + 4, c[1] - 12}, c, {c[0] + 12, c[1] - 4}}, false, color});
            addHandle(a, 0);
            const std::string text = a.kind == AnnotationKind::TextNote && !a.text.empty() ? a.text : a.label;
            scene.labels.push_back({c[0] + 26, c[1] - 26, text, color});
        }
    }
    return scene;
}

}  // namespace mensura::viewer
