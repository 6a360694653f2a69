#pragma once
// What Mensura needs to know about one image frame before touching its pixels. A classic
// single-frame file gives one FrameHeader; an enhanced multi-frame file gives one per frame,
// with the per-frame functional groups already resolved.
#include <optional>
#include <string>
#include <vector>

#include "mensura/core/Vec3.h"

namespace mensura::imaging {

struct FrameHeader {
    std::string path;
    unsigned frameIndex = 0;  // 0-based frame within the file
    unsigned framesInFile = 1;
    std::string transferSyntaxUid;
    std::string sopClassUid;
    std::string sopInstanceUid;

    std::string patientId, patientName, patientBirthDate, patientSex;
    std::string studyInstanceUid, studyDate, studyTime, studyDescription, accessionNumber;
    std::string seriesInstanceUid, seriesDescription, modality, bodyPartExamined;
    std::string frameOfReferenceUid;
    int seriesNumber = 0;
    int instanceNumber = 0;

    unsigned rows = 0, columns = 0;
    unsigned samplesPerPixel = 1;
    unsigned bitsAllocated = 0, bitsStored = 0;
    bool pixelSigned = false;
    std::string photometric;  // MONOCHROME1, MONOCHROME2, ...
    bool hasPixelData = false;

    std::optional<Vec3> positionLps;                        // ImagePositionPatient
    std::optional<std::pair<Vec3, Vec3>> orientation;       // row and column direction cosines
    std::optional<std::pair<double, double>> pixelSpacing;  // (between columns, between rows)
    std::string pixelSpacingSource;                         // the tag the spacing came from
    double sliceThickness = 0;
    double spacingBetweenSlices = 0;
    double gantryTiltDeg = 0;

    double rescaleSlope = 1.0, rescaleIntercept = 0.0;
    std::string rescaleType;
    double windowCenter = 0, windowWidth = 0;  // first pair, 0 width = none

    // Attributes that tell apart acquisitions sharing positions (multi-echo, dynamics).
    std::string echoNumber, acquisitionNumber, temporalPosition, triggerTime, imageType;
    std::string stackId, inStackPosition;
    std::string contrastAgent;
};

}  // namespace mensura::imaging
