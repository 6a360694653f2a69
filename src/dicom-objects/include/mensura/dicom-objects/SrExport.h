#pragma once
// DICOM SR TID 1500 (Measurement Report) from a case, one document per study with measurements,
// and the reading of TID 1500 SRs from anywhere (Mensura's own and other tools').
//
// Encoding, following the practice of dcmqi and OHIF's measurement SRs: one TID 1501 measurement
// group per lesion and study, with the lesion's tracking identifier and UID (TID 1500 rows 6-7),
// finding "Lesion" and its finding site; each measured value a TID 300 NUM with its UCUM unit and,
// where the caliper or ROI lies in one image plane, an INFERRED FROM SCOORD (POINT, POLYLINE or
// ELLIPSE in image pixel coordinates) that SELECTED FROM the image. Long and short axes use
// SCT Long Axis / Short Axis as OHIF's bidirectional tool does. DICOM has no codes for the
// anterior-posterior, left-right and superior-inferior diameters of a tri-axial measurement, so
// they are three NUMs with Mensura's private codes (99MENSURA M-0001..M-0003): CID 7469 is
// extensible, the document stays valid, and other readers show the code meanings. Coded findings
// (enhancement, signal, bone involvement, invasion) are TID 1501 qualitative evaluations.
#include <string>
#include <vector>

#include "mensura/annotations/Annotation.h"
#include "mensura/annotations/CodedConcept.h"
#include "mensura/core/Result.h"
#include "mensura/core/Vec3.h"
#include "mensura/dicom-objects/Deidentification.h"

namespace mensura::annotations {

struct SrExportOptions {
    DeidentificationPolicy deidentification;
    std::string observerName = "Mensura^Reader";
    std::string seriesDescription = "Mensura measurement report";
    int seriesNumber = 901;
};

// Writes outDir/sr_<study>.dcm for every study of the case that has measurements or findings.
imaging::Result<std::vector<std::string>> exportSr(const std::string& caseFolder, const std::string& outDir,
                                                   const SrExportOptions& options = {});

struct SrCoordinates {
    std::string graphicType;                      // POINT, POLYLINE, ELLIPSE, ...
    std::vector<std::pair<float, float>> points;  // SCOORD: (column, row) image pixel coordinates
    std::string sopClassUid, sopInstanceUid;      // SCOORD: the image they were selected from
    std::vector<imaging::Vec3> points3d;          // SCOORD3D: patient coordinates (mm)
    std::string frameOfReferenceUid;              // SCOORD3D
};

struct SrMeasurement {
    CodedConcept concept;
    double value = 0;
    CodedConcept unit;
    std::vector<SrCoordinates> coordinates;
};

struct SrGroup {
    std::string trackingId, trackingUid;
    CodedConcept finding, findingSite;
    std::vector<SrMeasurement> measurements;
    std::vector<SrCoordinates> regions;  // group-level Image Region (TID 1410), e.g. a CIRCLE ROI
    std::vector<std::pair<CodedConcept, CodedConcept>> qualitative;  // concept -> coded value
    std::string referencedSegmentSopInstanceUid;
    int referencedSegmentNumber = 0;
};

struct SrReport {
    std::string path, sopInstanceUid, studyInstanceUid, patientName, patientId, templateId;
    CodedConcept title;
    std::vector<SrGroup> groups;
};

// The measurements of a report as annotations on their images, so they can be shown there: 2D
// SCOORDs are placed in patient space through the geometry of the referenced image (looked up by
// SOP Instance UID among the DICOM files under imagesFolder), SCOORD3D points are taken as they
// are. Each NUM with coordinates becomes one annotation (a line, point, polygon or ellipse)
// labelled with its tracking identifier and concept, carrying the value and unit; a NUM whose
// image is not present is listed in 'unplaced'.
struct ImportedAnnotations {
    std::vector<Annotation> annotations;
    std::vector<std::string> unplaced;
};
imaging::Result<ImportedAnnotations> srToAnnotations(const SrReport& report, const std::string& imagesFolder);

// Any TID 1500 SR (Comprehensive, Comprehensive 3D or Enhanced SR): the measurement groups with
// their numbers, units, coordinates and qualitative evaluations. Errors name the file.
imaging::Result<SrReport> readMeasurementReport(const std::string& path);

}  // namespace mensura::annotations
