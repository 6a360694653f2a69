#include "mensura/case/History.h"

namespace mensura::annotations {

std::optional<imaging::Error> History::push(std::unique_ptr<Command> command) {
    if (auto error = command->redo(model_)) return error;
    commands_.resize(done_);
    commands_.push_back(std::move(command));
    ++done_;
    changed();
    return std::nullopt;
}

bool History::undo() {
    if (!canUndo()) return false;
    commands_[--done_]->undo(model_);
    changed();
    return true;
}

bool History::redo() {
    if (!canRedo()) return false;
    // A command that succeeded once succeeds again on the state it left.
    if (commands_[done_]->redo(model_)) return false;
    ++done_;
    changed();
    return true;
}

std::string History::undoText() const { return canUndo() ? commands_[done_ - 1]->description() : ""; }
std::string History::redoText() const { return canRedo() ? commands_[done_]->description() : ""; }

void History::changed() {
    ++revision_;
    if (listener_) listener_();
}

}  // namespace mensura::annotations
