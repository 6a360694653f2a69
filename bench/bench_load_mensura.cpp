// mensura-bench-load: indexes a folder holding one series and loads its pixels with Mensura,
// timing the two phases apart. Prints one JSON line (see bench_common.h).
#include <cstdio>

#include "bench_common.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/VolumeLoader.h"

using namespace mensura;

int main(int argc, char** argv) {
    bench::Report r;
    if (!bench::startReport(argc, argv, "mensura", r)) return 2;
    const std::string& folder = r.folder;
    const unsigned threads = r.threads, repeat = r.repeat;

    // Named fields, not aggregate initialisation: the option structs grow.
    imaging::IndexOptions indexOptions;
    indexOptions.threads = threads;
    imaging::LoadOptions loadOptions;
    loadOptions.threads = threads;
    for (unsigned rep = 0; rep < repeat; ++rep) {
        const double t0 = bench::nowSeconds();
        std::string error;
        const imaging::DicomIndex index = imaging::indexPath(folder, indexOptions, &error);
        if (!error.empty()) {
            std::fprintf(stderr, "mensura-bench-load: %s\n", error.c_str());
            return 1;
        }
        const auto stacks = index.allStacks();
        if (stacks.size() != 1) {
            std::fprintf(stderr, "mensura-bench-load: %s holds %zu series, expected 1 (%zu problem files)\n",
                         folder.c_str(), stacks.size(), index.problems.size());
            return 1;
        }
        const double t1 = bench::nowSeconds();
        if (rep == 0) r.rssBeforeLoadKb = bench::currentRssKb();
        auto volume = imaging::loadVolume(*stacks.front(), loadOptions);
        const double t2 = bench::nowSeconds();
        if (!volume) {
            std::fprintf(stderr, "mensura-bench-load: %s\n", volume.error().message.c_str());
            return 1;
        }
        r.index.add(t1 - t0);
        r.pixels.add(t2 - t1);
        r.total.add(t2 - t0);
        r.files = index.filesSeen;
        r.slices = volume->slices.size();
        r.voxelBytes = volume->voxelBytes();
    }
    r.peakRssKb = bench::peakRssKb();
    r.print();
    return 0;
}
