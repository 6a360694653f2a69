#pragma once
// Ground-truth figures computed from a scene's solids (never from rendered voxels).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mensura/testing/Scene.h"

namespace mensura::imaging::phantom {

// A lesion drawn as an outer solid (rim tissue) with a core scaled by coreScale (core tissue).
struct LesionDrawing {
    Solid outer;
    double coreScale = 0.6;
};

// Tri-axial extents along the patient axes, principal diameters, volume, and the mean value
// in each listed contrast (volume-weighted rim/core mix; a solid of one tissue, such as a lymph
// node, gives that tissue for both).
nlohmann::json lesionTruth(const LesionDrawing& lesion, const TissueTable& tissues,
                           const std::vector<Contrast>& contrasts, Tissue rim = Tissue::LesionRim,
                           Tissue core = Tissue::LesionCore);

// A lesion made of several solids of one value: its extents along the patient axes (exact: the
// union's calipers are the outermost of its parts') and its volume (sampled on a step-mm grid).
nlohmann::json unionTruth(const std::vector<Solid>& parts, double meanValue, double stepMm = 0.2);

// Bone (cortex or cancellous) present inside region, on a sub-grid of step mm.
double bonePresentMm3(const Scene& scene, const Solid& region, double stepMm = 0.3);

// A ball that lies wholly in one tissue, checked on a sub-grid: a region the tests sample.
// Returns null json when the ball is not homogeneous (a bug in the case plan).
nlohmann::json homogeneousRegion(const Scene& scene, const std::string& name, PointLps centre, double radiusMm);

// Orientation labels at the four edges of a slice of grid (radiological display).
nlohmann::json orientationLabels(const VolumeGeometry& grid);

nlohmann::json toJson(Vec3 v);

}  // namespace mensura::imaging::phantom
