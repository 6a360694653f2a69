#pragma once
// Local cache of retrieved studies: one folder per study plus an index (index.json), so a
// study already present opens at once and is never fetched twice. Above the size limit the
// least recently used studies are evicted, never one the case layer says is pinned (unsaved
// annotations).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "mensura/core/Result.h"

namespace mensura::imaging::pacs {

struct CachedStudy {
    std::string studyInstanceUid;
    std::string source;  // where it came from (peer or URL)
    std::uint64_t bytes = 0;
    std::uint64_t lastUsed = 0;  // the cache's use counter: larger is more recent
    bool complete = false;       // false: a retrieval that was cut off; never offered as the study
    std::size_t instances = 0;
};

class StudyCache {
  public:
    using PinnedPredicate = std::function<bool(const std::string& studyInstanceUid)>;

    // Creates root if needed and reads its index; limitBytes 0 means no limit.
    static Result<StudyCache> open(const std::string& root, std::uint64_t limitBytes, PinnedPredicate pinned = {});

    // The folder of a complete cached study (and marks it used); nullopt when absent or partial.
    std::optional<std::string> find(const std::string& studyInstanceUid);
    // Where a retrieval of this study should write.
    std::string folderFor(const std::string& studyInstanceUid) const;
    // Records what a retrieval left in folderFor(uid), then evicts down to the limit.
    Result<std::vector<std::string>> commit(const std::string& studyInstanceUid, const std::string& source,
                                            bool complete, std::size_t instances);
    // Evicts least recently used, unpinned studies until the total is within the limit;
    // returns the evicted UIDs. keep is never evicted (the study just opened).
    Result<std::vector<std::string>> evict(const std::string& keep = {});
    Result<bool> remove(const std::string& studyInstanceUid);

    std::uint64_t totalBytes() const;
    std::uint64_t limitBytes() const { return limit_; }
    const std::vector<CachedStudy>& studies() const { return studies_; }
    void setPinnedPredicate(PinnedPredicate pinned) { pinned_ = std::move(pinned); }

  private:
    Result<bool> save() const;
    CachedStudy* entry(const std::string& uid);
    std::string root_;
    std::uint64_t limit_ = 0, clock_ = 0;
    PinnedPredicate pinned_;
    std::vector<CachedStudy> studies_;
};

}  // namespace mensura::imaging::pacs
