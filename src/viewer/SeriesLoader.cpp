#include "SeriesLoader.h"

#include <algorithm>

#include <QThread>

#include "mensura/dicom/VolumeLoader.h"

namespace mensura::viewer {

using imaging::Volume;

Volume copySlice(const Volume& v, std::size_t k) {
    Volume s;
    s.stackId = v.stackId;
    s.seriesInstanceUid = v.seriesInstanceUid;
    s.studyInstanceUid = v.studyInstanceUid;
    s.frameOfReferenceUid = v.frameOfReferenceUid;
    s.modality = v.modality;
    s.description = v.description;
    s.patientId = v.patientId;
    s.patientName = v.patientName;
    s.seriesNumber = v.seriesNumber;
    s.geometry = v.geometry;
    s.geometry.size[2] = 1;
    s.geometry.originLps = v.geometry.indexToLps(0, 0, double(k));
    s.isVolume = v.isVolume;
    s.spacingKnown = v.spacingKnown;
    s.valueUnit = v.valueUnit;
    s.invertedDisplay = v.invertedDisplay;
    s.windowCenter = v.windowCenter;
    s.windowWidth = v.windowWidth;
    if (k < v.slices.size()) s.slices.push_back(v.slices[k]);
    s.voxelType = v.voxelType;
    const std::size_t n = v.geometry.size[0] * v.geometry.size[1], begin = k * n;
    if (v.voxelType == imaging::VoxelType::Int16)
        s.int16Voxels.assign(v.int16Voxels.begin() + begin, v.int16Voxels.begin() + begin + n);
    else
        s.floatVoxels.assign(v.floatVoxels.begin() + begin, v.floatVoxels.begin() + begin + n);
    return s;
}

SeriesLoader::SeriesLoader(QObject* parent) : QObject(parent) {}

SeriesLoader::~SeriesLoader() {
    for (QThread* t : threads_) {
        t->wait();
        delete t;
    }
}

void SeriesLoader::load(const imaging::SeriesStack& stack, unsigned threads) {
    const int generation = ++generation_;
    loading_ = true;
    // Results are posted to this object's (GUI) thread and dropped there if superseded.
    auto post = [this, generation](auto&& deliver) {
        QMetaObject::invokeMethod(
            this,
            [this, generation, deliver = std::forward<decltype(deliver)>(deliver)]() mutable {
                if (generation == generation_) deliver();
            },
            Qt::QueuedConnection);
    };
    QThread* thread = QThread::create([this, stack, threads, post]() {
        imaging::LoadOptions options;
        options.threads = threads;
        bool firstSent = false;
        int lastPercent = -1;
        // Serialised by the loader; runs on a worker thread.
        options.progress = [&](const imaging::LoadProgress& p, const Volume& filling) {
            if (!firstSent) {
                firstSent = true;
                auto slice = std::make_shared<const Volume>(copySlice(filling, p.sliceJustLoaded));
                post([this, slice] { emit firstSlice(slice); });
            }
            const int percent = p.slicesTotal ? int(100 * p.slicesDone / p.slicesTotal) : 100;
            if (percent != lastPercent) {
                lastPercent = percent;
                const int done = int(p.slicesDone), total = int(p.slicesTotal);
                post([this, done, total] { emit progress(done, total); });
            }
        };
        imaging::Result<Volume> result = imaging::loadVolume(stack, options);
        if (result.ok()) {
            auto volume = std::make_shared<const Volume>(std::move(result.value()));
            post([this, volume] {
                loading_ = false;
                emit loaded(volume);
            });
        } else {
            const QString id = QString::fromStdString(stack.stackId);
            const QString message = QString::fromStdString(result.error().message);
            post([this, id, message] {
                loading_ = false;
                emit failed(id, message);
            });
        }
    });
    threads_.push_back(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        threads_.erase(std::remove(threads_.begin(), threads_.end(), thread), threads_.end());
        thread->deleteLater();
    });
    thread->start();
}

}  // namespace mensura::viewer
