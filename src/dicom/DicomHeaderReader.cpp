#include "mensura/dicom/DicomHeaderReader.h"

#include "mensura/dicom/DcmtkSetup.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

namespace mensura::imaging {
namespace {

// Elements longer than this are left on disk (DCMTK loads them lazily), so the header pass
// never reads pixel data.
constexpr Uint32 kMaxHeaderElementBytes = 4096;

std::string str(DcmItem* item, const DcmTagKey& tag, unsigned long pos = 0) {
    if (!item) return {};
    OFString v;
    if (item->findAndGetOFString(tag, v, pos).good()) return std::string(v.c_str());
    return {};
}

std::string allValues(DcmItem* item, const DcmTagKey& tag) {
    if (!item) return {};
    OFString v;
    if (item->findAndGetOFStringArray(tag, v).good()) return std::string(v.c_str());
    return {};
}

bool numbers(DcmItem* item, const DcmTagKey& tag, double* out, unsigned n) {
    if (!item) return false;
    for (unsigned i = 0; i < n; ++i) {
        Float64 v;
        if (item->findAndGetFloat64(tag, v, i).bad()) return false;
        out[i] = v;
    }
    return true;
}

int integer(DcmItem* item, const DcmTagKey& tag, int fallback = 0) {
    if (!item) return fallback;
    Sint32 v;
    if (item->findAndGetSint32(tag, v).good()) return v;
    // Some writers store IS values with stray characters; try the string form.
    std::string s = str(item, tag);
    try {
        return s.empty() ? fallback : std::stoi(s);
    } catch (...) {
        return fallback;
    }
}

// First item of a functional-group macro sequence, looked up in the per-frame group first and
// the shared group second, as PS3.3 C.7.6.16 requires.
DcmItem* groupItem(DcmItem* perFrame, DcmItem* shared, const DcmTagKey& seq) {
    DcmItem* out = nullptr;
    if (perFrame && perFrame->findAndGetSequenceItem(seq, out, 0).good() && out) return out;
    if (shared && shared->findAndGetSequenceItem(seq, out, 0).good() && out) return out;
    return nullptr;
}

void readGeometry(DcmItem* positionItem, DcmItem* orientationItem, DcmItem* measuresItem, FrameHeader& h) {
    double p[3];
    if (numbers(positionItem, DCM_ImagePositionPatient, p, 3)) h.positionLps = Vec3{p[0], p[1], p[2]};
    double o[6];
    if (numbers(orientationItem, DCM_ImageOrientationPatient, o, 6))
        h.orientation = std::make_pair(Vec3{o[0], o[1], o[2]}, Vec3{o[3], o[4], o[5]});
    double s[2];
    // PixelSpacing is (row spacing, column spacing): the distance between rows first.
    if (numbers(measuresItem, DCM_PixelSpacing, s, 2) && s[0] > 0 && s[1] > 0) {
        h.pixelSpacing = std::make_pair(s[1], s[0]);
        h.pixelSpacingSource = "PixelSpacing (0028,0030)";
    }
    double t;
    if (numbers(measuresItem, DCM_SliceThickness, &t, 1)) h.sliceThickness = t;
    if (numbers(measuresItem, DCM_SpacingBetweenSlices, &t, 1)) h.spacingBetweenSlices = t;
}

void readRescaleAndWindow(DcmItem* rescaleItem, DcmItem* voiItem, FrameHeader& h) {
    double v;
    if (numbers(rescaleItem, DCM_RescaleSlope, &v, 1) && v != 0.0) h.rescaleSlope = v;
    if (numbers(rescaleItem, DCM_RescaleIntercept, &v, 1)) h.rescaleIntercept = v;
    h.rescaleType = str(rescaleItem, DCM_RescaleType);
    double c, w;
    if (numbers(voiItem, DCM_WindowCenter, &c, 1) && numbers(voiItem, DCM_WindowWidth, &w, 1) && w > 0) {
        h.windowCenter = c;
        h.windowWidth = w;
    }
}

// Geometry and value scaling no patient image has: non-finite numbers, a position beyond 1e6 mm
// (1 km) from the scanner's origin, a pixel spacing over 1e3 mm. A file with them is refused
// rather than measured: every millimetre and every value from it would be wrong, and a position
// of 1e30 once made the gap filling between slices endless. Empty when the frame is plausible.
std::string implausible(const FrameHeader& h) {
    constexpr double kMaxPositionMm = 1e6, kMaxSpacingMm = 1e3;
    auto text = [](const Vec3& v) {
        std::ostringstream s;
        s << v.x << "\\" << v.y << "\\" << v.z;
        return s.str();
    };
    if (h.positionLps) {
        const Vec3& p = *h.positionLps;
        for (double x : {p.x, p.y, p.z})
            if (!std::isfinite(x) || std::fabs(x) > kMaxPositionMm)
                return "ImagePositionPatient (0020,0032) " + text(p) +
                       " is not a position in a patient (non-finite or beyond 1e6 mm)";
    }
    if (h.orientation)
        for (const Vec3& v : {h.orientation->first, h.orientation->second})
            if (!std::isfinite(v.x) || !std::isfinite(v.y) || !std::isfinite(v.z))
                return "ImageOrientationPatient (0020,0037) holds a non-finite direction cosine " + text(v);
    if (h.pixelSpacing)
        for (double x : {h.pixelSpacing->first, h.pixelSpacing->second})
            if (!std::isfinite(x) || x > kMaxSpacingMm) {
                std::ostringstream s;
                s << h.pixelSpacingSource << " " << h.pixelSpacing->second << "\\" << h.pixelSpacing->first
                  << " mm is not a pixel spacing (non-finite or over 1e3 mm)";
                return s.str();
            }
    if (!std::isfinite(h.rescaleSlope) || !std::isfinite(h.rescaleIntercept)) {
        std::ostringstream s;
        s << "RescaleSlope (0028,1053) " << h.rescaleSlope << " / RescaleIntercept (0028,1052) " << h.rescaleIntercept
          << ": not finite, so no pixel value can be computed";
        return s.str();
    }
    return {};
}

bool looksLikeDicom(const std::string& path, std::string& why) {
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        why = "cannot be opened for reading";
        return false;
    }
    unsigned char buf[132] = {};
    f.read(reinterpret_cast<char*>(buf), sizeof buf);
    const std::streamsize n = f.gcount();
    if (n >= 132 && std::memcmp(buf + 128, "DICM", 4) == 0) return true;
    if (n < 8) {
        why = "is too short to be DICOM (" + std::to_string(n) + " bytes)";
        return false;
    }
    // No preamble: accept a raw data set that starts with a group-0002/0008 element in either
    // byte order (old ACR-NEMA style files and stripped exports do this).
    const unsigned le = buf[0] | (buf[1] << 8), be = (buf[0] << 8) | buf[1];
    if (le == 0x0002 || le == 0x0008 || be == 0x0002 || be == 0x0008) return true;
    why = "is not DICOM (no 'DICM' marker at byte 128 and no data set start)";
    return false;
}

}  // namespace

bool isDicomDir(const std::string& path) {
    std::string name = path.substr(path.find_last_of('/') + 1);
    std::transform(name.begin(), name.end(), name.begin(), ::toupper);
    return name == "DICOMDIR";
}

Result<std::vector<FrameHeader>> readFrameHeaders(const std::string& path) {
    initDcmtk();
    std::string why;
    if (!looksLikeDicom(path, why)) return Error{path + ": " + why};

    DcmFileFormat file;
    const OFCondition status =
        file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, kMaxHeaderElementBytes, ERM_autoDetect);
    if (status.bad()) return Error{path + ": DICOM parse failed: " + status.text()};
    DcmDataset* ds = file.getDataset();
    DcmMetaInfo* meta = file.getMetaInfo();

    FrameHeader base;
    base.path = path;
    base.sopClassUid = str(ds, DCM_SOPClassUID);
    if (base.sopClassUid.empty()) base.sopClassUid = str(meta, DCM_MediaStorageSOPClassUID);
    base.sopInstanceUid = str(ds, DCM_SOPInstanceUID);
    if (base.sopClassUid == UID_MediaStorageDirectoryStorage)
        return Error{path + ": is a DICOMDIR (folders are indexed directly)"};

    // Non-ASCII names (ISO 2022, GB18030, ...) become UTF-8; a failure leaves the raw bytes.
    // ASCII (the default) and UTF-8 data sets need no conversion: skip the walk over them.
    const std::string charset = allValues(ds, DCM_SpecificCharacterSet);
    if (!charset.empty() && charset != "ISO_IR 6" && charset != "ISO_IR 192") ds->convertToUTF8();

    const E_TransferSyntax xfer = ds->getOriginalXfer();
    base.transferSyntaxUid = DcmXfer(xfer).getXferID();
    base.patientId = str(ds, DCM_PatientID);
    base.patientName = str(ds, DCM_PatientName);
    base.patientBirthDate = str(ds, DCM_PatientBirthDate);
    base.patientSex = str(ds, DCM_PatientSex);
    base.studyInstanceUid = str(ds, DCM_StudyInstanceUID);
    base.studyDate = str(ds, DCM_StudyDate);
    base.studyTime = str(ds, DCM_StudyTime);
    base.studyDescription = str(ds, DCM_StudyDescription);
    base.accessionNumber = str(ds, DCM_AccessionNumber);
    base.seriesInstanceUid = str(ds, DCM_SeriesInstanceUID);
    base.seriesDescription = str(ds, DCM_SeriesDescription);
    base.modality = str(ds, DCM_Modality);
    base.bodyPartExamined = str(ds, DCM_BodyPartExamined);
    base.frameOfReferenceUid = str(ds, DCM_FrameOfReferenceUID);
    base.seriesNumber = integer(ds, DCM_SeriesNumber);
    base.instanceNumber = integer(ds, DCM_InstanceNumber);
    base.rows = static_cast<unsigned>(integer(ds, DCM_Rows));
    base.columns = static_cast<unsigned>(integer(ds, DCM_Columns));
    base.samplesPerPixel = static_cast<unsigned>(integer(ds, DCM_SamplesPerPixel, 1));
    base.bitsAllocated = static_cast<unsigned>(integer(ds, DCM_BitsAllocated));
    base.bitsStored = static_cast<unsigned>(integer(ds, DCM_BitsStored, base.bitsAllocated));
    base.pixelSigned = integer(ds, DCM_PixelRepresentation) == 1;
    base.photometric = str(ds, DCM_PhotometricInterpretation);
    base.hasPixelData = ds->tagExists(DCM_PixelData);
    base.gantryTiltDeg = 0;
    numbers(ds, DCM_GantryDetectorTilt, &base.gantryTiltDeg, 1);
    base.echoNumber = str(ds, DCM_EchoNumbers);
    base.acquisitionNumber = str(ds, DCM_AcquisitionNumber);
    base.temporalPosition = str(ds, DCM_TemporalPositionIdentifier);
    base.triggerTime = str(ds, DCM_TriggerTime);
    base.imageType = allValues(ds, DCM_ImageType);
    base.contrastAgent = str(ds, DCM_ContrastBolusAgent);

    if (base.seriesInstanceUid.empty()) return Error{path + ": missing SeriesInstanceUID (0020,000E)"};
    if (base.sopClassUid == UID_SegmentationStorage)
        return Error{path + ": DICOM Segmentation (SEG) object, not an image series"};
    if (!base.hasPixelData) {
        const std::string what = ds->tagExists(DCM_FloatPixelData) || ds->tagExists(DCM_DoubleFloatPixelData)
                                     ? "float pixel data (parametric maps) is not supported yet"
                                     : "has no pixel data (not an image: SR, SEG metadata, "
                                       "presentation state or similar)";
        return Error{path + ": " + what + " [SOP class " + base.sopClassUid + "]"};
    }
    if (base.rows == 0 || base.columns == 0)
        return Error{path + ": Rows (0028,0010) or Columns (0028,0011) missing or zero"};
    if (base.bitsAllocated != 8 && base.bitsAllocated != 16 && base.bitsAllocated != 32 && base.bitsAllocated != 1)
        return Error{path + ": unsupported BitsAllocated (0028,0100) = " + std::to_string(base.bitsAllocated)};

    int frames = integer(ds, DCM_NumberOfFrames, 1);
    if (frames < 1) {
        const std::string raw = str(ds, DCM_NumberOfFrames);
        if (!raw.empty()) return Error{path + ": invalid NumberOfFrames (0028,0008) '" + raw + "'"};
        frames = 1;
    }

    // The pixel data must hold what Rows, Columns, frames and bits say, checked here before any
    // codec or allocation trusts them (native syntaxes give the length; encapsulated ones are
    // checked by their codec).
    DcmElement* pixels = nullptr;
    if (!DcmXfer(xfer).isEncapsulated() && ds->findAndGetElement(DCM_PixelData, pixels).good() && pixels &&
        pixels->getLengthField() != DCM_UndefinedLength) {
        const std::uint64_t bits = std::uint64_t(base.rows) * base.columns * std::uint64_t(frames) *
                                   std::max(1u, base.samplesPerPixel) * base.bitsAllocated;
        const std::uint64_t needed = (bits + 7) / 8, held = pixels->getLengthField();
        if (held < needed)
            return Error{path + ": PixelData (7FE0,0010) holds " + std::to_string(held) + " bytes; Rows x Columns x " +
                         "frames (" + std::to_string(base.rows) + " x " + std::to_string(base.columns) + " x " +
                         std::to_string(frames) + ") at " + std::to_string(base.bitsAllocated) + " bits need " +
                         std::to_string(needed) + ": a truncated file, or a header that does not describe its pixels"};
    }

    DcmItem* shared = nullptr;
    ds->findAndGetSequenceItem(DCM_SharedFunctionalGroupsSequence, shared, 0);
    DcmSequenceOfItems* perFrameSeq = nullptr;
    ds->findAndGetSequence(DCM_PerFrameFunctionalGroupsSequence, perFrameSeq);
    const bool enhanced = shared || perFrameSeq;

    std::vector<FrameHeader> out;
    out.reserve(static_cast<std::size_t>(frames));
    for (int f = 0; f < frames; ++f) {
        FrameHeader h = base;
        h.frameIndex = static_cast<unsigned>(f);
        h.framesInFile = static_cast<unsigned>(frames);
        if (!enhanced) {
            readGeometry(ds, ds, ds, h);
            readRescaleAndWindow(ds, ds, h);
            if (!h.pixelSpacing) {
                double s[2];
                if (numbers(ds, DCM_ImagerPixelSpacing, s, 2) && s[0] > 0 && s[1] > 0) {
                    h.pixelSpacing = std::make_pair(s[1], s[0]);
                    h.pixelSpacingSource = "ImagerPixelSpacing (0018,1164)";
                }
            }
            out.push_back(std::move(h));
            continue;
        }
        DcmItem* perFrame = nullptr;
        if (perFrameSeq && static_cast<unsigned long>(f) < perFrameSeq->card())
            perFrame = perFrameSeq->getItem(static_cast<unsigned long>(f));
        if (perFrameSeq && !perFrame)
            return Error{path + ": PerFrameFunctionalGroupsSequence (5200,9230) has " +
                         std::to_string(perFrameSeq->card()) + " items for " + std::to_string(frames) + " frames"};
        readGeometry(groupItem(perFrame, shared, DCM_PlanePositionSequence),
                     groupItem(perFrame, shared, DCM_PlaneOrientationSequence),
                     groupItem(perFrame, shared, DCM_PixelMeasuresSequence), h);
        // Some writers keep top-level copies only (legacy converted); fall back to them.
        if (!h.positionLps || !h.orientation || !h.pixelSpacing) {
            FrameHeader top = h;
            readGeometry(ds, ds, ds, top);
            if (!h.positionLps && frames == 1) h.positionLps = top.positionLps;
            if (!h.orientation) h.orientation = top.orientation;
            if (!h.pixelSpacing) {
                h.pixelSpacing = top.pixelSpacing;
                h.pixelSpacingSource = top.pixelSpacingSource;
            }
        }
        DcmItem* rescale = groupItem(perFrame, shared, DCM_PixelValueTransformationSequence);
        readRescaleAndWindow(rescale ? rescale : ds, groupItem(perFrame, shared, DCM_FrameVOILUTSequence), h);
        if (DcmItem* content = groupItem(perFrame, nullptr, DCM_FrameContentSequence)) {
            h.stackId = str(content, DCM_StackID);
            h.inStackPosition = str(content, DCM_InStackPositionNumber);
            const std::string t = str(content, DCM_TemporalPositionIndex);
            if (!t.empty()) h.temporalPosition = t;
        }
        if (DcmItem* echo = groupItem(perFrame, shared, DCM_MREchoSequence)) {
            const std::string te = str(echo, DCM_EffectiveEchoTime);
            if (!te.empty()) h.echoNumber = "TE " + te;
        }
        out.push_back(std::move(h));
    }
    for (FrameHeader& h : out) {
        if (const std::string why = implausible(h); !why.empty())
            return Error{path + (frames > 1 ? " frame " + std::to_string(h.frameIndex + 1) : std::string()) + ": " +
                         why};
        // Display and information only: a non-finite value there is dropped, not trusted.
        if (!std::isfinite(h.windowCenter) || !std::isfinite(h.windowWidth)) h.windowCenter = h.windowWidth = 0;
        if (!std::isfinite(h.sliceThickness)) h.sliceThickness = 0;
        if (!std::isfinite(h.spacingBetweenSlices)) h.spacingBetweenSlices = 0;
        if (!std::isfinite(h.gantryTiltDeg)) h.gantryTiltDeg = 0;
    }
    return out;
}

}  // namespace mensura::imaging
