#include "mensura/core/AtomicFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mensura::annotations {

using imaging::Error;

namespace {
std::string why() { return std::strerror(errno); }
}  // namespace

namespace {

std::filesystem::path folderOf(const std::filesystem::path& target) {
    return target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
}

// A new empty temporary beside path, created (and so reserved) with mkstemp.
imaging::Result<std::string> makeTemporary(const std::string& path, int* fdOut, const std::string& suffix = {}) {
    const std::filesystem::path target(path);
    std::string tmpl = (folderOf(target) / ("." + target.filename().string() + ".tmp-XXXXXX" + suffix)).string();
    const int fd = ::mkstemps(tmpl.data(), static_cast<int>(suffix.size()));
    if (fd < 0) return Error{path + ": cannot create a temporary file in its folder: " + why()};
    ::fchmod(fd, 0644);
    *fdOut = fd;
    return tmpl;
}

// Flushes fd, closes it, renames tmp over path and flushes the folder; removes tmp on failure.
std::optional<Error> commit(int fd, const std::string& tmp, const std::string& path) {
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const std::string reason = why();
        ::unlink(tmp.c_str());
        return Error{path + ": cannot flush to disk: " + reason};
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string reason = why();
        ::unlink(tmp.c_str());
        return Error{path + ": cannot replace the file: " + reason};
    }
    const int dfd = ::open(folderOf(path).c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);  // the rename itself survives a power cut
        ::close(dfd);
    }
    return std::nullopt;
}

}  // namespace

std::optional<Error> writeFileAtomically(const std::string& path, const std::string& content) {
    int fd = -1;
    auto tmp = makeTemporary(path, &fd);
    if (!tmp) return tmp.error();
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            const std::string reason = why();
            ::close(fd);
            ::unlink(tmp->c_str());
            return Error{path + ": write failed: " + reason};
        }
        written += static_cast<std::size_t>(n);
    }
    return commit(fd, *tmp, path);
}

std::optional<Error> writeThroughTemporary(const std::string& path,
                                           const std::function<std::optional<Error>(const std::string&)>& writer,
                                           const std::string& suffix) {
    int fd = -1;
    auto tmp = makeTemporary(path, &fd, suffix);
    if (!tmp) return tmp.error();
    ::close(fd);
    if (auto e = writer(*tmp)) {
        ::unlink(tmp->c_str());
        return e;
    }
    // Reopened to flush what the writer wrote through its own handle.
    fd = ::open(tmp->c_str(), O_RDONLY);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0 || st.st_size == 0) {
        if (fd >= 0) ::close(fd);
        ::unlink(tmp->c_str());
        return Error{path + ": the writer produced nothing"};
    }
    return commit(fd, *tmp, path);
}

void removeStaleTemporaries(const std::string& folder, long minAgeSeconds) {
    std::error_code ec;
    const auto now = std::filesystem::file_time_type::clock::now();
    for (const auto& e : std::filesystem::directory_iterator(folder, ec)) {
        const std::string name = e.path().filename().string();
        const auto at = name.rfind(".tmp-");
        if (name.empty() || name[0] != '.' || at == std::string::npos || name.size() < at + 11) continue;
        if (!e.is_regular_file(ec)) continue;
        const auto age = now - e.last_write_time(ec);
        if (!ec && age > std::chrono::seconds(minAgeSeconds)) std::filesystem::remove(e.path(), ec);
    }
}

imaging::Result<std::string> readWholeFile(const std::string& path, std::uintmax_t maxBytes) {
    // Only a regular file of bounded size: a FIFO would block forever, /dev/zero never ends.
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::is_directory(status)) return Error{path + ": is a folder, not a file"};
    if (!ec && !std::filesystem::is_regular_file(status))
        return Error{path + ": is not a regular file (a FIFO, socket or device); not read"};
    if (!ec) {
        const std::uintmax_t size = std::filesystem::file_size(path, ec);
        if (!ec && size > maxBytes)
            return Error{path + ": " + std::to_string(size) + " bytes, more than the " + std::to_string(maxBytes) +
                         " this file may have; not read"};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path + ": cannot open: " + why()};
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad()) return Error{path + ": read failed"};
    return s.str();
}

}  // namespace mensura::annotations
