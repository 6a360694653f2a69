#include "PacsTestData.h"

#include <cmath>
#include <filesystem>

#include "OrthancServer.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/VolumeLoader.h"
#include "mensura/pacs/InstanceFiles.h"

namespace mensura::test {
namespace fs = std::filesystem;
using namespace mensura::imaging;

std::string sampleStudyFolder() { return std::string(MENSURA_SAMPLE_DICOM) + "/asps_tongue_followup/followup"; }

std::string sampleStudyUid() {
    const auto files = OrthancServer::filesUnder(sampleStudyFolder());
    auto id = pacs::readInstanceIdentity(files.front());
    return id ? id->studyInstanceUid : std::string();
}

std::string compareSeries(const std::string& originalFolder, const std::string& retrievedFolder) {
    std::string error;
    const DicomIndex original = indexPath(originalFolder, {}, &error);
    const DicomIndex retrieved = indexPath(retrievedFolder, {}, &error);
    const auto stacks = original.allStacks();
    if (stacks.empty()) return "no series in " + originalFolder;
    if (retrieved.allStacks().size() != stacks.size())
        return "retrieved " + std::to_string(retrieved.allStacks().size()) + " stacks, original has " +
               std::to_string(stacks.size());
    for (const SeriesStack* stack : stacks) {
        const SeriesStack* other = retrieved.findStack(stack->stackId);
        if (!other) return "series " + stack->stackId + " missing from retrieved files";
        auto a = loadVolume(*stack);
        auto b = loadVolume(*other);
        if (!a || !b) return "load failed: " + (a ? b.error().message : a.error().message);
        const auto& ga = a->geometry;
        const auto& gb = b->geometry;
        if (ga.size != gb.size) return "size differs in " + stack->stackId;
        for (int i = 0; i < 3; ++i) {
            if (std::abs(ga.spacingMm[i] - gb.spacingMm[i]) > 1e-9) return "spacing differs in " + stack->stackId;
            if (std::abs(ga.originLps[i] - gb.originLps[i]) > 1e-9) return "origin differs in " + stack->stackId;
            for (int j = 0; j < 3; ++j)
                if (std::abs(ga.axes[i][j] - gb.axes[i][j]) > 1e-9) return "direction differs in " + stack->stackId;
        }
        if (a->voxelType != b->voxelType) return "voxel type differs in " + stack->stackId;
        for (std::size_t v = 0; v < ga.voxelCount(); ++v)
            if (a->at(v) != b->at(v)) return "voxel " + std::to_string(v) + " differs in " + stack->stackId;
    }
    return {};
}

std::string copySrFixture(const std::string& folder) {
    const fs::path source = fs::path(MENSURA_SHARED_DICOM) / "seg_sr_highdicom_fixtures" / "sr_document.dcm";
    if (!fs::exists(source)) return {};
    const fs::path target = fs::path(folder) / "sr_document.dcm";
    fs::copy_file(source, target, fs::copy_options::overwrite_existing);
    return target.string();
}

}  // namespace mensura::test
