#pragma once
// A structural check of a FHIR R4 Bundle as Mensura writes it: resource types and ids, the
// elements R4 requires (min cardinality 1) of each resource type emitted, codings with system and
// code, UCUM quantities, and every reference resolving to an entry of the bundle.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mensura::test {

// Empty when the bundle passes; otherwise one line per problem, with the JSON path.
std::vector<std::string> fhirProblems(const nlohmann::json& bundle);

}  // namespace mensura::test
