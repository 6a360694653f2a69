#pragma once
// The seed segmentation's parameters (threshold range or automatic, smoothing, leak control,
// hole filling) and its last result.
#include <QWidget>
#include <utility>
#include <vector>

#include "mensura/measure/LesionSegmentation.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace mensura::viewer {

class SegmentationPanel : public QWidget {
    Q_OBJECT
  public:
    explicit SegmentationPanel(QWidget* parent = nullptr);

    imaging::SegmentationOptions options() const;
    // The series the lesion may be outlined on instead of the one shown (the others of its frame
    // of reference: label and stack id); the choice goes back to the series shown.
    void setOutlineSeries(const std::vector<std::pair<QString, QString>>& series);
    // The stack id to outline on; empty: the series shown.
    QString outlineStackId() const;
    QString outlineLabel() const;
    void setResult(const QString& text);
    QString resultText() const;

  private:
    QCheckBox* autoRange_;
    QDoubleSpinBox *lower_, *upper_, *smoothing_, *leakOpening_;
    QCheckBox* fillHoles_;
    QComboBox* outlineOn_;
    QLabel* result_;
};

}  // namespace mensura::viewer
