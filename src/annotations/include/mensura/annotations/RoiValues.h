#pragma once
// The values an ellipse or polygon annotation takes from the pixels under it: mean and standard
// deviation over the volume it was drawn on (imaging/measure/RoiStatistics), as QuantityValues
// with the volume's value unit. The area is geometric (geometricMeasurements).
#include <vector>

#include "mensura/annotations/Annotation.h"
#include "mensura/core/Result.h"
#include "mensura/core/Volume.h"
#include "mensura/measure/RoiStatistics.h"

namespace mensura::annotations {

struct RoiValues {
    imaging::RoiStatistics statistics;  // every figure, for display (count, minimum, maximum)
    std::vector<QuantityValue> values;  // Mean, StandardDeviation
};

// Errors: not an ellipse or polygon, a geometry problem, or RoiStatistics' errors.
imaging::Result<RoiValues> roiPixelValues(const Annotation& a, const imaging::Volume& volume);

}  // namespace mensura::annotations
