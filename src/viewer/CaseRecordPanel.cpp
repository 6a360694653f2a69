#include "mensura/viewer/CaseRecordPanel.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "RecordSpecs.h"
#include "mensura/annotations/Codes.h"
#include "mensura/case/ObservationEdits.h"
#include "mensura/case/RecordCommands.h"
#include "mensura/case/RecordRules.h"
#include "mensura/viewer/CaseController.h"
#include "mensura/viewer/FindingDialog.h"
#include "mensura/viewer/ObservationTree.h"

namespace mensura::viewer {

using namespace annotations;

namespace {
QString qs(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

CaseRecordPanel::CaseRecordPanel(CaseController* controller, QWidget* parent)
    : QWidget(parent), controller_(controller) {
    setObjectName("caseRecordPanel");
    tabs_ = new QTabWidget(this);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(tabs_);
    layout->addWidget(status_);

    tabs_->addTab(patientTab(), tr("Patient"));
    tabs_->addTab(tablesTab({addTable(lesionsSpec())}), tr("Lesions"));
    tabs_->addTab(imagingTab(), tr("Imaging"));
    tabs_->addTab(tablesTab({addTable(laboratorySpec())}), tr("Labs"));
    pathology_ = addTable(pathologySpec());
    RecordTable* ihc = addTable(immunohistochemistrySpec([this] { return pathology_->currentRow(); }));
    tabs_->addTab(tablesTab({pathology_, ihc, addTable(geneticsSpec())}), tr("Pathology"));
    regimens_ = addTable(regimensSpec());
    RecordTable* drugs = addTable(drugsSpec([this] { return regimens_->currentRow(); }));
    tabs_->addTab(tablesTab({addTable(proceduresSpec()), regimens_, drugs, addTable(radiotherapySpec())}),
                  tr("Treatment"));
    tabs_->addTab(tablesTab({addTable(outcomeSpec())}), tr("Outcome"));
    // Nested tables follow their parent's row.
    connect(pathology_, &RecordTable::currentRowChanged, this, &CaseRecordPanel::refresh);
    connect(regimens_, &RecordTable::currentRowChanged, this, &CaseRecordPanel::refresh);
    refresh();
}

RecordTable* CaseRecordPanel::addTable(TableSpec spec) {
    auto* t =
        new RecordTable(std::move(spec), [this](const QString& d, RecordEdit e) { return push(d, std::move(e)); });
    tables_.push_back(t);
    return t;
}

QWidget* CaseRecordPanel::tablesTab(std::vector<RecordTable*> tables) {
    if (tables.size() == 1) return tables.front();
    auto* split = new QSplitter(Qt::Vertical);
    for (RecordTable* t : tables) {
        auto* box = new QWidget;
        auto* l = new QVBoxLayout(box);
        l->setContentsMargins(0, 4, 0, 0);
        QString title = t->spec().name;
        title[0] = title[0].toUpper();
        l->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(title)));
        l->addWidget(t);
        split->addWidget(box);
    }
    return split;
}

void CaseRecordPanel::addText(QFormLayout* form, const QString& label, const QString& name,
                              std::function<std::string*(CaseRecord&)> field, bool multiline) {
    QWidget* editor;
    if (multiline) {
        auto* e = new QPlainTextEdit;
        e->setTabChangesFocus(true);
        e->setMaximumHeight(70);
        e->installEventFilter(this);  // commits on focus out
        editor = e;
    } else {
        auto* e = new QLineEdit;
        editor = e;
    }
    editor->setObjectName(name);
    texts_.push_back({editor, std::move(field)});
    if (auto* line = qobject_cast<QLineEdit*>(editor)) {
        const std::size_t i = texts_.size() - 1;
        connect(line, &QLineEdit::editingFinished, this, [this, i] { commitText(texts_[i]); });
    }
    form->addRow(label, editor);
}

QWidget* CaseRecordPanel::patientTab() {
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    addText(form, tr("Case"), "title", [](CaseRecord& r) { return &r.title; });
    age_ = new QLineEdit;
    age_->setObjectName("age");
    age_->setPlaceholderText(tr("years at presentation"));
    form->addRow(tr("Age"), age_);
    connect(age_, &QLineEdit::editingFinished, this, [this] {
        std::optional<double> age;
        QString error = parseOptional(age_->text(), age);
        if (!error.isEmpty())
            error = tr("Age: %1").arg(error);
        else if (const auto why = age ? checkAgeYears(*age) : std::nullopt)
            error = qs(*why);  // the record's rule (RecordRules.h), its message names the field
        if (!error.isEmpty()) {
            status_->setText(error);
            const CaseDocument* doc = controller_->document();
            age_->setText(doc && doc->record.patient.ageYears ? QString::number(*doc->record.patient.ageYears)
                                                              : QString());
            return;
        }
        if (const CaseDocument* doc = controller_->document(); doc && doc->record.patient.ageYears == age) return;
        push(tr("Edit age"), [age](CaseRecord& r) { r.patient.ageYears = age; });
    });
    sex_ = new QComboBox;
    sex_->setObjectName("sex");
    sex_->addItems({"", qs(codes::kFemale.meaning), qs(codes::kMale.meaning)});
    form->addRow(tr("Sex"), sex_);
    connect(sex_, &QComboBox::textActivated, this, [this](const QString& t) {
        const CodedConcept sex = t == qs(codes::kFemale.meaning) ? codes::kFemale
                                 : t == qs(codes::kMale.meaning) ? codes::kMale
                                                                 : CodedConcept{};
        push(tr("Edit sex"), [sex](CaseRecord& r) { r.patient.sex = sex; });
    });
    addText(
        form, tr("Chief complaint"), "chiefComplaint", [](CaseRecord& r) { return &r.presentation.chiefComplaint; },
        true);
    addText(
        form, tr("Present illness"), "historyOfPresentIllness",
        [](CaseRecord& r) { return &r.presentation.historyOfPresentIllness; }, true);
    addText(
        form, tr("Past history"), "pastHistory", [](CaseRecord& r) { return &r.presentation.pastHistory; }, true);
    addText(
        form, tr("Personal / family"), "personalFamilyHistory",
        [](CaseRecord& r) { return &r.presentation.personalFamilyHistory; }, true);
    addText(
        form, tr("Examination"), "physicalExamination",
        [](CaseRecord& r) { return &r.presentation.physicalExamination; }, true);
    addText(form, tr("Diagnosis"), "diagnosis", [](CaseRecord& r) { return &r.diagnosis.text; });
    addText(form, tr("Basis of diagnosis"), "diagnosisBasis", [](CaseRecord& r) { return &r.diagnosis.basis; });
    addText(
        form, tr("Patient notes"), "patientNotes", [](CaseRecord& r) { return &r.patient.notes; }, true);
    addText(form, tr("Source"), "source", [](CaseRecord& r) { return &r.source; });
    auto* scroll = new QScrollArea;
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    return scroll;
}

QWidget* CaseRecordPanel::imagingTab() {
    timepoints_ = addTable(timepointsSpec());
    timepoints_->table()->setMaximumHeight(130);
    observations_ = new ObservationTree;
    connect(timepoints_, &RecordTable::currentRowChanged, this, &CaseRecordPanel::refresh);
    connect(observations_, &ObservationTree::annotationActivated, this, &CaseRecordPanel::annotationActivated);
    auto* link = new QPushButton(tr("Link selected annotation…"));
    link->setObjectName("linkAnnotationButton");
    link->setToolTip(tr("Adds the selected annotation's values (AP, LR, SI, volume...) to a lesion at this timepoint"));
    auto* finding = new QPushButton(tr("Add finding…"));
    finding->setObjectName("addFindingButton");
    auto* remove = new QPushButton(tr("Remove field"));
    connect(link, &QPushButton::clicked, this, [this] { openLinkDialog(selectedAnnotation_); });
    connect(finding, &QPushButton::clicked, this, [this] { openFindingDialog(selectedAnnotation_); });
    connect(remove, &QPushButton::clicked, this, [this] {
        const std::string id = observations_->selectedFieldId().toStdString();
        if (!id.empty()) push(tr("Remove record field"), [id](CaseRecord& r) { removeField(r, id); });
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(link);
    buttons->addWidget(finding);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>Timepoints</b>")));
    layout->addWidget(timepoints_);
    layout->addWidget(
        new QLabel(tr("<b>Lesions at the selected timepoint</b> (double-click a field to see its image)")));
    layout->addWidget(observations_, 1);
    layout->addLayout(buttons);
    return page;
}

bool CaseRecordPanel::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::FocusOut)
        for (const TextField& f : texts_)
            if (f.editor == watched) commitText(f);
    return QWidget::eventFilter(watched, event);
}

void CaseRecordPanel::commitText(const TextField& f) {
    const CaseDocument* doc = controller_->document();
    if (!doc) return;
    QString text;
    if (auto* line = qobject_cast<QLineEdit*>(f.editor))
        text = line->text();
    else if (auto* plain = qobject_cast<QPlainTextEdit*>(f.editor))
        text = plain->toPlainText();
    const std::string value = text.trimmed().toStdString();
    CaseRecord current = doc->record;
    if (*f.field(current) == value) return;
    push(tr("Edit %1").arg(f.editor->objectName()), [field = f.field, value](CaseRecord& r) { *field(r) = value; });
}

QString CaseRecordPanel::push(const QString& description, RecordEdit edit) {
    if (!controller_->isOpen()) {
        const QString error = tr("open or start a case first");
        status_->setText(error);
        return error;
    }
    const QString error = controller_->push(std::make_unique<EditRecord>(description.toStdString(), std::move(edit)));
    status_->setText(error);
    if (!error.isEmpty()) emit message(tr("Record: %1").arg(error));
    return error;
}

void CaseRecordPanel::refresh() {
    const CaseDocument* doc = controller_->document();
    setEnabled(doc != nullptr);
    static const CaseRecord empty;
    const CaseRecord& r = doc ? doc->record : empty;
    for (const TextField& f : texts_) {
        if (f.editor->hasFocus()) continue;                              // do not overwrite what is being typed
        const QString value = qs(*f.field(const_cast<CaseRecord&>(r)));  // read only
        if (auto* line = qobject_cast<QLineEdit*>(f.editor)) {
            if (line->text() != value) line->setText(value);
        } else if (auto* plain = qobject_cast<QPlainTextEdit*>(f.editor)) {
            if (plain->toPlainText() != value) plain->setPlainText(value);
        }
    }
    if (!age_->hasFocus()) age_->setText(r.patient.ageYears ? QString::number(*r.patient.ageYears) : QString());
    sex_->setCurrentText(qs(r.patient.sex.meaning));
    for (RecordTable* t : tables_) t->refresh(r);
    if (timepoints_->currentRow() < 0 && !r.imaging.empty()) timepoints_->table()->setCurrentCell(0, 0);
    if (doc)
        observations_->show(*doc, currentTimepoint());
    else
        observations_->clear();
}

QString CaseRecordPanel::currentTimepoint() const {
    const CaseDocument* doc = controller_->document();
    const int row = timepoints_->currentRow();
    if (!doc || row < 0 || row >= int(doc->record.imaging.size())) return {};
    return qs(doc->record.imaging[std::size_t(row)].uid);
}

void CaseRecordPanel::setSelectedAnnotation(const QString& uid) { selectedAnnotation_ = uid; }

void CaseRecordPanel::setSeriesDescriber(std::function<std::pair<QString, QString>(const QString&)> describer) {
    describer_ = std::move(describer);
}

RecordTable* CaseRecordPanel::table(const QString& objectName) const {
    for (RecordTable* t : tables_)
        if (t->table()->objectName() == objectName) return t;
    return nullptr;
}

QLineEdit* CaseRecordPanel::lineField(const QString& objectName) const { return findChild<QLineEdit*>(objectName); }

QString CaseRecordPanel::linkAnnotation(const QString& annotationUid, const QString& timepointUid,
                                        const QString& lesionUid) {
    const CaseDocument* doc = controller_->document();
    if (!doc) return tr("open or start a case first");
    const Annotation* a = controller_->session()->model().findAnnotation(annotationUid.toStdString());
    if (!a) return tr("select an annotation first");
    if (const std::string why =
            checkObservationTarget(doc->record, timepointUid.toStdString(), lesionUid.toStdString());
        !why.empty())
        return qs(why);
    if (linkableQuantities(*a).empty()) return tr("the annotation has no measured value to link");
    const Annotation copy = *a;
    int added = 0;
    const QString error = push(tr("Link %1 to the record").arg(qs(a->label)), [=, &added](CaseRecord& r) {
        added = int(linkAnnotationValues(r, timepointUid.toStdString(), lesionUid.toStdString(), copy).size());
    });
    if (error.isEmpty() && added == 0) return tr("already linked: nothing new to add");
    if (error.isEmpty()) emit message(tr("Linked %1 values of %2 to the record").arg(added).arg(qs(copy.label)));
    return error;
}

QString CaseRecordPanel::addFinding(const QString& timepointUid, const QString& lesionUid, const Finding& finding) {
    const CaseDocument* doc = controller_->document();
    if (!doc) return tr("open or start a case first");
    if (const std::string why =
            checkObservationTarget(doc->record, timepointUid.toStdString(), lesionUid.toStdString());
        !why.empty())
        return qs(why);
    if (finding.value.empty()) return tr("choose a value");
    const QString error = push(tr("Add finding %1").arg(qs(finding.concept.meaning)), [=](CaseRecord& r) {
        annotations::addFinding(r, timepointUid.toStdString(), lesionUid.toStdString(), finding);
    });
    if (error.isEmpty())
        emit message(tr("Added finding: %1 %2").arg(qs(finding.concept.meaning), qs(finding.value.meaning)));
    return error;
}

namespace {
FindingDialog* makeDialog(FindingDialog::Mode mode, CaseController* controller, const QString& uid,
                          const std::function<std::pair<QString, QString>(const QString&)>& describer,
                          QWidget* parent) {
    const CaseDocument* doc = controller->document();
    if (!doc) return nullptr;
    const Annotation* a = controller->session()->model().findAnnotation(uid.toStdString());
    std::pair<QString, QString> series;
    if (a && describer) series = describer(qs(a->image.seriesInstanceUid));
    auto* dialog = new FindingDialog(mode, doc->record, a, series.first, series.second, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    return dialog;
}
}  // namespace

FindingDialog* CaseRecordPanel::openLinkDialog(const QString& annotationUid) {
    if (annotationUid.isEmpty()) {
        status_->setText(tr("Select an annotation (Annotations panel) to link its values."));
        return nullptr;
    }
    FindingDialog* dialog = makeDialog(FindingDialog::Mode::LinkValues, controller_, annotationUid, describer_, this);
    if (!dialog) return nullptr;
    connect(dialog, &QDialog::accepted, this, [this, dialog, annotationUid] {
        const QString error = linkAnnotation(annotationUid, dialog->timepointUid(), dialog->lesionTrackingUid());
        status_->setText(error);
    });
    dialog->open();
    return dialog;
}

FindingDialog* CaseRecordPanel::openFindingDialog(const QString& annotationUid) {
    FindingDialog* dialog = makeDialog(FindingDialog::Mode::Finding, controller_, annotationUid, describer_, this);
    if (!dialog) return nullptr;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        status_->setText(addFinding(dialog->timepointUid(), dialog->lesionTrackingUid(), dialog->finding()));
    });
    dialog->open();
    return dialog;
}

}  // namespace mensura::viewer
