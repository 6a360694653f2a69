#pragma once
// Chooses where an annotation goes in the record (timepoint and lesion) and, for a finding, the
// coded choices: concept (enhancement degree / pattern, signal, bone involvement, invasion...),
// value, the sequence it was read on and the reference tissue, with free text beside the codes.
// Defaults come from the annotation: its study's timepoint, the lesion it already proves, the
// concept of its category, the sequence of its series.
#include <QDialog>

#include "mensura/annotations/Annotation.h"
#include "mensura/case/CaseRecord.h"
#include "mensura/case/LinkedFields.h"

class QComboBox;
class QLineEdit;
class QLabel;

namespace mensura::viewer {

class FindingDialog : public QDialog {
    Q_OBJECT
  public:
    enum class Mode { LinkValues, Finding };
    // `seriesModality`/`seriesDescription` of the annotation's series, for the sequence default.
    FindingDialog(Mode mode, const annotations::CaseRecord& record, const annotations::Annotation* annotation,
                  const QString& seriesModality, const QString& seriesDescription, QWidget* parent = nullptr);

    QString timepointUid() const;
    QString lesionTrackingUid() const;
    // The finding as chosen (evidence: the annotation), Finding mode only.
    annotations::Finding finding() const;

    QComboBox* timepointBox() const { return timepoint_; }
    QComboBox* lesionBox() const { return lesion_; }
    QComboBox* conceptBox() const { return concept_; }
    QComboBox* valueBox() const { return value_; }

  private:
    void fillValues();

    std::string annotationUid_;
    QComboBox *timepoint_, *lesion_;
    QComboBox *concept_ = nullptr, *value_ = nullptr, *sequence_ = nullptr, *tissue_ = nullptr;
    QLineEdit* freeText_ = nullptr;
};

// The lesion an annotation already proves in the record (by its citations), or empty.
std::string lesionCitingAnnotation(const annotations::CaseRecord& record, const std::string& annotationUid);

}  // namespace mensura::viewer
