#pragma once
// All annotations of the case, grouped by lesion (from the record fields citing them) and by
// category, with their measured values. Clicking one selects it and asks the views to show it.
#include <QTreeWidget>

#include "mensura/case/CaseModel.h"

namespace mensura::viewer {

class AnnotationPanel : public QTreeWidget {
    Q_OBJECT
  public:
    explicit AnnotationPanel(QWidget* parent = nullptr);

    void setModel(const annotations::CaseModel* model);
    QString selectedUid() const;
    void selectUid(const QString& uid);
    // The item of an annotation (tests and jumps), or nullptr.
    QTreeWidgetItem* itemFor(const QString& uid) const;

  signals:
    void annotationActivated(const QString& uid);
    void selectionChanged(const QString& uid);
};

// "AP 40.0 mm, LR 47.0 mm, SI 34.0 mm" from an annotation's measurements.
QString valuesText(const annotations::Annotation& a);

}  // namespace mensura::viewer
