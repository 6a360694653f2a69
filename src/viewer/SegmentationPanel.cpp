#include "mensura/viewer/SegmentationPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>

namespace mensura::viewer {

namespace {
QDoubleSpinBox* spin(double lo, double hi, double value, const QString& suffix) {
    auto* s = new QDoubleSpinBox;
    s->setRange(lo, hi);
    s->setValue(value);
    s->setSuffix(suffix);
    return s;
}
}  // namespace

SegmentationPanel::SegmentationPanel(QWidget* parent) : QWidget(parent) {
    auto* form = new QFormLayout(this);
    autoRange_ = new QCheckBox(tr("from the seed neighbourhood"));
    autoRange_->setChecked(true);
    lower_ = spin(-3000, 30000, 0, {});
    upper_ = spin(-3000, 30000, 200, {});
    smoothing_ = spin(0, 5, 0, tr(" mm"));
    smoothing_->setSingleStep(0.5);
    leakOpening_ = spin(0, 10, 0, tr(" mm"));
    fillHoles_ = new QCheckBox(tr("fill enclosed holes"));
    fillHoles_->setChecked(true);
    outlineOn_ = new QComboBox;
    outlineOn_->setObjectName("outlineOn");
    outlineOn_->setToolTip(
        tr("A lesion with no edge on the series shown (isointense, or a few thick slices deep) can be "
           "outlined on another series of the same frame of reference and measured here"));
    setOutlineSeries({});
    result_ = new QLabel(tr("Choose the seed tool (S) and click inside a lesion."));
    result_->setObjectName("segmentationResult");
    result_->setWordWrap(true);
    result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Range"), autoRange_);
    form->addRow(tr("Lower"), lower_);
    form->addRow(tr("Upper"), upper_);
    form->addRow(tr("Smoothing"), smoothing_);
    form->addRow(tr("Leak cut"), leakOpening_);
    form->addRow(QString(), fillHoles_);
    form->addRow(tr("Outline on"), outlineOn_);
    form->addRow(result_);
    auto enable = [this](bool automatic) {
        lower_->setEnabled(!automatic);
        upper_->setEnabled(!automatic);
    };
    connect(autoRange_, &QCheckBox::toggled, this, enable);
    enable(true);
}

imaging::SegmentationOptions SegmentationPanel::options() const {
    imaging::SegmentationOptions o;
    if (!autoRange_->isChecked()) {
        o.lower = lower_->value();
        o.upper = upper_->value();
    }
    o.smoothingSigmaMm = smoothing_->value();
    o.leakOpeningMm = leakOpening_->value();
    o.fillHoles = fillHoles_->isChecked();
    return o;
}

void SegmentationPanel::setOutlineSeries(const std::vector<std::pair<QString, QString>>& series) {
    outlineOn_->clear();
    outlineOn_->addItem(tr("this series"), QString());
    for (const auto& [label, id] : series) outlineOn_->addItem(label, id);
    outlineOn_->setEnabled(!series.empty());
}

QString SegmentationPanel::outlineStackId() const { return outlineOn_->currentData().toString(); }
QString SegmentationPanel::outlineLabel() const { return outlineOn_->currentText(); }

void SegmentationPanel::setResult(const QString& text) { result_->setText(text); }
QString SegmentationPanel::resultText() const { return result_->text(); }

}  // namespace mensura::viewer
