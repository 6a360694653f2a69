#pragma once
// Every edit is a command on a history (architecture rule 6): do, undo, redo, headless. The
// viewer adapts it to QUndoStack. A listener hears after every change (the autosave journal).
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mensura/case/CaseModel.h"
#include "mensura/core/Result.h"

namespace mensura::annotations {

class Command {
  public:
    virtual ~Command() = default;
    virtual std::string description() const = 0;
    // Applies the edit; an Error leaves the model unchanged.
    virtual std::optional<imaging::Error> redo(CaseModel& model) = 0;
    // Restores the exact state before redo.
    virtual void undo(CaseModel& model) = 0;
};

class History {
  public:
    explicit History(CaseModel& model) : model_(model) {}

    // Runs the command; on success it goes on the undo stack and the redo stack is cleared.
    std::optional<imaging::Error> push(std::unique_ptr<Command> command);
    bool canUndo() const { return done_ > 0; }
    bool canRedo() const { return done_ < commands_.size(); }
    bool undo();
    bool redo();
    std::string undoText() const;
    std::string redoText() const;
    std::size_t size() const { return commands_.size(); }
    // Counts every change (push, undo, redo) so a journal can tell which state it holds.
    std::size_t revision() const { return revision_; }

    void setChangeListener(std::function<void()> listener) { listener_ = std::move(listener); }

  private:
    void changed();

    CaseModel& model_;
    std::vector<std::unique_ptr<Command>> commands_;
    std::size_t done_ = 0;
    std::size_t revision_ = 0;
    std::function<void()> listener_;
};

}  // namespace mensura::annotations
