#include "mensura/measure/RegionGrowing.h"

#include <itkBinaryBallStructuringElement.h>
#include <itkImage.h>
#include <itkRecursiveGaussianImageFilter.h>
#include <itkSmoothingRecursiveGaussianImageFilter.h>

#include <algorithm>
#include <cmath>

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
    // ITK's recursive Gaussian needs four voxels along an axis: a block thinner than that along
    // one (a series of three slices) is smoothed along the others only, one axis at a time.
    if (b.size(0) >= 4 && b.size(1) >= 4 && b.size(2) >= 4) {
        auto smooth = itk::SmoothingRecursiveGaussianImageFilter<FloatImage, FloatImage>::New();
        smooth->SetInput(wrap<FloatImage>(b, im.spacingMm, im.raw.data()));
        smooth->SetSigma(sigmaMm);
        smooth->Update();
        const float* s = smooth->GetOutput()->GetBufferPointer();
        im.source.assign(s, s + b.count());
        return im;
    }
    im.source = im.raw;
    for (unsigned a = 0; a < 3; ++a) {
        if (b.size(int(a)) < 4) continue;
        auto along = itk::RecursiveGaussianImageFilter<FloatImage, FloatImage>::New();
        along->SetInput(wrap<FloatImage>(b, im.spacingMm, im.source.data()));
        along->SetDirection(a);
        along->SetSigma(sigmaMm);
        along->SetOrder(itk::GaussianOrderEnum::ZeroOrder);
        along->SetNormalizeAcrossScale(false);
        along->Update();
        const float* s = along->GetOutput()->GetBufferPointer();
        std::copy(s, s + b.count(), im.source.begin());
    }
    return im;
}

namespace {

// The offsets of ITK's ball structuring element of the radius (the same voxels ITK would use).
std::vector<Index3> ballOffsets(Index3 radius) {
    const Ball b = ball(radius);
    std::vector<Index3> out;
    for (unsigned n = 0; n < b.Size(); ++n)
        if (b[n]) {
            const auto o = b.GetOffset(n);
            out.push_back({long(o[0]), long(o[1]), long(o[2])});
        }
    return out;
}

// A sub-box of the block (inclusive voxel ranges in block indices) with its own linear indexing.
struct Box {
    std::array<long, 3> lo{0, 0, 0}, n{0, 0, 0};
    std::size_t count() const { return std::size_t(n[0] * n[1] * n[2]); }
    std::size_t at(long i, long j, long k) const { return std::size_t(i + n[0] * (j + n[1] * k)); }
    bool inside(long i, long j, long k) const { return i >= 0 && j >= 0 && k >= 0 && i < n[0] && j < n[1] && k < n[2]; }
};

// Face-connected flood from the seeds through voxels where pass(idx) holds, into out (1).
// stop(idx) is asked for each voxel taken; true ends the flood (returns false).
template <typename Pass, typename Stop>
bool flood(const Box& bx, const std::vector<std::size_t>& seeds, std::vector<std::uint8_t>& out, Pass pass, Stop stop) {
    std::vector<std::size_t> stack;
    for (std::size_t s : seeds)
        if (!out[s] && pass(s)) out[s] = 1, stack.push_back(s);
    const long sx = 1, sy = bx.n[0], sz = bx.n[0] * bx.n[1];
    while (!stack.empty()) {
        const std::size_t idx = stack.back();
        stack.pop_back();
        if (stop(idx)) return false;
        const long i = long(idx) % bx.n[0], j = (long(idx) / sy) % bx.n[1], k = long(idx) / sz;
        auto visit = [&](bool ok, long step) {
            if (!ok) return;
            const std::size_t t = std::size_t(long(idx) + step);
            if (!out[t] && pass(t)) out[t] = 1, stack.push_back(t);
        };
        visit(i > 0, -sx), visit(i + 1 < bx.n[0], sx), visit(j > 0, -sy), visit(j + 1 < bx.n[1], sy);
        visit(k > 0, -sz), visit(k + 1 < bx.n[2], sz);
    }
    return true;
}

template <typename Pass>
void flood(const Box& bx, const std::vector<std::size_t>& seeds, std::vector<std::uint8_t>& out, Pass pass) {
    flood(bx, seeds, out, pass, [](std::size_t) { return false; });
}

}  // namespace

bool insideBox(const std::optional<std::array<Index3, 2>>& box, long i, long j, long k) {
    if (!box) return true;
    const Index3 &lo = (*box)[0], &hi = (*box)[1];
    return i >= lo[0] && j >= lo[1] && k >= lo[2] && i <= hi[0] && j <= hi[1] && k <= hi[2];
}

std::optional<std::array<Index3, 2>> boxWithin(const std::optional<Block>& box, const Block& b) {
    if (!box) return std::nullopt;
    std::array<Index3, 2> r;
    for (int a = 0; a < 3; ++a) r[0][a] = long(box->lo[a]) - long(b.lo[a]), r[1][a] = long(box->hi[a]) - long(b.lo[a]);
    return r;
}

// The eroded core (leak control's erosion of the threshold range) grown from the seeds inside
// [lo, hi] (block indices); outside it counts as in the range when outsideIn (the block's own
// faces, as ITK's erosion), else as out. Outside the user's box counts as out. True when it
// passes p's limits.
bool erodedCoreExceeds(const BlockImages& im, const std::vector<Index3>& seeds, const GrowParams& p, Index3 lo,
                       Index3 hi, bool outsideIn) {
    const Block& b = im.block;
    Box whole;
    for (int a = 0; a < 3; ++a) whole.n[a] = long(b.size(a));
    const std::vector<Index3> se = ballOffsets(p.leakRadius);
    const float lower = static_cast<float>(p.lower), upper = static_cast<float>(p.upper);
    const float* src = im.source.data();
    auto inBox = [&](long i, long j, long k) { return insideBox(p.box, i, j, k); };
    auto inT = [&](long i, long j, long k) {
        if (!inBox(i, j, k)) return false;
        if (i < lo[0] || j < lo[1] || k < lo[2] || i > hi[0] || j > hi[1] || k > hi[2]) return outsideIn;
        const float x = src[whole.at(i, j, k)];
        return x >= lower && x <= upper;
    };
    auto eroded = [&](std::size_t idx) {
        const long i = long(idx) % whole.n[0], j = (long(idx) / whole.n[0]) % whole.n[1],
                   k = long(idx) / (whole.n[0] * whole.n[1]);
        if (i < lo[0] || j < lo[1] || k < lo[2] || i > hi[0] || j > hi[1] || k > hi[2] || !inBox(i, j, k)) return false;
        for (const Index3& o : se)
            if (!inT(i + o[0], j + o[1], k + o[2])) return false;
        return true;
    };
    std::array<long, 3> rlo{whole.n[0], whole.n[1], whole.n[2]}, rhi{-1, -1, -1};
    std::size_t count = 0;
    auto stop = [&](std::size_t idx) {
        const Index3 x{long(idx) % whole.n[0], (long(idx) / whole.n[0]) % whole.n[1],
                       long(idx) / (whole.n[0] * whole.n[1])};
        ++count;
        if (p.maxCount && count > p.maxCount) return true;
        for (int a = 0; a < 3; ++a) {
            rlo[a] = std::min(rlo[a], x[a]), rhi[a] = std::max(rhi[a], x[a]);
            if (p.maxExtent[a] && rhi[a] - rlo[a] + 1 > p.maxExtent[a]) return true;
            if ((p.stopAtFace[a][0] && x[a] == 0) || (p.stopAtFace[a][1] && x[a] == whole.n[a] - 1)) return true;
        }
        return false;
    };
    std::vector<std::uint8_t> core(b.count(), 0);
    std::vector<std::size_t> s;
    for (const Index3& x : seeds)
        if (b.contains(x[0], x[1], x[2]) && inBox(x[0], x[1], x[2])) {
            const float v = src[b.linear(x[0], x[1], x[2])];
            if (v >= lower && v <= upper) s.push_back(b.linear(x[0], x[1], x[2]));
        }
    return !flood(whole, s, core, eroded, stop);
}

GrowOutput growRegion(const BlockImages& im, const std::vector<Index3>& seeds, const GrowParams& p,
                      const std::vector<std::uint8_t>* base) {
    const Block& b = im.block;
    auto inBox = [&](long i, long j, long k) { return insideBox(p.box, i, j, k); };
    std::vector<Index3> inRange;
    for (const Index3& s : seeds) {
        if (!b.contains(s[0], s[1], s[2]) || !inBox(s[0], s[1], s[2])) continue;
        const float x = im.source[b.linear(s[0], s[1], s[2])];
        if (x >= p.lower && x <= p.upper) inRange.push_back(s);
    }
    if (inRange.empty()) return {{}, "the seed value after smoothing is outside the range"};

    Box whole;
    for (int a = 0; a < 3; ++a) whole.n[a] = long(b.size(a));
    const bool leakControl = p.leakRadius[0] > 0 || p.leakRadius[1] > 0 || p.leakRadius[2] > 0;
    const bool limits = p.maxCount > 0 || p.maxExtent != Index3{0, 0, 0} || p.stopAtFace != decltype(p.stopAtFace){};
    if (limits && leakControl) {
        // The eroded core from the seeds (voxels whose whole element lies in the threshold range,
        // the block's outside counting as inside, as ITK's erosion does) lies within the result:
        // grown first, it stops as soon as it passes a limit, before any full-block work.
        const Index3 lo{0, 0, 0}, hi{whole.n[0] - 1, whole.n[1] - 1, whole.n[2] - 1};
        if (erodedCoreExceeds(im, inRange, p, lo, hi, true)) return {{}, "the region passed the limits", true};
    }

    // Connected threshold (face-connected, as ITK's ConnectedThresholdImageFilter) on the block.
    std::vector<std::uint8_t> grown(b.count(), 0);
    {
        std::vector<std::size_t> s;
        for (const Index3& x : inRange) s.push_back(b.linear(x[0], x[1], x[2]));
        const float lower = static_cast<float>(p.lower), upper = static_cast<float>(p.upper);
        const float* src = im.source.data();
        const long n0 = whole.n[0], n1 = whole.n[1];
        flood(whole, s, grown, [&](std::size_t idx) {
            return src[idx] >= lower && src[idx] <= upper &&
                   inBox(long(idx) % n0, (long(idx) / n0) % n1, long(idx) / (n0 * n1));
        });
    }

    // The rest works on the bounding box of the region (and the base) plus a margin wider than the
    // structuring elements, clipped to the block: the same result as on the whole block (erosion
    // takes the block's outside as foreground, dilation as background; the margin is background).
    Box bx;
    {
        std::array<long, 3> lo{whole.n[0], whole.n[1], whole.n[2]}, hi{-1, -1, -1};
        for (long k = 0; k < whole.n[2]; ++k)
            for (long j = 0; j < whole.n[1]; ++j) {
                const std::size_t row = whole.at(0, j, k);
                for (long i = 0; i < whole.n[0]; ++i)
                    if (grown[row + std::size_t(i)] || (base && (*base)[row + std::size_t(i)])) {
                        lo[0] = std::min(lo[0], i), hi[0] = std::max(hi[0], i);
                        lo[1] = std::min(lo[1], j), hi[1] = std::max(hi[1], j);
                        lo[2] = std::min(lo[2], k), hi[2] = std::max(hi[2], k);
                    }
            }
        for (int a = 0; a < 3; ++a) {
            const long margin = std::max(1L, p.leakRadius[a]) + 2;
            const long l = std::max(0L, lo[a] - margin), h = std::min(whole.n[a] - 1, hi[a] + margin);
            bx.lo[a] = l, bx.n[a] = h - l + 1;
        }
    }
    std::vector<std::uint8_t> m(bx.count(), 0);
    for (long k = 0; k < bx.n[2]; ++k)
        for (long j = 0; j < bx.n[1]; ++j) {
            const std::size_t from = whole.at(bx.lo[0], bx.lo[1] + j, bx.lo[2] + k);
            std::copy(grown.begin() + long(from), grown.begin() + long(from) + bx.n[0],
                      m.begin() + long(bx.at(0, j, k)));
        }
    auto local = [&](const Index3& s) { return bx.at(s[0] - bx.lo[0], s[1] - bx.lo[1], s[2] - bx.lo[2]); };
    // Whether the box face lies on the block face (beyond it: outside the block) per side.
    std::array<bool, 3> atLo{}, atHi{};
    for (int a = 0; a < 3; ++a) atLo[a] = bx.lo[a] == 0, atHi[a] = bx.lo[a] + bx.n[a] == whole.n[a];

    if (leakControl) {
        const std::vector<Index3> se = ballOffsets(p.leakRadius);
        // Erosion: a voxel stays when every voxel of the element is in the region or outside the
        // block (ITK's BinaryErodeImageFilter: boundary to foreground).
        auto eroded = [&](std::size_t idx) {
            if (!m[idx]) return false;
            const long i = long(idx) % bx.n[0], j = (long(idx) / bx.n[0]) % bx.n[1],
                       k = long(idx) / (bx.n[0] * bx.n[1]);
            for (const Index3& o : se) {
                const long x = i + o[0], y = j + o[1], z = k + o[2];
                // The user's box faces erode like the block's (as foreground): a seed on a face stays.
                if (!inBox(bx.lo[0] + x, bx.lo[1] + y, bx.lo[2] + z)) continue;
                if (bx.inside(x, y, z)) {
                    if (!m[bx.at(x, y, z)]) return false;
                } else {
                    // Outside the box: outside the block counts as foreground, the margin is background.
                    const bool outBlock = (x < 0 && atLo[0]) || (x >= bx.n[0] && atHi[0]) || (y < 0 && atLo[1]) ||
                                          (y >= bx.n[1] && atHi[1]) || (z < 0 && atLo[2]) || (z >= bx.n[2] && atHi[2]);
                    if (!outBlock) return false;
                }
            }
            return true;
        };
        std::vector<std::uint8_t> core(bx.count(), 0);
        std::vector<std::size_t> s;
        for (const Index3& x : inRange) s.push_back(local(x));
        flood(bx, s, core, eroded);
        bool any = false;
        for (std::size_t x : s) any = any || core[x];
        if (!any) return {{}, "leak control removed the region at the seed (it is thinner than the erosion)"};
        // Geodesic dilation inside the region: by the radius, then by one voxel.
        auto dilateWithin = [&](const std::vector<std::uint8_t>& in, const std::vector<Index3>& elem) {
            std::vector<std::uint8_t> out(in.size(), 0);
            for (long k = 0; k < bx.n[2]; ++k)
                for (long j = 0; j < bx.n[1]; ++j)
                    for (long i = 0; i < bx.n[0]; ++i) {
                        if (!in[bx.at(i, j, k)]) continue;
                        for (const Index3& o : elem) {
                            const long x = i + o[0], y = j + o[1], z = k + o[2];
                            if (!bx.inside(x, y, z)) continue;
                            const std::size_t t = bx.at(x, y, z);
                            if (m[t]) out[t] = 1;
                        }
                    }
            return out;
        };
        const std::vector<std::uint8_t> back = dilateWithin(core, se);
        m = dilateWithin(back, ballOffsets({1, 1, 1}));
    }
    if (base)
        for (long k = 0; k < bx.n[2]; ++k)
            for (long j = 0; j < bx.n[1]; ++j)
                for (long i = 0; i < bx.n[0]; ++i)
                    if ((*base)[whole.at(bx.lo[0] + i, bx.lo[1] + j, bx.lo[2] + k)]) m[bx.at(i, j, k)] = 1;
    if (p.fillHoles) {
        // Background face-connected to the block's border stays; the rest is a hole (ITK's
        // BinaryFillholeImageFilter, not fully connected). The margin is background joined to the
        // border through the block outside the box.
        std::vector<std::size_t> border;
        for (long k = 0; k < bx.n[2]; ++k)
            for (long j = 0; j < bx.n[1]; ++j)
                for (long i = 0; i < bx.n[0]; ++i)
                    if (i == 0 || j == 0 || k == 0 || i == bx.n[0] - 1 || j == bx.n[1] - 1 || k == bx.n[2] - 1)
                        border.push_back(bx.at(i, j, k));
        std::vector<std::uint8_t> outside(bx.count(), 0);
        flood(bx, border, outside, [&](std::size_t idx) { return m[idx] == 0; });
        for (std::size_t idx = 0; idx < m.size(); ++idx) m[idx] = outside[idx] ? 0 : 1;
    }
    std::vector<std::uint8_t> out(b.count(), 0);
    for (long k = 0; k < bx.n[2]; ++k)
        for (long j = 0; j < bx.n[1]; ++j) {
            const std::size_t to = whole.at(bx.lo[0], bx.lo[1] + j, bx.lo[2] + k);
            std::copy(m.begin() + long(bx.at(0, j, k)), m.begin() + long(bx.at(0, j, k)) + bx.n[0],
                      out.begin() + long(to));
        }
    return {std::move(out), {}};
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
                    const int neighbours = (i > 0 && m[idx - 1]) + (i + 1 < nx && m[idx + 1]) + (j > 0 && m[idx - nx]) +
                                           (j + 1 < ny && m[idx + nx]) + (k > 0 && m[idx - nx * ny]) +
                                           (k + 1 < nz && m[idx + nx * ny]);
                    if (neighbours <= 1) drop.push_back(idx);
                }
        if (drop.empty()) break;
        for (long idx : drop) m[idx] = 0;
    }
}

namespace {

// The voxels of m whose two neighbours along a thick axis are both 'outside' go (not those on
// the block's first or last slice along it); then the seed's component stays. Returns the
// voxels dropped (0, and nothing changes, when the seed would go).
template <class Outside>
std::size_t dropBetweenAlongThickAxes(std::vector<std::uint8_t>& m, const Block& b, std::array<bool, 3> thick,
                                      Index3 seed, Outside outside) {
    if (!(thick[0] || thick[1] || thick[2]) || !b.contains(seed[0], seed[1], seed[2])) return 0;
    const long n[3] = {long(b.size(0)), long(b.size(1)), long(b.size(2))};
    const long steps[3] = {1, n[0], n[0] * n[1]};
    std::vector<std::uint8_t> kept = m;
    std::size_t dropped = 0;
    for (long k = 0; k < n[2]; ++k)
        for (long j = 0; j < n[1]; ++j)
            for (long i = 0; i < n[0]; ++i) {
                const long c[3] = {i, j, k};
                const long idx = i + n[0] * (j + n[1] * k);
                if (!m[std::size_t(idx)]) continue;
                for (int a = 0; a < 3; ++a) {
                    if (!thick[a] || c[a] == 0 || c[a] == n[a] - 1) continue;
                    if (outside(std::size_t(idx - steps[a])) && outside(std::size_t(idx + steps[a]))) {
                        kept[std::size_t(idx)] = 0, ++dropped;
                        break;
                    }
                }
            }
    if (dropped == 0 || !kept[b.linear(seed[0], seed[1], seed[2])]) return 0;
    keepSeedComponent(kept, b, seed);
    std::size_t before = 0, after = 0;
    for (std::size_t idx = 0; idx < m.size(); ++idx) before += m[idx], after += kept[idx];
    m.swap(kept);
    return before - after;
}

}  // namespace

std::size_t dropThroughSliceMixes(std::vector<std::uint8_t>& m, const BlockImages& im, double lower, double upper,
                                  std::array<bool, 3> thick, Index3 seed) {
    const std::vector<float>& x = im.source;
    return dropBetweenAlongThickAxes(m, im.block, thick, seed,
                                     [&](std::size_t idx) { return x[idx] < lower || x[idx] > upper; });
}

std::size_t dropOneSliceSheets(std::vector<std::uint8_t>& m, const Block& b, std::array<bool, 3> thick, Index3 seed) {
    const std::vector<std::uint8_t> region = m;
    return dropBetweenAlongThickAxes(m, b, thick, seed, [&](std::size_t idx) { return region[idx] == 0; });
}

void keepSeedComponent(std::vector<std::uint8_t>& m, const Block& b, Index3 seed) {
    std::vector<std::uint8_t> component(m.size(), 0);
    if (b.contains(seed[0], seed[1], seed[2])) {
        Box whole;
        whole.n = {long(b.size(0)), long(b.size(1)), long(b.size(2))};
        flood(whole, {b.linear(seed[0], seed[1], seed[2])}, component, [&](std::size_t idx) { return m[idx] != 0; });
    }
    m.swap(component);
}

// Star shape about the seed: a voxel stays when the straight line from the seed to it runs
// inside the region, but for one voxel (noise). A mass is star-shaped about a click near its
// centre; tissue reached through a thin contact (the partial-volume layer round bone or air, a
// vessel of like value) lies behind tissue outside the region as seen from the seed, and goes.
void keepStarShaped(std::vector<std::uint8_t>& m, const Block& b, Index3 seed) {
    const long n[3] = {long(b.size(0)), long(b.size(1)), long(b.size(2))};
    if (!b.contains(seed[0], seed[1], seed[2])) return;
    const long seedIdx = long(b.linear(seed[0], seed[1], seed[2]));
    if (!m[seedIdx]) return;
    std::vector<std::uint8_t> seen(m.size(), 0);
    for (long k = 0; k < n[2]; ++k)
        for (long j = 0; j < n[1]; ++j)
            for (long i = 0; i < n[0]; ++i) {
                const long idx = i + n[0] * (j + n[1] * k);
                if (!m[idx]) continue;
                const double d[3] = {double(i - seed[0]), double(j - seed[1]), double(k - seed[2])};
                const long steps = long(std::ceil(2 * std::max({std::fabs(d[0]), std::fabs(d[1]), std::fabs(d[2])})));
                int misses = 0;
                long last = seedIdx;
                for (long t = 1; t < steps && misses <= 1; ++t) {
                    const double f = double(t) / double(steps);
                    const long c = std::lround(double(seed[0]) + f * d[0]) +
                                   n[0] * (std::lround(double(seed[1]) + f * d[1]) +
                                           n[1] * std::lround(double(seed[2]) + f * d[2]));
                    if (c == last) continue;
                    last = c;
                    if (!m[c]) ++misses;
                }
                if (misses <= 1) seen[idx] = 1;
            }
    Box whole;
    whole.n = {n[0], n[1], n[2]};
    std::vector<std::uint8_t> component(m.size(), 0);
    flood(whole, {std::size_t(seedIdx)}, component, [&](std::size_t idx) { return seen[idx] != 0; });
    m.swap(component);
}

}  // namespace mensura::imaging::detail
