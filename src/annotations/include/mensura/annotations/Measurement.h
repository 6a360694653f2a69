#pragma once
// A measured value carries its unit and how it was obtained (architecture rule 3).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mensura/core/Vec3.h"
#include "mensura/measure/Calipers.h"
#include "mensura/measure/EnhancementAnalysis.h"
#include "mensura/measure/LesionMetrics.h"

namespace mensura::annotations {

struct Measurement {
    double value = 0;
    std::string unit;              // UCUM: "mm", "mL", "[hnsf'U]", or "{pixel}" when spacing is unknown
    std::string derivation;        // e.g. "caliper length"
    std::string method;            // e.g. "manual"
    std::string sourceAnnotation;  // UID of the annotation it came from
};

// A measurement with what was measured ("AP diameter", "volume", "mean") and the images it came
// from. Kept beside Measurement, not inside it, so Measurement stays a five-field aggregate.
struct NamedMeasurement {
    std::string name;
    Measurement measurement;
    std::string seriesInstanceUid, frameOfReferenceUid;
    std::vector<std::string> sopInstanceUids;
};

// The length of a caliper between two points in patient space. With spacingKnown false the
// points are in pixel units and so is the result: never silently mm.
Measurement caliperLength(imaging::PointLps a, imaging::PointLps b, bool spacingKnown,
                          const std::string& sourceAnnotation = {});

// UCUM for a value unit of a volume ("HU" -> "[hnsf'U]"; other units -> "{unit}").
std::string ucumForValueUnit(const std::string& valueUnit);

// Manual tri-axial calipers: AP, LR, SI diameters (mm).
std::vector<NamedMeasurement> triaxialMeasurements(const imaging::TriaxialSize& size,
                                                   const std::string& sourceAnnotation);

// Every figure of a segmented lesion: AP, LR, SI, longest 3D and axial diameters, volume,
// surface, mean/SD/min/max, each with its unit, derivation and method.
std::vector<NamedMeasurement> lesionMeasurements(const imaging::LesionMetrics& m, const imaging::Segmentation& seg,
                                                 const std::string& sourceAnnotation);

// Pre/post means, delta, percent and heterogeneity of one lesion.
std::vector<NamedMeasurement> enhancementMeasurements(const imaging::EnhancementResult& r,
                                                      const std::string& preSeriesUid, const std::string& postSeriesUid,
                                                      const std::string& sourceAnnotation);

// Measurement objects as JSON, one per figure: name, value, UCUM unit, derivation, method, the
// annotation (when there is one) and the series, frame of reference and instances measured.
nlohmann::json measurementsToJson(const std::vector<NamedMeasurement>& measurements);

}  // namespace mensura::annotations
