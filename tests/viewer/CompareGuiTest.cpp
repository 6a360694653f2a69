// GUI test of looking at series together: the crosshair (Shift+click puts the linked cursor on
// the lesion; every view goes through it; scrolling carries it), the compare window with series
// of one examination linked by patient position (CCS: T1 axial beside the T2 sagittal, shown
// axial), and baseline beside follow-up of another frame of reference linked with the offset
// the radiologist set by lining both up on the lesion (ASPS: the follow-up lesion is 5 mm
// higher in its own frame). Ground truth from sample_dicom/<case>/ground_truth.json.
#include <QApplication>
#include <QFile>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include "GuiSupport.h"

#include <nlohmann/json.hpp>

#include "mensura/viewer/CompareView.h"
#include "mensura/viewer/MainWindow.h"
#include "mensura/viewer/SliceView.h"
#include "mensura/viewer/StudyBrowser.h"
#include "mensura/viewer/VtkOpenGLWidget.h"

using namespace mensura;
using namespace mensura::guitest;
using viewer::ViewPlane;

namespace {

const QString kSamples = sourceDir() + "/sample_dicom";

nlohmann::json truth(const QString& caseName) {
    QFile f(kSamples + "/" + caseName + "/ground_truth.json");
    if (!f.open(QIODevice::ReadOnly)) return {};
    return nlohmann::json::parse(f.readAll().toStdString());
}

QString seriesUid(const nlohmann::json& t, const std::string& study, const std::string& series) {
    for (const auto& s : t["studies"])
        if (s["key"] == study)
            for (const auto& x : s["series"])
                if (x["key"] == series) return QString::fromStdString(x["seriesInstanceUid"].get<std::string>());
    return {};
}

imaging::PointLps lesionCentre(const nlohmann::json& t, const std::string& study) {
    for (const auto& s : t["studies"])
        if (s["key"] == study) {
            const auto& c = s["lesions"][0]["centreLps"];
            return {c[0].get<double>(), c[1].get<double>(), c[2].get<double>()};
        }
    return {};
}

double halfSlice(const viewer::SliceView* v) { return 0.5 * v->mapping().frame.sliceSpacingMm + 1e-3; }

bool loadPanes(viewer::CompareView* compare, const QString& a, const QString& b) {
    QSignalSpy loaded(compare, &viewer::CompareView::paneLoaded);
    compare->setSeries(0, a);
    compare->setSeries(1, b);
    return QTest::qWaitFor(
        [&] {
            return compare->volume(0) && compare->volume(1) &&
                   compare->volume(0)->seriesInstanceUid == a.toStdString() &&
                   compare->volume(1)->seriesInstanceUid == b.toStdString();
        },
        60000);
}

}  // namespace

class CompareGuiTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void crosshairAndOneExamination();
    void baselineBesideFollowUp();
};

void CompareGuiTest::crosshairAndOneExamination() {
    const auto t = truth("ccs_craniocervical");
    if (t.is_null()) QSKIP("sample_dicom is absent");
    const imaging::PointLps centre = lesionCentre(t, "baseline");
    viewer::MainWindow window;
    QVERIFY(showAndOpen(window, kSamples + "/ccs_craniocervical/baseline", true));
    // The study browser gets a thumbnail for each of the 7 series, in the background.
    QVERIFY(QTest::qWaitFor([&] { return window.studyBrowser()->thumbnailCount() == 7; }, 60000));

    // Shift+click on the lesion in the axial view: the coronal and sagittal views go through it.
    viewer::SliceView* axial = window.sliceView(ViewPlane::Axial);
    viewer::SliceView* coronal = window.sliceView(ViewPlane::Coronal);
    viewer::SliceView* sagittal = window.sliceView(ViewPlane::Sagittal);
    axial->showLps(centre);
    QTest::qWait(50);
    QTest::mouseClick(axial, Qt::LeftButton, Qt::ShiftModifier, widgetPoint(axial, centre));
    QVERIFY(window.cursorLps());
    const imaging::PointLps c = *window.cursorLps();
    QVERIFY(std::fabs(c.x - centre.x) < 2 * axial->mapping().mmPerPixel);
    QVERIFY(std::fabs(c.y - centre.y) < 2 * axial->mapping().mmPerPixel);
    QVERIFY(std::fabs(coronal->mapping().distanceFromPlane(c)) <= halfSlice(coronal));
    QVERIFY(std::fabs(sagittal->mapping().distanceFromPlane(c)) <= halfSlice(sagittal));
    // Scrolling the axial view 3 slices carries the cursor to the new axial plane.
    axial->setSliceIndex(axial->sliceIndex() + 3);
    QVERIFY(std::fabs(axial->mapping().distanceFromPlane(*window.cursorLps())) < 1e-6);
    QVERIFY(std::fabs(window.cursorLps()->z - c.z) > 2);
    QTest::qWait(100);
    saveScreenshot(window.grab().toImage(), "crosshair");

    // T1 axial beside T2 sagittal (one frame of reference), both shown axial, linked.
    viewer::CompareView* compare = window.openCompare();
    QVERIFY(compare);
    QVERIFY(loadPanes(compare, seriesUid(t, "baseline", "03_T1_AX"), seriesUid(t, "baseline", "04_T2_SAG")));
    compare->setLinked(true);
    compare->view(0)->showLps(centre);
    QVERIFY(std::fabs(compare->view(0)->mapping().distanceFromPlane(centre)) <= halfSlice(compare->view(0)));
    // The second pane shows the plane of its own grid nearest the first pane's level.
    QVERIFY2(std::fabs(compare->planePosition(1) - compare->planePosition(0)) <= halfSlice(compare->view(1)),
             qPrintable(QStringLiteral("%1 vs %2").arg(compare->planePosition(0)).arg(compare->planePosition(1))));
    // Scrolling the second pane moves the first to the same level.
    compare->view(1)->setSliceIndex(compare->view(1)->sliceIndex() + 12);
    const double p0 = compare->planePosition(0), p1 = compare->planePosition(1);
    QVERIFY(std::fabs(p1 - centre.z) > 5);
    QVERIFY2(std::fabs(p0 - p1) <= halfSlice(compare->view(0)) + halfSlice(compare->view(1)),
             qPrintable(QStringLiteral("%1 vs %2").arg(p0).arg(p1)));
    compare->close();
}

void CompareGuiTest::baselineBesideFollowUp() {
    const auto t = truth("asps_tongue_followup");
    if (t.is_null()) QSKIP("sample_dicom is absent");
    viewer::MainWindow window;
    QVERIFY(showAndOpen(window, kSamples + "/asps_tongue_followup", true));
    viewer::CompareView* compare = window.openCompare();
    QVERIFY(compare);
    QVERIFY(loadPanes(compare, seriesUid(t, "baseline", "02_T2_AX"), seriesUid(t, "followup", "02_T2_COR")));
    QVERIFY(compare->volume(0)->frameOfReferenceUid != compare->volume(1)->frameOfReferenceUid);
    // The radiologist lines both up on the lesion, then links.
    const imaging::PointLps base = lesionCentre(t, "baseline"), follow = lesionCentre(t, "followup");
    compare->view(0)->showLps(base);
    compare->view(1)->showLps(follow);
    compare->setLinked(true);
    const double offset = compare->planePosition(1) - compare->planePosition(0);
    const double tolerance = halfSlice(compare->view(0)) + halfSlice(compare->view(1));
    QVERIFY2(std::fabs(offset - (follow.z - base.z)) <= tolerance, qPrintable(QString::number(offset)));
    // Scrolling the baseline 4 slices down keeps the follow-up at the same offset.
    compare->view(0)->setSliceIndex(compare->view(0)->sliceIndex() - 4);
    QVERIFY(std::fabs(compare->planePosition(0) - base.z) > 10);
    QVERIFY2(std::fabs(compare->planePosition(1) - compare->planePosition(0) - offset) <= tolerance,
             qPrintable(QStringLiteral("%1 vs %2").arg(compare->planePosition(0)).arg(compare->planePosition(1))));
    // And back on the lesion in both.
    compare->view(0)->showLps(base);
    QVERIFY(std::fabs(compare->view(1)->mapping().distanceFromPlane(follow)) <= tolerance);
    compare->resize(1200, 700);
    QTest::qWait(200);
    saveScreenshot(compare->grab().toImage(), "compare_baseline_followup");
    compare->close();
}

MENSURA_GUI_TEST_MAIN(CompareGuiTest)

#include "CompareGuiTest.moc"
