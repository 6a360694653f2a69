#pragma once
// The main window: a study browser beside three slice views (axial, coronal, sagittal) and a 3D
// view; docks with the series information, the case's annotations and the seed segmentation; a status bar
// with a progress bar. Indexing, loading, segmentation and export run on worker threads; the
// first slice of a series shows as soon as it arrives. Case, tool and export handlers are in
// MainWindowCase.cpp, menus and toolbars in MainWindowActions.cpp.
#include <array>
#include <memory>
#include <optional>

#include <QMainWindow>
#include <QPointer>

#include "mensura/annotations/Annotation.h"
#include "mensura/core/Volume.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/viewer-model/DisplayFrame.h"
#include "mensura/viewer/SegmentationJob.h"
#include "mensura/viewer/SliceView.h"

class QLabel;
class QProgressBar;
class QPlainTextEdit;
class QAction;
class QActionGroup;
class QMenu;

namespace mensura::viewer {

class AnnotationPanel;
class CompareView;
class CaseRecordPanel;
class CaseController;
class FolderIndexer;
class MeasurementTool;
class SegmentationPanel;
class SeriesLoader;
class StudyBrowser;
class VolumeView;
enum class Tool;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Indexes a folder (or file) in the background; with autoLoadLargest the series with the
    // most images is loaded when indexing is done.
    // A folder holding case.json opens as a case.
    void openPath(const QString& path, bool autoLoadLargest = false);
    // Several DICOM files (or folders) as one set; the series with the most images is loaded.
    void openFiles(const QStringList& paths);
    void loadStack(const QString& stackId);
    // Opens a case folder: its annotations and record, and its referenced series (the one of the
    // first annotation is loaded). The error text, or empty.
    QString openCase(const QString& folder);
    // Scrolls the views to an annotation (loading its series when another one is shown).
    void jumpToAnnotation(const QString& uid);
    void setTool(Tool tool);
    void applyWindowPreset(int index);
    // Writes case.json (Ctrl+S); the error text, or empty.
    QString saveCase();
    // Saves, then exports a format of exportFormats() ("all": every one) into the case folder's
    // exports/ in the background, de-identified when Export > De-identify is checked.
    void exportCase(const QString& format);
    // Saves, then shows the report preview (built in the background).
    void previewReport();
    void toggleMaximized(QWidget* view);
    // The linked cursor in patient space: every view scrolls to it and draws it; scrolling a view
    // moves it along that view's normal. nullopt hides it.
    void setCursorLps(std::optional<imaging::PointLps> p);
    std::optional<imaging::PointLps> cursorLps() const { return cursor_; }
    // Opens (or raises) the side-by-side window: the current series beside the best match of
    // another study (baseline vs follow-up) or of the same examination.
    CompareView* openCompare();

    SliceView* sliceView(ViewPlane plane) const;
    VolumeView* volumeView() const { return volumeView_; }
    StudyBrowser* studyBrowser() const { return browser_; }
    CaseController* caseController() const { return case_; }
    AnnotationPanel* annotationPanel() const { return annotationPanel_; }
    CaseRecordPanel* recordPanel() const { return recordPanel_; }
    SegmentationPanel* segmentationPanel() const { return segmentationPanel_; }
    MeasurementTool* measurementTool() const { return tool_; }
    const std::optional<SegmentationOutcome>& lastSegmentation() const { return lastSegmentation_; }
    std::shared_ptr<const imaging::Volume> currentVolume() const { return volume_; }
    bool isBusy() const;
    QString statusText() const;

  signals:
    void indexReady();
    void previewShown();
    void volumeLoaded();
    void loadFailed(const QString& message);
    void segmentationFinished();
    void exportFinished(const QStringList& files, const QString& error);

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void buildMenus();
    void buildToolbar();
    void buildDocks();
    void connectCase();
    void chooseFolder();
    void chooseFiles();
    void startIndexing(const QStringList& paths, const QString& status, bool autoLoadLargest);
    void chooseCase();
    void showHelp();
    void rememberCase(const QString& folder);
    void updateRecentMenu();
    void updateEditActions();
    void onCaseChanged();
    // Tool placement (MainWindowTools.cpp): each placed shape becomes an annotation.
    void connectTools();
    void onTriaxialPlaced(const std::array<imaging::PointLps, 6>& points, SliceView* view);
    void onCaliperPlaced(imaging::PointLps from, imaging::PointLps to, SliceView* view);
    void onBidirectionalPlaced(const std::array<imaging::PointLps, 4>& points, SliceView* view);
    void onEllipsePlaced(imaging::PointLps centre, imaging::PointLps axisEnd1, imaging::PointLps axisEnd2,
                         SliceView* view);
    void onPolygonPlaced(const std::vector<imaging::PointLps>& vertices, SliceView* view);
    // Vertebral label and text arrow: a small dialog asks for the level or the note.
    void onPointClicked(imaging::PointLps p, SliceView* view);
    void onHandleMoved(const QString& uid, int index, imaging::PointLps p);
    // Puts an ellipse's or polygon's area and pixel values (over the shown volume) into its
    // measurements; returns a note for the status bar (count, min, max, or why there are none).
    QString withRoiValues(annotations::Annotation& a) const;
    void onSegmented(const SegmentationOutcome& outcome);
    void addAnnotation(annotations::Annotation annotation);
    void deleteSelected();
    void reportError(const QString& title, const QString& message);
    void onIndexed(std::shared_ptr<const imaging::DicomIndex> index);
    void onFirstSlice(std::shared_ptr<const imaging::Volume> slice);
    void onLoaded(std::shared_ptr<const imaging::Volume> volume);
    void onLoadFailed(const QString& stackId, const QString& message);
    void onProgress(int done, int total, const QString& what);
    void showStatus(const QString& text);
    void showInfo(const imaging::Volume* volume);

    StudyBrowser* browser_ = nullptr;
    std::array<SliceView*, 3> views_{};
    VolumeView* volumeView_ = nullptr;
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

    CaseController* case_ = nullptr;
    AnnotationPanel* annotationPanel_ = nullptr;
    CaseRecordPanel* recordPanel_ = nullptr;
    SegmentationPanel* segmentationPanel_ = nullptr;
    SegmentationJob* segmentationJob_ = nullptr;
    MeasurementTool* tool_ = nullptr;
    std::optional<SegmentationOutcome> lastSegmentation_;
    QString pendingSeries_, pendingJump_;
    QActionGroup* toolActions_ = nullptr;
    QAction* deidentifyAction_ = nullptr;
    QAction *undoAction_ = nullptr, *redoAction_ = nullptr, *deleteAction_ = nullptr, *finishAction_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QWidget* maximized_ = nullptr;
    std::optional<imaging::PointLps> cursor_;
    std::string cursorFrame_;  // frame of reference the cursor is in
    QAction* crosshairAction_ = nullptr;
    QPointer<CompareView> compare_;
};

}  // namespace mensura::viewer
