#pragma once
// A synthetic case: its studies (timepoints), their series and the scene each was drawn from,
// and the ground truth computed from the analytic solids.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/testing/Scene.h"

namespace mensura::imaging::phantom {

struct SeriesPlan {
    std::string key;          // folder name, e.g. "03_T2_SAG"
    std::string description;  // SeriesDescription
    std::string modality;     // CT or MR
    Contrast contrast = Contrast::CtPre;
    VolumeGeometry grid;
    double noiseSd = 0;
    std::string contrastAgent;  // post-contrast series name the agent
    std::string scanningSequence = "SE", sequenceVariant = "NONE";
    double repetitionTimeMs = 500, echoTimeMs = 15, inversionTimeMs = 0;
};

struct StudyPlan {
    std::string key;  // "baseline", "followup"
    std::string date, description;
    Scene scene;
    TissueTable tissues;
    std::vector<SeriesPlan> series;
    nlohmann::json truth = nlohmann::json::object();  // timepoint facts (lesions at this time)
    // Balls of one tissue whose value every series of the study must show (checked when written).
    struct Region {
        std::string name;
        PointLps centre;
        double radiusMm;
    };
    std::vector<Region> regions;
};

struct CasePlan {
    std::string name, seedReport, patientName, patientId, patientSex, patientAge, bodyPart;
    std::vector<StudyPlan> studies;
    nlohmann::json truth = nlohmann::json::object();  // case-level facts (bone, levels, relations)
};

std::vector<std::string> seedCaseNames();
Result<CasePlan> buildCase(const std::string& name);

// Renders and writes every series as DICOM (JPEG-LS lossless) under folder/<study>/<series>/,
// and folder/ground_truth.json. Returns the ground truth written.
Result<nlohmann::json> writeCase(const CasePlan& plan, const std::string& folder);

}  // namespace mensura::imaging::phantom
