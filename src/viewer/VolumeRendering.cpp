#include "mensura/viewer/VolumeRendering.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <vtkColorTransferFunction.h>
#include <vtkFloatArray.h>
#include <vtkFlyingEdges3D.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkPiecewiseFunction.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkPolyDataNormals.h>
#include <vtkShortArray.h>
#include <vtkUnsignedCharArray.h>
#include <vtkVolumeProperty.h>
#include <vtkWindowedSincPolyDataFilter.h>

namespace mensura::viewer {

namespace {

std::array<int, 3> factorsFor(const imaging::VolumeGeometry& g, int maxDim) {
    std::array<int, 3> f{1, 1, 1};
    for (int c = 0; c < 3; ++c) f[c] = std::max(1, int((g.size[c] + std::size_t(maxDim) - 1) / std::size_t(maxDim)));
    return f;
}

// Mean of each f0 x f1 x f2 block (a trailing partial block is dropped). The image's origin is
// the centre of the first block in the series' image coordinates (index * spacing).
template <class T, class Array>
vtkSmartPointer<vtkImageData> blockAverage(const T* src, const imaging::VolumeGeometry& g, std::array<int, 3> f) {
    const std::size_t n0 = std::max<std::size_t>(1, g.size[0] / f[0]), n1 = std::max<std::size_t>(1, g.size[1] / f[1]),
                      n2 = std::max<std::size_t>(1, g.size[2] / f[2]);
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(int(n0), int(n1), int(n2));
    image->SetSpacing(g.spacingMm.x * f[0], g.spacingMm.y * f[1], g.spacingMm.z * f[2]);
    image->SetOrigin(0.5 * (f[0] - 1) * g.spacingMm.x, 0.5 * (f[1] - 1) * g.spacingMm.y,
                     0.5 * (f[2] - 1) * g.spacingMm.z);
    vtkNew<Array> scalars;
    scalars->SetNumberOfValues(vtkIdType(n0 * n1 * n2));
    T* out = scalars->GetPointer(0);
    const double scale = 1.0 / (double(f[0]) * f[1] * f[2]);
    std::vector<double> sums(n0 * n1);
    for (std::size_t k = 0; k < n2; ++k) {
        std::fill(sums.begin(), sums.end(), 0.0);
        for (int dk = 0; dk < f[2]; ++dk)
            for (std::size_t j = 0; j < n1 * f[1]; ++j) {
                const T* row = src + g.size[0] * (j + g.size[1] * (k * f[2] + dk));
                double* sumRow = sums.data() + n0 * (j / f[1]);
                for (std::size_t i = 0; i < n0 * f[0]; ++i) sumRow[i / f[0]] += row[i];
            }
        T* slice = out + n0 * n1 * k;
        for (std::size_t x = 0; x < n0 * n1; ++x) slice[x] = T(std::lround(sums[x] * scale));
    }
    image->GetPointData()->SetScalars(scalars);
    return image;
}

template <class T, class Array>
vtkSmartPointer<vtkImageData> renderImage(const T* src, const imaging::VolumeGeometry& g, std::array<int, 3> f) {
    if (f[0] > 1 || f[1] > 1 || f[2] > 1) return blockAverage<T, Array>(src, g, f);
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(int(g.size[0]), int(g.size[1]), int(g.size[2]));
    image->SetSpacing(g.spacingMm.x, g.spacingMm.y, g.spacingMm.z);
    image->SetOrigin(0, 0, 0);
    vtkNew<Array> scalars;
    // VTK only reads it; RenderImages::volume keeps the buffer alive.
    scalars->SetArray(const_cast<T*>(src), vtkIdType(g.voxelCount()), 1);
    image->GetPointData()->SetScalars(scalars);
    return image;
}

double percentile(std::vector<float>& values, double p) {
    if (values.empty()) return 0;
    const auto nth = values.begin() + std::ptrdiff_t(p * double(values.size() - 1));
    std::nth_element(values.begin(), nth, values.end());
    return *nth;
}

struct Point {
    double value, opacity;
};
struct ColorPoint {
    double value, r, g, b;
};

void setFunctions(vtkVolumeProperty* property, std::initializer_list<Point> opacity,
                  std::initializer_list<ColorPoint> colour) {
    vtkNew<vtkPiecewiseFunction> o;
    for (const Point& p : opacity) o->AddPoint(p.value, p.opacity);
    vtkNew<vtkColorTransferFunction> c;
    for (const ColorPoint& p : colour) c->AddRGBPoint(p.value, p.r, p.g, p.b);
    property->SetScalarOpacity(o);
    property->SetColor(c);
}

}  // namespace

const char* presetName(VolumePreset preset) {
    switch (preset) {
        case VolumePreset::Auto:
            return "Auto";
        case VolumePreset::CtBone:
            return "CT bone";
        case VolumePreset::CtSoftTissue:
            return "CT soft tissue";
        case VolumePreset::MrAuto:
            return "MR (auto range)";
    }
    return "";
}

RenderImages buildRenderImages(std::shared_ptr<const imaging::Volume> volume, int stillMaxDim, int interactiveMaxDim) {
    RenderImages r;
    r.volume = std::move(volume);
    const imaging::Volume& v = *r.volume;
    const imaging::VolumeGeometry& g = v.geometry;
    if (g.voxelCount() == 0) return r;
    r.stillFactor = factorsFor(g, stillMaxDim);
    r.interactiveFactor = factorsFor(g, interactiveMaxDim);
    if (v.voxelType == imaging::VoxelType::Int16) {
        r.still = renderImage<int16_t, vtkShortArray>(v.int16Voxels.data(), g, r.stillFactor);
        r.interactive = renderImage<int16_t, vtkShortArray>(v.int16Voxels.data(), g, r.interactiveFactor);
    } else {
        r.still = renderImage<float, vtkFloatArray>(v.floatVoxels.data(), g, r.stillFactor);
        r.interactive = renderImage<float, vtkFloatArray>(v.floatVoxels.data(), g, r.interactiveFactor);
    }
    vtkDataArray* scalars = r.interactive->GetPointData()->GetScalars();
    std::vector<float> values(std::size_t(scalars->GetNumberOfTuples()));
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = float(scalars->GetComponent(vtkIdType(i), 0));
    r.p50 = percentile(values, 0.50);
    r.p99 = percentile(values, 0.99);
    r.p999 = percentile(values, 0.999);
    return r;
}

VolumePreset resolvePreset(VolumePreset preset, const imaging::Volume& volume) {
    const bool ct = volume.valueUnit == "HU" || volume.modality == "CT";
    if (preset == VolumePreset::Auto) return ct ? VolumePreset::CtBone : VolumePreset::MrAuto;
    // HU presets on MR values would show nothing useful.
    if (!ct && preset != VolumePreset::MrAuto) return VolumePreset::MrAuto;
    return preset;
}

void applyPreset(VolumePreset resolved, const RenderImages& images, vtkVolumeProperty* property) {
    property->SetInterpolationTypeToLinear();
    property->ShadeOn();
    property->SetAmbient(0.25);
    property->SetDiffuse(0.75);
    property->SetSpecular(0.25);
    property->SetSpecularPower(20);
    property->SetScalarOpacityUnitDistance(1.0);  // opacity per mm: the same look at every sampling
    switch (resolved) {
        case VolumePreset::CtBone:
            // Cortical and trabecular bone; soft tissue, fat and air transparent.
            setFunctions(property, {{-1024, 0}, {150, 0}, {300, 0.15}, {700, 0.8}, {3000, 0.9}},
                         {{-1024, 0, 0, 0},
                          {150, 0.80, 0.50, 0.35},
                          {300, 0.93, 0.80, 0.65},
                          {700, 1.0, 0.96, 0.88},
                          {3000, 1, 1, 1}});
            break;
        case VolumePreset::CtSoftTissue:
            // The body's surface as muscle-coloured tissue, bone white (the usual "CT muscle" ramp).
            setFunctions(property, {{-1024, 0}, {-155, 0}, {217, 0.68}, {420, 0.83}, {3000, 0.8}},
                         {{-1024, 0, 0, 0},
                          {-155, 0.55, 0.25, 0.15},
                          {217, 0.88, 0.60, 0.29},
                          {420, 1.0, 0.94, 0.95},
                          {3000, 0.83, 0.66, 1.0}});
            break;
        case VolumePreset::MrAuto:
        case VolumePreset::Auto: {
            // Everything at or below the median (air, background, most of the field of view) is
            // transparent; the bright top percent is nearly opaque.
            const double lo = images.p50, hi = std::max(images.p99, lo + 1), top = std::max(images.p999, hi + 1);
            setFunctions(property, {{lo, 0}, {lo + 0.5 * (hi - lo), 0.05}, {hi, 0.4}, {top, 0.8}},
                         {{lo, 0.35, 0.30, 0.28}, {hi, 0.95, 0.92, 0.88}, {top, 1, 1, 1}});
            property->SetAmbient(0.35);
            property->SetDiffuse(0.65);
            property->SetSpecular(0.1);
            break;
        }
    }
}

vtkSmartPointer<vtkMatrix4x4> imageToLps(const imaging::VolumeGeometry& g) {
    auto m = vtkSmartPointer<vtkMatrix4x4>::New();
    for (int c = 0; c < 3; ++c)
        for (int r = 0; r < 3; ++r) m->SetElement(r, c, g.axes[std::size_t(c)][r]);
    for (int r = 0; r < 3; ++r) m->SetElement(r, 3, g.originLps[r]);
    return m;
}

vtkSmartPointer<vtkPolyData> maskSurface(const imaging::LesionMask& mask) {
    auto surface = vtkSmartPointer<vtkPolyData>::New();
    const auto& g = mask.geometry;
    if (mask.voxels.empty() || mask.count() == 0) return surface;
    // One voxel of padding so that a lesion touching the block's edge still gets a closed surface.
    const std::size_t n0 = g.size[0] + 2, n1 = g.size[1] + 2, n2 = g.size[2] + 2;
    vtkNew<vtkImageData> image;
    image->SetDimensions(int(n0), int(n1), int(n2));
    image->SetSpacing(g.spacingMm.x, g.spacingMm.y, g.spacingMm.z);
    image->SetOrigin(-g.spacingMm.x, -g.spacingMm.y, -g.spacingMm.z);
    vtkNew<vtkUnsignedCharArray> scalars;
    scalars->SetNumberOfValues(vtkIdType(n0 * n1 * n2));
    std::fill_n(scalars->GetPointer(0), n0 * n1 * n2, 0);
    for (std::size_t k = 0; k < g.size[2]; ++k)
        for (std::size_t j = 0; j < g.size[1]; ++j)
            for (std::size_t i = 0; i < g.size[0]; ++i)
                if (mask.inside(i, j, k)) scalars->SetValue(vtkIdType((i + 1) + n0 * ((j + 1) + n1 * (k + 1))), 255);
    image->GetPointData()->SetScalars(scalars);

    vtkNew<vtkFlyingEdges3D> contour;
    contour->SetInputData(image);
    contour->SetValue(0, 127.5);
    contour->ComputeNormalsOff();
    contour->ComputeGradientsOff();
    contour->ComputeScalarsOff();
    vtkNew<vtkWindowedSincPolyDataFilter> smooth;  // takes the voxel staircase off
    smooth->SetInputConnection(contour->GetOutputPort());
    smooth->SetNumberOfIterations(15);
    smooth->SetPassBand(0.1);
    smooth->NonManifoldSmoothingOn();
    smooth->NormalizeCoordinatesOn();
    vtkNew<vtkPolyDataNormals> normals;
    normals->SetInputConnection(smooth->GetOutputPort());
    normals->SplittingOff();
    normals->ConsistencyOn();
    normals->AutoOrientNormalsOn();
    normals->Update();
    surface->ShallowCopy(normals->GetOutput());
    return surface;
}

}  // namespace mensura::viewer
