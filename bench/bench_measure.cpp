// Measurement benchmark: seed-to-result for a lesion in a 512x512x400 CT, Mensura (segmentation
// on a block around the seed plus every figure of LesionMetrics) beside a plain ITK pipeline on
// the whole volume (ConnectedThresholdImageFilter + LabelImageToShapeLabelMapFilter), with the
// peak memory each adds. The volume is made in memory (the loading benchmark covers DICOM).
//   bench-measure [--repeat N] [--size X Y Z]
#include <itkConnectedThresholdImageFilter.h>
#include <itkImportImageFilter.h>
#include <itkLabelImageToShapeLabelMapFilter.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bench_common.h"
#include "mensura/measure/LesionMetrics.h"
#include "mensura/measure/LesionSegmentation.h"

using namespace mensura;
using namespace mensura::imaging;

namespace {

// Soft tissue 30 HU with noise SD 8, an ellipsoid lesion of 90 HU, semi-axes 20 x 17 x 14 mm.
Volume makeCt(std::size_t nx, std::size_t ny, std::size_t nz, PointLps centre) {
    Volume v;
    v.stackId = v.seriesInstanceUid = "bench";
    v.frameOfReferenceUid = "bench-for";
    v.modality = "CT";
    v.valueUnit = "HU";
    v.geometry.size = {nx, ny, nz};
    v.geometry.spacingMm = {0.7, 0.7, 1.0};
    v.geometry.originLps = {-0.35 * double(nx - 1), -0.35 * double(ny - 1), -0.5 * double(nz - 1)};
    v.int16Voxels.resize(nx * ny * nz);
    std::uint64_t state = 88172645463325252ull;
    for (auto& x : v.int16Voxels) {
        // Sum of 4 uniforms: close enough to Gaussian noise, and fast for 100 M voxels.
        double s = 0;
        for (int r = 0; r < 4; ++r) {
            state ^= state << 13, state ^= state >> 7, state ^= state << 17;
            s += double(state >> 11) / double(1ull << 53) - 0.5;
        }
        x = static_cast<int16_t>(std::lround(30 + 8 * s * std::sqrt(3.0)));
    }
    const Vec3 semi{20, 17, 14};
    const Vec3 c = v.geometry.lpsToIndex(centre);
    for (std::size_t k = std::size_t(c.z - 16); k <= std::size_t(c.z + 16); ++k)
        for (std::size_t j = std::size_t(c.y - 26); j <= std::size_t(c.y + 26); ++j)
            for (std::size_t i = std::size_t(c.x - 30); i <= std::size_t(c.x + 30); ++i) {
                const Vec3 d = v.geometry.indexToLps(double(i), double(j), double(k)) - centre;
                const double r =
                    d.x * d.x / (semi.x * semi.x) + d.y * d.y / (semi.y * semi.y) + d.z * d.z / (semi.z * semi.z);
                if (r <= 1) v.int16Voxels[v.index(i, j, k)] += 60;
            }
    return v;
}

}  // namespace

int main(int argc, char** argv) {
    unsigned repeat = 7;
    std::size_t nx = 512, ny = 512, nz = 400;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc)
            repeat = unsigned(std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--size") && i + 3 < argc) {
            nx = std::size_t(std::atol(argv[++i])), ny = std::size_t(std::atol(argv[++i])),
            nz = std::size_t(std::atol(argv[++i]));
        } else {
            std::fprintf(stderr, "usage: %s [--repeat N] [--size X Y Z]\n", argv[0]);
            return 2;
        }
    }
    const PointLps seed{12.3, -20.6, 15.2};
    Volume v = makeCt(nx, ny, nz, seed);
    const long rssVolumeKb = bench::currentRssKb();

    bench::Samples mensuraS;
    LesionMetrics last;
    long peakBefore = bench::peakRssKb();
    for (unsigned r = 0; r < repeat; ++r) {
        const double t0 = bench::nowSeconds();
        auto seg = segmentLesion(v, seed);
        if (!seg) return std::fprintf(stderr, "%s\n", seg.error().message.c_str()), 1;
        auto m = measureLesion(v, seg->mask);
        if (!m) return std::fprintf(stderr, "%s\n", m.error().message.c_str()), 1;
        mensuraS.add(bench::nowSeconds() - t0);
        last = *m;
    }
    const long mensuraExtraKb = bench::peakRssKb() - peakBefore;

    // Plain ITK on the whole volume (the buffer is imported, not copied).
    using Image = itk::Image<short, 3>;
    using Label = itk::Image<unsigned char, 3>;
    auto import = itk::ImportImageFilter<short, 3>::New();
    itk::ImportImageFilter<short, 3>::SizeType size;
    size[0] = nx, size[1] = ny, size[2] = nz;
    itk::ImportImageFilter<short, 3>::RegionType region;
    region.SetSize(size);
    import->SetRegion(region);
    const double sp[3] = {0.7, 0.7, 1.0};
    import->SetSpacing(sp);
    import->SetImportPointer(v.int16Voxels.data(), v.int16Voxels.size(), false);
    import->Update();
    const Vec3 si = v.geometry.lpsToIndex(seed);
    Image::IndexType seedIdx;
    for (int a = 0; a < 3; ++a) seedIdx[a] = std::lround(si[a]);
    bench::Samples itkS;
    double itkVolumeMl = 0, itkFeret = 0;
    peakBefore = bench::peakRssKb();
    for (unsigned r = 0; r < repeat; ++r) {
        const double t0 = bench::nowSeconds();
        auto grow = itk::ConnectedThresholdImageFilter<Image, Label>::New();
        grow->SetInput(import->GetOutput());
        grow->SetLower(60);
        grow->SetUpper(120);
        grow->SetReplaceValue(1);
        grow->AddSeed(seedIdx);
        auto shape = itk::LabelImageToShapeLabelMapFilter<Label>::New();
        shape->SetInput(grow->GetOutput());
        shape->Update();
        itkS.add(bench::nowSeconds() - t0);
        if (shape->GetOutput()->GetNumberOfLabelObjects())
            itkVolumeMl = shape->GetOutput()->GetNthLabelObject(0)->GetPhysicalSize() / 1000.0;
    }
    const long itkExtraKb = bench::peakRssKb() - peakBefore;
    (void)itkFeret;

    const double truthMl = 4.0 / 3.0 * M_PI * 20 * 17 * 14 / 1000.0;
    std::printf(
        "{\"volume\":[%zu,%zu,%zu],\"voxel_bytes\":%zu,\"repeat\":%u,\"rss_with_volume_kb\":%ld,\n"
        " \"mensura_s_median\":%.4f,\"mensura_s_best\":%.4f,\"mensura_extra_peak_rss_kb\":%ld,\n"
        " \"itk_whole_volume_s_median\":%.4f,\"itk_whole_volume_s_best\":%.4f,\"itk_extra_peak_rss_kb\":%ld,\n"
        " \"ratio_mensura_vs_itk\":%.3f,\n"
        " \"lesion\":{\"apMm\":%.2f,\"lrMm\":%.2f,\"siMm\":%.2f,\"truthApLrSi\":[34,40,28],\"volumeMl\":%.3f,"
        "\"itkVolumeMl\":%.3f,\"truthMl\":%.3f,\"mean\":%.2f,\"voxelCount\":%zu}}\n",
        nx, ny, nz, v.voxelBytes(), repeat, rssVolumeKb, mensuraS.median(), mensuraS.best(), mensuraExtraKb,
        itkS.median(), itkS.best(), itkExtraKb, mensuraS.median() / itkS.median(), last.ap.lengthMm, last.lr.lengthMm,
        last.si.lengthMm, last.volumeMl, itkVolumeMl, truthMl, last.values.mean, last.voxelCount);
    return 0;
}
