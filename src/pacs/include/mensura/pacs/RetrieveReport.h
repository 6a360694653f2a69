#pragma once
// What a retrieval asked for, what arrived and what did not, for every method (C-GET, C-MOVE,
// WADO-RS). A retrieval that was cut off returns a report with complete() == false: the
// caller shows what is missing and never presents the study as whole.
#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mensura::imaging::pacs {

struct RetrieveRequest {
    std::string studyInstanceUid;
    std::string seriesInstanceUid;  // empty: the whole study
    std::string outDir;             // files land in outDir/<SeriesInstanceUID>/<SOPInstanceUID>.dcm
};

struct RetrieveProgress {
    std::size_t received = 0, expected = 0;
};

struct RetrieveOptions {
    // Called from the retrieving thread after each instance is written.
    std::function<void(const RetrieveProgress&)> progress;
    // Set to true from any thread to stop; the report then says what arrived.
    const std::atomic<bool>* cancel = nullptr;
};

struct RetrieveReport {
    std::string peer, method;
    std::vector<std::string> expectedSopInstanceUids;  // what the archive listed before retrieval
    std::vector<std::string> receivedFiles;
    std::vector<std::string> receivedSopInstanceUids;
    std::vector<std::string> missingSopInstanceUids;            // expected and not received
    int peerCompleted = -1, peerFailed = -1, peerWarning = -1;  // -1: the peer did not say
    bool cancelled = false;
    std::string problem;  // why it stopped early (empty when it ran to the end)
    double seconds = 0;

    // Fills missingSopInstanceUids from expected and received.
    void reconcile();
    bool complete() const;
    std::string summary() const;
    nlohmann::json toJson() const;
};

}  // namespace mensura::imaging::pacs
