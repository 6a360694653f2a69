#pragma once
// De-identification for every export (DICOM PS3.15 Annex E, Basic Application Level
// Confidentiality Profile, with the Retain Longitudinal Temporal Information with Modified Dates
// option): names and IDs replaced, dates shifted by one offset for the whole case, UIDs remapped
// the same way in every object, so SR, SEG, images, FHIR and reports still point at each other.
#include <map>
#include <string>

namespace mensura::annotations {

struct DeidentificationPolicy {
    bool enabled = false;
    std::string pseudonymName = "ANONYMOUS";   // replaces PatientName
    std::string pseudonymId = "MENSURA-DEID";  // replaces PatientID
    int dateShiftDays = -1000;                 // added to every date (negative: earlier)
    std::string uidSalt = "mensura";           // remapped UID = derived from salt + original

    // YYYYMMDD (DICOM DA) or YYYY-MM-DD (FHIR/ISO) shifted by dateShiftDays, same format back;
    // other strings are returned unchanged. Does nothing when disabled.
    std::string shiftDate(const std::string& date) const;
    // The same original UID always maps to the same new one (2.25 UUID-derived form).
    std::string remapUid(const std::string& uid) const;
};

}  // namespace mensura::annotations
