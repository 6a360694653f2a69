#include "mensura/viewer/ObservationTree.h"

#include <map>

#include <QHeaderView>

namespace mensura::viewer {

using namespace annotations;

namespace {

constexpr int kFieldRole = Qt::UserRole + 1, kAnnotationRole = Qt::UserRole + 2, kLesionRole = Qt::UserRole + 3;

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString quantityName(Quantity q) {
    switch (q) {
        case Quantity::ApDiameter:
            return QObject::tr("AP diameter");
        case Quantity::LrDiameter:
            return QObject::tr("LR diameter");
        case Quantity::SiDiameter:
            return QObject::tr("SI diameter");
        case Quantity::LongAxis:
            return QObject::tr("Long axis");
        case Quantity::ShortAxis:
            return QObject::tr("Short axis");
        case Quantity::Volume:
            return QObject::tr("Volume");
        case Quantity::Mean:
            return QObject::tr("Mean");
        case Quantity::StandardDeviation:
            return QObject::tr("SD");
        case Quantity::Area:
            return QObject::tr("Area");
        case Quantity::Length:
            return QObject::tr("Length");
    }
    return {};
}

// Short names for the finding concepts (the full meaning is the tooltip).
QString conceptName(const CodedConcept& c) {
    static const std::map<std::string, const char*> shortNames = {
        {"M-0100", "Enhancement"},      {"M-0101", "Enhancement pattern"},
        {"M-0110", "Signal"},           {"M-0111", "Attenuation"},
        {"M-0120", "Bone involvement"}, {"M-0130", "Invades"},
        {"M-0131", "Compresses"},       {"M-0132", "Encases"},
        {"M-0140", "Margin"},           {"M-0150", "Internal feature"}};
    const auto it = shortNames.find(c.value);
    return it != shortNames.end() ? QObject::tr(it->second) : qs(c.meaning);
}

QString annotationName(const CaseDocument& doc, const std::string& uid) {
    for (const auto& a : doc.annotations)
        if (a.uid == uid) return qs(a.label.empty() ? toString(a.kind) : a.label);
    return QObject::tr("(deleted)");
}

QColor stateColour(LinkState s) {
    switch (s) {
        case LinkState::Linked:
            return QColor(0, 110, 0);
        case LinkState::Stale:
            return QColor(170, 110, 0);
        case LinkState::Orphaned:
            return QColor(176, 0, 32);
        case LinkState::Reported:
            break;
    }
    return QColor(90, 90, 90);
}

}  // namespace

ObservationTree::ObservationTree(QWidget* parent) : QTreeWidget(parent) {
    setObjectName("observationTree");
    setColumnCount(4);
    setHeaderLabels({tr("Field"), tr("Value"), tr("State"), tr("Image evidence")});
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(1, QHeaderView::Interactive);
    header()->resizeSection(1, 260);
    connect(this, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        const QString uid = item->data(0, kAnnotationRole).toString();
        if (!uid.isEmpty()) emit annotationActivated(uid);
    });
}

void ObservationTree::show(const CaseDocument& doc, const QString& timepointUid) {
    const QString keep = selectedFieldId(), keepLesion = selectedLesion();
    const QSignalBlocker block(this);
    clear();
    const Timepoint* tp = doc.record.findTimepoint(timepointUid.toStdString());
    if (!tp) return;
    for (const auto& lesion : doc.record.lesions) {
        auto* lesionItem = new QTreeWidgetItem(
            this, {QStringLiteral("%1 %2").arg(qs(lesion.trackingId), qs(lesion.bodySiteText)).trimmed()});
        lesionItem->setData(0, kLesionRole, qs(lesion.trackingUid));
        lesionItem->setFirstColumnSpanned(true);
        lesionItem->setExpanded(true);
        const LesionObservation* obs = nullptr;
        for (const auto& o : tp->observations)
            if (o.lesionTrackingUid == lesion.trackingUid) obs = &o;
        if (!obs) {
            auto* none = new QTreeWidgetItem(lesionItem, {tr("(not assessed at this timepoint)")});
            none->setData(0, kLesionRole, qs(lesion.trackingUid));
            continue;
        }
        if (obs->notSeen) new QTreeWidgetItem(lesionItem, {tr("Not seen")});
        for (const auto& v : obs->values) {
            QString value = QStringLiteral("%1 %2").arg(v.value.value, 0, 'f', 1).arg(qs(v.value.unit));
            if (!v.reportedText.empty()) value += tr(" (report: %1)").arg(qs(v.reportedText));
            auto* item =
                new QTreeWidgetItem(lesionItem, {quantityName(v.quantity), value, qs(toString(v.state)),
                                                 v.link ? annotationName(doc, v.link->annotationUid) : QString()});
            item->setData(0, kFieldRole, qs(v.fieldId));
            item->setData(0, kLesionRole, qs(lesion.trackingUid));
            if (v.link) item->setData(0, kAnnotationRole, qs(v.link->annotationUid));
            item->setForeground(2, stateColour(v.state));
            item->setToolTip(1, qs(v.value.derivation + (v.value.method.empty() ? "" : " (" + v.value.method + ")")));
        }
        for (const auto& f : obs->findings) {
            QString value = qs(f.value.meaning);
            if (!f.sequence.empty()) value += tr(" on %1").arg(qs(f.sequence.meaning));
            if (!f.referenceTissue.empty()) value += tr(" vs %1").arg(qs(f.referenceTissue.meaning));
            QStringList evidence;
            for (const auto& e : f.evidence) evidence << annotationName(doc, e);
            auto* item = new QTreeWidgetItem(
                lesionItem, {conceptName(f.concept), value, qs(toString(f.state)), evidence.join(", ")});
            item->setData(0, kFieldRole, qs(f.fieldId));
            item->setData(0, kLesionRole, qs(lesion.trackingUid));
            if (!f.evidence.empty()) item->setData(0, kAnnotationRole, qs(f.evidence.front()));
            item->setForeground(2, stateColour(f.state));
            item->setToolTip(0, qs(f.concept.meaning));
            if (!f.freeText.empty()) item->setToolTip(1, qs(f.freeText));
        }
    }
    if (QTreeWidgetItem* item = itemForField(keep))
        setCurrentItem(item);
    else
        for (int i = 0; i < topLevelItemCount(); ++i)
            if (topLevelItem(i)->data(0, kLesionRole).toString() == keepLesion) setCurrentItem(topLevelItem(i));
}

QTreeWidgetItem* ObservationTree::itemForField(const QString& fieldId) const {
    if (fieldId.isEmpty()) return nullptr;
    for (QTreeWidgetItemIterator it(const_cast<ObservationTree*>(this)); *it; ++it)
        if ((*it)->data(0, kFieldRole).toString() == fieldId) return *it;
    return nullptr;
}

QString ObservationTree::selectedFieldId() const {
    return currentItem() ? currentItem()->data(0, kFieldRole).toString() : QString();
}

QString ObservationTree::selectedLesion() const {
    return currentItem() ? currentItem()->data(0, kLesionRole).toString() : QString();
}

}  // namespace mensura::viewer
