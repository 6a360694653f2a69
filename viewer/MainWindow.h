#pragma once
// The main window: a study browser beside three slice views (axial, coronal, sagittal) and an
// information panel; a status bar with a progress bar. Indexing and loading run on worker
// threads; the first slice of a series shows as soon as it arrives.
#include <array>
#include <memory>

#include <QMainWindow>

#include "DisplayFrame.h"
#include "imaging/DicomIndex.h"
#include "imaging/Volume.h"

class QLabel;
class QProgressBar;
class QPlainTextEdit;
class QAction;

namespace mensura::viewer {

class FolderIndexer;
class SeriesLoader;
class SliceView;
class StudyBrowser;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Indexes a folder (or file) in the background; with autoLoadLargest the series with the
    // most images is loaded when indexing is done.
    void openPath(const QString& path, bool autoLoadLargest = false);
    void loadStack(const QString& stackId);

    SliceView* sliceView(ViewPlane plane) const;
    StudyBrowser* studyBrowser() const { return browser_; }
    std::shared_ptr<const imaging::Volume> currentVolume() const { return volume_; }
    bool isBusy() const;
    QString statusText() const;

signals:
    void indexReady();
    void previewShown();
    void volumeLoaded();
    void loadFailed(const QString& message);

private:
    void buildMenus();
    void chooseFolder();
    void onIndexed(std::shared_ptr<const imaging::DicomIndex> index);
    void onFirstSlice(std::shared_ptr<const imaging::Volume> slice);
    void onLoaded(std::shared_ptr<const imaging::Volume> volume);
    void onLoadFailed(const QString& stackId, const QString& message);
    void onProgress(int done, int total, const QString& what);
    void showStatus(const QString& text);
    void showInfo(const imaging::Volume* volume);

    StudyBrowser* browser_ = nullptr;
    std::array<SliceView*, 3> views_{};
    QPlainTextEdit* info_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QAction* openAction_ = nullptr;
    FolderIndexer* indexer_ = nullptr;
    SeriesLoader* loader_ = nullptr;
    std::shared_ptr<const imaging::DicomIndex> index_;
    std::shared_ptr<const imaging::Volume> volume_;
    QString indexSummary_;
    bool autoLoadLargest_ = false;
};

}  // namespace mensura::viewer
