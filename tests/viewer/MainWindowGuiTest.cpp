// GUI test of the viewer: a synthetic series with a bright sphere at a known LPS position is
// written to disk, opened in the MainWindow, and the rendered views are checked: the sphere is
// visible where radiological convention puts it, the background is dark, scrolling moves
// the slice. Runs on the xcb platform under Xvfb (QOpenGLWidget does not work offscreen).
#include <QApplication>
#include <QImage>
#include <QTemporaryDir>
#include <QWheelEvent>
#include <QtTest/QtTest>

#include "mensura/testing/SyntheticSeries.h"
#include "mensura/viewer-model/DisplayFrame.h"
#include "mensura/viewer/MainWindow.h"
#include "mensura/viewer/SliceView.h"
#include "mensura/viewer/VtkOpenGLWidget.h"

using namespace mensura;
using viewer::ViewPlane;

namespace {

struct Blob {
    int count = 0;
    double x = 0, y = 0;  // centroid in widget pixels, from the top-left
};

// White pixels only: the overlay text and scale bar are yellow.
bool isWhite(QRgb p) { return qRed(p) > 230 && qGreen(p) > 230 && qBlue(p) > 230; }

Blob brightBlob(const QImage& image) {
    Blob b;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (isWhite(image.pixel(x, y))) {
                ++b.count;
                b.x += x;
                b.y += y;
            }
    if (b.count) {
        b.x /= b.count;
        b.y /= b.count;
    }
    return b;
}

double meanGray(const QImage& image, QRect r) {
    double sum = 0;
    int n = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x, ++n) sum += qGray(image.pixel(x, y));
    return n ? sum / n : 0;
}

QRect centred(const QImage& image, int half) {
    return QRect(image.width() / 2 - half, image.height() / 2 - half, 2 * half, 2 * half);
}

void wheel(QWidget* w, int steps) {
    const QPointF pos(w->width() / 2.0, w->height() / 2.0);
    QWheelEvent event(pos, w->mapToGlobal(pos), QPoint(), QPoint(0, 120 * steps), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &event);
}

}  // namespace

class MainWindowGuiTest : public QObject {
    Q_OBJECT
  private slots:
    void edgeLabelsFollowRadiologicalConvention();
    void axialSeriesShowsSphereAndScrolls();
    void sagittalSeriesShowsCorrectAxialPlane();
    void unreadableFolderReportsProblems();

  private:
    bool openSeries(viewer::MainWindow& window, const imaging::SyntheticParams& params, QTemporaryDir& dir);
};

bool MainWindowGuiTest::openSeries(viewer::MainWindow& window, const imaging::SyntheticParams& params,
                                   QTemporaryDir& dir) {
    auto written = imaging::writeSeries(imaging::makeSyntheticSeries(params), dir.path().toStdString());
    if (!written.ok()) {
        qWarning("writeSeries: %s", written.error().message.c_str());
        return false;
    }
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) return false;
    QSignalSpy preview(&window, &viewer::MainWindow::previewShown);
    window.openPath(dir.path(), true);
    if (!QTest::qWaitFor([&] { return window.currentVolume() != nullptr; }, 30000)) return false;
    // The first slice to arrive was shown before the whole volume was there.
    if (preview.count() != 1) qWarning("first slice was not shown early");
    return preview.count() == 1;
}

void MainWindowGuiTest::edgeLabelsFollowRadiologicalConvention() {
    imaging::VolumeGeometry axial;
    axial.size = {10, 10, 10};
    const auto a = viewer::displayFrameFor(axial, ViewPlane::Axial);
    QCOMPARE(QString::fromStdString(a.leftLabel()), QString("R"));
    QCOMPARE(QString::fromStdString(a.rightLabel()), QString("L"));
    QCOMPARE(QString::fromStdString(a.topLabel()), QString("A"));
    QCOMPARE(QString::fromStdString(a.bottomLabel()), QString("P"));
    QCOMPARE(a.sliceAxis, 2);

    imaging::VolumeGeometry sagittal;  // rows run P, columns run I, slices run L
    sagittal.size = {20, 30, 40};
    sagittal.axes = {imaging::Vec3{0, 1, 0}, imaging::Vec3{0, 0, -1}, imaging::Vec3{1, 0, 0}};
    QCOMPARE(viewer::acquisitionPlane(sagittal), ViewPlane::Sagittal);
    const auto ax = viewer::displayFrameFor(sagittal, ViewPlane::Axial);
    QCOMPARE(QString::fromStdString(ax.leftLabel()), QString("R"));
    QCOMPARE(QString::fromStdString(ax.topLabel()), QString("A"));
    QCOMPARE(ax.sliceAxis, 1);
    QCOMPARE(ax.sliceCount, std::size_t(30));
    const auto sag = viewer::displayFrameFor(sagittal, ViewPlane::Sagittal);
    QCOMPARE(QString::fromStdString(sag.leftLabel()), QString("A"));
    QCOMPARE(QString::fromStdString(sag.topLabel()), QString("S"));
    const auto cor = viewer::displayFrameFor(sagittal, ViewPlane::Coronal);
    QCOMPARE(QString::fromStdString(cor.leftLabel()), QString("R"));
    QCOMPARE(QString::fromStdString(cor.topLabel()), QString("S"));
}

void MainWindowGuiTest::axialSeriesShowsSphereAndScrolls() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    imaging::SyntheticParams params;  // 128 x 128 x 40 axial CT, 1 x 1 x 2.5 mm
    params.sphereValue = 1000;        // white at the stored window (W 400, L 40)
    viewer::MainWindow window;
    QVERIFY(openSeries(window, params, dir));

    viewer::SliceView* view = window.sliceView(ViewPlane::Axial);
    QCOMPARE(view->sliceCount(), 40);
    QCOMPARE(view->sliceIndex(), 20);  // the middle slice passes through the sphere
    QImage image = view->grabFramebuffer();
    QVERIFY(!image.isNull());
    QVERIFY2(meanGray(image, centred(image, 8)) > 230, "sphere not bright in the centre");
    // Air outside the body cylinder, near the image corner (the image is a square fitted to
    // the view's height, centred).
    const int side = std::min(image.width(), image.height());
    const QRect corner(image.width() / 2 - side * 44 / 100, image.height() / 2 + side * 36 / 100, 8, 8);
    QVERIFY2(meanGray(image, corner) < 30, "background corner not dark");
    // Body (water, 0 HU at W 400 L 40) is mid grey.
    const double body = meanGray(image, QRect(image.width() / 2 - side / 3, image.height() / 2 - 4, 8, 8));
    QVERIFY2(body > 80 && body < 130, qPrintable(QString("body grey %1").arg(body)));

    wheel(view, 1);
    QCOMPARE(view->sliceIndex(), 21);
    wheel(view, -3);
    QCOMPARE(view->sliceIndex(), 18);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Up);
    QCOMPARE(view->sliceIndex(), 19);
    QTest::keyClick(view, Qt::Key_Home);
    QCOMPARE(view->sliceIndex(), 0);
    image = view->grabFramebuffer();
    QVERIFY2(meanGray(image, centred(image, 8)) < 130, "sphere still visible 48 mm away from it");

    // Left-drag changes the window of all three views together.
    const double before = view->window();
    QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, QPoint(50, 50));
    QTest::mouseMove(view, QPoint(110, 50));
    QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, QPoint(110, 50));
    QVERIFY(view->window() > before);
    QCOMPARE(window.sliceView(ViewPlane::Coronal)->window(), view->window());
}

void MainWindowGuiTest::sagittalSeriesShowsCorrectAxialPlane() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    imaging::SyntheticParams params;
    params.modality = "MR";
    params.size = {96, 96, 64};
    params.spacingMm = {1.5, 1.5, 2.0};
    params.axes = {imaging::Vec3{0, 1, 0}, imaging::Vec3{0, 0, -1}, imaging::Vec3{1, 0, 0}};
    // Patient left, anterior and superior of the centre.
    params.sphereCentreLps = {30, -30, 20};
    params.sphereRadiusMm = 12;
    params.sphereValue = 3000;
    params.backgroundValue = 300;
    params.airValue = 0;
    viewer::MainWindow window;
    QVERIFY(openSeries(window, params, dir));
    const auto volume = window.currentVolume();
    QCOMPARE(volume->geometry.size[2], std::size_t(64));

    struct Expect {
        ViewPlane plane;
        int rightSign, upSign;  // where the sphere must appear relative to the view centre
    };
    // Axial: L right, A up. Coronal: L right, S up. Sagittal: A left, S up.
    for (Expect e :
         {Expect{ViewPlane::Axial, +1, +1}, Expect{ViewPlane::Coronal, +1, +1}, Expect{ViewPlane::Sagittal, -1, +1}}) {
        viewer::SliceView* view = window.sliceView(e.plane);
        const auto frame = viewer::displayFrameFor(volume->geometry, e.plane);
        const imaging::Vec3 index = volume->geometry.lpsToIndex(params.sphereCentreLps);
        view->setSliceIndex(int(std::lround(index[frame.sliceAxis])));
        view->setWindowLevel(1000, 1500);  // body (300) black, sphere (3000) white
        const QImage image = view->grabFramebuffer();
        const Blob blob = brightBlob(image);
        const QString where = QString("%1 view: %2 white pixels at (%3, %4) in %5 x %6")
                                  .arg(viewer::planeName(e.plane))
                                  .arg(blob.count)
                                  .arg(blob.x)
                                  .arg(blob.y)
                                  .arg(image.width())
                                  .arg(image.height());
        QVERIFY2(blob.count > 100, qPrintable(where));
        QVERIFY2((blob.x - image.width() / 2.0) * e.rightSign > 20, qPrintable(where));
        QVERIFY2((image.height() / 2.0 - blob.y) * e.upSign > 20, qPrintable(where));
    }
}

void MainWindowGuiTest::unreadableFolderReportsProblems() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile junk(dir.filePath("notes.dcm"));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("this is not DICOM");
    junk.close();
    viewer::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy ready(&window, &viewer::MainWindow::indexReady);
    window.openPath(dir.path(), true);
    QVERIFY(ready.wait(20000));
    QVERIFY2(window.statusText().contains("1 file could not be read: notes.dcm"), qPrintable(window.statusText()));
}

int main(int argc, char** argv) {
    viewer::VtkOpenGLWidget::installDefaultSurfaceFormat();
    QApplication app(argc, argv);
    MainWindowGuiTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "MainWindowGuiTest.moc"
