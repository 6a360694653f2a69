#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "mensura/dicom/DicomIndex.h"

namespace mensura::imaging {
namespace {

constexpr double kOrientationTolerance = 1e-3;  // direction cosines
constexpr double kSpacingTolerance = 1e-3;      // mm
constexpr double kPositionTolerance = 0.01;     // mm, for "same slice position"

std::string fmt(double v, int precision = 4) {
    std::ostringstream s;
    s.precision(precision);
    s << v;
    return s.str();
}

std::string describeOrientation(const FrameHeader& f) {
    if (!f.orientation) return "none";
    const auto& [r, c] = *f.orientation;
    return "[" + fmt(r.x) + "," + fmt(r.y) + "," + fmt(r.z) + "," + fmt(c.x) + "," + fmt(c.y) + "," + fmt(c.z) + "]";
}

bool close(Vec3 a, Vec3 b, double tol) {
    return std::fabs(a.x - b.x) <= tol && std::fabs(a.y - b.y) <= tol && std::fabs(a.z - b.z) <= tol;
}

// Why frame b cannot share a volume with frame a, or empty when it can.
std::string geometryDifference(const FrameHeader& a, const FrameHeader& b) {
    if (a.rows != b.rows || a.columns != b.columns)
        return "matrix differs (" + std::to_string(a.columns) + "x" + std::to_string(a.rows) + " vs " +
               std::to_string(b.columns) + "x" + std::to_string(b.rows) + ")";
    if (a.orientation.has_value() != b.orientation.has_value() ||
        (a.orientation && !(close(a.orientation->first, b.orientation->first, kOrientationTolerance) &&
                            close(a.orientation->second, b.orientation->second, kOrientationTolerance))))
        return "ImageOrientationPatient differs (" + describeOrientation(a) + " vs " + describeOrientation(b) + ")";
    if (a.pixelSpacing.has_value() != b.pixelSpacing.has_value() ||
        (a.pixelSpacing && (std::fabs(a.pixelSpacing->first - b.pixelSpacing->first) > kSpacingTolerance ||
                            std::fabs(a.pixelSpacing->second - b.pixelSpacing->second) > kSpacingTolerance)))
        return "PixelSpacing differs (" +
               (a.pixelSpacing ? fmt(a.pixelSpacing->second) + "\\" + fmt(a.pixelSpacing->first) : "none") + " vs " +
               (b.pixelSpacing ? fmt(b.pixelSpacing->second) + "\\" + fmt(b.pixelSpacing->first) : "none") + ")";
    if (a.samplesPerPixel != b.samplesPerPixel || a.bitsAllocated != b.bitsAllocated)
        return "pixel format differs (SamplesPerPixel/BitsAllocated)";
    return {};
}

// Positions rounded to kPositionTolerance so equal positions compare equal.
std::tuple<long, long, long> positionKey(const FrameHeader& f) {
    const Vec3 p = f.positionLps.value_or(Vec3{});
    auto r = [](double v) { return std::lround(v / kPositionTolerance); };
    return {r(p.x), r(p.y), r(p.z)};
}

bool positionsUnique(const std::vector<FrameHeader>& frames) {
    std::set<std::tuple<long, long, long>> seen;
    for (const auto& f : frames)
        if (!seen.insert(positionKey(f)).second) return false;
    return true;
}

struct Discriminator {
    const char* name;
    std::string FrameHeader::*field;
};

const Discriminator kDiscriminators[] = {
    {"EchoNumbers (0018,0086) / effective echo time", &FrameHeader::echoNumber},
    {"TemporalPositionIdentifier (0020,0100) / TemporalPositionIndex", &FrameHeader::temporalPosition},
    {"AcquisitionNumber (0020,0012)", &FrameHeader::acquisitionNumber},
    {"TriggerTime (0018,1060)", &FrameHeader::triggerTime},
    {"ImageType (0008,0008)", &FrameHeader::imageType},
    {"StackID (0020,9056)", &FrameHeader::stackId},
};

// Splits one geometry group whose positions repeat. Returns the parts and the reason.
std::vector<std::vector<FrameHeader>> splitRepeated(std::vector<FrameHeader> frames, std::string& reason,
                                                    std::vector<std::string>& warnings) {
    for (const auto& d : kDiscriminators) {
        std::map<std::string, std::vector<FrameHeader>> parts;
        for (const auto& f : frames) parts[f.*(d.field)].push_back(f);
        if (parts.size() < 2) continue;
        bool clean = true;
        for (const auto& [_, part] : parts) clean = clean && positionsUnique(part);
        if (!clean) continue;
        reason = std::string("slice positions repeat; split by ") + d.name;
        std::vector<std::vector<FrameHeader>> out;
        for (auto& [_, part] : parts) out.push_back(std::move(part));
        return out;
    }
    // No attribute tells the acquisitions apart. If every position repeats equally often, the
    // k-th occurrence (by InstanceNumber) belongs to acquisition k; otherwise the extra frames are
    // duplicates of a slice, reported and dropped.
    std::map<std::tuple<long, long, long>, std::vector<FrameHeader>> byPosition;
    for (auto& f : frames) byPosition[positionKey(f)].push_back(f);
    std::set<std::size_t> counts;
    for (const auto& [_, v] : byPosition) counts.insert(v.size());
    for (auto& [_, v] : byPosition)
        std::stable_sort(v.begin(), v.end(), [](const FrameHeader& a, const FrameHeader& b) {
            return a.instanceNumber < b.instanceNumber;
        });
    if (counts.size() == 1) {
        const std::size_t k = *counts.begin();
        std::vector<std::vector<FrameHeader>> out(k);
        for (auto& [_, v] : byPosition)
            for (std::size_t i = 0; i < k; ++i) out[i].push_back(v[i]);
        reason = "slice positions repeat " + std::to_string(k) +
                 " times with no distinguishing attribute; split by InstanceNumber order";
        return out;
    }
    std::vector<FrameHeader> kept;
    for (auto& [_, v] : byPosition) {
        kept.push_back(v.front());
        for (std::size_t i = 1; i < v.size(); ++i)
            warnings.push_back("duplicate slice at the position of " + v.front().path + " (frame " +
                               std::to_string(v.front().frameIndex) + "): " + v[i].path + " was not used");
    }
    return {std::move(kept)};
}

// Native encodings first, then what DCMTK decodes, then JPEG 2000 and unknown syntaxes.
int decodeCost(const std::string& ts) {
    if (ts == "1.2.840.10008.1.2" || ts == "1.2.840.10008.1.2.1" || ts == "1.2.840.10008.1.2.2") return 0;
    if (ts == "1.2.840.10008.1.2.1.99") return 1;  // deflate
    if (ts.rfind("1.2.840.10008.1.2.4.9", 0) == 0 || ts.rfind("1.2.840.10008.1.2.4.2", 0) == 0) return 3;
    return 2;
}

}  // namespace

std::size_t SeriesStack::instanceCount() const {
    std::set<std::string> files;
    for (const auto& f : frames) files.insert(f.path);
    return files.size();
}

std::vector<SeriesStack> splitSeries(std::vector<FrameHeader> frames) {
    std::vector<std::string> warnings;
    // 1. The same SOP instance twice (copied files, or one image kept in several transfer
    //    syntaxes) is one instance: keep the copy that is cheapest to decode.
    {
        std::map<std::pair<std::string, unsigned>, std::size_t> seen;
        std::vector<FrameHeader> unique;
        for (auto& f : frames) {
            if (f.sopInstanceUid.empty()) {
                unique.push_back(std::move(f));
                continue;
            }
            auto [it, inserted] = seen.emplace(std::make_pair(f.sopInstanceUid, f.frameIndex), unique.size());
            if (inserted) {
                unique.push_back(std::move(f));
                continue;
            }
            FrameHeader& kept = unique[it->second];
            if (decodeCost(f.transferSyntaxUid) < decodeCost(kept.transferSyntaxUid)) std::swap(kept, f);
            if (f.frameIndex == 0)
                warnings.push_back("duplicate instance " + f.sopInstanceUid + ": " + f.path + " repeats " + kept.path +
                                   " and was not used");
        }
        frames = std::move(unique);
    }

    // 2. Group by geometry, each group remembering how it differs from the first.
    struct Group {
        std::vector<FrameHeader> frames;
        std::string reason;
    };
    std::vector<Group> groups;
    for (auto& f : frames) {
        bool placed = false;
        for (auto& g : groups) {
            if (geometryDifference(g.frames.front(), f).empty()) {
                g.frames.push_back(std::move(f));
                placed = true;
                break;
            }
        }
        if (!placed) {
            Group g;
            if (!groups.empty()) g.reason = geometryDifference(groups.front().frames.front(), f);
            g.frames.push_back(std::move(f));
            groups.push_back(std::move(g));
        }
    }
    if (groups.size() > 1 && groups.front().reason.empty())
        groups.front().reason =
            "first of " + std::to_string(groups.size()) + " geometries in this series (" + groups[1].reason + ")";

    // 3. Within a geometry, repeated positions mean several acquisitions (echoes, dynamics) or
    //    duplicates. A group at one single position is a set of 2D images and stays whole.
    std::vector<SeriesStack> out;
    for (auto& g : groups) {
        std::set<std::tuple<long, long, long>> distinct;
        bool hasPositions = true;
        for (const auto& f : g.frames) {
            hasPositions = hasPositions && f.positionLps.has_value();
            distinct.insert(positionKey(f));
        }
        std::vector<std::vector<FrameHeader>> parts;
        std::string reason;
        std::vector<std::string> partWarnings;
        if (hasPositions && distinct.size() >= 2 && distinct.size() < g.frames.size()) {
            parts = splitRepeated(std::move(g.frames), reason, partWarnings);
        } else {
            parts.push_back(std::move(g.frames));
        }
        for (auto& p : parts) {
            SeriesStack s;
            s.seriesInstanceUid = p.front().seriesInstanceUid;
            s.frames = std::move(p);
            s.splitReason = g.reason;
            if (parts.size() > 1) s.splitReason += (s.splitReason.empty() ? "" : "; ") + reason;
            s.warnings = warnings;
            s.warnings.insert(s.warnings.end(), partWarnings.begin(), partWarnings.end());
            out.push_back(std::move(s));
        }
    }
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i].stackId =
            out.size() == 1 ? out[i].seriesInstanceUid : out[i].seriesInstanceUid + "#" + std::to_string(i + 1);
    return out;
}

}  // namespace mensura::imaging
