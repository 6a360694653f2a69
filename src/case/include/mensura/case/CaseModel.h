#pragma once
// The open case: the document plus the rules that keep record and annotations linked both
// ways. Edits go through commands (AnnotationCommands.h, RecordCommands.h) on a History; this class offers the lookups
// and the link maintenance those commands share, and announces changes to observers.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "mensura/case/CaseDocument.h"
#include "mensura/case/ChangeEvent.h"

namespace mensura::annotations {

// A record field that cites an annotation, with a readable path for the UI.
struct FieldCitation {
    std::string fieldId;
    std::string path;  // e.g. "imaging/baseline/L1/apDiameter"
};

class CaseModel {
  public:
    using Observer = std::function<void(const ChangeEvent&)>;

    CaseModel() = default;
    explicit CaseModel(CaseDocument doc);

    const CaseDocument& document() const { return doc_; }
    // For commands only: direct access bypasses history and events.
    CaseDocument& mutableDocument() { return doc_; }

    Annotation* findAnnotation(const std::string& uid);
    const Annotation* findAnnotation(const std::string& uid) const;
    RecordValue* findValue(const std::string& fieldId);
    Finding* findFinding(const std::string& fieldId);

    // Fields whose link or evidence names the annotation (computed from the record).
    std::vector<FieldCitation> citationsOf(const std::string& annotationUid) const;
    // Sets every annotation's citedBy from the record's links.
    void rebuildBacklinks();

    // Brings the fields citing uid in line with the annotation: values copied from it (Linked),
    // Stale where its value is stale, Orphaned where it no longer exists. Announces each field
    // that changed.
    void propagateFromAnnotation(const std::string& uid);
    // The state a field would have given the current annotations (used after record edits).
    void refreshAllLinks();

    // Problems of link integrity: links to absent annotations not flagged, citedBy out of step,
    // duplicate ids. Empty when consistent.
    std::vector<std::string> integrityProblems() const;

    int subscribe(Observer observer);
    void unsubscribe(int token);
    void notify(const ChangeEvent& event) const;

  private:
    bool refreshValue(RecordValue& v) const;
    bool refreshFinding(Finding& f) const;

    CaseDocument doc_;
    std::map<int, Observer> observers_;
    int nextToken_ = 1;
};

}  // namespace mensura::annotations
