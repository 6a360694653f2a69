// Reading case.json strictly: see CaseJson.h.
#include "mensura/case/CaseJson.h"

#include <cmath>

#include "JsonFieldReader.h"
#include "mensura/case/RecordRules.h"

namespace mensura::annotations {

using nlohmann::json;
using namespace jsonread;

namespace {

template <class T, class F>
std::vector<T> items(const json& o, const char* key, const std::string& path, F read) {
    std::vector<T> out;
    const json& a = array(o, key, path);
    for (std::size_t i = 0; i < a.size(); ++i) out.push_back(read(a[i], child(child(path, key), i)));
    return out;
}

std::vector<std::string> strings(const json& o, const char* key, const std::string& path) {
    return items<std::string>(o, key, path, [](const json& s, const std::string& p) {
        if (!s.is_string()) fail(p, "expected a string");
        return s.get<std::string>();
    });
}

template <class E, class F>
E enumeration(const json& o, const char* key, const std::string& path, F parse, E fallback, bool required = true) {
    const std::string s = text(o, key, path, required);
    if (s.empty() && !required) return fallback;
    auto v = parse(s);
    if (!v) fail(child(path, key), "unknown value \"" + s + "\"");
    return *v;
}

CodedConcept code(const json& o, const char* key, const std::string& path) {
    auto it = o.find(key);
    if (it == o.end()) return {};
    const std::string p = child(path, key);
    object(*it, p, {"CodeValue", "CodingSchemeDesignator", "CodeMeaning"});
    return {text(*it, "CodeValue", p, true), text(*it, "CodingSchemeDesignator", p, true),
            text(*it, "CodeMeaning", p, true)};
}

Measurement measurement(const json& j, const std::string& p) {
    object(j, p, {"value", "unit", "derivation", "method", "sourceAnnotation"});
    Measurement m;
    m.value = number(j, "value", p);
    m.unit = text(j, "unit", p, true);
    m.derivation = text(j, "derivation", p);
    m.method = text(j, "method", p);
    m.sourceAnnotation = text(j, "sourceAnnotation", p);
    return m;
}

Annotation annotation(const json& j, const std::string& p) {
    object(j, p,
           {"uid", "kind", "category", "label", "text", "image", "spacingKnown", "pointsLps", "segmentation",
            "measurements", "citedBy"});
    Annotation a;
    a.uid = text(j, "uid", p, true);
    a.kind = enumeration(j, "kind", p, annotationKindFromString, AnnotationKind::Point);
    a.category = enumeration(j, "category", p, annotationCategoryFromString, AnnotationCategory::Other);
    a.label = text(j, "label", p);
    a.text = text(j, "text", p);
    if (j.contains("image")) {
        const std::string ip = child(p, "image");
        const json& im =
            object(j["image"], ip,
                   {"studyInstanceUid", "seriesInstanceUid", "sopInstanceUid", "frameNumber", "frameOfReferenceUid"});
        a.image.studyInstanceUid = text(im, "studyInstanceUid", ip);
        a.image.seriesInstanceUid = text(im, "seriesInstanceUid", ip);
        a.image.sopInstanceUid = text(im, "sopInstanceUid", ip);
        a.image.frameNumber = optionalInteger(im, "frameNumber", ip).value_or(0);
        a.image.frameOfReferenceUid = text(im, "frameOfReferenceUid", ip);
    }
    a.spacingKnown = boolean(j, "spacingKnown", p, true);
    a.pointsLps = items<imaging::PointLps>(j, "pointsLps", p, [](const json& pt, const std::string& pp) {
        if (!pt.is_array() || pt.size() != 3 || !pt[0].is_number() || !pt[1].is_number() || !pt[2].is_number())
            fail(pp, "expected a point [L, P, S] of 3 numbers (mm)");
        const imaging::PointLps p{pt[0].get<double>(), pt[1].get<double>(), pt[2].get<double>()};
        // The bound DICOM positions have (DicomHeaderReader): a point 1e308 mm away is no place in
        // a patient, and the lengths computed from it would overflow to infinity.
        for (double x : {p.x, p.y, p.z})
            if (!std::isfinite(x) || std::fabs(x) > 1e6)
                fail(pp, "a point more than 1e6 mm from the origin is not a position in a patient");
        return p;
    });
    if (j.contains("segmentation")) {
        const std::string sp = child(p, "segmentation");
        const json& s = object(j["segmentation"], sp, {"segSopInstanceUid", "segmentNumber", "path"});
        a.segmentation.segSopInstanceUid = text(s, "segSopInstanceUid", sp);
        a.segmentation.segmentNumber = optionalInteger(s, "segmentNumber", sp).value_or(0);
        a.segmentation.path = text(s, "path", sp);
    }
    a.measurements = items<QuantityValue>(j, "measurements", p, [](const json& m, const std::string& mp) {
        object(m, mp, {"quantity", "measurement", "stale"});
        QuantityValue q;
        q.quantity = enumeration(m, "quantity", mp, quantityFromString, Quantity::Length);
        if (!m.contains("measurement")) fail(child(mp, "measurement"), "required field is missing");
        q.measurement = measurement(m["measurement"], child(mp, "measurement"));
        q.stale = boolean(m, "stale", mp, false);
        return q;
    });
    a.citedBy = strings(j, "citedBy", p);
    const std::string problem = geometryProblem(a);
    if (!problem.empty()) fail(child(p, "pointsLps"), problem);
    return a;
}

RecordValue recordValue(const json& j, const std::string& p) {
    object(j, p, {"fieldId", "quantity", "value", "state", "reportedText", "link"});
    RecordValue v;
    v.fieldId = text(j, "fieldId", p, true);
    v.quantity = enumeration(j, "quantity", p, quantityFromString, Quantity::Length);
    if (!j.contains("value")) fail(child(p, "value"), "required field is missing");
    v.value = measurement(j["value"], child(p, "value"));
    v.state = enumeration(j, "state", p, linkStateFromString, LinkState::Reported);
    v.reportedText = text(j, "reportedText", p);
    if (j.contains("link")) {
        const std::string lp = child(p, "link");
        const json& l = object(j["link"], lp, {"annotationUid", "quantity"});
        v.link = AnnotationLink{text(l, "annotationUid", lp, true),
                                enumeration(l, "quantity", lp, quantityFromString, Quantity::Length)};
    }
    if (!v.link && v.state != LinkState::Reported)
        fail(child(p, "state"), "a value without a link must be \"reported\"");
    return v;
}

Finding finding(const json& j, const std::string& p) {
    object(j, p, {"fieldId", "concept", "value", "sequence", "referenceTissue", "freeText", "evidence", "state"});
    Finding f;
    f.fieldId = text(j, "fieldId", p, true);
    f.concept = code(j, "concept", p);
    if (f.concept.empty()) fail(child(p, "concept"), "required coded concept is missing");
    f.value = code(j, "value", p);
    f.sequence = code(j, "sequence", p);
    f.referenceTissue = code(j, "referenceTissue", p);
    f.freeText = text(j, "freeText", p);
    f.evidence = strings(j, "evidence", p);
    f.state = enumeration(j, "state", p, linkStateFromString, LinkState::Reported);
    return f;
}

Lesion lesion(const json& j, const std::string& p) {
    object(j, p,
           {"trackingId", "trackingUid", "role", "bodySite", "bodySiteText", "laterality", "vertebralLevels", "nodal",
            "target", "description"});
    Lesion l;
    l.trackingId = text(j, "trackingId", p, true);
    l.trackingUid = text(j, "trackingUid", p, true);
    l.role = enumeration(j, "role", p, lesionRoleFromString, LesionRole::Primary);
    l.bodySite = code(j, "bodySite", p);
    l.bodySiteText = text(j, "bodySiteText", p);
    l.laterality = code(j, "laterality", p);
    l.vertebralLevels = strings(j, "vertebralLevels", p);
    l.nodal = boolean(j, "nodal", p, false);
    if (j.contains("target")) l.target = boolean(j, "target", p, false);
    l.description = text(j, "description", p);
    return l;
}

Timepoint timepoint(const json& j, const std::string& p) {
    object(j, p, {"uid", "label", "role", "date", "relativeTime", "studies", "observations", "notes"});
    Timepoint t;
    t.uid = text(j, "uid", p, true);
    t.label = text(j, "label", p);
    t.role = enumeration(j, "role", p, timepointRoleFromString, TimepointRole::Baseline);
    t.date = text(j, "date", p);
    t.relativeTime = text(j, "relativeTime", p);
    t.studies = items<StudyReference>(j, "studies", p, [](const json& s, const std::string& sp) {
        object(s, sp, {"studyInstanceUid", "modality", "description", "date"});
        return StudyReference{text(s, "studyInstanceUid", sp, true), text(s, "modality", sp),
                              text(s, "description", sp), text(s, "date", sp)};
    });
    t.observations = items<LesionObservation>(j, "observations", p, [](const json& o, const std::string& op) {
        object(o, op, {"lesionTrackingUid", "notSeen", "values", "findings", "notes"});
        LesionObservation x;
        x.lesionTrackingUid = text(o, "lesionTrackingUid", op, true);
        x.notSeen = boolean(o, "notSeen", op, false);
        x.values = items<RecordValue>(o, "values", op, recordValue);
        x.findings = items<Finding>(o, "findings", op, finding);
        x.notes = text(o, "notes", op);
        return x;
    });
    t.notes = text(j, "notes", p);
    return t;
}

PathologyReport pathology(const json& j, const std::string& p) {
    object(j, p,
           {"date", "specimen", "histology", "immunohistochemistry", "mitoticCount", "necrosis", "grade", "notes"});
    PathologyReport r;
    r.date = text(j, "date", p);
    r.specimen = text(j, "specimen", p);
    r.histology = text(j, "histology", p);
    r.immunohistochemistry = items<IhcResult>(j, "immunohistochemistry", p, [](const json& o, const std::string& op) {
        object(o, op, {"marker", "result", "percent", "percentComparator", "text"});
        return IhcResult{text(o, "marker", op, true), text(o, "result", op, true), optionalNumber(o, "percent", op),
                         text(o, "percentComparator", op), text(o, "text", op)};
    });
    if (j.contains("mitoticCount")) {
        const std::string mp = child(p, "mitoticCount");
        const json& m = object(j["mitoticCount"], mp, {"count", "perHpf"});
        r.mitoticCount = MitoticCount{number(m, "count", mp), number(m, "perHpf", mp)};
    }
    r.necrosis = text(j, "necrosis", p);
    r.grade = text(j, "grade", p);
    r.notes = text(j, "notes", p);
    return r;
}

CaseRecord record(const json& j, const std::string& p) {
    object(j, p,
           {"caseId", "title", "source", "patient", "presentation", "laboratory", "lesions", "imaging", "pathology",
            "genetics", "diagnosis", "treatment", "outcome"});
    CaseRecord r;
    r.caseId = text(j, "caseId", p);
    r.title = text(j, "title", p);
    r.source = text(j, "source", p);
    static const json kEmpty = json::object();
    auto section = [&](const char* key) -> const json& { return j.contains(key) ? j[key] : kEmpty; };
    const std::string pp = child(p, "patient");
    const json& pat = object(section("patient"), pp, {"ageYears", "sex", "notes"});
    r.patient = {optionalNumber(pat, "ageYears", pp), code(pat, "sex", pp), text(pat, "notes", pp)};
    const std::string prp = child(p, "presentation");
    const json& pr = object(
        section("presentation"), prp,
        {"chiefComplaint", "historyOfPresentIllness", "pastHistory", "personalFamilyHistory", "physicalExamination"});
    r.presentation = {text(pr, "chiefComplaint", prp), text(pr, "historyOfPresentIllness", prp),
                      text(pr, "pastHistory", prp), text(pr, "personalFamilyHistory", prp),
                      text(pr, "physicalExamination", prp)};
    r.laboratory = items<LabResult>(j, "laboratory", p, [](const json& o, const std::string& op) {
        object(o, op, {"name", "code", "value", "unit", "referenceRange", "date", "text"});
        LabResult l;
        l.name = text(o, "name", op, true);
        l.code = code(o, "code", op);
        l.value = optionalNumber(o, "value", op);
        l.unit = text(o, "unit", op);
        if (o.contains("referenceRange")) {
            const std::string rp = child(op, "referenceRange");
            const json& rr = object(o["referenceRange"], rp, {"low", "high", "text"});
            l.referenceRange = {optionalNumber(rr, "low", rp), optionalNumber(rr, "high", rp), text(rr, "text", rp)};
        }
        l.date = text(o, "date", op);
        l.text = text(o, "text", op);
        return l;
    });
    r.lesions = items<Lesion>(j, "lesions", p, lesion);
    r.imaging = items<Timepoint>(j, "imaging", p, timepoint);
    r.pathology = items<PathologyReport>(j, "pathology", p, pathology);
    r.genetics = items<GeneticTest>(j, "genetics", p, [](const json& o, const std::string& op) {
        object(o, op, {"date", "method", "target", "finding", "percentPositiveCells", "text"});
        return GeneticTest{text(o, "date", op),
                           text(o, "method", op),
                           text(o, "target", op),
                           text(o, "finding", op),
                           optionalNumber(o, "percentPositiveCells", op),
                           text(o, "text", op)};
    });
    const std::string dp = child(p, "diagnosis");
    const json& dx = object(section("diagnosis"), dp, {"text", "morphology", "site", "basis"});
    r.diagnosis = {text(dx, "text", dp), code(dx, "morphology", dp), code(dx, "site", dp), text(dx, "basis", dp)};
    const std::string tp = child(p, "treatment");
    const json& tx = object(section("treatment"), tp, {"procedures", "regimens", "radiotherapy"});
    r.treatment.procedures = items<Procedure>(tx, "procedures", tp, [](const json& o, const std::string& op) {
        object(o, op, {"name", "date", "relativeTime", "details"});
        return Procedure{text(o, "date", op), text(o, "relativeTime", op), text(o, "name", op, true),
                         text(o, "details", op)};
    });
    r.treatment.regimens = items<Regimen>(tx, "regimens", tp, [](const json& o, const std::string& op) {
        object(o, op, {"name", "startDate", "relativeTime", "cycles", "drugs", "notes"});
        Regimen g;
        g.name = text(o, "name", op, true);
        g.startDate = text(o, "startDate", op);
        g.relativeTime = text(o, "relativeTime", op);
        g.cycles = optionalInteger(o, "cycles", op);
        g.drugs = items<DrugDose>(o, "drugs", op, [](const json& d, const std::string& dp2) {
            object(d, dp2, {"drug", "dose", "unit", "schedule"});
            return DrugDose{text(d, "drug", dp2, true), optionalNumber(d, "dose", dp2), text(d, "unit", dp2),
                            text(d, "schedule", dp2)};
        });
        g.notes = text(o, "notes", op);
        return g;
    });
    r.treatment.radiotherapy = items<Radiotherapy>(tx, "radiotherapy", tp, [](const json& o, const std::string& op) {
        object(o, op, {"date", "relativeTime", "totalDoseGy", "fractions", "notes"});
        return Radiotherapy{text(o, "date", op), text(o, "relativeTime", op), optionalNumber(o, "totalDoseGy", op),
                            optionalInteger(o, "fractions", op), text(o, "notes", op)};
    });
    r.outcome = items<OutcomeEvent>(j, "outcome", p, [](const json& o, const std::string& op) {
        object(o, op, {"event", "date", "relativeTime", "text"});
        return OutcomeEvent{text(o, "date", op), text(o, "relativeTime", op), text(o, "event", op, true),
                            text(o, "text", op)};
    });
    return r;
}

}  // namespace

Result<CaseDocument> caseFromJson(const json& j, const std::string& source) {
    try {
        if (!j.is_object()) fail("", "expected a JSON object");
        auto v = j.find("schemaVersion");
        if (v == j.end()) fail("/schemaVersion", "missing: this is not a Mensura case file");
        if (!v->is_number_integer()) fail("/schemaVersion", "expected an integer major version");
        const int version = v->get<int>();
        if (version > kCaseSchemaVersion)
            fail("/schemaVersion", "version " + std::to_string(version) + " is newer than this Mensura reads (" +
                                       std::to_string(kCaseSchemaVersion) + "); use a newer Mensura");
        if (version < 1) fail("/schemaVersion", "version " + std::to_string(version) + " is not valid");
        object(j, "",
               {"schemaVersion", "format", "coordinateSystem", "units", "dicom", "annotations", "record", "exports"});
        if (text(j, "format", "", true) != "mensura-case") fail("/format", "expected \"mensura-case\"");
        if (text(j, "coordinateSystem", "", true) != "LPS") fail("/coordinateSystem", "expected \"LPS\"");
        if (text(j, "units", "", true) != "mm") fail("/units", "expected \"mm\"");
        CaseDocument doc;
        doc.dicom = items<DicomReference>(j, "dicom", "", [](const json& o, const std::string& op) {
            object(o, op, {"studyInstanceUid", "seriesInstanceUid", "frameOfReferenceUid", "path", "description"});
            return DicomReference{text(o, "studyInstanceUid", op), text(o, "seriesInstanceUid", op, true),
                                  text(o, "frameOfReferenceUid", op), text(o, "path", op, true),
                                  text(o, "description", op)};
        });
        doc.annotations = items<Annotation>(j, "annotations", "", annotation);
        if (!j.contains("record")) fail("/record", "required field is missing");
        doc.record = record(j["record"], "/record");
        // The record's field rules are the commands' (RecordRules.h): a file cannot hold what an
        // edit would be refused.
        if (const auto broken = ruleViolations(doc.record, "/record"); !broken.empty())
            fail(broken.front().path, broken.front().message);
        doc.exports = strings(j, "exports", "");
        return doc;
    } catch (const Failure& f) {
        return Error{source + ": field " + (f.path.empty() ? "/" : f.path) + ": " + f.message};
    }
}

Result<CaseDocument> caseFromText(const std::string& text, const std::string& source) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        // parse_error for broken text, out_of_range for a number like 1e999 that no double holds.
        return Error{source + ": not valid JSON (corrupt or truncated file, or a number out of range): " + e.what()};
    }
    return caseFromJson(j, source);
}

}  // namespace mensura::annotations
