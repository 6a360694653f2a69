#pragma once
// The record edits a reading session makes on the imaging section: link an annotation's
// measured values to a lesion at a timepoint, add a coded finding, remove a field. Plain
// functions on a CaseRecord, run inside an EditRecord command (so each is one undo step); the
// check functions say beforehand why an edit cannot be made, so a command never half-applies.
#include <string>
#include <vector>

#include "mensura/annotations/Annotation.h"
#include "mensura/case/CaseRecord.h"

namespace mensura::annotations {

// A field id not used yet in the record: "<caseId or 'case'>-f<n>", n one above the largest.
std::string nextFieldId(const CaseRecord& record);

// The timepoint holding a study, or nullptr.
const Timepoint* timepointForStudy(const CaseRecord& record, const std::string& studyInstanceUid);

// Why values or findings cannot be added for (timepoint, lesion); empty when they can.
std::string checkObservationTarget(const CaseRecord& record, const std::string& timepointUid,
                                   const std::string& lesionTrackingUid);

// The observation of the lesion at the timepoint, created (empty) when absent; nullptr when the
// timepoint or the lesion is unknown.
LesionObservation* observationFor(CaseRecord& record, const std::string& timepointUid,
                                  const std::string& lesionTrackingUid);

// The quantities of an annotation a record links: every measured value except the ones that only
// describe it (SD). A tri-axial gives AP, LR, SI (and volume when it has one).
std::vector<Quantity> linkableQuantities(const Annotation& annotation);

// Adds to the observation a value linked to each linkable quantity of the annotation that the
// observation does not link yet. The values take the annotation's numbers when the model refreshes
// its links. Returns the field ids added (empty: nothing new, or the target is unknown).
std::vector<std::string> linkAnnotationValues(CaseRecord& record, const std::string& timepointUid,
                                              const std::string& lesionTrackingUid, const Annotation& annotation);

// Adds a finding (its fieldId assigned here) to the observation; returns the field id, or empty
// when the target is unknown.
std::string addFinding(CaseRecord& record, const std::string& timepointUid, const std::string& lesionTrackingUid,
                       Finding finding);

// Removes a value or finding of the imaging section; false when no field has the id.
bool removeField(CaseRecord& record, const std::string& fieldId);

}  // namespace mensura::annotations
