#pragma once
// Bone destruction on CT: bone present in an affected ROI against a reference ROI of healthy
// bone (an adjacent vertebra, the other side), cortical breach, vertebral collapse.
//
// Rules (defaults; overridable): cancellous bone 150 to < 600 HU, cortical >= 600 HU.
// Lytic fraction = 1 - (bone volume fraction in the affected box / that in the reference box),
// clamped to [0, 1]. Cortical breach (axial series): on each slice of a box, the cortex is
// intact when it encloses non-cortical voxels (a flood fill from the box edge through non-cortical
// voxels cannot reach them); a slice is breached when the cortex is present but encloses nothing.
#include <optional>
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/core/Volume.h"
#include "mensura/measure/LesionSegmentation.h"

namespace mensura::imaging {

struct BoneThresholds {
    double cancellousMinHu = 150, corticalMinHu = 600;
};

struct BoneComposition {
    double corticalMl = 0, cancellousMl = 0, roiMl = 0;
    std::size_t slicesWithCortex = 0, slicesEnclosed = 0;  // axial slices of the box
    bool clipped = false;  // the box reaches beyond the volume; only its part inside is counted
    double boneFraction() const { return roiMl > 0 ? (corticalMl + cancellousMl) / roiMl : 0; }
};

// name ("affected", "reference") starts the error messages about the box.
Result<BoneComposition> boneComposition(const Volume& ct, const BoxLps& box, const BoneThresholds& t = {},
                                        const std::string& name = "bone ROI");

struct BoneInvolvement {
    BoneComposition affected, reference;
    double lyticFraction = 0;
    bool corticalBreach = false;
    std::size_t breachedSlices = 0;
    std::string rule;
    std::vector<std::string> warnings;  // e.g. a box clipped by the edge of the volume
};

// Errors: not CT (HU), not axial, inverted box, box outside the volume, a reference box with no
// bone, thresholds out of order.
Result<BoneInvolvement> assessBoneInvolvement(const Volume& ct, const BoxLps& affected, const BoxLps& reference,
                                              const BoneThresholds& t = {});

// The vertebral levels in craniocaudal order: C1..C7, T1..T12, L1..L5, S1..S5. The sacrum is
// listed by its five segments because sacral lesions are reported by segment. This is the one
// list: the Level tool (annotations) and the case record's rule (case) take it from here, the
// lowest library that needs it.
const std::vector<std::string>& vertebralLevelNames();

// Vertebral levels as labelled points that a record can cite.
struct VertebralLevel {
    std::string label;  // one of vertebralLevelNames()
    PointLps pointLps;  // e.g. the centre of the vertebral body
};
Result<VertebralLevel> vertebralLevel(const std::string& label, PointLps pointLps);
// The level whose point is nearest to p (nullopt for an empty list).
std::optional<VertebralLevel> nearestLevel(const std::vector<VertebralLevel>& levels, PointLps p);

// Anterior, middle and posterior heights of a vertebral body (mm).
struct VertebralHeights {
    double anteriorMm = 0, middleMm = 0, posteriorMm = 0;
};
struct HeightLoss {
    double percent = 0;
    std::string grade;  // Genant semiquantitative: normal, mild, moderate, severe
    std::string rule;
};
// Height loss = 100 * (1 - smallest affected height / the matching reference height).
Result<HeightLoss> vertebralHeightLoss(const VertebralHeights& affected, const VertebralHeights& reference);

}  // namespace mensura::imaging
