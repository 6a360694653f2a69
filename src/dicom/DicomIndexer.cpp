#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "mensura/dicom/DicomHeaderReader.h"
#include "mensura/dicom/DicomIndex.h"

namespace fs = std::filesystem;

namespace mensura::imaging {

std::vector<const SeriesStack*> DicomIndex::allStacks() const {
    std::vector<const SeriesStack*> out;
    for (const auto& p : patients)
        for (const auto& st : p.studies)
            for (const auto& se : st.series) out.push_back(&se);
    return out;
}

const SeriesStack* DicomIndex::findStack(const std::string& id) const {
    for (const SeriesStack* s : allStacks())
        if (s->stackId == id) return s;
    for (const SeriesStack* s : allStacks())
        if (s->seriesInstanceUid == id) return s;
    return nullptr;
}

// Why a directory entry that is neither a folder nor a regular file is not read. A FIFO would
// block the reader, a device never ends, a dangling link has nothing to read.
std::string notARegularFile(const fs::path& p) {
    std::error_code ec;
    const fs::file_status link = fs::symlink_status(p, ec);
    if (fs::is_symlink(link) && !fs::exists(p, ec))
        return "a symbolic link to " + fs::read_symlink(p, ec).string() + ", which does not exist: not read";
    const fs::file_status st = fs::status(p, ec);
    if (fs::is_fifo(st)) return "a FIFO (named pipe), not a file: not read";
    if (fs::is_socket(st)) return "a socket, not a file: not read";
    if (fs::is_block_file(st) || fs::is_character_file(st)) return "a device, not a file: not read";
    return "not a regular file: not read";
}

DicomIndex buildIndex(std::vector<FrameHeader> frames, std::vector<ProblemFile> problems) {
    DicomIndex index;
    index.problems = std::move(problems);
    // Patient -> study -> series, each keyed by its identifier; ordered maps keep the output
    // stable whatever order the file system listed the files in.
    std::map<std::string, std::map<std::string, std::map<std::string, std::vector<FrameHeader>>>> tree;
    for (auto& f : frames) {
        const std::string patientKey = f.patientId + "\x1f" + f.patientName;
        tree[patientKey][f.studyInstanceUid][f.seriesInstanceUid].push_back(std::move(f));
    }
    for (auto& [_, studies] : tree) {
        PatientEntry patient;
        for (auto& [studyUid, series] : studies) {
            StudyEntry study;
            study.studyInstanceUid = studyUid;
            for (auto& [seriesUid, seriesFrames] : series) {
                std::stable_sort(seriesFrames.begin(), seriesFrames.end(),
                                 [](const FrameHeader& a, const FrameHeader& b) {
                                     if (a.instanceNumber != b.instanceNumber)
                                         return a.instanceNumber < b.instanceNumber;
                                     if (a.path != b.path) return a.path < b.path;
                                     return a.frameIndex < b.frameIndex;
                                 });
                for (auto& stack : splitSeries(std::move(seriesFrames))) study.series.push_back(std::move(stack));
            }
            const FrameHeader& f = study.series.front().first();
            study.studyDate = f.studyDate;
            study.studyDescription = f.studyDescription;
            study.accessionNumber = f.accessionNumber;
            std::stable_sort(study.series.begin(), study.series.end(), [](const SeriesStack& a, const SeriesStack& b) {
                return a.first().seriesNumber < b.first().seriesNumber;
            });
            patient.studies.push_back(std::move(study));
        }
        const FrameHeader& f = patient.studies.front().series.front().first();
        patient.patientId = f.patientId;
        patient.patientName = f.patientName;
        patient.birthDate = f.patientBirthDate;
        patient.sex = f.patientSex;
        std::stable_sort(patient.studies.begin(), patient.studies.end(),
                         [](const StudyEntry& a, const StudyEntry& b) { return a.studyDate < b.studyDate; });
        index.patients.push_back(std::move(patient));
    }
    std::sort(index.problems.begin(), index.problems.end(),
              [](const ProblemFile& a, const ProblemFile& b) { return a.path < b.path; });
    return index;
}

DicomIndex indexPath(const std::string& path, const IndexOptions& options, std::string* error) {
    return indexPaths({path}, options, error);
}

DicomIndex indexPaths(const std::vector<std::string>& paths, const IndexOptions& options, std::string* error) {
    std::vector<std::string> files;
    std::vector<std::string> dicomDirs;
    std::vector<ProblemFile> problems;
    if (paths.empty()) {
        if (error) *error = "nothing to open";
        return {};
    }
    for (const std::string& path : paths) {
        std::error_code ec;
        const fs::file_status st = fs::status(path, ec);
        if (ec || !fs::exists(st)) {
            if (error) *error = path + ": no such file or folder";
            return {};
        }
        if (fs::is_regular_file(st)) {
            files.push_back(path);
        } else if (!fs::is_directory(st)) {
            if (error) *error = path + ": " + notARegularFile(path);
            return {};
        } else {
            fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
            if (ec) {
                if (error) *error = path + ": cannot list folder: " + ec.message();
                return {};
            }
            for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (ec) {
                    problems.push_back({it->path().string(), "cannot be listed: " + ec.message()});
                    ec.clear();
                    continue;
                }
                if (it->is_directory(ec)) continue;
                if (!it->is_regular_file(ec)) {
                    // Listed, not skipped silently: the reader sees why a file in the folder was left.
                    problems.push_back({it->path().string(), notARegularFile(it->path())});
                    ec.clear();
                    continue;
                }
                const std::string p = it->path().string();
                if (isDicomDir(p))
                    dicomDirs.push_back(p);
                else
                    files.push_back(p);
            }
        }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());  // a file chosen twice

    std::vector<std::vector<FrameHeader>> perFile(files.size());
    std::vector<std::string> perFileError(files.size());
    std::atomic<std::size_t> next{0}, done{0};
    std::mutex progressMutex;
    auto worker = [&] {
        for (std::size_t i = next++; i < files.size(); i = next++) {
            auto r = readFrameHeaders(files[i]);
            if (r)
                perFile[i] = std::move(*r);
            else
                perFileError[i] = r.error().message;
            const std::size_t d = ++done;
            if (options.progress) {
                std::lock_guard<std::mutex> lock(progressMutex);
                options.progress(d, files.size());
            }
        }
    };
    const unsigned n = std::max(1u, std::min<unsigned>(options.threads, static_cast<unsigned>(files.size())));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();

    std::vector<FrameHeader> frames;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!perFileError[i].empty()) {
            // The message already starts with the path; keep the reason apart.
            std::string reason = perFileError[i];
            if (reason.rfind(files[i] + ": ", 0) == 0) reason = reason.substr(files[i].size() + 2);
            problems.push_back({files[i], reason});
        }
        for (auto& f : perFile[i]) frames.push_back(std::move(f));
    }
    DicomIndex index = buildIndex(std::move(frames), std::move(problems));
    // The folder the files share (what a case refers to the series by).
    index.root = fs::is_directory(paths.front()) ? paths.front() : fs::path(paths.front()).parent_path().string();
    if (paths.size() == 1) index.root = paths.front();
    index.filesSeen = files.size() + dicomDirs.size();
    index.skippedDicomDirs = std::move(dicomDirs);
    return index;
}

}  // namespace mensura::imaging
