#pragma once
// JSON for the command line (and any other caller): the names are a contract, like "info".
#include <nlohmann/json.hpp>
#include <string>

#include "mensura/core/Result.h"
#include "mensura/measure/BoneInvolvement.h"
#include "mensura/measure/EnhancementAnalysis.h"
#include "mensura/measure/LesionMetrics.h"
#include "mensura/measure/LesionSegmentation.h"
#include "mensura/measure/SignalRatio.h"

namespace mensura::imaging {

// "x,y,z" in mm LPS; option names the command-line option in the error message.
Result<PointLps> parsePointLps(const std::string& text, const std::string& option);
// "x0,y0,z0,x1,y1,z1"; an inverted box is refused by segmentLesion with the coordinate named.
Result<BoxLps> parseBoxLps(const std::string& text, const std::string& option);
// "anterior,middle,posterior" vertebral body heights in mm, each positive.
Result<VertebralHeights> parseHeightsMm(const std::string& text, const std::string& option);

// {"lesion": {apMm, lrMm, siMm, longestDiameterMm, axialLongestMm, axialPerpendicularMm,
//  volumeMl, mean, sd, min, max, valueUnit, voxelCount, surfaceMm2, centroidLps, calipers...},
//  "segmentation": {...}, "report": "AP x LR x SI ...", "warnings": [...]}
nlohmann::json lesionToJson(const Volume& volume, const Segmentation& seg, const LesionMetrics& m);

// {"enhancement": {preMean, postMean, deltaHu, percent, cov, lowEnhancingFraction, degree,
//  pattern, rule, ...}, "segmentation": {...}, "warnings": [...]}
nlohmann::json enhancementToJson(const Volume& pre, const Volume& post, const EnhancementResult& r);

// {"signal": {sequence, lesionMean, lesionSd, lesionVoxels, muscleMean, muscleSd, muscleVoxels,
//  ratio, category, rule, lesionRoi, muscleRoi, valueUnit}, "series": {...}, "warnings": [...]}
nlohmann::json signalToJson(const Volume& volume, const SphereRoi& lesion, const SphereRoi& muscle,
                            const SignalRatio& r);

// {"bone": {lyticFraction, corticalBreach, breachedSlices, affected: {corticalMl, cancellousMl,
//  roiMl, boneFraction, slicesWithCortex, slicesEnclosed, boxLps}, reference: {...}, thresholds,
//  rule}, "series": {...}, "warnings": [...]}
nlohmann::json boneToJson(const Volume& ct, const BoxLps& affected, const BoxLps& reference, const BoneThresholds& t,
                          const BoneInvolvement& b);
// {percent, grade, rule, affectedMm: [a, m, p], referenceMm: [a, m, p]}
nlohmann::json heightLossToJson(const VertebralHeights& affected, const VertebralHeights& reference,
                                const HeightLoss& h);

// "4.0 cm x 4.7 cm x 3.4 cm (AP x LR x SI)" from diameters in mm.
std::string triaxialReportCm(double apMm, double lrMm, double siMm);
std::string triaxialReportMm(double apMm, double lrMm, double siMm);

}  // namespace mensura::imaging
