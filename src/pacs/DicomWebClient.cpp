#include "mensura/pacs/DicomWebClient.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <set>

#include "mensura/pacs/InstanceFiles.h"

namespace mensura::imaging::pacs {
namespace {

// The first value of a DICOM JSON attribute as text (person names: the alphabetic group).
std::string value(const nlohmann::json& object, const char* tag) {
    const auto it = object.find(tag);
    if (it == object.end() || !it->contains("Value")) return {};
    std::string joined;
    for (const auto& v : (*it)["Value"]) {
        std::string text;
        if (v.is_string())
            text = v.get<std::string>();
        else if (v.is_number_integer())
            text = std::to_string(v.get<long long>());
        else if (v.is_number())
            text = std::to_string(v.get<double>());
        else if (v.is_object() && v.contains("Alphabetic"))
            text = v["Alphabetic"].get<std::string>();
        joined += (joined.empty() ? "" : "\\") + text;
    }
    return joined;
}

int number(const nlohmann::json& object, const char* tag) {
    try {
        const std::string text = value(object, tag);
        return text.empty() ? 0 : std::stoi(text);
    } catch (...) {
        return 0;
    }
}

// Escapes only what would break the query string. Orthanc 1.10's DICOMweb plugin does not
// percent-decode QIDO arguments (PatientName=LMS%2A matches nothing), and '*', '?', '^', '-'
// are legal in a query component, so they go as they are.
std::string queryValue(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (c <= 0x20 || c >= 0x7F || c == '&' || c == '#' || c == '+' || c == '%' || c == '=') {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string randomToken() {
    std::random_device rd;
    char text[40];
    std::snprintf(text, sizeof text, "mensura-%08x%08x", rd(), rd());
    return text;
}

}  // namespace

DicomWebClient::DicomWebClient(std::string baseUrl, int connectTimeoutSeconds)
    : base_(std::move(baseUrl)), http_(connectTimeoutSeconds) {
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
}

Result<nlohmann::json> DicomWebClient::qido(const std::string& pathAndQuery) const {
    const std::string url = base_ + pathAndQuery;
    auto response = http_.get(url, {"Accept: application/dicom+json"});
    if (!response) return Error{"QIDO-RS: " + response.error().message};
    if (response->status == 204) return nlohmann::json::array();
    if (response->status != 200)
        return Error{"QIDO-RS " + url + ": HTTP " + std::to_string(response->status) + " " +
                     response->body.substr(0, 200)};
    auto json = nlohmann::json::parse(response->body, nullptr, false);
    if (json.is_discarded() || !json.is_array()) return Error{"QIDO-RS " + url + ": the answer is not a JSON array"};
    return json;
}

Result<double> DicomWebClient::ping() const {
    const auto start = std::chrono::steady_clock::now();
    auto answer = qido("/studies?limit=1");
    if (!answer) return answer.error();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Result<std::vector<StudyRecord>> DicomWebClient::searchStudies(const StudyQuery& q) const {
    std::string query = "/studies?includefield=00081030&includefield=00201206&includefield=00201208";
    const std::pair<const char*, const std::string*> keys[] = {{"PatientName", &q.patientName},
                                                               {"PatientID", &q.patientId},
                                                               {"StudyDate", &q.studyDate},
                                                               {"ModalitiesInStudy", &q.modality},
                                                               {"AccessionNumber", &q.accessionNumber},
                                                               {"StudyDescription", &q.studyDescription},
                                                               {"StudyInstanceUID", &q.studyInstanceUid}};
    for (const auto& [key, text] : keys)
        if (!text->empty()) query += std::string("&") + key + "=" + queryValue(*text);
    auto json = qido(query);
    if (!json) return json.error();
    std::vector<StudyRecord> studies;
    for (const auto& o : *json) {
        StudyRecord s;
        s.studyInstanceUid = value(o, "0020000D");
        s.patientName = value(o, "00100010");
        s.patientId = value(o, "00100020");
        s.studyDate = value(o, "00080020");
        s.studyTime = value(o, "00080030");
        s.accessionNumber = value(o, "00080050");
        s.studyDescription = value(o, "00081030");
        s.modalitiesInStudy = value(o, "00080061");
        s.numberOfSeries = number(o, "00201206");
        s.numberOfInstances = number(o, "00201208");
        studies.push_back(std::move(s));
    }
    return studies;
}

Result<std::vector<SeriesRecord>> DicomWebClient::searchSeries(const std::string& studyUid) const {
    auto json =
        qido("/studies/" + HttpClient::escape(studyUid) + "/series?includefield=0008103E&includefield=00201209");
    if (!json) return json.error();
    std::vector<SeriesRecord> series;
    for (const auto& o : *json) {
        SeriesRecord s;
        s.studyInstanceUid = studyUid;
        s.seriesInstanceUid = value(o, "0020000E");
        s.modality = value(o, "00080060");
        s.seriesDescription = value(o, "0008103E");
        s.seriesNumber = number(o, "00200011");
        s.numberOfInstances = number(o, "00201209");
        series.push_back(std::move(s));
    }
    return series;
}

Result<std::vector<InstanceRecord>> DicomWebClient::searchInstances(const std::string& studyUid,
                                                                    const std::string& seriesUid) const {
    std::string path = "/studies/" + HttpClient::escape(studyUid);
    if (!seriesUid.empty()) path += "/series/" + HttpClient::escape(seriesUid);
    auto json = qido(path + "/instances");
    if (!json) return json.error();
    std::vector<InstanceRecord> instances;
    for (const auto& o : *json)
        instances.push_back({studyUid, value(o, "0020000E"), value(o, "00080018"), value(o, "00080016")});
    return instances;
}

Result<StoreReport> DicomWebClient::store(const std::vector<std::string>& files) const {
    StoreReport report;
    report.peer = base_;
    const std::string boundary = randomToken();
    std::string body;
    std::vector<std::string> sent;
    for (const auto& file : files) {
        auto id = readInstanceIdentity(file);
        if (!id) {
            report.outcomes.push_back({file, "", false, id.error().message});
            continue;
        }
        std::ifstream in(file, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        body += "--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n" + bytes + "\r\n";
        sent.push_back(file);
        report.outcomes.push_back({file, id->sopInstanceUid, false, ""});
    }
    if (sent.empty()) return report;
    body += "--" + boundary + "--\r\n";
    const std::string url = base_ + "/studies";
    auto response = http_.post(url, body,
                               {"Content-Type: multipart/related; type=\"application/dicom\"; boundary=" + boundary,
                                "Accept: application/dicom+json"});
    if (!response) return Error{"STOW-RS: " + response.error().message};
    if (response->status != 200 && response->status != 202)
        return Error{"STOW-RS " + url + ": HTTP " + std::to_string(response->status) + " " +
                     response->body.substr(0, 200)};
    // The answer lists stored instances (00081199) and failed ones (00081198).
    std::set<std::string> stored;
    auto json = nlohmann::json::parse(response->body, nullptr, false);
    if (json.is_object() && json.contains("00081199") && json["00081199"].contains("Value"))
        for (const auto& item : json["00081199"]["Value"]) stored.insert(value(item, "00081155"));
    for (auto& outcome : report.outcomes) {
        if (outcome.sopInstanceUid.empty()) continue;
        outcome.ok = stored.count(outcome.sopInstanceUid) > 0;
        outcome.message = outcome.ok ? "stored" : "not in the archive's list of stored instances";
    }
    return report;
}

}  // namespace mensura::imaging::pacs
