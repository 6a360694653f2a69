#include "mensura/dicom/DicomSeriesWriter.h"

#include "mensura/dicom/DcmtkSetup.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpls/djencode.h>

#include <cstdio>
#include <filesystem>
#include <mutex>
#include <sstream>

namespace fs = std::filesystem;

namespace mensura::imaging {
namespace {

std::string ds(double v) {
    // Decimal String: at most 16 characters.
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    std::string s = buf;
    if (s.size() > 16) {
        std::snprintf(buf, sizeof buf, "%.8g", v);
        s = buf;
    }
    return s;
}

std::string dsList(std::initializer_list<double> values) {
    std::string out;
    for (double v : values) out += (out.empty() ? "" : "\\") + ds(v);
    return out;
}

uint64_t fnv1a(const std::string& s, uint64_t seed) {
    uint64_t h = seed;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace

std::string derivedUid(const std::string& name) {
    // 2.25.<decimal>: the UUID-derived UID root (PS3.5 B.2), from two FNV-1a hashes of the name,
    // so that a case regenerates with identical UIDs.
    const uint64_t a = fnv1a(name, 14695981039346656037ull) >> 1;
    const uint64_t b = fnv1a(name + "#", 1099511628211ull) % 100000000000000000ull;
    return "2.25." + std::to_string(a == 0 ? 1 : a) + std::to_string(b);
}

namespace {
void registerEncodersOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        DJLSEncoderRegistration::registerCodecs();
        DcmRLEEncoderRegistration::registerCodecs();
    });
}
}  // namespace

Result<std::vector<std::string>> writeSeries(const SeriesSpec& spec, const std::string& folder) {
    initDcmtk();
    registerEncodersOnce();
    const VolumeGeometry& g = spec.geometry;
    const std::size_t nx = g.size[0], ny = g.size[1], nz = g.size[2];
    if (spec.stored.size() != nx * ny * nz)
        return Error{"writeSeries: " + std::to_string(spec.stored.size()) + " values for " + std::to_string(nx) + "x" +
                     std::to_string(ny) + "x" + std::to_string(nz)};
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return Error{folder + ": cannot create folder: " + ec.message()};

    // SOP Instance UIDs derive from the series UID when one is given, so two studies of one
    // patient with the same series description never share instance UIDs.
    const std::string seed = !spec.seriesInstanceUid.empty() ? spec.seriesInstanceUid
                                                             : spec.patientId + "/" + spec.seriesDescription + "/" +
                                                                   std::to_string(spec.seriesNumber);
    const std::string studyUid =
        spec.studyInstanceUid.empty() ? derivedUid(spec.patientId + "/study") : spec.studyInstanceUid;
    const std::string seriesUid =
        spec.seriesInstanceUid.empty() ? derivedUid(seed + "/series") : spec.seriesInstanceUid;
    const std::string forUid =
        spec.frameOfReferenceUid.empty() ? derivedUid(spec.patientId + "/for") : spec.frameOfReferenceUid;
    const bool ct = spec.modality == "CT";
    const E_TransferSyntax xfer = DcmXfer(spec.transferSyntax.c_str()).getXfer();

    std::vector<std::string> paths;
    for (std::size_t k = 0; k < nz; ++k) {
        const int instance = spec.instanceOrder.empty() ? static_cast<int>(k) + 1 : spec.instanceOrder[k];
        DcmFileFormat file;
        DcmDataset* d = file.getDataset();
        const std::string sopClass = ct ? UID_CTImageStorage : UID_MRImageStorage;
        const std::string sopUid = derivedUid(seed + "/" + std::to_string(k));
        d->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
        d->putAndInsertString(DCM_SOPClassUID, sopClass.c_str());
        d->putAndInsertString(DCM_SOPInstanceUID, sopUid.c_str());
        d->putAndInsertString(DCM_ImageType, ct ? "ORIGINAL\\PRIMARY\\AXIAL" : "ORIGINAL\\PRIMARY\\OTHER");
        d->putAndInsertString(DCM_StudyDate, spec.studyDate.c_str());
        d->putAndInsertString(DCM_SeriesDate, spec.studyDate.c_str());
        d->putAndInsertString(DCM_ContentDate, spec.studyDate.c_str());
        d->putAndInsertString(DCM_StudyTime, spec.studyTime.c_str());
        d->putAndInsertString(DCM_SeriesTime, "120000");
        d->putAndInsertString(DCM_ContentTime, "120000");
        d->putAndInsertString(DCM_AccessionNumber, spec.accessionNumber.c_str());
        d->putAndInsertString(DCM_Modality, spec.modality.c_str());
        d->putAndInsertString(DCM_Manufacturer, "Mensura");
        d->putAndInsertString(DCM_ReferringPhysicianName, "");
        d->putAndInsertString(DCM_StudyDescription, spec.studyDescription.c_str());
        d->putAndInsertString(DCM_SeriesDescription, spec.seriesDescription.c_str());
        d->putAndInsertString(DCM_PatientName, spec.patientName.c_str());
        d->putAndInsertString(DCM_PatientID, spec.patientId.c_str());
        d->putAndInsertString(DCM_PatientBirthDate, "");
        d->putAndInsertString(DCM_PatientSex, spec.patientSex.c_str());
        if (!spec.patientAge.empty()) d->putAndInsertString(DCM_PatientAge, spec.patientAge.c_str());
        if (!spec.bodyPartExamined.empty()) d->putAndInsertString(DCM_BodyPartExamined, spec.bodyPartExamined.c_str());
        d->putAndInsertString(DCM_StudyInstanceUID, studyUid.c_str());
        d->putAndInsertString(DCM_SeriesInstanceUID, seriesUid.c_str());
        d->putAndInsertString(DCM_StudyID, "1");
        d->putAndInsertString(DCM_SeriesNumber, std::to_string(spec.seriesNumber).c_str());
        d->putAndInsertString(DCM_InstanceNumber, std::to_string(instance).c_str());
        d->putAndInsertString(DCM_PatientPosition, "HFS");
        // Laterality (type 2C) is for paired body parts; the phantoms name unpaired ones.
        if (spec.bodyPartExamined.empty()) d->putAndInsertString(DCM_Laterality, "");
        d->putAndInsertString(DCM_FrameOfReferenceUID, forUid.c_str());
        d->putAndInsertString(DCM_PositionReferenceIndicator, "");
        const PointLps p =
            spec.slicePositions.empty() ? g.indexToLps(0, 0, static_cast<double>(k)) : spec.slicePositions[k];
        d->putAndInsertString(DCM_ImagePositionPatient, dsList({p.x, p.y, p.z}).c_str());
        const Vec3 r = g.axes[0], c = g.axes[1];
        d->putAndInsertString(DCM_ImageOrientationPatient, dsList({r.x, r.y, r.z, c.x, c.y, c.z}).c_str());
        d->putAndInsertString(DCM_PixelSpacing, dsList({g.spacingMm.y, g.spacingMm.x}).c_str());
        d->putAndInsertString(DCM_SliceThickness,
                              ds(spec.sliceThicknessMm > 0 ? spec.sliceThicknessMm : g.spacingMm.z).c_str());
        d->putAndInsertString(DCM_SliceLocation, ds(dot(p, normalized(cross(r, c)))).c_str());
        d->putAndInsertUint16(DCM_SamplesPerPixel, 1);
        d->putAndInsertString(DCM_PhotometricInterpretation, spec.photometric.c_str());
        d->putAndInsertUint16(DCM_Rows, static_cast<Uint16>(ny));
        d->putAndInsertUint16(DCM_Columns, static_cast<Uint16>(nx));
        d->putAndInsertUint16(DCM_BitsAllocated, 16);
        d->putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(spec.bitsStored));
        d->putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(spec.bitsStored - 1));
        d->putAndInsertUint16(DCM_PixelRepresentation, spec.pixelSigned ? 1 : 0);
        d->putAndInsertString(DCM_WindowCenter, ds(spec.windowCenter).c_str());
        d->putAndInsertString(DCM_WindowWidth, ds(spec.windowWidth).c_str());
        if (ct || spec.rescaleSlope != 1 || spec.rescaleIntercept != 0) {
            d->putAndInsertString(DCM_RescaleIntercept, ds(spec.rescaleIntercept).c_str());
            d->putAndInsertString(DCM_RescaleSlope, ds(spec.rescaleSlope).c_str());
            d->putAndInsertString(DCM_RescaleType, ct ? "HU" : "US");
        }
        if (ct) {
            d->putAndInsertString(DCM_KVP, "120");
            d->putAndInsertString(DCM_AcquisitionNumber, "1");
        } else {
            d->putAndInsertString(DCM_ScanningSequence, spec.scanningSequence.c_str());
            d->putAndInsertString(DCM_SequenceVariant, spec.sequenceVariant.c_str());
            d->putAndInsertString(DCM_ScanOptions, "");
            d->putAndInsertString(DCM_MRAcquisitionType, "2D");
            d->putAndInsertString(DCM_RepetitionTime, ds(spec.repetitionTimeMs).c_str());
            d->putAndInsertString(DCM_EchoTime, ds(spec.echoTimeMs).c_str());
            d->putAndInsertString(DCM_EchoTrainLength, "1");
            if (spec.inversionTimeMs > 0) d->putAndInsertString(DCM_InversionTime, ds(spec.inversionTimeMs).c_str());
            if (!spec.sequenceName.empty()) d->putAndInsertString(DCM_SequenceName, spec.sequenceName.c_str());
            d->putAndInsertString(DCM_MagneticFieldStrength, "1.5");
        }
        if (!spec.contrastAgent.empty()) d->putAndInsertString(DCM_ContrastBolusAgent, spec.contrastAgent.c_str());
        // Signed data is stored as its bit pattern (DCMTK's Sint16 insert refuses OW).
        d->putAndInsertUint16Array(DCM_PixelData, reinterpret_cast<const Uint16*>(spec.stored.data() + k * nx * ny),
                                   static_cast<unsigned long>(nx * ny));
        char name[32];
        std::snprintf(name, sizeof name, "IM%04d%s", instance, spec.withExtension ? ".dcm" : "");
        const std::string path = (fs::path(folder) / name).string();
        const std::string tmp = path + ".part";
        if (DcmXfer(xfer).isEncapsulated()) {
            // Lossless compression with DCMTK's encoders (JPEG-LS or RLE).
            if (d->chooseRepresentation(xfer, nullptr).bad() || !d->canWriteXfer(xfer))
                return Error{path + ": cannot encode in transfer syntax " + spec.transferSyntax};
        }
        const OFCondition c2 = file.saveFile(tmp.c_str(), xfer);
        if (c2.bad()) return Error{tmp + ": cannot write: " + c2.text()};
        fs::rename(tmp, path, ec);
        if (ec) return Error{path + ": cannot rename: " + ec.message()};
        paths.push_back(path);
    }
    return paths;
}

}  // namespace mensura::imaging
