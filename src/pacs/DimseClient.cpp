#include "mensura/pacs/DimseClient.h"

#include <chrono>
#include <memory>
#include <set>
#include <utility>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include "DimseAssociation.h"

namespace mensura::imaging::pacs {
namespace {

std::string str(DcmItem* ds, const DcmTagKey& key) {
    OFString value;
    if (ds && ds->findAndGetOFStringArray(key, value).good()) return value.c_str();
    return {};
}

int integer(DcmItem* ds, const DcmTagKey& key) {
    const std::string text = str(ds, key);
    try {
        return text.empty() ? 0 : std::stoi(text);
    } catch (...) {
        return 0;
    }
}

// Runs one C-FIND on a fresh association; returns the matching datasets (owned by the caller).
Result<std::vector<std::unique_ptr<DcmDataset>>> runFind(const PacsNode& node, DcmDataset& query,
                                                         const std::string& what) {
    DcmSCU scu;
    auto opened = openAssociation(scu, node, {queryContext(UID_FINDStudyRootQueryRetrieveInformationModel)});
    if (!opened) return opened.error();
    const T_ASC_PresentationContextID pc =
        scu.findAnyPresentationContextID(UID_FINDStudyRootQueryRetrieveInformationModel, "");
    if (pc == 0) {
        scu.releaseAssociation();
        return Error{what + ": " + node.describe() + " does not offer Study Root C-FIND"};
    }
    OFList<QRResponse*> responses;
    const OFCondition cond = scu.sendFINDRequest(pc, &query, &responses);
    std::vector<std::unique_ptr<DcmDataset>> matches;
    unsigned finalStatus = 0;
    for (QRResponse* r : responses) {
        if (r->m_dataset && DICOM_PENDING_STATUS(r->m_status)) {
            matches.emplace_back(r->m_dataset);
            r->m_dataset = nullptr;
        } else {
            finalStatus = r->m_status;
        }
        delete r;
    }
    if (cond.bad()) {
        scu.abortAssociation();
        return Error{describeCondition(cond, node, what)};
    }
    scu.releaseAssociation();
    if (finalStatus != 0 && !DICOM_PENDING_STATUS(finalStatus) && finalStatus != STATUS_Success)
        return Error{what + " on " + node.describe() + ": " + describeStatus(finalStatus)};
    return matches;
}

}  // namespace

std::size_t StoreReport::failures() const {
    std::size_t n = 0;
    for (const auto& o : outcomes) n += o.ok ? 0 : 1;
    return n;
}

nlohmann::json StoreReport::toJson() const {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& o : outcomes)
        files.push_back({{"file", o.file}, {"sopInstanceUid", o.sopInstanceUid}, {"ok", o.ok}, {"message", o.message}});
    return {{"peer", peer}, {"stored", outcomes.size() - failures()}, {"failed", failures()}, {"files", files}};
}

Result<double> DimseClient::echo() const {
    const auto start = std::chrono::steady_clock::now();
    DcmSCU scu;
    auto opened = openAssociation(scu, node_, {queryContext(UID_VerificationSOPClass)});
    if (!opened) return opened.error();
    const OFCondition cond = scu.sendECHORequest(0);
    if (cond.bad()) {
        scu.abortAssociation();
        return Error{describeCondition(cond, node_, "C-ECHO")};
    }
    scu.releaseAssociation();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Result<std::vector<StudyRecord>> DimseClient::findStudies(const StudyQuery& q) const {
    DcmDataset query;
    query.putAndInsertString(DCM_QueryRetrieveLevel, "STUDY");
    query.putAndInsertString(DCM_StudyInstanceUID, q.studyInstanceUid.c_str());
    query.putAndInsertString(DCM_PatientName, q.patientName.c_str());
    query.putAndInsertString(DCM_PatientID, q.patientId.c_str());
    query.putAndInsertString(DCM_StudyDate, q.studyDate.c_str());
    query.putAndInsertString(DCM_StudyTime, "");
    query.putAndInsertString(DCM_AccessionNumber, q.accessionNumber.c_str());
    query.putAndInsertString(DCM_StudyDescription, q.studyDescription.c_str());
    query.putAndInsertString(DCM_ModalitiesInStudy, q.modality.c_str());
    query.putAndInsertString(DCM_NumberOfStudyRelatedSeries, "");
    query.putAndInsertString(DCM_NumberOfStudyRelatedInstances, "");
    auto matches = runFind(node_, query, "C-FIND (study)");
    if (!matches) return matches.error();
    std::vector<StudyRecord> studies;
    for (const auto& ds : *matches) {
        StudyRecord s;
        s.studyInstanceUid = str(ds.get(), DCM_StudyInstanceUID);
        s.patientName = str(ds.get(), DCM_PatientName);
        s.patientId = str(ds.get(), DCM_PatientID);
        s.studyDate = str(ds.get(), DCM_StudyDate);
        s.studyTime = str(ds.get(), DCM_StudyTime);
        s.accessionNumber = str(ds.get(), DCM_AccessionNumber);
        s.studyDescription = str(ds.get(), DCM_StudyDescription);
        s.modalitiesInStudy = str(ds.get(), DCM_ModalitiesInStudy);
        s.numberOfSeries = integer(ds.get(), DCM_NumberOfStudyRelatedSeries);
        s.numberOfInstances = integer(ds.get(), DCM_NumberOfStudyRelatedInstances);
        studies.push_back(std::move(s));
    }
    return studies;
}

Result<std::vector<SeriesRecord>> DimseClient::findSeries(const std::string& studyUid) const {
    DcmDataset query;
    query.putAndInsertString(DCM_QueryRetrieveLevel, "SERIES");
    query.putAndInsertString(DCM_StudyInstanceUID, studyUid.c_str());
    query.putAndInsertString(DCM_SeriesInstanceUID, "");
    query.putAndInsertString(DCM_Modality, "");
    query.putAndInsertString(DCM_SeriesDescription, "");
    query.putAndInsertString(DCM_SeriesNumber, "");
    query.putAndInsertString(DCM_NumberOfSeriesRelatedInstances, "");
    auto matches = runFind(node_, query, "C-FIND (series)");
    if (!matches) return matches.error();
    std::vector<SeriesRecord> series;
    for (const auto& ds : *matches) {
        SeriesRecord s;
        s.studyInstanceUid = str(ds.get(), DCM_StudyInstanceUID);
        s.seriesInstanceUid = str(ds.get(), DCM_SeriesInstanceUID);
        s.modality = str(ds.get(), DCM_Modality);
        s.seriesDescription = str(ds.get(), DCM_SeriesDescription);
        s.seriesNumber = integer(ds.get(), DCM_SeriesNumber);
        s.numberOfInstances = integer(ds.get(), DCM_NumberOfSeriesRelatedInstances);
        series.push_back(std::move(s));
    }
    return series;
}

Result<std::vector<InstanceRecord>> DimseClient::findInstances(const std::string& studyUid,
                                                               const std::string& seriesUid) const {
    DcmDataset query;
    query.putAndInsertString(DCM_QueryRetrieveLevel, "IMAGE");
    query.putAndInsertString(DCM_StudyInstanceUID, studyUid.c_str());
    query.putAndInsertString(DCM_SeriesInstanceUID, seriesUid.c_str());
    query.putAndInsertString(DCM_SOPInstanceUID, "");
    query.putAndInsertString(DCM_SOPClassUID, "");
    auto matches = runFind(node_, query, "C-FIND (image)");
    if (!matches) return matches.error();
    std::vector<InstanceRecord> instances;
    for (const auto& ds : *matches)
        instances.push_back({str(ds.get(), DCM_StudyInstanceUID), str(ds.get(), DCM_SeriesInstanceUID),
                             str(ds.get(), DCM_SOPInstanceUID), str(ds.get(), DCM_SOPClassUID)});
    return instances;
}

Result<StoreReport> DimseClient::store(const std::vector<std::string>& files) const {
    initDcmtkNetwork();
    StoreReport report;
    report.peer = node_.describe();
    struct Candidate {
        std::string file, sopClass, sopInstance, xfer;
    };
    std::vector<Candidate> candidates;
    std::set<std::pair<std::string, std::string>> proposed;
    std::vector<ProposedContext> contexts;
    for (const auto& file : files) {
        DcmFileFormat ff;
        const OFCondition cond = ff.loadFileUntilTag(file.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength,
                                                     ERM_autoDetect, DCM_PixelData);
        const std::string sopClass = str(ff.getDataset(), DCM_SOPClassUID);
        const std::string sopInstance = str(ff.getDataset(), DCM_SOPInstanceUID);
        if (cond.bad() || sopClass.empty() || sopInstance.empty()) {
            report.outcomes.push_back(
                {file, sopInstance, false,
                 cond.bad() ? std::string("not readable as DICOM: ") + cond.text() : "no SOPClassUID/SOPInstanceUID"});
            continue;
        }
        const std::string xfer = DcmXfer(ff.getDataset()->getOriginalXfer()).getXferID();
        candidates.push_back({file, sopClass, sopInstance, xfer});
        // The file's own syntax, and explicit little endian as the fallback every archive takes.
        for (const std::string& ts : {xfer, std::string(UID_LittleEndianExplicitTransferSyntax)})
            if (proposed.insert({sopClass, ts}).second) contexts.push_back({sopClass, {ts}, ASC_SC_ROLE_DEFAULT});
    }
    if (candidates.empty()) return report;
    if (contexts.size() > 127)
        return Error{"C-STORE to " + node_.describe() + ": too many kinds of object in one send"};
    DcmSCU scu;
    scu.setDatasetConversionMode(OFTrue);  // decode to explicit little endian if the archive wants that
    auto opened = openAssociation(scu, node_, contexts);
    if (!opened) return opened.error();
    for (const auto& c : candidates) {
        T_ASC_PresentationContextID pc = scu.findPresentationContextID(c.sopClass.c_str(), c.xfer.c_str());
        if (pc == 0) pc = scu.findAnyPresentationContextID(c.sopClass.c_str(), c.xfer.c_str());
        if (pc == 0) {
            report.outcomes.push_back(
                {c.file, c.sopInstance, false, node_.describe() + " accepts no storage of SOP class " + c.sopClass});
            continue;
        }
        Uint16 status = 0;
        const OFCondition cond = scu.sendSTORERequest(pc, c.file.c_str(), nullptr, status);
        if (cond.bad()) {
            report.outcomes.push_back({c.file, c.sopInstance, false, describeCondition(cond, node_, "C-STORE")});
            if (!scu.isConnected()) return Error{describeCondition(cond, node_, "C-STORE of " + c.file)};
            continue;
        }
        const bool ok = status == STATUS_Success || (status & 0xF000) == 0xB000;
        report.outcomes.push_back({c.file, c.sopInstance, ok, describeStatus(status)});
    }
    scu.releaseAssociation();
    return report;
}

}  // namespace mensura::imaging::pacs
