#include "mensura/report/ExportFormats.h"

#include <filesystem>

#include "mensura/dicom-objects/SrExport.h"
#include "mensura/export/CsvExport.h"
#include "mensura/export/DicomExport.h"
#include "mensura/export/ExportCase.h"
#include "mensura/export/FhirExport.h"
#include "mensura/export/HtmlReport.h"
#include "mensura/report/KeyImageRenderer.h"
#include "mensura/report/ReportDocument.h"

namespace mensura::viewer {

const std::vector<std::string>& exportFormats() {
    static const std::vector<std::string> formats{"sr", "seg", "images", "fhir", "csv", "json", "html", "pdf"};
    return formats;
}

imaging::Result<std::vector<std::string>> exportCaseAs(const std::string& format, const std::string& caseFolder,
                                                       const std::string& outDir,
                                                       const annotations::DeidentificationPolicy& policy) {
    using Files = imaging::Result<std::vector<std::string>>;
    const auto one = [](const imaging::Result<std::string>& r) -> Files {
        if (!r) return r.error();
        return std::vector<std::string>{*r};
    };
    if (format == "sr") {
        annotations::SrExportOptions options;
        options.deidentification = policy;
        return annotations::exportSr(caseFolder, outDir, options);
    }
    if (format == "seg") return annotations::exportSeg(caseFolder, outDir, policy);
    if (format == "images") return annotations::exportImages(caseFolder, outDir, policy);
    if (format == "fhir") return one(annotations::exportFhir(caseFolder, outDir, policy));
    if (format == "csv") return one(annotations::exportCsv(caseFolder, outDir, policy));
    if (format == "json") return one(annotations::exportJson(caseFolder, outDir, policy));
    if (format == "html" || format == "pdf") {
        auto html = annotations::exportHtmlReport(caseFolder, outDir, policy, makeKeyImageProvider());
        if (!html || format == "html") return one(html);
        return one(writePdfReport(*html, (std::filesystem::path(outDir) / "report.pdf").string()));
    }
    return imaging::Error{"unknown export format \"" + format + "\" (sr, seg, images, fhir, csv, json, html, pdf)"};
}

}  // namespace mensura::viewer
