#include "imaging/measure/LesionSegmentation.h"

#include <itkBinaryBallStructuringElement.h>
#include <itkBinaryFillholeImageFilter.h>
#include <itkBinaryMorphologicalOpeningImageFilter.h>
#include <itkConnectedThresholdImageFilter.h>
#include <itkImage.h>
#include <itkSmoothingRecursiveGaussianImageFilter.h>

#include <algorithm>
#include <optional>
#include <cmath>
#include <sstream>

namespace mensura::imaging {

std::size_t LesionMask::count() const {
    return static_cast<std::size_t>(std::count(voxels.begin(), voxels.end(), std::uint8_t{1}));
}

namespace {

using FloatImage = itk::Image<float, 3>;
using MaskImage = itk::Image<unsigned char, 3>;

struct Block {
    std::array<std::size_t, 3> lo{0, 0, 0}, hi{0, 0, 0};  // inclusive voxel ranges
    std::size_t size(int a) const { return hi[a] - lo[a] + 1; }
};

std::string fmt(double v, int precision = 1) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(precision);
    s << v;
    return s.str();
}

std::string pointText(PointLps p) { return "(" + fmt(p.x) + ", " + fmt(p.y) + ", " + fmt(p.z) + ")"; }

// Copies a block of the series into a float ITK image with the series spacing. Direction and
// origin are left as identity/zero: the filters work in index space, with spacing for mm.
FloatImage::Pointer copyBlock(const Volume& v, const Block& b) {
    auto img = FloatImage::New();
    FloatImage::RegionType region;
    for (int a = 0; a < 3; ++a) region.SetSize(a, b.size(a));
    img->SetRegions(region);
    FloatImage::SpacingType sp;
    for (int a = 0; a < 3; ++a) sp[a] = v.geometry.spacingMm[a];
    img->SetSpacing(sp);
    img->Allocate();
    float* out = img->GetBufferPointer();
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
    return img;
}

struct GrowResult {
    MaskImage::Pointer mask;
    std::string error;
};

GrowResult growRegion(FloatImage::Pointer input, const FloatImage::IndexType& seed, double lower,
                      double upper, const SegmentationOptions& o, const Vec3& spacing) {
    FloatImage::Pointer source = input;
    if (o.smoothingSigmaMm > 0) {
        auto smooth = itk::SmoothingRecursiveGaussianImageFilter<FloatImage, FloatImage>::New();
        smooth->SetInput(input);
        smooth->SetSigma(o.smoothingSigmaMm);
        smooth->Update();
        source = smooth->GetOutput();
    }
    auto grow = itk::ConnectedThresholdImageFilter<FloatImage, MaskImage>::New();
    grow->SetInput(source);
    grow->SetLower(static_cast<float>(lower));
    grow->SetUpper(static_cast<float>(upper));
    grow->SetReplaceValue(1);
    grow->AddSeed(seed);
    grow->Update();
    MaskImage::Pointer mask = grow->GetOutput();
    if (mask->GetPixel(seed) == 0) return {nullptr, "the seed value after smoothing is outside the range"};

    if (o.leakOpeningMm > 0) {
        using Ball = itk::BinaryBallStructuringElement<unsigned char, 3>;
        Ball ball;
        Ball::SizeType radius;
        for (int a = 0; a < 3; ++a)
            radius[a] = std::max<long>(0, std::lround(o.leakOpeningMm / spacing[a]));
        ball.SetRadius(radius);
        ball.CreateStructuringElement();
        auto open = itk::BinaryMorphologicalOpeningImageFilter<MaskImage, MaskImage, Ball>::New();
        open->SetInput(mask);
        open->SetKernel(ball);
        open->SetForegroundValue(1);
        open->SetBackgroundValue(0);
        open->Update();
        if (open->GetOutput()->GetPixel(seed) == 0)
            return {nullptr, "leak control (opening radius " + fmt(o.leakOpeningMm) +
                                 " mm) removed the region at the seed; use a smaller radius"};
        // Keep only the part still connected to the seed: bridges cut by the opening go.
        auto keep = itk::ConnectedThresholdImageFilter<MaskImage, MaskImage>::New();
        keep->SetInput(open->GetOutput());
        keep->SetLower(1);
        keep->SetUpper(1);
        keep->SetReplaceValue(1);
        keep->AddSeed(seed);
        keep->Update();
        mask = keep->GetOutput();
    }
    if (o.fillHoles) {
        auto fill = itk::BinaryFillholeImageFilter<MaskImage>::New();
        fill->SetInput(mask);
        fill->SetForegroundValue(1);
        fill->SetFullyConnected(false);
        fill->Update();
        mask = fill->GetOutput();
    }
    return {mask, {}};
}

// Noise at the partial-volume edge lets single voxels join the region through one face; they
// would add a whole voxel to a caliper. Two passes drop voxels with at most one face neighbour
// in the region (the seed stays). A real edge voxel has several neighbours, so the volume moves
// by a fraction of a percent.
void pruneSpurs(unsigned char* m, const Block& b, const FloatImage::IndexType& seed) {
    const long nx = long(b.size(0)), ny = long(b.size(1)), nz = long(b.size(2));
    const long seedIdx = seed[0] + nx * (seed[1] + ny * seed[2]);
    for (int pass = 0; pass < 2; ++pass) {
        std::vector<long> drop;
        for (long k = 0; k < nz; ++k)
            for (long j = 0; j < ny; ++j)
                for (long i = 0; i < nx; ++i) {
                    const long idx = i + nx * (j + ny * k);
                    if (!m[idx] || idx == seedIdx) continue;
                    int neighbours = (i > 0 && m[idx - 1]) + (i + 1 < nx && m[idx + 1]) + (j > 0 && m[idx - nx]) +
                                     (j + 1 < ny && m[idx + nx]) + (k > 0 && m[idx - nx * ny]) +
                                     (k + 1 < nz && m[idx + nx * ny]);
                    if (neighbours <= 1) drop.push_back(idx);
                }
        if (drop.empty()) break;
        for (long idx : drop) m[idx] = 0;
    }
}

}  // namespace

Result<Segmentation> segmentLesion(const Volume& v, PointLps seedLps, const SegmentationOptions& o) {
    const VolumeGeometry& g = v.geometry;
    const std::string where = "series " + v.stackId;
    if (!v.isVolume) return Error{where + ": a set of 2D images, not a volume; lesion extent needs a volume"};
    if (g.voxelCount() == 0) return Error{where + ": the volume is empty"};

    const Vec3 seedIdx = g.lpsToIndex(seedLps);
    std::array<std::size_t, 3> seed{};
    for (int a = 0; a < 3; ++a) {
        const double r = std::round(seedIdx[a]);
        if (!(r >= 0 && r <= double(g.size[a] - 1)))
            return Error{where + ": seed " + pointText(seedLps) + " mm LPS is outside the volume (index " +
                         fmt(seedIdx.x) + ", " + fmt(seedIdx.y) + ", " + fmt(seedIdx.z) + ")"};
        seed[a] = static_cast<std::size_t>(r);
    }

    // The box, as a block of voxels whose centres lie inside it.
    std::optional<Block> boxBlock;
    if (o.box) {
        const PointLps c0 = o.box->corner0, c1 = o.box->corner1;
        const char* names[3] = {"x", "y", "z"};
        for (int a = 0; a < 3; ++a)
            if (!(c0[a] < c1[a]))
                return Error{"--box-lps: " + std::string(names[a]) + "0 (" + fmt(c0[a]) + ") must be less than " +
                             names[a] + "1 (" + fmt(c1[a]) + "); the box is inverted or empty"};
        for (int a = 0; a < 3; ++a)
            if (seedLps[a] < c0[a] || seedLps[a] > c1[a])
                return Error{"--box-lps: the seed " + pointText(seedLps) + " lies outside the box"};
        Vec3 lo{1e300, 1e300, 1e300}, hi{-1e300, -1e300, -1e300};
        for (int corner = 0; corner < 8; ++corner) {
            const PointLps p{corner & 1 ? c1.x : c0.x, corner & 2 ? c1.y : c0.y, corner & 4 ? c1.z : c0.z};
            const Vec3 idx = g.lpsToIndex(p);
            for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], idx[a]), hi[a] = std::max(hi[a], idx[a]);
        }
        Block b;
        for (int a = 0; a < 3; ++a) {
            const double l = std::max(0.0, std::ceil(lo[a] - 1e-6));
            const double h = std::min(double(g.size[a] - 1), std::floor(hi[a] + 1e-6));
            b.lo[a] = static_cast<std::size_t>(l);
            b.hi[a] = static_cast<std::size_t>(std::max(l, h));
            b.lo[a] = std::min(b.lo[a], seed[a]);
            b.hi[a] = std::max(b.hi[a], seed[a]);
        }
        boxBlock = b;
    }

    // Seed neighbourhood: the voxels within 2 of the seed, for the air check and the auto range.
    double sum = 0, sum2 = 0;
    std::size_t n = 0;
    for (long dk = -2; dk <= 2; ++dk)
        for (long dj = -2; dj <= 2; ++dj)
            for (long di = -2; di <= 2; ++di) {
                const long i = long(seed[0]) + di, j = long(seed[1]) + dj, k = long(seed[2]) + dk;
                if (i < 0 || j < 0 || k < 0 || i >= long(g.size[0]) || j >= long(g.size[1]) || k >= long(g.size[2]))
                    continue;
                const double x = v.at(std::size_t(i), std::size_t(j), std::size_t(k));
                sum += x, sum2 += x * x, ++n;
            }
    const double seedMean = sum / double(n);
    const double seedSd = std::sqrt(std::max(0.0, sum2 / double(n) - seedMean * seedMean));
    const double seedValue = v.at(seed[0], seed[1], seed[2]);
    const bool hu = v.valueUnit == "HU";
    if (hu && seedMean < -400)
        return Error{where + ": the seed " + pointText(seedLps) + " is in air (mean " + fmt(seedMean) +
                     " HU around it); place it inside the lesion"};
    if (!hu) {
        const auto [vmin, vmax] = v.valueRange();
        if (seedMean <= vmin + 0.02 * (vmax - vmin))
            return Error{where + ": the seed " + pointText(seedLps) + " is in the background (mean " +
                         fmt(seedMean) + ", range " + fmt(vmin) + ".." + fmt(vmax) + "); place it inside the lesion"};
    }

    Segmentation out;
    out.seedLps = seedLps;
    const double minHalf = o.autoRangeMinHalfWidth ? *o.autoRangeMinHalfWidth
                                                   : (hu ? 30.0 : 0.15 * std::fabs(seedMean));
    const double half = std::max(3 * seedSd, minHalf);
    out.lower = o.lower ? *o.lower : seedMean - half;
    out.upper = o.upper ? *o.upper : seedMean + half;
    if (!(out.lower <= out.upper))
        return Error{"threshold range: lower (" + fmt(out.lower) + ") is above upper (" + fmt(out.upper) + ")"};
    if (seedValue < out.lower || seedValue > out.upper)
        return Error{where + ": the value at the seed (" + fmt(seedValue) + " " + v.valueUnit +
                     ") is outside the threshold range [" + fmt(out.lower) + ", " + fmt(out.upper) + "]"};

    // Grows the region with the current range into out.mask (the block doubles while the region
    // touches it, up to the limit).
    auto grow = [&]() -> std::optional<Error> {
        double halfMm = o.initialHalfSizeMm;
        for (;;) {
            Block b;
            if (boxBlock) {
                b = *boxBlock;
            } else {
                for (int a = 0; a < 3; ++a) {
                    const long r = std::max(2L, std::lround(halfMm / g.spacingMm[a]));
                    b.lo[a] = std::size_t(std::max(0L, long(seed[a]) - r));
                    b.hi[a] = std::size_t(std::min(long(g.size[a]) - 1, long(seed[a]) + r));
                }
            }
            FloatImage::IndexType seedInBlock;
            for (int a = 0; a < 3; ++a) seedInBlock[a] = long(seed[a] - b.lo[a]);
            GrowResult grown = growRegion(copyBlock(v, b), seedInBlock, out.lower, out.upper, o, g.spacingMm);
            if (!grown.mask) return Error{where + ": " + grown.error};
            unsigned char* m = grown.mask->GetBufferPointer();
            pruneSpurs(m, b, seedInBlock);

            // Bounding box of the region and whether it touches a block face inside the volume.
            std::array<std::size_t, 3> lo{b.size(0), b.size(1), b.size(2)}, hi{0, 0, 0};
            std::size_t idx = 0;
            for (std::size_t k = 0; k < b.size(2); ++k)
                for (std::size_t j = 0; j < b.size(1); ++j)
                    for (std::size_t i = 0; i < b.size(0); ++i, ++idx)
                        if (m[idx]) {
                            lo[0] = std::min(lo[0], i), hi[0] = std::max(hi[0], i);
                            lo[1] = std::min(lo[1], j), hi[1] = std::max(hi[1], j);
                            lo[2] = std::min(lo[2], k), hi[2] = std::max(hi[2], k);
                        }
            bool touches = false, touchesVolume = false;
            for (int a = 0; a < 3; ++a) {
                if ((lo[a] == 0 && b.lo[a] > 0) || (hi[a] == b.size(a) - 1 && b.hi[a] < g.size[a] - 1)) touches = true;
                if ((lo[a] == 0 && b.lo[a] == 0) || (hi[a] == b.size(a) - 1 && b.hi[a] == g.size[a] - 1))
                    touchesVolume = true;
            }
            if (touches && !boxBlock) {
                if (halfMm < o.maxHalfSizeMm) {
                    halfMm = std::min(2 * halfMm, o.maxHalfSizeMm);
                    continue;
                }
                return Error{where + ": the region from the seed " + pointText(seedLps) + " leaks beyond " +
                             fmt(o.maxHalfSizeMm, 0) + " mm from it with the range [" + fmt(out.lower) + ", " +
                             fmt(out.upper) + "] " + v.valueUnit +
                             "; give a box (--box-lps), narrow the range or use leak control"};
            }
            if (touches) out.warnings.push_back("the region reaches the box faces: the lesion may extend beyond the box");
            if (touchesVolume) out.warnings.push_back("the region reaches the edge of the volume: the lesion may be cut off");

            // Keep the region's bounding box plus one voxel all round.
            LesionMask& mask = out.mask;
            std::array<std::size_t, 3> first{}, size{};
            for (int a = 0; a < 3; ++a) {
                const std::size_t f = lo[a] > 0 ? lo[a] - 1 : 0;
                const std::size_t l = std::min(hi[a] + 1, b.size(a) - 1);
                first[a] = f, size[a] = l - f + 1;
                mask.offset[a] = b.lo[a] + f;
            }
            mask.geometry = g;
            mask.geometry.size = size;
            mask.geometry.originLps = g.indexToLps(double(mask.offset[0]), double(mask.offset[1]), double(mask.offset[2]));
            mask.voxels.assign(size[0] * size[1] * size[2], 0);
            mask.seriesInstanceUid = v.seriesInstanceUid;
            mask.frameOfReferenceUid = v.frameOfReferenceUid;
            std::size_t o2 = 0;
            for (std::size_t k = 0; k < size[2]; ++k)
                for (std::size_t j = 0; j < size[1]; ++j) {
                    const unsigned char* row = m + (first[0] + b.size(0) * (first[1] + j + b.size(1) * (first[2] + k)));
                    for (std::size_t i = 0; i < size[0]; ++i) mask.voxels[o2++] = row[i] ? 1 : 0;
                }
            break;
        }
        return std::nullopt;
    };
    if (auto e = grow()) return *e;

    // Partial volume: a voxel half lesion, half surroundings lies halfway between their values.
    // The automatic range keeps only voxels that are mostly lesion, which under-reads volume on
    // thick slices; one refinement moves the bound facing the surroundings to the midpoint
    // between the region's mean and that of its second voxel layer outside (the first is itself
    // partly lesion): the 50% boundary of phantom volumetry. If the region then more than
    // doubles, a neighbour of similar value joined it, and the first region is kept.
    if (!o.lower && !o.upper) {
        const LesionMask first = out.mask;
        const double firstLower = out.lower, firstUpper = out.upper;
        const std::array<long, 3> n{long(first.geometry.size[0]) + 4, long(first.geometry.size[1]) + 4, long(first.geometry.size[2]) + 4};
        auto at = [&](long i, long j, long k) { return std::size_t(i + n[0] * (j + n[1] * k)); };
        std::vector<unsigned char> layer(std::size_t(n[0] * n[1] * n[2]), 0);  // 3 inside, 1 first layer, 2 second
        for (long k = 2; k < n[2] - 2; ++k)
            for (long j = 2; j < n[1] - 2; ++j)
                for (long i = 2; i < n[0] - 2; ++i)
                    if (first.inside(std::size_t(i - 2), std::size_t(j - 2), std::size_t(k - 2))) layer[at(i, j, k)] = 3;
        for (unsigned char from : {3, 1})
            for (long k = 1; k < n[2] - 1; ++k)
                for (long j = 1; j < n[1] - 1; ++j)
                    for (long i = 1; i < n[0] - 1; ++i) {
                        if (layer[at(i, j, k)] != 0) continue;
                        const bool next = layer[at(i - 1, j, k)] == from || layer[at(i + 1, j, k)] == from || layer[at(i, j - 1, k)] == from ||
                                          layer[at(i, j + 1, k)] == from || layer[at(i, j, k - 1)] == from || layer[at(i, j, k + 1)] == from;
                        if (next) layer[at(i, j, k)] = from == 3 ? 1 : 2;
                    }
        double inSum = 0, outSum = 0;
        std::size_t inN = 0, outN = 0;
        for (long k = 0; k < n[2]; ++k)
            for (long j = 0; j < n[1]; ++j)
                for (long i = 0; i < n[0]; ++i) {
                    const unsigned char l = layer[at(i, j, k)];
                    if (l != 3 && l != 2) continue;
                    const long vi = long(first.offset[0]) + i - 2, vj = long(first.offset[1]) + j - 2, vk = long(first.offset[2]) + k - 2;
                    if (vi < 0 || vj < 0 || vk < 0 || vi >= long(g.size[0]) || vj >= long(g.size[1]) || vk >= long(g.size[2])) continue;
                    const double value = v.at(std::size_t(vi), std::size_t(vj), std::size_t(vk));
                    if (l == 3) inSum += value, ++inN;
                    else outSum += value, ++outN;
                }
        if (inN > 0 && outN > 0) {
            const double lesionMean = inSum / double(inN), shellMean = outSum / double(outN);
            const double midpoint = 0.5 * (lesionMean + shellMean);
            const bool brighter = lesionMean > shellMean;
            bool moved = false;
            if (brighter && midpoint < out.lower) out.lower = midpoint, moved = true;
            if (!brighter && midpoint > out.upper) out.upper = midpoint, moved = true;
            if (moved) {
                const auto e = grow();
                if (!e && out.mask.count() <= 2 * first.count()) {
                    out.refined = true;
                } else {
                    out.mask = first;
                    out.lower = firstLower, out.upper = firstUpper;
                    out.warnings.push_back("the 50% partial-volume boundary was not used: the region grew into a neighbour of similar value there");
                }
            }
        }
    }

    std::string method = "ITK connected threshold (6-connected) from the seed, range [" + fmt(out.lower) + ", " +
                         fmt(out.upper) + "] " + v.valueUnit +
                         (o.lower || o.upper ? " (user)" : " (seed mean +/- max(3 SD, " + fmt(minHalf) + ")" + (out.refined ? ", then the bound facing the surroundings at the 50% partial-volume level" : "") + ")");
    if (o.smoothingSigmaMm > 0) method += "; Gaussian smoothing sigma " + fmt(o.smoothingSigmaMm) + " mm";
    if (o.leakOpeningMm > 0) method += "; leak control: binary opening " + fmt(o.leakOpeningMm) + " mm, seed component";
    if (o.fillHoles) method += "; 3D hole filling";
    method += "; spur pruning (voxels with <= 1 face neighbour, 2 passes)";
    method += o.box ? "; inside the user box" : "; block grown around the seed";
    out.method = method;
    return out;
}

}  // namespace mensura::imaging
