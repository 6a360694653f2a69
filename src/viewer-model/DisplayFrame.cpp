#include "mensura/viewer-model/DisplayFrame.h"

#include <algorithm>
#include <cmath>

namespace mensura::viewer {

using imaging::Vec3;

const char* planeName(ViewPlane plane) {
    switch (plane) {
        case ViewPlane::Axial:
            return "Axial";
        case ViewPlane::Coronal:
            return "Coronal";
        case ViewPlane::Sagittal:
            return "Sagittal";
    }
    return "";
}

namespace {

// voxelAxisFor[a]: the voxel axis closest to patient axis a (0 = L, 1 = P, 2 = S), as the
// permutation with the largest total alignment, so that a 45-degree oblique still gets
// three distinct axes.
std::array<int, 3> voxelAxisForPatientAxes(const imaging::VolumeGeometry& g) {
    static const std::array<std::array<int, 3>, 6> perms{
        {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}};
    std::array<int, 3> best = perms[0];
    double bestScore = -1;
    for (const auto& p : perms) {
        double score = 0;
        for (int a = 0; a < 3; ++a) score += std::fabs(g.axes[static_cast<std::size_t>(p[a])][a]);
        if (score > bestScore + 1e-9) {
            bestScore = score;
            best = p;
        }
    }
    return best;
}

}  // namespace

DisplayFrame displayFrameFor(const imaging::VolumeGeometry& g, ViewPlane plane) {
    const std::array<int, 3> voxelAxis = voxelAxisForPatientAxes(g);
    // aligned[a]: voxel axis voxelAxis[a], signed to point towards +L, +P or +S.
    std::array<Vec3, 3> aligned;
    for (int a = 0; a < 3; ++a) {
        const Vec3 axis = imaging::normalized(g.axes[static_cast<std::size_t>(voxelAxis[a])]);
        aligned[static_cast<std::size_t>(a)] = axis[a] >= 0 ? axis : -1.0 * axis;
    }
    DisplayFrame f;
    f.plane = plane;
    switch (plane) {
        case ViewPlane::Axial:  // right = L, up = A
            f.rightAxis = voxelAxis[0];
            f.upAxis = voxelAxis[1];
            f.right = aligned[0];
            f.up = -1.0 * aligned[1];
            break;
        case ViewPlane::Coronal:  // right = L, up = S
            f.rightAxis = voxelAxis[0];
            f.upAxis = voxelAxis[2];
            f.right = aligned[0];
            f.up = aligned[2];
            break;
        case ViewPlane::Sagittal:  // right = P, up = S
            f.rightAxis = voxelAxis[1];
            f.upAxis = voxelAxis[2];
            f.right = aligned[1];
            f.up = aligned[2];
            break;
    }
    f.sliceAxis = 3 - f.rightAxis - f.upAxis;
    f.normal = imaging::normalized(imaging::cross(f.right, f.up));
    const auto r = static_cast<std::size_t>(f.rightAxis), u = static_cast<std::size_t>(f.upAxis),
               s = static_cast<std::size_t>(f.sliceAxis);
    f.columns = g.size[r];
    f.rows = g.size[u];
    f.sliceCount = g.size[s];
    f.columnSpacingMm = g.spacingMm[static_cast<int>(r)];
    f.rowSpacingMm = g.spacingMm[static_cast<int>(u)];
    f.sliceSpacingMm = g.spacingMm[static_cast<int>(s)];
    return f;
}

ViewPlane acquisitionPlane(const imaging::VolumeGeometry& g) {
    for (ViewPlane p : {ViewPlane::Axial, ViewPlane::Coronal, ViewPlane::Sagittal})
        if (displayFrameFor(g, p).sliceAxis == 2) return p;
    return ViewPlane::Axial;
}

std::string DisplayFrame::leftLabel() const { return imaging::orientationLetters(-1.0 * right); }
std::string DisplayFrame::rightLabel() const { return imaging::orientationLetters(right); }
std::string DisplayFrame::topLabel() const { return imaging::orientationLetters(up); }
std::string DisplayFrame::bottomLabel() const { return imaging::orientationLetters(-1.0 * up); }

imaging::PointLps sliceCornerLps(const imaging::VolumeGeometry& g, const DisplayFrame& f, std::size_t slice) {
    std::array<double, 3> index{0, 0, 0};
    // In-plane index 0 is the voxel with the smallest screen coordinate: reversed axes start at
    // their far end.
    const Vec3& axisR = g.axes[static_cast<std::size_t>(f.rightAxis)];
    const Vec3& axisU = g.axes[static_cast<std::size_t>(f.upAxis)];
    if (imaging::dot(axisR, f.right) < 0) index[static_cast<std::size_t>(f.rightAxis)] = double(f.columns) - 1;
    if (imaging::dot(axisU, f.up) < 0) index[static_cast<std::size_t>(f.upAxis)] = double(f.rows) - 1;
    index[static_cast<std::size_t>(f.sliceAxis)] = double(slice);
    return g.indexToLps(index[0], index[1], index[2]);
}

}  // namespace mensura::viewer
