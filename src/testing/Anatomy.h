#pragma once
// Simple but plausible anatomy for the seed cases: a neck with a cervicothoracic spine
// (vertebral bodies with cortex and cancellous bone, posterior elements, discs, canal and
// cord) and a head (scalp, skull tables and diploe, dura, brain). Sizes are adult averages.
#include <map>
#include <string>
#include <vector>

#include "mensura/testing/Scene.h"

namespace mensura::imaging::phantom {

struct Vertebra {
    std::string level;           // "C1" .. "T2"
    PointLps bodyCentre;         // LPS; for C1 (no body) the centre of the ring
    Solid body;                  // outer solid of the body (cortex), or C1's ring box
    double bodyHeightMm = 0;     // as built (after any collapse)
    double nominalHeightMm = 0;  // before collapse
    std::vector<Solid> bone;     // every outer bone solid of the level (for lytic fractions)
};

struct SpineOptions {
    std::vector<std::string> levels;         // from the top, consecutive, e.g. C1..T2
    double topZ = 20;                        // z of the top level's centre
    Vec3 offset{0, 0, 0};                    // shift of the whole column in LPS
    std::map<std::string, double> collapse;  // level -> remaining height fraction (C6: 0.5)
};

struct Spine {
    std::vector<Vertebra> vertebrae;
    Solid canal, cord;
    const Vertebra& at(const std::string& level) const;
};

// Neck soft tissue (fat, muscle, airway) around the spine's axis, from zLow to zHigh.
void addNeck(Scene& scene, double zLow, double zHigh, Vec3 offset = {});
// Vertebrae, discs, canal and cord; the canal and cord are added last (paint the lesions that
// compress them after calling this).
Spine addSpine(Scene& scene, const SpineOptions& options);

struct Head {
    Solid scalp, skullOuter;
    Solid skullInner;  // the inner surface of the skull (= the outer surface of the dura)
    Solid duraInner, brain;
};
Head addHead(Scene& scene, PointLps centre);

}  // namespace mensura::imaging::phantom
