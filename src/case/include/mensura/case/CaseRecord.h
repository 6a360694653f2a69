#pragma once
// The structured case record: the sections of docs/case-record.md in the order reports use.
// Dates are ISO 8601 text, complete or partial ("2021-07", "2015-05-10"); where a report gives
// only a relative time ("after 5 months") it goes to relativeTime.
#include <optional>
#include <string>
#include <vector>

#include "mensura/annotations/CodedConcept.h"
#include "mensura/case/LinkedFields.h"

namespace mensura::annotations {

struct Patient {
    std::optional<double> ageYears;  // at presentation
    CodedConcept sex;
    std::string notes;
};

struct Presentation {
    std::string chiefComplaint;
    std::string historyOfPresentIllness;
    std::string pastHistory;
    std::string personalFamilyHistory;
    std::string physicalExamination;
};

struct ReferenceRange {
    std::optional<double> low, high;
    std::string text;  // as reported, e.g. "<= 35 U/mL"
};

struct LabResult {
    std::string name;
    CodedConcept code;
    std::optional<double> value;
    std::string unit;  // UCUM, e.g. "[U]/mL"
    ReferenceRange referenceRange;
    std::string date;
    std::string text;
};

enum class LesionRole { Primary, Recurrence, LymphNode, Metastasis };
const char* toString(LesionRole r);
std::optional<LesionRole> lesionRoleFromString(const std::string& s);

// A lesion keeps its identity (TID 1500 Tracking Identifier and Tracking UID) across timepoints.
struct Lesion {
    std::string trackingId;   // human: "L1", "LN1"
    std::string trackingUid;  // DICOM UID
    LesionRole role = LesionRole::Primary;
    CodedConcept bodySite;
    std::string bodySiteText;
    CodedConcept laterality;
    std::vector<std::string> vertebralLevels;  // "C2" ... "T2"
    bool nodal = false;
    std::optional<bool> target;  // RECIST target lesion; unset: chosen by the RECIST rules
    std::string description;
};

struct LesionObservation {
    std::string lesionTrackingUid;
    bool notSeen = false;  // assessed and absent (resected, resolved)
    std::vector<RecordValue> values;
    std::vector<Finding> findings;
    std::string notes;
};

struct StudyReference {
    std::string studyInstanceUid;
    std::string modality;
    std::string description;
    std::string date;
};

enum class TimepointRole { Baseline, FollowUp, Recurrence, Postoperative };
const char* toString(TimepointRole r);
std::optional<TimepointRole> timepointRoleFromString(const std::string& s);

// Timepoints are kept in chronological order; the RECIST nadir relies on it.
struct Timepoint {
    std::string uid;
    std::string label;
    TimepointRole role = TimepointRole::Baseline;
    std::string date;
    std::string relativeTime;
    std::vector<StudyReference> studies;
    std::vector<LesionObservation> observations;
    std::string notes;
};

struct IhcResult {
    std::string marker;
    std::string result;  // "+", "-", "+/-", "focal +", "weak +", "partial +", "scattered +"
    std::optional<double> percent;
    std::string percentComparator;  // "", "<", ">", "about"
    std::string text;               // e.g. "vessels +"
};

struct MitoticCount {
    double count = 0;
    double perHpf = 10;  // per this many high-power fields
};

struct PathologyReport {
    std::string date;
    std::string specimen;
    std::string histology;
    std::vector<IhcResult> immunohistochemistry;
    std::optional<MitoticCount> mitoticCount;
    std::string necrosis;
    std::string grade;
    std::string notes;
};

struct GeneticTest {
    std::string date;
    std::string method;   // "FISH", "fusion detection"
    std::string target;   // "EWSR1"
    std::string finding;  // "EWSR1 break", "ASPSCR1-TFE3 fusion"
    std::optional<double> percentPositiveCells;
    std::string text;
};

struct Diagnosis {
    std::string text;
    CodedConcept morphology;
    CodedConcept site;
    std::string basis;
};

struct Procedure {
    std::string date;
    std::string relativeTime;
    std::string name;
    std::string details;
};

struct DrugDose {
    std::string drug;
    std::optional<double> dose;
    std::string unit;      // UCUM-like: "mg/m2", "mg/m2/d", "g/m2"
    std::string schedule;  // "d1, d8, d15"
};

struct Regimen {
    std::string name;  // "VDC"
    std::string startDate;
    std::string relativeTime;
    std::optional<int> cycles;
    std::vector<DrugDose> drugs;
    std::string notes;
};

struct Radiotherapy {
    std::string date;
    std::string relativeTime;
    std::optional<double> totalDoseGy;
    std::optional<int> fractions;
    std::string notes;
};

struct Treatment {
    std::vector<Procedure> procedures;
    std::vector<Regimen> regimens;
    std::vector<Radiotherapy> radiotherapy;
};

struct OutcomeEvent {
    std::string date;
    std::string relativeTime;  // "2 years 4 months after surgery"
    std::string event;         // "recurrence", "lost to follow-up", "no evidence of disease"
    std::string text;
};

struct CaseRecord {
    std::string caseId;
    std::string title;
    std::string source;  // where the case comes from (the report)
    Patient patient;
    Presentation presentation;
    std::vector<LabResult> laboratory;
    std::vector<Lesion> lesions;
    std::vector<Timepoint> imaging;
    std::vector<PathologyReport> pathology;
    std::vector<GeneticTest> genetics;
    Diagnosis diagnosis;
    Treatment treatment;
    std::vector<OutcomeEvent> outcome;

    const Lesion* findLesion(const std::string& trackingUid) const;
    const Timepoint* findTimepoint(const std::string& uid) const;
};

}  // namespace mensura::annotations
