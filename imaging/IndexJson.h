#pragma once
// The JSON that `mensura-cli index` and `info` print. Field names are a contract other programs
// rely on (see README): change them only with a new major version.
#include <nlohmann/json.hpp>

#include "DicomIndex.h"
#include "Volume.h"

namespace mensura::imaging {

nlohmann::json indexToJson(const DicomIndex& index);
// Per-series summary of a loaded volume: seriesInstanceUid, modality, description, rows,
// columns, slices, spacingMm, originLps, directionLps, orientation, valueUnit, min, max, warnings.
nlohmann::json volumeInfoToJson(const Volume& volume);

}  // namespace mensura::imaging
