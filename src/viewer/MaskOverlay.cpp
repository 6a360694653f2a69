#include "MaskOverlay.h"

#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageMapToColors.h>
#include <vtkImageMapper3D.h>
#include <vtkImageProperty.h>
#include <vtkImageReslice.h>
#include <vtkLookupTable.h>
#include <vtkMatrix4x4.h>
#include <vtkPointData.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

namespace mensura::viewer {

MaskOverlay::MaskOverlay(vtkRenderer* renderer) {
    reslice_ = vtkSmartPointer<vtkImageReslice>::New();
    reslice_->SetOutputDimensionality(2);
    reslice_->SetInterpolationModeToNearestNeighbor();
    reslice_->SetBackgroundLevel(0);
    vtkNew<vtkLookupTable> lut;
    lut->SetNumberOfTableValues(2);
    lut->SetTableRange(0, 1);
    lut->SetTableValue(0, 0, 0, 0, 0);
    lut->SetTableValue(1, 1.0, 0.2, 0.2, 0.45);
    lut->Build();
    vtkNew<vtkImageMapToColors> colors;
    colors->SetLookupTable(lut);
    colors->SetOutputFormatToRGBA();
    colors->SetInputConnection(reslice_->GetOutputPort());
    actor_ = vtkSmartPointer<vtkImageActor>::New();
    actor_->GetMapper()->SetInputConnection(colors->GetOutputPort());
    actor_->GetProperty()->SetInterpolationTypeToNearest();
    actor_->SetPosition(0, 0, 0.5);  // just above the image, towards the camera
    actor_->SetVisibility(false);
    renderer->AddViewProp(actor_);
}

MaskOverlay::~MaskOverlay() = default;

void MaskOverlay::setMask(std::shared_ptr<const imaging::LesionMask> mask, const imaging::VolumeGeometry& series) {
    mask_ = std::move(mask);
    if (!mask_ || mask_->voxels.empty()) {
        actor_->SetVisibility(false);
        return;
    }
    const auto& g = mask_->geometry;
    image_ = vtkSmartPointer<vtkImageData>::New();
    image_->SetDimensions(int(g.size[0]), int(g.size[1]), int(g.size[2]));
    image_->SetSpacing(series.spacingMm.x, series.spacingMm.y, series.spacingMm.z);
    // The view's VTK image has origin 0 and spacing of the series: the block starts at its offset.
    image_->SetOrigin(double(mask_->offset[0]) * series.spacingMm.x, double(mask_->offset[1]) * series.spacingMm.y,
                      double(mask_->offset[2]) * series.spacingMm.z);
    vtkNew<vtkUnsignedCharArray> scalars;
    scalars->SetArray(const_cast<std::uint8_t*>(mask_->voxels.data()), vtkIdType(mask_->voxels.size()), 1);
    image_->GetPointData()->SetScalars(scalars);
    reslice_->SetInputData(image_);
    actor_->SetVisibility(true);
}

void MaskOverlay::update(vtkMatrix4x4* axes, double columnSpacing, double rowSpacing, int columns, int rows) {
    if (!mask_) return;
    reslice_->SetResliceAxes(axes);
    reslice_->SetOutputSpacing(columnSpacing, rowSpacing, 1);
    reslice_->SetOutputOrigin(0, 0, 0);
    reslice_->SetOutputExtent(0, columns - 1, 0, rows - 1, 0, 0);
}

}  // namespace mensura::viewer
