#include "ReportFormat.h"

#include <cstdio>

#include "mensura/case/Longitudinal.h"

namespace mensura::annotations {
namespace {

std::string format(const char* fmt, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

std::string lowerFirst(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && !(s.size() > 1 && s[1] >= 'A' && s[1] <= 'Z'))
        s[0] = char(s[0] + 32);
    return s;
}

}  // namespace

std::string htmlEscape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += ch;
        }
    }
    return out;
}

std::string centimetres(double mm) { return format("%.1f", mm / 10.0) + " cm"; }

std::string triaxialText(double apMm, double lrMm, double siMm) {
    return centimetres(apMm) + " x " + centimetres(lrMm) + " x " + centimetres(siMm);
}

std::string valueText(const Measurement& m) {
    if (auto mm3 = volumeInMm3(m); mm3 && m.unit != "mm" && m.unit != "cm")
        return format("%.1f", *mm3 / 1000.0) + " mL";
    if (auto mm = lengthInMm(m)) return format("%.1f", *mm) + " mm";
    if (m.unit == "[hnsf'U]") return format("%.0f", m.value) + " HU";
    if (m.unit == "{pixel}") return format("%.1f", m.value) + " pixels";
    if (m.unit == "mm2") return format("%.1f", m.value / 100.0) + " cm\xC2\xB2";
    if (m.unit == "%") return format("%.1f", m.value) + " %";
    if (m.unit == "1" || m.unit.empty()) return format("%.3g", m.value);
    return format("%.4g", m.value) + " " + m.unit;
}

std::string findingInWords(const Finding& f) {
    std::string s;
    if (!f.sequence.empty()) s += f.sequence.meaning + ": ";
    const bool signal = f.concept.value == "M-0110" && f.concept.scheme == "99MENSURA";
    if (!signal) s += f.concept.meaning + ": ";
    if (!f.value.empty()) s += signal ? f.value.meaning : lowerFirst(f.value.meaning);
    if (!f.referenceTissue.empty()) s += " relative to " + lowerFirst(f.referenceTissue.meaning);
    if (!f.freeText.empty()) s += f.value.empty() ? f.freeText : " (\u201C" + f.freeText + "\u201D)";
    return s;
}

std::string signedPercent(double percent) { return format("%+.1f", percent) + " %"; }

}  // namespace mensura::annotations
