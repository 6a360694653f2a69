// GUI test of the 3D view on the sample cases, under Xvfb (xcb platform): the CT renders with
// real content (bone) in the middle, the segmented lesion shows as its red surface, rotating
// changes the picture, a sagittal acquisition of the same neck renders like the axial one (the
// direction cosines are respected), and the main window has the view as its fourth pane, fed on
// load. Render times (still and interactive, CPU and GPU ray casting, and a 512 x 512 x 400 CT)
// are printed; screenshots go to the build folder for review.
#include <vtkCamera.h>
#include <vtkNew.h>
#include <vtkRenderer.h>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/VolumeLoader.h"
#include "mensura/measure/LesionSegmentation.h"
#include "mensura/viewer/MainWindow.h"
#include "mensura/viewer/VolumeView.h"
#include "mensura/viewer/VtkOpenGLWidget.h"

using namespace mensura;
using viewer::VolumeView;

namespace {

const QString kSamples = QStringLiteral(MENSURA_SOURCE_DIR "/sample_dicom");

std::shared_ptr<const imaging::Volume> loadSeries(const QString& folder) {
    std::string error;
    const imaging::DicomIndex index = imaging::indexPath(folder.toStdString(), {}, &error);
    const auto stacks = index.allStacks();
    if (stacks.empty()) return nullptr;
    auto volume = imaging::loadVolume(*stacks.front());
    if (!volume) return nullptr;
    return std::make_shared<const imaging::Volume>(std::move(*volume));
}

void save(const QImage& image, const QString& name) {
    QDir().mkpath(MENSURA_SCREENSHOT_DIR);
    image.save(QStringLiteral(MENSURA_SCREENSHOT_DIR "/%1.png").arg(name));
}

bool isBackground(QRgb c) { return qRed(c) < 12 && qGreen(c) < 12 && qBlue(c) < 12; }

// Fraction of pixels in the central half of the image (both ways) that are not background.
double contentInMiddle(const QImage& image) {
    int n = 0, total = 0;
    for (int y = image.height() / 4; y < 3 * image.height() / 4; ++y)
        for (int x = image.width() / 4; x < 3 * image.width() / 4; ++x, ++total) n += !isBackground(image.pixel(x, y));
    return double(n) / std::max(total, 1);
}

// The lesion surface's red (shaded): red well above green and blue.
int lesionPixels(const QImage& image) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb c = image.pixel(x, y);
            n += qRed(c) > 110 && qRed(c) > 2.2 * qGreen(c) && qRed(c) > 2.2 * qBlue(c);
        }
    return n;
}

// Mean absolute difference per channel, 0..255.
double difference(const QImage& a, const QImage& b) {
    if (a.size() != b.size()) return 255;
    double sum = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            sum += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) + std::abs(qBlue(p) - qBlue(q));
        }
    return sum / (3.0 * a.width() * a.height());
}

// Intersection over union of the non-background pixels of two renderings.
double foregroundOverlap(const QImage& a, const QImage& b) {
    int both = 0, either = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const bool p = !isBackground(a.pixel(x, y)), q = !isBackground(b.pixel(x, y));
            both += p && q;
            either += p || q;
        }
    return either ? double(both) / either : 0;
}

bool waitReady(VolumeView& view) {
    return QTest::qWaitFor([&] { return view.isRenderReady(); }, 60000);
}

// Renders at both qualities a few times; returns {still ms, interactive ms} (medians).
std::pair<double, double> timeRenders(VolumeView& view, int repeats = 3) {
    std::pair<double, double> ms;
    for (bool interactive : {false, true}) {
        view.setInteractiveQuality(interactive);
        std::vector<double> times;
        for (int i = 0; i < repeats; ++i) {
            view.grabFramebuffer();
            times.push_back(view.lastRenderMs());
        }
        std::sort(times.begin(), times.end());
        (interactive ? ms.second : ms.first) = times[times.size() / 2];
    }
    view.setInteractiveQuality(false);
    return ms;
}

// A 512 x 512 x 400 CT of a neck-sized body: soft tissue cylinder, a spine-like bone column and
// a lesion ball, in air.
std::shared_ptr<const imaging::Volume> bigCt() {
    auto v = std::make_shared<imaging::Volume>();
    v->modality = "CT";
    v->valueUnit = "HU";
    v->frameOfReferenceUid = "1.2.3";
    auto& g = v->geometry;
    g.size = {512, 512, 400};
    g.spacingMm = {0.5, 0.5, 0.625};
    g.originLps = {-128, -128, -125};
    v->int16Voxels.resize(g.voxelCount());
    v->slices.resize(g.size[2]);
    for (std::size_t k = 0; k < g.size[2]; ++k)
        for (std::size_t j = 0; j < g.size[1]; ++j)
            for (std::size_t i = 0; i < g.size[0]; ++i) {
                const imaging::PointLps p = g.indexToLps(double(i), double(j), double(k));
                const double body = std::hypot(p.x / 90, p.y / 70), spine = std::hypot(p.x, p.y - 25);
                int16_t value = body < 1 ? 40 : -1000;
                if (spine < 14) value = spine > 10 ? 900 : 350;
                if (std::hypot(p.x + 30, p.y + 10, p.z) < 15) value = 60;
                v->int16Voxels[v->index(i, j, k)] = value;
            }
    return v;
}

}  // namespace

class VolumeViewGuiTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void rendersBoneLesionAndRotates();
    void sagittalAcquisitionMatchesAxial();
    void mainWindowHasTheThreeDPane();
    void renderTimes();
};

void VolumeViewGuiTest::rendersBoneLesionAndRotates() {
    const QString ct = kSamples + "/ccs_craniocervical/baseline/02_CT_NECK_C";
    if (!QFile::exists(ct)) QSKIP("sample_dicom is absent");
    const auto volume = loadSeries(ct);
    QVERIFY(volume);

    VolumeView view;
    view.resize(640, 640);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setVolume(volume);
    QVERIFY(waitReady(view));
    QVERIFY(view.preset() == viewer::VolumePreset::CtBone);
    const QImage bone = view.grabFramebuffer();
    save(bone, "volume3d_ccs_ct_bone");
    QVERIFY2(contentInMiddle(bone) > 0.05, qPrintable(QString("middle content %1").arg(contentInMiddle(bone))));
    const int redBefore = lesionPixels(bone);

    // The lesion (ground truth: clear cell sarcoma centred at LPS (27, 8, 10)) segmented from
    // the diffusion series of the same frame of reference, where it stands clear; its mask is
    // placed by its own geometry.
    const auto dwi = loadSeries(kSamples + "/ccs_craniocervical/baseline/06_DWI_AX");
    QVERIFY(dwi);
    QCOMPARE(dwi->frameOfReferenceUid, volume->frameOfReferenceUid);
    auto segmentation = imaging::segmentLesion(*dwi, {27, 8, 10});
    QVERIFY2(segmentation, segmentation ? "" : segmentation.error().message.c_str());
    auto owner = std::make_shared<imaging::Segmentation>(std::move(*segmentation));
    view.setMask(std::shared_ptr<const imaging::LesionMask>(owner, &owner->mask));
    const QImage lesion = view.grabFramebuffer();
    save(lesion, "volume3d_ccs_ct_bone_lesion");
    const int redAfter = lesionPixels(lesion);
    QVERIFY2(redAfter > redBefore + 500, qPrintable(QString("lesion pixels %1 -> %2").arg(redBefore).arg(redAfter)));

    // A tri-axial at the ground-truth extent (AP 40, LR 47, SI 34 mm) draws three coloured lines
    // over the rendering: AP cyan, LR magenta, SI orange. From the front the AP line is seen
    // end-on, so LR and SI are checked.
    annotations::Annotation triaxial;
    triaxial.kind = annotations::AnnotationKind::Triaxial;
    triaxial.image.frameOfReferenceUid = volume->frameOfReferenceUid;
    triaxial.pointsLps = {{27, -12, 10}, {27, 28, 10}, {3.5, 8, 10}, {50.5, 8, 10}, {27, 8, -7}, {27, 8, 27}};
    view.setAnnotations(std::make_shared<const std::vector<annotations::Annotation>>(1, triaxial), "");
    const QImage calipers = view.grabFramebuffer();
    save(calipers, "volume3d_ccs_ct_triaxial");
    auto count = [&](auto test) {
        int n = 0;
        for (int y = 0; y < calipers.height(); ++y)
            for (int x = 0; x < calipers.width(); ++x) n += test(calipers.pixel(x, y));
        return n;
    };
    QVERIFY(count([](QRgb c) { return qRed(c) > 220 && qGreen(c) < 120 && qBlue(c) > 220; }) > 10);  // LR
    QVERIFY(count([](QRgb c) { return qRed(c) > 220 && qGreen(c) > 130 && qGreen(c) < 190 && qBlue(c) < 60; }) >
            10);  // SI
    view.setAnnotations(nullptr, "");

    // Soft tissue shows the body's surface: more of the middle covered than by bone alone.
    view.setPreset(viewer::VolumePreset::CtSoftTissue);
    const QImage soft = view.grabFramebuffer();
    save(soft, "volume3d_ccs_ct_soft_tissue");
    QVERIFY(contentInMiddle(soft) > contentInMiddle(bone));
    view.setPreset(viewer::VolumePreset::CtBone);

    // Left-drag rotates (trackball); the full-quality frame follows once the mouse rests.
    const QPoint c = view.rect().center();
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, c);
    QTest::mouseMove(&view, c + QPoint(60, 0));
    QTest::mouseMove(&view, c + QPoint(140, 20));
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, c + QPoint(140, 20));
    QTest::qWait(VolumeView::kSettleMs + 200);
    const QImage rotated = view.grabFramebuffer();
    save(rotated, "volume3d_ccs_ct_rotated");
    QVERIFY2(difference(lesion, rotated) > 3, qPrintable(QString("difference %1").arg(difference(lesion, rotated))));
    QVERIFY(contentInMiddle(rotated) > 0.05);
    QVERIFY(lesionPixels(rotated) > 200);

    // R goes back to the anterior view: the same picture as before the rotation.
    QTest::keyClick(&view, Qt::Key_R);
    const QImage reset = view.grabFramebuffer();
    QVERIFY2(difference(lesion, reset) < 1.5, qPrintable(QString("difference %1").arg(difference(lesion, reset))));
}

void VolumeViewGuiTest::sagittalAcquisitionMatchesAxial() {
    const QString folder = kSamples + "/lms_cervical_spine/baseline";
    if (!QFile::exists(folder)) QSKIP("sample_dicom is absent");
    const auto axial = loadSeries(folder + "/01_CT_CSPINE_AX");
    const auto sagittal = loadSeries(folder + "/02_CT_CSPINE_SAG");
    QVERIFY(axial && sagittal);
    QVERIFY(axial->geometry.orientation() == imaging::SliceOrientation::Axial);
    QVERIFY(sagittal->geometry.orientation() == imaging::SliceOrientation::Sagittal);

    VolumeView view;
    view.resize(560, 560);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QImage images[2];
    vtkNew<vtkCamera> camera;  // the axial series' anterior view, kept for the sagittal one
    for (int s = 0; s < 2; ++s) {
        view.setVolume(s == 0 ? axial : sagittal);
        QVERIFY(waitReady(view));
        if (s == 0)
            camera->DeepCopy(view.renderer()->GetActiveCamera());
        else
            view.renderer()->GetActiveCamera()->DeepCopy(camera);
        images[s] = view.grabFramebuffer();
        QVERIFY(contentInMiddle(images[s]) > 0.03);
    }
    save(images[0], "volume3d_lms_axial_acquisition");
    save(images[1], "volume3d_lms_sagittal_acquisition");
    // Both are the same neck in patient space seen by the same camera. A sagittal volume drawn
    // in index space would lie on its side and overlap little.
    const double overlap = foregroundOverlap(images[0], images[1]);
    QVERIFY2(overlap > 0.6, qPrintable(QString("overlap %1").arg(overlap)));
}

void VolumeViewGuiTest::mainWindowHasTheThreeDPane() {
    const QString ct = kSamples + "/ccs_craniocervical/baseline/01_CT_NECK";
    if (!QFile::exists(ct)) QSKIP("sample_dicom is absent");
    viewer::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    VolumeView* view = window.volumeView();
    QVERIFY(view);
    QVERIFY(view->isVisible());
    QSignalSpy loaded(&window, &viewer::MainWindow::volumeLoaded);
    window.openPath(ct, true);
    QVERIFY(QTest::qWaitFor([&] { return loaded.count() > 0; }, 60000));
    QCOMPARE(view->volume(), window.currentVolume().get());
    QVERIFY(waitReady(*view));
    // The axial view's scrolling moves the 3D view's axial outline (a repaint, no new volume).
    window.sliceView(viewer::ViewPlane::Axial)->setSliceIndex(5);
    const QImage frame = view->grabFramebuffer();
    save(frame, "volume3d_mainwindow_pane");
    save(window.grab().toImage(), "volume3d_mainwindow");
    QVERIFY(contentInMiddle(frame) > 0.03);
    // Double-click maximizes the 3D pane like the others, and again restores the grid.
    QTest::mouseDClick(view, Qt::LeftButton, Qt::NoModifier, view->rect().center());
    QTRY_VERIFY(!window.sliceView(viewer::ViewPlane::Axial)->isVisible());
    QVERIFY(view->isVisible());
    QTest::mouseDClick(view, Qt::LeftButton, Qt::NoModifier, view->rect().center());
    QTRY_VERIFY(window.sliceView(viewer::ViewPlane::Axial)->isVisible());
}

void VolumeViewGuiTest::renderTimes() {
    const QString ct = kSamples + "/ccs_craniocervical/baseline/02_CT_NECK_C";
    if (!QFile::exists(ct)) QSKIP("sample_dicom is absent");
    struct Case {
        const char* name;
        std::shared_ptr<const imaging::Volume> volume;
    };
    QElapsedTimer built;
    built.start();
    const auto big = qEnvironmentVariableIntValue("MENSURA_VOLUME_BENCH") == 1 ? bigCt() : nullptr;
    const qint64 buildMs = built.elapsed();
    // The GPU ray caster (tens of seconds on llvmpipe) and the big CT only with
    // MENSURA_VOLUME_BENCH=1, to keep the GUI suite short.
    const bool bench = qEnvironmentVariableIntValue("MENSURA_VOLUME_BENCH") == 1;
    std::vector<Case> cases{
        {"ccs 02_CT_NECK_C", loadSeries(ct)},
        {"lms 02_CT_CSPINE_SAG", loadSeries(kSamples + "/lms_cervical_spine/baseline/02_CT_CSPINE_SAG")}};
    if (bench) cases.push_back({"synthetic 512x512x400 CT", big});
    VolumeView view;
    view.resize(512, 512);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    qInfo("3D render times at %dx%d (median of 3, ms; glFinish included); synthetic volume filled in %lld ms",
          view.width(), view.height(), buildMs);
    for (const Case& c : cases) {
        QVERIFY(c.volume);
        for (VolumeView::Mapper m : {VolumeView::Mapper::Cpu, VolumeView::Mapper::Gpu}) {
            if (m == VolumeView::Mapper::Gpu && !bench) continue;
            view.setMapper(m);
            QElapsedTimer prepare;
            prepare.start();
            view.setVolume(c.volume);
            QVERIFY(waitReady(view));
            const qint64 prepareMs = prepare.elapsed();
            QElapsedTimer first;
            first.start();
            view.grabFramebuffer();  // the first frame builds the mapper's caches (min-max, gradients)
            const qint64 firstMs = first.elapsed();
            const auto [still, interactive] = timeRenders(view);
            const auto& g = c.volume->geometry;
            qInfo(
                "  %-26s %3zux%3zux%3zu %s: images ready %5lld ms (worker), first frame %5lld ms, still %7.1f ms, "
                "interactive %6.1f ms",
                c.name, g.size[0], g.size[1], g.size[2], m == VolumeView::Mapper::Cpu ? "CPU" : "GPU", prepareMs,
                firstMs, still, interactive);
            if (bench) {  // soft tissue: most rays cross opaque-ish tissue, little empty space to skip
                view.setPreset(viewer::VolumePreset::CtSoftTissue);
                const auto [softStill, softInteractive] = timeRenders(view);
                qInfo("  %-26s soft-tissue preset: still %7.1f ms, interactive %6.1f ms", c.name, softStill,
                      softInteractive);
                view.setPreset(viewer::VolumePreset::Auto);
            }
            if (c.volume == big && m == VolumeView::Mapper::Cpu) save(view.grabFramebuffer(), "volume3d_big_ct_cpu");
            if (c.volume == big && m == VolumeView::Mapper::Gpu) save(view.grabFramebuffer(), "volume3d_big_ct_gpu");
        }
    }
}

int main(int argc, char** argv) {
    viewer::VtkOpenGLWidget::installDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setOrganizationName("MensuraTest");
    VolumeViewGuiTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "VolumeViewGuiTest.moc"
