#pragma once
// An open case folder: the model, its history, and the autosave journal written after every
// change, so a crash or kill loses at most the edit in progress.
#include <memory>
#include <string>

#include "mensura/case/CaseFolder.h"
#include "mensura/case/History.h"

namespace mensura::annotations {

class CaseSession {
  public:
    // Opens folder/case.json (recovering a journal left by a crash).
    static Result<std::unique_ptr<CaseSession>> open(const std::string& folder);
    // A new case in folder (nothing is written until the first edit or save).
    static std::unique_ptr<CaseSession> create(const std::string& folder, CaseDocument doc);

    CaseModel& model() { return model_; }
    History& history() { return history_; }
    const std::string& folder() const { return folder_; }
    const OpenedCase& openedState() const { return opened_; }

    std::optional<Error> push(std::unique_ptr<Command> command) { return history_.push(std::move(command)); }
    std::optional<Error> save();
    // The last autosave error (the UI shows it; editing continues).
    const std::optional<Error>& journalError() const { return journalError_; }

  private:
    CaseSession(std::string folder, CaseDocument doc);

    std::string folder_;
    CaseModel model_;
    History history_;
    OpenedCase opened_;
    std::optional<Error> journalError_;
};

}  // namespace mensura::annotations
