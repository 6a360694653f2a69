// mensura [PATH...]: the viewer. PATH is a case folder (holding case.json: its annotations,
// record and series open), or a folder or file of DICOM; several files open as one set (indexed,
// and the largest series loaded).
// --screenshot PNG saves the window once the series has loaded, then quits (for docs and scripts).
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

#include "mensura/core/Version.h"
#include "mensura/viewer/MainWindow.h"
#include "mensura/viewer/VtkOpenGLWidget.h"

int main(int argc, char** argv) {
    // The surface format must be set before the QApplication exists.
    mensura::viewer::VtkOpenGLWidget::installDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setApplicationName("Mensura");
    QApplication::setOrganizationName("Mensura");
    QApplication::setApplicationVersion(mensura::kVersion);
    QCommandLineParser parser;
    parser.setApplicationDescription("Mensura: lesion measurement and annotation viewer");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("paths", "a case folder (with case.json), a DICOM folder, or DICOM files",
                                 "[paths...]");
    QCommandLineOption screenshot("screenshot", "save the window to <png> once the series has loaded, then quit",
                                  "png");
    parser.addOption(screenshot);
    parser.process(app);

    mensura::viewer::MainWindow window;
    window.show();
    const QStringList paths = parser.positionalArguments();
    if (parser.isSet(screenshot)) {
        const QString out = parser.value(screenshot);
        auto shoot = [&window, out](int status) {
            // a moment for the views to render the loaded slices
            QTimer::singleShot(1500, &window, [&window, out, status] {
                const bool saved = window.grab().save(out);
                std::fprintf(stderr, "mensura: %s %s\n", saved ? "saved" : "could not write", qPrintable(out));
                QApplication::exit(saved ? status : 1);
            });
        };
        QObject::connect(&window, &mensura::viewer::MainWindow::volumeLoaded, &window, [shoot] { shoot(0); });
        QObject::connect(&window, &mensura::viewer::MainWindow::loadFailed, &window, [shoot] { shoot(1); });
        if (paths.isEmpty()) shoot(0);
        QTimer::singleShot(120000, &app, [] {
            std::fprintf(stderr, "mensura: nothing loaded within 120 s\n");
            QApplication::exit(1);
        });
    }
    if (paths.size() == 1)
        window.openPath(paths.front(), true);
    else if (paths.size() > 1)
        window.openFiles(paths);
    return app.exec();
}
