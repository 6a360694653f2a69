#pragma once
// Internal to the measure library: region growing on a cropped block of a series, with ITK kept
// in the .cpp behind plain vectors (the block is the size of the lesion's neighbourhood, never
// the whole volume).
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mensura/core/Volume.h"

namespace mensura::imaging::detail {

using Index3 = std::array<long, 3>;

struct Block {
    std::array<std::size_t, 3> lo{0, 0, 0}, hi{0, 0, 0};  // inclusive voxel ranges in the series
    std::size_t size(int a) const { return hi[a] - lo[a] + 1; }
    std::size_t count() const { return size(0) * size(1) * size(2); }
    std::size_t linear(long i, long j, long k) const {
        return std::size_t(i) + size(0) * (std::size_t(j) + size(1) * std::size_t(k));
    }
    bool contains(long i, long j, long k) const {
        return i >= 0 && j >= 0 && k >= 0 && i < long(size(0)) && j < long(size(1)) && k < long(size(2));
    }
    bool operator==(const Block& o) const { return lo == o.lo && hi == o.hi; }
};

// The block's values as floats, and the copy the region grows on: the same values, or smoothed
// by a Gaussian (sigma in mm) so that the range can follow the noise of the mean, not of a voxel.
struct BlockImages {
    Block block;
    Vec3 spacingMm;
    double smoothingSigmaMm = 0;
    std::vector<float> raw, source;
};

BlockImages loadBlock(const Volume& v, const Block& b, double smoothingSigmaMm);

struct GrowParams {
    double lower = 0, upper = 0;  // on the source values
    Index3 leakRadius{0, 0, 0};   // erosion radius per axis in voxels (all 0: no leak control)
    bool fillHoles = true;
    // Optional limits (exact early exit): when the part of the region that survives the leak
    // control's erosion (always within the result) holds more than maxCount voxels, spans more
    // than maxExtent voxels along an axis, or reaches a block face marked in stopAtFace (low, high
    // per axis), the grow stops with exceeded set.
    std::size_t maxCount = 0;   // 0: no limit
    Index3 maxExtent{0, 0, 0};  // 0: no limit
    std::array<std::array<bool, 2>, 3> stopAtFace{};
    // A user's box inside the block (block indices, inclusive): the region grows inside it only,
    // while the block round it gives the smoothing and the surroundings their real values.
    std::optional<std::array<Index3, 2>> box{};
};

struct GrowOutput {
    std::vector<std::uint8_t> mask;  // block-sized, 1 inside
    std::string error;               // set when the region is empty or exceeded the limits
    bool exceeded = false;
};

// A box of the series (inclusive voxel ranges) in b's indices, for GrowParams::box.
std::optional<std::array<Index3, 2>> boxWithin(const std::optional<Block>& box, const Block& b);
// Whether (i, j, k) lies inside such a box; true without one.
bool insideBox(const std::optional<std::array<Index3, 2>>& box, long i, long j, long k);

// ITK connected threshold from the seeds (those whose source value lies in the range), then leak
// control: erosion by the radius, the components holding a seed, and a geodesic dilation back
// inside the grown region (radius, then one voxel), so thin bridges stay cut while the lesion's
// own edge returns. Then the union with base (if given) and 3D hole filling. With p.box, only
// inside the box; its faces erode like the block's (a seed on a face stays).
GrowOutput growRegion(const BlockImages& im, const std::vector<Index3>& seeds, const GrowParams& p,
                      const std::vector<std::uint8_t>* base = nullptr);

// The part of a grow that survives the leak control's erosion (always within the result), grown
// from the seeds inside [lo, hi] (block indices, inclusive) only: true when it passes p's limits
// (count, extent, faces). Outside [lo, hi] counts as in the range when outsideIn (erosion at the
// block's faces), else as out: then the core found is within the one on any larger block, a
// cheap check on a block already loaded before a larger one is. Outside p.box counts as out (the
// core found is then within the grow's).
bool erodedCoreExceeds(const BlockImages& im, const std::vector<Index3>& seeds, const GrowParams& p, Index3 lo,
                       Index3 hi, bool outsideIn);

// Drops voxels with at most one face neighbour in the region (two passes), keeping keep.
void pruneSpurs(std::vector<std::uint8_t>& m, const Block& b, Index3 keep);

// Keeps the face-connected component of m that holds the seed (m is block-sized; a seed outside m
// empties it).
void keepSeedComponent(std::vector<std::uint8_t>& m, const Block& b, Index3 seed);

// One-slice sheets: the region's voxels whose two neighbours along a thick axis both lie outside
// the region go, then the seed's face-connected component stays. A rim grown from the layer
// round a core closes, with hole filling, over the partial volume of bone and muscle in single
// slices (CCS CT+C: a sheet of muscle 9 mm long beside the atlas, one 2 mm slice thick, inside a
// shell of bone partial volume). A lesion's own end slice keeps a neighbour inside; the block's
// first and last slices are left. Returns the voxels dropped (0, and nothing changes, when the
// seed would go).
std::size_t dropOneSliceSheets(std::vector<std::uint8_t>& m, const Block& b, std::array<bool, 3> thick, Index3 seed);

// Through-slice partial volume: a thick slice that holds a thin plane of another tissue (a plate
// of cortex under muscle) or cuts the boundary between two tissues averages them, over a whole
// sheet, to values that can be the lesion's. Along each axis marked thick, drops the region's
// voxels whose two neighbours along it both lie outside the range: a lesion is more than one
// slice thick, and its end slices keep a lesion neighbour inside. Then keeps the seed's
// face-connected component. Returns the voxels dropped (0, and nothing changes, when the seed
// would go).
std::size_t dropThroughSliceMixes(std::vector<std::uint8_t>& m, const BlockImages& im, double lower, double upper,
                                  std::array<bool, 3> thick, Index3 seed);

// Keeps the voxels seen from the seed along a straight line inside the region (one voxel of
// noise allowed), then the seed's face-connected component. Nothing changes when the seed is
// outside the block or the region.
void keepStarShaped(std::vector<std::uint8_t>& m, const Block& b, Index3 seed);

}  // namespace mensura::imaging::detail
