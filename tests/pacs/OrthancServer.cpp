#include "OrthancServer.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include <nlohmann/json.hpp>

#include "mensura/pacs/HttpClient.h"

namespace mensura::test {
namespace fs = std::filesystem;
using imaging::pacs::HttpClient;

namespace {
const char* kOrthanc = "/usr/sbin/Orthanc";
const char* kDicomWebPlugin = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";
}  // namespace

bool OrthancServer::available() { return fs::exists(kOrthanc) && fs::exists(kDicomWebPlugin); }

int OrthancServer::freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

std::vector<std::string> OrthancServer::filesUnder(const std::string& folder) {
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(folder))
        if (e.is_regular_file() && e.path().filename() != "ground_truth.json") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

OrthancServer::OrthancServer(int movePort) : movePort_(movePort) {
    if (!available()) {
        error_ = "Orthanc or its DICOMweb plugin is not installed";
        return;
    }
    dicomPort_ = freePort();
    httpPort_ = freePort();
    while (httpPort_ == dicomPort_) httpPort_ = freePort();
    fs::create_directories(dir_ / "db");
    nlohmann::json modality = {{"AET", "MENSURA"},  {"Host", "127.0.0.1"}, {"Port", movePort_ ? movePort_ : 1},
                               {"AllowEcho", true}, {"AllowFind", true},   {"AllowGet", true},
                               {"AllowMove", true}, {"AllowStore", true}};
    const nlohmann::json config = {
        {"Name", "mensura-test"},         {"StorageDirectory", dir_ / "db"},
        {"IndexDirectory", dir_ / "db"},  {"HttpPort", httpPort_},
        {"DicomPort", dicomPort_},        {"DicomAet", "ORTHANC"},
        {"RemoteAccessAllowed", false},   {"AuthenticationEnabled", false},
        {"DicomCheckCalledAet", true},    {"DicomAlwaysAllowEcho", false},
        {"DicomAlwaysAllowStore", false}, {"DicomModalities", {{"mensura", modality}}},
        {"Plugins", {kDicomWebPlugin}},   {"DicomWeb", {{"Enable", true}, {"Root", "/dicom-web/"}}},
        {"StorageCompression", false},    {"HttpsCACertificates", ""},
        {"DicomScuTimeout", 5},           {"DicomAssociationCloseDelay", 0},
    };
    std::ofstream(dir_ / "orthanc.json") << config.dump(2);
    const std::string configPath = dir_ / "orthanc.json";
    const std::string logPath = dir_ / "orthanc.log";
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setpgid(0, 0);
        FILE* log = std::fopen(logPath.c_str(), "w");
        if (log) {
            ::dup2(fileno(log), 1);
            ::dup2(fileno(log), 2);
        }
        ::execl(kOrthanc, kOrthanc, configPath.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    pid_ = pid;
    ::setpgid(pid, pid);
    HttpClient http(1, 2);
    for (int i = 0; i < 200; ++i) {
        auto r = http.get(restUrl() + "/system");
        if (r && r->status == 200) return;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            std::ifstream in(logPath);
            error_ = "Orthanc exited at start: " +
                     std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill();
    error_ = "Orthanc did not answer on HTTP port " + std::to_string(httpPort_) + " within 10 s";
}

OrthancServer::~OrthancServer() { kill(); }

void OrthancServer::kill() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

std::string OrthancServer::restUrl() const { return "http://127.0.0.1:" + std::to_string(httpPort_); }
std::string OrthancServer::dicomWebUrl() const { return restUrl() + "/dicom-web"; }

imaging::pacs::PacsNode OrthancServer::node() const {
    imaging::pacs::PacsNode node;
    node.name = "test-orthanc";
    node.calledAet = "ORTHANC";
    node.host = "127.0.0.1";
    node.port = dicomPort_;
    node.callingAet = "MENSURA";
    node.movePort = movePort_;
    node.connectTimeoutSeconds = 5;
    node.dimseTimeoutSeconds = 10;
    node.dicomwebUrl = dicomWebUrl();
    return node;
}

int OrthancServer::upload(const std::vector<std::string>& files) {
    HttpClient http(2, 30);
    int stored = 0;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto r = http.post(restUrl() + "/instances", bytes, {"Content-Type: application/dicom"});
        if (r && r->status == 200) ++stored;
    }
    return stored;
}

bool OrthancServer::deleteStudy(const std::string& studyInstanceUid) {
    HttpClient http(2, 30);
    auto found = http.post(restUrl() + "/tools/lookup", studyInstanceUid);
    if (!found || found->status != 200) return false;
    auto json = nlohmann::json::parse(found->body, nullptr, false);
    for (const auto& item : json)
        if (item.value("Type", "") == "Study") {
            auto r = http.del(restUrl() + "/studies/" + item.value("ID", ""));
            return r && r->status == 200;
        }
    return false;
}

}  // namespace mensura::test
