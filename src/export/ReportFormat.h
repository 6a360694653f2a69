#pragma once
// How the human report words things: sizes in the reporting convention ("4.0 cm x 4.7 cm x
// 3.4 cm", AP x LR x SI), values with their unit, coded findings as a sentence, HTML escaping.
#include <optional>
#include <string>

#include "mensura/annotations/Annotation.h"
#include "mensura/annotations/Measurement.h"
#include "mensura/case/LinkedFields.h"

namespace mensura::annotations {

std::string htmlEscape(const std::string& text);

// "4.0 cm" from millimetres (one decimal, as reports give them).
std::string centimetres(double mm);
// "4.0 cm x 4.7 cm x 3.4 cm": AP x LR x SI.
std::string triaxialText(double apMm, double lrMm, double siMm);

// A value in the unit a reader expects: lengths in mm, volumes in mL, HU as "HU";
// pixel values say "pixels".
std::string valueText(const Measurement& m);

// "T2-weighted: slightly hyperintense relative to skeletal muscle (slightly high signal)".
std::string findingInWords(const Finding& f);

// "+12.5 %" / "-22.7 %".
std::string signedPercent(double percent);

}  // namespace mensura::annotations
