#pragma once
// JSON for the command line (and any other caller): the names are a contract, like "info".
#include <nlohmann/json.hpp>
#include <string>

#include "imaging/Result.h"
#include "imaging/measure/EnhancementAnalysis.h"
#include "imaging/measure/LesionMetrics.h"
#include "imaging/measure/LesionSegmentation.h"

namespace mensura::imaging {

// "x,y,z" in mm LPS; option names the command-line option in the error message.
Result<PointLps> parsePointLps(const std::string& text, const std::string& option);
// "x0,y0,z0,x1,y1,z1"; an inverted box is refused by segmentLesion with the coordinate named.
Result<BoxLps> parseBoxLps(const std::string& text, const std::string& option);

// {"lesion": {apMm, lrMm, siMm, longestDiameterMm, axialLongestMm, axialPerpendicularMm,
//  volumeMl, mean, sd, min, max, valueUnit, voxelCount, surfaceMm2, centroidLps, calipers...},
//  "segmentation": {...}, "report": "AP x LR x SI ...", "warnings": [...]}
nlohmann::json lesionToJson(const Volume& volume, const Segmentation& seg, const LesionMetrics& m);

// {"enhancement": {preMean, postMean, deltaHu, percent, cov, lowEnhancingFraction, degree,
//  pattern, rule, ...}, "segmentation": {...}, "warnings": [...]}
nlohmann::json enhancementToJson(const Volume& pre, const Volume& post, const EnhancementResult& r);

// "4.0 cm x 4.7 cm x 3.4 cm (AP x LR x SI)" from diameters in mm.
std::string triaxialReportCm(double apMm, double lrMm, double siMm);
std::string triaxialReportMm(double apMm, double lrMm, double siMm);

}  // namespace mensura::imaging
