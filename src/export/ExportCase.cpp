#include "mensura/export/ExportCase.h"

#include <filesystem>

#include "mensura/case/CaseJson.h"
#include "mensura/core/AtomicFile.h"
#include "mensura/dicom/DicomIndex.h"

namespace mensura::annotations {
namespace fs = std::filesystem;

std::string ExportCase::seriesFolder(const std::string& originalSeriesUid) const {
    for (const auto& d : original.dicom) {
        if (d.seriesInstanceUid != originalSeriesUid) continue;
        const std::string resolved = resolveReferencePath(caseFolder, d.path);
        std::error_code ec;
        if (fs::exists(resolved, ec)) return resolved;
    }
    return {};
}

const ExportSeries* ExportCase::findSeries(const std::string& exportedSeriesUid) const {
    for (const auto& s : series)
        if (s.seriesInstanceUid == exportedSeriesUid) return &s;
    return nullptr;
}

imaging::Result<ExportCase> loadExportCase(const std::string& caseFolder, const DeidentificationPolicy& policy) {
    auto opened = openCase(caseFolder);
    if (!opened) return opened.error();
    ExportCase c;
    c.caseFolder = caseFolder;
    c.original = opened->document;
    c.deidentified = policy.enabled;
    c.deid = CaseDeidentifier(policy);

    // The record holds no patient name or ID: those are the DICOM's. Headers only, no pixels.
    PatientIdentity who;
    for (const auto& ref : c.original.dicom) {
        ExportSeries s;
        s.studyInstanceUid = ref.studyInstanceUid;
        s.seriesInstanceUid = ref.seriesInstanceUid;
        s.frameOfReferenceUid = ref.frameOfReferenceUid;
        s.description = ref.description;
        const std::string folder = resolveReferencePath(caseFolder, ref.path);
        std::error_code ec;
        if (!ref.path.empty() && fs::exists(folder, ec)) {
            std::string error;
            const imaging::DicomIndex index = imaging::indexPath(folder, {}, &error);
            for (const auto& patient : index.patients)
                for (const auto& study : patient.studies)
                    for (const auto& stack : study.series) {
                        if (stack.seriesInstanceUid != ref.seriesInstanceUid || s.found) continue;
                        s.found = true;
                        s.modality = stack.first().modality;
                        s.instances = stack.instanceCount();
                        s.studyDate = study.studyDate;
                        if (who.id.empty() && who.name.empty())
                            who = {patient.patientName, patient.patientId, patient.birthDate, patient.sex};
                    }
        }
        c.series.push_back(s);
    }

    // Identity first: the scrub of free text in the document then knows the name and ID.
    c.patient = c.deid.apply(who);
    for (auto& s : c.series) {
        s.studyInstanceUid = c.deid.uid(s.studyInstanceUid);
        s.seriesInstanceUid = c.deid.uid(s.seriesInstanceUid);
        s.frameOfReferenceUid = c.deid.uid(s.frameOfReferenceUid);
        s.studyDate = c.deid.date(s.studyDate);
    }
    c.document = c.deid.apply(c.original);
    return c;
}

imaging::Result<std::string> writeExportFile(const ExportCase& c, const std::string& outDir, const std::string& name,
                                             const std::string& content) {
    std::error_code ec;
    fs::create_directories(outDir, ec);
    if (ec) return imaging::Error{outDir + ": cannot create the output folder: " + ec.message()};
    const std::string path = (fs::path(outDir) / name).string();
    if (auto err = writeFileAtomically(path, c.deid.scrub(content))) return *err;
    return path;
}

imaging::Result<std::string> exportJson(const std::string& caseFolder, const std::string& outDir,
                                        const DeidentificationPolicy& policy) {
    auto c = loadExportCase(caseFolder, policy);
    if (!c) return c.error();
    return writeExportFile(*c, outDir, "case_record.json", caseToText(c->document));
}

}  // namespace mensura::annotations
