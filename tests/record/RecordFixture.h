#pragma once
// A small case with every kind of link, for the record tests.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mensura/case/CaseDocument.h"

namespace mensura::test {

// Lesion L1 at two timepoints; a tri-axial annotation (40 x 30 x 20 mm) whose AP, LR, SI and
// volume are linked at baseline; a segmentation with a linked volume; a line; a finding with
// evidence; a reported (unlinked) value.
annotations::CaseDocument recordFixture();

inline const char* kTriaxialUid = "2.25.1001";
inline const char* kSegmentationUid = "2.25.1002";
inline const char* kPointUid = "2.25.1003";
inline const char* kLineUid = "2.25.1004";

// Runs the system python's jsonschema on a file; returns "" when valid, else the message.
std::string schemaProblems(const std::string& jsonFile);

// Whether the case schema accepts each document, from one python run (a sweep of hundreds of
// values stays quick); empty when python or jsonschema failed.
std::vector<bool> schemaAccepts(const std::vector<nlohmann::json>& documents);

}  // namespace mensura::test
