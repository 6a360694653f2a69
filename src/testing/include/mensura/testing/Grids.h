#pragma once
// Acquisition grids as scanners set them up: axial, sagittal and coronal stacks centred on a
// point, with the standard DICOM row/column directions for each plane.
#include "mensura/core/VolumeGeometry.h"

namespace mensura::imaging::phantom {

// Axial: rows run to the patient's left, columns to posterior, slices foot to head.
VolumeGeometry axialGrid(std::size_t nx, std::size_t ny, std::size_t nz, double pixelMm, double sliceMm,
                         PointLps centre);
// Sagittal: rows run posterior, columns downward (S->I), slices right to left... as written by
// most scanners the slice normal is -L (R); that is what this grid uses.
VolumeGeometry sagittalGrid(std::size_t nx, std::size_t ny, std::size_t nz, double pixelMm, double sliceMm,
                            PointLps centre);
// Coronal: rows run left, columns downward, slices anterior to posterior.
VolumeGeometry coronalGrid(std::size_t nx, std::size_t ny, std::size_t nz, double pixelMm, double sliceMm,
                           PointLps centre);

}  // namespace mensura::imaging::phantom
