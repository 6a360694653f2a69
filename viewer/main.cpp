// mensura [PATH]: the viewer. PATH is a case folder (holding case.json: its annotations, record
// and series open), or a folder or file of DICOM (indexed, and its largest series loaded).
#include <QApplication>
#include <QStringList>

#include "viewer/MainWindow.h"
#include "viewer/VtkOpenGLWidget.h"

int main(int argc, char** argv) {
    // The surface format must be set before the QApplication exists.
    mensura::viewer::VtkOpenGLWidget::installDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setApplicationName("Mensura");
    QApplication::setOrganizationName("Mensura");
    mensura::viewer::MainWindow window;
    window.show();
    const QStringList args = QApplication::arguments();
    if (args.size() > 1) window.openPath(args.at(1), true);
    return app.exec();
}
