#pragma once
// Where an annotation was drawn: by UID, never by file name or voxel index (architecture
// rule 2). Annotations of one frame of reference can be shown together across series.
#include <string>
#include <tuple>

namespace mensura::annotations {

struct ImageReference {
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    std::string sopInstanceUid;  // empty for a whole-series (3D) annotation
    int frameNumber = 0;         // 1-based for multi-frame instances; 0 when not applicable
    std::string frameOfReferenceUid;

    bool operator==(const ImageReference& o) const {
        return std::tie(studyInstanceUid, seriesInstanceUid, sopInstanceUid, frameNumber, frameOfReferenceUid) ==
               std::tie(o.studyInstanceUid, o.seriesInstanceUid, o.sopInstanceUid, o.frameNumber,
                        o.frameOfReferenceUid);
    }
};

}  // namespace mensura::annotations
