#include "mensura/viewer/SegmentationJob.h"

#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <mutex>

#include "mensura/dicom/VolumeLoader.h"
#include "mensura/measure/MaskTransfer.h"

namespace mensura::viewer {

// The series last outlined on, loaded once for the clicks that follow.
struct SegmentationJob::OutlineCache {
    std::mutex mutex;
    std::string stackId;
    std::shared_ptr<const imaging::Volume> volume;

    imaging::Result<std::shared_ptr<const imaging::Volume>> get(const imaging::SeriesStack& stack) {
        // The same stack id in another folder (or the folder re-read) is another series.
        const std::string key = stack.stackId + "|" + (stack.frames.empty() ? std::string() : stack.first().path) +
                                "|" + std::to_string(stack.frames.size());
        std::lock_guard lock(mutex);
        if (volume && stackId == key) return volume;
        volume.reset();
        auto loaded = imaging::loadVolume(stack);
        if (!loaded) return loaded.error();
        volume = std::make_shared<const imaging::Volume>(std::move(*loaded));
        stackId = key;
        return volume;
    }
};

SegmentationJob::SegmentationJob(QObject* parent) : QObject(parent), outlineCache_(std::make_shared<OutlineCache>()) {}

SegmentationJob::~SegmentationJob() { QThreadPool::globalInstance()->waitForDone(); }

void SegmentationJob::run(std::shared_ptr<const imaging::Volume> volume, imaging::PointLps seed,
                          const imaging::SegmentationOptions& options, std::optional<imaging::SeriesStack> outline) {
    const int generation = ++generation_;
    ++running_;
    auto* watcher = new QFutureWatcher<SegmentationOutcome>(this);
    connect(watcher, &QFutureWatcher<SegmentationOutcome>::finished, this, [this, watcher, generation] {
        --running_;
        const SegmentationOutcome outcome = watcher->result();
        watcher->deleteLater();
        if (generation == generation_) emit finished(outcome);
    });
    watcher->setFuture(QtConcurrent::run([volume, seed, options, outline, cache = outlineCache_] {
        SegmentationOutcome out;
        out.boxCornersLps = options.boxCornersLps;
        imaging::Result<imaging::Segmentation> segmented = imaging::Error{};
        if (outline) {
            auto other = cache->get(*outline);
            if (!other) {
                out.error = QString::fromStdString(other.error().message);
                return out;
            }
            segmented = imaging::segmentOnOtherSeries(**other, *volume, seed, options);
        } else {
            segmented = imaging::segmentLesion(*volume, seed, options);
        }
        if (!segmented) {
            out.error = QString::fromStdString(segmented.error().message);
            return out;
        }
        auto metrics = imaging::measureLesion(*volume, segmented->mask);
        out.segmentation = std::make_shared<const imaging::Segmentation>(std::move(*segmented));
        if (metrics)
            out.metrics = std::move(*metrics);
        else
            out.error = QString::fromStdString(metrics.error().message);
        return out;
    }));
}

QString describeLesion(const imaging::LesionMetrics& m, const std::vector<std::string>& warnings) {
    const bool mm = m.lengthUnit == "mm";
    auto len = [&](double v) {
        return mm ? QStringLiteral("%1 cm").arg(v / 10.0, 0, 'f', 1) : QStringLiteral("%1 px").arg(v, 0, 'f', 0);
    };
    QString text = QObject::tr("%1 x %2 x %3 (AP x LR x SI)\nvolume %4 %5, mean %6 %7 (SD %8)")
                       .arg(len(m.ap.lengthMm), len(m.lr.lengthMm), len(m.si.lengthMm))
                       .arg(m.volumeMl, 0, 'f', 1)
                       .arg(QString::fromStdString(m.volumeUnit))
                       .arg(m.values.mean, 0, 'f', 0)
                       .arg(QString::fromStdString(m.valueUnit))
                       .arg(m.values.sd, 0, 'f', 0);
    // The segmentation's warnings stand under the figures they qualify.
    for (const auto& w : warnings) text += QObject::tr("\nWarning: %1").arg(QString::fromStdString(w));
    return text;
}

}  // namespace mensura::viewer
