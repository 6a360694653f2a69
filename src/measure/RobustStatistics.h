#pragma once
// The median and a noise estimate that outliers do not move: the median absolute deviation
// about the median, scaled to the SD of a normal distribution (1.4826 MAD).
#include <algorithm>
#include <cmath>
#include <vector>

namespace mensura::imaging::detail {

// The upper median (the element at size/2 once sorted); x must not be empty.
template <typename T>
double medianOf(std::vector<T> x) {
    const std::size_t m = x.size() / 2;
    std::nth_element(x.begin(), x.begin() + long(m), x.end());
    return double(x[m]);
}

template <typename T>
double robustSd(const std::vector<T>& x, double median) {
    std::vector<double> deviation;
    deviation.reserve(x.size());
    for (const T& y : x) deviation.push_back(std::fabs(double(y) - median));
    return 1.4826 * medianOf(std::move(deviation));
}

}  // namespace mensura::imaging::detail
