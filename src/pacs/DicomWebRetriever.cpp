// DicomWebClient::retrieve: WADO-RS, each part of the multipart answer streamed to its file.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>

#include "mensura/pacs/DicomWebClient.h"
#include "mensura/pacs/InstanceFiles.h"
#include "mensura/pacs/MultipartReader.h"

namespace mensura::imaging::pacs {
namespace fs = std::filesystem;

Result<RetrieveReport> DicomWebClient::retrieve(const RetrieveRequest& request, const RetrieveOptions& options) const {
    const auto start = std::chrono::steady_clock::now();
    std::string path = "/studies/" + HttpClient::escape(request.studyInstanceUid);
    if (!request.seriesInstanceUid.empty()) path += "/series/" + HttpClient::escape(request.seriesInstanceUid);
    const std::string what =
        request.seriesInstanceUid.empty() ? "study " + request.studyInstanceUid : "series " + request.seriesInstanceUid;
    auto listed = searchInstances(request.studyInstanceUid, request.seriesInstanceUid);
    if (!listed) return listed.error();
    if (listed->empty()) return Error{"WADO-RS: " + what + " not found at " + base_};

    RetrieveReport report;
    report.peer = base_;
    report.method = "WADO-RS";
    for (const auto& i : *listed) report.expectedSopInstanceUids.push_back(i.sopInstanceUid);
    std::error_code ec;
    fs::create_directories(request.outDir, ec);
    if (ec) return Error{"cannot create " + request.outDir + ": " + ec.message()};

    std::unique_ptr<MultipartReader> reader;
    std::FILE* part = nullptr;
    std::string partPath;
    int partCount = 0;
    const auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    MultipartReader::Handlers handlers;
    handlers.partBegin = [&](const std::string&) {
        partPath = (fs::path(request.outDir) / (".incoming-" + std::to_string(partCount++) + ".part")).string();
        part = std::fopen(partPath.c_str(), "wb");
        if (!part) report.problem = "cannot write " + partPath;
        return part != nullptr;
    };
    handlers.partData = [&](const char* data, std::size_t size) {
        if (std::fwrite(data, 1, size, part) != size) {
            report.problem = "cannot write " + partPath + " (disk full?)";
            return false;
        }
        return true;
    };
    handlers.partEnd = [&] {
        std::fclose(part);
        part = nullptr;
        auto placed = placeInstanceFile(partPath, request.outDir);
        if (!placed) {
            report.problem = "WADO-RS part " + std::to_string(partCount) + ": " + placed.error().message;
            fs::remove(partPath, ec);
            return false;
        }
        report.receivedFiles.push_back(placed->path);
        report.receivedSopInstanceUids.push_back(placed->identity.sopInstanceUid);
        if (options.progress)
            options.progress({report.receivedSopInstanceUids.size(), report.expectedSopInstanceUids.size()});
        return !cancelled();
    };
    const std::string url = base_ + path;
    auto response = http_.getStreamed(
        url, {"Accept: multipart/related; type=\"application/dicom\"; transfer-syntax=*"},
        [&](const HttpResponse& head, const char* data, std::size_t size) {
            if (cancelled()) return false;
            if (!reader) {
                const std::string boundary = MultipartReader::boundaryOf(head.contentType);
                if (boundary.empty()) {
                    report.problem = "WADO-RS " + url + ": answer is not multipart (" + head.contentType + ")";
                    return false;
                }
                reader = std::make_unique<MultipartReader>(boundary, handlers);
            }
            return reader->feed(data, size);
        });
    if (part) {
        std::fclose(part);
        fs::remove(partPath, ec);  // a half-received instance is not kept
    }
    if (!response) {
        report.problem = "WADO-RS: " + response.error().message;
    } else if (response->status >= 300) {
        if (response->status == 404) return Error{"WADO-RS: " + what + " not found at " + base_ + " (HTTP 404)"};
        report.problem = "WADO-RS " + url + ": HTTP " + std::to_string(response->status);
    } else if (report.problem.empty() && !cancelled() && (!reader || !reader->finished())) {
        report.problem = "WADO-RS " + url + ": the answer ended before its closing boundary";
    }
    report.cancelled = cancelled();
    report.reconcile();
    if (!report.complete() && report.problem.empty() && !report.cancelled)
        report.problem = "the archive sent fewer instances than it lists";
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

}  // namespace mensura::imaging::pacs
