#pragma once
// HL7 FHIR R4 JSON: a Bundle (type "collection") holding a DiagnosticReport, one Observation per
// measured record value (the three tri-axial diameters as components of one Observation) and per
// coded finding, one ImagingStudy per referenced DICOM study, and the Patient. Every reference
// is "urn:uuid:<id>" and resolves to an entry's fullUrl inside the bundle.
#include <string>

#include <nlohmann/json.hpp>

#include "mensura/annotations/CodedConcept.h"
#include "mensura/core/Result.h"
#include "mensura/dicom-objects/Deidentification.h"
#include "mensura/export/ExportCase.h"

namespace mensura::annotations {

// Code system URIs. Mensura's private codes (scheme "99MENSURA") are NOT standard: they go to
// kMensuraCodeSystem, a URI under example.org (reserved, so it can never clash with a real
// system) until Mensura publishes a CodeSystem of its own.
inline constexpr const char* kMensuraCodeSystem = "https://mensura.example.org/fhir/CodeSystem/99MENSURA";
inline constexpr const char* kUcumSystem = "http://unitsofmeasure.org";
inline constexpr const char* kLoincSystem = "http://loinc.org";
inline constexpr const char* kSnomedSystem = "http://snomed.info/sct";
inline constexpr const char* kDicomSystem = "http://dicom.nema.org/resources/ontology/DCM";

// The FHIR system URI of a DICOM coding scheme designator (SCT, DCM, LN, ICDO3, RADLEX, UCUM,
// 99MENSURA); unknown designators become "urn:mensura:scheme:<designator>".
std::string fhirSystem(const std::string& codingSchemeDesignator);
nlohmann::json fhirCoding(const CodedConcept& c);
nlohmann::json fhirCodeableConcept(const CodedConcept& c, const std::string& text = {});

// A name-based UUID (deterministic: the same case exports the same ids).
std::string stableUuid(const std::string& key);

nlohmann::json fhirBundle(const ExportCase& c);

// Writes outDir/fhir_bundle.json; returns its path.
imaging::Result<std::string> exportFhir(const std::string& caseFolder, const std::string& outDir,
                                        const DeidentificationPolicy& policy);

}  // namespace mensura::annotations
