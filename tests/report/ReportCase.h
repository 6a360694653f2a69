#pragma once
// A case folder made in the test from real sample DICOM (sample_dicom/ccs_craniocervical, the
// contrast CT): a tri-axial annotation at the ground-truth lesion (centre (27, 8, 10) LPS;
// AP 40, LR 47, SI 34 mm), values linked to it, a finding, a laboratory result, and a reported
// follow-up so the report has a RECIST comparison.
#include <optional>
#include <string>

#include "mensura/case/CaseDocument.h"

namespace mensura::test {

struct ReportCase {
    std::string folder;  // holds case.json
    annotations::CaseDocument document;
    std::string seriesFolder;
    std::string patientName, patientId, studyDate;  // as the DICOM headers say
};

inline const char* kTriaxialLabel = "L1 tri-axial, \"contrast CT\"";  // a comma and quotes for CSV
inline const imaging::PointLps kLesionCentre{27, 8, 10};

// Writes the case into folder; nullopt (with why) when sample_dicom is absent.
std::optional<ReportCase> makeReportCase(const std::string& folder, std::string* why);

}  // namespace mensura::test
