// DimseClient::retrieve: C-GET (instances come back on the same association) and C-MOVE
// (the archive sends them to Mensura's Storage SCP, MoveReceiver).
#include <chrono>
#include <mutex>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>

#include "DimseAssociation.h"
#include "MoveReceiver.h"
#include "mensura/pacs/DimseClient.h"

namespace mensura::imaging::pacs {
namespace {

struct Collector {
    std::mutex mutex;
    RetrieveReport* report = nullptr;
    const RetrieveOptions* options = nullptr;

    bool cancelled() const { return options->cancel && options->cancel->load(); }

    // Returns false when the caller asked to stop.
    bool add(const WrittenInstance& w) {
        RetrieveProgress progress;
        {
            std::lock_guard<std::mutex> lock(mutex);
            report->receivedFiles.push_back(w.path);
            report->receivedSopInstanceUids.push_back(w.identity.sopInstanceUid);
            progress = {report->receivedSopInstanceUids.size(), report->expectedSopInstanceUids.size()};
        }
        if (options->progress) options->progress(progress);
        return !cancelled();
    }
    void fail(const std::string& message) {
        std::lock_guard<std::mutex> lock(mutex);
        if (report->problem.empty()) report->problem = message;
    }
};

class GetScu : public DcmSCU {
  public:
    Collector* collector = nullptr;
    std::string outDir;

  protected:
    OFCondition handleSTORERequest(const T_ASC_PresentationContextID, DcmDataset* incoming, OFBool& continueSession,
                                   Uint16& status) override {
        auto written = writeReceivedInstance(incoming, outDir);
        status = STATUS_Success;
        continueSession = OFTrue;
        if (!written) {
            collector->fail(written.error().message);
            status = STATUS_STORE_Refused_OutOfResources;
        } else if (!collector->add(*written)) {
            continueSession = OFFalse;
        }
        return EC_Normal;
    }
};

class MoveScu : public DcmSCU {
  public:
    Collector* collector = nullptr;

  protected:
    OFCondition handleMOVEResponse(const T_ASC_PresentationContextID presID, RetrieveResponse* response,
                                   OFBool& waitForNextResponse) override {
        const OFCondition cond = DcmSCU::handleMOVEResponse(presID, response, waitForNextResponse);
        if (collector->cancelled()) waitForNextResponse = OFFalse;
        return cond;
    }
};

DcmDataset retrieveKeys(const RetrieveRequest& request) {
    DcmDataset keys;
    keys.putAndInsertString(DCM_QueryRetrieveLevel, request.seriesInstanceUid.empty() ? "STUDY" : "SERIES");
    keys.putAndInsertString(DCM_StudyInstanceUID, request.studyInstanceUid.c_str());
    if (!request.seriesInstanceUid.empty())
        keys.putAndInsertString(DCM_SeriesInstanceUID, request.seriesInstanceUid.c_str());
    return keys;
}

// Takes the sub-operation counts of the last response; the final one carries the totals.
void noteResponses(OFList<RetrieveResponse*>& responses, RetrieveReport& report, const PacsNode& node) {
    for (RetrieveResponse* r : responses) {
        if (!DICOM_PENDING_STATUS(r->m_status)) {
            report.peerCompleted = r->m_numberOfCompletedSubops;
            report.peerFailed = r->m_numberOfFailedSubops;
            report.peerWarning = r->m_numberOfWarningSubops;
            if (r->m_status != STATUS_Success && report.problem.empty())
                report.problem = node.describe() + " answered: " + describeStatus(r->m_status);
        }
        delete r;
    }
    responses.clear();
}

}  // namespace

Result<RetrieveReport> DimseClient::retrieve(const RetrieveRequest& request, RetrieveMethod method,
                                             const RetrieveOptions& options) const {
    const auto start = std::chrono::steady_clock::now();
    const std::string methodName = method == RetrieveMethod::CGet ? "C-GET" : "C-MOVE";
    const std::string what =
        request.seriesInstanceUid.empty() ? "study " + request.studyInstanceUid : "series " + request.seriesInstanceUid;
    if (method == RetrieveMethod::CMove && node_.movePort <= 0)
        return Error{"C-MOVE from " + node_.describe() +
                     ": no port configured for Mensura's Storage SCP (--move-port)"};
    auto listed = findInstances(request.studyInstanceUid, request.seriesInstanceUid);
    if (!listed) return listed.error();
    if (listed->empty()) return Error{methodName + ": " + what + " not found on " + node_.describe()};

    RetrieveReport report;
    report.peer = node_.describe();
    report.method = methodName;
    for (const auto& i : *listed) report.expectedSopInstanceUids.push_back(i.sopInstanceUid);
    Collector collector;
    collector.report = &report;
    collector.options = &options;

    OFList<RetrieveResponse*> responses;
    DcmDataset keys = retrieveKeys(request);
    OFCondition cond = EC_Normal;
    if (method == RetrieveMethod::CGet) {
        GetScu scu;
        scu.collector = &collector;
        scu.outDir = request.outDir;
        std::vector<ProposedContext> contexts = {queryContext(UID_GETStudyRootQueryRetrieveInformationModel)};
        for (const auto& c : storageContextsForRetrieve())
            contexts.push_back({c.sopClassUid, c.transferSyntaxes, ASC_SC_ROLE_SCP});
        auto opened = openAssociation(scu, node_, contexts);
        if (!opened) return opened.error();
        const T_ASC_PresentationContextID pc =
            scu.findAnyPresentationContextID(UID_GETStudyRootQueryRetrieveInformationModel, "");
        if (pc == 0) {
            scu.releaseAssociation();
            return Error{"C-GET: " + node_.describe() + " does not offer Study Root C-GET"};
        }
        cond = scu.sendCGETRequest(pc, &keys, &responses);
        if (cond.bad() || collector.cancelled())
            scu.abortAssociation();
        else
            scu.releaseAssociation();
    } else {
        MoveReceiver receiver(
            node_.callingAet, node_.movePort, request.outDir,
            [&collector](const WrittenInstance& w) { return collector.add(w); },
            [&collector](const std::string& m) { collector.fail(m); });
        auto listening = receiver.start();
        if (!listening) return listening.error();
        MoveScu scu;
        scu.collector = &collector;
        auto opened = openAssociation(scu, node_, {queryContext(UID_MOVEStudyRootQueryRetrieveInformationModel)});
        if (!opened) return opened.error();
        const T_ASC_PresentationContextID pc =
            scu.findAnyPresentationContextID(UID_MOVEStudyRootQueryRetrieveInformationModel, "");
        if (pc == 0) {
            scu.releaseAssociation();
            return Error{"C-MOVE: " + node_.describe() + " does not offer Study Root C-MOVE"};
        }
        cond = scu.sendMOVERequest(pc, node_.callingAet.c_str(), &keys, &responses);
        if (cond.bad() || collector.cancelled())
            scu.abortAssociation();
        else
            scu.releaseAssociation();
        receiver.stop();
    }
    noteResponses(responses, report, node_);
    if (cond.bad()) report.problem = describeCondition(cond, node_, methodName);
    if (report.problem.find("move destination unknown") != std::string::npos)
        report.problem += " (the archive must know AE title '" + node_.callingAet + "' at this host, port " +
                          std::to_string(node_.movePort) + ")";
    report.cancelled = collector.cancelled();
    report.reconcile();
    if (!report.complete() && report.problem.empty() && !report.cancelled && !report.missingSopInstanceUids.empty())
        report.problem = "the archive ended the retrieval before sending every instance";
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

}  // namespace mensura::imaging::pacs
