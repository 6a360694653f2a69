#include "GdcmFrameDecoder.h"

#include <gdcmImage.h>
#include <gdcmImageReader.h>

namespace mensura::imaging::detail {

Result<std::vector<uint8_t>> decodeStoredWithGdcm(const std::string& path, std::size_t expectedBytes) {
    // gdcm::ImageReader decodes in place. (ITK's GDCMImageIO goes through
    // gdcm::ImageChangeTransferSyntax, which leaks the OpenJPEG codec and a frame buffer, about
    // 0.5 MB, per JPEG 2000 file in GDCM 3.0.21: LeakSanitizer showed it.)
    gdcm::ImageReader reader;
    reader.SetFileName(path.c_str());
    if (!reader.Read()) return Error{path + ": GDCM could not read the file"};
    const gdcm::Image& image = reader.GetImage();
    const std::size_t length = image.GetBufferLength();
    if (length < expectedBytes)
        return Error{path + ": GDCM decoded " + std::to_string(length) + " bytes, Rows x Columns x frames need " +
                     std::to_string(expectedBytes)};
    std::vector<uint8_t> out(length);
    if (!image.GetBuffer(reinterpret_cast<char*>(out.data())))
        return Error{path + ": GDCM could not decode the pixel data"};
    out.resize(expectedBytes);
    return out;
}

}  // namespace mensura::imaging::detail
