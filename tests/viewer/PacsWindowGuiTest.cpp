// The PACS window against a real Orthanc on loopback: search, expand a study into its series,
// retrieve it with a progress bar, and send a file back; all off the GUI thread.
#include <QDir>
#include <QDirIterator>
#include <QSettings>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QtTest>

#include "mensura/viewer/PacsWindow.h"
#include "pacs/OrthancServer.h"
#include "support/TempDir.h"

using mensura::test::OrthancServer;
using mensura::test::TempDir;
using mensura::viewer::PacsWindow;

class PacsWindowGuiTest : public QObject {
    Q_OBJECT
  private slots:
    void searchRetrieveAndSend();
};

void PacsWindowGuiTest::searchRetrieveAndSend() {
    if (!OrthancServer::available()) QSKIP("Orthanc or its DICOMweb plugin is not installed");
    OrthancServer server;
    QVERIFY2(server.running(), server.startError().c_str());
    const auto files = OrthancServer::filesUnder(std::string(MENSURA_SAMPLE_DICOM) + "/asps_tongue_followup/followup");
    QCOMPARE(server.upload(files), int(files.size()));

    TempDir out;
    // Settings in a temporary folder: the configured archive survives a new window.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, QString::fromStdString(out / "settings"));
    QCoreApplication::setOrganizationName("MensuraTest");
    {
        PacsWindow first;
        first.setNode(server.node());
        first.saveNode("Test Orthanc");
    }
    PacsWindow w;
    QCOMPARE(w.nodeNames(), QStringList{"Test Orthanc"});
    w.selectNode("Test Orthanc");
    w.setRetrieveFolder(QString::fromStdString(out.path()));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));

    // The GUI stays responsive while the search runs: the busy signal comes first, results later.
    QSignalSpy busy(&w, &PacsWindow::busyChanged);
    w.search();
    QCOMPARE(busy.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(w.results()->topLevelItemCount(), 1, 30000);
    QTreeWidgetItem* study = w.results()->topLevelItem(0);
    QVERIFY(study->text(0).contains("ASPS"));
    QCOMPARE(study->text(3).toInt(), int(files.size()));
    study->setExpanded(true);
    QTRY_COMPARE_WITH_TIMEOUT(study->childCount(), 3, 30000);

    QSignalSpy retrieved(&w, &PacsWindow::studyRetrieved);
    w.results()->setCurrentItem(study);
    w.retrieveSelected();
    QTRY_COMPARE_WITH_TIMEOUT(retrieved.count(), 1, 120000);
    int count = 0;
    for (QDirIterator it(retrieved[0][0].toString(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();
         it.next())
        ++count;
    QCOMPARE(count, int(files.size()));
    QVERIFY2(w.status().contains(QString::number(files.size())), qPrintable(w.status()));
    const QString shot = QDir::currentPath() + "/pacs_window.png";
    w.grab().save(shot);
    qInfo("screenshot: %s", qPrintable(shot));

    w.setFilesToSend({QString::fromStdString(files.front())});
    w.sendFiles();
    QTRY_VERIFY_WITH_TIMEOUT(w.status().contains("stored"), 30000);
    QVERIFY2(w.status().startsWith("1 file"), qPrintable(w.status()));
}

QTEST_MAIN(PacsWindowGuiTest)
#include "PacsWindowGuiTest.moc"
