#pragma once
// Pieces the seed-case plans share: series presets per modality and contrast, and the ground
// truth figures computed from the scenes.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "mensura/testing/CasePlan.h"
#include "mensura/testing/GroundTruth.h"

namespace mensura::imaging::phantom {

SeriesPlan ct(std::string key, std::string description, Contrast c, VolumeGeometry grid);
SeriesPlan mr(std::string key, std::string description, Contrast c, VolumeGeometry grid);
nlohmann::json signalRatios(const TissueTable& t, const nlohmann::json& means, const std::vector<Contrast>& cs);
nlohmann::json enhancement(const nlohmann::json& means, Contrast pre, Contrast post, const char* unit);
nlohmann::json lyticFractions(const Scene& with, const Scene& without,
                              const std::vector<std::pair<std::string, Solid>>& regions);
double occupiedFraction(const Scene& scene, const Solid& of, double z);
void addLesion(Scene& s, const LesionDrawing& l, const std::string& name);

}  // namespace mensura::imaging::phantom
