#pragma once
// A case is a folder: case.json (the document), the autosave journal while edits are unsaved,
// and whatever exports were made. The DICOM stays where it is; case.json refers to it by path
// and UID, and a folder that moved is reported, not fatal (see Relocation.h).
#include <optional>
#include <string>
#include <vector>

#include "mensura/case/CaseJson.h"

namespace mensura::annotations {

struct MissingReference {
    std::size_t index = 0;  // in CaseDocument::dicom
    std::string seriesInstanceUid;
    std::string resolvedPath;  // where it was looked for
};

struct OpenedCase {
    CaseDocument document;
    bool recoveredFromJournal = false;  // unsaved edits were recovered after a crash
    std::size_t journalRevision = 0;
    std::vector<MissingReference> missing;
    std::vector<std::string> warnings;
};

// Reads case.json, then the journal if one is left over (a crash or kill before saving).
// Errors name the file and field; nothing in the folder is changed by opening.
Result<OpenedCase> openCase(const std::string& folder);

// Writes case.json atomically and removes the journal. Refuses to replace a case.json that is
// corrupt or of a newer schema version (it may hold edits this version cannot read), and to write
// a document that openCase would refuse (e.g. a record breaking a rule of RecordRules.h).
std::optional<Error> saveCase(const std::string& folder, const CaseDocument& doc);

// Writes the autosave journal atomically: the full document after an edit.
std::optional<Error> writeJournal(const std::string& folder, const CaseDocument& doc, std::size_t revision);
void discardJournal(const std::string& folder);

// Resolves a reference path against the case folder (relative paths) and reports those absent.
std::string resolveReferencePath(const std::string& folder, const std::string& path);
std::vector<MissingReference> findMissingReferences(const std::string& folder, const CaseDocument& doc);

}  // namespace mensura::annotations
