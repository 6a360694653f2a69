#pragma once
// How one of the three standard views lays a volume out on screen. Display-only geometry (no Qt,
// no VTK): which voxel axis runs to screen-right, which to screen-up and which one is scrolled,
// chosen in patient space so that every acquisition (axial, sagittal, coronal or tilted) shows
// in radiological convention: axial and coronal with patient Right on screen-left, axial with
// Anterior up, coronal and sagittal with Superior up, sagittal with Anterior on screen-left.
// Axes are voxel axes (possibly reversed), so views of an orthonormal grid sample voxel centres
// exactly and nothing is interpolated twice.
#include <array>
#include <string>

#include "mensura/core/VolumeGeometry.h"

namespace mensura::viewer {

enum class ViewPlane { Axial, Coronal, Sagittal };

const char* planeName(ViewPlane plane);

struct DisplayFrame {
    ViewPlane plane = ViewPlane::Axial;
    imaging::Vec3 right, up, normal;               // LPS unit vectors: screen right, screen up, out of screen
    int rightAxis = 0, upAxis = 1, sliceAxis = 2;  // voxel axes (0 = i, 1 = j, 2 = k)
    std::size_t columns = 0, rows = 0, sliceCount = 0;
    double columnSpacingMm = 1, rowSpacingMm = 1, sliceSpacingMm = 1;

    // Patient-orientation letters shown at each edge of the view.
    std::string leftLabel() const;
    std::string rightLabel() const;
    std::string topLabel() const;
    std::string bottomLabel() const;
};

DisplayFrame displayFrameFor(const imaging::VolumeGeometry& geometry, ViewPlane plane);

// The view whose scrolled axis is the acquisition's slice axis k (the plane it was acquired in).
ViewPlane acquisitionPlane(const imaging::VolumeGeometry& geometry);

// LPS centre of the voxel at in-plane index (0, 0) on slice `slice` of the frame: the corner
// the slice plane is laid out from.
imaging::PointLps sliceCornerLps(const imaging::VolumeGeometry& geometry, const DisplayFrame& frame, std::size_t slice);

}  // namespace mensura::viewer
