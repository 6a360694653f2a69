#include "mensura/pacs/InstanceFiles.h"

#include <filesystem>
#include <memory>
#include <system_error>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include "mensura/core/AtomicFile.h"
#include "mensura/core/SafePath.h"
#include "mensura/dicom/DcmtkSetup.h"

namespace mensura::imaging::pacs {
namespace fs = std::filesystem;
namespace {

std::string getString(DcmItem* item, const DcmTagKey& key) {
    OFString value;
    if (item && item->findAndGetOFString(key, value).good()) return value.c_str();
    return {};
}

InstanceRecord identityOf(DcmDataset* ds) {
    return {getString(ds, DCM_StudyInstanceUID), getString(ds, DCM_SeriesInstanceUID),
            getString(ds, DCM_SOPInstanceUID), getString(ds, DCM_SOPClassUID)};
}

Result<std::string> targetPath(const InstanceRecord& id, const std::string& outDir) {
    // The UIDs become path components (SafePath.h).
    auto path = pathInside(outDir, {id.seriesInstanceUid, id.sopInstanceUid + ".dcm"});
    if (!path)
        return Error{"received instance has an invalid SeriesInstanceUID '" + id.seriesInstanceUid +
                     "' or SOPInstanceUID '" + id.sopInstanceUid + "': " + path.error().message};
    const fs::path dir = fs::path(*path).parent_path();
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Error{"cannot create folder " + dir.string() + ": " + ec.message()};
    return *path;
}

}  // namespace

Result<WrittenInstance> writeReceivedInstance(DcmDataset* dataset, const std::string& outDir) {
    if (!dataset) return Error{"no dataset received"};
    const E_TransferSyntax xfer = dataset->getOriginalXfer();
    DcmFileFormat file(dataset, OFFalse);  // takes ownership
    const InstanceRecord id = identityOf(file.getDataset());
    auto path = targetPath(id, outDir);
    if (!path) return path.error();
    if (auto e = annotations::writeThroughTemporary(*path, [&](const std::string& tmp) -> std::optional<Error> {
            const OFCondition cond = file.saveFile(tmp.c_str(), xfer == EXS_Unknown ? EXS_LittleEndianExplicit : xfer);
            if (cond.bad()) return Error{"cannot write " + *path + ": " + cond.text()};
            if (auto e = verifyWrittenDicomFile(tmp)) return Error{*path + ": " + e->message};
            return std::nullopt;
        }))
        return *e;
    return WrittenInstance{*path, id};
}

Result<WrittenInstance> placeInstanceFile(const std::string& tempPath, const std::string& outDir) {
    auto id = readInstanceIdentity(tempPath);
    if (!id) return id.error();
    auto path = targetPath(*id, outDir);
    if (!path) return path.error();
    std::error_code ec;
    fs::rename(tempPath, *path, ec);
    if (ec) return Error{"cannot move " + tempPath + " to " + *path + ": " + ec.message()};
    return WrittenInstance{*path, *id};
}

Result<InstanceRecord> readInstanceIdentity(const std::string& path) {
    initDcmtk();  // quiet logging
    DcmFileFormat file;
    // Stop before the pixel data: only the identifying header is needed.
    const OFCondition cond = file.loadFileUntilTag(path.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength,
                                                   ERM_autoDetect, DCM_PixelData);
    if (cond.bad()) return Error{path + ": not readable as DICOM: " + cond.text()};
    InstanceRecord id = identityOf(file.getDataset());
    if (id.sopInstanceUid.empty()) return Error{path + ": no SOPInstanceUID (0008,0018)"};
    return id;
}

}  // namespace mensura::imaging::pacs
