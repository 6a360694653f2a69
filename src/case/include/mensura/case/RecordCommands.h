#pragma once
// Commands that change the record and its links to annotations.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "mensura/case/History.h"

namespace mensura::annotations {

// Links a record value to the value of an annotation; the record takes the annotation's value.
class LinkValue : public Command {
  public:
    LinkValue(std::string fieldId, AnnotationLink link) : fieldId_(std::move(fieldId)), link_(std::move(link)) {}
    std::string description() const override { return "Link record value to annotation"; }
    std::optional<imaging::Error> redo(CaseModel& model) override;
    void undo(CaseModel& model) override;

  private:
    std::string fieldId_;
    AnnotationLink link_;
    RecordValue old_;
};

// Removes the link; the value stays, as a reported value.
class UnlinkValue : public Command {
  public:
    explicit UnlinkValue(std::string fieldId) : fieldId_(std::move(fieldId)) {}
    std::string description() const override { return "Unlink record value"; }
    std::optional<imaging::Error> redo(CaseModel& model) override;
    void undo(CaseModel& model) override;

  private:
    std::string fieldId_;
    RecordValue old_;
};

// Sets the annotations that prove a finding (and so marks a stale finding as reviewed).
class SetFindingEvidence : public Command {
  public:
    SetFindingEvidence(std::string fieldId, std::vector<std::string> evidence)
        : fieldId_(std::move(fieldId)), evidence_(std::move(evidence)) {}
    std::string description() const override { return "Set finding evidence"; }
    std::optional<imaging::Error> redo(CaseModel& model) override;
    void undo(CaseModel& model) override;

  private:
    std::string fieldId_;
    std::vector<std::string> evidence_;
    Finding old_;
};

// Any edit of the record's sections (patient, lesions, timepoints, values, pathology,
// treatment...). The edit runs once on a copy; undo and redo swap whole records, so both are
// exact. The edited record must keep the field rules (RecordRules.h) and its links must hold
// against the annotations; otherwise the edit is refused with the first problem and nothing
// changes.
class EditRecord : public Command {
  public:
    EditRecord(std::string description, std::function<void(CaseRecord&)> edit)
        : description_(std::move(description)), edit_(std::move(edit)) {}
    std::string description() const override { return description_; }
    std::optional<imaging::Error> redo(CaseModel& model) override;
    void undo(CaseModel& model) override;

  private:
    std::string description_;
    std::function<void(CaseRecord&)> edit_;
    std::optional<CaseRecord> old_, new_;
};

// Replaces the DICOM references (relocation after the images moved).
class ReplaceDicomReferences : public Command {
  public:
    explicit ReplaceDicomReferences(std::vector<DicomReference> references) : references_(std::move(references)) {}
    std::string description() const override { return "Relocate DICOM references"; }
    std::optional<imaging::Error> redo(CaseModel& model) override;
    void undo(CaseModel& model) override;

  private:
    std::vector<DicomReference> references_, old_;
};

}  // namespace mensura::annotations
