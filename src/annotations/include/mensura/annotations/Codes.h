#pragma once
// The coded concepts Mensura writes. Standard codes are used only where their value was
// checked (SNOMED CT "SCT", DICOM PS3.16 "DCM", ICD-O-3 morphology "ICDO3"). Every concept whose
// standard code we could not verify uses the private scheme "99MENSURA": these are Mensura's
// own codes, NOT standard ones, and an export must map them before claiming a standard code.
#include "mensura/annotations/CodedConcept.h"

namespace mensura::annotations::codes {

// ---- SNOMED CT (verified) ----
inline const CodedConcept kMale{"248153007", "SCT", "Male"};
inline const CodedConcept kFemale{"248152002", "SCT", "Female"};
inline const CodedConcept kLeft{"7771000", "SCT", "Left"};
inline const CodedConcept kRight{"24028007", "SCT", "Right"};
inline const CodedConcept kBilateral{"51440002", "SCT", "Right and left"};
inline const CodedConcept kLength{"410668003", "SCT", "Length"};
inline const CodedConcept kWidth{"103355008", "SCT", "Width"};
inline const CodedConcept kDepth{"131197000", "SCT", "Depth"};
inline const CodedConcept kDiameter{"81827009", "SCT", "Diameter"};
inline const CodedConcept kLongAxis{"103339001", "SCT", "Long Axis"};
inline const CodedConcept kShortAxis{"103340004", "SCT", "Short Axis"};
inline const CodedConcept kVolume{"118565006", "SCT", "Volume"};
inline const CodedConcept kArea{"42798000", "SCT", "Area"};
inline const CodedConcept kMean{"373098007", "SCT", "Mean"};
inline const CodedConcept kStandardDeviation{"386136009", "SCT", "Standard Deviation"};
inline const CodedConcept kFindingSite{"363698007", "SCT", "Finding Site"};

// ---- DICOM PS3.16 (verified) ----
inline const CodedConcept kTrackingIdentifier{"112039", "DCM", "Tracking Identifier"};
inline const CodedConcept kTrackingUid{"112040", "DCM", "Tracking Unique Identifier"};
inline const CodedConcept kFinding{"121071", "DCM", "Finding"};
inline const CodedConcept kHeight{"121207", "DCM", "Height"};

// ---- ICD-O-3 morphology (verified) ----
inline const CodedConcept kClearCellSarcoma{"9044/3", "ICDO3", "Clear cell sarcoma, NOS"};
inline const CodedConcept kAlveolarSoftPartSarcoma{"9581/3", "ICDO3", "Alveolar soft part sarcoma"};
inline const CodedConcept kLeiomyosarcoma{"8890/3", "ICDO3", "Leiomyosarcoma, NOS"};

// ---- Mensura private codes (99MENSURA): NOT standard; no verified standard code at hand ----
inline const CodedConcept kApDiameter{"M-0001", "99MENSURA", "Anterior-posterior diameter"};
inline const CodedConcept kLrDiameter{"M-0002", "99MENSURA", "Left-right diameter"};
inline const CodedConcept kSiDiameter{"M-0003", "99MENSURA", "Superior-inferior diameter"};
inline const CodedConcept kEnhancementDegree{"M-0100", "99MENSURA", "Enhancement degree"};
inline const CodedConcept kEnhancementPattern{"M-0101", "99MENSURA", "Enhancement pattern"};
inline const CodedConcept kSignalIntensity{"M-0110", "99MENSURA", "Signal intensity relative to reference tissue"};
inline const CodedConcept kAttenuation{"M-0111", "99MENSURA", "CT attenuation"};
inline const CodedConcept kBoneInvolvement{"M-0120", "99MENSURA", "Bone involvement pattern"};
inline const CodedConcept kInvasion{"M-0130", "99MENSURA", "Invasion of"};
inline const CodedConcept kCompression{"M-0131", "99MENSURA", "Compression of"};
inline const CodedConcept kEncasement{"M-0132", "99MENSURA", "Encasement of"};
inline const CodedConcept kMargin{"M-0140", "99MENSURA", "Margin"};
inline const CodedConcept kInternalFeature{"M-0150", "99MENSURA", "Internal feature"};

}  // namespace mensura::annotations::codes
