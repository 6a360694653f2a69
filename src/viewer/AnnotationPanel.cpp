#include "mensura/viewer/AnnotationPanel.h"

#include <map>

#include <QHeaderView>

namespace mensura::viewer {

namespace {

constexpr int kUidRole = Qt::UserRole + 1;

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString categoryName(annotations::AnnotationCategory c) {
    switch (c) {
        case annotations::AnnotationCategory::LesionExtent:
            return QObject::tr("Lesion extent");
        case annotations::AnnotationCategory::Enhancement:
            return QObject::tr("Enhancement");
        case annotations::AnnotationCategory::Signal:
            return QObject::tr("Signal");
        case annotations::AnnotationCategory::BoneDestruction:
            return QObject::tr("Bone involvement");
        case annotations::AnnotationCategory::InvasionRelation:
            return QObject::tr("Invasion / relation");
        case annotations::AnnotationCategory::Other:
            return QObject::tr("Other");
    }
    return {};
}

// The lesion a citation path names: "imaging/<timepoint>/<lesion>/<field>".
QString lesionOf(const annotations::CaseModel& model, const std::string& uid) {
    for (const auto& c : model.citationsOf(uid)) {
        const QStringList parts = qs(c.path).split('/');
        if (parts.size() >= 3 && parts[0] == "imaging") return parts[2];
    }
    return QObject::tr("Not linked to a lesion");
}

}  // namespace

QString valuesText(const annotations::Annotation& a) {
    QStringList parts;
    for (const auto& v : a.measurements) {
        const std::string unit = v.measurement.unit == "{pixel}" ? "px" : v.measurement.unit;
        QString name = qs(annotations::toString(v.quantity));
        if (v.quantity == annotations::Quantity::ApDiameter) name = "AP";
        if (v.quantity == annotations::Quantity::LrDiameter) name = "LR";
        if (v.quantity == annotations::Quantity::SiDiameter) name = "SI";
        parts << QStringLiteral("%1 %2 %3%4")
                     .arg(name)
                     .arg(v.measurement.value, 0, 'f', 1)
                     .arg(qs(unit), v.stale ? QObject::tr(" (stale)") : QString());
    }
    if (parts.isEmpty() && !a.text.empty()) return qs(a.text);
    return parts.join(", ");
}

AnnotationPanel::AnnotationPanel(QWidget* parent) : QTreeWidget(parent) {
    setObjectName("annotationPanel");
    setColumnCount(2);
    setHeaderLabels({tr("Annotation"), tr("Values")});
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    setSelectionMode(QAbstractItemView::SingleSelection);
    connect(this, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        const QString uid = item->data(0, kUidRole).toString();
        if (!uid.isEmpty()) emit annotationActivated(uid);
    });
    connect(this, &QTreeWidget::itemSelectionChanged, this, [this] { emit selectionChanged(selectedUid()); });
}

void AnnotationPanel::setModel(const annotations::CaseModel* model) {
    const QString selected = selectedUid();
    const QSignalBlocker block(this);
    clear();
    if (!model) return;
    // lesion -> category -> items, in document order
    std::map<QString, std::map<QString, QTreeWidgetItem*>> groups;
    std::map<QString, QTreeWidgetItem*> lesions;
    for (const auto& a : model->document().annotations) {
        const QString lesion = lesionOf(*model, a.uid), category = categoryName(a.category);
        QTreeWidgetItem*& lesionItem = lesions[lesion];
        if (!lesionItem) {
            lesionItem = new QTreeWidgetItem(this, {lesion});
            lesionItem->setExpanded(true);
        }
        QTreeWidgetItem*& categoryItem = groups[lesion][category];
        if (!categoryItem) {
            categoryItem = new QTreeWidgetItem(lesionItem, {category});
            categoryItem->setExpanded(true);
        }
        const QString label = a.label.empty() ? qs(annotations::toString(a.kind)) : qs(a.label);
        auto* item = new QTreeWidgetItem(categoryItem, {label, valuesText(a)});
        item->setData(0, kUidRole, qs(a.uid));
        item->setToolTip(0, QStringLiteral("%1 (%2)").arg(label, qs(annotations::toString(a.kind))));
    }
    if (!selected.isEmpty()) selectUid(selected);
}

QTreeWidgetItem* AnnotationPanel::itemFor(const QString& uid) const {
    for (QTreeWidgetItemIterator it(const_cast<AnnotationPanel*>(this)); *it; ++it)
        if ((*it)->data(0, kUidRole).toString() == uid) return *it;
    return nullptr;
}

QString AnnotationPanel::selectedUid() const {
    const auto items = selectedItems();
    return items.isEmpty() ? QString() : items.front()->data(0, kUidRole).toString();
}

void AnnotationPanel::selectUid(const QString& uid) {
    if (QTreeWidgetItem* item = itemFor(uid)) setCurrentItem(item);
}

}  // namespace mensura::viewer
