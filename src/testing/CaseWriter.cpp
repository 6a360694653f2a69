// Renders a case plan into DICOM series and writes its ground truth.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "mensura/dicom/DicomSeriesWriter.h"
#include "mensura/testing/CasePlan.h"
#include "mensura/testing/GroundTruth.h"

namespace fs = std::filesystem;

namespace mensura::imaging::phantom {
namespace {

using nlohmann::json;

uint32_t seedOf(const std::string& s) {
    uint32_t h = 2166136261u;
    for (unsigned char c : s) h = (h ^ c) * 16777619u;
    return h;
}

// Real values -> stored values: CT as unsigned 12-bit with intercept -1024, MR as unsigned 16.
void toStored(const std::vector<float>& values, bool ct, std::vector<int16_t>& out) {
    out.resize(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double v = ct ? std::clamp(std::round(double(values[i]) + 1024.0), 0.0, 4095.0)
                            : std::clamp(std::round(double(values[i])), 0.0, 65535.0);
        out[i] = static_cast<int16_t>(static_cast<uint16_t>(v));
    }
}

Result<bool> writeAtomically(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".part";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << text;
        if (!f) return Error{tmp + ": cannot write"};
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) return Error{path + ": cannot move into place: " + ec.message()};
    return true;
}

}  // namespace

Result<json> writeCase(const CasePlan& plan, const std::string& folder) {
    json truth = {
        {"schemaVersion", 1},
        {"case", plan.name},
        {"seedReport", plan.seedReport},
        {"coordinateSystem", "LPS"},
        {"units", "mm"},
        {"generator", "mensura-phantom"},
        {"patient",
         {{"name", plan.patientName}, {"id", plan.patientId}, {"sex", plan.patientSex}, {"age", plan.patientAge}}},
        {"studies", json::array()}};
    truth.update(plan.truth);
    for (const StudyPlan& study : plan.studies) {
        const std::string studyUid = derivedUid(plan.name + "/" + study.key + "/study");
        const std::string forUid = derivedUid(plan.name + "/" + study.key + "/frame-of-reference");
        json st = {{"key", study.key},   {"studyInstanceUid", studyUid},     {"frameOfReferenceUid", forUid},
                   {"date", study.date}, {"description", study.description}, {"series", json::array()}};
        st.update(study.truth);
        // Regions every series of the study must show at the tissue's value.
        std::vector<std::pair<json, Tissue>> regions;
        for (const auto& r : study.regions) {
            json region = homogeneousRegion(study.scene, r.name, r.centre, r.radiusMm);
            if (region.is_null())
                return Error{plan.name + "/" + study.key + ": region '" + r.name +
                             "' is not one tissue (case plan bug)"};
            regions.push_back({region, study.scene.tissueAt(r.centre)});
        }
        int number = 0;
        for (const SeriesPlan& s : study.series) {
            ++number;
            const std::string seriesUid = derivedUid(plan.name + "/" + study.key + "/" + s.key);
            SeriesSpec spec;
            spec.modality = s.modality;
            spec.patientName = plan.patientName;
            spec.patientId = plan.patientId;
            spec.patientSex = plan.patientSex;
            spec.patientAge = plan.patientAge;
            spec.bodyPartExamined = plan.bodyPart;
            spec.studyInstanceUid = studyUid;
            spec.seriesInstanceUid = seriesUid;
            spec.frameOfReferenceUid = forUid;
            spec.studyDescription = study.description;
            spec.seriesDescription = s.description;
            spec.studyDate = study.date;
            spec.studyTime = "093000";
            spec.accessionNumber = "MNS" + study.date;
            spec.seriesNumber = number;
            spec.geometry = s.grid;
            spec.contrastAgent = s.contrastAgent;
            spec.scanningSequence = s.scanningSequence;
            spec.sequenceVariant = s.sequenceVariant;
            spec.repetitionTimeMs = s.repetitionTimeMs;
            spec.echoTimeMs = s.echoTimeMs;
            spec.inversionTimeMs = s.inversionTimeMs;
            const bool ct = s.modality == "CT";
            spec.pixelSigned = false;
            spec.bitsStored = ct ? 12 : 16;
            spec.rescaleIntercept = ct ? -1024 : 0;
            spec.windowCenter = ct ? (plan.bodyPart == "CSPINE" ? 400 : 50) : 450;
            spec.windowWidth = ct ? (plan.bodyPart == "CSPINE" ? 1800 : 400) : 900;
            spec.transferSyntax = "1.2.840.10008.1.2.4.80";  // JPEG-LS lossless
            const auto values = study.scene.render(s.grid, s.contrast, study.tissues, s.noiseSd,
                                                   seedOf(plan.name + "/" + study.key + "/" + s.key));
            toStored(values, ct, spec.stored);
            const std::string dir = (fs::path(folder) / study.key / s.key).string();
            std::error_code ec;
            fs::remove_all(dir, ec);
            auto written = writeSeries(spec, dir);
            if (!written) return written.error();
            const auto& g = s.grid;
            json regionValues = json::array();
            for (const auto& [region, tissue] : regions) {
                json r = region;
                r["expected"] = study.tissues.value(tissue, s.contrast);
                regionValues.push_back(r);
            }
            st["series"].push_back({{"key", s.key},
                                    {"folder", study.key + "/" + s.key},
                                    {"seriesInstanceUid", seriesUid},
                                    {"seriesNumber", number},
                                    {"description", s.description},
                                    {"modality", s.modality},
                                    {"contrast", toString(s.contrast)},
                                    {"valueUnit", ct ? "HU" : "arbitrary"},
                                    {"orientation", toString(g.orientation())},
                                    {"orientationLabels", orientationLabels(g)},
                                    {"columns", g.size[0]},
                                    {"rows", g.size[1]},
                                    {"slices", g.size[2]},
                                    {"spacingMm", toJson(g.spacingMm)},
                                    {"originLps", toJson(g.originLps)},
                                    {"noiseSd", s.noiseSd},
                                    {"postContrast", !s.contrastAgent.empty()},
                                    {"regions", regionValues}});
        }
        truth["studies"].push_back(st);
    }
    auto ok = writeAtomically((fs::path(folder) / "ground_truth.json").string(), truth.dump(2) + "\n");
    if (!ok) return ok.error();
    return truth;
}

}  // namespace mensura::imaging::phantom
