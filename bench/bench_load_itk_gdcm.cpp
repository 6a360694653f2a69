// itk-gdcm-load: loads the series of a folder the way an ITK application does, with
// GDCMSeriesFileNames + ImageSeriesReader + GDCMImageIO, for comparison with Mensura.
// Prints the same JSON line as mensura-bench-load.
#include <itkGDCMImageIO.h>
#include <itkGDCMSeriesFileNames.h>
#include <itkImage.h>
#include <itkImageSeriesReader.h>
#include <itkMultiThreaderBase.h>

#include <cstdio>
#include <exception>

#include "bench_common.h"

using namespace mensura;

int main(int argc, char** argv) {
    bench::Report r;
    if (!bench::startReport(argc, argv, "itk-gdcm", r)) return 2;
    const std::string& folder = r.folder;
    const unsigned threads = r.threads, repeat = r.repeat;
    itk::MultiThreaderBase::SetGlobalDefaultNumberOfThreads(threads);

    using Image = itk::Image<short, 3>;
    using Reader = itk::ImageSeriesReader<Image>;

    try {
        for (unsigned rep = 0; rep < repeat; ++rep) {
            const double t0 = bench::nowSeconds();
            auto names = itk::GDCMSeriesFileNames::New();
            names->SetDirectory(folder);
            const auto& uids = names->GetSeriesUIDs();
            if (uids.size() != 1) {
                std::fprintf(stderr, "itk-gdcm-load: %s holds %zu series, expected 1\n", folder.c_str(), uids.size());
                return 1;
            }
            const auto files = names->GetFileNames(uids.front());
            const double t1 = bench::nowSeconds();
            if (rep == 0) r.rssBeforeLoadKb = bench::currentRssKb();

            auto reader = Reader::New();
            reader->SetImageIO(itk::GDCMImageIO::New());
            reader->SetFileNames(files);
            reader->Update();
            Image::Pointer image = reader->GetOutput();
            const double t2 = bench::nowSeconds();

            r.index.add(t1 - t0);
            r.pixels.add(t2 - t1);
            r.total.add(t2 - t0);
            const auto size = image->GetLargestPossibleRegion().GetSize();
            r.files = files.size();
            r.slices = size[2];
            r.voxelBytes = static_cast<unsigned long long>(size[0]) * size[1] * size[2] * sizeof(short);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "itk-gdcm-load: %s\n", e.what());
        return 1;
    }
    r.peakRssKb = bench::peakRssKb();
    r.print();
    return 0;
}
