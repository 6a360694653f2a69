#pragma once
// The case record as forms, in the order tumour boards read it: patient and presentation,
// lesions, imaging per timepoint (values linked to annotations, coded findings), laboratory,
// pathology and genetics, treatment, outcome. Every edit is one EditRecord command on the case
// history, so Ctrl+Z undoes it like an annotation edit. The imaging tab links the selected
// annotation's values to a lesion and adds coded findings with it as evidence.
#include <functional>
#include <vector>

#include <QWidget>

#include "mensura/viewer/RecordTable.h"

class QTabWidget;
class QLineEdit;
class QPlainTextEdit;
class QComboBox;
class QLabel;
class QFormLayout;

namespace mensura::viewer {

class CaseController;
class FindingDialog;
class ObservationTree;

class CaseRecordPanel : public QWidget {
    Q_OBJECT
  public:
    explicit CaseRecordPanel(CaseController* controller, QWidget* parent = nullptr);

    // Shows the open case's record (after every change).
    void refresh();
    // The annotation selected in the annotation panel: what "Link" and "Add finding" use.
    void setSelectedAnnotation(const QString& uid);
    // Modality and description of a series, for the sequence a finding was read on.
    void setSeriesDescriber(std::function<std::pair<QString, QString>(const QString& seriesUid)> describer);

    // Opens the dialog that links the annotation's values to a lesion (or adds a finding with it
    // as evidence); the result goes through the history.
    FindingDialog* openLinkDialog(const QString& annotationUid);
    FindingDialog* openFindingDialog(const QString& annotationUid);
    // The same edits without a dialog; the error text, or empty.
    QString linkAnnotation(const QString& annotationUid, const QString& timepointUid, const QString& lesionUid);
    QString addFinding(const QString& timepointUid, const QString& lesionUid, const annotations::Finding& finding);

    QTabWidget* tabs() const { return tabs_; }
    RecordTable* table(const QString& objectName) const;
    QLineEdit* lineField(const QString& objectName) const;
    ObservationTree* observations() const { return observations_; }
    QString currentTimepoint() const;

  signals:
    void annotationActivated(const QString& uid);
    void message(const QString& text);

  private:
    struct TextField {
        QWidget* editor;
        std::function<std::string*(annotations::CaseRecord&)> field;
    };
    QWidget* patientTab();
    QWidget* imagingTab();
    QWidget* tablesTab(std::vector<RecordTable*> tables);
    RecordTable* addTable(TableSpec spec);
    void addText(QFormLayout* form, const QString& label, const QString& name,
                 std::function<std::string*(annotations::CaseRecord&)> field, bool multiline = false);
    void commitText(const TextField& f);
    QString push(const QString& description, RecordEdit edit);
    bool eventFilter(QObject* watched, QEvent* event) override;

    CaseController* controller_;
    QTabWidget* tabs_;
    std::vector<TextField> texts_;
    std::vector<RecordTable*> tables_;
    QLineEdit* age_ = nullptr;
    QComboBox* sex_ = nullptr;
    RecordTable *timepoints_ = nullptr, *pathology_ = nullptr, *regimens_ = nullptr;
    ObservationTree* observations_ = nullptr;
    QLabel* status_ = nullptr;
    QString selectedAnnotation_;
    std::function<std::pair<QString, QString>(const QString&)> describer_;
};

}  // namespace mensura::viewer
