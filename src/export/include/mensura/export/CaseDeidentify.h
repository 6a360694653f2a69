#pragma once
// Applies the shared DeidentificationPolicy (Deidentification.h) to a whole case document, and
// keeps a table of every original identifier it replaced so that text assembled later (a report
// line, an error message) can be scrubbed with exactly the same replacements. The policy decides
// the values (pseudonyms, the date shift, the UID mapping); this file only finds where they go.
#include <string>
#include <utility>
#include <vector>

#include "mensura/case/CaseDocument.h"
#include "mensura/dicom-objects/Deidentification.h"

namespace mensura::annotations {

// Who the images belong to, as the DICOM headers say (the case record itself holds no name).
struct PatientIdentity {
    std::string name;       // DICOM PN, e.g. "DOE^JANE"
    std::string id;         // PatientID
    std::string birthDate;  // YYYYMMDD
    std::string sex;        // M / F / O
};

class CaseDeidentifier {
  public:
    explicit CaseDeidentifier(const DeidentificationPolicy& policy) : policy_(policy) {}

    bool enabled() const { return policy_.enabled; }
    const DeidentificationPolicy& policy() const { return policy_; }

    // Every UID remapped, every date shifted, reference paths dropped (folder names often
    // carry the patient's name). Free text is kept, with known identifiers scrubbed.
    CaseDocument apply(const CaseDocument& doc);
    PatientIdentity apply(const PatientIdentity& who);

    std::string uid(const std::string& original);
    // Full dates through policy.shiftDate; partial ISO dates ("2021", "2021-07") and date-times
    // are shifted through a full date inside them so that no original date survives.
    std::string date(const std::string& original);
    // Replaces every original identifier recorded so far (UIDs, dates, name, ID) inside text.
    std::string scrub(const std::string& text) const;

  private:
    void remember(const std::string& from, const std::string& to);
    std::string text(const std::string& s) const { return policy_.enabled ? scrub(s) : s; }

    DeidentificationPolicy policy_;
    std::vector<std::pair<std::string, std::string>> replacements_;
};

}  // namespace mensura::annotations
