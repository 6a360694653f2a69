#pragma once
// Seed segmentation off the GUI thread: imaging::segmentLesion (or segmentOnOtherSeries) then
// imaging::measureLesion on a QtConcurrent worker; the result arrives on the GUI thread. A job started while one runs
// supersedes it (the older result is dropped).
#include <memory>
#include <optional>

#include <QObject>
#include <QString>

#include "mensura/core/Volume.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/measure/LesionMetrics.h"
#include "mensura/measure/LesionSegmentation.h"

namespace mensura::viewer {

struct SegmentationOutcome {
    std::shared_ptr<const imaging::Segmentation> segmentation;
    std::optional<imaging::LesionMetrics> metrics;
    std::vector<imaging::PointLps> boxCornersLps;  // the box it was segmented in (options.boxCornersLps)
    QString error;
};

class SegmentationJob : public QObject {
    Q_OBJECT
  public:
    explicit SegmentationJob(QObject* parent = nullptr);
    ~SegmentationJob() override;  // waits for a running job

    // With outline set, the lesion is outlined on that series (loaded here, and kept for the
    // next click) and carried to volume (imaging::segmentOnOtherSeries).
    void run(std::shared_ptr<const imaging::Volume> volume, imaging::PointLps seed,
             const imaging::SegmentationOptions& options, std::optional<imaging::SeriesStack> outline = std::nullopt);
    bool isRunning() const { return running_ > 0; }

  signals:
    void finished(const mensura::viewer::SegmentationOutcome& outcome);

  private:
    struct OutlineCache;
    std::shared_ptr<OutlineCache> outlineCache_;
    int generation_ = 0;
    int running_ = 0;
};

// "4.0 cm x 4.7 cm x 3.4 cm (AP x LR x SI), 33.5 mL, mean 700 HU", then a line per warning.
QString describeLesion(const imaging::LesionMetrics& m, const std::vector<std::string>& warnings = {});

}  // namespace mensura::viewer
