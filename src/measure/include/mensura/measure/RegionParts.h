#pragma once
// Internal to the measure library: the parts of the seed segmentation that work on a grown
// region (its bounding box, the layers outside it and their classes, the partial-volume step's
// spread check) and the rim step that joins an enclosing compartment to a core.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "mensura/core/Volume.h"
#include "mensura/measure/RegionGrowing.h"

namespace mensura::imaging::detail {

std::string fmt(double v, int precision = 1);
std::string pointText(PointLps p);

// The thick-slice axes: spacing more than 1.5 times the finest. Partial volume along them is a
// slice's worth, not a voxel's.
std::array<bool, 3> thickAxes(const Vec3& spacingMm);

// The warning for a lesion one or two thick slices deep (mostly partial volume across them), for
// `subject` ("the region", "on series X the lesion"), with `detail` after "partial volume".
std::string thinAcrossSlicesWarning(const std::string& subject, std::size_t slices, double spacingMm,
                                    const std::string& detail = {});

// A grown region in block space, with its bounding box and whether it touches the block.
struct Region {
    Block block;
    std::vector<std::uint8_t> mask;
    std::array<std::size_t, 3> lo{0, 0, 0}, hi{0, 0, 0};
    std::size_t count = 0;
    bool touchesBlock = false, touchesVolume = false;
    std::array<bool, 3> spansVolume{false, false, false};  // reaches both volume ends along an axis
    // The user's box in block indices, if any: the region keeps inside it, and what lies round the
    // region (its layers, see shellOf) is what lies inside it.
    std::optional<std::array<Index3, 2>> box;
    unsigned boxFaces = 0;  // the faces of the box the region reaches (one bit each), set by describe
};

// Sets the bounding box, count and the touch flags of r's mask, and the faces of r's box it
// reaches (those on the volume's edge excepted).
void describe(Region& r, const std::array<std::size_t, 3>& volumeSize);

// The two voxel layers just outside a region (6-connected distance 1 and 2), as block indices.
struct Shell {
    std::vector<std::size_t> first, second;
};
// Only the voxels inside r's box, unless insideBoxOnly is false.
Shell shellOf(const Region& r, bool insideBoxOnly = true);

// The shell's voxels darker and brighter than the region by more than half the range on the
// smoothed copy (the others are lesion-like: noise or partial volume with the lesion), and each
// class's value in the original values (smoothing would carry lesion into the layer): its median,
// or with `nearest` the value of its tissue nearest the region (see nearestTissueValue), the
// median where none stands out.
struct ShellClasses {
    std::size_t total = 0, darkN = 0, brightN = 0;
    double darkMean = 0, brightMean = 0;
};
ShellClasses classify(const BlockImages& im, const std::vector<std::size_t>& shell, double centre, double half,
                      double noise, bool nearest = false);

// The value of the tissue nearest in value to the region on one side of it (darker or brighter
// than `cut`, the edge of its range), among the values of a layer round it: the first mode beyond
// the cut, from it outwards, that holds at least `least` values within +/- `width`. Where several
// tissues lie on one side (brain, fat and air round a skull lesion), the 50% level against their
// pooled median lies inside the nearest one's noise and lets it in; the nearest is the one that
// bounds the region. The voxels still partly lesion spread thinly between the two and make no
// mode. NaN when there is none.
double nearestTissueValue(std::vector<float> values, bool darker, double cut, double width, std::size_t least);

// The share of the layer just outside the region that lies outside its box; 0 without a box.
double shareOfLayerOutsideBox(const Region& r);

// The share of the region's second outside layer (see shellOf) whose values lie in [lower,
// upper]: near 0 where the outline stands at an edge in value.
// The layer's voxels outside r's box are left out: where the box cuts the lesion the outline is the
// box's, and that is the "reaches the box faces" warning.
double outsideShareInRange(const Region& r, const std::vector<float>& values, double lower, double upper);

// True when after grew from before alike on every side along the axes that are not thick: no
// side of its box shrank, and the most and least any side grew differ by at most the coarsest of
// those axes' spacings (in mm, as the smoothing's reach is). The partial-volume shell round a
// lesion is as thick on every side; a neighbour that joins on one side grows it more.
bool grewEvenly(const Region& before, const Region& after, const std::array<bool, 3>& thick, const Vec3& spacingMm);

// The share of before's voxels that after holds (their blocks may differ): a widening that drops
// much of the region it widened was cut by leak control, not grown.
double shareKept(const Region& before, const Region& after);

// True when after grew from before by at most a partial-volume layer (two voxels a side, plus
// `reach` voxels along each axis, at most maxCountRatio times the count: twice for a solid
// region; a shell one or two voxels thick more than doubles when a layer joins each of its faces).
bool onlyEdgeAdded(const Region& before, const Region& after, double maxCountRatio = 2.0,
                   const std::array<long, 3>& reach = {0, 0, 0});

// What a widened range added to a region (in after, not in before) must be partial volume in
// the voxels' own values too. The range is judged on the smoothed copy, and smoothing carries a
// dark tissue's value into the bright one beside it: muscle a voxel from the mandible's cortex
// reads like a T1-dark lesion there (raw 390-430 for a range ending at 363), and it joins a
// lesion the muscle touches as a tail a few voxels long. An added voxel whose own value lies
// beyond the range by more than 'tolerance' (the noise) goes, and the seed's component stays.
// Returns the voxels dropped (after's box and count updated).
std::size_t pruneWidening(Region& after, const Region& before, const std::vector<float>& raw, double lower,
                          double upper, double tolerance, Index3 seed, const std::array<std::size_t, 3>& volumeSize);

// The partial-volume layers, decided voxel by voxel: a voxel just outside the region joins it
// when its own value lies between the region's mean and the value one voxel further out in the
// same direction (the neighbour tissue there), nearer the mean (it is more than half lesion), or
// beyond the mean by less than noise (a voxel of pure lesion reads the mean plus noise). Each
// side finds its own 50% level (brain on one side, bone on another), where one range for the
// whole region cannot. Up to 'layers' layers, each against the region the last one left (a
// range on a smoothed copy stops up to a voxel inside the 50% level where smoothing carried the
// neighbour's value in; a layer past the 50% level adds nothing and ends it). Not along thick
// axes (a thick slice's cap is mostly a curved surface's partial volume, and a whole slice more
// would over-read the extent), except, in the first layer and given farAlongThick (the range the
// outline was grown with), against a tissue whose 50% level lies beyond that range by more than
// the noise: the range, set against the nearest tissue (brain under a skull lesion), leaves out
// the cap that is more than half lesion against a far one (air over it). Returns the voxels added.
struct ValueRange {
    double lower = 0, upper = 0;
};
std::size_t addPartialVolumeLayer(Region& r, const std::vector<float>& values, double regionMean, double noise,
                                  std::array<bool, 3> thick, const std::array<std::size_t, 3>& volumeSize, int layers,
                                  const std::optional<ValueRange>& farAlongThick = std::nullopt);

double meanOver(const std::vector<float>& values, const std::vector<std::uint8_t>& mask);
// The sample SD of values over the mask about mean (0 under two voxels).
double sdOver(const std::vector<float>& values, const std::vector<std::uint8_t>& mask, double mean);

// The block's images (loaded and smoothed once per block by the caller).
using BlockSource = std::function<const BlockImages&(const Block&)>;

// A rim around a core (an enhancing rim round a necrotic or less enhancing centre): the region
// from a seed in the core stops at the rim. When the layer outside the region is mostly one
// compartment (darker, or brighter, than the region; see below), that compartment is grown from there
// too and joined to the core if it closes round it: within a block of 2.5x the core's extent
// (an organ the lesion lies in reaches beyond), at most 10x the core's volume. Its own outer
// boundary then goes to the 50% level like the core's; outerShort tells when it could not (that
// step spread more than a layer, as where a thin rim was read only in part).
struct EnclosingCompartment {
    std::string description;  // empty: none joined
    bool outerShort = false;
    double lower = 0, upper = 0;  // the compartment's final range (what its outline faces)
};
// noise: the voxels' own noise (SD), for what the outer move may add (see pruneWidening).
EnclosingCompartment addEnclosingCompartment(const Volume& v, Region& region, const BlockSource& images, double half,
                                             double noise, Index3 leak, std::array<bool, 3> thick,
                                             const std::optional<Block>& boxBlock, bool fillHoles, Index3 seed);

}  // namespace mensura::imaging::detail
