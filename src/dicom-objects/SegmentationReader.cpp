#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmfg/fgderimg.h>
#include <dcmtk/dcmfg/fgpixmsr.h>
#include <dcmtk/dcmfg/fgplanor.h>
#include <dcmtk/dcmfg/fgplanpo.h>
#include <dcmtk/dcmfg/fgseg.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>
#include <dcmtk/dcmseg/segutils.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>

#include "mensura/dicom-objects/Segmentation.h"
#include "mensura/dicom/DcmtkSetup.h"

namespace mensura::imaging::seg {
namespace {

std::string str(DcmItem* item, const DcmTagKey& tag) {
    OFString v;
    return item && item->findAndGetOFString(tag, v).good() ? std::string(v.c_str()) : std::string();
}

Code code(CodeSequenceMacro& m) {
    OFString v, s, mn;
    m.getCodeValue(v);
    m.getCodingSchemeDesignator(s);
    m.getCodeMeaning(mn);
    return {v.c_str(), s.c_str(), mn.c_str()};
}

}  // namespace

Result<ImportedSegmentation> readSegmentation(const std::string& path) {
    initDcmtk();
    ImportedSegmentation out;
    out.path = path;
    {
        // Header facts dcmseg does not expose (and a clear reason for objects that are not SEG).
        DcmFileFormat header;
        if (header.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 4096).bad())
            return Error{path + ": not a readable DICOM file"};
        DcmDataset* d = header.getDataset();
        const std::string sopClass = str(d, DCM_SOPClassUID);
        if (sopClass == "1.2.840.10008.5.1.4.1.1.66.7")
            return Error{path +
                         ": Label Map Segmentation Storage (1.2.840.10008.5.1.4.1.1.66.7) is newer than DCMTK 3.6.7 "
                         "and is not read"};
        if (sopClass != UID_SegmentationStorage)
            return Error{path + ": not a DICOM Segmentation (SOP class " + sopClass + ")"};
        out.sopInstanceUid = str(d, DCM_SOPInstanceUID);
        out.seriesInstanceUid = str(d, DCM_SeriesInstanceUID);
        out.frameOfReferenceUid = str(d, DCM_FrameOfReferenceUID);
        DcmItem* series = nullptr;
        if (d->findAndGetSequenceItem(DCM_ReferencedSeriesSequence, series, 0).good())
            out.referencedSeriesInstanceUid = str(series, DCM_SeriesInstanceUID);
        Uint16 v = 0;
        if (d->findAndGetUint16(DCM_Rows, v).good()) out.rows = v;
        if (d->findAndGetUint16(DCM_Columns, v).good()) out.columns = v;
        // What dcmseg trusts, checked first: NumberOfFrames 0 made it crash, and a pixel data
        // shorter than the frames it claims would be read past its end.
        Sint32 frames = 0;
        if (d->findAndGetSint32(DCM_NumberOfFrames, frames).bad() || frames < 1)
            return Error{path + ": NumberOfFrames (0028,0008) is missing, unreadable or " + std::to_string(frames) +
                         ": a SEG has at least one frame"};
        if (out.rows == 0 || out.columns == 0)
            return Error{path + ": Rows (0028,0010) or Columns (0028,0011) missing or zero"};
        Uint16 bits = 0;
        d->findAndGetUint16(DCM_BitsAllocated, bits);
        DcmElement* pixels = nullptr;
        if (d->findAndGetElement(DCM_PixelData, pixels).bad() || !pixels)
            return Error{path + ": no PixelData (7FE0,0010)"};
        const std::uint64_t needed = (std::uint64_t(out.rows) * out.columns * std::uint64_t(frames) * bits + 7) / 8;
        if (pixels->getLengthField() != DCM_UndefinedLength && pixels->getLengthField() < needed)
            return Error{path + ": PixelData (7FE0,0010) holds " + std::to_string(pixels->getLengthField()) +
                         " bytes; " + std::to_string(frames) + " frames of " + std::to_string(out.rows) + " x " +
                         std::to_string(out.columns) + " at " + std::to_string(bits) + " bits need " +
                         std::to_string(needed)};
    }
    DcmSegmentation* raw = nullptr;
    OFCondition c = DcmSegmentation::loadFile(path.c_str(), raw);
    if (c.bad() || !raw) return Error{path + ": DCMTK could not read the SEG: " + std::string(c.text())};
    std::unique_ptr<DcmSegmentation> seg(raw);
    const Uint16 rows = static_cast<Uint16>(out.rows), cols = static_cast<Uint16>(out.columns);
    out.fractional = seg->getSegmentationType() == DcmSegTypes::ST_FRACTIONAL;
    Uint16 maxFractional = 255;
    if (out.fractional) {
        DcmFileFormat f;
        if (f.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 4096).good())
            f.getDataset()->findAndGetUint16(DCM_MaximumFractionalValue, maxFractional);
        if (maxFractional == 0) maxFractional = 255;
    }

    FGInterface& fg = seg->getFunctionalGroups();
    if (auto* o = dynamic_cast<FGPlaneOrientationPatient*>(fg.get(0, DcmFGTypes::EFG_PLANEORIENTPATIENT))) {
        Float64 rx, ry, rz, cx, cy, cz;
        if (o->getImageOrientationPatient(rx, ry, rz, cx, cy, cz).good()) {
            out.rowDirection = {rx, ry, rz};
            out.columnDirection = {cx, cy, cz};
        }
    }
    if (auto* m = dynamic_cast<FGPixelMeasures*>(fg.get(0, DcmFGTypes::EFG_PIXELMEASURES))) {
        m->getPixelSpacing(out.pixelSpacingRow, 0);
        m->getPixelSpacing(out.pixelSpacingColumn, 1);
    }
    if (norm(out.rowDirection) < 0.5 || out.pixelSpacingRow <= 0)
        return Error{path + ": SEG without plane orientation or pixel spacing: cannot place it in patient space"};

    std::map<int, std::size_t> bySegment;
    for (std::size_t n = 1; n <= seg->getNumberOfSegments(); ++n) {
        DcmSegment* s = seg->getSegment(n);
        if (!s) continue;
        ImportedSegment is;
        is.number = static_cast<int>(n);
        OFString v;
        s->getSegmentLabel(v);
        is.description.label = v.c_str();
        is.description.category = code(s->getSegmentedPropertyCategoryCode());
        is.description.type = code(s->getSegmentedPropertyTypeCode());
        s->getSegmentDescription(v);
        is.description.detail = v.c_str();
        s->getSegmentAlgorithmName(v);
        is.description.algorithmName = v.c_str();
        s->getTrackingID(v);
        is.description.trackingId = v.c_str();
        s->getTrackingUID(v);
        is.description.trackingUid = v.c_str();
        bySegment[is.number] = out.segments.size();
        out.segments.push_back(std::move(is));
    }

    const std::size_t pixels = std::size_t(rows) * cols;
    for (std::size_t n = 0; n < seg->getNumberOfFrames(); ++n) {
        const Uint32 frameNo = static_cast<Uint32>(n);
        auto* segFg = dynamic_cast<FGSegmentation*>(fg.get(frameNo, DcmFGTypes::EFG_SEGMENTATION));
        auto* pos = dynamic_cast<FGPlanePosPatient*>(fg.get(frameNo, DcmFGTypes::EFG_PLANEPOSPATIENT));
        Uint16 number = 0;
        if (!segFg || segFg->getReferencedSegmentNumber(number).bad() || !bySegment.count(number))
            return Error{path + ": frame " + std::to_string(n + 1) + " names no known segment"};
        ImportedFrame frame;
        Float64 x = 0, y = 0, z = 0;
        if (!pos || pos->getImagePositionPatient(x, y, z).bad())
            return Error{path + ": frame " + std::to_string(n + 1) + " has no Image Position (Patient)"};
        frame.positionLps = {x, y, z};
        if (auto* der = dynamic_cast<FGDerivationImage*>(fg.get(frameNo, DcmFGTypes::EFG_DERIVATIONIMAGE))) {
            auto& items = der->getDerivationImageItems();
            if (!items.empty() && !items[0]->getSourceImageItems().empty()) {
                OFString uid;
                items[0]->getSourceImageItems()[0]->getImageSOPInstanceReference().getReferencedSOPInstanceUID(uid);
                frame.sourceSopInstanceUid = uid.c_str();
            }
        }
        const DcmIODTypes::Frame* data = seg->getFrame(n);
        if (!data) return Error{path + ": frame " + std::to_string(n + 1) + " has no pixel data"};
        frame.values.resize(pixels);
        if (out.fractional) {
            if (data->length < pixels)
                return Error{path + ": fractional frame " + std::to_string(n + 1) + " is too short"};
            for (std::size_t p = 0; p < pixels; ++p) frame.values[p] = float(data->pixData[p]) / float(maxFractional);
        } else {
            std::unique_ptr<DcmIODTypes::Frame> unpacked(DcmSegUtils::unpackBinaryFrame(data, rows, cols));
            if (!unpacked) return Error{path + ": cannot unpack binary frame " + std::to_string(n + 1)};
            for (std::size_t p = 0; p < pixels; ++p) frame.values[p] = unpacked->pixData[p] ? 1.0f : 0.0f;
        }
        out.segments[bySegment[number]].frames.push_back(std::move(frame));
    }
    return out;
}

Result<LesionMask> segmentToMask(const ImportedSegmentation& seg, const ImportedSegment& segment, const Volume& onto,
                                 double threshold) {
    if (!seg.frameOfReferenceUid.empty() && !onto.frameOfReferenceUid.empty() &&
        seg.frameOfReferenceUid != onto.frameOfReferenceUid)
        return Error{seg.path + ": the SEG's frame of reference " + seg.frameOfReferenceUid + " is not the series' " +
                     onto.frameOfReferenceUid};
    const auto& g = onto.geometry;
    std::vector<std::array<std::size_t, 3>> hits;
    for (const auto& f : segment.frames)
        for (unsigned r = 0; r < seg.rows; ++r)
            for (unsigned c = 0; c < seg.columns; ++c) {
                if (f.values[std::size_t(r) * seg.columns + c] < threshold) continue;
                const PointLps p = f.positionLps + (c * seg.pixelSpacingColumn) * seg.rowDirection +
                                   (r * seg.pixelSpacingRow) * seg.columnDirection;
                const Vec3 idx = g.lpsToIndex(p);
                const long i = std::lround(idx.x), j = std::lround(idx.y), k = std::lround(idx.z);
                if (i < 0 || j < 0 || k < 0 || i >= long(g.size[0]) || j >= long(g.size[1]) || k >= long(g.size[2]))
                    continue;
                if (std::fabs(idx.z - double(k)) > 0.5) continue;
                hits.push_back({std::size_t(i), std::size_t(j), std::size_t(k)});
            }
    if (hits.empty())
        return Error{seg.path + ": segment '" + segment.description.label + "' does not fall on series " +
                     onto.seriesInstanceUid};
    std::array<std::size_t, 3> lo{hits[0]}, hi{hits[0]};
    for (const auto& h : hits)
        for (int a = 0; a < 3; ++a) {
            lo[a] = std::min(lo[a], h[a]);
            hi[a] = std::max(hi[a], h[a]);
        }
    LesionMask m;
    m.offset = lo;
    m.geometry = g;
    m.geometry.size = {hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1};
    m.geometry.originLps = g.indexToLps(double(lo[0]), double(lo[1]), double(lo[2]));
    m.voxels.assign(m.geometry.voxelCount(), 0);
    for (const auto& h : hits) m.voxels[m.index(h[0] - lo[0], h[1] - lo[1], h[2] - lo[2])] = 1;
    m.seriesInstanceUid = onto.seriesInstanceUid;
    m.frameOfReferenceUid = onto.frameOfReferenceUid;
    return m;
}

}  // namespace mensura::imaging::seg
