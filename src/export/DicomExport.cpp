#include "mensura/export/DicomExport.h"

#include "mensura/core/AtomicFile.h"
#include "mensura/core/SafePath.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "mensura/case/CaseFolder.h"
#include "mensura/dicom-objects/DicomDeidentify.h"
#include "mensura/dicom-objects/Segmentation.h"
#include "mensura/dicom/DcmtkSetup.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/VolumeLoader.h"
#include "mensura/measure/LesionSegmentation.h"

namespace fs = std::filesystem;

namespace mensura::annotations {
namespace {

using imaging::Error;

const DicomReference* referenceFor(const CaseDocument& doc, const std::string& seriesUid) {
    for (const auto& r : doc.dicom)
        if (r.seriesInstanceUid == seriesUid) return &r;
    return nullptr;
}

}  // namespace

imaging::Result<std::vector<std::string>> exportSeg(const std::string& caseFolder, const std::string& outDir,
                                                    const DeidentificationPolicy& policy) {
    auto opened = openCase(caseFolder);
    if (!opened) return Error{opened.error().message};
    const CaseDocument& doc = opened->document;
    std::map<std::string, const Annotation*> annotations;
    for (const auto& a : doc.annotations) annotations[a.uid] = &a;

    // One annotation per lesion and series: the first linked one with points.
    struct Item {
        const Lesion* lesion;
        const Annotation* annotation;
    };
    std::map<std::string, std::vector<Item>> bySeries;
    for (const auto& tp : doc.record.imaging)
        for (const auto& obs : tp.observations) {
            const Lesion* lesion = doc.record.findLesion(obs.lesionTrackingUid);
            if (!lesion) continue;
            for (const auto& v : obs.values) {
                if (!v.link || !annotations.count(v.link->annotationUid)) continue;
                const Annotation* a = annotations[v.link->annotationUid];
                if (a->pointsLps.empty()) continue;
                auto& items = bySeries[a->image.seriesInstanceUid];
                const bool seen =
                    std::any_of(items.begin(), items.end(), [&](const Item& i) { return i.lesion == lesion; });
                if (!seen) items.push_back({lesion, a});
            }
        }
    if (bySeries.empty()) return Error{caseFolder + ": no lesion is linked to an annotation on an image"};

    std::error_code ec;
    fs::create_directories(outDir, ec);
    std::vector<std::string> written;
    for (const auto& [seriesUid, items] : bySeries) {
        const DicomReference* ref = referenceFor(doc, seriesUid);
        if (!ref) return Error{caseFolder + ": series " + seriesUid + " is not among the case's DICOM references"};
        std::string error;
        const imaging::DicomIndex index = imaging::indexPath(resolveReferencePath(caseFolder, ref->path), {}, &error);
        const imaging::SeriesStack* stack = index.findStack(seriesUid);
        if (!stack)
            return Error{caseFolder + ": series " + seriesUid + " not found at " + ref->path + " (relocate the case)"};
        auto volume = imaging::loadVolume(*stack);
        if (!volume) return volume.error();
        std::vector<imaging::seg::SegmentInput> segments;
        for (const Item& item : items) {
            imaging::PointLps lo = item.annotation->pointsLps.front(), hi = lo, centre;
            for (const auto& p : item.annotation->pointsLps) {
                centre = centre + (1.0 / item.annotation->pointsLps.size()) * p;
                for (int a = 0; a < 3; ++a) {
                    lo[a] = std::min(lo[a], p[a]);
                    hi[a] = std::max(hi[a], p[a]);
                }
            }
            imaging::SegmentationOptions options;
            // The calipers bound the lesion: search within them plus a 5 mm margin (or 20 mm
            // around a single point).
            const double margin = item.annotation->pointsLps.size() > 1 ? 5.0 : 20.0;
            options.box =
                imaging::BoxLps{lo - imaging::Vec3{margin, margin, margin}, hi + imaging::Vec3{margin, margin, margin}};
            auto seg = imaging::segmentLesion(*volume, centre, options);
            if (!seg) return Error{"lesion " + item.lesion->trackingId + ": " + seg.error().message};
            imaging::seg::SegmentInput input;
            input.description.label =
                item.lesion->trackingId + (item.lesion->description.empty() ? "" : " " + item.lesion->description);
            input.description.trackingId = item.lesion->trackingId;
            input.description.trackingUid = policy.remapUid(item.lesion->trackingUid);
            input.description.detail = seg->method;
            input.mask = std::move(seg->mask);
            segments.push_back(std::move(input));
        }
        // The name comes from the series' UID, which a hostile file may make "../x" (SafePath.h).
        auto safe = imaging::pathInside(outDir, {"seg_" + policy.remapUid(seriesUid) + ".dcm"});
        if (!safe) return Error{caseFolder + ": SEG of series " + seriesUid + ": " + safe.error().message};
        const std::string path = *safe;
        imaging::seg::WriteOptions options;
        auto r = imaging::seg::writeSegmentation(*volume, segments, path, options);
        if (!r) return r.error();
        auto d = deidentifyDicomFile(path, policy);
        if (!d) return d.error();
        written.push_back(path);
    }
    return written;
}

imaging::Result<std::vector<std::string>> exportImages(const std::string& caseFolder, const std::string& outDir,
                                                       const DeidentificationPolicy& policy) {
    auto opened = openCase(caseFolder);
    if (!opened) return Error{opened.error().message};
    std::vector<std::string> written;
    for (const auto& ref : opened->document.dicom) {
        std::string error;
        const imaging::DicomIndex index = imaging::indexPath(resolveReferencePath(caseFolder, ref.path), {}, &error);
        const imaging::SeriesStack* stack = index.findStack(ref.seriesInstanceUid);
        if (!stack)
            return Error{caseFolder + ": series " + ref.seriesInstanceUid + " not found at " + ref.path +
                         " (relocate the case)"};
        auto safe = imaging::pathInside(outDir, {"images", policy.remapUid(ref.seriesInstanceUid)});
        if (!safe)
            return Error{caseFolder + ": images of series " + ref.seriesInstanceUid + ": " + safe.error().message};
        const fs::path dir = *safe;
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec) return Error{dir.string() + ": cannot create: " + ec.message()};
        int n = 0;
        for (const auto& f : stack->frames) {
            if (f.frameIndex != 0) continue;
            char name[16];
            std::snprintf(name, sizeof name, "IM%05d", ++n);
            const std::string target = (dir / name).string();
            // Copied and de-identified under a temporary name, so that neither a short copy nor
            // a copy still carrying the patient's identity ever stands under the final name.
            if (auto e = writeThroughTemporary(target, [&](const std::string& tmp) -> std::optional<Error> {
                    std::error_code copyError;
                    fs::copy_file(f.path, tmp, fs::copy_options::overwrite_existing, copyError);
                    if (copyError) return Error{target + ": cannot copy " + f.path + ": " + copyError.message()};
                    if (auto d = deidentifyDicomFile(tmp, policy); !d) return Error{target + ": " + d.error().message};
                    if (auto v = imaging::verifyWrittenDicomFile(tmp)) return Error{target + ": " + v->message};
                    return std::nullopt;
                }))
                return *e;
            written.push_back(target);
        }
    }
    return written;
}

}  // namespace mensura::annotations
