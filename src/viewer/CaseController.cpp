#include "mensura/viewer/CaseController.h"

#include <QDir>

namespace mensura::viewer {

namespace {
QString qs(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

CaseController::CaseController(QObject* parent)
    : QObject(parent), snapshot_(std::make_shared<std::vector<annotations::Annotation>>()) {}

CaseController::~CaseController() {
    if (session_) session_->model().unsubscribe(token_);
}

QString CaseController::open(const QString& folder) {
    auto opened = annotations::CaseSession::open(QDir(folder).absolutePath().toStdString());
    if (!opened) return qs(opened.error().message);
    adopt(std::move(*opened));
    return {};
}

void CaseController::ensureCase(const QString& folder, const annotations::DicomReference& reference) {
    if (session_) return;
    QDir().mkpath(folder);
    annotations::CaseDocument doc;
    doc.dicom.push_back(reference);
    adopt(annotations::CaseSession::create(QDir(folder).absolutePath().toStdString(), std::move(doc)));
}

void CaseController::adopt(std::unique_ptr<annotations::CaseSession> session) {
    if (session_) session_->model().unsubscribe(token_);
    session_ = std::move(session);
    token_ = session_->model().subscribe([this](const annotations::ChangeEvent&) { eventsPending_ = true; });
    refresh();
    emit caseOpened();
}

QString CaseController::folder() const { return session_ ? qs(session_->folder()) : QString(); }

const annotations::CaseDocument* CaseController::document() const {
    return session_ ? &session_->model().document() : nullptr;
}

void CaseController::refresh() {
    snapshot_ = std::make_shared<std::vector<annotations::Annotation>>(session_->model().document().annotations);
    eventsPending_ = false;
    emit changed();
}

QString CaseController::push(std::unique_ptr<annotations::Command> command) {
    if (!session_) return tr("No case is open");
    if (auto error = session_->push(std::move(command))) return qs(error->message);
    refresh();
    return {};
}

bool CaseController::undo() {
    if (!session_ || !session_->history().undo()) return false;
    refresh();
    return true;
}

bool CaseController::redo() {
    if (!session_ || !session_->history().redo()) return false;
    refresh();
    return true;
}

bool CaseController::canUndo() const { return session_ && session_->history().canUndo(); }
bool CaseController::canRedo() const { return session_ && session_->history().canRedo(); }
QString CaseController::undoText() const { return session_ ? qs(session_->history().undoText()) : QString(); }
QString CaseController::redoText() const { return session_ ? qs(session_->history().redoText()) : QString(); }

QString CaseController::save() {
    if (!session_) return tr("No case is open");
    if (auto error = session_->save()) return qs(error->message);
    return {};
}

QString CaseController::journalError() const {
    return session_ && session_->journalError() ? qs(session_->journalError()->message) : QString();
}

}  // namespace mensura::viewer
