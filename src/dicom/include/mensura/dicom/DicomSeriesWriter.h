#pragma once
// Writes a classic single-frame CT or MR series with DCMTK: used by the phantom generator, the
// benchmark and the tests, which need series whose geometry is known exactly.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/core/VolumeGeometry.h"

namespace mensura::imaging {

struct SeriesSpec {
    std::string modality = "CT";  // CT or MR
    std::string patientName = "Mensura^Test", patientId = "MENSURA-TEST";
    std::string patientSex = "O", patientAge;  // age as DICOM AS, e.g. "033Y"
    std::string bodyPartExamined;              // e.g. "NECK", "HEAD", "CSPINE"
    std::string studyTime = "120000", accessionNumber;
    // MR acquisition description (MR Image module); ignored for CT.
    std::string scanningSequence = "SE", sequenceVariant = "NONE", sequenceName;
    double repetitionTimeMs = 500, echoTimeMs = 15, inversionTimeMs = 0;
    std::string studyInstanceUid, seriesInstanceUid, frameOfReferenceUid;  // generated if empty
    std::string studyDescription = "Mensura test study", seriesDescription = "test series";
    std::string studyDate = "20260101";
    int seriesNumber = 1;
    VolumeGeometry geometry;  // size, spacing, origin, axes
    // Per slice k, where slice k is written; defaults to geometry.indexToLps(0,0,k). Tests use it
    // for gaps, uneven steps and gantry tilt.
    std::vector<PointLps> slicePositions;
    double sliceThicknessMm = 0;  // 0: the k spacing
    // Stored values, i fastest, then j, then k (size[0]*size[1]*size[2]).
    std::vector<int16_t> stored;
    bool pixelSigned = true;
    unsigned bitsStored = 16;
    double rescaleSlope = 1, rescaleIntercept = 0;
    double windowCenter = 40, windowWidth = 400;
    std::string photometric = "MONOCHROME2";
    std::string contrastAgent;  // non-empty: Contrast/Bolus module written
    // Explicit VR Little Endian by default; JPEG-LS lossless (1.2.840.10008.1.2.4.80) and RLE
    // lossless (1.2.840.10008.1.2.5) are encoded with DCMTK's codecs.
    std::string transferSyntax = "1.2.840.10008.1.2.1";
    // File names: "IM%04d" by slice; a permutation scrambles names and InstanceNumbers against
    // position, so that loaders must sort by position.
    std::vector<int> instanceOrder;
    bool withExtension = false;
};

// Writes one file per slice into folder (created if needed). Returns the file paths.
Result<std::vector<std::string>> writeSeries(const SeriesSpec& spec, const std::string& folder);

// A UID under Mensura's test root derived deterministically from a name.
std::string derivedUid(const std::string& name);

}  // namespace mensura::imaging
