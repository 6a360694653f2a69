#pragma once
// What the viewer's GUI tests share: the seed 000 example case copied with absolute DICOM paths,
// the main window shown and a path opened, mouse drags between patient points on a view, the
// annotations of a kind, and screenshots written to the build folder for review.
#include <QImage>
#include <QPoint>
#include <QString>

#include "mensura/annotations/Annotation.h"
#include "mensura/core/Vec3.h"

namespace mensura::viewer {
class MainWindow;
class SliceView;
}  // namespace mensura::viewer

namespace mensura::guitest {

// The project's source folder (sample_dicom/, cases/examples/).
QString sourceDir();
bool sampleDataPresent();
// Copies cases/examples/seed000_ccs_craniocervical/case.json into `to`, its DICOM paths
// (../../../sample_dicom) made absolute.
bool copyExampleCase(const QString& to);
// Shows the window (1500 x 950), makes it active (Xvfb has no window manager) and opens the path;
// true once a volume has loaded.
bool showAndOpen(viewer::MainWindow& window, const QString& path, bool autoLoadLargest = false);

// A shortcut as the user presses it: the window is made active first (shortcuts go to the active
// window only).
bool pressShortcut(viewer::MainWindow& window, int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);

QPoint widgetPoint(const viewer::SliceView* view, imaging::PointLps p);
// Left-drag from one patient point to another on the view.
void drag(viewer::SliceView* view, imaging::PointLps from, imaging::PointLps to);

int countOf(const viewer::MainWindow& window, annotations::AnnotationKind kind);
const annotations::Annotation* lastOf(const viewer::MainWindow& window, annotations::AnnotationKind kind);
double valueOf(const annotations::Annotation& a, annotations::Quantity q);  // -1 when absent

// Pixels within r of p whose colour is saturated (annotations; the image is grey).
int colouredNear(const QImage& image, QPoint p, int r);
// <build>/viewer/screenshots/<name>.png
void saveScreenshot(const QImage& image, const QString& name);

}  // namespace mensura::guitest

// main() of a GUI test: the VTK surface format, then the QApplication, then the test object.
#define MENSURA_GUI_TEST_MAIN(TestClass)                                 \
    int main(int argc, char** argv) {                                    \
        mensura::viewer::VtkOpenGLWidget::installDefaultSurfaceFormat(); \
        QApplication app(argc, argv);                                    \
        QApplication::setOrganizationName("MensuraTest");                \
        TestClass test;                                                  \
        return QTest::qExec(&test, argc, argv);                          \
    }
