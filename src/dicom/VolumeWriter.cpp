#include "mensura/dicom/VolumeWriter.h"

#include "mensura/core/AtomicFile.h"

#include <itkImage.h>
#include <itkImageFileWriter.h>
#include <itkImportImageFilter.h>
#include <itkNiftiImageIO.h>
#include <itkNrrdImageIO.h>

#include <filesystem>

namespace fs = std::filesystem;

namespace mensura::imaging {
namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

template <class T>
std::string write(const Volume& v, const T* data, const std::string& tmp, itk::ImageIOBase* io) {
    using Image = itk::Image<T, 3>;
    auto import = itk::ImportImageFilter<T, 3>::New();
    typename Image::SizeType size;
    typename Image::SpacingType spacing;
    typename Image::PointType origin;
    typename Image::DirectionType direction;
    const auto& g = v.geometry;
    for (unsigned a = 0; a < 3; ++a) {
        size[a] = g.size[a];
        spacing[a] = g.spacingMm[static_cast<int>(a)];
        origin[a] = g.originLps[static_cast<int>(a)];
        for (unsigned c = 0; c < 3; ++c) direction[a][c] = g.axes[c][static_cast<int>(a)];
    }
    typename Image::RegionType region;
    region.SetSize(size);
    import->SetRegion(region);
    import->SetSpacing(spacing);
    import->SetOrigin(origin);
    import->SetDirection(direction);
    // ITK reads the buffer in place (no copy); it does not own it.
    import->SetImportPointer(const_cast<T*>(data), g.voxelCount(), false);
    auto writer = itk::ImageFileWriter<Image>::New();
    writer->SetInput(import->GetOutput());
    writer->SetImageIO(io);
    writer->SetFileName(tmp);
    writer->SetUseCompression(true);
    try {
        writer->Update();
    } catch (const itk::ExceptionObject& e) {
        return e.GetDescription();
    }
    return {};
}

}  // namespace

Result<std::string> writeVolumeFile(const Volume& v, const std::string& path) {
    itk::ImageIOBase::Pointer io;
    std::string ext;
    for (const char* e : {".nii.gz", ".nii", ".nrrd", ".nhdr"})
        if (endsWith(path, e)) {
            ext = e;
            break;
        }
    if (ext == ".nii.gz" || ext == ".nii")
        io = itk::NiftiImageIO::New();
    else if (ext == ".nrrd" || ext == ".nhdr")
        io = itk::NrrdImageIO::New();
    else
        return Error{path + ": unknown output format (use .nii.gz, .nii or .nrrd)"};
    if (v.geometry.voxelCount() == 0) return Error{path + ": the volume is empty"};

    // ITK picks the format from the extension, so the temporary ends with it too.
    auto e = annotations::writeThroughTemporary(
        path,
        [&](const std::string& tmp) -> std::optional<Error> {
            const std::string error = v.voxelType == VoxelType::Int16 ? write(v, v.int16Voxels.data(), tmp, io)
                                                                      : write(v, v.floatVoxels.data(), tmp, io);
            if (!error.empty()) return Error{path + ": write failed: " + error};
            return std::nullopt;
        },
        ext);
    if (e) return *e;
    return path;
}

}  // namespace mensura::imaging
