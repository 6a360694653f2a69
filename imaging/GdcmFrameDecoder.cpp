#include "GdcmFrameDecoder.h"

#include <itkGDCMImageIO.h>

#include <cstdint>

namespace mensura::imaging::detail {
namespace {

template <class T>
void widen(const std::vector<char>& raw, std::vector<double>& out) {
    const T* p = reinterpret_cast<const T*>(raw.data());
    out.resize(raw.size() / sizeof(T));
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<double>(p[i]);
}

}  // namespace

Result<std::vector<double>> decodeRealValuesWithGdcm(const std::string& path, unsigned rows,
                                                      unsigned columns, unsigned frames) {
    using IO = itk::ImageIOBase;
    auto io = itk::GDCMImageIO::New();
    std::vector<char> raw;
    try {
        io->SetFileName(path);
        io->ReadImageInformation();
        if (io->GetNumberOfComponents() != 1)
            return Error{path + ": GDCM decoded " + std::to_string(io->GetNumberOfComponents()) +
                         " components per pixel; only greyscale is supported"};
        raw.resize(io->GetImageSizeInBytes());
        io->Read(raw.data());
    } catch (const itk::ExceptionObject& e) {
        return Error{path + ": GDCM could not decode the pixel data: " + e.GetDescription()};
    }
    std::vector<double> out;
    switch (io->GetComponentType()) {
        case IO::IOComponentEnum::UCHAR: widen<uint8_t>(raw, out); break;
        case IO::IOComponentEnum::CHAR: widen<int8_t>(raw, out); break;
        case IO::IOComponentEnum::USHORT: widen<uint16_t>(raw, out); break;
        case IO::IOComponentEnum::SHORT: widen<int16_t>(raw, out); break;
        case IO::IOComponentEnum::UINT: widen<uint32_t>(raw, out); break;
        case IO::IOComponentEnum::INT: widen<int32_t>(raw, out); break;
        case IO::IOComponentEnum::FLOAT: widen<float>(raw, out); break;
        case IO::IOComponentEnum::DOUBLE: widen<double>(raw, out); break;
        default: return Error{path + ": GDCM returned an unsupported pixel type"};
    }
    const std::size_t expected = std::size_t(rows) * columns * frames;
    if (out.size() < expected)
        return Error{path + ": GDCM decoded " + std::to_string(out.size()) + " values, expected " +
                     std::to_string(expected)};
    return out;
}

}  // namespace mensura::imaging::detail
