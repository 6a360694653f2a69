#include "mensura/viewer/FindingDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "mensura/annotations/FindingVocabulary.h"
#include "mensura/case/ObservationEdits.h"

namespace mensura::viewer {

using namespace annotations;

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString timepointText(const Timepoint& t) {
    QString text = qs(t.label.empty() ? toString(t.role) : t.label);
    if (!t.date.empty()) text += QStringLiteral(" (%1)").arg(qs(t.date));
    return text;
}

void addCodes(QComboBox* box, const std::vector<CodedConcept>& codes, bool withNone) {
    if (withNone) box->addItem(QObject::tr("(not stated)"), -1);
    for (std::size_t i = 0; i < codes.size(); ++i) box->addItem(qs(codes[i].meaning), int(i));
}

CodedConcept codeAt(const QComboBox* box, const std::vector<CodedConcept>& codes) {
    const int i = box->currentData().toInt();
    return i >= 0 && std::size_t(i) < codes.size() ? codes[std::size_t(i)] : CodedConcept{};
}

}  // namespace

std::string lesionCitingAnnotation(const CaseRecord& record, const std::string& uid) {
    for (const auto& tp : record.imaging)
        for (const auto& o : tp.observations) {
            for (const auto& v : o.values)
                if (v.link && v.link->annotationUid == uid) return o.lesionTrackingUid;
            for (const auto& f : o.findings)
                for (const auto& e : f.evidence)
                    if (e == uid) return o.lesionTrackingUid;
        }
    return {};
}

FindingDialog::FindingDialog(Mode mode, const CaseRecord& record, const Annotation* annotation,
                             const QString& seriesModality, const QString& seriesDescription, QWidget* parent)
    : QDialog(parent), annotationUid_(annotation ? annotation->uid : std::string()) {
    setObjectName(mode == Mode::Finding ? "findingDialog" : "linkDialog");
    setWindowTitle(mode == Mode::Finding ? tr("Add a finding") : tr("Link the measurement to a lesion"));
    auto* form = new QFormLayout;
    timepoint_ = new QComboBox;
    for (const auto& t : record.imaging) timepoint_->addItem(timepointText(t), qs(t.uid));
    const Timepoint* tp = annotation ? timepointForStudy(record, annotation->image.studyInstanceUid) : nullptr;
    if (tp) timepoint_->setCurrentIndex(timepoint_->findData(qs(tp->uid)));
    lesion_ = new QComboBox;
    for (const auto& l : record.lesions)
        lesion_->addItem(QStringLiteral("%1 %2").arg(qs(l.trackingId), qs(l.bodySiteText)).trimmed(),
                         qs(l.trackingUid));
    if (annotation)
        if (const std::string l = lesionCitingAnnotation(record, annotation->uid); !l.empty())
            lesion_->setCurrentIndex(lesion_->findData(qs(l)));
    form->addRow(tr("Timepoint"), timepoint_);
    form->addRow(tr("Lesion"), lesion_);

    if (mode == Mode::Finding) {
        concept_ = new QComboBox;
        concept_->setObjectName("findingConcept");
        int preferred = 0;
        for (std::size_t i = 0; i < findingKinds().size(); ++i) {
            const FindingKind& k = findingKinds()[i];
            concept_->addItem(qs(k.concept.meaning), int(i));
            if (annotation && k.category == annotation->category && preferred == 0 &&
                annotation->category != AnnotationCategory::Other)
                preferred = int(i);
        }
        concept_->setCurrentIndex(preferred);
        value_ = new QComboBox;
        value_->setObjectName("findingValue");
        sequence_ = new QComboBox;
        addCodes(sequence_, sequenceCodes(), true);
        if (const auto s = sequenceFromSeries(seriesModality.toStdString(), seriesDescription.toStdString()))
            sequence_->setCurrentText(qs(s->meaning));
        tissue_ = new QComboBox;
        addCodes(tissue_, referenceTissueCodes(), true);
        freeText_ = new QLineEdit;
        freeText_->setPlaceholderText(tr("The report's words, e.g. \"obvious uneven enhancement\""));
        form->addRow(tr("Finding"), concept_);
        form->addRow(tr("Value"), value_);
        form->addRow(tr("Read on"), sequence_);
        form->addRow(tr("Relative to"), tissue_);
        form->addRow(tr("Free text"), freeText_);
        connect(concept_, &QComboBox::currentIndexChanged, this, &FindingDialog::fillValues);
        fillValues();
    }
    auto* layout = new QVBoxLayout(this);
    if (annotation) {
        auto* what = new QLabel(tr("Evidence: %1 (%2)")
                                    .arg(qs(annotation->label.empty() ? toString(annotation->kind) : annotation->label),
                                         qs(annotation->uid)));
        what->setWordWrap(true);
        layout->addWidget(what);
    }
    layout->addLayout(form);
    const QString problem =
        qs(checkObservationTarget(record, record.imaging.empty() ? "" : record.imaging.front().uid,
                                  record.lesions.empty() ? "" : record.lesions.front().trackingUid));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    if (!problem.isEmpty()) {
        auto* why = new QLabel(tr("Cannot add to the record: %1 (Case record panel).").arg(problem));
        why->setStyleSheet("color: #b00020");
        layout->addWidget(why);
        buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    }
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void FindingDialog::fillValues() {
    const int k = concept_->currentData().toInt();
    const FindingKind& kind = findingKinds()[std::size_t(std::max(0, k))];
    value_->clear();
    addCodes(value_, kind.values, false);
    sequence_->setEnabled(kind.readOnSequence);
    tissue_->setEnabled(kind.relativeToTissue);
    if (kind.relativeToTissue && tissue_->currentData().toInt() < 0) tissue_->setCurrentIndex(1);  // skeletal muscle
}

QString FindingDialog::timepointUid() const { return timepoint_->currentData().toString(); }
QString FindingDialog::lesionTrackingUid() const { return lesion_->currentData().toString(); }

Finding FindingDialog::finding() const {
    Finding f;
    if (!concept_) return f;
    const FindingKind& kind = findingKinds()[std::size_t(std::max(0, concept_->currentData().toInt()))];
    f.concept = kind.concept;
    f.value = codeAt(value_, kind.values);
    if (kind.readOnSequence) f.sequence = codeAt(sequence_, sequenceCodes());
    if (kind.relativeToTissue) f.referenceTissue = codeAt(tissue_, referenceTissueCodes());
    f.freeText = freeText_->text().trimmed().toStdString();
    if (!annotationUid_.empty()) f.evidence = {annotationUid_};
    return f;
}

}  // namespace mensura::viewer
