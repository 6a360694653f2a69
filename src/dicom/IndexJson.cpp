#include "mensura/dicom/IndexJson.h"

#include <cmath>

namespace mensura::imaging {

nlohmann::json indexToJson(const DicomIndex& index) {
    using nlohmann::json;
    json patients = json::array();
    for (const auto& p : index.patients) {
        json studies = json::array();
        for (const auto& st : p.studies) {
            json series = json::array();
            for (const auto& se : st.series) {
                const FrameHeader& f = se.first();
                series.push_back({{"seriesInstanceUid", se.seriesInstanceUid},
                                  {"stackId", se.stackId},
                                  {"seriesNumber", f.seriesNumber},
                                  {"modality", f.modality},
                                  {"description", f.seriesDescription},
                                  {"frameOfReferenceUid", f.frameOfReferenceUid},
                                  {"instanceCount", se.instanceCount()},
                                  {"frameCount", se.frames.size()},
                                  {"rows", f.rows},
                                  {"columns", f.columns},
                                  {"transferSyntaxUid", f.transferSyntaxUid},
                                  {"splitReason", se.splitReason.empty() ? json(nullptr) : json(se.splitReason)},
                                  {"warnings", se.warnings}});
            }
            studies.push_back({{"studyInstanceUid", st.studyInstanceUid},
                               {"studyDate", st.studyDate},
                               {"description", st.studyDescription},
                               {"accessionNumber", st.accessionNumber},
                               {"series", series}});
        }
        patients.push_back({{"patientId", p.patientId},
                            {"patientName", p.patientName},
                            {"birthDate", p.birthDate},
                            {"sex", p.sex},
                            {"studies", studies}});
    }
    json problems = json::array();
    for (const auto& pr : index.problems) problems.push_back({{"path", pr.path}, {"reason", pr.reason}});
    return {{"root", index.root},
            {"filesSeen", index.filesSeen},
            {"patients", patients},
            {"problemFiles", problems},
            {"skippedDicomDirs", index.skippedDicomDirs}};
}

std::string jsonText(const nlohmann::json& value) {
    return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json volumeInfoToJson(const Volume& v) {
    const auto& g = v.geometry;
    const auto [lo, hi] = v.valueRange();
    return {{"seriesInstanceUid", v.seriesInstanceUid},
            {"stackId", v.stackId},
            {"modality", v.modality},
            {"description", v.description},
            {"frameOfReferenceUid", v.frameOfReferenceUid},
            {"rows", g.size[1]},
            {"columns", g.size[0]},
            {"slices", g.size[2]},
            {"isVolume", v.isVolume},
            {"spacingMm", {g.spacingMm.x, g.spacingMm.y, g.spacingMm.z}},
            {"spacingUnit", v.spacingKnown ? "mm" : "pixel"},
            {"originLps", {g.originLps.x, g.originLps.y, g.originLps.z}},
            {"directionLps", g.directionRows()},
            {"orientation", toString(g.orientation())},
            {"obliqueDeg", std::round(obliquityDeg(g.sliceNormal()) * 10.0) / 10.0},
            {"valueUnit", v.valueUnit},
            {"voxelType", v.voxelType == VoxelType::Int16 ? "int16" : "float32"},
            {"min", lo},
            {"max", hi},
            {"warnings", v.warnings}};
}

}  // namespace mensura::imaging
