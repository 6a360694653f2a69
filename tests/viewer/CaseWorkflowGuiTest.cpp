// GUI test of working a case, as a radiologist would with the mouse and keyboard: the seed 000
// example case (clear cell sarcoma at LPS (27, 8, 10), 40 AP x 47 LR x 34 SI mm) is opened, its
// annotations drawn and listed; a tri-axial measurement is placed with synthetic mouse events at
// the ground-truth end points and read back in millimetres; the seed segmentation on the DWI
// finds the ground-truth diameters; delete, undo and redo go through the case history; the case
// is saved and exported as a DICOM SR that reads back. Screenshots are written for review.
// Runs on the xcb platform under Xvfb.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include "GuiSupport.h"

#include "mensura/dicom-objects/SrExport.h"
#include "mensura/viewer/AnnotationPanel.h"
#include "mensura/viewer/CaseController.h"
#include "mensura/viewer/MainWindow.h"
#include "mensura/viewer/MeasurementTool.h"
#include "mensura/viewer/SegmentationJob.h"
#include "mensura/viewer/SegmentationPanel.h"
#include "mensura/viewer/SliceView.h"
#include "mensura/viewer/VtkOpenGLWidget.h"

using namespace mensura;
using namespace mensura::guitest;
using annotations::AnnotationKind;
using annotations::Quantity;
using viewer::ViewPlane;

namespace {

const char* kDwiSeries = "2.25.530203539832325174676210023463456707";
const imaging::PointLps kCentre{27, 8, 10};

double meanGray(const QImage& image) {
    double sum = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) sum += qGray(image.pixel(x, y));
    return sum / (image.width() * image.height() / 4.0);
}

}  // namespace

class CaseWorkflowGuiTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void workACase();
    void outlineOnAnotherSeries();
};

void CaseWorkflowGuiTest::workACase() {
    if (!sampleDataPresent()) QSKIP("sample_dicom is absent");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(copyExampleCase(dir.path()));

    viewer::MainWindow window;
    QVERIFY(showAndOpen(window, dir.path()));  // a folder with case.json opens as a case
    QVERIFY(window.caseController()->isOpen());
    QCOMPARE(window.currentVolume()->seriesInstanceUid, std::string("2.25.472158395330464178887333099433787268"));
    const int before = int(window.caseController()->annotations()->size());
    QCOMPARE(before, 9);

    // The example's tri-axial is listed; clicking it jumps the views to the lesion, where its
    // calipers are drawn.
    const annotations::Annotation* example = lastOf(window, AnnotationKind::Triaxial);
    QVERIFY(example);
    const QString exampleUid = QString::fromStdString(example->uid);
    QTreeWidgetItem* item = window.annotationPanel()->itemFor(exampleUid);
    QVERIFY(item);
    QVERIFY(item->text(1).contains("AP 40.0 mm"));
    window.annotationPanel()->scrollToItem(item);
    QTest::mouseClick(window.annotationPanel()->viewport(), Qt::LeftButton, Qt::NoModifier,
                      window.annotationPanel()->visualItemRect(item).center());
    viewer::SliceView* axial = window.sliceView(ViewPlane::Axial);
    viewer::SliceView* sagittal = window.sliceView(ViewPlane::Sagittal);
    QVERIFY(std::fabs(axial->mapping().distanceFromPlane(kCentre)) < 2);
    QImage image = axial->grabFramebuffer();
    saveScreenshot(image, "axial_case_opened");
    saveScreenshot(window.grab().toImage(), "case_opened");
    QVERIFY2(colouredNear(image, widgetPoint(axial, {27, -12, 10}), 8) > 5, "AP caliper end not drawn");
    QVERIFY2(colouredNear(image, widgetPoint(axial, {50.5, 8, 10}), 8) > 5, "LR caliper end not drawn");

    // Delete removes the selected annotation; undo and redo go through the case history.
    QCOMPARE(window.annotationPanel()->selectedUid(), exampleUid);
    QVERIFY(window.findChild<QAction*>("deleteAction")->isEnabled());
    QTest::keyClick(&window, Qt::Key_Delete);
    QCOMPARE(countOf(window, AnnotationKind::Triaxial), 0);
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(countOf(window, AnnotationKind::Triaxial), 1);
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(countOf(window, AnnotationKind::Triaxial), 0);

    // Tri-axial with the mouse: AP and LR on the axial view, SI on the sagittal view.
    QTest::keyClick(&window, Qt::Key_T);
    QCOMPARE(window.measurementTool()->tool(), viewer::Tool::Triaxial);
    axial->showLps(kCentre);
    sagittal->showLps(kCentre);
    QTest::qWait(50);
    drag(axial, {27, -12, 10}, {27, 28, 10});
    drag(axial, {3.5, 8, 10}, {50.5, 8, 10});
    QCOMPARE(countOf(window, AnnotationKind::Triaxial), 0);  // SI still missing
    drag(sagittal, {27, 8, -7}, {27, 8, 27});
    QCOMPARE(countOf(window, AnnotationKind::Triaxial), 1);
    const annotations::Annotation* placed = lastOf(window, AnnotationKind::Triaxial);
    const auto& g = window.currentVolume()->geometry;
    const double pixelMm = axial->mapping().mmPerPixel, sagPixelMm = sagittal->mapping().mmPerPixel;
    const double ap = valueOf(*placed, Quantity::ApDiameter), lr = valueOf(*placed, Quantity::LrDiameter),
                 si = valueOf(*placed, Quantity::SiDiameter);
    qInfo("placed tri-axial: AP %.2f LR %.2f SI %.2f mm (voxel %.2f x %.2f x %.2f mm, %.2f mm/px)", ap, lr, si,
          g.spacingMm.x, g.spacingMm.y, g.spacingMm.z, pixelMm);
    QVERIFY2(std::fabs(ap - 40) <= std::max(g.spacingMm.y, 2 * pixelMm), qPrintable(QString::number(ap)));
    QVERIFY2(std::fabs(lr - 47) <= std::max(g.spacingMm.x, 2 * pixelMm), qPrintable(QString::number(lr)));
    QVERIFY2(std::fabs(si - 34) <= std::max(g.spacingMm.z, 2 * sagPixelMm), qPrintable(QString::number(si)));
    // Snapped to the patient axes: AP moves along P only, LR along L only, SI along S only.
    QCOMPARE(placed->pointsLps[0].x, placed->pointsLps[1].x);
    QCOMPARE(placed->pointsLps[2].y, placed->pointsLps[3].y);
    QCOMPARE(placed->pointsLps[4].x, placed->pointsLps[5].x);
    QCOMPARE(placed->pointsLps[4].y, placed->pointsLps[5].y);
    QTest::qWait(50);
    saveScreenshot(window.grab().toImage(), "triaxial_placed");

    // Esc cancels a placement in progress.
    const QPoint a = widgetPoint(axial, {0, 0, 10});
    QTest::mousePress(axial, Qt::LeftButton, Qt::NoModifier, a);
    QTest::mouseMove(axial, a + QPoint(0, 40));
    QTest::keyClick(&window, Qt::Key_Escape);
    QTest::mouseRelease(axial, Qt::LeftButton, Qt::NoModifier, a + QPoint(0, 40));
    QTest::keyClick(&window, Qt::Key_Escape);
    QCOMPARE(countOf(window, AnnotationKind::Triaxial), 1);

    // Undo removes the placed tri-axial; redo restores the same values.
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(countOf(window, AnnotationKind::Triaxial), 0);
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(countOf(window, AnnotationKind::Triaxial), 1);
    QCOMPARE(valueOf(*lastOf(window, AnnotationKind::Triaxial), Quantity::ApDiameter), ap);
    // Every edit went to the autosave journal.
    QVERIFY(QFile::exists(dir.filePath("case.journal.json")));

    // Seed segmentation on the DWI, off the GUI thread.
    QSignalSpy loaded(&window, &viewer::MainWindow::volumeLoaded);
    window.loadStack(kDwiSeries);
    QVERIFY(QTest::qWaitFor([&] { return loaded.count() > 0; }, 60000));
    QTest::keyClick(&window, Qt::Key_S);
    axial->showLps(kCentre);
    QTest::qWait(50);
    QSignalSpy segmented(&window, &viewer::MainWindow::segmentationFinished);
    QTest::mouseClick(axial, Qt::LeftButton, Qt::NoModifier, widgetPoint(axial, kCentre));
    QVERIFY(QTest::qWaitFor([&] { return segmented.count() > 0; }, 120000));
    const auto& outcome = *window.lastSegmentation();
    QVERIFY2(outcome.metrics, qPrintable(outcome.error));
    const auto& m = *outcome.metrics;
    const auto& dwi = window.currentVolume()->geometry.spacingMm;
    qInfo("DWI %.2f x %.2f x %.2f mm: AP %.2f LR %.2f SI %.2f mm, %.2f mL", dwi.x, dwi.y, dwi.z, m.ap.lengthMm,
          m.lr.lengthMm, m.si.lengthMm, m.volumeMl);
    // Within max(1 mm, one voxel) plus one voxel for partial volume at the edges.
    QVERIFY(std::fabs(m.ap.lengthMm - 40) <= std::max(1.0, dwi.y) + dwi.y);
    QVERIFY(std::fabs(m.lr.lengthMm - 47) <= std::max(1.0, dwi.x) + dwi.x);
    QVERIFY(std::fabs(m.si.lengthMm - 34) <= std::max(1.0, dwi.z) + dwi.z);
    QVERIFY(window.segmentationPanel()->resultText().contains(" cm x "));
    QCOMPARE(window.segmentationPanel()->resultText(), viewer::describeLesion(m, outcome.segmentation->warnings));
    // A warning of the segmentation stands in the panel under the figures.
    QVERIFY(viewer::describeLesion(m, {"check the outline: 7%"}).endsWith("\nWarning: check the outline: 7%"));
    QTest::qWait(50);
    image = axial->grabFramebuffer();
    saveScreenshot(image, "axial_segmentation");
    saveScreenshot(window.grab().toImage(), "segmentation");
    int red = 0;  // the mask overlay is drawn over the lesion
    const QPoint c = widgetPoint(axial, kCentre);
    for (int y = c.y() - 10; y < c.y() + 10; ++y)
        for (int x = c.x() - 10; x < c.x() + 10; ++x) red += qRed(image.pixel(x, y)) > qGreen(image.pixel(x, y)) + 40;
    QVERIFY2(red > 100, qPrintable(QString("red pixels %1").arg(red)));

    // A box dragged round the lesion with the seed tool: the same lesion, segmented inside it.
    auto boxed = [&](double halfLr, double halfAp) {
        const int before = segmented.count();
        drag(axial, kCentre + imaging::Vec3{-halfLr, -halfAp, 0}, kCentre + imaging::Vec3{halfLr, halfAp, 0});
        return QTest::qWaitFor([&] { return segmented.count() > before; }, 120000);
    };
    {
        // While dragging, the box's rectangle is drawn on the view.
        const QPoint a = widgetPoint(axial, kCentre + imaging::Vec3{-30, -26, 0}),
                     b = widgetPoint(axial, kCentre + imaging::Vec3{30, 26, 0});
        QTest::mouseMove(axial, a);
        QTest::mousePress(axial, Qt::LeftButton, Qt::NoModifier, a);
        QTest::mouseMove(axial, (a + b) / 2);
        QTest::mouseMove(axial, b);
        QTest::qWait(50);
        const QImage dragging = axial->grabFramebuffer();
        saveScreenshot(dragging, "seed_box_dragging");
        QVERIFY(colouredNear(dragging, QPoint(a.x(), (a.y() + b.y()) / 2), 4) > 0);  // its left edge
        QTest::keyClick(&window, Qt::Key_Escape);                                    // cancelled: no segmentation
        QTest::mouseRelease(axial, Qt::LeftButton, Qt::NoModifier, b);
    }
    QVERIFY(boxed(30, 26));
    const auto& inBox = *window.lastSegmentation();
    QVERIFY2(inBox.metrics, qPrintable(inBox.error));
    QVERIFY(QString::fromStdString(inBox.segmentation->method).contains("inside the user box"));
    QVERIFY(std::fabs(inBox.metrics->ap.lengthMm - 40) <= std::max(1.0, dwi.y) + dwi.y);
    QVERIFY(std::fabs(inBox.metrics->lr.lengthMm - 47) <= std::max(1.0, dwi.x) + dwi.x);
    QVERIFY(std::fabs(inBox.metrics->si.lengthMm - 34) <= std::max(1.0, dwi.z) + dwi.z);
    QVERIFY(inBox.segmentation->warnings.empty());
    // A box narrower than the lesion keeps the outline inside it, and says so.
    QVERIFY(boxed(10, 26));
    const auto& cut = *window.lastSegmentation();
    QVERIFY2(cut.metrics, qPrintable(cut.error));
    qInfo("box 20 mm wide: LR %.1f mm", cut.metrics->lr.lengthMm);
    QVERIFY(cut.metrics->lr.lengthMm <= 20 + dwi.x);
    QVERIFY(window.segmentationPanel()->resultText().contains("the region reaches the box faces"));
    QTest::qWait(50);
    saveScreenshot(window.grab().toImage(), "segmentation_in_a_box");
    // The box stays drawn on the views where they cut it: its top edge, above the lesion, on the
    // axial view; on the coronal view through the centre, its sides 20 mm apart.
    const QPoint topEdge = widgetPoint(axial, kCentre + imaging::Vec3{0, -26, 0});
    QVERIFY(colouredNear(axial->grabFramebuffer(), topEdge, 2) > 0);
    viewer::SliceView* coronal = window.sliceView(ViewPlane::Coronal);
    coronal->showLps(kCentre);
    QTest::qWait(50);
    QVERIFY(colouredNear(coronal->grabFramebuffer(), widgetPoint(coronal, kCentre + imaging::Vec3{10, 0, 22}), 2) > 0);
    // A click is still a click (no box).
    QTest::mouseClick(axial, Qt::LeftButton, Qt::NoModifier, widgetPoint(axial, kCentre));
    QVERIFY(QTest::qWaitFor([&] { return segmented.count() > 3; }, 120000));
    QVERIFY(!QString::fromStdString(window.lastSegmentation()->segmentation->method).contains("inside the user box"));
    QTest::qWait(50);
    QCOMPARE(colouredNear(axial->grabFramebuffer(), topEdge, 2), 0);  // and goes with a plain click

    // Save (Ctrl+S) and export an SR that reads back.
    QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(!QFile::exists(dir.filePath("case.journal.json")));
    QSignalSpy exported(&window, &viewer::MainWindow::exportFinished);
    window.exportCase("sr");
    QVERIFY(QTest::qWaitFor([&] { return exported.count() > 0; }, 60000));
    const QStringList files = exported.at(0).at(0).toStringList();
    QVERIFY2(!files.isEmpty(), qPrintable(exported.at(0).at(1).toString()));
    auto report = annotations::readMeasurementReport(files.front().toStdString());
    QVERIFY2(report.ok(), report ? "" : report.error().message.c_str());
    qInfo("SR %s: %zu measurement groups", qPrintable(files.front()), report->groups.size());
    QVERIFY(!report->groups.empty());
    // The record's lesion L1 with its values (the deleted example tri-axial's values stay in the
    // record, flagged orphaned, as the library rules say).
    QCOMPARE(QString::fromStdString(report->groups.front().trackingId), QString("L1"));
    QVERIFY(!report->groups.front().measurements.empty());

    // Non-blank screens: each view shows an image.
    for (ViewPlane p : {ViewPlane::Axial, ViewPlane::Coronal, ViewPlane::Sagittal})
        QVERIFY(meanGray(window.sliceView(p)->grabFramebuffer()) > 5);
}

// The LMS scalp mass is T1-iso: on the T1 alone its outline runs along the dura and is flagged.
// Outlined on the CT+C of the same frame of reference (chosen in the Seed segmentation panel) and
// measured on the T1, it is within the ground truth: 38.2 AP x 32.9 LR x 27.7 SI mm, 16.1 mL.
void CaseWorkflowGuiTest::outlineOnAnotherSeries() {
    if (!sampleDataPresent()) QSKIP("sample_dicom is absent");
    const imaging::PointLps centre{27.4, -35.23, 64.2};
    viewer::MainWindow window;
    QVERIFY(showAndOpen(window, sourceDir() + "/sample_dicom/lms_scalp_skull/baseline", true));
    QSignalSpy loaded(&window, &viewer::MainWindow::volumeLoaded);
    window.loadStack("2.25.117427770256289686399273174623244058");  // T1 AX
    QVERIFY(QTest::qWaitFor([&] { return loaded.count() > 0; }, 60000));
    auto* combo = window.segmentationPanel()->findChild<QComboBox*>("outlineOn");
    QVERIFY(combo);
    // This series and the other four of the frame of reference.
    QCOMPARE(combo->count(), 5);
    const int ctc = combo->findData(QString("2.25.52686819521649125455896718555668084"));
    QVERIFY(ctc > 0);
    QVERIFY(combo->itemText(ctc).contains("CT HEAD C+"));

    viewer::SliceView* axial = window.sliceView(ViewPlane::Axial);
    QTest::keyClick(&window, Qt::Key_S);
    axial->showLps(centre);
    QTest::qWait(50);
    QSignalSpy segmented(&window, &viewer::MainWindow::segmentationFinished);
    QTest::mouseClick(axial, Qt::LeftButton, Qt::NoModifier, widgetPoint(axial, centre));
    QVERIFY(QTest::qWaitFor([&] { return segmented.count() > 0; }, 120000));
    const auto& own = *window.lastSegmentation();
    QVERIFY2(own.metrics, qPrintable(own.error));
    QVERIFY(window.segmentationPanel()->resultText().contains("check the outline"));

    combo->setCurrentIndex(ctc);
    QTest::mouseClick(axial, Qt::LeftButton, Qt::NoModifier, widgetPoint(axial, centre));
    QVERIFY(QTest::qWaitFor([&] { return segmented.count() > 1; }, 120000));
    const auto& through = *window.lastSegmentation();
    QVERIFY2(through.metrics, qPrintable(through.error));
    const auto& m = *through.metrics;
    qInfo("T1 through the CT+C outline: %.2f x %.2f x %.2f mm, %.2f mL, mean %.0f", m.ap.lengthMm, m.lr.lengthMm,
          m.si.lengthMm, m.volumeMl, m.values.mean);
    QCOMPARE(through.segmentation->mask.seriesInstanceUid, window.currentVolume()->seriesInstanceUid);
    QVERIFY(through.segmentation->warnings.empty());
    QVERIFY(std::fabs(m.ap.lengthMm - 38.23) <= 1.25);
    QVERIFY(std::fabs(m.lr.lengthMm - 32.87) <= 1.25);
    QVERIFY(std::fabs(m.si.lengthMm - 27.69) <= 5);
    QVERIFY(std::fabs(m.volumeMl - 16.13) <= 0.05 * 16.13);
    QVERIFY(std::fabs(m.values.mean - 400) <= 8);
    QVERIFY(window.segmentationPanel()->resultText().startsWith("Outlined on #"));
    QTest::qWait(50);
    saveScreenshot(window.grab().toImage(), "segmentation_outlined_on_ct");
}

MENSURA_GUI_TEST_MAIN(CaseWorkflowGuiTest)

#include "CaseWorkflowGuiTest.moc"
