#include "mensura/testing/Scene.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

namespace mensura::imaging::phantom {

std::string toString(Contrast c) {
    switch (c) {
        case Contrast::CtPre:
            return "CT";
        case Contrast::CtPost:
            return "CT+C";
        case Contrast::T1:
            return "T1";
        case Contrast::T2:
            return "T2";
        case Contrast::Dwi:
            return "DWI";
        case Contrast::T1Post:
            return "T1+C";
        case Contrast::Tirm:
            return "TIRM";
    }
    return "?";
}

std::string toString(Tissue t) {
    static const char* names[] = {
        "air",   "fat",    "muscle",     "skin",        "cord",       "csf", "cancellous bone", "cortical bone", "disc",
        "brain", "tongue", "lesion rim", "lesion core", "lymph node", "dura"};
    return names[static_cast<int>(t)];
}

TissueTable::TissueTable() {
    using T = Tissue;
    using C = Contrast;
    // HU (CT) and arbitrary MR signal; muscle is the reference tissue of the reports.
    //                     CtPre   CtPost  T1    T2    DWI   T1Post Tirm
    const struct {
        Tissue t;
        double v[7];
    } rows[] = {
        {T::Air, {-1000, -1000, 0, 0, 0, 0, 0}},
        {T::Fat, {-100, -95, 900, 700, 40, 900, 60}},
        {T::Muscle, {50, 60, 400, 300, 200, 430, 250}},
        {T::Skin, {30, 40, 350, 350, 150, 380, 300}},
        {T::Cord, {35, 38, 450, 450, 250, 450, 350}},
        {T::Csf, {8, 8, 150, 1200, 100, 150, 1100}},
        {T::Cancellous, {300, 305, 700, 600, 40, 700, 150}},
        {T::Cortex, {1200, 1200, 30, 30, 10, 30, 20}},
        {T::Disc, {80, 85, 350, 700, 200, 360, 600}},
        {T::Brain, {35, 38, 500, 550, 300, 500, 450}},
        {T::Tongue, {55, 70, 420, 320, 220, 480, 270}},
        {T::LesionRim, {45, 150, 400, 420, 700, 900, 650}},
        {T::LesionCore, {45, 75, 400, 420, 700, 560, 650}},
        {T::Node, {45, 90, 400, 500, 600, 600, 550}},
        {T::Dura, {50, 120, 380, 350, 150, 700, 300}},
    };
    const C contrasts[] = {C::CtPre, C::CtPost, C::T1, C::T2, C::Dwi, C::T1Post, C::Tirm};
    for (const auto& r : rows)
        for (int c = 0; c < 7; ++c) values_[{r.t, contrasts[c]}] = r.v[c];
}

double TissueTable::value(Tissue t, Contrast c) const { return values_.at({t, c}); }
void TissueTable::set(Tissue t, Contrast c, double v) { values_[{t, c}] = v; }

Tissue Scene::tissueAt(PointLps p) const {
    Tissue t = Tissue::Air;
    for (const auto& l : layers_)
        if (l.solid.contains(p)) t = l.tissue;
    return t;
}

std::vector<float> Scene::render(const VolumeGeometry& g, Contrast contrast, const TissueTable& table, double noiseSd,
                                 uint32_t seed) const {
    const std::size_t nx = g.size[0], ny = g.size[1], nz = g.size[2];
    std::vector<float> out(g.voxelCount(), static_cast<float>(table.value(Tissue::Air, contrast)));
    // Voxels a surface passes through. Their value is worked out from the whole stack of layers
    // afterwards: painting each layer's partial fraction over the previous mix, one layer at a
    // time, is wrong wherever two surfaces cross one voxel (nested solids sharing a face, thin
    // shells): it treats the two fractions as independent, so a face two solids share reads as
    // a mix with the tissue between them that is not there.
    std::vector<uint8_t> mixed(g.voxelCount(), 0);
    std::vector<std::array<double, 6>> layerBox;  // LPS bounds per layer, for the mixed pass
    const double halfDiagonal = 0.5 * norm(g.spacingMm);
    for (const auto& layer : layers_) {
        const float value = static_cast<float>(table.value(layer.tissue, contrast));
        // Index-space box of the solid's LPS bounds (any orientation: take all 8 corners).
        const auto b = layer.solid.bounds();
        layerBox.push_back({b[0].x, b[0].y, b[0].z, b[1].x, b[1].y, b[1].z});
        double lo[3] = {1e18, 1e18, 1e18}, hi[3] = {-1e18, -1e18, -1e18};
        for (int c = 0; c < 8; ++c) {
            const Vec3 idx = g.lpsToIndex({c & 1 ? b[1].x : b[0].x, c & 2 ? b[1].y : b[0].y, c & 4 ? b[1].z : b[0].z});
            for (int a = 0; a < 3; ++a) {
                lo[a] = std::min(lo[a], idx[a]);
                hi[a] = std::max(hi[a], idx[a]);
            }
        }
        const std::size_t n[3] = {nx, ny, nz};
        long from[3], to[3];
        for (int a = 0; a < 3; ++a) {
            from[a] = std::max(0L, static_cast<long>(std::floor(lo[a])) - 1);
            to[a] = std::min(static_cast<long>(n[a]) - 1, static_cast<long>(std::ceil(hi[a])) + 1);
        }
        for (long k = from[2]; k <= to[2]; ++k)
            for (long j = from[1]; j <= to[1]; ++j)
                for (long i = from[0]; i <= to[0]; ++i) {
                    const std::size_t at = static_cast<std::size_t>(i) +
                                           nx * (static_cast<std::size_t>(j) + ny * static_cast<std::size_t>(k));
                    const double d = layer.solid.signedDistanceBound(g.indexToLps(double(i), double(j), double(k)));
                    if (d < -2 * halfDiagonal) {
                        out[at] = value;  // wholly inside: replaces everything below it
                        mixed[at] = 0;
                    } else if (d <= 2 * halfDiagonal) {
                        mixed[at] = 1;
                    }
                }
    }
    // Mixed voxels: 4x4x4 sub-samples, each taking the tissue of the last layer containing it.
    constexpr int kSub = 4;
    std::vector<float> layerValue;
    for (const auto& layer : layers_) layerValue.push_back(static_cast<float>(table.value(layer.tissue, contrast)));
    const float air = static_cast<float>(table.value(Tissue::Air, contrast));
    for (std::size_t k = 0; k < nz; ++k)
        for (std::size_t j = 0; j < ny; ++j)
            for (std::size_t i = 0; i < nx; ++i) {
                const std::size_t at = i + nx * (j + ny * k);
                if (!mixed[at]) continue;
                double sum = 0;
                for (int c = 0; c < kSub; ++c)
                    for (int bb = 0; bb < kSub; ++bb)
                        for (int a = 0; a < kSub; ++a) {
                            const PointLps p = g.indexToLps(i + (a + 0.5) / kSub - 0.5, j + (bb + 0.5) / kSub - 0.5,
                                                            k + (c + 0.5) / kSub - 0.5);
                            float v = air;
                            for (std::size_t l = layers_.size(); l-- > 0;) {
                                const auto& bx = layerBox[l];
                                if (p.x < bx[0] || p.y < bx[1] || p.z < bx[2] || p.x > bx[3] || p.y > bx[4] ||
                                    p.z > bx[5])
                                    continue;
                                if (layers_[l].solid.contains(p)) {
                                    v = layerValue[l];
                                    break;
                                }
                            }
                            sum += v;
                        }
                out[at] = static_cast<float>(sum / (kSub * kSub * kSub));
            }
    if (noiseSd > 0) {
        std::mt19937 rng(seed);
        std::normal_distribution<float> noise(0.0f, static_cast<float>(noiseSd));
        for (float& v : out) v += noise(rng);
    }
    return out;
}

double visibleVolumeMm3(const Scene& scene, std::size_t index, double step) {
    const Layer& target = scene.layers()[index];
    const auto b = target.solid.bounds();
    double count = 0;
    for (double z = b[0].z + step / 2; z < b[1].z; z += step)
        for (double y = b[0].y + step / 2; y < b[1].y; y += step)
            for (double x = b[0].x + step / 2; x < b[1].x; x += step) {
                const PointLps p{x, y, z};
                if (!target.solid.contains(p)) continue;
                bool covered = false;
                for (std::size_t l = index + 1; l < scene.layers().size() && !covered; ++l)
                    covered = scene.layers()[l].solid.contains(p);
                count += !covered;
            }
    return count * step * step * step;
}

}  // namespace mensura::imaging::phantom
