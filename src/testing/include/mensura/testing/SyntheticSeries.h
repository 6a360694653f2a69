#pragma once
// Series with known geometry and content for tests, benchmarks and the sample data: a water
// cylinder in air with a sphere of known radius and value at a known LPS position.
#include <cstdint>
#include <string>

#include "mensura/dicom/DicomSeriesWriter.h"

namespace mensura::imaging {

struct SyntheticParams {
    std::array<std::size_t, 3> size{128, 128, 40};
    Vec3 spacingMm{1.0, 1.0, 2.5};
    // Image axes in LPS; the default is axial (i -> L, j -> P, k -> S).
    std::array<Vec3, 3> axes{Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}};
    std::string modality = "CT";
    PointLps sphereCentreLps{0, 0, 0};
    double sphereRadiusMm = 15;
    double sphereValue = 60;     // HU for CT
    double backgroundValue = 0;  // inside the body
    double airValue = -1000;
    double noiseSd = 0;  // deterministic noise (fixed seed)
    std::string seriesDescription = "synthetic";
    int seriesNumber = 1;
};

// The spec is centred so that the grid centre sits at the LPS origin.
SeriesSpec makeSyntheticSeries(const SyntheticParams& params);

}  // namespace mensura::imaging
