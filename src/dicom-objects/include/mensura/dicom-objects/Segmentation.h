#pragma once
// DICOM Segmentation (SEG) objects: lesion masks written as binary SEG referencing the images
// they were drawn on, and SEGs from anywhere read back as masks in patient space. DCMTK's
// dcmseg does the DICOM; this file maps it to Mensura's masks and geometry.
#include <cstdint>
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/core/Volume.h"
#include "mensura/measure/LesionMask.h"

namespace mensura::imaging::seg {

struct Code {
    std::string value, scheme, meaning;
};

struct SegmentDescription {
    std::string label;  // e.g. "L1 left paraspinal mass"
    Code category{"49755003", "SCT", "Morphologically Altered Structure"};
    Code type{"108369006", "SCT", "Neoplasm"};
    std::string algorithmType = "SEMIAUTOMATIC";                // MANUAL, SEMIAUTOMATIC or AUTOMATIC
    std::string algorithmName = "Mensura seed region growing";  // LO: 64 characters at most
    std::string detail;                                         // Segment Description (ST): how the mask was made
    std::string trackingId, trackingUid;                        // the lesion's identity across timepoints
    std::array<uint16_t, 3> cieLab{0, 0, 0};                    // recommended display colour (0,0,0: none)
};

struct SegmentInput {
    SegmentDescription description;
    LesionMask mask;  // on the source volume's grid
};

struct WriteOptions {
    std::string seriesDescription = "Mensura lesion segmentation";
    std::string seriesInstanceUid;  // generated when empty
    int seriesNumber = 900;
    std::string contentLabel = "LESIONS", contentCreator = "Mensura";
};

// Writes a binary SEG with one frame per segment and source slice that the segment touches,
// referencing the source images (Derivation Image and Referenced Series), patient/study/frame of
// reference taken from the source's first file. Atomic: temporary file, then rename.
Result<std::string> writeSegmentation(const Volume& source, const std::vector<SegmentInput>& segments,
                                      const std::string& path, const WriteOptions& options = {});

struct ImportedFrame {
    PointLps positionLps;
    std::vector<float> values;         // rows x columns, 0..1 (binary: 0/1; fractional: value/max)
    std::string sourceSopInstanceUid;  // from the derivation image reference, if present
};

struct ImportedSegment {
    int number = 0;
    SegmentDescription description;
    std::vector<ImportedFrame> frames;
};

struct ImportedSegmentation {
    std::string path, sopInstanceUid, seriesInstanceUid, frameOfReferenceUid;
    std::string referencedSeriesInstanceUid;
    bool fractional = false;
    unsigned rows = 0, columns = 0;
    Vec3 rowDirection, columnDirection;
    double pixelSpacingRow = 0, pixelSpacingColumn = 0;  // mm between rows / columns
    std::vector<ImportedSegment> segments;
};

// Reads any binary or fractional SEG; label-map SEGs (a SOP class DCMTK 3.6.7 does not know) and
// other objects give an Error naming the file.
Result<ImportedSegmentation> readSegmentation(const std::string& path);

// The segment as a mask on a volume's grid (same frame of reference, same plane orientation):
// voxel (i,j,k) is inside when the frame at slice k covers it with a value >= threshold.
Result<LesionMask> segmentToMask(const ImportedSegmentation& seg, const ImportedSegment& segment, const Volume& onto,
                                 double threshold = 0.5);

}  // namespace mensura::imaging::seg
