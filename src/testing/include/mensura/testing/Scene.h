#pragma once
// A phantom as layers of solids painted in order (a later layer replaces what it covers, as a
// tumour replaces bone), rendered per contrast with partial-volume edges and seeded noise.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "mensura/core/VolumeGeometry.h"
#include "mensura/testing/Solid.h"

namespace mensura::imaging::phantom {

enum class Tissue {
    Air,
    Fat,
    Muscle,
    Skin,
    Cord,
    Csf,
    Cancellous,
    Cortex,
    Disc,
    Brain,
    Tongue,
    LesionRim,
    LesionCore,
    Node,
    Dura
};

// What a series shows: CT without/with contrast, or an MR weighting.
enum class Contrast { CtPre, CtPost, T1, T2, Dwi, T1Post, Tirm };

std::string toString(Contrast c);
std::string toString(Tissue t);

// The value of each tissue in each contrast: HU for CT, arbitrary signal for MR with muscle as
// the reference the reports compare against. Per-case overrides (a lesion's own signal) go into
// the lesion tissues.
class TissueTable {
  public:
    TissueTable();  // realistic defaults (sample_dicom/README.md lists them)
    double value(Tissue t, Contrast c) const;
    void set(Tissue t, Contrast c, double v);

  private:
    std::map<std::pair<Tissue, Contrast>, double> values_;
};

struct Layer {
    Solid solid;
    Tissue tissue;
    std::string name;  // for ground truth and debugging
};

class Scene {
  public:
    void add(const Solid& s, Tissue t, std::string name = {}) { layers_.push_back({s, t, std::move(name)}); }
    const std::vector<Layer>& layers() const { return layers_; }

    // Real values on the grid. Voxels a surface passes through are sampled 4x4x4 so edges carry
    // the partial-volume mix that sub-voxel measurement needs. noiseSd 0: no noise.
    std::vector<float> render(const VolumeGeometry& grid, Contrast contrast, const TissueTable& table, double noiseSd,
                              uint32_t seed) const;

    // The tissue at a point (the last layer containing it), Air outside everything.
    Tissue tissueAt(PointLps p) const;

  private:
    std::vector<Layer> layers_;
};

// Monte-Carlo-free volume of what solid 'of' keeps after the layers painted after it: the
// visible volume of a structure, on a regular sub-grid of step mm (deterministic).
double visibleVolumeMm3(const Scene& scene, std::size_t layerIndex, double stepMm = 0.25);

}  // namespace mensura::imaging::phantom
