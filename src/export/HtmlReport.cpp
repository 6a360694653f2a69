#include "mensura/export/HtmlReport.h"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "ReportFormat.h"
#include "mensura/case/Longitudinal.h"

namespace mensura::annotations {
namespace {
namespace fs = std::filesystem;

std::string e(const std::string& s) { return htmlEscape(s); }

const char* kStyle = R"(<style>
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 16px; } h3 { font-size: 11pt; }
table { border-collapse: collapse; margin-bottom: 8px; }
th, td { border: 1px solid #999; padding: 3px 6px; text-align: left; vertical-align: top; }
.fields th { background: #eee; width: 180px; }
.grid th { background: #eee; }
.missing { color: #a00; font-style: italic; }
.caption { font-size: 9pt; color: #333; }
.state-stale, .state-orphaned { color: #a00; }
</style>
)";

// The measured values of one lesion at one timepoint, in mm / mm3 where the unit allows.
struct LesionSizes {
    std::optional<double> ap, lr, si, longAxis, shortAxis, volume;
};

LesionSizes sizesOf(const LesionObservation& obs) {
    LesionSizes s;
    for (const auto& v : obs.values) {
        switch (v.quantity) {
            case Quantity::ApDiameter:
                s.ap = lengthInMm(v.value);
                break;
            case Quantity::LrDiameter:
                s.lr = lengthInMm(v.value);
                break;
            case Quantity::SiDiameter:
                s.si = lengthInMm(v.value);
                break;
            case Quantity::LongAxis:
                s.longAxis = lengthInMm(v.value);
                break;
            case Quantity::ShortAxis:
                s.shortAxis = lengthInMm(v.value);
                break;
            case Quantity::Volume:
                s.volume = volumeInMm3(v.value);
                break;
            default:
                break;
        }
    }
    return s;
}

std::string mm(const std::optional<double>& v) {
    if (!v) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f mm", *v);
    return buf;
}

std::string ml(const std::optional<double>& v) {
    if (!v) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f mL", *v / 1000.0);
    return buf;
}

std::string fileSafe(const std::string& s) {
    std::string out;
    for (char ch : s) out += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    return out.empty() ? "x" : out;
}

class ReportBuilder {
  public:
    ReportBuilder(const ExportCase& c, const std::string& outDir, const KeyImageProvider& provider)
        : c_(c), r_(c.document.record), outDir_(outDir), provider_(provider) {
        for (std::size_t i = 1; i < r_.imaging.size(); ++i) {
            auto a = compareTimepoints(r_, r_.imaging.front().uid, r_.imaging[i].uid);
            if (a)
                assessments_.emplace(r_.imaging[i].uid, *a);
            else
                assessmentErrors_.emplace(r_.imaging[i].uid, a.error().message);
        }
    }

    std::string build() {
        const std::string title = r_.title.empty() ? "Case " + r_.caseId : r_.title;
        std::string html = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + e(title) +
                           "</title>\n" + kStyle + "</head>\n<body>\n<h1>" + e(title) + "</h1>\n";
        if (!r_.source.empty()) html += "<p class=\"caption\">Source: " + e(r_.source) + "</p>\n";
        html += patientAndPresentationHtml(c_);
        html += laboratoryHtml(r_);
        html += imaging();
        html += lesionsOverTime();
        html += response();
        html += pathologyToOutcomeHtml(r_);
        return html + "</body>\n</html>\n";
    }

  private:
    std::string imaging() {
        if (r_.imaging.empty()) return {};
        std::string html = "<h2>Imaging examinations</h2>\n";
        for (std::size_t t = 0; t < r_.imaging.size(); ++t) {
            const Timepoint& tp = r_.imaging[t];
            html += "<h3>" + e(tp.label.empty() ? toString(tp.role) : tp.label) + "</h3>\n<p>" + e(toString(tp.role)) +
                    (tp.date.empty() ? "" : ", " + e(tp.date)) +
                    (tp.relativeTime.empty() ? "" : " (" + e(tp.relativeTime) + ")") + "</p>\n";
            if (!tp.studies.empty()) {
                html += "<ul>\n";
                for (const auto& s : tp.studies)
                    html += "<li>" + e(s.modality) + " " + e(s.description) + (s.date.empty() ? "" : ", " + e(s.date)) +
                            "</li>\n";
                html += "</ul>\n";
            }
            if (!tp.notes.empty()) html += "<p>" + e(tp.notes) + "</p>\n";
            for (const auto& obs : tp.observations) html += observation(t, obs);
        }
        return html;
    }

    std::string observation(std::size_t t, const LesionObservation& obs) {
        const Lesion* lesion = r_.findLesion(obs.lesionTrackingUid);
        const std::string name = lesion ? lesion->trackingId : "lesion";
        std::string html = "<h4>" + e(name) + (lesion ? " &mdash; " + e(toString(lesion->role)) : "") +
                           (lesion && !lesion->bodySiteText.empty() ? ", " + e(lesion->bodySiteText) : "") + "</h4>\n";
        if (obs.notSeen) html += "<p>Not seen at this timepoint.</p>\n";
        const LesionSizes s = sizesOf(obs);
        if (s.ap && s.lr && s.si)
            html += "<p><b>Tri-axial size (AP x LR x SI): " + e(triaxialText(*s.ap, *s.lr, *s.si)) + "</b></p>\n";
        std::vector<std::string> evidence;
        if (!obs.values.empty()) {
            html +=
                "<table class=\"grid\">\n<tr><th>Measurement</th><th>Value</th><th>Reported</th><th>Link</th>"
                "<th>Source annotation</th></tr>\n";
            for (const auto& v : obs.values) {
                const Annotation* a = v.link ? find(v.link->annotationUid) : nullptr;
                if (a) evidence.push_back(a->uid);
                html += "<tr><td>" + e(reportName(v.quantity)) + "</td><td>" + e(valueText(v.value)) + "</td><td>" +
                        e(v.reportedText) + "</td><td class=\"state-" + toString(v.state) + "\">" + toString(v.state) +
                        "</td><td>" + e(a ? a->label : "") + "</td></tr>\n";
            }
            html += "</table>\n";
        }
        if (!obs.findings.empty()) {
            html += "<ul>\n";
            for (const auto& f : obs.findings) {
                html += "<li>" + e(findingInWords(f)) +
                        (f.state == LinkState::Linked || f.state == LinkState::Reported
                             ? ""
                             : " <span class=\"state-" + std::string(toString(f.state)) + "\">[" + toString(f.state) +
                                   "]</span>") +
                        "</li>\n";
                for (const auto& uid : f.evidence) evidence.push_back(uid);
            }
            html += "</ul>\n";
        }
        if (!obs.notes.empty()) html += "<p>" + e(obs.notes) + "</p>\n";
        return html + keyImages(name, t, evidence);
    }

    std::string keyImages(const std::string& lesionName, std::size_t t, const std::vector<std::string>& uids) {
        std::string html;
        for (const auto& uid : uids) {
            if (!shown_.insert(uid).second) continue;  // once per report, where first cited
            const std::size_t index = indexOf(uid);
            if (index >= c_.original.annotations.size()) continue;
            const Annotation& exported = c_.document.annotations[index];
            const Annotation& original = c_.original.annotations[index];
            const std::string file = "key_" + fileSafe(lesionName) + "_t" + std::to_string(t + 1) + "_" +
                                     std::to_string(++imageCount_) + ".png";
            KeyImageRequest request;
            request.annotation = &original;
            request.seriesFolder = c_.seriesFolder(original.image.seriesInstanceUid);
            request.pngPath = (fs::path(outDir_) / file).string();
            request.caption = exported.label;
            request.deidentified = c_.deidentified;
            html += "<div class=\"keyimage\">";
            std::string why = "no key image renderer was supplied";
            if (provider_) {
                auto png = provider_(request);
                if (png) {
                    html += "<img src=\"" + e(fs::path(*png).filename().string()) + "\" width=\"420\" alt=\"" +
                            e(exported.label) + "\"><br>\n";
                    why.clear();
                } else {
                    why = png.error().message;
                }
            }
            if (!why.empty())
                html += "<p class=\"missing\">Key image not available for \u201C" + e(exported.label) +
                        "\u201D: " + e(c_.deid.scrub(why)) + "</p>\n";
            html +=
                "<span class=\"caption\">" + e(exported.label) + " (" + toString(exported.kind) + ")</span></div>\n";
        }
        return html;
    }

    std::string lesionsOverTime() {
        if (r_.lesions.empty()) return {};
        std::string html = "<h2>Lesions over time</h2>\n";
        for (const auto& lesion : r_.lesions) {
            html += "<h3>" + e(lesion.trackingId) + " &mdash; " + e(toString(lesion.role)) +
                    (lesion.bodySiteText.empty() ? "" : ", " + e(lesion.bodySiteText)) +
                    (lesion.laterality.empty() ? "" : " (" + e(lesion.laterality.meaning) + ")") + "</h3>\n";
            if (!lesion.vertebralLevels.empty()) {
                std::string levels;
                for (const auto& l : lesion.vertebralLevels) levels += (levels.empty() ? "" : ", ") + l;
                html += "<p>Vertebral levels: " + e(levels) + "</p>\n";
            }
            if (!lesion.description.empty()) html += "<p>" + e(lesion.description) + "</p>\n";
            html +=
                "<table class=\"grid\">\n<tr><th>Timepoint</th><th>Date</th><th>Tri-axial (AP x LR x SI)</th>"
                "<th>Long axis</th><th>Short axis</th><th>Volume</th><th>RECIST diameter change</th>"
                "<th>Volume change</th></tr>\n";
            for (const auto& tp : r_.imaging) {
                for (const auto& obs : tp.observations) {
                    if (obs.lesionTrackingUid != lesion.trackingUid) continue;
                    const LesionSizes s = sizesOf(obs);
                    std::string diameterChange, volumeChange;
                    if (const LesionComparison* lc = comparison(tp.uid, lesion.trackingUid)) {
                        if (lc->recistDiameter)
                            diameterChange = mm(lc->recistDiameter->from) + " \u2192 " + mm(lc->recistDiameter->to) +
                                             " (" + signedPercent(lc->recistDiameter->percentChange()) + ")";
                        if (lc->volume) volumeChange = signedPercent(lc->volume->percentChange());
                    }
                    html += "<tr><td>" + e(tp.label) + "</td><td>" + e(tp.date) + "</td><td>" +
                            (obs.notSeen            ? "not seen"
                             : s.ap && s.lr && s.si ? e(triaxialText(*s.ap, *s.lr, *s.si))
                                                    : "") +
                            "</td><td>" + mm(s.longAxis) + "</td><td>" + mm(s.shortAxis) + "</td><td>" + ml(s.volume) +
                            "</td><td>" + e(diameterChange) + "</td><td>" + e(volumeChange) + "</td></tr>\n";
                }
            }
            html += "</table>\n";
        }
        return html;
    }

    std::string response() {
        if (assessments_.empty() && assessmentErrors_.empty()) return {};
        std::string html = "<h2>Response (RECIST 1.1)</h2>\n";
        for (std::size_t i = 1; i < r_.imaging.size(); ++i) {
            const Timepoint& tp = r_.imaging[i];
            const std::string heading = r_.imaging.front().label + " \u2192 " + tp.label;
            if (auto it = assessmentErrors_.find(tp.uid); it != assessmentErrors_.end()) {
                html += "<p><b>" + e(heading) + "</b>: not assessable: " + e(c_.deid.scrub(it->second)) + "</p>\n";
                continue;
            }
            const ResponseAssessment& a = assessments_.at(tp.uid);
            char sums[256];
            std::snprintf(sums, sizeof sums,
                          "Sum of diameters: baseline %.1f mm, nadir %.1f mm, current %.1f mm (%+.1f %% from baseline, "
                          "%+.1f %% from nadir)",
                          a.baselineSumMm, a.nadirSumMm, a.currentSumMm, a.percentFromBaseline(), a.percentFromNadir());
            html += "<p><b>" + e(heading) + ": " + toString(a.category) + "</b><br>\nRule: " + e(a.rule) + "<br>\n" +
                    e(sums) + "</p>\n";
            if (!a.notes.empty()) {
                html += "<ul>\n";
                for (const auto& n : a.notes) html += "<li>" + e(n) + "</li>\n";
                html += "</ul>\n";
            }
        }
        return html;
    }

    const LesionComparison* comparison(const std::string& tpUid, const std::string& lesionUid) const {
        auto it = assessments_.find(tpUid);
        if (it == assessments_.end()) return nullptr;
        for (const auto& lc : it->second.lesions)
            if (lc.trackingUid == lesionUid) return &lc;
        return nullptr;
    }

    const Annotation* find(const std::string& uid) const {
        const std::size_t i = indexOf(uid);
        return i < c_.document.annotations.size() ? &c_.document.annotations[i] : nullptr;
    }
    std::size_t indexOf(const std::string& uid) const {
        for (std::size_t i = 0; i < c_.document.annotations.size(); ++i)
            if (c_.document.annotations[i].uid == uid) return i;
        return c_.document.annotations.size();
    }

    const ExportCase& c_;
    const CaseRecord& r_;
    std::string outDir_;
    const KeyImageProvider& provider_;
    std::map<std::string, ResponseAssessment> assessments_;
    std::map<std::string, std::string> assessmentErrors_;
    std::set<std::string> shown_;
    int imageCount_ = 0;
};

}  // namespace

std::string reportHtml(const ExportCase& c, const std::string& outDir, const KeyImageProvider& provider) {
    return ReportBuilder(c, outDir, provider).build();
}

imaging::Result<std::string> exportHtmlReport(const std::string& caseFolder, const std::string& outDir,
                                              const DeidentificationPolicy& policy, const KeyImageProvider& provider) {
    auto c = loadExportCase(caseFolder, policy);
    if (!c) return c.error();
    std::error_code ec;
    fs::create_directories(outDir, ec);
    if (ec) return imaging::Error{outDir + ": cannot create the output folder: " + ec.message()};
    return writeExportFile(*c, outDir, "report.html", reportHtml(*c, outDir, provider));
}

}  // namespace mensura::annotations
