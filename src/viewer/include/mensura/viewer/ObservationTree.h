#pragma once
// The imaging section at one timepoint: each lesion with its measured values (value, unit, link
// state and the annotation that proves it) and its coded findings. Double-clicking a field with
// image evidence asks the views to show that annotation.
#include <QTreeWidget>

#include "mensura/case/CaseDocument.h"

namespace mensura::viewer {

class ObservationTree : public QTreeWidget {
    Q_OBJECT
  public:
    explicit ObservationTree(QWidget* parent = nullptr);

    void show(const annotations::CaseDocument& doc, const QString& timepointUid);
    QString selectedFieldId() const;
    QString selectedLesion() const;  // of the selected lesion or field
    QTreeWidgetItem* itemForField(const QString& fieldId) const;

  signals:
    void annotationActivated(const QString& uid);
};

}  // namespace mensura::viewer
