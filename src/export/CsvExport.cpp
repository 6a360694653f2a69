#include "mensura/export/CsvExport.h"

#include <cstdio>
#include <set>

namespace mensura::annotations {
namespace {

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

const Annotation* findAnnotation(const CaseDocument& doc, const std::string& uid) {
    if (uid.empty()) return nullptr;
    for (const auto& a : doc.annotations)
        if (a.uid == uid) return &a;
    return nullptr;
}

// The timepoint whose studies include the study an annotation was drawn on.
const Timepoint* timepointOfStudy(const CaseRecord& r, const std::string& studyUid) {
    for (const auto& tp : r.imaging)
        for (const auto& s : tp.studies)
            if (!studyUid.empty() && s.studyInstanceUid == studyUid) return &tp;
    return nullptr;
}

std::string row(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + csvField(fields[i]);
    return line + "\r\n";
}

}  // namespace

const std::vector<std::string>& csvColumns() {
    static const std::vector<std::string> columns{"caseId",
                                                  "timepointLabel",
                                                  "timepointDate",
                                                  "timepointUid",
                                                  "lesion",
                                                  "lesionTrackingUid",
                                                  "fieldId",
                                                  "quantity",
                                                  "value",
                                                  "unitUcum",
                                                  "reportedText",
                                                  "linkState",
                                                  "source",
                                                  "derivation",
                                                  "method",
                                                  "annotationUid",
                                                  "annotationLabel",
                                                  "studyInstanceUid",
                                                  "seriesInstanceUid",
                                                  "sopInstanceUid"};
    return columns;
}

std::string csvField(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char ch : value) {
        if (ch == '"') out += '"';
        out += ch;
    }
    return out + "\"";
}

std::string measurementsCsv(const ExportCase& c) {
    const CaseDocument& doc = c.document;
    const CaseRecord& r = doc.record;
    std::string csv = row(csvColumns());
    std::set<std::pair<std::string, Quantity>> cited;  // (annotation, quantity) the record uses

    for (const auto& tp : r.imaging) {
        for (const auto& obs : tp.observations) {
            const Lesion* lesion = r.findLesion(obs.lesionTrackingUid);
            for (const auto& v : obs.values) {
                const std::string annotationUid = v.link ? v.link->annotationUid : v.value.sourceAnnotation;
                const Annotation* a = findAnnotation(doc, annotationUid);
                if (v.link) cited.insert({v.link->annotationUid, v.link->quantity});
                csv += row({r.caseId,
                            tp.label,
                            tp.date,
                            tp.uid,
                            lesion ? lesion->trackingId : "",
                            obs.lesionTrackingUid,
                            v.fieldId,
                            toString(v.quantity),
                            number(v.value.value),
                            v.value.unit,
                            v.reportedText,
                            toString(v.state),
                            "record",
                            v.value.derivation,
                            v.value.method,
                            annotationUid,
                            a ? a->label : "",
                            a ? a->image.studyInstanceUid : "",
                            a ? a->image.seriesInstanceUid : "",
                            a ? a->image.sopInstanceUid : ""});
            }
        }
    }
    for (const auto& a : doc.annotations) {
        const Timepoint* tp = timepointOfStudy(r, a.image.studyInstanceUid);
        for (const auto& q : a.measurements) {
            if (cited.count({a.uid, q.quantity})) continue;
            csv += row({r.caseId,
                        tp ? tp->label : "",
                        tp ? tp->date : "",
                        tp ? tp->uid : "",
                        "",
                        "",
                        "",
                        toString(q.quantity),
                        number(q.measurement.value),
                        q.measurement.unit,
                        "",
                        q.stale ? toString(LinkState::Stale) : "",
                        "annotation",
                        q.measurement.derivation,
                        q.measurement.method,
                        a.uid,
                        a.label,
                        a.image.studyInstanceUid,
                        a.image.seriesInstanceUid,
                        a.image.sopInstanceUid});
        }
    }
    return csv;
}

imaging::Result<std::string> exportCsv(const std::string& caseFolder, const std::string& outDir,
                                       const DeidentificationPolicy& policy) {
    auto c = loadExportCase(caseFolder, policy);
    if (!c) return c.error();
    return writeExportFile(*c, outDir, "measurements.csv", measurementsCsv(*c));
}

}  // namespace mensura::annotations
