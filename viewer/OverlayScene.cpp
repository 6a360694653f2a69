#include "OverlayScene.h"

#include <cmath>
#include <cstdio>

namespace mensura::viewer {

using annotations::Annotation;
using annotations::AnnotationKind;
using annotations::Quantity;

namespace {

const Rgb kNormal{255, 220, 60}, kSelected{80, 220, 255};

std::string valueText(const Annotation& a, Quantity q, const char* prefix) {
    const annotations::QuantityValue* v = a.find(q);
    if (!v) return {};
    char text[96];
    const std::string& unit = v->measurement.unit == "{pixel}" ? std::string("px") : v->measurement.unit;
    std::snprintf(text, sizeof text, "%s%s%.1f %s", prefix, *prefix ? " " : "", v->measurement.value, unit.c_str());
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
        case AnnotationKind::Line: return {{0, 1, Quantity::Length, ""}};
        case AnnotationKind::Triaxial:
            return {{0, 1, Quantity::ApDiameter, "AP"}, {2, 3, Quantity::LrDiameter, "LR"}, {4, 5, Quantity::SiDiameter, "SI"}};
        case AnnotationKind::Bidirectional:
            return {{0, 1, Quantity::LongAxis, "L"}, {2, 3, Quantity::ShortAxis, "S"}};
        default: return {};
    }
}

}  // namespace

OverlayScene buildOverlayScene(const std::vector<Annotation>& annotations, const SliceMapping& m,
                               const std::string& frameOfReferenceUid, const std::string& seriesInstanceUid,
                               const std::string& selectedUid,
                               std::vector<HandleRef>* handles) {
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
        if (a.kind == AnnotationKind::Ellipse && m.onSlice(p[0]) && m.onSlice(p[1]) && m.onSlice(p[2])) {
            OverlayScene::Polyline ring{{}, true, color};
            for (int i = 0; i < 64; ++i) {
                const double t = 2 * M_PI * i / 64;
                ring.points.push_back(xy(p[0] + std::cos(t) * (p[1] - p[0]) + std::sin(t) * (p[2] - p[0])));
            }
            scene.lines.push_back(ring);
            for (std::size_t i = 1; i < 3; ++i) addHandle(a, i);
            const auto top = xy(p[1]);
            const std::string mean = valueText(a, Quantity::Mean, "mean");
            scene.labels.push_back({top[0] + 6, top[1] + 4, mean.empty() ? a.label : a.label + "\n" + mean, color});
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
            }
        }
        if ((a.kind == AnnotationKind::Point || a.kind == AnnotationKind::LabelledPoint ||
             a.kind == AnnotationKind::TextNote) &&
            !p.empty() && m.onSlice(p[0])) {
            const auto c = xy(p[0]);
            // An arrow pointing at the point from the upper right.
            scene.lines.push_back({{{c[0] + 24, c[1] - 24}, c, {c[0] + 4, c[1] - 12}, c, {c[0] + 12, c[1] - 4}}, false, color});
            addHandle(a, 0);
            const std::string text = a.kind == AnnotationKind::TextNote && !a.text.empty() ? a.text : a.label;
            scene.labels.push_back({c[0] + 26, c[1] - 26, text, color});
        }
    }
    return scene;
}

}  // namespace mensura::viewer
