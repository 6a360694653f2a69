#include "mensura/testing/GroundTruth.h"

#include <algorithm>
#include <cmath>

namespace mensura::imaging::phantom {

nlohmann::json toJson(Vec3 v) { return {v.x, v.y, v.z}; }

nlohmann::json lesionTruth(const LesionDrawing& l, const TissueTable& tissues, const std::vector<Contrast>& contrasts,
                           Tissue rimTissue, Tissue coreTissue) {
    const Solid& s = l.outer;
    std::vector<double> principal{2 * s.half.x, 2 * s.half.y, 2 * s.half.z};
    std::sort(principal.rbegin(), principal.rend());
    const double coreFraction = std::pow(l.coreScale, 3);
    nlohmann::json means = nlohmann::json::object();
    for (Contrast c : contrasts) {
        const double rim = tissues.value(rimTissue, c), core = tissues.value(coreTissue, c);
        means[toString(c)] = coreFraction * core + (1 - coreFraction) * rim;
    }
    return {
        {"centreLps", toJson(s.centre)},
        {"triaxialMm",
         {{"ap", s.extentAlongMm({0, 1, 0})}, {"lr", s.extentAlongMm({1, 0, 0})}, {"si", s.extentAlongMm({0, 0, 1})}}},
        {"principalDiametersMm", principal},
        {"volumeMl", s.volumeMm3() / 1000.0},
        {"coreVolumeFraction", coreFraction},
        {"meanByContrast", means}};
}

nlohmann::json unionTruth(const std::vector<Solid>& parts, double meanValue, double step) {
    Vec3 lo{1e18, 1e18, 1e18}, hi{-1e18, -1e18, -1e18};
    for (const auto& p : parts) {
        const auto b = p.bounds();
        for (int a = 0; a < 3; ++a) {
            lo[a] = std::min(lo[a], b[0][a]);
            hi[a] = std::max(hi[a], b[1][a]);
        }
    }
    double count = 0;
    for (double z = lo.z + step / 2; z < hi.z; z += step)
        for (double y = lo.y + step / 2; y < hi.y; y += step)
            for (double x = lo.x + step / 2; x < hi.x; x += step)
                for (const auto& p : parts)
                    if (p.contains({x, y, z})) {
                        count += 1;
                        break;
                    }
    return {{"centreLps", toJson(0.5 * (lo + hi))},
            {"triaxialMm", {{"ap", hi.y - lo.y}, {"lr", hi.x - lo.x}, {"si", hi.z - lo.z}}},
            {"volumeMl", count * step * step * step / 1000.0},
            {"mean", meanValue}};
}

double bonePresentMm3(const Scene& scene, const Solid& region, double step) {
    const auto b = region.bounds();
    // Only the layers that can reach the region decide the tissue there.
    Scene local;
    for (const auto& l : scene.layers()) {
        const auto lb = l.solid.bounds();
        if (lb[1].x < b[0].x || lb[0].x > b[1].x || lb[1].y < b[0].y || lb[0].y > b[1].y || lb[1].z < b[0].z ||
            lb[0].z > b[1].z)
            continue;
        local.add(l.solid, l.tissue, l.name);
    }
    double count = 0;
    for (double z = b[0].z + step / 2; z < b[1].z; z += step)
        for (double y = b[0].y + step / 2; y < b[1].y; y += step)
            for (double x = b[0].x + step / 2; x < b[1].x; x += step) {
                const PointLps p{x, y, z};
                if (!region.contains(p)) continue;
                const Tissue t = local.tissueAt(p);
                count += t == Tissue::Cortex || t == Tissue::Cancellous;
            }
    return count * step * step * step;
}

nlohmann::json homogeneousRegion(const Scene& scene, const std::string& name, PointLps c, double r) {
    const Tissue t = scene.tissueAt(c);
    const double step = r / 4;
    for (double z = -r; z <= r; z += step)
        for (double y = -r; y <= r; y += step)
            for (double x = -r; x <= r; x += step) {
                if (x * x + y * y + z * z > r * r) continue;
                if (scene.tissueAt(c + Vec3{x, y, z}) != t) return nullptr;
            }
    return {{"name", name}, {"tissue", toString(t)}, {"centreLps", toJson(c)}, {"radiusMm", r}};
}

nlohmann::json orientationLabels(const VolumeGeometry& g) {
    return {{"left", orientationLetters(-1.0 * g.axes[0])},
            {"right", orientationLetters(g.axes[0])},
            {"top", orientationLetters(-1.0 * g.axes[1])},
            {"bottom", orientationLetters(g.axes[1])}};
}

}  // namespace mensura::imaging::phantom
