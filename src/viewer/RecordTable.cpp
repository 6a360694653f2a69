#include "mensura/viewer/RecordTable.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mensura::viewer {

QString numberText(const std::optional<double>& v) { return v ? QString::number(*v, 'g', 10) : QString(); }

QString parseOptional(const QString& text, std::optional<double>& out) {
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        out.reset();
        return {};
    }
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok) return QObject::tr("\"%1\" is not a number").arg(t);
    out = v;
    return {};
}

QString parseOptionalInt(const QString& text, std::optional<int>& out) {
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        out.reset();
        return {};
    }
    bool ok = false;
    const int v = t.toInt(&ok);
    if (!ok) return QObject::tr("\"%1\" is not a whole number").arg(t);
    out = v;
    return {};
}

RecordTable::RecordTable(TableSpec spec, RecordEditor editor, QWidget* parent)
    : QWidget(parent), spec_(std::move(spec)), editor_(std::move(editor)) {
    table_ = new QTableWidget(0, int(spec_.columns.size()), this);
    table_->setObjectName(spec_.name);
    QStringList headers;
    for (const auto& c : spec_.columns) headers << c.header;
    table_->setHorizontalHeaderLabels(headers);
    for (int c = 0; c < int(spec_.columns.size()); ++c)
        if (!spec_.columns[std::size_t(c)].toolTip.isEmpty())
            table_->horizontalHeaderItem(c)->setToolTip(spec_.columns[std::size_t(c)].toolTip);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->setVisible(false);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    add_ = new QPushButton(tr("Add %1").arg(spec_.name), this);
    remove_ = new QPushButton(tr("Remove"), this);
    message_ = new QLabel(this);
    message_->setStyleSheet("color: #b00020");
    message_->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add_);
    buttons->addWidget(remove_);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table_);
    layout->addLayout(buttons);
    layout->addWidget(message_);

    connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (!refreshing_) commitCell(item->row(), item->column(), item->text());
    });
    connect(table_, &QTableWidget::currentCellChanged, this, [this](int row) {
        remove_->setEnabled(row >= 0);
        if (!refreshing_) emit currentRowChanged(row);
    });
    connect(add_, &QPushButton::clicked, this, [this] {
        const QString error =
            editor_(tr("Add %1").arg(spec_.name), [add = spec_.addRow](annotations::CaseRecord& r) { add(r); });
        message_->setText(error);
        if (error.isEmpty() && table_->rowCount() > 0) table_->setCurrentCell(table_->rowCount() - 1, 0);
    });
    connect(remove_, &QPushButton::clicked, this, [this] {
        const int row = table_->currentRow();
        if (row < 0) return;
        message_->setText(editor_(tr("Remove %1").arg(spec_.name),
                                  [remove = spec_.removeRow, row](annotations::CaseRecord& r) { remove(r, row); }));
    });
    remove_->setEnabled(false);
}

int RecordTable::currentRow() const { return table_->currentRow(); }

void RecordTable::refresh(const annotations::CaseRecord& record) {
    refreshing_ = true;
    record_ = record;
    const int keep = table_->currentRow();
    const int rows = spec_.rows(record);
    table_->setRowCount(rows);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < int(spec_.columns.size()); ++c) {
            const TableColumn& col = spec_.columns[std::size_t(c)];
            const QString text = col.get(record, r);
            if (col.choices.isEmpty()) {
                QTableWidgetItem* item = table_->item(r, c);
                if (!item) table_->setItem(r, c, item = new QTableWidgetItem);
                if (item->text() != text) item->setText(text);
                continue;
            }
            auto* combo = qobject_cast<QComboBox*>(table_->cellWidget(r, c));
            if (!combo) {
                combo = new QComboBox;
                combo->addItems(col.choices);
                table_->setCellWidget(r, c, combo);
                connect(combo, &QComboBox::textActivated, this, [this, combo, c](const QString& t) {
                    // the row of the combo now (rows move when others are removed)
                    for (int row = 0; row < table_->rowCount(); ++row)
                        if (table_->cellWidget(row, c) == combo) return commitCell(row, c, t);
                });
            }
            if (combo->findText(text) < 0) combo->addItem(text);
            combo->setCurrentText(text);
        }
    if (keep >= 0 && keep < rows) table_->setCurrentCell(keep, std::max(0, table_->currentColumn()));
    const QString why = spec_.canAdd ? spec_.canAdd(record) : QString();
    add_->setEnabled(why.isEmpty());
    add_->setToolTip(why);
    remove_->setEnabled(table_->currentRow() >= 0 && rows > 0);
    refreshing_ = false;
}

void RecordTable::commitCell(int row, int column, const QString& text) {
    if (row < 0 || column < 0 || column >= int(spec_.columns.size())) return;
    const TableColumn& col = spec_.columns[std::size_t(column)];
    // Check on a scratch record first, so a refused value never reaches the history.
    annotations::CaseRecord scratch = record_;
    QString error = col.set(scratch, row, text);
    if (error.isEmpty())
        error = editor_(tr("Edit %1 %2").arg(spec_.name, col.header.toLower()),
                        [set = col.set, row, text](annotations::CaseRecord& r) { set(r, row, text); });
    message_->setText(error.isEmpty() ? QString() : tr("%1: %2").arg(col.header, error));
    if (!error.isEmpty()) refresh(annotations::CaseRecord(record_));  // the cell shows the record's value again
}

}  // namespace mensura::viewer
