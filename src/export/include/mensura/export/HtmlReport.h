#pragma once
// The human report as HTML: the case record's sections, a table per lesion with its tri-axial
// size and change over time (RECIST category and rule from Longitudinal), coded findings in
// words, and key images. The images are drawn elsewhere (Qt, in viewer/report/): this layer
// asks a KeyImageProvider for a PNG per annotation and links it, so the HTML is built and tested
// headless and the command line and the viewer supply the same renderer.
#include <functional>
#include <string>

#include "mensura/core/Result.h"
#include "mensura/dicom-objects/Deidentification.h"
#include "mensura/export/ExportCase.h"

namespace mensura::annotations {

struct KeyImageRequest {
    const Annotation* annotation = nullptr;  // as drawn: original UIDs and points, for loading
    std::string seriesFolder;                // where the annotation's series is on disk; "" when absent
    std::string pngPath;                     // where to write the PNG (inside the report folder)
    std::string caption;                     // e.g. "L1 tri-axial (contrast-enhanced CT)"
    bool deidentified = false;               // draw nothing that identifies the patient
};

// Writes request.pngPath and returns it, or an Error saying why there is no image (series not
// found, not loadable); the report then shows the reason in place of the image.
using KeyImageProvider = std::function<imaging::Result<std::string>(const KeyImageRequest&)>;

// The report for an opened case; key images are written into outDir by the provider.
std::string reportHtml(const ExportCase& c, const std::string& outDir, const KeyImageProvider& provider);

// Writes outDir/report.html and the key images beside it; returns the HTML's path.
imaging::Result<std::string> exportHtmlReport(const std::string& caseFolder, const std::string& outDir,
                                              const DeidentificationPolicy& policy, const KeyImageProvider& provider);

// The clinical sections (patient to outcome, without imaging), in the record's order; used by
// reportHtml, separate because it is plain text layout.
std::string patientAndPresentationHtml(const ExportCase& c);
std::string laboratoryHtml(const CaseRecord& r);
std::string pathologyToOutcomeHtml(const CaseRecord& r);

}  // namespace mensura::annotations
