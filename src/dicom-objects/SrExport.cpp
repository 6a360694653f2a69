#include "mensura/dicom-objects/SrExport.h"

#include "mensura/core/AtomicFile.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmsr/cmr/tid1500.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>

#include "mensura/annotations/AnnotationKinds.h"
#include "mensura/annotations/Codes.h"
#include "mensura/case/CaseFolder.h"
#include "mensura/dicom/DcmtkSetup.h"
#include "mensura/dicom/DicomIndex.h"

namespace fs = std::filesystem;

namespace mensura::annotations {
namespace {

using imaging::Error;
using namespace codes;
using imaging::FrameHeader;
using imaging::PointLps;

DSRCodedEntryValue dsr(const CodedConcept& c) {
    return DSRCodedEntryValue(c.value.c_str(), c.scheme.c_str(), c.meaning.c_str());
}

CodedConcept conceptOf(Quantity q) {
    switch (q) {
        case Quantity::Length:
            return kLength;
        case Quantity::ApDiameter:
            return kApDiameter;
        case Quantity::LrDiameter:
            return kLrDiameter;
        case Quantity::SiDiameter:
            return kSiDiameter;
        case Quantity::LongAxis:
            return kLongAxis;
        case Quantity::ShortAxis:
            return kShortAxis;
        case Quantity::Area:
            return kArea;
        case Quantity::Volume:
            return kVolume;
        case Quantity::Mean:
            return kMean;
        case Quantity::StandardDeviation:
            return kStandardDeviation;
    }
    return kLength;
}

CodedConcept ucum(const std::string& unit) {
    static const std::map<std::string, std::string> meanings{
        {"mm", "millimeter"}, {"cm", "centimeter"}, {"mm2", "square millimeter"},
        {"mL", "milliliter"}, {"ml", "milliliter"}, {"[hnsf'U]", "Hounsfield unit"},
        {"{pixel}", "pixel"}, {"1", "no units"},    {"%", "percent"}};
    const auto it = meanings.find(unit);
    return {unit.empty() ? "1" : unit, "UCUM", it == meanings.end() ? unit : it->second};
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

// The pixel coordinates of LPS points on an image, when every point lies in its plane.
bool toPixels(const FrameHeader& h, const std::vector<PointLps>& points, std::vector<std::pair<float, float>>& out) {
    if (!h.positionLps || !h.orientation || !h.pixelSpacing) return false;
    const imaging::Vec3 row = imaging::normalized(h.orientation->first),
                        col = imaging::normalized(h.orientation->second);
    const imaging::Vec3 normal = imaging::normalized(imaging::cross(row, col));
    const double halfThickness = 0.5 * std::max(h.sliceThickness, 0.5) + 1e-3;
    out.clear();
    for (const PointLps& p : points) {
        const imaging::Vec3 d = p - *h.positionLps;
        if (std::fabs(imaging::dot(d, normal)) > halfThickness) return false;
        // DICOM image coordinates: (0,0) is the top left corner of the top left pixel.
        out.push_back({static_cast<float>(imaging::dot(d, row) / h.pixelSpacing->first + 0.5),
                       static_cast<float>(imaging::dot(d, col) / h.pixelSpacing->second + 0.5)});
    }
    return true;
}

DSRTypes::E_GraphicType graphicType(SrGraphicType type) {
    switch (type) {
        case SrGraphicType::Point:
            return DSRTypes::GT_Point;
        case SrGraphicType::Ellipse:
            return DSRTypes::GT_Ellipse;
        case SrGraphicType::Polyline:
        case SrGraphicType::None:
            break;
    }
    return DSRTypes::GT_Polyline;
}

struct PendingMeasurement {
    CodedConcept concept;
    Measurement value;
    const Annotation* annotation = nullptr;
    Quantity quantity = Quantity::Length;
};

struct PendingGroup {
    std::string trackingId, trackingUid;
    CodedConcept findingSite;
    std::vector<PendingMeasurement> measurements;
    std::vector<const Finding*> findings;
};

}  // namespace

imaging::Result<std::vector<std::string>> exportSr(const std::string& caseFolder, const std::string& outDir,
                                                   const SrExportOptions& options) {
    imaging::initDcmtk();
    auto opened = openCase(caseFolder);
    if (!opened) return Error{opened.error().message};
    const CaseDocument& doc = opened->document;
    const DeidentificationPolicy& deid = options.deidentification;

    // Every referenced image by SOP instance UID (headers only).
    std::map<std::string, FrameHeader> images;
    for (const auto& ref : doc.dicom) {
        std::string error;
        const imaging::DicomIndex index = imaging::indexPath(resolveReferencePath(caseFolder, ref.path), {}, &error);
        for (const auto* stack : index.allStacks())
            for (const auto& f : stack->frames) images.emplace(f.sopInstanceUid, f);
    }
    std::map<std::string, const Annotation*> annotations;
    for (const auto& a : doc.annotations) annotations[a.uid] = &a;
    auto studyOf = [&](const Annotation& a) {
        if (!a.image.studyInstanceUid.empty()) return a.image.studyInstanceUid;
        const auto it = images.find(a.image.sopInstanceUid);
        return it == images.end() ? std::string() : it->second.studyInstanceUid;
    };

    // Groups per study and lesion, from the record's observations.
    std::map<std::string, std::map<std::string, PendingGroup>> byStudy;
    for (const auto& tp : doc.record.imaging) {
        const std::string tpStudy = tp.studies.empty() ? "" : tp.studies.front().studyInstanceUid;
        for (const auto& obs : tp.observations) {
            const Lesion* lesion = doc.record.findLesion(obs.lesionTrackingUid);
            auto groupFor = [&](const std::string& study) -> PendingGroup& {
                PendingGroup& g = byStudy[study][obs.lesionTrackingUid];
                g.trackingId = lesion ? lesion->trackingId : obs.lesionTrackingUid;
                g.trackingUid = obs.lesionTrackingUid;
                if (lesion) g.findingSite = lesion->bodySite;
                return g;
            };
            for (const auto& v : obs.values) {
                const Annotation* a = nullptr;
                if (v.link && v.state == LinkState::Linked) {
                    const auto it = annotations.find(v.link->annotationUid);
                    if (it != annotations.end()) a = it->second;
                }
                const std::string study = a ? studyOf(*a) : tpStudy;
                if (study.empty()) continue;
                groupFor(study).measurements.push_back({conceptOf(v.quantity), v.value, a, v.quantity});
            }
            for (const auto& f : obs.findings) {
                std::string study = tpStudy;
                for (const auto& uid : f.evidence)
                    if (annotations.count(uid)) study = studyOf(*annotations[uid]);
                if (!study.empty() && !f.concept.empty() && !f.value.empty()) groupFor(study).findings.push_back(&f);
            }
        }
    }
    if (byStudy.empty()) return Error{caseFolder + ": the case has no measurements or findings to report"};

    std::error_code ec;
    fs::create_directories(outDir, ec);
    std::vector<std::string> written;
    for (const auto& [studyUid, groups] : byStudy) {
        // Patient and study come from an image of the study.
        const FrameHeader* source = nullptr;
        for (const auto& [uid, h] : images)
            if (h.studyInstanceUid == studyUid) {
                source = &h;
                break;
            }
        if (!source)
            return Error{caseFolder + ": no image of study " + studyUid + " is reachable (relocate the case's DICOM)"};

        TID1500_MeasurementReport report(CMR_CID7021::ImagingMeasurementReport);
        report.setLanguage(CID5000_Languages::English);
        report.getObservationContext().addPersonObserver(options.observerName.c_str(), "");
        report.addProcedureReported(DSRCodedEntryValue("363679005", "SCT", "Imaging"));
        std::map<std::string, bool> inLibrary;
        report.getImageLibrary().addImageGroup();
        for (const auto& [trackingUid, g] : groups) {
            report.addIndividualMeasurements();
            auto& group = report.getIndividualMeasurements();
            group.setTrackingIdentifier(g.trackingId.c_str());
            if (!g.trackingUid.empty()) group.setTrackingUniqueIdentifier(deid.remapUid(g.trackingUid).c_str());
            group.setFinding(DSRCodedEntryValue("52988006", "SCT", "Lesion"));
            if (!g.findingSite.empty()) group.addFindingSite(dsr(g.findingSite));
            for (const auto& m : g.measurements) {
                const CMR_TID1501_in_TID1500::MeasurementValue value(
                    number(m.value.value).c_str(),
                    CID7181_AbstractMultiDimensionalImageModelComponentUnits(dsr(ucum(m.value.unit))), OFFalse);
                OFCondition c = group.addMeasurement(CID7469_GenericIntensityAndSizeMeasurements(dsr(m.concept)), value,
                                                     OFTrue, OFFalse);
                if (c.bad())
                    return Error{caseFolder + ": cannot add " + m.concept.meaning + " of " + g.trackingId +
                                 " to the SR: " + c.text()};
                if (!m.annotation) continue;
                // Coordinates on the image whose plane holds the caliper or ROI.
                const auto [type, points] = srGeometry(*m.annotation, m.quantity);
                if (points.empty()) continue;
                std::vector<std::pair<float, float>> pixels;
                const FrameHeader* on = nullptr;
                const auto own = images.find(m.annotation->image.sopInstanceUid);
                if (own != images.end() && toPixels(own->second, points, pixels)) on = &own->second;
                for (auto it = images.begin(); !on && it != images.end(); ++it)
                    if (it->second.seriesInstanceUid == m.annotation->image.seriesInstanceUid &&
                        toPixels(it->second, points, pixels))
                        on = &it->second;
                if (!on) continue;  // a caliper across slices has no 2D SCOORD (TID 300 in DCMTK 3.6.7 has no SCOORD3D)
                DSRSpatialCoordinatesValue scoord(graphicType(type));
                for (const auto& [x, y] : pixels) scoord.getGraphicDataList().addItem(x, y);
                const DSRImageReferenceValue image(on->sopClassUid.c_str(), deid.remapUid(on->sopInstanceUid).c_str());
                group.getMeasurement().addSpatialCoordinates(DSRCodedEntryValue("111030", "DCM", "Image Region"),
                                                             scoord, image, OFFalse);
                if (!inLibrary[on->sopInstanceUid]) {
                    inLibrary[on->sopInstanceUid] = true;
                    DcmFileFormat header;
                    if (header.loadFile(on->path.c_str(), EXS_Unknown, EGL_noChange, 4096).good()) {
                        DcmDataset* d = header.getDataset();
                        d->putAndInsertString(DCM_SOPInstanceUID, deid.remapUid(on->sopInstanceUid).c_str());
                        if (deid.enabled) d->putAndInsertString(DCM_StudyDate, deid.shiftDate(on->studyDate).c_str());
                        report.getImageLibrary().addImageEntry(*d, TID1600_ImageLibrary::withAllDescriptors);
                    }
                }
            }
            for (const Finding* f : g.findings) group.addQualitativeEvaluation(dsr(f->concept), dsr(f->value), OFFalse);
        }

        DSRDocument sr;
        OFCondition c = sr.setTreeFromRootTemplate(report, OFTrue);
        if (c.bad()) return Error{caseFolder + ": the measurement report is not valid TID 1500: " + c.text()};
        sr.setPatientName(deid.enabled ? deid.pseudonymName.c_str() : source->patientName.c_str());
        sr.setPatientID(deid.enabled ? deid.pseudonymId.c_str() : source->patientId.c_str());
        sr.setPatientBirthDate(deid.enabled ? "" : source->patientBirthDate.c_str());
        sr.setPatientSex(source->patientSex.c_str());
        sr.setStudyDate(deid.shiftDate(source->studyDate).c_str());
        sr.setStudyDescription(source->studyDescription.c_str());
        sr.setAccessionNumber(deid.enabled ? "" : source->accessionNumber.c_str());
        sr.setManufacturer("Mensura");
        c = sr.createNewSeriesInStudy(deid.remapUid(studyUid).c_str());
        if (c.bad()) return Error{caseFolder + ": cannot place the SR in study " + studyUid + ": " + c.text()};
        // Every image the report points at is evidence (PS3.3 C.17.2.3).
        for (const auto& [uid, listed] : inLibrary) {
            const FrameHeader& h = images.at(uid);
            sr.getCurrentRequestedProcedureEvidence().addItem(
                deid.remapUid(h.studyInstanceUid).c_str(), deid.remapUid(h.seriesInstanceUid).c_str(),
                h.sopClassUid.c_str(), deid.remapUid(h.sopInstanceUid).c_str());
        }
        sr.setSeriesDescription(options.seriesDescription.c_str());
        sr.setSeriesNumber(std::to_string(options.seriesNumber).c_str());
        DcmFileFormat file;
        c = sr.write(*file.getDataset());
        if (c.bad()) return Error{caseFolder + ": cannot encode the SR: " + c.text()};
        if (deid.enabled) {
            file.getDataset()->putAndInsertString(DCM_PatientIdentityRemoved, "YES");
            file.getDataset()->putAndInsertString(DCM_DeidentificationMethod,
                                                  "Mensura: PS3.15 basic profile, dates shifted, UIDs remapped");
        }
        const std::string path = (fs::path(outDir) / ("sr_" + deid.remapUid(studyUid) + ".dcm")).string();
        if (auto e = writeThroughTemporary(path, [&](const std::string& tmp) -> std::optional<Error> {
                const OFCondition saved = file.saveFile(tmp.c_str(), EXS_LittleEndianExplicit);
                if (saved.bad()) return Error{path + ": cannot write: " + saved.text()};
                if (auto e = imaging::verifyWrittenDicomFile(tmp)) return Error{path + ": " + e->message};
                return std::nullopt;
            }))
            return *e;
        written.push_back(path);
    }
    return written;
}

}  // namespace mensura::annotations
