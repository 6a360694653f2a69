#pragma once
// The JSON that `mensura-cli index` and `info` print. Field names are a contract other programs
// rely on (docs/cli.md, docs/formats.md): change them only with a new major version.
#include <nlohmann/json.hpp>

#include "mensura/core/Volume.h"
#include "mensura/dicom/DicomIndex.h"

namespace mensura::imaging {

nlohmann::json indexToJson(const DicomIndex& index);
// Per-series summary of a loaded volume: seriesInstanceUid, modality, description, rows,
// columns, slices, spacingMm, originLps, directionLps, orientation, valueUnit, min, max, warnings.
nlohmann::json volumeInfoToJson(const Volume& volume);

// Text of a JSON value, indented. DICOM strings whose character set DCMTK could not convert to
// UTF-8 would make nlohmann::json throw; invalid bytes become U+FFFD instead.
std::string jsonText(const nlohmann::json& value);

}  // namespace mensura::imaging
