#pragma once
// Plain-text and JSON views of a case and of a comparison, for the command line and logs.
#include <string>

#include <nlohmann/json.hpp>

#include "mensura/case/CaseModel.h"
#include "mensura/case/Longitudinal.h"

namespace mensura::annotations {

std::string summarizeCase(const CaseModel& model);
std::string summarizeAssessment(const ResponseAssessment& a);
nlohmann::json assessmentToJson(const ResponseAssessment& a);

}  // namespace mensura::annotations
