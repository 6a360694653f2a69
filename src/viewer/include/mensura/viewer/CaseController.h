#pragma once
// The open case for the viewer: adapts annotations::CaseSession (model, command history, autosave
// journal) to Qt. Every edit is a library command pushed on the session's history; the model's
// typed change events become the changed() signal.
#include <memory>
#include <vector>

#include <QObject>
#include <QString>

#include "mensura/case/CaseSession.h"

namespace mensura::viewer {

class CaseController : public QObject {
    Q_OBJECT
  public:
    explicit CaseController(QObject* parent = nullptr);
    ~CaseController() override;

    // Opens folder/case.json; the error text, or empty.
    QString open(const QString& folder);
    // A new case in folder (written on the first edit or save) when none is open.
    void ensureCase(const QString& folder, const annotations::DicomReference& reference);
    bool isOpen() const { return session_ != nullptr; }
    QString folder() const;
    annotations::CaseSession* session() const { return session_.get(); }
    const annotations::CaseDocument* document() const;
    // A snapshot of the annotations for the views (replaced, not mutated, after each change).
    std::shared_ptr<const std::vector<annotations::Annotation>> annotations() const { return snapshot_; }

    // Runs a command through the history; the error text, or empty.
    QString push(std::unique_ptr<annotations::Command> command);
    bool undo();
    bool redo();
    bool canUndo() const;
    bool canRedo() const;
    QString undoText() const;
    QString redoText() const;
    // Writes case.json (saveCase) and drops the journal; the error text, or empty.
    QString save();
    QString journalError() const;

  signals:
    void caseOpened();
    void changed();

  private:
    void adopt(std::unique_ptr<annotations::CaseSession> session);
    void refresh();

    std::unique_ptr<annotations::CaseSession> session_;
    std::shared_ptr<const std::vector<annotations::Annotation>> snapshot_;
    int token_ = 0;
    bool eventsPending_ = false;
};

}  // namespace mensura::viewer
