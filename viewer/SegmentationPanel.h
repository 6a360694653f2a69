#pragma once
// The seed segmentation's parameters (threshold range or automatic, smoothing, leak control,
// hole filling) and its last result.
#include <QWidget>

#include "imaging/measure/LesionSegmentation.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;

namespace mensura::viewer {

class SegmentationPanel : public QWidget {
    Q_OBJECT
public:
    explicit SegmentationPanel(QWidget* parent = nullptr);

    imaging::SegmentationOptions options() const;
    void setResult(const QString& text);
    QString resultText() const;

private:
    QCheckBox* autoRange_;
    QDoubleSpinBox *lower_, *upper_, *smoothing_, *leakOpening_;
    QCheckBox* fillHoles_;
    QLabel* result_;
};

}  // namespace mensura::viewer
