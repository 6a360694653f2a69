// The clinical sections of the human report (everything but imaging), in the record's order.
#include <cstdio>

#include "ReportFormat.h"
#include "mensura/export/HtmlReport.h"

namespace mensura::annotations {
namespace {

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string e(const std::string& s) { return htmlEscape(s); }

// "<tr><th>label</th><td>text</td></tr>" when text is not empty.
std::string fieldRow(const std::string& label, const std::string& text) {
    return text.empty() ? "" : "<tr><th>" + e(label) + "</th><td>" + e(text) + "</td></tr>\n";
}

std::string table(const std::string& rows) {
    return rows.empty() ? "" : "<table class=\"fields\">\n" + rows + "</table>\n";
}

std::string when(const std::string& date, const std::string& relative) {
    if (!date.empty() && !relative.empty()) return date + " (" + relative + ")";
    return date.empty() ? relative : date;
}

}  // namespace

std::string patientAndPresentationHtml(const ExportCase& c) {
    const CaseRecord& r = c.document.record;
    std::string rows;
    if (c.deidentified) rows += fieldRow("De-identified", "yes: pseudonyms, dates shifted, UIDs remapped");
    rows += fieldRow("Name", c.patient.name);
    rows += fieldRow("Patient ID", c.patient.id);
    if (r.patient.ageYears) rows += fieldRow("Age at presentation", num(*r.patient.ageYears) + " years");
    rows += fieldRow("Sex", r.patient.sex.meaning);
    rows += fieldRow("Notes", r.patient.notes);
    std::string html = "<h2>Patient</h2>\n" + table(rows);

    const Presentation& p = r.presentation;
    rows = fieldRow("Chief complaint", p.chiefComplaint) +
           fieldRow("History of present illness", p.historyOfPresentIllness) + fieldRow("Past history", p.pastHistory) +
           fieldRow("Personal and family history", p.personalFamilyHistory) +
           fieldRow("Physical examination", p.physicalExamination);
    if (!rows.empty()) html += "<h2>Presentation</h2>\n" + table(rows);
    return html;
}

std::string laboratoryHtml(const CaseRecord& r) {
    if (r.laboratory.empty()) return {};
    std::string html =
        "<h2>Laboratory findings</h2>\n<table class=\"grid\">\n"
        "<tr><th>Test</th><th>Value</th><th>Reference range</th><th>Date</th></tr>\n";
    for (const auto& lab : r.laboratory) {
        std::string value = lab.value ? num(*lab.value) + " " + lab.unit : lab.text;
        std::string range = lab.referenceRange.text;
        if (range.empty() && (lab.referenceRange.low || lab.referenceRange.high))
            range = (lab.referenceRange.low ? num(*lab.referenceRange.low) : "") + " - " +
                    (lab.referenceRange.high ? num(*lab.referenceRange.high) : "");
        html += "<tr><td>" + e(lab.name.empty() ? lab.code.meaning : lab.name) + "</td><td>" + e(value) + "</td><td>" +
                e(range) + "</td><td>" + e(lab.date) + "</td></tr>\n";
    }
    return html + "</table>\n";
}

std::string pathologyToOutcomeHtml(const CaseRecord& r) {
    std::string html;
    for (const auto& p : r.pathology) {
        html += "<h2>Pathology</h2>\n";
        std::string rows =
            fieldRow("Date", p.date) + fieldRow("Specimen", p.specimen) + fieldRow("Histology", p.histology);
        if (p.mitoticCount)
            rows +=
                fieldRow("Mitotic count", num(p.mitoticCount->count) + " per " + num(p.mitoticCount->perHpf) + " HPF");
        rows += fieldRow("Necrosis", p.necrosis) + fieldRow("Grade", p.grade) + fieldRow("Notes", p.notes);
        html += table(rows);
        if (!p.immunohistochemistry.empty()) {
            html += "<table class=\"grid\">\n<tr><th>Marker</th><th>Result</th><th>Percent</th><th>Note</th></tr>\n";
            for (const auto& ihc : p.immunohistochemistry) {
                const std::string pct =
                    ihc.percent
                        ? ihc.percentComparator + (ihc.percentComparator.empty() ? "" : " ") + num(*ihc.percent) + " %"
                        : "";
                html += "<tr><td>" + e(ihc.marker) + "</td><td>" + e(ihc.result) + "</td><td>" + e(pct) + "</td><td>" +
                        e(ihc.text) + "</td></tr>\n";
            }
            html += "</table>\n";
        }
    }
    if (!r.genetics.empty()) {
        html +=
            "<h2>Genetics</h2>\n<table class=\"grid\">\n"
            "<tr><th>Method</th><th>Target</th><th>Finding</th><th>Positive cells</th><th>Date</th></tr>\n";
        for (const auto& g : r.genetics)
            html += "<tr><td>" + e(g.method) + "</td><td>" + e(g.target) + "</td><td>" +
                    e(g.finding + (g.text.empty() ? "" : " (" + g.text + ")")) + "</td><td>" +
                    e(g.percentPositiveCells ? num(*g.percentPositiveCells) + " %" : "") + "</td><td>" + e(g.date) +
                    "</td></tr>\n";
        html += "</table>\n";
    }
    const Diagnosis& d = r.diagnosis;
    std::string rows = fieldRow("Diagnosis", d.text);
    if (!d.morphology.empty())
        rows +=
            fieldRow("Morphology", d.morphology.meaning + " (" + d.morphology.scheme + " " + d.morphology.value + ")");
    if (!d.site.empty()) rows += fieldRow("Site", d.site.meaning + " (" + d.site.scheme + " " + d.site.value + ")");
    rows += fieldRow("Basis", d.basis);
    if (!rows.empty()) html += "<h2>Diagnosis</h2>\n" + table(rows);

    const Treatment& t = r.treatment;
    if (!t.procedures.empty() || !t.regimens.empty() || !t.radiotherapy.empty()) {
        html += "<h2>Treatment</h2>\n<ul>\n";
        for (const auto& p : t.procedures)
            html += "<li>" + e(when(p.date, p.relativeTime)) + (when(p.date, p.relativeTime).empty() ? "" : ": ") +
                    e(p.name) + (p.details.empty() ? "" : " &mdash; " + e(p.details)) + "</li>\n";
        for (const auto& reg : t.regimens) {
            std::string drugs;
            for (const auto& dd : reg.drugs)
                drugs += (drugs.empty() ? "" : "; ") + dd.drug + (dd.dose ? " " + num(*dd.dose) + " " + dd.unit : "") +
                         (dd.schedule.empty() ? "" : " " + dd.schedule);
            const std::string at = when(reg.startDate, reg.relativeTime);
            html += "<li>" + e(at) + (at.empty() ? "" : ": ") + e(reg.name) +
                    (reg.cycles ? " x " + std::to_string(*reg.cycles) + " cycles" : "") +
                    (drugs.empty() ? "" : " (" + e(drugs) + ")") +
                    (reg.notes.empty() ? "" : " &mdash; " + e(reg.notes)) + "</li>\n";
        }
        for (const auto& rt : t.radiotherapy) {
            const std::string at = when(rt.date, rt.relativeTime);
            html += "<li>" + e(at) + (at.empty() ? "" : ": ") + "radiotherapy" +
                    (rt.totalDoseGy ? " " + num(*rt.totalDoseGy) + " Gy" : "") +
                    (rt.fractions ? " in " + std::to_string(*rt.fractions) + " fractions" : "") +
                    (rt.notes.empty() ? "" : " &mdash; " + e(rt.notes)) + "</li>\n";
        }
        html += "</ul>\n";
    }
    if (!r.outcome.empty()) {
        html += "<h2>Outcome and follow-up</h2>\n<ul>\n";
        for (const auto& o : r.outcome) {
            const std::string at = when(o.date, o.relativeTime);
            html += "<li>" + e(at) + (at.empty() ? "" : ": ") + e(o.event) +
                    (o.text.empty() ? "" : " &mdash; " + e(o.text)) + "</li>\n";
        }
        html += "</ul>\n";
    }
    return html;
}

}  // namespace mensura::annotations
