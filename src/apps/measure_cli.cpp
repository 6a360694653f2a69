// mensura-cli signal and bone: thin layers over imaging/measure/SignalRatio and BoneInvolvement.
#include "measure_cli.h"

#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "cli_series.h"
#include "mensura/dicom/IndexJson.h"
#include "mensura/measure/BoneInvolvement.h"
#include "mensura/measure/MeasureJson.h"
#include "mensura/measure/SignalRatio.h"

namespace mensura::tools {

using namespace imaging;

namespace {

struct SignalArgs {
    std::string folder, series, lesion, muscle, sequence;
    double radiusMm = 5;
    std::optional<double> muscleRadiusMm;
    bool json = false;
};

struct BoneArgs {
    std::string folder, series, box, referenceBox, heights, referenceHeights;
    BoneThresholds thresholds;
    bool json = false;
};

}  // namespace

void addSignalSubcommand(CLI::App& app, const unsigned& threads) {
    auto a = std::make_shared<SignalArgs>();
    auto* cmd = app.add_subcommand("signal", "lesion signal relative to muscle on one MR series (sphere ROIs)");
    cmd->add_option("folder", a->folder, "folder or file")->required();
    cmd->add_option("--series", a->series, "SeriesInstanceUID or stack id; required when the folder has several");
    cmd->add_option("--lesion-lps", a->lesion, "lesion ROI centre x,y,z in mm (LPS)")->required();
    cmd->add_option("--muscle-lps", a->muscle, "muscle ROI centre x,y,z in mm (LPS)")->required();
    cmd->add_option("--radius-mm", a->radiusMm, "ROI sphere radius (default 5 mm)");
    cmd->add_option("--muscle-radius-mm", a->muscleRadiusMm, "muscle ROI radius (default: --radius-mm)");
    cmd->add_option("--sequence", a->sequence, "sequence name in the output (default: the series description)");
    cmd->add_flag("--json", a->json, "print JSON (the default; kept for scripts)");
    cmd->callback([a, &threads] {
        for (const auto& [option, r] : {std::pair{"--radius-mm", a->radiusMm},
                                        std::pair{"--muscle-radius-mm", a->muscleRadiusMm.value_or(a->radiusMm)}})
            if (!(r > 0) || !std::isfinite(r)) {
                std::ostringstream text;
                text << option << ": " << r << " mm is not a positive radius";
                fail(text.str(), 2);
            }
        const SphereRoi lesion{orFail(parsePointLps(a->lesion, "--lesion-lps"), 2), a->radiusMm};
        const SphereRoi muscle{orFail(parsePointLps(a->muscle, "--muscle-lps"), 2),
                               a->muscleRadiusMm.value_or(a->radiusMm)};
        const Volume v = loadOrFail(a->folder, a->series, threads);
        SignalRatio r = orFail(signalRelativeToMuscle(v, lesion, muscle, a->sequence), 1);
        if (v.modality != "MR")
            r.warnings.push_back("series " + v.stackId + " is " + v.modality + " (" + v.valueUnit +
                                 "), not MR: the signal categories are meant for MR");
        printAndExit(signalToJson(v, lesion, muscle, r));
    });
}

void addBoneSubcommand(CLI::App& app, const unsigned& threads) {
    auto a = std::make_shared<BoneArgs>();
    auto* cmd = app.add_subcommand("bone",
                                   "bone destruction on axial CT: lytic fraction and cortical breach "
                                   "against a healthy reference box, optionally vertebral height loss");
    cmd->add_option("folder", a->folder, "folder or file")->required();
    cmd->add_option("--series", a->series, "SeriesInstanceUID or stack id; required when the folder has several");
    cmd->add_option("--box-lps", a->box, "affected box x0,y0,z0,x1,y1,z1 in mm (LPS), x0<x1, y0<y1, z0<z1")->required();
    cmd->add_option("--reference-box-lps", a->referenceBox,
                    "healthy reference box, same form (e.g. an intact vertebra)")
        ->required();
    cmd->add_option("--cancellous-min-hu", a->thresholds.cancellousMinHu,
                    "lowest cancellous bone value (default 150 HU)");
    cmd->add_option("--cortical-min-hu", a->thresholds.corticalMinHu, "lowest cortical bone value (default 600 HU)");
    auto* heights =
        cmd->add_option("--heights-mm", a->heights, "affected vertebral body heights anterior,middle,posterior");
    auto* referenceHeights =
        cmd->add_option("--reference-heights-mm", a->referenceHeights, "reference vertebral body heights, same form");
    heights->needs(referenceHeights);
    referenceHeights->needs(heights);
    cmd->add_flag("--json", a->json, "print JSON (the default; kept for scripts)");
    cmd->callback([a, &threads] {
        const BoxLps affected = orFail(parseBoxLps(a->box, "--box-lps"), 2);
        const BoxLps reference = orFail(parseBoxLps(a->referenceBox, "--reference-box-lps"), 2);
        std::optional<HeightLoss> loss;
        VertebralHeights h, rh;
        if (!a->heights.empty()) {
            h = orFail(parseHeightsMm(a->heights, "--heights-mm"), 2);
            rh = orFail(parseHeightsMm(a->referenceHeights, "--reference-heights-mm"), 2);
            loss = orFail(vertebralHeightLoss(h, rh), 2);
        }
        const Volume v = loadOrFail(a->folder, a->series, threads);
        const BoneInvolvement b = orFail(assessBoneInvolvement(v, affected, reference, a->thresholds), 1);
        nlohmann::json j = boneToJson(v, affected, reference, a->thresholds, b);
        if (loss) j["bone"]["heightLoss"] = heightLossToJson(h, rh, *loss);
        printAndExit(j);
    });
}

}  // namespace mensura::tools
