// read-files-floor: reads every file of a folder, whole, into one preallocated buffer with N
// threads (pread). No parsing, no conversion: the least any loader of these files has to do,
// the physical floor the loaders are compared with. Prints the same JSON line as the loaders
// ("index" is listing + stat, "pixels" is reading; voxel_bytes is the bytes read).
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>

#include "bench_common.h"

namespace fs = std::filesystem;
using namespace mensura;

int main(int argc, char** argv) {
    bench::Report r;
    if (!bench::startReport(argc, argv, "read-files", r)) return 2;
    const std::string& folder = r.folder;
    const unsigned threads = r.threads, repeat = r.repeat;

    for (unsigned rep = 0; rep < repeat; ++rep) {
        const double t0 = bench::nowSeconds();
        std::vector<std::string> paths;
        std::vector<std::size_t> offsets, sizes;
        std::size_t total = 0;
        std::error_code ec;
        for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
            if (!it->is_regular_file(ec)) continue;
            const std::size_t size = it->file_size(ec);
            if (ec) break;
            paths.push_back(it->path().string());
            offsets.push_back(total);
            sizes.push_back(size);
            total += size;
        }
        if (ec) {
            std::fprintf(stderr, "read-files-floor: %s: %s\n", folder.c_str(), ec.message().c_str());
            return 1;
        }
        // Not value-initialised: the pages are first touched by the kernel copying into them,
        // as they would be by a loader decoding into its volume.
        std::unique_ptr<char[]> buffer(new char[total > 0 ? total : 1]);
        const double t1 = bench::nowSeconds();
        if (rep == 0) r.rssBeforeLoadKb = bench::currentRssKb();

        std::atomic<std::size_t> next{0};
        std::atomic<bool> failed{false};
        auto worker = [&] {
            for (std::size_t i = next++; i < paths.size() && !failed; i = next++) {
                const int fd = ::open(paths[i].c_str(), O_RDONLY | O_CLOEXEC);
                if (fd < 0) {
                    std::fprintf(stderr, "read-files-floor: %s: %s\n", paths[i].c_str(), std::strerror(errno));
                    failed = true;
                    return;
                }
                std::size_t done = 0;
                while (done < sizes[i]) {
                    const ssize_t n =
                        ::pread(fd, buffer.get() + offsets[i] + done, sizes[i] - done, static_cast<off_t>(done));
                    if (n < 0 && errno == EINTR) continue;
                    if (n <= 0) {
                        std::fprintf(stderr, "read-files-floor: %s: short read\n", paths[i].c_str());
                        failed = true;
                        break;
                    }
                    done += static_cast<std::size_t>(n);
                }
                ::close(fd);
            }
        };
        const unsigned n = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(paths.size())));
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < n; ++t) pool.emplace_back(worker);
        worker();
        for (auto& t : pool) t.join();
        if (failed) return 1;
        const double t2 = bench::nowSeconds();

        r.index.add(t1 - t0);
        r.pixels.add(t2 - t1);
        r.total.add(t2 - t0);
        r.files = paths.size();
        r.slices = paths.size();
        r.voxelBytes = total;
    }
    r.peakRssKb = bench::peakRssKb();
    r.print();
    return 0;
}
