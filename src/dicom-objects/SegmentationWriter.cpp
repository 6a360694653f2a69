#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmfg/fgderimg.h>
#include <dcmtk/dcmfg/fgfracon.h>
#include <dcmtk/dcmfg/fgpixmsr.h>
#include <dcmtk/dcmfg/fgplanor.h>
#include <dcmtk/dcmfg/fgplanpo.h>
#include <dcmtk/dcmiod/iodreferences.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "mensura/dicom-objects/Segmentation.h"

#include "mensura/core/AtomicFile.h"
#include "mensura/dicom/DcmtkSetup.h"
#include "mensura/dicom/DicomHeaderReader.h"

namespace fs = std::filesystem;

namespace mensura::imaging::seg {
namespace {

std::string ds(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.8g", v);
    return buf;
}

DcmSegTypes::E_SegmentAlgoType algoType(const std::string& s) {
    if (s == "MANUAL") return DcmSegTypes::SAT_MANUAL;
    if (s == "AUTOMATIC") return DcmSegTypes::SAT_AUTOMATIC;
    return DcmSegTypes::SAT_SEMIAUTOMATIC;
}

}  // namespace

Result<std::string> writeSegmentation(const Volume& source, const std::vector<SegmentInput>& segments,
                                      const std::string& path, const WriteOptions& options) {
    initDcmtk();
    const auto& g = source.geometry;
    if (segments.empty()) return Error{path + ": no segments to write"};
    if (!source.isVolume) return Error{path + ": the source series is not a volume (SEG frames need slice positions)"};
    std::string firstFile;
    for (const auto& s : source.slices)
        if (!s.path.empty()) {
            firstFile = s.path;
            break;
        }
    if (firstFile.empty()) return Error{path + ": the source volume has no files"};
    auto headers = readFrameHeaders(firstFile);
    if (!headers) return headers.error();
    const std::string sopClass = headers->front().sopClassUid;

    DcmSegmentation* raw = nullptr;
    IODGeneralEquipmentModule::EquipmentInfo equipment("Mensura", "Mensura", "1", "0.1.0");
    ContentIdentificationMacro content("1", options.contentLabel.c_str(), "Lesion segmentation",
                                       options.contentCreator.c_str());
    OFCondition c = DcmSegmentation::createBinarySegmentation(raw, static_cast<Uint16>(g.size[1]),
                                                              static_cast<Uint16>(g.size[0]), equipment, content);
    if (c.bad()) return Error{path + ": cannot create a SEG: " + c.text()};
    std::unique_ptr<DcmSegmentation> segmentation(raw);
    c = segmentation->importHierarchy(firstFile.c_str(), OFTrue, OFTrue, OFTrue, OFFalse);
    if (c.bad()) return Error{path + ": cannot take patient/study from " + firstFile + ": " + c.text()};
    if (!options.seriesInstanceUid.empty())
        segmentation->getSeries().setSeriesInstanceUID(options.seriesInstanceUid.c_str());
    segmentation->getSeries().setSeriesNumber(std::to_string(options.seriesNumber).c_str());
    segmentation->getSeries().setSeriesDescription(options.seriesDescription.c_str());

    // Shared: pixel measures and plane orientation of the source grid.
    FGPixelMeasures measures;
    measures.setPixelSpacing((ds(g.spacingMm.y) + "\\" + ds(g.spacingMm.x)).c_str());
    measures.setSliceThickness(ds(g.spacingMm.z).c_str());
    measures.setSpacingBetweenSlices(ds(g.spacingMm.z).c_str());
    segmentation->addForAllFrames(measures);
    std::unique_ptr<FGPlaneOrientationPatient> orientation(FGPlaneOrientationPatient::createMinimal(
        ds(g.axes[0].x).c_str(), ds(g.axes[0].y).c_str(), ds(g.axes[0].z).c_str(), ds(g.axes[1].x).c_str(),
        ds(g.axes[1].y).c_str(), ds(g.axes[1].z).c_str()));
    segmentation->addForAllFrames(*orientation);

    char dimUid[100];
    dcmGenerateUniqueIdentifier(dimUid, SITE_INSTANCE_UID_ROOT);
    segmentation->getDimensions().addDimensionIndex(DCM_ReferencedSegmentNumber, dimUid,
                                                    DCM_SegmentIdentificationSequence, "ReferencedSegmentNumber");
    segmentation->getDimensions().addDimensionIndex(DCM_ImagePositionPatient, dimUid, DCM_PlanePositionSequence,
                                                    "ImagePositionPatient");

    const std::size_t nx = g.size[0], ny = g.size[1];
    std::vector<Uint8> frame(nx * ny);
    std::size_t framesWritten = 0;
    for (const auto& input : segments) {
        const auto& d = input.description;
        const auto& m = input.mask;
        if (m.seriesInstanceUid != source.seriesInstanceUid && !m.seriesInstanceUid.empty())
            return Error{path + ": segment '" + d.label + "' was drawn on series " + m.seriesInstanceUid + ", not on " +
                         source.seriesInstanceUid};
        DcmSegment* segment = nullptr;
        // Segment Label is LO (64 characters): a longer label is cut there and kept whole in the
        // Segment Description (ST).
        const std::string label = d.label.size() > 64 ? d.label.substr(0, 64) : d.label;
        std::string detail = d.detail;
        if (label != d.label) detail = d.label + (detail.empty() ? "" : "\n" + detail);
        c = DcmSegment::create(
            segment, label.c_str(),
            CodeSequenceMacro(d.category.value.c_str(), d.category.scheme.c_str(), d.category.meaning.c_str()),
            CodeSequenceMacro(d.type.value.c_str(), d.type.scheme.c_str(), d.type.meaning.c_str()),
            algoType(d.algorithmType), d.algorithmName.c_str());
        if (c.bad()) return Error{path + ": segment '" + d.label + "': " + c.text()};
        if (!detail.empty()) segment->setSegmentDescription(detail.c_str());
        if (!d.trackingId.empty()) segment->setTrackingID(d.trackingId.c_str());
        if (!d.trackingUid.empty()) segment->setTrackingUID(d.trackingUid.c_str());
        if (d.cieLab != std::array<uint16_t, 3>{0, 0, 0})
            segment->setRecommendedDisplayCIELabValue(d.cieLab[0], d.cieLab[1], d.cieLab[2]);
        Uint16 number = 0;
        c = segmentation->addSegment(segment, number);
        if (c.bad()) return Error{path + ": cannot add segment '" + d.label + "': " + c.text()};
        for (std::size_t mk = 0; mk < m.geometry.size[2]; ++mk) {
            const std::size_t k = m.offset[2] + mk;
            if (k >= g.size[2]) break;
            std::fill(frame.begin(), frame.end(), 0);
            bool any = false;
            for (std::size_t mj = 0; mj < m.geometry.size[1]; ++mj)
                for (std::size_t mi = 0; mi < m.geometry.size[0]; ++mi) {
                    const std::size_t i = m.offset[0] + mi, j = m.offset[1] + mj;
                    if (i >= nx || j >= ny || !m.inside(mi, mj, mk)) continue;
                    frame[i + nx * j] = 1;
                    any = true;
                }
            if (!any) continue;
            const PointLps p = g.indexToLps(0, 0, double(k));
            std::unique_ptr<FGPlanePosPatient> position(
                FGPlanePosPatient::createMinimal(ds(p.x).c_str(), ds(p.y).c_str(), ds(p.z).c_str()));
            FGFrameContent frameContent;
            frameContent.setDimensionIndexValues(number, 0);
            frameContent.setDimensionIndexValues(static_cast<Uint32>(k + 1), 1);
            OFVector<FGBase*> perFrame{position.get(), &frameContent};
            std::unique_ptr<FGDerivationImage> derivation;
            if (k < source.slices.size() && !source.slices[k].sopInstanceUid.empty()) {
                ImageSOPInstanceReferenceMacro ref;
                ref.setReferencedSOPClassUID(sopClass.c_str());
                ref.setReferencedSOPInstanceUID(source.slices[k].sopInstanceUid.c_str());
                derivation.reset(DcmSegmentation::createDerivationImageFG({ref}, "Segmented with Mensura"));
                if (derivation) perFrame.push_back(derivation.get());
            }
            c = segmentation->addFrame(frame.data(), number, perFrame);
            if (c.bad()) return Error{path + ": cannot add a frame of '" + d.label + "': " + c.text()};
            ++framesWritten;
        }
    }
    if (framesWritten == 0) return Error{path + ": every segment is empty"};

    // Every source instance, referenced by series (Common Instance Reference module).
    OFVector<OFString> files;
    for (const auto& s : source.slices)
        if (!s.path.empty()) files.push_back(s.path.c_str());
    IODReferences references;
    references.addFromFiles(files, IODReference::LEVEL_STUDY);
    segmentation->getCommonInstanceReference().addReferences(references, source.studyInstanceUid.c_str());

    if (auto e = annotations::writeThroughTemporary(path, [&](const std::string& tmp) -> std::optional<Error> {
            const OFCondition saved = segmentation->saveFile(tmp.c_str(), EXS_LittleEndianExplicit);
            if (saved.bad()) return Error{path + ": cannot write the SEG: " + saved.text()};
            if (auto e = verifyWrittenDicomFile(tmp)) return Error{path + ": " + e->message};
            return std::nullopt;
        }))
        return *e;
    return path;
}

}  // namespace mensura::imaging::seg
