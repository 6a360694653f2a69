#include "mensura/testing/SyntheticSeries.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace mensura::imaging {

SeriesSpec makeSyntheticSeries(const SyntheticParams& p) {
    SeriesSpec s;
    s.modality = p.modality;
    s.seriesDescription = p.seriesDescription;
    s.seriesNumber = p.seriesNumber;
    VolumeGeometry& g = s.geometry;
    g.size = p.size;
    g.spacingMm = p.spacingMm;
    g.axes = {normalized(p.axes[0]), normalized(p.axes[1]), normalized(p.axes[2])};
    // Centre the grid on the origin.
    const Vec3 half{(p.size[0] - 1) * p.spacingMm.x / 2, (p.size[1] - 1) * p.spacingMm.y / 2,
                    (p.size[2] - 1) * p.spacingMm.z / 2};
    g.originLps = -1.0 * (half.x * g.axes[0] + half.y * g.axes[1] + half.z * g.axes[2]);

    const bool ct = p.modality == "CT";
    // CT: stored = HU + 1024 (unsigned 12-bit style with intercept -1024); MR: stored = value.
    s.rescaleIntercept = ct ? -1024 : 0;
    s.pixelSigned = !ct;
    s.bitsStored = ct ? 12 : 16;
    s.windowCenter = ct ? 40 : 300;
    s.windowWidth = ct ? 400 : 600;
    s.stored.resize(g.voxelCount());
    std::mt19937 rng(12345);
    std::normal_distribution<double> noise(0.0, p.noiseSd > 0 ? p.noiseSd : 1.0);
    const double bodyRadius = 0.45 * std::min(p.size[0] * p.spacingMm.x, p.size[1] * p.spacingMm.y);
    std::size_t n = 0;
    for (std::size_t k = 0; k < p.size[2]; ++k)
        for (std::size_t j = 0; j < p.size[1]; ++j)
            for (std::size_t i = 0; i < p.size[0]; ++i, ++n) {
                const PointLps x = g.indexToLps(double(i), double(j), double(k));
                // The body is a cylinder along the image k axis, so every orientation has one.
                const Vec3 inPlane = x - dot(x, g.axes[2]) * g.axes[2];
                double v = norm(inPlane) <= bodyRadius ? p.backgroundValue : p.airValue;
                if (norm(x - p.sphereCentreLps) <= p.sphereRadiusMm) v = p.sphereValue;
                if (p.noiseSd > 0) v += noise(rng);
                double stored = v - s.rescaleIntercept;
                stored = std::round(stored);
                if (ct) stored = std::clamp(stored, 0.0, 4095.0);
                s.stored[n] = static_cast<int16_t>(std::clamp(stored, -32768.0, 32767.0));
            }
    return s;
}

}  // namespace mensura::imaging
