#pragma once
// Every measurement of a case as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or
// line break quoted, quotes doubled), one row per measurement, lesion and timepoint.
//
// Rows come from two places: the record's measured values (source "record", with their link
// state linked / stale / orphaned / reported) and the values of annotations that no record
// value cites (source "annotation", link state empty: nothing in the record depends on them).
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/dicom-objects/Deidentification.h"
#include "mensura/export/ExportCase.h"

namespace mensura::annotations {

// The header row, in column order.
const std::vector<std::string>& csvColumns();

// One field, quoted when RFC 4180 needs it.
std::string csvField(const std::string& value);

// The whole file (header row first) for an opened case.
std::string measurementsCsv(const ExportCase& c);

// Writes outDir/measurements.csv; returns its path.
imaging::Result<std::string> exportCsv(const std::string& caseFolder, const std::string& outDir,
                                       const DeidentificationPolicy& policy);

}  // namespace mensura::annotations
