#pragma once
// A list section of the case record (laboratory results, lesions, timepoints, pathology,
// treatment, outcome...) as an editable table. The table knows nothing of the record's types: a
// TableSpec says how many rows there are and how to read, write, add and remove them. Every edit
// is handed to the panel's RecordEditor, which runs it as one EditRecord command (undoable).
#include <functional>
#include <vector>

#include <QString>
#include <QStringList>
#include <QWidget>

#include "mensura/case/CaseRecord.h"

class QTableWidget;
class QPushButton;
class QLabel;

namespace mensura::viewer {

using RecordEdit = std::function<void(annotations::CaseRecord&)>;
// Runs an edit through the case history; the error text, or empty.
using RecordEditor = std::function<QString(const QString& description, RecordEdit edit)>;

struct TableColumn {
    QString header;
    std::function<QString(const annotations::CaseRecord&, int row)> get;
    // Writes the cell; returns why the text is refused (e.g. "not a number"), or empty.
    std::function<QString(annotations::CaseRecord&, int row, const QString& text)> set;
    QStringList choices;  // non-empty: a drop-down of these values
    QString toolTip;
};

struct TableSpec {
    QString name;  // singular, for the undo text: "laboratory result"
    std::function<int(const annotations::CaseRecord&)> rows;
    std::function<void(annotations::CaseRecord&)> addRow;
    std::function<void(annotations::CaseRecord&, int row)> removeRow;
    std::vector<TableColumn> columns;
    // Optional: add is possible only when this returns empty (else the reason is shown).
    std::function<QString(const annotations::CaseRecord&)> canAdd;
};

class RecordTable : public QWidget {
    Q_OBJECT
  public:
    RecordTable(TableSpec spec, RecordEditor editor, QWidget* parent = nullptr);

    void refresh(const annotations::CaseRecord& record);
    int currentRow() const;
    QTableWidget* table() const { return table_; }
    const TableSpec& spec() const { return spec_; }

  signals:
    void currentRowChanged(int row);

  private:
    void commitCell(int row, int column, const QString& text);

    TableSpec spec_;
    RecordEditor editor_;
    QTableWidget* table_;
    QPushButton *add_, *remove_;
    QLabel* message_;
    bool refreshing_ = false;
    annotations::CaseRecord record_;  // as last shown: refused edits are checked on a copy
};

// Helpers for the specs: text <-> optional numbers.
QString numberText(const std::optional<double>& v);
// Empty text clears; otherwise a number or the error "not a number".
QString parseOptional(const QString& text, std::optional<double>& out);
QString parseOptionalInt(const QString& text, std::optional<int>& out);

// A TableSpec over a std::vector<T> reached from the record. Columns are (header, get, set).
template <class T>
struct ListColumn {
    QString header;
    std::function<QString(const T&)> get;
    std::function<QString(T&, const QString&)> set;
    QStringList choices = {};
    QString toolTip = {};
};

template <class T>
TableSpec listSpec(QString name, std::function<std::vector<T>*(annotations::CaseRecord&)> list,
                   std::vector<ListColumn<T>> columns, std::function<T(const annotations::CaseRecord&)> make = {}) {
    auto constList = [list](const annotations::CaseRecord& r) {
        return list(const_cast<annotations::CaseRecord&>(r));  // read only
    };
    TableSpec spec;
    spec.name = std::move(name);
    spec.rows = [constList](const annotations::CaseRecord& r) {
        const auto* l = constList(r);
        return l ? int(l->size()) : 0;
    };
    spec.addRow = [list, make](annotations::CaseRecord& r) {
        if (auto* l = list(r)) l->push_back(make ? make(r) : T{});
    };
    spec.removeRow = [list](annotations::CaseRecord& r, int row) {
        auto* l = list(r);
        if (l && row >= 0 && row < int(l->size())) l->erase(l->begin() + row);
    };
    spec.canAdd = [list](const annotations::CaseRecord& r) {
        return list(const_cast<annotations::CaseRecord&>(r)) ? QString() : QStringLiteral("select a row above first");
    };
    for (auto& c : columns) {
        TableColumn col;
        col.header = c.header;
        col.choices = c.choices;
        col.toolTip = c.toolTip;
        col.get = [constList, get = c.get](const annotations::CaseRecord& r, int row) {
            const auto* l = constList(r);
            return l && row < int(l->size()) ? get((*l)[std::size_t(row)]) : QString();
        };
        col.set = [list, set = c.set](annotations::CaseRecord& r, int row, const QString& text) {
            auto* l = list(r);
            if (!l || row >= int(l->size())) return QStringLiteral("the row is gone");
            return set((*l)[std::size_t(row)], text);
        };
        spec.columns.push_back(std::move(col));
    }
    return spec;
}

// A text column bound to a std::string member.
template <class T>
ListColumn<T> textColumn(QString header, std::string T::*member, QString toolTip = {}) {
    return {std::move(header),
            [member](const T& x) { return QString::fromStdString(x.*member); },
            [member](T& x, const QString& t) {
                x.*member = t.trimmed().toStdString();
                return QString();
            },
            {},
            std::move(toolTip)};
}

template <class T>
ListColumn<T> numberColumn(QString header, std::optional<double> T::*member, QString toolTip = {}) {
    return {std::move(header),
            [member](const T& x) { return numberText(x.*member); },
            [member](T& x, const QString& t) { return parseOptional(t, x.*member); },
            {},
            std::move(toolTip)};
}

}  // namespace mensura::viewer
