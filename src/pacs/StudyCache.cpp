#include "mensura/pacs/StudyCache.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "mensura/core/AtomicFile.h"
#include "mensura/core/SafePath.h"

namespace mensura::imaging::pacs {
namespace fs = std::filesystem;
namespace {

constexpr int kSchemaVersion = 1;

std::uint64_t folderBytes(const fs::path& dir) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec)) total += it->file_size(ec);
    return total;
}

}  // namespace

Result<StudyCache> StudyCache::open(const std::string& root, std::uint64_t limitBytes, PinnedPredicate pinned) {
    StudyCache cache;
    cache.root_ = root;
    cache.limit_ = limitBytes;
    cache.pinned_ = std::move(pinned);
    std::error_code ec;
    fs::create_directories(fs::path(root) / "studies", ec);
    if (ec) return Error{"study cache: cannot create " + root + ": " + ec.message()};
    const fs::path indexPath = fs::path(root) / "index.json";
    if (!fs::exists(indexPath)) return cache;
    std::ifstream in(indexPath);
    auto json = nlohmann::json::parse(in, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        return Error{"study cache: " + indexPath.string() + " is not valid JSON"};
    if (json.value("schemaVersion", 0) != kSchemaVersion)
        return Error{"study cache: " + indexPath.string() + " has schemaVersion " +
                     std::to_string(json.value("schemaVersion", 0)) + "; this Mensura reads version 1"};
    cache.clock_ = json.value("clock", std::uint64_t{0});
    for (const auto& s : json.value("studies", nlohmann::json::array())) {
        CachedStudy study;
        study.studyInstanceUid = s.value("studyInstanceUid", "");
        study.source = s.value("source", "");
        study.bytes = s.value("bytes", std::uint64_t{0});
        study.lastUsed = s.value("lastUsed", std::uint64_t{0});
        study.complete = s.value("complete", false);
        study.instances = s.value("instances", std::size_t{0});
        // A folder deleted behind the cache's back is forgotten.
        if (isSafeName(study.studyInstanceUid) && fs::is_directory(cache.folderFor(study.studyInstanceUid)))
            cache.studies_.push_back(study);
    }
    return cache;
}

std::string StudyCache::folderFor(const std::string& uid) const { return (fs::path(root_) / "studies" / uid).string(); }

CachedStudy* StudyCache::entry(const std::string& uid) {
    for (auto& s : studies_)
        if (s.studyInstanceUid == uid) return &s;
    return nullptr;
}

std::optional<std::string> StudyCache::find(const std::string& uid) {
    CachedStudy* s = entry(uid);
    if (!s || !s->complete || !fs::is_directory(folderFor(uid))) return std::nullopt;
    s->lastUsed = ++clock_;
    save();
    return folderFor(uid);
}

Result<std::vector<std::string>> StudyCache::commit(const std::string& uid, const std::string& source, bool complete,
                                                    std::size_t instances) {
    if (!isSafeName(uid)) return Error{"study cache: '" + uid + "' is not a Study Instance UID"};
    CachedStudy* s = entry(uid);
    if (!s) {
        CachedStudy fresh;
        fresh.studyInstanceUid = uid;
        studies_.push_back(fresh);
        s = &studies_.back();
    }
    s->source = source;
    s->complete = complete;
    s->instances = instances;
    s->bytes = folderBytes(folderFor(uid));
    s->lastUsed = ++clock_;
    return evict(uid);
}

std::uint64_t StudyCache::totalBytes() const {
    std::uint64_t total = 0;
    for (const auto& s : studies_) total += s.bytes;
    return total;
}

Result<std::vector<std::string>> StudyCache::evict(const std::string& keep) {
    std::vector<std::string> evicted;
    if (limit_ > 0) {
        std::vector<CachedStudy> order = studies_;
        std::sort(order.begin(), order.end(),
                  [](const CachedStudy& a, const CachedStudy& b) { return a.lastUsed < b.lastUsed; });
        for (const auto& s : order) {
            if (totalBytes() <= limit_) break;
            if (s.studyInstanceUid == keep || (pinned_ && pinned_(s.studyInstanceUid))) continue;
            auto removed = remove(s.studyInstanceUid);
            if (!removed) return removed.error();
            evicted.push_back(s.studyInstanceUid);
        }
    }
    auto saved = save();
    if (!saved) return saved.error();
    return evicted;
}

Result<bool> StudyCache::remove(const std::string& uid) {
    std::error_code ec;
    fs::remove_all(folderFor(uid), ec);
    if (ec) return Error{"study cache: cannot delete " + folderFor(uid) + ": " + ec.message()};
    studies_.erase(std::remove_if(studies_.begin(), studies_.end(),
                                  [&](const CachedStudy& s) { return s.studyInstanceUid == uid; }),
                   studies_.end());
    return save();
}

Result<bool> StudyCache::save() const {
    nlohmann::json studies = nlohmann::json::array();
    for (const auto& s : studies_)
        studies.push_back({{"studyInstanceUid", s.studyInstanceUid},
                           {"source", s.source},
                           {"bytes", s.bytes},
                           {"lastUsed", s.lastUsed},
                           {"complete", s.complete},
                           {"instances", s.instances}});
    const nlohmann::json json = {{"schemaVersion", kSchemaVersion}, {"clock", clock_}, {"studies", studies}};
    const std::string path = (fs::path(root_) / "index.json").string();
    if (auto e = annotations::writeFileAtomically(path, json.dump(2))) return Error{"study cache: " + e->message};
    return true;
}

}  // namespace mensura::imaging::pacs
