#include "mensura/measure/MeasureJson.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace mensura::imaging {

namespace {

Result<std::vector<double>> parseNumbers(const std::string& text, std::size_t count, const std::string& option,
                                         const char* unit = "mm, LPS") {
    std::vector<double> out;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, ',')) {
        char* end = nullptr;
        const double v = std::strtod(part.c_str(), &end);
        if (part.empty() || end == part.c_str() || *end != '\0' || !std::isfinite(v))
            return Error{option + ": '" + part + "' in '" + text + "' is not a number"};
        out.push_back(v);
    }
    if (out.size() != count)
        return Error{option + ": expected " + std::to_string(count) + " comma-separated numbers (" + unit + "), got '" +
                     text + "'"};
    return out;
}

double round2(double v) { return std::round(v * 100.0) / 100.0; }
nlohmann::json point(PointLps p) { return {round2(p.x), round2(p.y), round2(p.z)}; }
nlohmann::json caliper(const Caliper& c) {
    return {{"lengthMm", round2(c.lengthMm)}, {"fromLps", point(c.from)}, {"toLps", point(c.to)}};
}

double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

nlohmann::json segmentationJson(const Segmentation& s) {
    nlohmann::json j = {{"seedLps", point(s.seedLps)},
                        {"lower", round2(s.lower)},
                        {"upper", round2(s.upper)},
                        {"method", s.method},
                        {"outlineWithoutEdgeFraction", round3(s.outlineWithoutEdgeFraction)},
                        {"blockOffset", s.mask.offset},
                        {"blockSize", s.mask.geometry.size}};
    if (s.reseededLps) j["reseededLps"] = point(*s.reseededLps);
    if (!s.outlineSeriesUid.empty())
        j["outlinedOn"] = {{"seriesInstanceUid", s.outlineSeriesUid}, {"stackId", s.outlineStackId}};
    return j;
}

double round4(double v) { return std::round(v * 10000.0) / 10000.0; }

nlohmann::json seriesJson(const Volume& v) {
    return {{"seriesInstanceUid", v.seriesInstanceUid},
            {"stackId", v.stackId},
            {"description", v.description},
            {"modality", v.modality},
            {"seriesNumber", v.seriesNumber},
            {"frameOfReferenceUid", v.frameOfReferenceUid},
            {"orientation", toString(v.geometry.orientation())},
            {"valueUnit", v.valueUnit}};
}

nlohmann::json boxJson(const BoxLps& b) { return {point(b.corner0), point(b.corner1)}; }

nlohmann::json compositionJson(const BoneComposition& c, const BoxLps& box) {
    return {{"corticalMl", round3(c.corticalMl)},
            {"cancellousMl", round3(c.cancellousMl)},
            {"roiMl", round3(c.roiMl)},
            {"boneFraction", round4(c.boneFraction())},
            {"slicesWithCortex", c.slicesWithCortex},
            {"slicesEnclosed", c.slicesEnclosed},
            {"boxLps", boxJson(box)},
            {"clipped", c.clipped}};
}

std::string fixed1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

}  // namespace

Result<PointLps> parsePointLps(const std::string& text, const std::string& option) {
    auto n = parseNumbers(text, 3, option);
    if (!n) return n.error();
    return PointLps{(*n)[0], (*n)[1], (*n)[2]};
}

Result<BoxLps> parseBoxLps(const std::string& text, const std::string& option) {
    auto n = parseNumbers(text, 6, option);
    if (!n) return n.error();
    return BoxLps{{(*n)[0], (*n)[1], (*n)[2]}, {(*n)[3], (*n)[4], (*n)[5]}};
}

Result<VertebralHeights> parseHeightsMm(const std::string& text, const std::string& option) {
    auto n = parseNumbers(text, 3, option, "anterior,middle,posterior heights in mm");
    if (!n) return n.error();
    for (double h : *n)
        if (!(h > 0)) return Error{option + ": heights must be positive (mm), got '" + text + "'"};
    return VertebralHeights{(*n)[0], (*n)[1], (*n)[2]};
}

std::string triaxialReportCm(double ap, double lr, double si) {
    return fixed1(ap / 10) + " cm x " + fixed1(lr / 10) + " cm x " + fixed1(si / 10) + " cm (AP x LR x SI)";
}
std::string triaxialReportMm(double ap, double lr, double si) {
    return fixed1(ap) + " mm x " + fixed1(lr) + " mm x " + fixed1(si) + " mm (AP x LR x SI)";
}

nlohmann::json lesionToJson(const Volume& v, const Segmentation& seg, const LesionMetrics& m) {
    nlohmann::json lesion{
        {"apMm", round2(m.ap.lengthMm)},
        {"lrMm", round2(m.lr.lengthMm)},
        {"siMm", round2(m.si.lengthMm)},
        {"longestDiameterMm", round2(m.longestDiameter.lengthMm)},
        {"axialLongestMm", round2(m.axialLongest.lengthMm)},
        {"axialPerpendicularMm", round2(m.axialPerpendicular.lengthMm)},
        {"axialPlaneZ", round2(m.axialPlaneZ)},
        {"volumeMl", std::round(m.volumeMl * 1000.0) / 1000.0},
        {"surfaceMm2", std::round(m.surfaceMm2)},
        {"mean", round2(m.values.mean)},
        {"sd", round2(m.values.sd)},
        {"min", m.values.min},
        {"max", m.values.max},
        {"valueUnit", m.valueUnit},
        {"lengthUnit", m.lengthUnit},
        {"volumeUnit", m.volumeUnit},
        {"voxelCount", m.voxelCount},
        {"centroidLps", point(m.centroidLps)},
        {"calipers",
         {{"ap", caliper(m.ap)},
          {"lr", caliper(m.lr)},
          {"si", caliper(m.si)},
          {"longestDiameter", caliper(m.longestDiameter)},
          {"axialLongest", caliper(m.axialLongest)},
          {"axialPerpendicular", caliper(m.axialPerpendicular)}}},
        {"edgeRule",
         "caliper = distance between the outermost voxel centres + the voxel lattice width along the caliper"},
    };
    return {{"lesion", lesion},
            {"report", triaxialReportCm(m.ap.lengthMm, m.lr.lengthMm, m.si.lengthMm)},
            {"series",
             {{"seriesInstanceUid", v.seriesInstanceUid},
              {"stackId", v.stackId},
              {"frameOfReferenceUid", v.frameOfReferenceUid},
              {"orientation", toString(v.geometry.orientation())},
              {"sopInstanceUids", m.sopInstanceUids}}},
            {"segmentation", segmentationJson(seg)},
            {"warnings", seg.warnings}};
}

nlohmann::json enhancementToJson(const Volume& pre, const Volume& post, const EnhancementResult& r) {
    nlohmann::json e{{"preMean", round2(r.preMean)},
                     {"postMean", round2(r.postMean)},
                     {"deltaHu", round2(r.delta)},
                     {"deltaUnit", r.valueUnit},
                     {"percent", r.percent ? nlohmann::json(round2(*r.percent)) : nlohmann::json(nullptr)},
                     {"cov", r.cov ? nlohmann::json(std::round(*r.cov * 1000) / 1000) : nlohmann::json(nullptr)},
                     {"lowEnhancingFraction", std::round(r.lowEnhancingFraction * 1000) / 1000},
                     {"rimDelta", round2(r.rimDelta)},
                     {"coreDelta", round2(r.coreDelta)},
                     {"degree", r.degree},
                     {"pattern", r.pattern},
                     {"rule", r.rule},
                     {"voxelCount", r.voxelCount}};
    return {{"enhancement", e},
            {"pre", {{"seriesInstanceUid", pre.seriesInstanceUid}, {"stackId", pre.stackId}}},
            {"post", {{"seriesInstanceUid", post.seriesInstanceUid}, {"stackId", post.stackId}}},
            {"frameOfReferenceUid", post.frameOfReferenceUid},
            {"segmentation", segmentationJson(r.segmentation)},
            {"warnings", r.warnings}};
}

nlohmann::json signalToJson(const Volume& v, const SphereRoi& lesion, const SphereRoi& muscle, const SignalRatio& r) {
    nlohmann::json sig{{"sequence", r.sequence},
                       {"lesionMean", round2(r.lesion.mean)},
                       {"lesionSd", round2(r.lesion.sd)},
                       {"lesionVoxels", r.lesion.count},
                       {"muscleMean", round2(r.reference.mean)},
                       {"muscleSd", round2(r.reference.sd)},
                       {"muscleVoxels", r.reference.count},
                       {"ratio", round3(r.ratio)},
                       {"category", r.category},
                       {"rule", r.rule},
                       {"valueUnit", v.valueUnit},
                       {"lesionRoi", {{"centreLps", point(lesion.centreLps)}, {"radiusMm", lesion.radiusMm}}},
                       {"muscleRoi", {{"centreLps", point(muscle.centreLps)}, {"radiusMm", muscle.radiusMm}}}};
    return {{"signal", sig}, {"series", seriesJson(v)}, {"warnings", r.warnings}};
}

nlohmann::json boneToJson(const Volume& ct, const BoxLps& affected, const BoxLps& reference, const BoneThresholds& t,
                          const BoneInvolvement& b) {
    nlohmann::json bone{{"lyticFraction", round4(b.lyticFraction)},
                        {"corticalBreach", b.corticalBreach},
                        {"breachedSlices", b.breachedSlices},
                        {"affected", compositionJson(b.affected, affected)},
                        {"reference", compositionJson(b.reference, reference)},
                        {"thresholds", {{"cancellousMinHu", t.cancellousMinHu}, {"corticalMinHu", t.corticalMinHu}}},
                        {"rule", b.rule}};
    return {{"bone", bone}, {"series", seriesJson(ct)}, {"warnings", b.warnings}};
}

nlohmann::json heightLossToJson(const VertebralHeights& a, const VertebralHeights& r, const HeightLoss& h) {
    return {{"percent", round2(h.percent)},
            {"grade", h.grade},
            {"rule", h.rule},
            {"affectedMm", {a.anteriorMm, a.middleMm, a.posteriorMm}},
            {"referenceMm", {r.anteriorMm, r.middleMm, r.posteriorMm}}};
}

}  // namespace mensura::imaging
