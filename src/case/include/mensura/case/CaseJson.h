#pragma once
// case.json: versioned and self-describing ({"schemaVersion": 1, "coordinateSystem": "LPS",
// "units": "mm", ...}). The reader is strict: an unknown field, a wrong type or a newer major
// version is an error naming the file and the field (a JSON pointer), so nothing is dropped
// silently on a load/save round trip. The schema is annotations/schema/case.schema.json.
#include <string>

#include <nlohmann/json.hpp>

#include "mensura/case/CaseDocument.h"
#include "mensura/core/Result.h"

namespace mensura::annotations {

using imaging::Error;
using imaging::Result;

nlohmann::json caseToJson(const CaseDocument& doc);
std::string caseToText(const CaseDocument& doc);  // what is written to disk

// source names the file in messages.
Result<CaseDocument> caseFromJson(const nlohmann::json& j, const std::string& source);
Result<CaseDocument> caseFromText(const std::string& text, const std::string& source);

}  // namespace mensura::annotations
