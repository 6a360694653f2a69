#include "DimseAssociation.h"

#include <csignal>
#include <cstdio>
#include <mutex>

#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/dcmnet/dimse.h>

#include "mensura/dicom/DcmtkSetup.h"

namespace mensura::imaging::pacs {
namespace {

// DcmSCU keeps the rejection details to itself: ask again with a bare Verification
// association to learn the reason (AE title not recognised, ...).
std::string rejectReason(const PacsNode& node) {
    T_ASC_Network* net = nullptr;
    if (ASC_initializeNetwork(NET_REQUESTOR, 0, node.connectTimeoutSeconds, &net).bad()) return {};
    T_ASC_Parameters* params = nullptr;
    std::string reason;
    if (ASC_createAssociationParameters(&params, ASC_DEFAULTMAXPDU).good()) {
        ASC_setAPTitles(params, node.callingAet.c_str(), node.calledAet.c_str(), nullptr);
        const std::string peer = node.host + ":" + std::to_string(node.port);
        ASC_setPresentationAddresses(params, "localhost", peer.c_str());
        const char* ts[] = {UID_LittleEndianImplicitTransferSyntax};
        ASC_addPresentationContext(params, 1, UID_VerificationSOPClass, ts, 1);
        T_ASC_Association* assoc = nullptr;
        const OFCondition cond = ASC_requestAssociation(net, params, &assoc);
        if (cond == DUL_ASSOCIATIONREJECTED) {
            T_ASC_RejectParameters rej;
            ASC_getRejectParameters(params, &rej);
            OFString text;
            ASC_printRejectParameters(text, &rej);
            reason = text.c_str();
            for (auto& c : reason)
                if (c == '\n') c = ';';
        } else if (cond.good()) {
            ASC_releaseAssociation(assoc);
        }
        if (assoc) {
            ASC_destroyAssociation(&assoc);
            params = nullptr;  // destroyed with the association
        }
        if (params) ASC_destroyAssociationParameters(&params);
    }
    ASC_dropNetwork(&net);
    return reason;
}

}  // namespace

void initDcmtkNetwork() {
    static std::once_flag once;
    std::call_once(once, [] {
        initDcmtk();
        std::signal(SIGPIPE, SIG_IGN);  // a peer that goes away must give an error, not kill us
    });
}

ProposedContext queryContext(const char* sopClassUid) {
    return {sopClassUid, {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax}};
}

std::string describeCondition(const OFCondition& cond, const PacsNode& node, const std::string& what) {
    const std::string peer = node.describe();
    if (cond == DUL_ASSOCIATIONREJECTED) {
        std::string reason = rejectReason(node);
        std::string text = what + ": association rejected by " + peer;
        if (!reason.empty()) text += " (" + reason + ")";
        if (reason.find("Calling AE Title") != std::string::npos)
            text += ": the archive does not know Mensura's AE title '" + node.callingAet +
                    "'; add it to the archive's list of DICOM nodes";
        else if (reason.find("Called AE Title") != std::string::npos)
            text += ": '" + node.calledAet + "' is not the archive's AE title";
        return text;
    }
    if (cond.module() == OFM_dcmnet && cond.code() == DULC_TCPINITERROR)
        return what + ": cannot connect to " + peer + " (" + cond.text() +
               "); is the archive running and listening on port " + std::to_string(node.port) + "?";
    if (cond == DUL_READTIMEOUT || cond == DIMSE_NODATAAVAILABLE)
        return what + ": " + peer + " did not answer within " + std::to_string(node.dimseTimeoutSeconds) +
               " s (timeout)";
    if (cond == DUL_PEERABORTEDASSOCIATION || cond == DUL_NETWORKCLOSED)
        return what + ": " + peer + " closed the connection (" + cond.text() + ")";
    if (cond == NET_EC_NoAcceptablePresentationContexts)
        return what + ": " + peer + " accepted none of the proposed services/transfer syntaxes";
    return what + " with " + peer + " failed: " + cond.text();
}

std::string describeStatus(unsigned status) {
    switch (status) {
        case 0x0000:
            return "success";
        case 0xA701:
        case 0xA702:
            return "refused: out of resources";
        case 0xA801:
            return "refused: move destination unknown";
        case 0xA900:
            return "identifier does not match SOP class";
        case 0xFE00:
            return "cancelled";
        case 0xB000:
            return "warning: sub-operations completed with failures";
        case 0xC000:
            return "unable to process";
        case 0x0122:
            return "SOP class not supported";
        default:
            break;
    }
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%04X", status);
    if ((status & 0xF000) == 0xC000) return std::string("unable to process (") + hex + ")";
    return std::string("status ") + hex;
}

Result<bool> openAssociation(DcmSCU& scu, const PacsNode& node, const std::vector<ProposedContext>& contexts) {
    initDcmtkNetwork();
    scu.setAETitle(node.callingAet.c_str());
    scu.setPeerAETitle(node.calledAet.c_str());
    scu.setPeerHostName(node.host.c_str());
    scu.setPeerPort(static_cast<Uint16>(node.port));
    scu.setConnectionTimeout(node.connectTimeoutSeconds);
    scu.setACSETimeout(static_cast<Uint32>(node.connectTimeoutSeconds));
    scu.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    scu.setDIMSETimeout(static_cast<Uint32>(node.dimseTimeoutSeconds));
    scu.setMaxReceivePDULength(ASC_MAXIMUMPDUSIZE / 2);
    scu.setVerbosePCMode(OFFalse);
    for (const auto& pc : contexts) {
        OFList<OFString> ts;
        for (const auto& t : pc.transferSyntaxes) ts.push_back(t.c_str());
        const OFCondition cond = scu.addPresentationContext(pc.abstractSyntax.c_str(), ts, pc.role);
        if (cond.bad())
            return Error{"cannot propose " + pc.abstractSyntax + " to " + node.describe() + ": " + cond.text()};
    }
    OFCondition cond = scu.initNetwork();
    if (cond.bad()) return Error{describeCondition(cond, node, "network set-up")};
    cond = scu.negotiateAssociation();
    if (cond.bad()) return Error{describeCondition(cond, node, "association")};
    return true;
}

}  // namespace mensura::imaging::pacs
