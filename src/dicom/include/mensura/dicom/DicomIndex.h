#pragma once
// A folder of DICOM files grouped into patients, studies and series. A "series" here is one
// loadable stack: a DICOM series whose frames differ in geometry or repeat positions is split,
// and each part keeps the reason it was split.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "mensura/dicom/FrameHeader.h"

namespace mensura::imaging {

struct SeriesStack {
    std::string seriesInstanceUid;      // the DICOM SeriesInstanceUID
    std::string stackId;                // UID, or UID#2, UID#3... when the series was split
    std::string splitReason;            // empty unless split
    std::vector<std::string> warnings;  // e.g. duplicate instances dropped
    std::vector<FrameHeader> frames;    // in file order; the loader sorts them in space

    const FrameHeader& first() const { return frames.front(); }
    std::size_t instanceCount() const;  // distinct files
};

struct StudyEntry {
    std::string studyInstanceUid, studyDate, studyDescription, accessionNumber;
    std::vector<SeriesStack> series;
};

struct PatientEntry {
    std::string patientId, patientName, birthDate, sex;
    std::vector<StudyEntry> studies;
};

struct ProblemFile {
    std::string path;
    std::string reason;
};

struct DicomIndex {
    std::string root;
    std::size_t filesSeen = 0;
    std::vector<PatientEntry> patients;
    std::vector<ProblemFile> problems;  // not DICOM, unreadable, not an image
    std::vector<std::string> skippedDicomDirs;

    std::vector<const SeriesStack*> allStacks() const;
    const SeriesStack* findStack(const std::string& uidOrStackId) const;
};

// Splits the frames of one DICOM series into loadable stacks (pure; no I/O).
std::vector<SeriesStack> splitSeries(std::vector<FrameHeader> frames);

// Groups frame headers of any number of series into the patient/study/series tree.
DicomIndex buildIndex(std::vector<FrameHeader> frames, std::vector<ProblemFile> problems);

struct IndexOptions {
    unsigned threads = 2;
    // Called from worker threads with (files done, files total).
    std::function<void(std::size_t, std::size_t)> progress;
};

// Indexes a folder recursively (or a single file). Never fails for a bad file: such files are
// listed in problems. Fails only when the path itself cannot be read.
DicomIndex indexPath(const std::string& path, const IndexOptions& options, std::string* error);
// The same over several files and folders (the files a user picked); a file named twice counts
// once. root is the first path's folder.
DicomIndex indexPaths(const std::vector<std::string>& paths, const IndexOptions& options, std::string* error);

}  // namespace mensura::imaging
