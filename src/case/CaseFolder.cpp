#include "mensura/case/CaseFolder.h"

#include <filesystem>

#include "mensura/core/AtomicFile.h"

namespace mensura::annotations {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {
std::string caseFile(const std::string& folder) { return (fs::path(folder) / kCaseFileName).string(); }
std::string journalFile(const std::string& folder) { return (fs::path(folder) / kJournalFileName).string(); }
}  // namespace

std::string resolveReferencePath(const std::string& folder, const std::string& path) {
    const fs::path p(path);
    return (p.is_absolute() ? p : fs::path(folder) / p).lexically_normal().string();
}

std::vector<MissingReference> findMissingReferences(const std::string& folder, const CaseDocument& doc) {
    std::vector<MissingReference> out;
    for (std::size_t i = 0; i < doc.dicom.size(); ++i) {
        const std::string resolved = resolveReferencePath(folder, doc.dicom[i].path);
        std::error_code ec;
        if (!fs::exists(resolved, ec)) out.push_back({i, doc.dicom[i].seriesInstanceUid, resolved});
    }
    return out;
}

Result<OpenedCase> openCase(const std::string& folder) {
    const std::string path = caseFile(folder);
    auto text = readWholeFile(path);
    if (!text) return text.error();
    auto doc = caseFromText(*text, path);
    if (!doc) return doc.error();
    // Temporaries of saves that a crash interrupted (".case.json.tmp-XXXXXX"): the case file
    // itself was never replaced by them, so they hold nothing to recover.
    removeStaleTemporaries(folder);
    OpenedCase opened;
    opened.document = std::move(*doc);

    std::error_code ec;
    const std::string journal = journalFile(folder);
    if (fs::exists(journal, ec)) {
        auto jtext = readWholeFile(journal);
        json j = jtext ? json::parse(*jtext, nullptr, false) : json();
        if (!j.is_object() || !j.contains("case") || !j["revision"].is_number_unsigned()) {
            opened.warnings.push_back(journal + ": unreadable autosave journal ignored");
        } else {
            auto recovered = caseFromJson(j["case"], journal);
            if (!recovered) {
                opened.warnings.push_back(recovered.error().message + " (autosave journal ignored)");
            } else {
                opened.document = std::move(*recovered);
                opened.recoveredFromJournal = true;
                opened.journalRevision = j["revision"].get<std::size_t>();
                opened.warnings.push_back("unsaved edits recovered from " + journal);
            }
        }
    }
    opened.missing = findMissingReferences(folder, opened.document);
    for (const auto& m : opened.missing)
        opened.warnings.push_back("DICOM series " + m.seriesInstanceUid + " not found at " + m.resolvedPath +
                                  ": relocate it");
    return opened;
}

std::optional<Error> saveCase(const std::string& folder, const CaseDocument& doc) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return Error{folder + ": cannot create the case folder: " + ec.message()};
    const std::string path = caseFile(folder);
    if (fs::exists(path, ec)) {
        auto text = readWholeFile(path);
        if (!text) return text.error();
        auto existing = caseFromText(*text, path);
        if (!existing)
            return Error{"not overwriting " + path + ", which this Mensura cannot read (" + existing.error().message +
                         "); move it aside first"};
    }
    // Read back before writing: a case.json its own reader refuses would lock the case out.
    const std::string text = caseToText(doc);
    if (auto readable = caseFromText(text, path); !readable)
        return Error{readable.error().message + " (not saved: the case could not be opened again)"};
    if (auto error = writeFileAtomically(path, text)) return error;
    discardJournal(folder);
    return std::nullopt;
}

std::optional<Error> writeJournal(const std::string& folder, const CaseDocument& doc, std::size_t revision) {
    json j{{"journalOf", kCaseFileName}, {"revision", revision}, {"case", caseToJson(doc)}};
    return writeFileAtomically(journalFile(folder), j.dump(1) + "\n");
}

void discardJournal(const std::string& folder) {
    std::error_code ec;
    fs::remove(journalFile(folder), ec);
}

}  // namespace mensura::annotations
