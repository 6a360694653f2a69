#include "mensura/core/AtomicFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mensura::annotations {

using imaging::Error;

namespace {
std::string why() { return std::strerror(errno); }
}  // namespace

std::optional<Error> writeFileAtomically(const std::string& path, const std::string& content) {
    const std::filesystem::path target(path);
    const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : ".";
    std::string tmpl = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return Error{path + ": cannot create a temporary file in its folder: " + why()};
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            const std::string reason = why();
            ::close(fd);
            ::unlink(tmpl.c_str());
            return Error{path + ": write failed: " + reason};
        }
        written += static_cast<std::size_t>(n);
    }
    ::fchmod(fd, 0644);
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const std::string reason = why();
        ::unlink(tmpl.c_str());
        return Error{path + ": cannot flush to disk: " + reason};
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        const std::string reason = why();
        ::unlink(tmpl.c_str());
        return Error{path + ": cannot replace the file: " + reason};
    }
    const int dfd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);  // the rename itself survives a power cut
        ::close(dfd);
    }
    return std::nullopt;
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
