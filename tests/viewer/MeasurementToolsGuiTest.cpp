// GUI test of the ROI, bidirectional and label tools, driven with synthetic mouse and keyboard
// events on the seed 000 example case (clear cell sarcoma centred at LPS (27, 8, 10); on the
// contrast CT its core, radius 9 mm, is 75 HU with noise SD 10 HU per ground_truth.json):
// a bidirectional with its short axis held perpendicular, an ellipse and two polygons (closed by
// Enter and by a double-click) whose areas are checked against the millimetres dragged and whose
// means against the library on the same ROI and the ground truth, a handle edit that recomputes
// the mean, vertebral level labels and a text arrow through their dialogs, Esc, Delete, undo and
// redo. Screenshots are written to the build folder for review. Runs on xcb under Xvfb.
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QInputDialog>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include "GuiSupport.h"

#include "mensura/measure/RoiStatistics.h"
#include "mensura/viewer/AnnotationPanel.h"
#include "mensura/viewer/CaseController.h"
#include "mensura/viewer/MainWindow.h"
#include "mensura/viewer/MeasurementTool.h"
#include "mensura/viewer/SliceView.h"
#include "mensura/viewer/VtkOpenGLWidget.h"

using namespace mensura;
using namespace mensura::guitest;
using annotations::AnnotationKind;
using annotations::Quantity;
using imaging::PointLps;
using viewer::ViewPlane;

namespace {

const PointLps kCentre{27, 8, 10};
// Each tool gets its own slice of the 2 mm CT, clear of the example's own annotations at z = 10
// and of each other's labels: the core's section has radius 8.06 mm at z = 6 and 8.77 at 8 and 12.
constexpr double kBiZ = 12, kEllipseZ = 6, kPolyZ = 8;
constexpr double kCoreHu = 75, kNoiseHu = 10;  // ground_truth.json, 02_CT_NECK_C "lesion core"

// Accepts the tool's input dialog with `text` (empty keeps the proposed value); returns the
// value it proposed.
QString answerDialog(viewer::MainWindow& window, const char* name, const QString& text) {
    QInputDialog* dialog = nullptr;
    if (!QTest::qWaitFor([&] { return (dialog = window.findChild<QInputDialog*>(name)) && dialog->isVisible(); }, 5000))
        return "<no dialog>";
    const QString proposed = dialog->textValue();
    if (!text.isEmpty()) dialog->setTextValue(text);
    dialog->accept();
    QTest::qWait(20);
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window)) return "<main window not active again>";
    return proposed;
}

}  // namespace

class MeasurementToolsGuiTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void placeEditAndUndoTheTools();
};

void MeasurementToolsGuiTest::placeEditAndUndoTheTools() {
    if (!sampleDataPresent()) QSKIP("sample_dicom is absent");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(copyExampleCase(dir.path()));
    viewer::MainWindow window;
    QVERIFY(showAndOpen(window, dir.path()));  // a folder with case.json opens as a case
    const auto volume = window.currentVolume();
    QCOMPARE(QString::fromStdString(volume->description), QString("CT NECK C+"));
    viewer::SliceView* axial = window.sliceView(ViewPlane::Axial);
    viewer::SliceView* sagittal = window.sliceView(ViewPlane::Sagittal);
    axial->showLps({27, 8, kBiZ});
    sagittal->showLps({0, 0, 0});
    QTest::qWait(50);
    const double px = axial->mapping().mmPerPixel;
    qInfo("axial view %.3f mm/px, voxels %.2f x %.2f x %.2f mm", px, volume->geometry.spacingMm.x,
          volume->geometry.spacingMm.y, volume->geometry.spacingMm.z);

    // Bidirectional: the long axis LR across the lesion, then a short axis dragged 10 degrees off
    // perpendicular and off centre, which the tool holds perpendicular through the long axis.
    QTest::keyClick(&window, Qt::Key_B);
    QCOMPARE(window.measurementTool()->tool(), viewer::Tool::Bidirectional);
    drag(axial, {7, 8, kBiZ}, {47, 8, kBiZ});
    QCOMPARE(countOf(window, AnnotationKind::Bidirectional), 0);
    drag(axial, {29, -2, kBiZ}, {32.5, 18, kBiZ});
    QCOMPARE(countOf(window, AnnotationKind::Bidirectional), 1);
    const annotations::Annotation* bi = lastOf(window, AnnotationKind::Bidirectional);
    const double longMm = valueOf(*bi, Quantity::LongAxis), shortMm = valueOf(*bi, Quantity::ShortAxis);
    const auto& bp = bi->pointsLps;
    const double cosine = imaging::dot(bp[1] - bp[0], bp[3] - bp[2]) / (longMm * shortMm);
    qInfo(
        "bidirectional: long %.2f mm, short %.2f mm (dragged 40 and 20 along the short axis), cos "
        "%.2e",
        longMm, shortMm, cosine);
    QVERIFY(std::fabs(longMm - 40) <= 2 * px);
    QVERIFY(std::fabs(shortMm - 20) <= 2 * px);
    QVERIFY(std::fabs(cosine) < 1e-9);

    // Esc drops a half-placed bidirectional.
    drag(axial, {10, 0, kBiZ}, {40, 0, kBiZ});
    QTest::keyClick(&window, Qt::Key_Escape);
    drag(axial, {25, -5, kBiZ}, {25, 5, kBiZ});  // would be a short axis had Esc not cancelled
    QCOMPARE(countOf(window, AnnotationKind::Bidirectional), 1);
    QTest::keyClick(&window, Qt::Key_Escape);

    // Ellipse ROI: a 12 x 8 mm box inside the lesion core.
    QTest::keyClick(&window, Qt::Key_E);
    axial->showLps({27, 8, kEllipseZ});
    QTest::qWait(50);
    const int ellipsesBefore = countOf(window, AnnotationKind::Ellipse);
    drag(axial, {21, 4, kEllipseZ}, {33, 12, kEllipseZ});
    QCOMPARE(countOf(window, AnnotationKind::Ellipse), ellipsesBefore + 1);
    const annotations::Annotation* el = lastOf(window, AnnotationKind::Ellipse);
    const auto& ep = el->pointsLps;
    auto libEllipse = imaging::ellipseRoiStatistics(*volume, ep[0], ep[1], ep[2]);
    QVERIFY2(libEllipse.ok(), libEllipse ? "" : libEllipse.error().message.c_str());
    const double area = valueOf(*el, Quantity::Area), mean = valueOf(*el, Quantity::Mean),
                 sd = valueOf(*el, Quantity::StandardDeviation);
    qInfo(
        "ellipse: area %.2f mm2 (pi*6*4 = %.2f), mean %.2f +- %.2f HU over %zu voxels (core %.0f, "
        "noise %.0f)",
        area, M_PI * 24, mean, sd, libEllipse->count, kCoreHu, kNoiseHu);
    QVERIFY(std::fabs(area - M_PI * 24) <= M_PI * 10 * px);
    QCOMPARE(mean, libEllipse->mean);
    QCOMPARE(sd, libEllipse->standardDeviation);
    QVERIFY(std::fabs(mean - kCoreHu) <= 4 * kNoiseHu / std::sqrt(double(libEllipse->count)) + 1);
    QVERIFY(sd > 0.6 * kNoiseHu && sd < 1.4 * kNoiseHu);
    QCOMPARE(QString::fromStdString(el->find(Quantity::Mean)->measurement.unit), QString("[hnsf'U]"));

    // Editing a handle: the first semi-axis grows to 8 mm; area and mean are recomputed (not
    // stale) in one undo step.
    QTest::qWait(50);  // a render records where the handles are
    const PointLps oldEnd = ep[1];
    const std::string ellipseUid = el->uid;
    drag(axial, oldEnd, oldEnd + 2.0 * imaging::normalized(oldEnd - ep[0]));
    el = lastOf(window, AnnotationKind::Ellipse);
    QCOMPARE(el->uid, ellipseUid);
    auto moved = imaging::ellipseRoiStatistics(*volume, el->pointsLps[0], el->pointsLps[1], el->pointsLps[2]);
    QVERIFY(moved.ok());
    const double grown = valueOf(*el, Quantity::Area);
    qInfo("ellipse after the handle drag: area %.2f mm2 (pi*8*4 = %.2f), mean %.2f HU", grown, M_PI * 32,
          valueOf(*el, Quantity::Mean));
    QVERIFY(std::fabs(grown - M_PI * 32) <= M_PI * 12 * px);
    QCOMPARE(valueOf(*el, Quantity::Mean), moved->mean);
    QVERIFY(!el->find(Quantity::Mean)->stale);
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(valueOf(*lastOf(window, AnnotationKind::Ellipse), Quantity::Area), area);
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(valueOf(*lastOf(window, AnnotationKind::Ellipse), Quantity::Area), grown);

    // Polygon ROI: a square with 14 mm diagonals along LR and AP (area 98 mm2) clicked corner by
    // corner, closed with Enter.
    QTest::keyClick(&window, Qt::Key_P);
    axial->showLps({27, 8, kPolyZ});
    QTest::qWait(50);
    // (Turned 45 degrees so that no corner lands on the example's "left vertebral artery" point
    // at (22, 3, 8), whose label would cover the ROI's.)
    for (PointLps p :
         {PointLps{27, 1, kPolyZ}, PointLps{34, 8, kPolyZ}, PointLps{27, 15, kPolyZ}, PointLps{20, 8, kPolyZ}})
        QTest::mouseClick(axial, Qt::LeftButton, Qt::NoModifier, widgetPoint(axial, p));
    QCOMPARE(countOf(window, AnnotationKind::Polygon), 0);
    QVERIFY(window.findChild<QAction*>("finishAction")->isEnabled());
    QTest::keyClick(&window, Qt::Key_Return);
    // Enter is the polygon's only while one is open; then it is the focused widget's again.
    QVERIFY(!window.findChild<QAction*>("finishAction")->isEnabled());
    QCOMPARE(countOf(window, AnnotationKind::Polygon), 1);
    const annotations::Annotation* sq = lastOf(window, AnnotationKind::Polygon);
    auto libSquare = imaging::polygonRoiStatistics(*volume, sq->pointsLps);
    QVERIFY(libSquare.ok());
    qInfo("square: area %.2f mm2 (98), mean %.2f +- %.2f HU over %zu voxels", valueOf(*sq, Quantity::Area),
          valueOf(*sq, Quantity::Mean), valueOf(*sq, Quantity::StandardDeviation), libSquare->count);
    QVERIFY(std::fabs(valueOf(*sq, Quantity::Area) - 98) <= 4 * 10 * px);
    QCOMPARE(valueOf(*sq, Quantity::Mean), libSquare->mean);
    QVERIFY(std::fabs(libSquare->mean - kCoreHu) <= 4 * kNoiseHu / std::sqrt(double(libSquare->count)) + 1);
    const std::string squareUid = sq->uid;  // the annotations below may move it in memory
    const double squareMean = valueOf(*sq, Quantity::Mean);
    // A triangle closed by a double-click on its last vertex.
    QTest::mouseClick(axial, Qt::LeftButton, Qt::NoModifier, widgetPoint(axial, {18, -30, kPolyZ}));
    QTest::mouseClick(axial, Qt::LeftButton, Qt::NoModifier, widgetPoint(axial, {34, -30, kPolyZ}));
    // As a window system sends it: press, release, double-click, release.
    QTest::mouseClick(axial, Qt::LeftButton, Qt::NoModifier, widgetPoint(axial, {18, -20, kPolyZ}));
    QTest::mouseDClick(axial, Qt::LeftButton, Qt::NoModifier, widgetPoint(axial, {18, -20, kPolyZ}));
    QTest::mouseRelease(axial, Qt::LeftButton, Qt::NoModifier, widgetPoint(axial, {18, -20, kPolyZ}));
    QCOMPARE(countOf(window, AnnotationKind::Polygon), 2);
    const annotations::Annotation* tri = lastOf(window, AnnotationKind::Polygon);
    QCOMPARE(int(tri->pointsLps.size()), 3);
    qInfo("triangle: area %.2f mm2 (80)", valueOf(*tri, Quantity::Area));
    QVERIFY(std::fabs(valueOf(*tri, Quantity::Area) - 80) <= 4 * 13 * px);

    // Vertebral levels on the sagittal view: the first proposes C1 and is answered C3, the next
    // proposes C4.
    QTest::keyClick(&window, Qt::Key_V);
    QTest::mouseClick(sagittal, Qt::LeftButton, Qt::NoModifier, widgetPoint(sagittal, {0, -12, -22}));
    QCOMPARE(answerDialog(window, "vertebralLevelDialog", "C3"), QString("C1"));
    QTest::mouseClick(sagittal, Qt::LeftButton, Qt::NoModifier, widgetPoint(sagittal, {0, -12, -36}));
    QCOMPARE(answerDialog(window, "vertebralLevelDialog", ""), QString("C4"));
    QCOMPARE(countOf(window, AnnotationKind::LabelledPoint), 2);
    QCOMPARE(QString::fromStdString(lastOf(window, AnnotationKind::LabelledPoint)->label), QString("C4"));

    // A text arrow at the lesion's medial edge.
    QTest::keyClick(&window, Qt::Key_A);
    axial->showLps({27, 8, kEllipseZ});
    QTest::qWait(50);
    QTest::mouseClick(axial, Qt::LeftButton, Qt::NoModifier, widgetPoint(axial, {6, 2, kEllipseZ}));
    QCOMPARE(answerDialog(window, "textNoteDialog", "medial margin"), QString());
    QCOMPARE(countOf(window, AnnotationKind::TextNote), 1);
    QCOMPARE(QString::fromStdString(lastOf(window, AnnotationKind::TextNote)->text), QString("medial margin"));

    QTest::keyClick(&window, Qt::Key_N);
    QTest::qWait(100);
    saveScreenshot(window.grab().toImage(), "tools_placed");
    saveScreenshot(sagittal->grabFramebuffer(), "tools_sagittal_levels");
    // The axial view zoomed in (Ctrl+wheel, 7 steps = x1.95) and panned (middle drag) to centre
    // the lesion, for a readable look.
    const QPoint middle(axial->width() / 2, axial->height() / 2);
    QWheelEvent zoomIn(middle, axial->mapToGlobal(QPointF(middle)), QPoint(), QPoint(0, 7 * 120), Qt::NoButton,
                       Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(axial, &zoomIn);
    QTest::qWait(50);
    const QPoint lesion = widgetPoint(axial, {27, 8, kEllipseZ});
    QTest::mousePress(axial, Qt::MiddleButton, Qt::NoModifier, lesion);
    QTest::mouseMove(axial, middle);
    QTest::mouseRelease(axial, Qt::MiddleButton, Qt::NoModifier, middle);
    for (double z : {kEllipseZ, kPolyZ, kBiZ}) {
        axial->showLps({27, 8, z});
        QTest::qWait(100);
        saveScreenshot(axial->grabFramebuffer(), QStringLiteral("tools_axial_z%1").arg(z));
        saveScreenshot(window.grab().toImage(), QStringLiteral("tools_window_z%1").arg(z));
    }

    // Undo removes the text arrow, redo restores it.
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(countOf(window, AnnotationKind::TextNote), 0);
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(countOf(window, AnnotationKind::TextNote), 1);

    // Delete removes the selected square; undo brings it back with its values.
    window.annotationPanel()->selectUid(QString::fromStdString(squareUid));
    QVERIFY(window.findChild<QAction*>("deleteAction")->isEnabled());
    QTest::keyClick(&window, Qt::Key_Delete);
    QCOMPARE(countOf(window, AnnotationKind::Polygon), 1);
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(countOf(window, AnnotationKind::Polygon), 2);
    const auto* back = window.caseController()->session()->model().findAnnotation(squareUid);
    QVERIFY(back);
    QCOMPARE(valueOf(*back, Quantity::Mean), squareMean);
}

MENSURA_GUI_TEST_MAIN(MeasurementToolsGuiTest)

#include "MeasurementToolsGuiTest.moc"
