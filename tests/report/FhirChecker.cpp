#include "FhirChecker.h"

#include <regex>
#include <set>

namespace mensura::test {
namespace {
using nlohmann::json;

struct Checker {
    std::vector<std::string> problems;
    std::set<std::string> fullUrls, typedIds;

    void fail(const std::string& where, const std::string& what) { problems.push_back(where + ": " + what); }

    bool need(const json& o, const char* key, const std::string& where) {
        if (!o.is_object() || !o.contains(key) || o[key].is_null() ||
            (o[key].is_string() && o[key].get<std::string>().empty()) || (o[key].is_array() && o[key].empty())) {
            fail(where, std::string("required element \"") + key + "\" missing");
            return false;
        }
        return true;
    }

    void codeInSet(const json& o, const char* key, const std::set<std::string>& allowed, const std::string& where) {
        if (need(o, key, where) && (!o[key].is_string() || !allowed.count(o[key].get<std::string>())))
            fail(where + "/" + key, "value " + o[key].dump() + " is not in the R4 value set");
    }

    void coding(const json& c, const std::string& where) {
        need(c, "system", where);
        need(c, "code", where);
        if (c.contains("system") && c["system"].is_string() &&
            !std::regex_match(c["system"].get<std::string>(), std::regex("(https?|urn):.+")))
            fail(where + "/system", "not an absolute URI");
    }

    void codeableConcept(const json& cc, const std::string& where) {
        if (!cc.is_object()) return fail(where, "not a CodeableConcept");
        if (!cc.contains("coding") && !cc.contains("text")) return fail(where, "neither coding nor text");
        if (cc.contains("coding"))
            for (std::size_t i = 0; i < cc["coding"].size(); ++i)
                coding(cc["coding"][i], where + "/coding/" + std::to_string(i));
    }

    void quantity(const json& q, const std::string& where) {
        if (!q.contains("value") || !q["value"].is_number()) fail(where, "valueQuantity.value is not a number");
        if (q.value("system", "") != "http://unitsofmeasure.org") fail(where, "valueQuantity.system is not UCUM");
        if (q.value("code", "").empty()) fail(where, "valueQuantity.code (UCUM) missing");
    }

    void references(const json& j, const std::string& where) {
        if (j.is_object()) {
            for (auto it = j.begin(); it != j.end(); ++it) {
                if (it.key() == "reference" && it->is_string()) {
                    const std::string ref = it->get<std::string>();
                    if (!fullUrls.count(ref) && !typedIds.count(ref))
                        fail(where, "reference \"" + ref + "\" does not resolve in the bundle");
                } else {
                    references(*it, where + "/" + it.key());
                }
            }
        } else if (j.is_array()) {
            for (std::size_t i = 0; i < j.size(); ++i) references(j[i], where + "/" + std::to_string(i));
        }
    }

    void observation(const json& o, const std::string& w) {
        codeInSet(
            o, "status",
            {"registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown"},
            w);
        if (need(o, "code", w)) codeableConcept(o["code"], w + "/code");
        need(o, "subject", w);
        if (o.contains("valueQuantity")) quantity(o["valueQuantity"], w + "/valueQuantity");
        if (o.contains("valueCodeableConcept")) codeableConcept(o["valueCodeableConcept"], w + "/valueCodeableConcept");
        if (o.contains("component"))
            for (std::size_t i = 0; i < o["component"].size(); ++i) {
                const json& c = o["component"][i];
                const std::string cw = w + "/component/" + std::to_string(i);
                if (need(c, "code", cw)) codeableConcept(c["code"], cw + "/code");
                if (c.contains("valueQuantity")) quantity(c["valueQuantity"], cw + "/valueQuantity");
            }
        if (!o.contains("valueQuantity") && !o.contains("valueCodeableConcept") && !o.contains("valueString") &&
            !o.contains("component"))
            fail(w, "an Observation with no value and no components");
    }

    void check(const json& b) {
        if (b.value("resourceType", "") != "Bundle") return fail("/", "resourceType is not Bundle");
        codeInSet(b, "type",
                  {"document", "message", "transaction", "transaction-response", "batch", "batch-response", "history",
                   "searchset", "collection"},
                  "/");
        if (!need(b, "entry", "/")) return;
        const std::regex id("[A-Za-z0-9\\-\\.]{1,64}");
        for (std::size_t i = 0; i < b["entry"].size(); ++i) {
            const json& e = b["entry"][i];
            const std::string w = "/entry/" + std::to_string(i);
            if (!need(e, "fullUrl", w) || !need(e, "resource", w)) continue;
            const json& r = e["resource"];
            if (!need(r, "resourceType", w + "/resource") || !need(r, "id", w + "/resource")) continue;
            if (!std::regex_match(r["id"].get<std::string>(), id)) fail(w + "/resource/id", "not a FHIR id");
            if (e["fullUrl"] != "urn:uuid:" + r["id"].get<std::string>()) fail(w + "/fullUrl", "is not urn:uuid:<id>");
            if (!fullUrls.insert(e["fullUrl"].get<std::string>()).second) fail(w + "/fullUrl", "duplicate");
            typedIds.insert(r["resourceType"].get<std::string>() + "/" + r["id"].get<std::string>());
        }
        for (std::size_t i = 0; i < b["entry"].size(); ++i) {
            const json& r = b["entry"][i]["resource"];
            const std::string w = "/entry/" + std::to_string(i) + "/resource";
            const std::string type = r.value("resourceType", "");
            if (type == "Observation") {
                observation(r, w);
            } else if (type == "DiagnosticReport") {
                codeInSet(r, "status",
                          {"registered", "partial", "preliminary", "final", "amended", "corrected", "appended",
                           "cancelled", "entered-in-error", "unknown"},
                          w);
                if (need(r, "code", w)) codeableConcept(r["code"], w + "/code");
                need(r, "subject", w);
            } else if (type == "ImagingStudy") {
                codeInSet(r, "status", {"registered", "available", "cancelled", "entered-in-error", "unknown"}, w);
                need(r, "subject", w);
                if (r.contains("series"))
                    for (std::size_t s = 0; s < r["series"].size(); ++s) {
                        const std::string sw = w + "/series/" + std::to_string(s);
                        need(r["series"][s], "uid", sw);
                        if (need(r["series"][s], "modality", sw)) coding(r["series"][s]["modality"], sw + "/modality");
                    }
            } else if (type == "Patient") {
                if (r.contains("gender")) codeInSet(r, "gender", {"male", "female", "other", "unknown"}, w);
            } else {
                fail(w, "unexpected resourceType " + type);
            }
            references(r, w);
        }
    }
};

}  // namespace

std::vector<std::string> fhirProblems(const nlohmann::json& bundle) {
    Checker c;
    c.check(bundle);
    return c.problems;
}

}  // namespace mensura::test
