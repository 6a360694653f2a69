#include "mensura/case/CaseSession.h"

namespace mensura::annotations {

CaseSession::CaseSession(std::string folder, CaseDocument doc)
    : folder_(std::move(folder)), model_(std::move(doc)), history_(model_) {
    history_.setChangeListener(
        [this] { journalError_ = writeJournal(folder_, model_.document(), history_.revision()); });
}

Result<std::unique_ptr<CaseSession>> CaseSession::open(const std::string& folder) {
    auto opened = openCase(folder);
    if (!opened) return opened.error();
    std::unique_ptr<CaseSession> s(new CaseSession(folder, opened->document));
    s->opened_ = std::move(*opened);
    return s;
}

std::unique_ptr<CaseSession> CaseSession::create(const std::string& folder, CaseDocument doc) {
    return std::unique_ptr<CaseSession>(new CaseSession(folder, std::move(doc)));
}

std::optional<Error> CaseSession::save() { return saveCase(folder_, model_.document()); }

}  // namespace mensura::annotations
