#include "mensura/viewer-model/WindowLevel.h"

#include <algorithm>

namespace mensura::viewer {

const std::vector<WindowPreset>& windowPresets() {
    static const std::vector<WindowPreset> presets{
        {"CT soft tissue", 400, 40, "1"}, {"CT bone", 1800, 400, "2"}, {"CT brain", 80, 40, "3"},
        {"CT lung", 1500, -600, "4"},     {"MR auto", 0, 0, "5"},
    };
    return presets;
}

std::pair<double, double> autoWindowLevel(const imaging::Volume& v) {
    const std::size_t n = v.geometry.voxelCount();
    if (n == 0) return {1, 0};
    const std::size_t step = std::max<std::size_t>(1, n / 500000);
    std::vector<float> sample;
    sample.reserve(n / step + 1);
    for (std::size_t i = 0; i < n; i += step) sample.push_back(static_cast<float>(v.at(i)));
    auto at = [&](double q) {
        const auto k = static_cast<std::size_t>(q * double(sample.size() - 1));
        std::nth_element(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(k), sample.end());
        return double(sample[k]);
    };
    const double lo = at(0.01), hi = at(0.995);
    const double width = std::max(hi - lo, 1.0);
    return {width, lo + width / 2};
}

std::pair<double, double> defaultWindowLevel(const imaging::Volume& v) {
    if (v.windowWidth > 0 && v.modality == "CT") return {v.windowWidth, v.windowCenter};
    return autoWindowLevel(v);
}

double sampledMinimum(const imaging::Volume& v) {
    const std::size_t n = v.geometry.voxelCount(), step = std::max<std::size_t>(1, n / 500000);
    double lo = n ? v.at(0) : 0;
    for (std::size_t i = 0; i < n; i += step) lo = std::min(lo, v.at(i));
    return lo;
}

}  // namespace mensura::viewer
