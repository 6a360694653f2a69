#pragma once
// Internal to the measure library: the steps of the seed segmentation (segmentLesion) and the
// state they share. SegmentLesion.cpp runs it from the click (and again from a better point);
// LesionSegmentation.cpp holds the seed, the range and the grow;
// FarSurroundings.cpp the move against surroundings far from the lesion in value;
// HalfLevelMove.cpp the 50% partial-volume move, the rim step and the partial-volume layers.
#include <array>
#include <list>
#include <optional>
#include <string>
#include <vector>

#include "mensura/measure/LesionSegmentation.h"
#include "mensura/measure/RegionParts.h"

namespace mensura::imaging::detail {

// The blocks of one series loaded and smoothed so far, the last used first (at most kBlocks):
// each range tried grows through the same doubling blocks, which were smoothed again for every
// range and every segmentation from another point of the same click (half the time of a
// refused click on a 384 x 512 x 56 MR). A list, so a reference to a block stays valid while
// others are loaded, until it is the oldest of more than kBlocks or beyond kBytes (the newest is
// always kept: a whole 512 x 512 x 400 CT's block is 840 MB).
struct BlockCache {
    static constexpr std::size_t kBlocks = 4;
    static constexpr std::size_t kBytes = std::size_t(512) << 20;
    std::list<BlockImages> blocks;
    const BlockImages& get(const Volume& v, const Block& b, double smoothingSigmaMm);
};

struct SeedSegmentation {
    SeedSegmentation(const Volume& volume, PointLps seed, const SegmentationOptions& options, BlockCache& blocks)
        : v(volume), g(volume.geometry), o(options), seedLps(seed), where("series " + volume.stackId), cache(blocks) {}
    Result<Segmentation> run();

    // In the order run() takes them.
    std::optional<Error> placeSeed();              // the seed's voxel and the box's block
    std::optional<Error> readSeedNeighbourhood();  // air or background at the seed; its mean and SD
    void setUp();                                  // smoothing, thick axes, leak control, the box's block
    std::optional<Error> estimateRange();
    Result<Region> firstRegion();
    void recentre(Region& region);
    void moveAgainstFarSurroundings(Region& region);
    void moveToHalfLevel(Region& region);
    std::optional<double> tissueBeyond(const Region& region, bool darker, double regionMean, double spread);
    void addRimAndLayers(Region& region);
    void judgeOutline(const Region& region);
    void keepMask(const Region& region);
    std::string method() const;

    Block blockAround(double halfMm) const;
    const BlockImages& images(const Block& b);
    Index3 seedIn(const Block& b) const;
    Result<Region> grow(double lower, double upper);
    std::size_t clipToBox(Region& region) const;  // returns the voxels dropped
    Region starShaped(Region r);
    std::optional<Error> notApart(const Region& region, double lower, double upper) const;

    const Volume& v;
    const VolumeGeometry& g;
    const SegmentationOptions& o;
    const PointLps seedLps;
    const std::string where;
    std::array<std::size_t, 3> seed{};
    std::optional<Block> boxBlock;   // the user's box, as the voxels whose centres lie inside it
    std::optional<Block> workBlock;  // the box and a margin: the region grows in the box only, while
                                     // the smoothing and the layers outside it see real values
    double seedMean = 0, seedSd = 0, seedValue = 0;
    bool hu = false, autoRange = false, leakControl = false;
    Vec3 sp{};
    double minSpacing = 0, sigmaMm = 0;
    std::array<bool, 3> thick{};
    Index3 leak{0, 0, 0};
    BlockCache& cache;
    double half = 0, minHalf = 0;
    // The range again from the median and the MAD of the neighbourhood on the slice clicked on,
    // for a click near the lesion's edge: there the neighbourhood holds the surroundings too, its
    // mean lies between the two and its SD spans both, and the region from that range can flood
    // the surroundings through the partial volume between them (then this range is used). The
    // median and MAD follow the majority.
    double robustLower = 0, robustUpper = 0, robustHalf = 0;
    double rawNoise = 0;                                 // robust SD of the voxels' own values on the slice clicked on
    std::array<bool, 2> halfLevelBlocked{false, false};  // the 50% move refused towards darker, brighter
    std::array<bool, 2> settledFar{false, false};        // moved against far surroundings, darker, brighter
    std::vector<std::string> halfLevelNotes;             // why, for the method
    EnclosingCompartment compartment;
    bool firstRegionFailed = false;  // the ranges from the seed's neighbourhood leaked or flooded
    Segmentation out;
};

}  // namespace mensura::imaging::detail
