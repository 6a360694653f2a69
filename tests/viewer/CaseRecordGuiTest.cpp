// GUI test of the case record panel, as a radiologist fills it on a reading day: the seed 000
// example case is opened; the age is edited, a refused value (not a number, out of 0-130) leaves
// the record as it was, undo and redo restore each state; a vertebral level is added to the
// lesion (a wrong level is refused with the record rule's message; S5 is a level, S6 is not); a
// follow-up timepoint is added; a caliper placed with the mouse is linked to lesion L1 at that
// timepoint through the link dialog (its length shows in the record, linked); a coded finding
// (T2 signal vs muscle) is added with the annotation as evidence; double-clicking a record field
// jumps the views to its image; the saved case.json holds it all. Runs under Xvfb.
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest/QtTest>

#include "GuiSupport.h"

#include <nlohmann/json.hpp>

#include "mensura/case/CaseFolder.h"
#include "mensura/viewer/AnnotationPanel.h"
#include "mensura/viewer/CaseController.h"
#include "mensura/viewer/CaseRecordPanel.h"
#include "mensura/viewer/FindingDialog.h"
#include "mensura/viewer/MainWindow.h"
#include "mensura/viewer/MeasurementTool.h"
#include "mensura/viewer/ObservationTree.h"
#include "mensura/viewer/RecordTable.h"
#include "mensura/viewer/ReportPreview.h"
#include "mensura/viewer/SliceView.h"
#include "mensura/viewer/VtkOpenGLWidget.h"

using namespace mensura;
using namespace mensura::guitest;
using annotations::AnnotationKind;
using viewer::ViewPlane;

namespace {

const imaging::PointLps kCentre{27, 8, 10};

const annotations::CaseRecord& record(const viewer::MainWindow& w) { return w.caseController()->document()->record; }

// Types into a line edit and finishes the edit as Enter would.
void typeInto(QLineEdit* edit, const QString& text) {
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

// Edits a table cell the way a double-click and typing does.
void editCell(QTableWidget* table, int row, int column, const QString& text) {
    table->setCurrentCell(row, column);
    table->item(row, column)->setText(text);
}

// Whether a label under the widget shows the text (a refusal's message).
bool labelShows(const QWidget* parent, const QString& text) {
    for (const QLabel* label : parent->findChildren<QLabel*>())
        if (label->text().contains(text)) return true;
    return false;
}

int columnOf(QTableWidget* table, const QString& header) {
    for (int c = 0; c < table->columnCount(); ++c)
        if (table->horizontalHeaderItem(c)->text() == header) return c;
    return -1;
}

}  // namespace

class CaseRecordGuiTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void fillTheRecord();
};

void CaseRecordGuiTest::fillTheRecord() {
    if (!sampleDataPresent()) QSKIP("sample_dicom is absent");
    QTemporaryDir dir;
    QVERIFY(copyExampleCase(dir.path()));
    viewer::MainWindow window;
    QVERIFY(showAndOpen(window, dir.path()));  // a folder with case.json opens as a case
    viewer::CaseRecordPanel* panel = window.recordPanel();
    QVERIFY(panel && panel->isEnabled());

    // Patient: the age shows; an edit is one undo step; a refused value changes nothing.
    QLineEdit* age = panel->findChild<QLineEdit*>("age");
    QVERIFY(age);
    QCOMPARE(age->text(), QString("33"));
    typeInto(age, "34");
    QCOMPARE(*record(window).patient.ageYears, 34.0);
    QVERIFY(window.caseController()->undoText().contains("age"));
    typeInto(age, "old");
    QCOMPARE(*record(window).patient.ageYears, 34.0);
    QCOMPARE(age->text(), QString("34"));
    // Out of the record's range (RecordRules.h): refused with the rule's own message.
    typeInto(age, "131");
    QCOMPARE(*record(window).patient.ageYears, 34.0);
    QCOMPARE(age->text(), QString("34"));
    QVERIFY(labelShows(panel, "age 131 is out of range 0-130"));
    window.setFocus();
    window.caseController()->undo();
    QCOMPARE(*record(window).patient.ageYears, 33.0);
    QCOMPARE(age->text(), QString("33"));
    window.caseController()->redo();
    QCOMPARE(*record(window).patient.ageYears, 34.0);
    // A history text field.
    QLineEdit* diagnosis = panel->findChild<QLineEdit*>("diagnosis");
    typeInto(diagnosis, "Clear cell sarcoma (EWSR1 rearranged)");
    QCOMPARE(record(window).diagnosis.text, std::string("Clear cell sarcoma (EWSR1 rearranged)"));

    // Lesions: vertebral levels are checked.
    viewer::RecordTable* lesions = panel->table("lesion");
    QVERIFY(lesions);
    QCOMPARE(lesions->table()->rowCount(), 1);
    const int levels = columnOf(lesions->table(), "Vertebral levels");
    QCOMPARE(lesions->table()->item(0, levels)->text(), QString("C1, C2"));
    editCell(lesions->table(), 0, levels, "c1 c2 c3");
    QCOMPARE(record(window).lesions[0].vertebralLevels, (std::vector<std::string>{"C1", "C2", "C3"}));
    editCell(lesions->table(), 0, levels, "C1, X9");
    QCOMPARE(record(window).lesions[0].vertebralLevels.size(), std::size_t(3));
    QCOMPARE(lesions->table()->item(0, levels)->text(), QString("C1, C2, C3"));
    QVERIFY(labelShows(lesions, "vertebral level \"X9\" does not exist (C1-C7, T1-T12, L1-L5, S1-S5)"));
    // The sacrum by segment, as the Level tool lists it; there is no S6.
    editCell(lesions->table(), 0, levels, "s5");
    QCOMPARE(record(window).lesions[0].vertebralLevels, std::vector<std::string>{"S5"});
    editCell(lesions->table(), 0, levels, "S6");
    QCOMPARE(record(window).lesions[0].vertebralLevels, std::vector<std::string>{"S5"});
    editCell(lesions->table(), 0, levels, "C1 C2 C3");
    QCOMPARE(record(window).lesions[0].vertebralLevels, (std::vector<std::string>{"C1", "C2", "C3"}));

    // Imaging: the baseline shows L1's tri-axial values, linked to their annotation.
    panel->tabs()->setCurrentIndex(2);
    viewer::ObservationTree* tree = panel->observations();
    QTreeWidgetItem* ap = nullptr;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->text(0) == "AP diameter") ap = *it;
    QVERIFY(ap);
    QVERIFY(ap->text(1).startsWith("40.0 mm"));
    QCOMPARE(ap->text(2), QString("linked"));
    QVERIFY(ap->text(3).contains("tri-axial"));

    // Add a follow-up timepoint.
    viewer::RecordTable* timepoints = panel->table("timepoint");
    QVERIFY(timepoints);
    QTest::mouseClick(timepoints->findChildren<QPushButton*>().front(), Qt::LeftButton);
    QCOMPARE(record(window).imaging.size(), std::size_t(2));
    QCOMPARE(record(window).imaging[1].role, annotations::TimepointRole::FollowUp);
    const QString followUp = QString::fromStdString(record(window).imaging[1].uid);
    QCOMPARE(panel->currentTimepoint(), followUp);

    // A caliper placed with the mouse on the axial view, 30 mm along L.
    viewer::SliceView* axial = window.sliceView(ViewPlane::Axial);
    axial->showLps(kCentre);
    QTest::qWait(50);
    QVERIFY(pressShortcut(window, Qt::Key_C));
    QCOMPARE(window.measurementTool()->tool(), viewer::Tool::Caliper);
    const QPoint a = widgetPoint(axial, {12, 8, 10}), b = widgetPoint(axial, {42, 8, 10});
    QTest::mousePress(axial, Qt::LeftButton, Qt::NoModifier, a);
    QTest::mouseMove(axial, b);
    QTest::mouseRelease(axial, Qt::LeftButton, Qt::NoModifier, b);
    const QString caliper = window.annotationPanel()->selectedUid();
    QVERIFY(!caliper.isEmpty());
    const auto* placed = window.caseController()->session()->model().findAnnotation(caliper.toStdString());
    QVERIFY(placed && placed->kind == AnnotationKind::Line);
    const double length = placed->find(annotations::Quantity::Length)->measurement.value;
    QVERIFY2(std::fabs(length - 30) < 2 * axial->mapping().mmPerPixel, qPrintable(QString::number(length)));

    // Ctrl+L: the link dialog, set to the follow-up and L1; OK links the length.
    QVERIFY(pressShortcut(window, Qt::Key_L, Qt::ControlModifier));
    auto* link = panel->findChild<viewer::FindingDialog*>("linkDialog");
    QVERIFY(link);
    link->timepointBox()->setCurrentIndex(link->timepointBox()->findData(followUp));
    QCOMPARE(link->lesionBox()->currentText().left(2), QString("L1"));
    link->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    const annotations::RecordValue* linked = nullptr;
    for (const auto& o : record(window).imaging[1].observations)
        for (const auto& v : o.values)
            if (v.link && v.link->annotationUid == caliper.toStdString()) linked = &v;
    QVERIFY(linked);
    QCOMPARE(linked->value.value, length);
    QCOMPARE(linked->state, annotations::LinkState::Linked);
    QTreeWidgetItem* lengthItem = tree->itemForField(QString::fromStdString(linked->fieldId));
    QVERIFY(lengthItem);
    QVERIFY(lengthItem->text(1).startsWith(QString::number(length, 'f', 1)));
    QVERIFY(lengthItem->text(3).contains("Caliper"));

    // Ctrl+Shift+F: a coded finding with the caliper as evidence: T2 slightly high vs muscle.
    QVERIFY(pressShortcut(window, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier));
    auto* finding = panel->findChild<viewer::FindingDialog*>("findingDialog");
    QVERIFY(finding);
    finding->timepointBox()->setCurrentIndex(finding->timepointBox()->findData(followUp));
    finding->conceptBox()->setCurrentText("Signal intensity relative to reference tissue");
    finding->valueBox()->setCurrentText("slightly hyperintense");
    saveScreenshot(window.grab().toImage(), "record_finding_dialog");
    saveScreenshot(finding->grab().toImage(), "finding_dialog");
    finding->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    const annotations::Finding* added = nullptr;
    for (const auto& o : record(window).imaging[1].observations)
        for (const auto& f : o.findings) added = &f;
    QVERIFY(added);
    QCOMPARE(added->value.meaning, std::string("slightly hyperintense"));
    QCOMPARE(added->referenceTissue.meaning, std::string("Skeletal muscle"));
    QCOMPARE(added->evidence, std::vector<std::string>{caliper.toStdString()});
    QCOMPARE(added->state, annotations::LinkState::Linked);

    // Double-clicking the baseline AP field jumps the views to the tri-axial.
    timepoints->table()->setCurrentCell(0, 0);
    axial->setSliceIndex(0);
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->text(0) == "AP diameter") ap = *it;
    emit tree->itemDoubleClicked(ap, 0);
    QTest::qWait(50);
    QVERIFY(std::fabs(axial->mapping().distanceFromPlane(kCentre)) < 2);
    QTest::qWait(100);
    saveScreenshot(window.grab().toImage(), "record_imaging_tab");

    // Saved: case.json holds the edits, and reads back.
    QVERIFY(window.saveCase().isEmpty());
    auto reopened = annotations::openCase(dir.path().toStdString());
    QVERIFY(reopened.ok());
    QCOMPARE(*reopened->document.record.patient.ageYears, 34.0);
    QCOMPARE(reopened->document.record.imaging.size(), std::size_t(2));
    QCOMPARE(reopened->document.record.imaging[1].observations.front().findings.size(), std::size_t(1));

    // Export menu: FHIR carries the new finding and the linked length; the PDF is a PDF.
    QSignalSpy exported(&window, &viewer::MainWindow::exportFinished);
    window.findChild<QAction*>("export_fhir")->trigger();
    QVERIFY(QTest::qWaitFor([&] { return exported.count() == 1; }, 60000));
    QStringList files = exported.at(0).at(0).toStringList();
    QCOMPARE(exported.at(0).at(1).toString(), QString());
    QCOMPARE(files.size(), 1);
    QFile fhir(files.front());
    QVERIFY(fhir.open(QIODevice::ReadOnly));
    const auto bundle = nlohmann::json::parse(fhir.readAll().toStdString());
    QCOMPARE(bundle["resourceType"].get<std::string>(), std::string("Bundle"));
    const std::string text = bundle.dump();
    QVERIFY(text.find("slightly hyperintense") != std::string::npos);
    bool lengthFound = false;
    for (const auto& e : bundle["entry"])
        if (e["resource"].contains("valueQuantity"))
            lengthFound =
                lengthFound || std::fabs(e["resource"]["valueQuantity"]["value"].get<double>() - length) < 1e-6;
    QVERIFY2(lengthFound, "the linked caliper length is not an Observation of the FHIR bundle");
    window.findChild<QAction*>("export_pdf")->trigger();
    QVERIFY(QTest::qWaitFor([&] { return exported.count() == 2; }, 120000));
    QCOMPARE(exported.at(1).at(1).toString(), QString());
    files = exported.at(1).at(0).toStringList();
    QVERIFY(files.size() == 1 && files.front().endsWith("report.pdf"));
    QFile pdf(files.front());
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");

    // The report preview: built in the background, a tall page with key images (colour).
    window.previewReport();
    auto* preview = window.findChild<viewer::ReportPreview*>("reportPreview");
    QVERIFY(preview);
    QVERIFY(QTest::qWaitFor([&] { return preview->isReady() || !preview->error().isEmpty(); }, 120000));
    QCOMPARE(preview->error(), QString());
    const QImage page = preview->image();
    QVERIFY(page.height() > 2 * page.width());
    int coloured = 0;
    for (int y = 0; y < page.height(); y += 3)
        for (int x = 0; x < page.width(); x += 3) {
            const QRgb c = page.pixel(x, y);
            coloured += std::max({qRed(c), qGreen(c), qBlue(c)}) - std::min({qRed(c), qGreen(c), qBlue(c)}) > 80;
        }
    QVERIFY2(coloured > 50, "no annotation colour in the report's key images");
    QTest::qWait(100);
    saveScreenshot(preview->grab().toImage(), "report_preview");
    saveScreenshot(page, "report_page");
    preview->close();
}

MENSURA_GUI_TEST_MAIN(CaseRecordGuiTest)

#include "CaseRecordGuiTest.moc"
