// FHIR, CSV, JSON and HTML exports of a case made from real sample DICOM and of every example
// case, checked headless: structure, numbers read back, de-identification.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "FhirChecker.h"
#include "ReportCase.h"
#include "mensura/case/CaseJson.h"
#include "mensura/export/CsvExport.h"
#include "mensura/export/ExportCase.h"
#include "mensura/export/FhirExport.h"
#include "mensura/export/HtmlReport.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace mensura::annotations;
using mensura::test::TempDir;
using nlohmann::json;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false, fieldStarted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                field += '"', ++i;
            else if (c == '"')
                quoted = false;
            else
                field += c;
        } else if (c == '"' && !fieldStarted) {
            quoted = fieldStarted = true;
        } else if (c == ',') {
            rows.back().push_back(field), field.clear(), fieldStarted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(field), field.clear(), fieldStarted = false;
            rows.emplace_back();
            ++i;
        } else {
            field += c, fieldStarted = true;
        }
    }
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

std::vector<std::string> exampleCases() {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(MENSURA_CASE_EXAMPLES))
        if (fs::exists(entry.path() / "case.json")) out.push_back(entry.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

DeidentificationPolicy deidentifying() {
    DeidentificationPolicy p;
    p.enabled = true;
    return p;
}

struct ReportCaseTest : ::testing::Test {
    TempDir dir;
    std::optional<mensura::test::ReportCase> rc;
    void SetUp() override {
        std::string why;
        rc = mensura::test::makeReportCase(dir / "case", &why);
        if (!rc) GTEST_SKIP() << "sample DICOM not available: " << why;
    }
};

}  // namespace

TEST_F(ReportCaseTest, FhirBundleHasTheR4StructureAndTheMeasurements) {
    auto path = exportFhir(rc->folder, dir / "out", DeidentificationPolicy{});
    ASSERT_TRUE(path) << path.error().message;
    EXPECT_EQ(fs::path(*path).filename(), "fhir_bundle.json");
    const json b = json::parse(slurp(*path));
    const auto problems = mensura::test::fhirProblems(b);
    EXPECT_TRUE(problems.empty()) << problems.front();

    std::map<std::string, int> count;
    json triaxial, report, patient;
    for (const auto& e : b["entry"]) {
        const json& r = e["resource"];
        ++count[r["resourceType"]];
        if (r["resourceType"] == "Observation" && r["code"]["coding"][0]["code"] == "M-TRIAXIAL" &&
            r.value("effectiveDateTime", "") == rc->document.record.imaging[0].date)
            triaxial = r;
        if (r["resourceType"] == "DiagnosticReport") report = r;
        if (r["resourceType"] == "Patient") patient = r;
    }
    EXPECT_EQ(count["Patient"], 1);
    EXPECT_EQ(count["DiagnosticReport"], 1);
    EXPECT_EQ(count["ImagingStudy"], 1);
    // Baseline: tri-axial + volume + the margin finding; follow-up: tri-axial.
    EXPECT_EQ(count["Observation"], 4);
    EXPECT_EQ(report["result"].size(), 4u);
    EXPECT_EQ(report["code"]["coding"][0]["system"], "http://loinc.org");
    EXPECT_EQ(report["code"]["coding"][0]["code"], "18748-4");
    EXPECT_EQ(patient["identifier"][0]["value"], rc->patientId);
    EXPECT_EQ(patient["gender"], "male");

    ASSERT_FALSE(triaxial.is_null());
    std::map<std::string, double> diameters;
    for (const auto& c : triaxial["component"])
        if (c.contains("valueQuantity")) {
            diameters[c["code"]["coding"][0]["code"]] = c["valueQuantity"]["value"];
            EXPECT_EQ(c["valueQuantity"]["code"], "mm");
            EXPECT_EQ(c["code"]["coding"][0]["system"], kMensuraCodeSystem);  // 99MENSURA mapped
        }
    EXPECT_NEAR(diameters["M-0001"], 40.0, 1e-9);
    EXPECT_NEAR(diameters["M-0002"], 47.0, 1e-9);
    EXPECT_NEAR(diameters["M-0003"], 34.0, 1e-9);
    ASSERT_TRUE(triaxial.contains("derivedFrom"));
}

TEST(ReportExamples, EveryExampleCaseExportsAValidBundleCsvJsonAndReport) {
    TempDir dir;
    const auto cases = exampleCases();
    ASSERT_GE(cases.size(), 5u);
    for (const auto& folder : cases) {
        SCOPED_TRACE(folder);
        const std::string out = dir / fs::path(folder).filename().string();
        for (bool deid : {false, true}) {
            DeidentificationPolicy policy;
            policy.enabled = deid;
            auto fhir = exportFhir(folder, out, policy);
            ASSERT_TRUE(fhir) << fhir.error().message;
            const json b = json::parse(slurp(*fhir));
            const auto problems = mensura::test::fhirProblems(b);
            EXPECT_TRUE(problems.empty()) << problems.front();

            auto csv = exportCsv(folder, out, policy);
            ASSERT_TRUE(csv) << csv.error().message;
            const auto rows = parseCsv(slurp(*csv));
            ASSERT_FALSE(rows.empty());
            for (const auto& row : rows) EXPECT_EQ(row.size(), csvColumns().size());

            auto js = exportJson(folder, out, policy);
            ASSERT_TRUE(js) << js.error().message;
            EXPECT_TRUE(caseFromText(slurp(*js), *js)) << "the exported record reads back";

            // No renderer: every key image place says why, and nothing crashes.
            auto html = exportHtmlReport(folder, out, policy, KeyImageProvider{});
            ASSERT_TRUE(html) << html.error().message;
            const std::string text = slurp(*html);
            EXPECT_NE(text.find("<h2>Patient</h2>"), std::string::npos);
            auto opened = openCase(folder);
            ASSERT_TRUE(opened);
            if (!opened->document.annotations.empty()) {
                EXPECT_NE(text.find("Key image not available"), std::string::npos);
            }
        }
    }
}

TEST_F(ReportCaseTest, CsvReadsBackToTheCaseNumbers) {
    auto path = exportCsv(rc->folder, dir / "out", DeidentificationPolicy{});
    ASSERT_TRUE(path) << path.error().message;
    const std::string text = slurp(*path);
    EXPECT_NE(text.find("\r\n"), std::string::npos) << "RFC 4180 line ends";
    const auto rows = parseCsv(text);
    ASSERT_GE(rows.size(), 2u);
    EXPECT_EQ(rows[0], csvColumns());
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < rows[0].size(); ++i) col[rows[0][i]] = i;

    // Every record value appears once, with its number, unit, state and lesion.
    std::map<std::string, const RecordValue*> expected;
    for (const auto& tp : rc->document.record.imaging)
        for (const auto& obs : tp.observations)
            for (const auto& v : obs.values) expected[v.fieldId] = &v;
    std::size_t recordRows = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto& row = rows[i];
        ASSERT_EQ(row.size(), rows[0].size());
        if (row[col["source"]] != "record") continue;
        ++recordRows;
        const RecordValue* v = expected.at(row[col["fieldId"]]);
        EXPECT_NEAR(std::stod(row[col["value"]]), v->value.value, 1e-6 * std::abs(v->value.value) + 1e-9);
        EXPECT_EQ(row[col["unitUcum"]], v->value.unit);
        EXPECT_EQ(row[col["linkState"]], toString(v->state));
        EXPECT_EQ(row[col["lesion"]], "L1");
        if (v->link) {
            EXPECT_EQ(row[col["annotationLabel"]], mensura::test::kTriaxialLabel);  // quoted field intact
        }
    }
    EXPECT_EQ(recordRows, expected.size());
}

TEST_F(ReportCaseTest, JsonExportIsTheCompleteRecord) {
    auto path = exportJson(rc->folder, dir / "out", DeidentificationPolicy{});
    ASSERT_TRUE(path) << path.error().message;
    auto back = caseFromText(slurp(*path), *path);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(caseToJson(*back), caseToJson(rc->document));
}

TEST_F(ReportCaseTest, HtmlReportHasSectionsSizesChangeFindingsAndKeyImages) {
    std::vector<KeyImageRequest> requests;
    std::vector<std::string> annotationUids;  // the request's annotation lives only during the call
    const KeyImageProvider fake = [&](const KeyImageRequest& r) -> mensura::imaging::Result<std::string> {
        requests.push_back(r);
        annotationUids.push_back(r.annotation->uid);
        std::ofstream(r.pngPath) << "png";
        return r.pngPath;
    };
    auto path = exportHtmlReport(rc->folder, dir / "out", DeidentificationPolicy{}, fake);
    ASSERT_TRUE(path) << path.error().message;
    const std::string html = slurp(*path);
    for (const char* expected :
         {"<h2>Patient</h2>", "<h2>Presentation</h2>", "<h2>Laboratory findings</h2>", "<h2>Imaging examinations</h2>",
          "<h2>Lesions over time</h2>", "<h2>Response (RECIST 1.1)</h2>", "<h2>Diagnosis</h2>",
          "4.0 cm x 4.7 cm x 3.4 cm", "3.0 cm x 3.2 cm x 3.0 cm", "Margin: well circumscribed", "CA-125", "33.5 mL"})
        EXPECT_NE(html.find(expected), std::string::npos) << expected;
    // RECIST: longest axial diameter 47 -> 32 mm is -31.9 %: a partial response, rule named.
    EXPECT_NE(html.find("-31.9 %"), std::string::npos);
    EXPECT_NE(html.find(": PR</b>"), std::string::npos);
    EXPECT_NE(html.find("Rule: "), std::string::npos);

    ASSERT_EQ(requests.size(), 1u);  // the tri-axial, cited by values and by the finding: once
    EXPECT_EQ(annotationUids[0], rc->document.annotations[0].uid);
    EXPECT_EQ(fs::path(requests[0].seriesFolder), fs::path(rc->seriesFolder));
    const std::string file = fs::path(requests[0].pngPath).filename().string();
    EXPECT_EQ(fs::path(requests[0].pngPath).parent_path(), fs::path(dir / "out"));
    EXPECT_NE(html.find("<img src=\"" + file + "\""), std::string::npos);
}

TEST_F(ReportCaseTest, AMissingSeriesIsSaidInPlaceOfTheKeyImage) {
    const KeyImageProvider failing = [](const KeyImageRequest&) -> mensura::imaging::Result<std::string> {
        return mensura::imaging::Error{"the DICOM series is not at its recorded path"};
    };
    auto path = exportHtmlReport(rc->folder, dir / "out", DeidentificationPolicy{}, failing);
    ASSERT_TRUE(path) << path.error().message;
    const std::string html = slurp(*path);
    EXPECT_NE(html.find("Key image not available"), std::string::npos);
    EXPECT_NE(html.find("not at its recorded path"), std::string::npos);
    EXPECT_EQ(html.find("<img "), std::string::npos);
}

TEST_F(ReportCaseTest, DeidentifiedOutputsHoldNoNameIdDateOrOriginalUid) {
    const KeyImageProvider fake = [](const KeyImageRequest& r) -> mensura::imaging::Result<std::string> {
        // An error that names a UID: the report must scrub it.
        return mensura::imaging::Error{"series " + r.annotation->image.seriesInstanceUid + " not loadable"};
    };
    std::vector<std::string> outputs{*exportFhir(rc->folder, dir / "deid", deidentifying()),
                                     *exportCsv(rc->folder, dir / "deid", deidentifying()),
                                     *exportJson(rc->folder, dir / "deid", deidentifying()),
                                     *exportHtmlReport(rc->folder, dir / "deid", deidentifying(), fake)};
    std::vector<std::string> plain{
        *exportFhir(rc->folder, dir / "plain", {}), *exportCsv(rc->folder, dir / "plain", {}),
        *exportJson(rc->folder, dir / "plain", {}), *exportHtmlReport(rc->folder, dir / "plain", {}, fake)};

    // What must not survive: the DICOM identity, every date, every UID of the case.
    std::set<std::string> secrets{rc->patientName, rc->patientId, rc->studyDate};
    const CaseDocument& d = rc->document;
    for (const auto& ref : d.dicom)
        secrets.insert({ref.studyInstanceUid, ref.seriesInstanceUid, ref.frameOfReferenceUid});
    for (const auto& a : d.annotations) secrets.insert(a.uid);
    for (const auto& l : d.record.lesions) secrets.insert(l.trackingUid);
    for (const auto& tp : d.record.imaging) secrets.insert({tp.uid, tp.date});
    for (const auto& lab : d.record.laboratory) secrets.insert(lab.date);
    secrets.erase("");
    ASSERT_GE(secrets.size(), 10u);

    // The check can fail: the plain exports hold the name, ID and UIDs.
    const std::string plainFhir = slurp(plain[0]);
    EXPECT_NE(plainFhir.find(rc->patientId), std::string::npos);
    EXPECT_NE(slurp(plain[3]).find(rc->patientName), std::string::npos);
    EXPECT_NE(plainFhir.find(d.dicom[0].seriesInstanceUid), std::string::npos);

    for (const auto& path : outputs) {
        const std::string text = slurp(path);
        for (const auto& secret : secrets)
            EXPECT_EQ(text.find(secret), std::string::npos) << path << " holds " << secret;
    }

    // One mapping everywhere: the series UID maps to the same new UID in FHIR, CSV and JSON.
    const std::string newSeries = deidentifying().remapUid(d.dicom[0].seriesInstanceUid);
    ASSERT_NE(newSeries, d.dicom[0].seriesInstanceUid);
    for (std::size_t i = 0; i < 3; ++i) EXPECT_NE(slurp(outputs[i]).find(newSeries), std::string::npos) << outputs[i];
    const std::string newAnnotation = deidentifying().remapUid(d.annotations[0].uid);
    EXPECT_NE(slurp(outputs[1]).find(newAnnotation), std::string::npos);
    EXPECT_NE(slurp(outputs[2]).find(newAnnotation), std::string::npos);
    // Dates shifted, not dropped.
    EXPECT_NE(slurp(outputs[2]).find(deidentifying().shiftDate(d.record.imaging[0].date)), std::string::npos);
    EXPECT_NE(slurp(outputs[0]).find("MENSURA-DEID"), std::string::npos);
}

TEST(ReportFormatting, CsvQuotingFollowsRfc4180) {
    EXPECT_EQ(csvField("plain"), "plain");
    EXPECT_EQ(csvField("a,b"), "\"a,b\"");
    EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
    const auto rows = parseCsv(csvField("a,\"b\"\r\nc") + "," + csvField("d") + "\r\n");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"a,\"b\"\r\nc", "d"}));
}
