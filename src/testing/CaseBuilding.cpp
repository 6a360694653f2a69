#include "CaseBuilding.h"

namespace mensura::imaging::phantom {

using nlohmann::json;

SeriesPlan ct(std::string key, std::string description, Contrast c, VolumeGeometry grid) {
    SeriesPlan s;
    s.key = std::move(key);
    s.description = std::move(description);
    s.modality = "CT";
    s.contrast = c;
    s.grid = grid;
    s.noiseSd = 10;  // HU
    if (c == Contrast::CtPost) s.contrastAgent = "Iohexol 350 mgI/mL";
    return s;
}

SeriesPlan mr(std::string key, std::string description, Contrast c, VolumeGeometry grid) {
    SeriesPlan s;
    s.key = std::move(key);
    s.description = std::move(description);
    s.modality = "MR";
    s.contrast = c;
    s.grid = grid;
    s.noiseSd = 12;  // 3% of muscle on T1
    switch (c) {
        case Contrast::T2:
            s.sequenceVariant = "SK";
            s.repetitionTimeMs = 4000;
            s.echoTimeMs = 100;
            break;
        case Contrast::Dwi:
            s.scanningSequence = "EP";
            s.sequenceVariant = "SK";
            s.repetitionTimeMs = 4000;
            s.echoTimeMs = 80;
            break;
        case Contrast::Tirm:
            s.scanningSequence = "IR";
            s.repetitionTimeMs = 4000;
            s.echoTimeMs = 60;
            s.inversionTimeMs = 150;
            break;
        case Contrast::T1Post:
            s.contrastAgent = "Gadobutrol 0.1 mmol/kg";
            break;
        default:
            break;
    }
    return s;
}

// Ratios to muscle in the contrasts that have a reference tissue.
json signalRatios(const TissueTable& t, const json& means, const std::vector<Contrast>& cs) {
    json out = json::object();
    for (Contrast c : cs) out[toString(c)] = means[toString(c)].get<double>() / t.value(Tissue::Muscle, c);
    return out;
}

json enhancement(const json& means, Contrast pre, Contrast post, const char* unit) {
    const double a = means[toString(pre)], b = means[toString(post)];
    return {{"pre", toString(pre)}, {"post", toString(post)},         {"meanPre", a}, {"meanPost", b},
            {"delta", b - a},       {"percent", 100.0 * (b - a) / a}, {"unit", unit}};
}

// Fraction of bone lost inside each region: present with the lesions over present without.
json lyticFractions(const Scene& with, const Scene& without,
                    const std::vector<std::pair<std::string, Solid>>& regions) {
    json out = json::array();
    for (const auto& [name, region] : regions) {
        const double expected = bonePresentMm3(without, region), present = bonePresentMm3(with, region);
        out.push_back({{"structure", name},
                       {"boneExpectedMm3", expected},
                       {"bonePresentMm3", present},
                       {"lyticFraction", expected > 0 ? 1.0 - present / expected : 0.0}});
    }
    return out;
}

// Share of a cross-section of 'of' (at z) that lesion tissue occupies.
double occupiedFraction(const Scene& scene, const Solid& of, double z) {
    const auto b = of.bounds();
    int in = 0, lesion = 0;
    for (double y = b[0].y; y <= b[1].y; y += 0.05)
        for (double x = b[0].x; x <= b[1].x; x += 0.05) {
            if (!of.contains({x, y, z})) continue;
            ++in;
            const Tissue t = scene.tissueAt({x, y, z});
            lesion += t == Tissue::LesionRim || t == Tissue::LesionCore;
        }
    return in ? double(lesion) / in : 0.0;
}

void addLesion(Scene& s, const LesionDrawing& l, const std::string& name) {
    s.add(l.outer, Tissue::LesionRim, name);
    s.add(l.outer.scaled(l.coreScale), Tissue::LesionCore, name + " core");
}

}  // namespace mensura::imaging::phantom
