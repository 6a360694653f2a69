#include "mensura/pacs/RetrieveReport.h"

#include <set>

namespace mensura::imaging::pacs {

void RetrieveReport::reconcile() {
    const std::set<std::string> received(receivedSopInstanceUids.begin(), receivedSopInstanceUids.end());
    missingSopInstanceUids.clear();
    for (const auto& uid : expectedSopInstanceUids)
        if (!received.count(uid)) missingSopInstanceUids.push_back(uid);
}

bool RetrieveReport::complete() const {
    return !cancelled && problem.empty() && missingSopInstanceUids.empty() && !expectedSopInstanceUids.empty() &&
           peerFailed <= 0;
}

std::string RetrieveReport::summary() const {
    std::string text = method + " from " + peer + ": " + std::to_string(receivedSopInstanceUids.size()) + " of " +
                       std::to_string(expectedSopInstanceUids.size()) + " instances received";
    if (complete()) return text + " (complete)";
    text += " (INCOMPLETE";
    if (!missingSopInstanceUids.empty()) text += ", " + std::to_string(missingSopInstanceUids.size()) + " missing";
    if (peerFailed > 0) text += ", the archive reports " + std::to_string(peerFailed) + " failed";
    if (cancelled) text += ", cancelled";
    if (!problem.empty()) text += ": " + problem;
    return text + ")";
}

nlohmann::json RetrieveReport::toJson() const {
    return {{"peer", peer},
            {"method", method},
            {"complete", complete()},
            {"expected", expectedSopInstanceUids.size()},
            {"received", receivedSopInstanceUids.size()},
            {"missingSopInstanceUids", missingSopInstanceUids},
            {"files", receivedFiles},
            {"peerCompleted", peerCompleted},
            {"peerFailed", peerFailed},
            {"peerWarning", peerWarning},
            {"cancelled", cancelled},
            {"problem", problem},
            {"seconds", seconds},
            {"summary", summary()}};
}

}  // namespace mensura::imaging::pacs
