#pragma once
// Writing instances that arrive over the network, and reading the identity of local files.
// DCMTK types stay out of this header: the dataset is passed as an opaque pointer.
#include <string>

#include "mensura/core/Result.h"
#include "mensura/pacs/PacsQuery.h"

class DcmDataset;

namespace mensura::imaging::pacs {

struct WrittenInstance {
    std::string path;
    InstanceRecord identity;
};

// Saves a received dataset (in the transfer syntax it arrived in, compressed pixel data
// untouched) as outDir/<SeriesInstanceUID>/<SOPInstanceUID>.dcm. Takes ownership of dataset.
Result<WrittenInstance> writeReceivedInstance(DcmDataset* dataset, const std::string& outDir);

// Same for a file already on disk (a WADO-RS part): moved to its final name.
Result<WrittenInstance> placeInstanceFile(const std::string& tempPath, const std::string& outDir);

// Reads study/series/SOP instance and SOP class UIDs of a DICOM file (header only).
Result<InstanceRecord> readInstanceIdentity(const std::string& path);

}  // namespace mensura::imaging::pacs
