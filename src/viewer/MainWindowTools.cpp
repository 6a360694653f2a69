// MainWindow: the measurement tools' placements and handle edits become annotations through the
// case history. The shapes' values come from the libraries (annotations/, imaging/measure/).
#include <QInputDialog>

#include "mensura/annotations/AnnotationKinds.h"
#include "mensura/annotations/HandleEdits.h"
#include "mensura/annotations/RoiValues.h"
#include "mensura/annotations/VertebralLevels.h"
#include "mensura/case/AnnotationCommands.h"
#include "mensura/viewer/AnnotationPanel.h"
#include "mensura/viewer/CaseController.h"
#include "mensura/viewer/MainWindow.h"
#include "mensura/viewer/MeasurementTool.h"

namespace mensura::viewer {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

annotations::Annotation shape(annotations::AnnotationKind kind, annotations::AnnotationCategory category,
                              const char* label, std::vector<imaging::PointLps> points) {
    annotations::Annotation a;
    a.kind = kind;
    a.category = category;
    a.label = label;
    a.pointsLps = std::move(points);
    return a;
}

bool isRoi(const annotations::Annotation& a) { return annotations::describe(a.kind).hasInside(); }

}  // namespace

void MainWindow::connectTools() {
    connect(tool_, &MeasurementTool::triaxialPlaced, this, &MainWindow::onTriaxialPlaced);
    connect(tool_, &MeasurementTool::caliperPlaced, this, &MainWindow::onCaliperPlaced);
    connect(tool_, &MeasurementTool::bidirectionalPlaced, this, &MainWindow::onBidirectionalPlaced);
    connect(tool_, &MeasurementTool::ellipsePlaced, this, &MainWindow::onEllipsePlaced);
    connect(tool_, &MeasurementTool::polygonPlaced, this, &MainWindow::onPolygonPlaced);
    connect(tool_, &MeasurementTool::pointClicked, this, &MainWindow::onPointClicked);
    connect(tool_, &MeasurementTool::placementFailed, this, [this](const QString& m) { showStatus(m); });
    // Enter belongs to the focused widget (e.g. the study browser) unless a polygon is open.
    connect(tool_, &MeasurementTool::promptChanged, this,
            [this] { finishAction_->setEnabled(tool_->drawingPolygon()); });
}

void MainWindow::onTriaxialPlaced(const std::array<imaging::PointLps, 6>& points, SliceView*) {
    addAnnotation(shape(annotations::AnnotationKind::Triaxial, annotations::AnnotationCategory::LesionExtent,
                        "Tri-axial", {points.begin(), points.end()}));
}

void MainWindow::onCaliperPlaced(imaging::PointLps from, imaging::PointLps to, SliceView*) {
    addAnnotation(
        shape(annotations::AnnotationKind::Line, annotations::AnnotationCategory::LesionExtent, "Caliper", {from, to}));
}

void MainWindow::onBidirectionalPlaced(const std::array<imaging::PointLps, 4>& points, SliceView*) {
    addAnnotation(shape(annotations::AnnotationKind::Bidirectional, annotations::AnnotationCategory::LesionExtent,
                        "Bidirectional", {points.begin(), points.end()}));
}

void MainWindow::onEllipsePlaced(imaging::PointLps centre, imaging::PointLps axisEnd1, imaging::PointLps axisEnd2,
                                 SliceView*) {
    addAnnotation(shape(annotations::AnnotationKind::Ellipse, annotations::AnnotationCategory::Signal, "Ellipse ROI",
                        {centre, axisEnd1, axisEnd2}));
}

void MainWindow::onPolygonPlaced(const std::vector<imaging::PointLps>& vertices, SliceView*) {
    addAnnotation(
        shape(annotations::AnnotationKind::Polygon, annotations::AnnotationCategory::Signal, "Polygon ROI", vertices));
}

void MainWindow::onPointClicked(imaging::PointLps p, SliceView*) {
    if (!volume_) return;
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (tool_->tool() == Tool::VertebralLabel) {
        // Default: the level below the last one placed, so a run of levels is click, Enter.
        std::string last;
        if (const annotations::CaseDocument* doc = case_->document())
            for (const auto& a : doc->annotations)
                if (a.kind == annotations::AnnotationKind::LabelledPoint) last = a.label;
        QStringList levels;
        for (const auto& l : annotations::vertebralLevels()) levels << qs(l);
        dialog->setObjectName("vertebralLevelDialog");
        dialog->setWindowTitle(tr("Vertebral level"));
        dialog->setLabelText(tr("Level of the vertebra (choose or type):"));
        dialog->setComboBoxItems(levels);
        dialog->setComboBoxEditable(true);
        dialog->setTextValue(qs(annotations::nextVertebralLevel(last)));
        connect(dialog, &QInputDialog::textValueSelected, this, [this, p](const QString& level) {
            if (level.trimmed().isEmpty()) return;
            auto a = shape(annotations::AnnotationKind::LabelledPoint, annotations::AnnotationCategory::Other, "", {p});
            a.label = level.trimmed().toStdString();
            addAnnotation(std::move(a));
        });
    } else {
        dialog->setObjectName("textNoteDialog");
        dialog->setWindowTitle(tr("Text arrow"));
        dialog->setLabelText(tr("Note at the arrow:"));
        dialog->setInputMode(QInputDialog::TextInput);
        connect(dialog, &QInputDialog::textValueSelected, this, [this, p](const QString& text) {
            if (text.trimmed().isEmpty()) return;
            auto a = shape(annotations::AnnotationKind::TextNote, annotations::AnnotationCategory::Other, "Note", {p});
            a.text = text.trimmed().toStdString();
            addAnnotation(std::move(a));
        });
    }
    dialog->open();
}

QString MainWindow::withRoiValues(annotations::Annotation& a) const {
    if (!isRoi(a) || !volume_) return {};
    a.measurements = annotations::geometricMeasurements(a);
    auto values = annotations::roiPixelValues(a, *volume_);
    if (!values) return tr(" (no pixel values: %1)").arg(qs(values.error().message));
    for (const auto& v : values->values) a.measurements.push_back(v);
    const imaging::RoiStatistics& s = values->statistics;
    return tr("; %1 %2, min %3, max %4")
        .arg(s.count)
        .arg(s.sampling == imaging::RoiSampling::VoxelSlice ? tr("voxels") : tr("samples"))
        .arg(s.minimum, 0, 'g', 5)
        .arg(s.maximum, 0, 'g', 5);
}

void MainWindow::onHandleMoved(const QString& uid, int index, imaging::PointLps p) {
    if (!case_->isOpen() || index < 0) return;
    const annotations::Annotation* a = case_->session()->model().findAnnotation(uid.toStdString());
    if (!a) return;
    auto points = annotations::movedHandle(*a, std::size_t(index), p);
    if (!points) return showStatus(tr("Handle not moved: %1").arg(qs(points.error().message)));
    // An ROI's pixel values are recomputed with the move (one undo step) when its series is shown;
    // otherwise the move flags them stale.
    std::vector<annotations::QuantityValue> pixelValues;
    QString note;
    if (isRoi(*a) && volume_ && a->image.seriesInstanceUid == volume_->seriesInstanceUid) {
        annotations::Annotation moved = *a;
        moved.pointsLps = *points;
        if (auto values = annotations::roiPixelValues(moved, *volume_))
            pixelValues = values->values;
        else
            note = tr(" (pixel values stale: %1)").arg(qs(values.error().message));
    }
    if (const QString error = case_->push(
            std::make_unique<annotations::MoveAnnotation>(uid.toStdString(), *points, std::move(pixelValues)));
        !error.isEmpty())
        return reportError(tr("Cannot move the handle"), error);
    if (const annotations::Annotation* now = case_->session()->model().findAnnotation(uid.toStdString()))
        showStatus(tr("Moved %1: %2%3").arg(qs(now->label), valuesText(*now), note));
}

}  // namespace mensura::viewer
