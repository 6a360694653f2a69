#pragma once
// The data behind the 3D view, prepared so that the GUI thread only hands it to VTK: a still and
// an interactive copy of the volume for the ray caster (block-averaged to a bounded size on a
// worker thread), the transfer-function presets, the lesion surface and the image-to-patient
// matrix. VTK image coordinates are index * spacing (origin 0, identity direction); the matrix
// from imageToLps() places them in LPS, so every acquisition plane renders in patient space.
#include <memory>
#include <utility>

#include <vtkSmartPointer.h>

#include "mensura/core/Volume.h"
#include "mensura/measure/LesionMask.h"

class vtkImageData;
class vtkMatrix4x4;
class vtkPolyData;
class vtkVolumeProperty;

namespace mensura::viewer {

enum class VolumePreset { Auto, CtBone, CtSoftTissue, MrAuto };

const char* presetName(VolumePreset preset);

struct RenderImages {
    std::shared_ptr<const imaging::Volume> volume;  // keeps a shared (uncopied) buffer alive
    vtkSmartPointer<vtkImageData> still, interactive;
    // Block-averaging factors of the two images per voxel axis.
    std::array<int, 3> stillFactor{1, 1, 1}, interactiveFactor{1, 1, 1};
    // Value percentiles of the interactive image (the MR preset is built from them).
    double p50 = 0, p99 = 0, p999 = 0;
};

// Runs on a worker thread. Axes longer than maxDim voxels are block-averaged (2, 3, ...); a
// volume already within stillMaxDim is shared with VTK, not copied.
RenderImages buildRenderImages(std::shared_ptr<const imaging::Volume> volume, int stillMaxDim, int interactiveMaxDim);

// CT without a named preset gets bone; anything that is not HU gets the MR preset.
VolumePreset resolvePreset(VolumePreset preset, const imaging::Volume& volume);
void applyPreset(VolumePreset resolved, const RenderImages& images, vtkVolumeProperty* property);

// Column c is the LPS direction of voxel axis c, the translation the LPS centre of voxel 0.
vtkSmartPointer<vtkMatrix4x4> imageToLps(const imaging::VolumeGeometry& geometry);

// The mask's boundary as a smoothed triangle surface in the mask block's image coordinates
// (place it with imageToLps(mask.geometry)); empty for an empty mask.
vtkSmartPointer<vtkPolyData> maskSurface(const imaging::LesionMask& mask);

}  // namespace mensura::viewer
