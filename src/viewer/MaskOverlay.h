#pragma once
// A lesion mask drawn over a slice view: the mask block is cut by its own vtkImageReslice with the
// view's reslice axes (the mask lies on the series grid), coloured semi-transparent red.
#include <memory>

#include <vtkSmartPointer.h>

#include "mensura/core/VolumeGeometry.h"
#include "mensura/measure/LesionMask.h"

class vtkImageActor;
class vtkImageData;
class vtkImageReslice;
class vtkMatrix4x4;
class vtkRenderer;

namespace mensura::viewer {

class MaskOverlay {
  public:
    explicit MaskOverlay(vtkRenderer* renderer);
    ~MaskOverlay();

    // The mask (nullptr hides it); its block must lie on the grid of `series`.
    void setMask(std::shared_ptr<const imaging::LesionMask> mask, const imaging::VolumeGeometry& series);
    // The view's output extent and reslice axes (same as the image's).
    void update(vtkMatrix4x4* resliceAxes, double columnSpacing, double rowSpacing, int columns, int rows);

  private:
    std::shared_ptr<const imaging::LesionMask> mask_;
    vtkSmartPointer<vtkImageData> image_;
    vtkSmartPointer<vtkImageReslice> reslice_;
    vtkSmartPointer<vtkImageActor> actor_;
};

}  // namespace mensura::viewer
