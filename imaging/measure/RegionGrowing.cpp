#include "imaging/measure/RegionGrowing.h"

#include <itkAndImageFilter.h>
#include <itkBinaryBallStructuringElement.h>
#include <itkBinaryDilateImageFilter.h>
#include <itkBinaryErodeImageFilter.h>
#include <itkBinaryFillholeImageFilter.h>
#include <itkConnectedThresholdImageFilter.h>
#include <itkImage.h>
#include <itkOrImageFilter.h>
#include <itkSmoothingRecursiveGaussianImageFilter.h>

#include <algorithm>

namespace mensura::imaging::detail {
namespace {

using FloatImage = itk::Image<float, 3>;
using MaskImage = itk::Image<unsigned char, 3>;
using Ball = itk::BinaryBallStructuringElement<unsigned char, 3>;

template <typename Image>
typename Image::Pointer wrap(const Block& b, Vec3 spacing, typename Image::PixelType* data) {
    auto img = Image::New();
    typename Image::RegionType region;
    for (int a = 0; a < 3; ++a) region.SetSize(a, b.size(a));
    img->SetRegions(region);
    typename Image::SpacingType sp;
    for (int a = 0; a < 3; ++a) sp[a] = spacing[a];
    img->SetSpacing(sp);
    img->GetPixelContainer()->SetImportPointer(data, b.count(), false);
    return img;
}

Ball ball(Index3 radius) {
    Ball b;
    Ball::SizeType r;
    for (int a = 0; a < 3; ++a) r[a] = std::size_t(std::max(0L, radius[a]));
    b.SetRadius(r);
    b.CreateStructuringElement();
    return b;
}

MaskImage::Pointer dilateWithin(MaskImage::Pointer m, MaskImage::Pointer limit, Index3 radius) {
    auto dilate = itk::BinaryDilateImageFilter<MaskImage, MaskImage, Ball>::New();
    dilate->SetInput(m);
    dilate->SetKernel(ball(radius));
    dilate->SetForegroundValue(1);
    dilate->SetBackgroundValue(0);
    auto both = itk::AndImageFilter<MaskImage, MaskImage, MaskImage>::New();
    both->SetInput1(dilate->GetOutput());
    both->SetInput2(limit);
    both->Update();
    return both->GetOutput();
}

}  // namespace

BlockImages loadBlock(const Volume& v, const Block& b, double sigmaMm) {
    BlockImages im;
    im.block = b;
    im.spacingMm = v.geometry.spacingMm;
    im.smoothingSigmaMm = sigmaMm;
    im.raw.resize(b.count());
    float* out = im.raw.data();
    for (std::size_t k = b.lo[2]; k <= b.hi[2]; ++k)
        for (std::size_t j = b.lo[1]; j <= b.hi[1]; ++j) {
            const std::size_t row = v.index(b.lo[0], j, k);
            if (v.voxelType == VoxelType::Int16) {
                const int16_t* in = v.int16Voxels.data() + row;
                for (std::size_t i = 0; i < b.size(0); ++i) *out++ = in[i];
            } else {
                const float* in = v.floatVoxels.data() + row;
                out = std::copy(in, in + b.size(0), out);
            }
        }
    if (sigmaMm <= 0) {
        im.source = im.raw;
        return im;
    }
    auto smooth = itk::SmoothingRecursiveGaussianImageFilter<FloatImage, FloatImage>::New();
    smooth->SetInput(wrap<FloatImage>(b, im.spacingMm, im.raw.data()));
    smooth->SetSigma(sigmaMm);
    smooth->Update();
    const float* s = smooth->GetOutput()->GetBufferPointer();
    im.source.assign(s, s + b.count());
    return im;
}

GrowOutput growRegion(const BlockImages& im, const std::vector<Index3>& seeds, const GrowParams& p,
                      const std::vector<std::uint8_t>* base) {
    const Block& b = im.block;
    auto source = wrap<FloatImage>(b, im.spacingMm, const_cast<float*>(im.source.data()));
    std::vector<Index3> inRange;
    for (const Index3& s : seeds) {
        if (!b.contains(s[0], s[1], s[2])) continue;
        const float x = im.source[b.linear(s[0], s[1], s[2])];
        if (x >= p.lower && x <= p.upper) inRange.push_back(s);
    }
    if (inRange.empty()) return {{}, "the seed value after smoothing is outside the range"};
    auto toIndex = [](const Index3& s) {
        FloatImage::IndexType i;
        for (int a = 0; a < 3; ++a) i[a] = s[a];
        return i;
    };
    auto grow = itk::ConnectedThresholdImageFilter<FloatImage, MaskImage>::New();
    grow->SetInput(source);
    grow->SetLower(static_cast<float>(p.lower));
    grow->SetUpper(static_cast<float>(p.upper));
    grow->SetReplaceValue(1);
    for (const Index3& s : inRange) grow->AddSeed(toIndex(s));
    grow->Update();
    MaskImage::Pointer mask = grow->GetOutput();

    if (p.leakRadius[0] > 0 || p.leakRadius[1] > 0 || p.leakRadius[2] > 0) {
        auto erode = itk::BinaryErodeImageFilter<MaskImage, MaskImage, Ball>::New();
        erode->SetInput(mask);
        erode->SetKernel(ball(p.leakRadius));
        erode->SetForegroundValue(1);
        erode->SetBackgroundValue(0);
        erode->Update();
        auto keep = itk::ConnectedThresholdImageFilter<MaskImage, MaskImage>::New();
        keep->SetInput(erode->GetOutput());
        keep->SetLower(1);
        keep->SetUpper(1);
        keep->SetReplaceValue(1);
        bool any = false;
        for (const Index3& s : inRange)
            if (erode->GetOutput()->GetPixel(toIndex(s))) keep->AddSeed(toIndex(s)), any = true;
        if (!any) return {{}, "leak control removed the region at the seed (it is thinner than the erosion)"};
        keep->Update();
        MaskImage::Pointer core = dilateWithin(keep->GetOutput(), mask, p.leakRadius);
        mask = dilateWithin(core, mask, {1, 1, 1});
    }
    if (base) {
        auto baseImg = wrap<MaskImage>(b, im.spacingMm, const_cast<std::uint8_t*>(base->data()));
        auto either = itk::OrImageFilter<MaskImage, MaskImage, MaskImage>::New();
        either->SetInput1(mask);
        either->SetInput2(baseImg);
        either->Update();
        mask = either->GetOutput();
    }
    if (p.fillHoles) {
        auto fill = itk::BinaryFillholeImageFilter<MaskImage>::New();
        fill->SetInput(mask);
        fill->SetForegroundValue(1);
        fill->SetFullyConnected(false);
        fill->Update();
        mask = fill->GetOutput();
    }
    const std::uint8_t* m = mask->GetBufferPointer();
    return {std::vector<std::uint8_t>(m, m + b.count()), {}};
}

void pruneSpurs(std::vector<std::uint8_t>& m, const Block& b, Index3 keepVoxel) {
    const long nx = long(b.size(0)), ny = long(b.size(1)), nz = long(b.size(2));
    const long keep = long(b.linear(keepVoxel[0], keepVoxel[1], keepVoxel[2]));
    for (int pass = 0; pass < 2; ++pass) {
        std::vector<long> drop;
        for (long k = 0; k < nz; ++k)
            for (long j = 0; j < ny; ++j)
                for (long i = 0; i < nx; ++i) {
                    const long idx = i + nx * (j + ny * k);
                    if (!m[idx] || idx == keep) continue;
                    const int neighbours = (i > 0 && m[idx - 1]) + (i + 1 < nx && m[idx + 1]) +
                                           (j > 0 && m[idx - nx]) + (j + 1 < ny && m[idx + nx]) +
                                           (k > 0 && m[idx - nx * ny]) + (k + 1 < nz && m[idx + nx * ny]);
                    if (neighbours <= 1) drop.push_back(idx);
                }
        if (drop.empty()) break;
        for (long idx : drop) m[idx] = 0;
    }
}

}  // namespace mensura::imaging::detail
