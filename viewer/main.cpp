// mensura [PATH]: the viewer. PATH (a folder or file) is indexed at start and its largest
// series loaded.
#include <QApplication>
#include <QStringList>

#include "viewer/MainWindow.h"
#include "viewer/VtkOpenGLWidget.h"

int main(int argc, char** argv) {
    // The surface format must be set before the QApplication exists.
    mensura::viewer::VtkOpenGLWidget::installDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setApplicationName("Mensura");
    mensura::viewer::MainWindow window;
    window.show();
    const QStringList args = QApplication::arguments();
    if (args.size() > 1) window.openPath(args.at(1), true);
    return app.exec();
}
