#include "pacs_cli.h"

#include <filesystem>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "mensura/pacs/DicomWebClient.h"
#include "mensura/pacs/DimseClient.h"
#include "mensura/pacs/StudyCache.h"

namespace mensura::tools {
namespace {
namespace fs = std::filesystem;
using namespace mensura::imaging;
using namespace mensura::imaging::pacs;

struct PacsArgs {
    std::string peer, dicomweb, aet = "MENSURA";
    int movePort = 0, timeout = 30;
    StudyQuery query;
    std::string level = "study", series, out, method = "get", cache;
    double cacheLimitMb = 0;
    std::vector<std::string> files;
    bool json = false;
};

[[noreturn]] void finish(int code) {
    if (code == 0) throw CLI::Success();
    throw CLI::RuntimeError(code);
}

[[noreturn]] void fail(const std::string& message, int code = 1) {
    std::cerr << "mensura pacs: " << message << "\n";
    finish(code);
}

void addTarget(CLI::App* cmd, PacsArgs& a) {
    auto* peer = cmd->add_option("--peer", a.peer, "DIMSE archive as AET@host:port");
    auto* web = cmd->add_option("--dicomweb", a.dicomweb, "DICOMweb root URL, e.g. http://host:8042/dicom-web");
    peer->excludes(web);
    cmd->add_option("--aet", a.aet, "Mensura's own AE title (calling AE)")->capture_default_str();
    cmd->add_option("--timeout", a.timeout, "seconds to wait for the archive")->capture_default_str();
    cmd->add_flag("--json", a.json, "print JSON (the default; kept for scripts)");
}

PacsNode nodeOf(const PacsArgs& a) {
    if (a.peer.empty() && a.dicomweb.empty()) fail("name the archive with --peer AET@host:port or --dicomweb URL", 2);
    auto node = parsePeer(a.peer);
    if (!node) fail(node.error().message, 2);
    node->callingAet = a.aet;
    node->movePort = a.movePort;
    node->connectTimeoutSeconds = std::min(a.timeout, 10);
    node->dimseTimeoutSeconds = a.timeout;
    return *node;
}

void runEcho(const PacsArgs& a) {
    Result<double> rtt = a.dicomweb.empty() ? DimseClient(nodeOf(a)).echo() : DicomWebClient(a.dicomweb).ping();
    if (!rtt) fail(rtt.error().message);
    std::cout
        << nlohmann::json{{"ok", true}, {"peer", a.dicomweb.empty() ? a.peer : a.dicomweb}, {"seconds", *rtt}}.dump(2)
        << "\n";
    finish(0);
}

void runFind(const PacsArgs& a) {
    nlohmann::json out;
    if (a.level == "series") {
        if (a.query.studyInstanceUid.empty()) fail("--level series needs --study UID", 2);
        auto series = a.dicomweb.empty() ? DimseClient(nodeOf(a)).findSeries(a.query.studyInstanceUid)
                                         : DicomWebClient(a.dicomweb).searchSeries(a.query.studyInstanceUid);
        if (!series) fail(series.error().message);
        out["series"] = nlohmann::json::array();
        for (const auto& s : *series) out["series"].push_back(toJson(s));
    } else {
        auto studies = a.dicomweb.empty() ? DimseClient(nodeOf(a)).findStudies(a.query)
                                          : DicomWebClient(a.dicomweb).searchStudies(a.query);
        if (!studies) fail(studies.error().message);
        out["studies"] = nlohmann::json::array();
        for (const auto& s : *studies) out["studies"].push_back(toJson(s));
    }
    std::cout << out.dump(2) << "\n";
    finish(0);
}

void runGet(const PacsArgs& a) {
    const std::string& study = a.query.studyInstanceUid;
    if (study.empty()) fail("get needs --study UID", 2);
    if (a.out.empty() && a.cache.empty()) fail("get needs --out DIR or --cache DIR", 2);
    std::optional<StudyCache> cache;
    if (!a.cache.empty()) {
        auto opened = StudyCache::open(a.cache, static_cast<std::uint64_t>(a.cacheLimitMb * 1024 * 1024));
        if (!opened) fail(opened.error().message);
        cache = std::move(*opened);
        if (auto folder = cache->find(study); folder && a.series.empty()) {
            std::cout << nlohmann::json{{"complete", true}, {"fromCache", true}, {"folder", *folder}}.dump(2) << "\n";
            finish(0);
        }
    }
    RetrieveRequest request{study, a.series, cache ? cache->folderFor(study) : a.out};
    if (a.method != "get" && a.method != "move") fail("--method is get or move", 2);
    Result<RetrieveReport> report =
        !a.dicomweb.empty() ? DicomWebClient(a.dicomweb).retrieve(request)
                            : DimseClient(nodeOf(a)).retrieve(
                                  request, a.method == "move" ? RetrieveMethod::CMove : RetrieveMethod::CGet);
    if (!report) fail(report.error().message);
    nlohmann::json json = report->toJson();
    json["folder"] = request.outDir;
    json["fromCache"] = false;
    json.erase("files");
    if (cache) {
        auto evicted =
            cache->commit(study, report->peer, report->complete() && a.series.empty(), report->receivedFiles.size());
        if (!evicted) fail(evicted.error().message);
        json["evicted"] = *evicted;
    }
    std::cout << json.dump(2) << "\n";
    if (!report->complete()) {
        std::cerr << "mensura pacs: " << report->summary() << "\n";
        finish(3);
    }
    finish(0);
}

void runStore(const PacsArgs& a) {
    std::vector<std::string> files;
    for (const auto& f : a.files) {
        if (fs::is_directory(f)) {
            for (const auto& e : fs::recursive_directory_iterator(f))
                if (e.is_regular_file()) files.push_back(e.path().string());
        } else {
            files.push_back(f);
        }
    }
    Result<StoreReport> report =
        a.dicomweb.empty() ? DimseClient(nodeOf(a)).store(files) : DicomWebClient(a.dicomweb).store(files);
    if (!report) fail(report.error().message);
    std::cout << report->toJson().dump(2) << "\n";
    finish(report->failures() == 0 ? 0 : 3);
}

}  // namespace

void addPacsSubcommand(CLI::App& app) {
    auto args = std::make_shared<PacsArgs>();
    PacsArgs& a = *args;
    auto* pacs = app.add_subcommand("pacs", "query, retrieve and store against a PACS (DIMSE or DICOMweb)");
    pacs->require_subcommand(1);

    auto* echo = pacs->add_subcommand("echo", "check the archive answers (C-ECHO, or a QIDO-RS request)");
    addTarget(echo, a);
    echo->callback([args] { runEcho(*args); });

    auto* find = pacs->add_subcommand("find", "search studies (or the series of one study); prints JSON");
    addTarget(find, a);
    find->add_option("--patient-name", a.query.patientName, "wildcards * and ? allowed");
    find->add_option("--patient-id", a.query.patientId);
    find->add_option("--date", a.query.studyDate, "YYYYMMDD or a range YYYYMMDD-YYYYMMDD");
    find->add_option("--modality", a.query.modality, "a modality in the study, e.g. CT");
    find->add_option("--accession", a.query.accessionNumber);
    find->add_option("--description", a.query.studyDescription, "study description, wildcards allowed");
    find->add_option("--study", a.query.studyInstanceUid, "StudyInstanceUID");
    find->add_option("--level", a.level, "study or series")->check(CLI::IsMember({"study", "series"}));
    find->callback([args] { runFind(*args); });

    auto* get = pacs->add_subcommand("get", "retrieve a study (C-GET, C-MOVE or WADO-RS) into --out");
    addTarget(get, a);
    get->add_option("--study", a.query.studyInstanceUid, "StudyInstanceUID")->required();
    get->add_option("--series", a.series, "only this SeriesInstanceUID");
    get->add_option("--out", a.out, "folder for the files (<SeriesUID>/<SOPInstanceUID>.dcm)");
    get->add_option("--method", a.method, "get (C-GET) or move (C-MOVE); ignored with --dicomweb")
        ->check(CLI::IsMember({"get", "move"}));
    get->add_option("--move-port", a.movePort, "port of Mensura's Storage SCP for C-MOVE");
    get->add_option("--cache", a.cache, "study cache folder (instead of --out): a cached study is not fetched again");
    get->add_option("--cache-limit-mb", a.cacheLimitMb, "evict least recently used studies above this size");
    get->callback([args] { runGet(*args); });

    auto* store = pacs->add_subcommand("store", "send files or folders (SR, SEG, images) to the archive");
    addTarget(store, a);
    store->add_option("files", a.files, "DICOM files or folders")->required();
    store->callback([args] { runStore(*args); });
}

}  // namespace mensura::tools
