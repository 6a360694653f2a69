#pragma once
// Commands that change annotations. Each keeps what it needs to restore the exact prior state,
// including the record fields that cite the annotation (which it updates or flags).
#include <optional>
#include <vector>

#include "mensura/case/History.h"

namespace mensura::annotations {

// Copies of the record fields citing one annotation, to put back on undo.
class CitingFields {
  public:
    void capture(CaseModel& model, const std::string& annotationUid);
    void restore(CaseModel& model) const;

  private:
    std::vector<RecordValue> values_;
    std::vector<Finding> findings_;
};

// Adds an annotation; its geometric values (lengths, axes, areas) are computed if not given.
class AddAnnotation : public Command {
  public:
    explicit AddAnnotation(Annotation annotation) : annotation_(std::move(annotation)) {}
    std::string description() const override { return "Add " + std::string(toString(annotation_.kind)); }
    std::optional<imaging::Error> redo(CaseModel& model) override;
    void undo(CaseModel& model) override;

  private:
    Annotation annotation_;
    CitingFields before_;
};

// Deletes an annotation; the fields citing it keep their value and are flagged orphaned.
class RemoveAnnotation : public Command {
  public:
    explicit RemoveAnnotation(std::string uid) : uid_(std::move(uid)) {}
    std::string description() const override { return "Delete annotation"; }
    std::optional<imaging::Error> redo(CaseModel& model) override;
    void undo(CaseModel& model) override;

  private:
    std::string uid_;
    Annotation removed_;
    std::size_t index_ = 0;
    CitingFields before_;
};

// Moves handles: geometric values are recomputed and copied to the citing fields; values that
// need pixels (ROI mean, segmentation volume) and the findings citing it are flagged stale,
// unless the caller recomputed them for the new points (pixelValues: one undo step for the move
// and its new ROI mean).
class MoveAnnotation : public Command {
  public:
    MoveAnnotation(std::string uid, std::vector<imaging::PointLps> pointsLps,
                   std::vector<QuantityValue> pixelValues = {})
        : uid_(std::move(uid)), points_(std::move(pointsLps)), pixelValues_(std::move(pixelValues)) {}
    std::string description() const override { return "Move annotation"; }
    std::optional<imaging::Error> redo(CaseModel& model) override;
    void undo(CaseModel& model) override;

  private:
    std::string uid_;
    std::vector<imaging::PointLps> points_;
    std::vector<QuantityValue> pixelValues_;
    Annotation old_;
    CitingFields before_;
};

// Sets values computed elsewhere (the measurement engine: ROI statistics, segmentation volume,
// tri-axial diameters from a mask). Replaces values of the same quantity, keeps the others.
class SetAnnotationMeasurements : public Command {
  public:
    SetAnnotationMeasurements(std::string uid, std::vector<QuantityValue> values)
        : uid_(std::move(uid)), values_(std::move(values)) {}
    std::string description() const override { return "Recompute measurements"; }
    std::optional<imaging::Error> redo(CaseModel& model) override;
    void undo(CaseModel& model) override;

  private:
    std::string uid_;
    std::vector<QuantityValue> values_;
    Annotation old_;
    CitingFields before_;
};

// Label, category and note text.
class EditAnnotation : public Command {
  public:
    EditAnnotation(std::string uid, std::string label, AnnotationCategory category, std::string text)
        : uid_(std::move(uid)), label_(std::move(label)), category_(category), text_(std::move(text)) {}
    std::string description() const override { return "Edit annotation"; }
    std::optional<imaging::Error> redo(CaseModel& model) override;
    void undo(CaseModel& model) override;

  private:
    std::string uid_, label_;
    AnnotationCategory category_;
    std::string text_;
    Annotation old_;
};

}  // namespace mensura::annotations
