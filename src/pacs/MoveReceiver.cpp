#include "MoveReceiver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/scp.h>

#include "DimseAssociation.h"
#include "StoragePresentation.h"

namespace mensura::imaging::pacs {
namespace {

class StorageScp : public DcmSCP {
  public:
    std::atomic<bool> stopRequested{false};
    std::string outDir;
    MoveReceiver::OnInstance onInstance;
    MoveReceiver::OnError onError;

  protected:
    OFCondition handleIncomingCommand(T_DIMSE_Message* msg, const DcmPresentationContextInfo& info) override {
        if (msg->CommandField != DIMSE_C_STORE_RQ) return DcmSCP::handleIncomingCommand(msg, info);
        T_DIMSE_C_StoreRQ& req = msg->msg.CStoreRQ;
        DcmDataset* dataset = nullptr;
        OFCondition cond = receiveSTORERequest(req, info.presentationContextID, dataset);
        if (cond.bad()) {
            delete dataset;
            if (onError) onError(std::string("receiving an instance failed: ") + cond.text());
            return cond;
        }
        Uint16 status = STATUS_Success;
        auto written = writeReceivedInstance(dataset, outDir);  // takes the dataset
        if (!written) {
            status = STATUS_STORE_Refused_OutOfResources;
            if (onError) onError(written.error().message);
        } else if (onInstance && !onInstance(*written)) {
            status = STATUS_STORE_Refused_OutOfResources;
            stopRequested = true;
        }
        return sendSTOREResponse(info.presentationContextID, req, status);
    }
    OFBool stopAfterConnectionTimeout() override { return stopRequested.load(); }
    OFBool stopAfterCurrentAssociation() override { return stopRequested.load(); }
};

}  // namespace

struct MoveReceiver::Impl {
    StorageScp scp;
    int port = 0;
    std::thread thread;
    bool running = false;
};

MoveReceiver::MoveReceiver(std::string aeTitle, int port, std::string outDir, OnInstance onInstance, OnError onError)
    : impl_(std::make_unique<Impl>()) {
    initDcmtkNetwork();
    impl_->port = port;
    auto& scp = impl_->scp;
    scp.outDir = std::move(outDir);
    scp.onInstance = std::move(onInstance);
    scp.onError = std::move(onError);
    scp.setAETitle(aeTitle.c_str());
    scp.setPort(static_cast<Uint16>(port));
    scp.setConnectionBlockingMode(DUL_NOBLOCK);
    scp.setConnectionTimeout(1);
    scp.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    scp.setDIMSETimeout(30);
    scp.setACSETimeout(10);
    scp.setMaxReceivePDULength(ASC_MAXIMUMPDUSIZE / 2);
    scp.setVerbosePCMode(OFFalse);
    OFList<OFString> uncompressed;
    uncompressed.push_back(UID_LittleEndianExplicitTransferSyntax);
    uncompressed.push_back(UID_LittleEndianImplicitTransferSyntax);
    scp.addPresentationContext(UID_VerificationSOPClass, uncompressed);
    for (const auto& ctx : storageContextsForScp()) {
        OFList<OFString> ts;
        for (const auto& t : ctx.transferSyntaxes) ts.push_back(t.c_str());
        scp.addPresentationContext(ctx.sopClassUid.c_str(), ts);
    }
}

MoveReceiver::~MoveReceiver() { stop(); }

Result<bool> MoveReceiver::start() {
    const OFCondition cond = impl_->scp.openListenPort();
    if (cond.bad())
        return Error{"cannot listen for C-MOVE on port " + std::to_string(impl_->port) + ": " + cond.text() +
                     " (is another program using it?)"};
    impl_->running = true;
    impl_->thread = std::thread([this] { impl_->scp.acceptAssociations(); });
    return true;
}

void MoveReceiver::stop() {
    if (!impl_->running) return;
    impl_->scp.stopRequested = true;
    // Wake the accept loop at once rather than after its 1 s poll.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd >= 0) {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(impl_->port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::close(fd);
    }
    if (impl_->thread.joinable()) impl_->thread.join();
    impl_->running = false;
}

}  // namespace mensura::imaging::pacs
