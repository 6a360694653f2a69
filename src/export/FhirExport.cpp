#include "mensura/export/FhirExport.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>

#include "mensura/annotations/Codes.h"

namespace mensura::annotations {
namespace {
using nlohmann::json;

CodedConcept quantityConcept(Quantity q) {
    switch (q) {
        case Quantity::Length:
            return codes::kLength;
        case Quantity::ApDiameter:
            return codes::kApDiameter;
        case Quantity::LrDiameter:
            return codes::kLrDiameter;
        case Quantity::SiDiameter:
            return codes::kSiDiameter;
        case Quantity::LongAxis:
            return codes::kLongAxis;
        case Quantity::ShortAxis:
            return codes::kShortAxis;
        case Quantity::Area:
            return codes::kArea;
        case Quantity::Volume:
            return codes::kVolume;
        case Quantity::Mean:
            return codes::kMean;
        case Quantity::StandardDeviation:
            return codes::kStandardDeviation;
    }
    return codes::kLength;
}

// Mensura's own concepts with no verified standard code (99MENSURA, see FhirExport.h).
const CodedConcept kTriaxialSize{"M-TRIAXIAL", "99MENSURA", "Tri-axial size (AP x LR x SI)"};
const CodedConcept kAcquisition{"M-ACQUISITION", "99MENSURA", "MR sequence or CT phase read on"};
const CodedConcept kReferenceTissue{"M-REFTISSUE", "99MENSURA", "Reference tissue"};
const char* kLinkStateExtension = "https://mensura.example.org/fhir/StructureDefinition/link-state";

json reference(const std::string& uuid) { return {{"reference", "urn:uuid:" + uuid}}; }

json quantity(const Measurement& m) {
    return {{"value", m.value}, {"unit", m.unit}, {"system", kUcumSystem}, {"code", m.unit}};
}

json stringComponent(const CodedConcept& code, const std::string& value) {
    return {{"code", fhirCodeableConcept(code)}, {"valueString", value}};
}

// FHIR date from an ISO date or a DICOM DA (YYYYMMDD); "" when neither.
std::string fhirDate(const std::string& d) {
    if (d.size() == 8 && d.find_first_not_of("0123456789") == std::string::npos)
        return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
    const bool iso =
        (d.size() == 4 || d.size() == 7 || d.size() == 10) && d.find_first_not_of("0123456789-") == std::string::npos;
    return iso ? d : std::string{};
}

std::string gender(const CodedConcept& sex, const std::string& dicomSex) {
    if (sex.sameCode(codes::kMale) || (sex.empty() && dicomSex == "M")) return "male";
    if (sex.sameCode(codes::kFemale) || (sex.empty() && dicomSex == "F")) return "female";
    if (!sex.empty() || dicomSex == "O") return "other";
    return "unknown";
}

class BundleBuilder {
  public:
    explicit BundleBuilder(const ExportCase& c) : c_(c), doc_(c.document), r_(c.document.record) {}

    json build() {
        patientId_ = stableUuid(r_.caseId + "/Patient");
        add(patientId_, patient());
        studies();
        for (const auto& tp : r_.imaging)
            for (const auto& obs : tp.observations) observations(tp, obs);
        const std::string reportId = stableUuid(r_.caseId + "/DiagnosticReport");
        entries_.insert(entries_.begin() + 1, entry(reportId, diagnosticReport(reportId)));
        return {{"resourceType", "Bundle"},
                {"id", stableUuid(r_.caseId + "/Bundle")},
                {"type", "collection"},
                {"entry", entries_}};
    }

  private:
    json entry(const std::string& id, json resource) {
        resource["id"] = id;
        return {{"fullUrl", "urn:uuid:" + id}, {"resource", std::move(resource)}};
    }
    void add(const std::string& id, json resource) { entries_.push_back(entry(id, std::move(resource))); }

    json patient() const {
        json p{{"resourceType", "Patient"}, {"gender", gender(r_.patient.sex, c_.patient.sex)}};
        if (!c_.patient.id.empty())
            p["identifier"] = json::array({{{"system", "urn:mensura:dicom:PatientID"}, {"value", c_.patient.id}}});
        if (!c_.patient.name.empty()) p["name"] = json::array({{{"text", c_.patient.name}}});
        if (const std::string b = fhirDate(c_.patient.birthDate); !b.empty()) p["birthDate"] = b;
        return p;
    }

    void studies() {
        // One ImagingStudy per study UID: the referenced series, the timepoints' studies and the
        // studies annotations were drawn on.
        std::map<std::string, json> byUid;
        std::vector<std::string> order;
        auto study = [&](const std::string& uid) -> json& {
            if (!byUid.count(uid)) {
                order.push_back(uid);
                byUid[uid] = {{"resourceType", "ImagingStudy"},
                              {"identifier", json::array({{{"system", "urn:dicom:uid"}, {"value", "urn:oid:" + uid}}})},
                              {"status", "available"},
                              {"subject", reference(patientId_)},
                              {"series", json::array()}};
            }
            return byUid[uid];
        };
        auto addSeries = [&](json& s, const std::string& uid, std::string modality, const std::string& description,
                             std::size_t instances) {
            for (const auto& existing : s["series"])
                if (existing["uid"] == uid) return;
            if (modality.empty()) modality = "OT";  // DICOM "Other": series.modality is required
            json series{{"uid", uid}, {"modality", {{"system", kDicomSystem}, {"code", modality}}}};
            if (!description.empty()) series["description"] = description;
            if (instances) series["numberOfInstances"] = instances;
            s["series"].push_back(series);
        };
        for (const auto& tp : r_.imaging)
            for (const auto& s : tp.studies) {
                if (s.studyInstanceUid.empty()) continue;
                json& js = study(s.studyInstanceUid);
                if (!s.description.empty()) js["description"] = s.description;
                if (const std::string d = fhirDate(s.date.empty() ? tp.date : s.date); !d.empty()) js["started"] = d;
                if (!s.modality.empty()) modalityHint_[s.studyInstanceUid] = s.modality;
            }
        for (const auto& s : c_.series) {
            if (s.studyInstanceUid.empty()) continue;
            json& js = study(s.studyInstanceUid);
            if (const std::string d = fhirDate(s.studyDate); !d.empty() && !js.contains("started")) js["started"] = d;
            const std::string modality = s.modality.empty() ? modalityHint_[s.studyInstanceUid] : s.modality;
            addSeries(js, s.seriesInstanceUid, modality, s.description, s.instances);
        }
        for (const auto& a : doc_.annotations) {
            if (a.image.studyInstanceUid.empty()) continue;
            json& js = study(a.image.studyInstanceUid);
            if (!a.image.seriesInstanceUid.empty())
                addSeries(js, a.image.seriesInstanceUid, modalityHint_[a.image.studyInstanceUid], "", 0);
        }
        for (const auto& uid : order) {
            json& js = byUid[uid];
            if (js["series"].empty()) js.erase("series");
            const std::string id = stableUuid(r_.caseId + "/ImagingStudy/" + uid);
            studyIds_[uid] = id;
            add(id, js);
        }
    }

    json observation(const Timepoint& tp, const Lesion* lesion, const std::string& key) {
        json o{{"resourceType", "Observation"},
               {"status", "final"},
               {"category",
                json::array(
                    {{{"coding", json::array({{{"system", "http://terminology.hl7.org/CodeSystem/observation-category"},
                                               {"code", "imaging"},
                                               {"display", "Imaging"}}})}}})},
               {"subject", reference(patientId_)},
               {"identifier", json::array({{{"system", "urn:mensura:case:" + r_.caseId}, {"value", key}}})}};
        if (const std::string d = fhirDate(tp.date); !d.empty()) o["effectiveDateTime"] = d;
        if (lesion) {
            if (!lesion->bodySite.empty())
                o["bodySite"] = fhirCodeableConcept(lesion->bodySite, lesion->bodySiteText);
            else if (!lesion->bodySiteText.empty())
                o["bodySite"] = {{"text", lesion->bodySiteText}};
            o["component"] = json::array({stringComponent(codes::kTrackingIdentifier, lesion->trackingId),
                                          stringComponent(codes::kTrackingUid, lesion->trackingUid)});
        } else {
            o["component"] = json::array();
        }
        return o;
    }

    void derivedFrom(json& o, const std::vector<std::string>& annotationUids) {
        json refs = json::array();
        for (const auto& uid : annotationUids)
            for (const auto& a : doc_.annotations)
                if (a.uid == uid && studyIds_.count(a.image.studyInstanceUid)) {
                    json ref = reference(studyIds_[a.image.studyInstanceUid]);
                    if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(ref);
                }
        if (!refs.empty()) o["derivedFrom"] = refs;
    }

    void linkState(json& o, LinkState s, const std::string& note) {
        // Stale: the source moved and the value awaits a recompute, so it is not final.
        if (s == LinkState::Stale) o["status"] = "preliminary";
        o["extension"] = json::array({{{"url", kLinkStateExtension}, {"valueCode", toString(s)}}});
        if (!note.empty()) o["note"] = json::array({{{"text", note}}});
    }

    void observations(const Timepoint& tp, const LesionObservation& obs) {
        const Lesion* lesion = r_.findLesion(obs.lesionTrackingUid);
        const RecordValue *ap = nullptr, *lr = nullptr, *si = nullptr;
        for (const auto& v : obs.values) {
            if (v.quantity == Quantity::ApDiameter) ap = &v;
            if (v.quantity == Quantity::LrDiameter) lr = &v;
            if (v.quantity == Quantity::SiDiameter) si = &v;
        }
        const bool triaxial = ap && lr && si;
        if (triaxial) {
            json o = observation(tp, lesion, ap->fieldId + "+" + lr->fieldId + "+" + si->fieldId);
            o["code"] = fhirCodeableConcept(kTriaxialSize);
            std::vector<std::string> sources;
            for (const RecordValue* v : {ap, lr, si}) {
                o["component"].push_back({{"code", fhirCodeableConcept(quantityConcept(v->quantity))},
                                          {"valueQuantity", quantity(v->value)}});
                if (v->link) sources.push_back(v->link->annotationUid);
            }
            derivedFrom(o, sources);
            const bool stale =
                ap->state == LinkState::Stale || lr->state == LinkState::Stale || si->state == LinkState::Stale;
            linkState(o, stale ? LinkState::Stale : ap->state,
                      ap->reportedText.empty()
                          ? ""
                          : "reported: " + ap->reportedText + " x " + lr->reportedText + " x " + si->reportedText);
            addResult(o, tp.uid + "/" + obs.lesionTrackingUid + "/triaxial");
        }
        for (const auto& v : obs.values) {
            if (triaxial && (&v == ap || &v == lr || &v == si)) continue;
            json o = observation(tp, lesion, v.fieldId);
            o["code"] = fhirCodeableConcept(quantityConcept(v.quantity));
            o["valueQuantity"] = quantity(v.value);
            if (v.link) derivedFrom(o, {v.link->annotationUid});
            linkState(o, v.state, v.reportedText.empty() ? "" : "reported: " + v.reportedText);
            addResult(o, v.fieldId);
        }
        for (const auto& f : obs.findings) {
            json o = observation(tp, lesion, f.fieldId);
            o["code"] = fhirCodeableConcept(f.concept);
            if (!f.value.empty())
                o["valueCodeableConcept"] = fhirCodeableConcept(f.value, f.freeText);
            else
                o["valueString"] = f.freeText;
            if (!f.sequence.empty())
                o["component"].push_back({{"code", fhirCodeableConcept(kAcquisition)},
                                          {"valueCodeableConcept", fhirCodeableConcept(f.sequence)}});
            if (!f.referenceTissue.empty())
                o["component"].push_back({{"code", fhirCodeableConcept(kReferenceTissue)},
                                          {"valueCodeableConcept", fhirCodeableConcept(f.referenceTissue)}});
            derivedFrom(o, f.evidence);
            linkState(o, f.state, "");
            addResult(o, f.fieldId);
        }
    }

    void addResult(json& o, const std::string& key) {
        if (o["component"].empty()) o.erase("component");
        const std::string id = stableUuid(r_.caseId + "/Observation/" + key);
        results_.push_back(reference(id));
        add(id, o);
    }

    json diagnosticReport(const std::string&) const {
        json d{
            {"resourceType", "DiagnosticReport"},
            {"status", "final"},
            {"category",
             json::array({{{"coding", json::array({{{"system", "http://terminology.hl7.org/CodeSystem/v2-0074"},
                                                    {"code", "RAD"},
                                                    {"display", "Radiology"}}})}}})},
            {"code",
             {{"coding",
               json::array({{{"system", kLoincSystem}, {"code", "18748-4"}, {"display", "Diagnostic imaging study"}}})},
              {"text", r_.title.empty() ? "Imaging report" : r_.title}}},
            {"subject", reference(patientId_)},
            {"result", results_}};
        json studies = json::array();
        for (const auto& [uid, id] : studyIds_) studies.push_back(reference(id));
        if (!studies.empty()) d["imagingStudy"] = studies;
        for (auto it = r_.imaging.rbegin(); it != r_.imaging.rend(); ++it)
            if (const std::string date = fhirDate(it->date); !date.empty()) {
                d["effectiveDateTime"] = date;
                break;
            }
        if (!r_.diagnosis.text.empty()) d["conclusion"] = r_.diagnosis.text;
        if (!r_.diagnosis.morphology.empty())
            d["conclusionCode"] = json::array({fhirCodeableConcept(r_.diagnosis.morphology)});
        return d;
    }

    const ExportCase& c_;
    const CaseDocument& doc_;
    const CaseRecord& r_;
    std::string patientId_;
    std::map<std::string, std::string> studyIds_, modalityHint_;
    json entries_ = json::array();
    json results_ = json::array();
};

}  // namespace

std::string fhirSystem(const std::string& scheme) {
    static const std::map<std::string, std::string> systems{{"SCT", kSnomedSystem},
                                                            {"SRT", kSnomedSystem},
                                                            {"DCM", kDicomSystem},
                                                            {"LN", kLoincSystem},
                                                            {"UCUM", kUcumSystem},
                                                            {"ICDO3", "http://terminology.hl7.org/CodeSystem/icd-o-3"},
                                                            {"RADLEX", "http://www.radlex.org"},
                                                            {"99MENSURA", kMensuraCodeSystem}};
    const auto it = systems.find(scheme);
    return it != systems.end() ? it->second : "urn:mensura:scheme:" + scheme;
}

nlohmann::json fhirCoding(const CodedConcept& c) {
    return {{"system", fhirSystem(c.scheme)}, {"code", c.value}, {"display", c.meaning}};
}

nlohmann::json fhirCodeableConcept(const CodedConcept& c, const std::string& text) {
    nlohmann::json cc{{"coding", nlohmann::json::array({fhirCoding(c)})}};
    cc["text"] = text.empty() ? c.meaning : text;
    return cc;
}

std::string stableUuid(const std::string& key) {
    // Two FNV-1a 64-bit hashes give 128 bits; version and variant bits as for a name-based UUID.
    auto fnv = [&](std::uint64_t h) {
        for (unsigned char ch : key) h = (h ^ ch) * 1099511628211ull;
        return h;
    };
    const std::uint64_t hi = fnv(14695981039346656037ull), lo = fnv(0x6a09e667f3bcc908ull);
    unsigned char b[16];
    for (int i = 0; i < 8; ++i) {
        b[i] = static_cast<unsigned char>(hi >> (56 - 8 * i));
        b[8 + i] = static_cast<unsigned char>(lo >> (56 - 8 * i));
    }
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x80);  // version 8: custom, name-based
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
    char out[37];
    std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                  b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return out;
}

nlohmann::json fhirBundle(const ExportCase& c) { return BundleBuilder(c).build(); }

imaging::Result<std::string> exportFhir(const std::string& caseFolder, const std::string& outDir,
                                        const DeidentificationPolicy& policy) {
    auto c = loadExportCase(caseFolder, policy);
    if (!c) return c.error();
    return writeExportFile(*c, outDir, "fhir_bundle.json", fhirBundle(*c).dump(2) + "\n");
}

}  // namespace mensura::annotations
