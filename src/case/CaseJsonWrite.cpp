// Writing case.json. Empty strings, unset optionals and empty lists are left out, so the file
// holds what was said and the reader fills in the defaults.
#include "mensura/case/CaseJson.h"

#include "mensura/annotations/AnnotationKinds.h"

namespace mensura::annotations {

using nlohmann::json;

namespace {

void put(json& j, const char* key, const std::string& s) {
    if (!s.empty()) j[key] = s;
}
template <class T>
void put(json& j, const char* key, const std::optional<T>& v) {
    if (v) j[key] = *v;
}
void put(json& j, const char* key, const json& v) {
    if (!(v.is_array() || v.is_object()) || !v.empty()) j[key] = v;
}
template <class T, class F>
json list(const std::vector<T>& items, F f) {
    json a = json::array();
    for (const auto& i : items) a.push_back(f(i));
    return a;
}
json strings(const std::vector<std::string>& v) { return json(v); }

json code(const CodedConcept& c) {
    if (c.empty()) return json::object();
    return {{"CodeValue", c.value}, {"CodingSchemeDesignator", c.scheme}, {"CodeMeaning", c.meaning}};
}

json point(const imaging::PointLps& p) { return json::array({p.x, p.y, p.z}); }

json measurement(const Measurement& m) {
    json j{{"value", m.value}, {"unit", m.unit}};
    put(j, "derivation", m.derivation);
    put(j, "method", m.method);
    put(j, "sourceAnnotation", m.sourceAnnotation);
    return j;
}

json annotation(const Annotation& a) {
    json j{{"uid", a.uid}, {"kind", toString(a.kind)}, {"category", toString(a.category)}};
    put(j, "label", a.label);
    put(j, "text", a.text);
    json img;
    put(img, "studyInstanceUid", a.image.studyInstanceUid);
    put(img, "seriesInstanceUid", a.image.seriesInstanceUid);
    put(img, "sopInstanceUid", a.image.sopInstanceUid);
    if (a.image.frameNumber != 0) img["frameNumber"] = a.image.frameNumber;
    put(img, "frameOfReferenceUid", a.image.frameOfReferenceUid);
    put(j, "image", img.is_null() ? json::object() : img);
    if (!a.spacingKnown) j["spacingKnown"] = false;
    put(j, "pointsLps", list(a.pointsLps, point));
    if (describe(a.kind).segmentReference) {
        json s;
        put(s, "segSopInstanceUid", a.segmentation.segSopInstanceUid);
        if (a.segmentation.segmentNumber) s["segmentNumber"] = a.segmentation.segmentNumber;
        put(s, "path", a.segmentation.path);
        j["segmentation"] = s.is_null() ? json::object() : s;
    }
    put(j, "measurements", list(a.measurements, [](const QuantityValue& q) {
            json m{{"quantity", toString(q.quantity)}, {"measurement", measurement(q.measurement)}};
            if (q.stale) m["stale"] = true;
            return m;
        }));
    put(j, "citedBy", strings(a.citedBy));
    return j;
}

json recordValue(const RecordValue& v) {
    json j{{"fieldId", v.fieldId},
           {"quantity", toString(v.quantity)},
           {"value", measurement(v.value)},
           {"state", toString(v.state)}};
    put(j, "reportedText", v.reportedText);
    if (v.link) j["link"] = {{"annotationUid", v.link->annotationUid}, {"quantity", toString(v.link->quantity)}};
    return j;
}

json finding(const Finding& f) {
    json j{{"fieldId", f.fieldId}, {"concept", code(f.concept)}, {"state", toString(f.state)}};
    put(j, "value", code(f.value));
    put(j, "sequence", code(f.sequence));
    put(j, "referenceTissue", code(f.referenceTissue));
    put(j, "freeText", f.freeText);
    put(j, "evidence", strings(f.evidence));
    return j;
}

json lesion(const Lesion& l) {
    json j{{"trackingId", l.trackingId}, {"trackingUid", l.trackingUid}, {"role", toString(l.role)}};
    put(j, "bodySite", code(l.bodySite));
    put(j, "bodySiteText", l.bodySiteText);
    put(j, "laterality", code(l.laterality));
    put(j, "vertebralLevels", strings(l.vertebralLevels));
    if (l.nodal) j["nodal"] = true;
    put(j, "target", l.target);
    put(j, "description", l.description);
    return j;
}

json timepoint(const Timepoint& t) {
    json j{{"uid", t.uid}, {"role", toString(t.role)}};
    put(j, "label", t.label);
    put(j, "date", t.date);
    put(j, "relativeTime", t.relativeTime);
    put(j, "studies", list(t.studies, [](const StudyReference& s) {
            json o{{"studyInstanceUid", s.studyInstanceUid}};
            put(o, "modality", s.modality);
            put(o, "description", s.description);
            put(o, "date", s.date);
            return o;
        }));
    put(j, "observations", list(t.observations, [](const LesionObservation& o) {
            json x{{"lesionTrackingUid", o.lesionTrackingUid}};
            if (o.notSeen) x["notSeen"] = true;
            put(x, "values", list(o.values, recordValue));
            put(x, "findings", list(o.findings, finding));
            put(x, "notes", o.notes);
            return x;
        }));
    put(j, "notes", t.notes);
    return j;
}

json pathology(const PathologyReport& p) {
    json j = json::object();
    put(j, "date", p.date);
    put(j, "specimen", p.specimen);
    put(j, "histology", p.histology);
    put(j, "immunohistochemistry", list(p.immunohistochemistry, [](const IhcResult& r) {
            json o{{"marker", r.marker}, {"result", r.result}};
            put(o, "percent", r.percent);
            put(o, "percentComparator", r.percentComparator);
            put(o, "text", r.text);
            return o;
        }));
    if (p.mitoticCount) j["mitoticCount"] = {{"count", p.mitoticCount->count}, {"perHpf", p.mitoticCount->perHpf}};
    put(j, "necrosis", p.necrosis);
    put(j, "grade", p.grade);
    put(j, "notes", p.notes);
    return j;
}

json record(const CaseRecord& r) {
    json j = json::object();
    put(j, "caseId", r.caseId);
    put(j, "title", r.title);
    put(j, "source", r.source);
    json patient = json::object();
    put(patient, "ageYears", r.patient.ageYears);
    put(patient, "sex", code(r.patient.sex));
    put(patient, "notes", r.patient.notes);
    j["patient"] = patient;
    json pres = json::object();
    put(pres, "chiefComplaint", r.presentation.chiefComplaint);
    put(pres, "historyOfPresentIllness", r.presentation.historyOfPresentIllness);
    put(pres, "pastHistory", r.presentation.pastHistory);
    put(pres, "personalFamilyHistory", r.presentation.personalFamilyHistory);
    put(pres, "physicalExamination", r.presentation.physicalExamination);
    j["presentation"] = pres;
    j["laboratory"] = list(r.laboratory, [](const LabResult& l) {
        json o{{"name", l.name}};
        put(o, "code", code(l.code));
        put(o, "value", l.value);
        put(o, "unit", l.unit);
        json rr = json::object();
        put(rr, "low", l.referenceRange.low);
        put(rr, "high", l.referenceRange.high);
        put(rr, "text", l.referenceRange.text);
        put(o, "referenceRange", rr);
        put(o, "date", l.date);
        put(o, "text", l.text);
        return o;
    });
    j["lesions"] = list(r.lesions, lesion);
    j["imaging"] = list(r.imaging, timepoint);
    j["pathology"] = list(r.pathology, pathology);
    j["genetics"] = list(r.genetics, [](const GeneticTest& g) {
        json o = json::object();
        put(o, "date", g.date);
        put(o, "method", g.method);
        put(o, "target", g.target);
        put(o, "finding", g.finding);
        put(o, "percentPositiveCells", g.percentPositiveCells);
        put(o, "text", g.text);
        return o;
    });
    json dx = json::object();
    put(dx, "text", r.diagnosis.text);
    put(dx, "morphology", code(r.diagnosis.morphology));
    put(dx, "site", code(r.diagnosis.site));
    put(dx, "basis", r.diagnosis.basis);
    j["diagnosis"] = dx;
    json tx = json::object();
    tx["procedures"] = list(r.treatment.procedures, [](const Procedure& p) {
        json o{{"name", p.name}};
        put(o, "date", p.date);
        put(o, "relativeTime", p.relativeTime);
        put(o, "details", p.details);
        return o;
    });
    tx["regimens"] = list(r.treatment.regimens, [](const Regimen& g) {
        json o{{"name", g.name}};
        put(o, "startDate", g.startDate);
        put(o, "relativeTime", g.relativeTime);
        put(o, "cycles", g.cycles);
        o["drugs"] = list(g.drugs, [](const DrugDose& d) {
            json x{{"drug", d.drug}};
            put(x, "dose", d.dose);
            put(x, "unit", d.unit);
            put(x, "schedule", d.schedule);
            return x;
        });
        put(o, "notes", g.notes);
        return o;
    });
    tx["radiotherapy"] = list(r.treatment.radiotherapy, [](const Radiotherapy& t) {
        json o = json::object();
        put(o, "date", t.date);
        put(o, "relativeTime", t.relativeTime);
        put(o, "totalDoseGy", t.totalDoseGy);
        put(o, "fractions", t.fractions);
        put(o, "notes", t.notes);
        return o;
    });
    j["treatment"] = tx;
    j["outcome"] = list(r.outcome, [](const OutcomeEvent& e) {
        json o{{"event", e.event}};
        put(o, "date", e.date);
        put(o, "relativeTime", e.relativeTime);
        put(o, "text", e.text);
        return o;
    });
    return j;
}

}  // namespace

json caseToJson(const CaseDocument& doc) {
    json j;
    j["schemaVersion"] = kCaseSchemaVersion;
    j["format"] = "mensura-case";
    j["coordinateSystem"] = "LPS";
    j["units"] = "mm";
    j["dicom"] = list(doc.dicom, [](const DicomReference& d) {
        json o{{"seriesInstanceUid", d.seriesInstanceUid}, {"path", d.path}};
        put(o, "studyInstanceUid", d.studyInstanceUid);
        put(o, "frameOfReferenceUid", d.frameOfReferenceUid);
        put(o, "description", d.description);
        return o;
    });
    j["annotations"] = list(doc.annotations, annotation);
    j["record"] = record(doc.record);
    j["exports"] = strings(doc.exports);
    return j;
}

std::string caseToText(const CaseDocument& doc) { return caseToJson(doc).dump(2) + "\n"; }

}  // namespace mensura::annotations
