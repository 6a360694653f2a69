#pragma once
// The patient / study / series tree of an indexed folder, each series with its modality, image
// count, matrix and a thumbnail of its middle image (decoded in the background, one by one, after
// the tree shows). Double-clicking (or Enter on) a series asks for it to be loaded.
#include <memory>

#include <QFutureWatcher>
#include <QImage>
#include <QTreeWidget>

#include "mensura/dicom/DicomIndex.h"

namespace mensura::viewer {

class StudyBrowser : public QTreeWidget {
    Q_OBJECT
  public:
    explicit StudyBrowser(QWidget* parent = nullptr);
    ~StudyBrowser() override;

    void setIndex(std::shared_ptr<const imaging::DicomIndex> index);
    const imaging::DicomIndex* index() const { return index_.get(); }
    // The stack with the most frames (what a user most likely wants to see first), or nullptr.
    const imaging::SeriesStack* largestStack() const;
    // Marks the series row being shown.
    void setCurrentStack(const QString& stackId);
    // Thumbnails shown so far (tests).
    int thumbnailCount() const { return thumbnails_; }

  signals:
    void seriesActivated(const QString& stackId);
    void thumbnailsDone();

  private:
    void startThumbnails();

    std::shared_ptr<const imaging::DicomIndex> index_;
    QFutureWatcher<std::pair<QString, QImage>>* thumbnailWatcher_ = nullptr;
    int thumbnails_ = 0;
};

}  // namespace mensura::viewer
