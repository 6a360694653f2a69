#include "GuiSupport.h"

#include <cmath>

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QtTest/QtTest>

#include "mensura/viewer/CaseController.h"
#include "mensura/viewer/MainWindow.h"
#include "mensura/viewer/SliceView.h"

namespace mensura::guitest {

QString sourceDir() { return QStringLiteral(MENSURA_SOURCE_DIR); }

bool sampleDataPresent() {
    return QFile::exists(sourceDir() + "/sample_dicom/ccs_craniocervical/baseline/02_CT_NECK_C");
}

bool copyExampleCase(const QString& to) {
    QFile in(sourceDir() + "/cases/examples/seed000_ccs_craniocervical/case.json");
    if (!in.open(QIODevice::ReadOnly)) return false;
    QString text = QString::fromUtf8(in.readAll());
    text.replace("../../../sample_dicom", sourceDir() + "/sample_dicom");
    QFile out(to + "/case.json");
    return out.open(QIODevice::WriteOnly) && out.write(text.toUtf8()) > 0;
}

bool showAndOpen(viewer::MainWindow& window, const QString& path, bool autoLoadLargest) {
    window.resize(1500, 950);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) return false;
    // Shortcuts need an active window; Xvfb has no window manager to activate it.
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window)) return false;
    QSignalSpy loaded(&window, &viewer::MainWindow::volumeLoaded);
    window.openPath(path, autoLoadLargest);
    return QTest::qWaitFor([&] { return loaded.count() > 0; }, 60000);
}

bool pressShortcut(viewer::MainWindow& window, int key, Qt::KeyboardModifiers modifiers) {
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window)) return false;
    QTest::keyClick(&window, Qt::Key(key), modifiers);
    return true;
}

QPoint widgetPoint(const viewer::SliceView* view, imaging::PointLps p) {
    double x = 0, y = 0;
    view->mapping().toWidget(p, x, y);
    return QPoint(int(std::lround(x)), int(std::lround(y)));
}

void drag(viewer::SliceView* view, imaging::PointLps from, imaging::PointLps to) {
    const QPoint a = widgetPoint(view, from), b = widgetPoint(view, to);
    QTest::mouseMove(view, a);
    QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, a);
    QTest::mouseMove(view, (a + b) / 2);
    QTest::mouseMove(view, b);
    QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, b);
}

int countOf(const viewer::MainWindow& w, annotations::AnnotationKind kind) {
    int n = 0;
    for (const auto& a : *w.caseController()->annotations()) n += a.kind == kind;
    return n;
}

const annotations::Annotation* lastOf(const viewer::MainWindow& w, annotations::AnnotationKind kind) {
    const annotations::Annotation* found = nullptr;
    for (const auto& a : w.caseController()->session()->model().document().annotations)
        if (a.kind == kind) found = &a;
    return found;
}

double valueOf(const annotations::Annotation& a, annotations::Quantity q) {
    const auto* v = a.find(q);
    return v ? v->measurement.value : -1;
}

int colouredNear(const QImage& image, QPoint p, int r) {
    int n = 0;
    for (int y = std::max(0, p.y() - r); y < std::min(image.height(), p.y() + r); ++y)
        for (int x = std::max(0, p.x() - r); x < std::min(image.width(), p.x() + r); ++x) {
            const QRgb c = image.pixel(x, y);
            n += std::max({qRed(c), qGreen(c), qBlue(c)}) - std::min({qRed(c), qGreen(c), qBlue(c)}) > 80;
        }
    return n;
}

void saveScreenshot(const QImage& image, const QString& name) {
    QDir().mkpath(MENSURA_SCREENSHOT_DIR);
    image.save(QStringLiteral(MENSURA_SCREENSHOT_DIR "/%1.png").arg(name));
}

}  // namespace mensura::guitest
