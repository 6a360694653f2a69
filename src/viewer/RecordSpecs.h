#pragma once
// The list sections of the case record as table specs (what each column shows and how an edit
// writes it back). Nested lists (immunohistochemistry of a pathology report, drugs of a regimen)
// follow the row selected in their parent table, given by `selected`.
#include <functional>

#include "mensura/viewer/RecordTable.h"

namespace mensura::viewer {

using SelectedRow = std::function<int()>;

TableSpec laboratorySpec();
TableSpec lesionsSpec();
TableSpec timepointsSpec();
TableSpec pathologySpec();
TableSpec immunohistochemistrySpec(SelectedRow report);
TableSpec geneticsSpec();
TableSpec proceduresSpec();
TableSpec regimensSpec();
TableSpec drugsSpec(SelectedRow regimen);
TableSpec radiotherapySpec();
TableSpec outcomeSpec();

}  // namespace mensura::viewer
