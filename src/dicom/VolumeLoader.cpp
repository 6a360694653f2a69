#include "mensura/dicom/VolumeLoader.h"

#include "mensura/core/MemoryBudget.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <mutex>
#include <new>
#include <sstream>
#include <thread>

#include "GdcmFrameDecoder.h"
#include "TiltCorrection.h"
#include "mensura/dicom/DcmtkSetup.h"
#include "mensura/dicom/PixelDecoding.h"
#include "mensura/dicom/StackLayout.h"

namespace mensura::imaging {
namespace {

bool isIntegral(double v) { return std::fabs(v - std::round(v)) < 1e-9; }

detail::StoredFormat formatOf(const FrameHeader& f) {
    return {f.bitsAllocated, f.bitsStored, f.pixelSigned, f.rescaleSlope, f.rescaleIntercept};
}

std::string transferSyntaxName(const std::string& uid) {
    DcmXfer x(uid.c_str());
    return std::string(x.getXferName()) + " (" + uid + ")";
}

struct FileTask {
    std::string path;
    std::vector<std::pair<std::size_t, const FrameHeader*>> slices;  // (k, frame)
};

class Loader {
  public:
    Loader(const SeriesStack& stack, const StackLayout& layout, const LoadOptions& options, Volume& volume,
           bool asFloat)
        : options_(options), volume_(volume), asFloat_(asFloat) {
        std::map<std::string, FileTask> byFile;
        for (std::size_t k = 0; k < layout.sliceToFrame.size(); ++k) {
            const int f = layout.sliceToFrame[k];
            if (f < 0) continue;
            const FrameHeader& h = stack.frames[static_cast<std::size_t>(f)];
            FileTask& t = byFile[h.path];
            t.path = h.path;
            t.slices.emplace_back(k, &h);
            ++total_;
        }
        for (auto& [_, t] : byFile) {
            std::sort(t.slices.begin(), t.slices.end(),
                      [](const auto& a, const auto& b) { return a.second->frameIndex < b.second->frameIndex; });
            tasks_.push_back(std::move(t));
        }
        // Slice order, so the first slices to arrive are neighbours the viewer can show.
        std::sort(tasks_.begin(), tasks_.end(),
                  [](const FileTask& a, const FileTask& b) { return a.slices.front().first < b.slices.front().first; });
    }

    // Returns an empty string on success, else the error.
    std::string run() {
        const unsigned n = std::max(1u, std::min<unsigned>(options_.threads, static_cast<unsigned>(tasks_.size())));
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < n; ++t) pool.emplace_back([this] { work(); });
        work();
        for (auto& t : pool) t.join();
        return error_;
    }

    bool overflowed() const { return overflow_; }

  private:
    void fail(std::string message) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (error_.empty()) error_ = std::move(message);
        stop_ = true;
    }

    void work() {
        std::vector<uint8_t> decoded;
        for (std::size_t i = next_++; i < tasks_.size() && !stop_; i = next_++) {
            if (options_.cancel && options_.cancel->load()) return fail("loading cancelled");
            loadFile(tasks_[i], decoded);
        }
    }

    void store(std::size_t k, const FrameHeader& h, const void* samples) {
        const std::size_t sliceSize = h.rows * static_cast<std::size_t>(h.columns);
        const std::size_t offset = k * sliceSize;
        if (asFloat_) {
            detail::convertToFloat(samples, sliceSize, formatOf(h), volume_.floatVoxels.data() + offset);
        } else if (!detail::convertToInt16(samples, sliceSize, formatOf(h), volume_.int16Voxels.data() + offset)) {
            overflow_ = true;
            stop_ = true;
        }
        finishSlice(k);
    }

    void finishSlice(std::size_t k) {
        std::lock_guard<std::mutex> lock(mutex_);
        ++done_;
        if (options_.progress) options_.progress({done_, total_, k}, volume_);
    }

    void loadFile(const FileTask& task, std::vector<uint8_t>& decoded) {
        DcmFileFormat file;
        OFCondition c = file.loadFile(task.path.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect);
        if (c.bad()) return fail(task.path + ": cannot read pixel data: " + c.text());
        DcmDataset* ds = file.getDataset();
        DcmElement* pixel = nullptr;
        if (ds->findAndGetElement(DCM_PixelData, pixel).bad() || !pixel)
            return fail(task.path + ": PixelData (7FE0,0010) missing");
        const FrameHeader& first = *task.slices.front().second;
        const std::size_t sliceSize = first.rows * static_cast<std::size_t>(first.columns);
        const std::size_t bytesPerSample = first.bitsAllocated / 8;
        const DcmXfer xfer(ds->getOriginalXfer());

        if (!xfer.isEncapsulated()) {
            // Native pixel data is already in memory in local byte order: convert straight from
            // DCMTK's buffer into the volume, the one copy this slice gets.
            const void* samples = nullptr;
            unsigned long count = 0;
            if (bytesPerSample == 1) {
                Uint8* p = nullptr;
                if (pixel->getUint8Array(p).good()) samples = p;
                count = pixel->getLength();
            } else if (bytesPerSample == 2) {
                Uint16* p = nullptr;
                if (pixel->getUint16Array(p).good()) samples = p;
                count = pixel->getLength() / 2;
            } else if (bytesPerSample == 4) {
                Uint32* p = nullptr;
                if (pixel->getUint32Array(p).good()) samples = p;
                count = pixel->getLength() / 4;
            }
            if (samples) {
                for (const auto& [k, h] : task.slices) {
                    if (stop_) return;
                    const std::size_t need = (h->frameIndex + 1) * sliceSize;
                    if (count < need)
                        return fail(task.path +
                                    ": PixelData (7FE0,0010) is shorter than Rows x "
                                    "Columns x frames (" +
                                    std::to_string(count) + " of " + std::to_string(need) +
                                    " samples): truncated file?");
                    store(k, *h, static_cast<const uint8_t*>(samples) + h->frameIndex * sliceSize * bytesPerSample);
                }
                return;
            }
        }

        // Compressed (or native with an unexpected VR): decode frame by frame with DCMTK's codecs.
        Uint32 frameBytes = 0;
        if (pixel->getUncompressedFrameSize(ds, frameBytes).bad() || frameBytes < sliceSize * bytesPerSample)
            return fail(task.path + ": cannot size a frame of PixelData");
        decoded.resize(frameBytes);
        Uint32 startFragment = 0;
        for (const auto& [k, h] : task.slices) {
            if (stop_) return;
            OFString colorModel;
            c = pixel->getUncompressedFrame(ds, h->frameIndex, startFragment, decoded.data(), frameBytes, colorModel);
            if (c.bad()) {
                if (xfer.isEncapsulated()) return decodeWithGdcm(task, c.text());
                return fail(task.path + ": frame " + std::to_string(h->frameIndex) + ": " + c.text());
            }
            store(k, *h, decoded.data());
        }
    }

    // DCMTK has no codec for this syntax (JPEG 2000 in 3.6.7): GDCM decodes the stored values,
    // which are then stored like any other slice.
    void decodeWithGdcm(const FileTask& task, const std::string& dcmtkError) {
        const FrameHeader& first = *task.slices.front().second;
        const std::size_t sliceBytes = first.rows * static_cast<std::size_t>(first.columns) * (first.bitsAllocated / 8);
        auto stored = detail::decodeStoredWithGdcm(task.path, sliceBytes * first.framesInFile);
        if (!stored)
            return fail(stored.error().message + " (DCMTK: transfer syntax " +
                        transferSyntaxName(first.transferSyntaxUid) + ": " + dcmtkError + ")");
        for (const auto& [k, h] : task.slices) {
            if (stop_) return;
            store(k, *h, stored->data() + h->frameIndex * sliceBytes);
        }
    }

    const LoadOptions& options_;
    Volume& volume_;
    bool asFloat_;
    std::vector<FileTask> tasks_;
    std::atomic<std::size_t> next_{0};
    std::atomic<bool> stop_{false}, overflow_{false};
    std::mutex mutex_;
    std::size_t done_ = 0, total_ = 0;
    std::string error_;
};

std::string valueUnitOf(const FrameHeader& f) {
    if (f.modality == "CT") return "HU";
    if (!f.rescaleType.empty() && f.rescaleType != "US") return f.rescaleType;
    return "arbitrary";
}

}  // namespace

Result<Volume> loadVolume(const SeriesStack& stack, const LoadOptions& options) {
    initDcmtk();
    if (stack.frames.empty()) return Error{stack.stackId + ": series has no images"};
    const FrameHeader& first = stack.first();
    if (first.samplesPerPixel != 1 || (first.photometric.rfind("MONOCHROME", 0) != 0 && !first.photometric.empty()))
        return Error{first.path + ": PhotometricInterpretation (0028,0004) " + first.photometric + " with " +
                     std::to_string(first.samplesPerPixel) +
                     " samples per pixel: colour images are not supported for measurement"};
    if (first.bitsAllocated == 1)
        return Error{first.path + ": 1-bit pixel data (BitsAllocated 1) is a mask, not an image"};

    StackLayout layout = analyseStack(stack.frames);
    Volume v;
    v.stackId = stack.stackId;
    v.seriesInstanceUid = stack.seriesInstanceUid;
    v.studyInstanceUid = first.studyInstanceUid;
    v.frameOfReferenceUid = first.frameOfReferenceUid;
    v.modality = first.modality;
    v.description = first.seriesDescription;
    v.patientId = first.patientId;
    v.patientName = first.patientName;
    v.seriesNumber = first.seriesNumber;
    v.geometry = layout.geometry;
    v.isVolume = layout.isVolume;
    v.spacingKnown = layout.spacingKnown;
    v.valueUnit = valueUnitOf(first);
    v.invertedDisplay = first.photometric == "MONOCHROME1";
    // Scanners that store a window per slice (Siemens auto-window) give edge slices a useless
    // one: take the centre slice's.
    const int centreFrame = layout.sliceToFrame[layout.sliceToFrame.size() / 2];
    const FrameHeader& centre = centreFrame >= 0 ? stack.frames[static_cast<std::size_t>(centreFrame)] : first;
    v.windowCenter = centre.windowCenter;
    v.windowWidth = centre.windowWidth;
    v.warnings = stack.warnings;
    if (!stack.splitReason.empty()) v.warnings.push_back("split from its DICOM series: " + stack.splitReason);
    v.warnings.insert(v.warnings.end(), layout.warnings.begin(), layout.warnings.end());
    if (!layout.isVolume) v.warnings.push_back("opened as 2D images: " + layout.notVolumeReason);
    for (int f : layout.sliceToFrame) {
        if (f < 0) {
            v.slices.push_back({});
        } else {
            const FrameHeader& h = stack.frames[static_cast<std::size_t>(f)];
            v.slices.push_back({h.path, h.frameIndex, h.sopInstanceUid});
        }
    }

    bool asFloat = false;
    for (const auto& f : stack.frames)
        asFloat = asFloat || f.bitsAllocated > 16 || !isIntegral(f.rescaleSlope) || !isIntegral(f.rescaleIntercept);
    for (int attempt = 0; attempt < 2; ++attempt) {
        // Checked before allocating: a header claiming 65535 x 65535 x 10000 voxels is refused
        // with the bytes it needs, not met with an uncaught bad_alloc.
        const std::uint64_t bytes = std::uint64_t(v.geometry.voxelCount()) * (asFloat ? 4 : 2);
        const std::uint64_t budget = options.memoryBudgetBytes ? options.memoryBudgetBytes : availableMemoryBytes();
        if (bytes > budget) {
            std::ostringstream m;
            m << stack.stackId << " (" << first.path << " ...): its voxels need " << bytes << " bytes ("
              << v.geometry.size[0] << " x " << v.geometry.size[1] << " x " << v.geometry.size[2] << " x "
              << (asFloat ? 4 : 2) << "), more than the " << budget << " bytes of memory available";
            return Error{m.str()};
        }
        try {
            if (asFloat) {
                VoxelBuffer<int16_t>().swap(v.int16Voxels);
                v.voxelType = VoxelType::Float32;
                v.floatVoxels.resize(v.geometry.voxelCount());
            } else {
                v.voxelType = VoxelType::Int16;
                v.int16Voxels.resize(v.geometry.voxelCount());
            }
        } catch (const std::bad_alloc&) {
            return Error{stack.stackId + ": not enough memory for " + std::to_string(bytes) + " bytes of voxels"};
        }
        Loader loader(stack, layout, options, v, asFloat);
        const std::string error = loader.run();
        if (!error.empty()) return Error{error};
        if (!loader.overflowed()) break;
        asFloat = true;  // an integer value outside int16: reload as float, exact
    }

    const bool hasGaps =
        std::any_of(v.slices.begin(), v.slices.end(), [](const SliceSource& s) { return s.path.empty(); });
    if (hasGaps || layout.tiltDeg > 0) {
        // Blank slices and the area a tilt correction uncovers take the lowest value (air).
        const double lo = v.valueRange().first;
        const std::size_t sliceSize = v.geometry.size[0] * v.geometry.size[1];
        for (std::size_t k = 0; k < v.slices.size(); ++k) {
            if (!v.slices[k].path.empty()) continue;
            if (v.voxelType == VoxelType::Int16)
                std::fill_n(v.int16Voxels.begin() + k * sliceSize, sliceSize, static_cast<int16_t>(lo));
            else
                std::fill_n(v.floatVoxels.begin() + k * sliceSize, sliceSize, static_cast<float>(lo));
        }
        if (layout.tiltDeg > 0) {
            removeShear(v, layout.shearStepLps, lo);
            v.tiltCorrectedDeg = layout.tiltDeg;
        }
    }
    return v;
}

}  // namespace mensura::imaging
