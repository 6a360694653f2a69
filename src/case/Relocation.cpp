#include "mensura/case/Relocation.h"

#include <filesystem>

#include "mensura/dicom/DicomIndex.h"

namespace mensura::annotations {

namespace fs = std::filesystem;

namespace {

// The deepest folder holding every file of the stack.
fs::path commonFolder(const imaging::SeriesStack& stack) {
    fs::path common = fs::path(stack.frames.front().path).parent_path();
    for (const auto& f : stack.frames) {
        const fs::path dir = fs::path(f.path).parent_path();
        while (!common.empty()) {
            auto [a, b] = std::mismatch(common.begin(), common.end(), dir.begin(), dir.end());
            if (a == common.end()) break;
            common = common.parent_path();
        }
    }
    return common;
}

std::string storedPath(const std::string& caseFolder, const fs::path& found) {
    std::error_code ec;
    const fs::path base = fs::weakly_canonical(caseFolder, ec);
    const fs::path target = fs::weakly_canonical(found, ec);
    const fs::path rel = target.lexically_relative(base);
    if (!rel.empty() && *rel.begin() != "..") return rel.string();
    return target.string();
}

}  // namespace

Result<RelocationPlan> planRelocation(const std::string& caseFolder, const CaseDocument& doc,
                                      const std::string& newLocation) {
    std::error_code ec;
    if (!fs::is_directory(newLocation, ec)) return Error{newLocation + ": not a folder"};
    std::string error;
    const imaging::DicomIndex index = imaging::indexPath(newLocation, {}, &error);
    if (!error.empty()) return Error{newLocation + ": " + error};

    RelocationPlan plan;
    plan.references = doc.dicom;
    for (const auto& missing : findMissingReferences(caseFolder, doc)) {
        DicomReference& ref = plan.references[missing.index];
        const imaging::SeriesStack* stack = index.findStack(ref.seriesInstanceUid);
        if (!stack || stack->frames.empty()) {
            plan.stillMissing.push_back(ref.seriesInstanceUid);
            continue;
        }
        const std::string& forUid = stack->first().frameOfReferenceUid;
        if (!ref.frameOfReferenceUid.empty() && forUid != ref.frameOfReferenceUid) {
            plan.stillMissing.push_back(ref.seriesInstanceUid);
            plan.warnings.push_back("series " + ref.seriesInstanceUid + " found under " + newLocation +
                                    " with FrameOfReferenceUID " + forUid + ", expected " + ref.frameOfReferenceUid +
                                    ": not relocated");
            continue;
        }
        ref.path = storedPath(caseFolder, commonFolder(*stack));
        if (ref.studyInstanceUid.empty()) ref.studyInstanceUid = stack->first().studyInstanceUid;
        plan.relocated.push_back(ref.seriesInstanceUid);
    }
    return plan;
}

}  // namespace mensura::annotations
