#include "mensura/annotations/Measurement.h"

namespace mensura::annotations {

namespace {
NamedMeasurement make(double value, std::string unit, std::string derivation, std::string method, std::string source,
                      std::string name) {
    NamedMeasurement n;
    n.name = std::move(name);
    n.measurement = {value, std::move(unit), std::move(derivation), std::move(method), std::move(source)};
    return n;
}
}  // namespace

Measurement caliperLength(imaging::PointLps a, imaging::PointLps b, bool spacingKnown,
                          const std::string& sourceAnnotation) {
    return {imaging::norm(b - a), spacingKnown ? "mm" : "{pixel}", "caliper length", "manual", sourceAnnotation};
}

std::string ucumForValueUnit(const std::string& u) {
    if (u == "HU") return "[hnsf'U]";
    if (u.empty() || u == "arbitrary") return "{arbitrary}";
    return "{" + u + "}";
}

std::vector<NamedMeasurement> triaxialMeasurements(const imaging::TriaxialSize& s, const std::string& src) {
    const std::string d = "caliper length along the patient axis";
    return {make(s.apMm, "mm", d, "manual tri-axial calipers", src, "AP diameter"),
            make(s.lrMm, "mm", d, "manual tri-axial calipers", src, "LR diameter"),
            make(s.siMm, "mm", d, "manual tri-axial calipers", src, "SI diameter")};
}

std::vector<NamedMeasurement> lesionMeasurements(const imaging::LesionMetrics& m, const imaging::Segmentation& seg,
                                                 const std::string& src) {
    const std::string len = m.lengthUnit, vol = m.volumeUnit == "mL" ? "mL" : m.volumeUnit;
    const std::string area = m.lengthUnit == "mm" ? "mm2" : "{pixel}2";
    const std::string value = ucumForValueUnit(m.valueUnit);
    const std::string caliper = "outermost voxel centres + voxel lattice width along the caliper";
    std::vector<NamedMeasurement> out = {
        make(m.ap.lengthMm, len, "extent of the lesion mask along LPS y; " + caliper, seg.method, src, "AP diameter"),
        make(m.lr.lengthMm, len, "extent of the lesion mask along LPS x; " + caliper, seg.method, src, "LR diameter"),
        make(m.si.lengthMm, len, "extent of the lesion mask along LPS z; " + caliper, seg.method, src, "SI diameter"),
        make(m.longestDiameter.lengthMm, len, "longest 3D distance between boundary voxel centres + lattice width",
             seg.method, src, "longest diameter"),
        make(m.axialLongest.lengthMm, len, "RECIST longest diameter on the axial plane where it is largest", seg.method,
             src, "axial longest diameter"),
        make(m.axialPerpendicular.lengthMm, len, "longest chord perpendicular to the axial longest diameter",
             seg.method, src, "axial perpendicular diameter"),
        make(m.volumeMl, vol, "voxel count x voxel volume", seg.method, src, "volume"),
        make(m.surfaceMm2, area, "ITK shape label map perimeter of the mask", seg.method, src, "surface area"),
        make(m.values.mean, value,
             "volume-weighted mean over the mask, each edge voxel at its interior neighbours' mean", seg.method, src,
             "mean"),
        make(m.values.sd, value, "sample standard deviation over the mask voxels off its edge", seg.method, src,
             "standard deviation"),
        make(m.values.min, value, "minimum over the mask voxels off its edge", seg.method, src, "minimum"),
        make(m.values.max, value, "maximum over the mask voxels off its edge", seg.method, src, "maximum"),
        make(double(m.voxelCount), "{voxel}", "mask voxel count", seg.method, src, "voxel count"),
    };
    for (auto& x : out) {
        x.seriesInstanceUid = seg.mask.seriesInstanceUid;
        x.frameOfReferenceUid = seg.mask.frameOfReferenceUid;
        x.sopInstanceUids = m.sopInstanceUids;
    }
    return out;
}

std::vector<NamedMeasurement> enhancementMeasurements(const imaging::EnhancementResult& r, const std::string& pre,
                                                      const std::string& post, const std::string& src) {
    const std::string value = ucumForValueUnit(r.valueUnit);
    const std::string method = "lesion mask on one series, the other sampled at the same LPS positions (trilinear)";
    std::vector<NamedMeasurement> out = {
        make(r.preMean, value, "mean over the lesion, pre-contrast series " + pre, method, src, "pre-contrast mean"),
        make(r.postMean, value, "mean over the lesion, post-contrast series " + post, method, src,
             "post-contrast mean"),
        make(r.delta, value, "post mean - pre mean", method, src, "enhancement"),
        make(r.lowEnhancingFraction, "1", "fraction of voxels enhancing less than the 'none' cut-off", method, src,
             "low-enhancing fraction"),
    };
    if (r.percent) out.push_back(make(*r.percent, "%", "100 x (post - pre) / pre", method, src, "percent enhancement"));
    if (r.cov)
        out.push_back(make(*r.cov, "1", "SD / mean of 3x3x3-averaged voxel enhancement", method, src,
                           "coefficient of variation"));
    for (auto& x : out) {
        x.seriesInstanceUid = x.name == "pre-contrast mean" ? pre : post;
        x.frameOfReferenceUid = r.segmentation.mask.frameOfReferenceUid;
    }
    return out;
}

nlohmann::json measurementsToJson(const std::vector<NamedMeasurement>& measurements) {
    nlohmann::json out = nlohmann::json::array();
    for (const NamedMeasurement& n : measurements) {
        const Measurement& m = n.measurement;
        nlohmann::json j{{"name", n.name},
                         {"value", m.value},
                         {"unit", m.unit},
                         {"derivation", m.derivation},
                         {"method", m.method},
                         {"seriesInstanceUid", n.seriesInstanceUid},
                         {"frameOfReferenceUid", n.frameOfReferenceUid}};
        if (!m.sourceAnnotation.empty()) j["sourceAnnotation"] = m.sourceAnnotation;
        if (!n.sopInstanceUids.empty()) j["sopInstanceUids"] = n.sopInstanceUids;
        out.push_back(std::move(j));
    }
    return out;
}

}  // namespace mensura::annotations
