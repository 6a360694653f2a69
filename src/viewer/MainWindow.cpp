#include "mensura/viewer/MainWindow.h"

#include <QApplication>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSplitter>
#include <QStatusBar>
#include <QThread>

#include <QDir>
#include <QFileInfo>
#include <QSettings>

#include "FolderIndexer.h"
#include "SeriesLoader.h"
#include "mensura/viewer/AnnotationPanel.h"
#include "mensura/viewer/CaseController.h"
#include "mensura/viewer/CaseRecordPanel.h"
#include "mensura/viewer/CompareView.h"
#include "mensura/viewer/MeasurementTool.h"
#include "mensura/viewer/SegmentationPanel.h"
#include "mensura/viewer/StudyBrowser.h"
#include "mensura/viewer/VolumeView.h"

namespace mensura::viewer {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

unsigned workerThreads() { return static_cast<unsigned>(std::max(2, QThread::idealThreadCount())); }

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("Mensura"));
    indexer_ = new FolderIndexer(this);
    loader_ = new SeriesLoader(this);
    case_ = new CaseController(this);
    tool_ = new MeasurementTool(this);
    segmentationJob_ = new SegmentationJob(this);
    annotationPanel_ = new AnnotationPanel;
    recordPanel_ = new CaseRecordPanel(case_);
    segmentationPanel_ = new SegmentationPanel;

    browser_ = new StudyBrowser;
    info_ = new QPlainTextEdit;
    info_->setReadOnly(true);
    info_->setPlaceholderText(tr("File > Open folder…, then\ndouble-click a series to load it."));

    auto* grid = new QWidget;
    auto* layout = new QGridLayout(grid);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    const std::array<ViewPlane, 3> planes{ViewPlane::Axial, ViewPlane::Coronal, ViewPlane::Sagittal};
    for (std::size_t i = 0; i < 3; ++i) {
        views_[i] = new SliceView(planes[i]);
        views_[i]->setObjectName(QStringLiteral("%1View").arg(planeName(planes[i])).toLower());
    }
    layout->addWidget(views_[0], 0, 0);
    layout->addWidget(views_[1], 0, 1);
    layout->addWidget(views_[2], 1, 0);
    volumeView_ = new VolumeView;
    volumeView_->setObjectName(QStringLiteral("volumeView"));
    layout->addWidget(volumeView_, 1, 1);
    for (SliceView* v : views_)
        connect(v, &SliceView::sliceChanged, volumeView_,
                [this, v](int slice) { volumeView_->setSliceIndex(v->plane(), slice); });
    layout->setRowStretch(0, 1);
    layout->setRowStretch(1, 1);
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(1, 1);

    // One window/level for the three views of a volume.
    for (SliceView* source : views_)
        connect(source, &SliceView::windowLevelChanged, this, [this, source](double window, double level) {
            for (SliceView* other : views_)
                if (other != source) other->setWindowLevel(window, level);
        });

    auto* splitter = new QSplitter;
    splitter->addWidget(browser_);
    splitter->addWidget(grid);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, 1200});
    setCentralWidget(splitter);

    status_ = new QLabel;
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    progress_ = new QProgressBar;
    progress_->setMaximumWidth(240);
    progress_->setVisible(false);
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(progress_);
    buildMenus();
    buildToolbar();
    buildDocks();
    connectCase();

    connect(browser_, &StudyBrowser::seriesActivated, this, &MainWindow::loadStack);
    connect(indexer_, &FolderIndexer::progress, this,
            [this](int done, int total) { onProgress(done, total, tr("Indexing")); });
    connect(indexer_, &FolderIndexer::indexed, this, &MainWindow::onIndexed);
    connect(indexer_, &FolderIndexer::failed, this, [this](const QString& path, const QString& message) {
        progress_->setVisible(false);
        openAction_->setEnabled(true);
        showStatus(tr("Cannot open %1: %2").arg(path, message));
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open folder"), tr("%1\n\n%2").arg(path, message),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        emit loadFailed(message);
    });
    connect(loader_, &SeriesLoader::progress, this,
            [this](int done, int total) { onProgress(done, total, tr("Loading")); });
    connect(loader_, &SeriesLoader::firstSlice, this, &MainWindow::onFirstSlice);
    connect(loader_, &SeriesLoader::loaded, this, &MainWindow::onLoaded);
    connect(loader_, &SeriesLoader::failed, this, &MainWindow::onLoadFailed);
    showStatus(tr("Ready"));
    resize(1500, 950);
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
}

MainWindow::~MainWindow() { delete compare_; }  // a top-level window of its own

SliceView* MainWindow::sliceView(ViewPlane plane) const {
    for (SliceView* v : views_)
        if (v->plane() == plane) return v;
    return nullptr;
}

bool MainWindow::isBusy() const { return indexer_->isIndexing() || loader_->isLoading(); }

QString MainWindow::statusText() const { return status_->text(); }

void MainWindow::showStatus(const QString& text) { status_->setText(text); }

void MainWindow::chooseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a folder of DICOM files"));
    if (!dir.isEmpty()) openPath(dir, false);
}

void MainWindow::chooseFiles() {
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Open DICOM files"));
    if (!files.isEmpty()) openFiles(files);
}

void MainWindow::openFiles(const QStringList& paths) {
    if (paths.size() == 1) return openPath(paths.front(), true);
    startIndexing(paths, tr("Indexing %n file(s)…", "", int(paths.size())), true);
}

void MainWindow::openPath(const QString& path, bool autoLoadLargest) {
    if (QFileInfo(QDir(path).filePath("case.json")).isFile() && case_->folder() != QDir(path).absolutePath()) {
        openCase(path);
        return;
    }
    startIndexing({path}, tr("Indexing %1…").arg(path), autoLoadLargest);
}

void MainWindow::startIndexing(const QStringList& paths, const QString& status, bool autoLoadLargest) {
    autoLoadLargest_ = autoLoadLargest;
    openAction_->setEnabled(false);
    showStatus(status);
    progress_->setRange(0, 0);
    progress_->setVisible(true);
    indexer_->index(paths, workerThreads());
}

void MainWindow::onProgress(int done, int total, const QString& what) {
    progress_->setVisible(true);
    progress_->setRange(0, std::max(total, 1));
    progress_->setValue(done);
    progress_->setFormat(QStringLiteral("%1 %p%").arg(what));
}

void MainWindow::onIndexed(std::shared_ptr<const imaging::DicomIndex> index) {
    index_ = std::move(index);
    openAction_->setEnabled(true);
    progress_->setVisible(false);
    browser_->setIndex(index_);
    const std::size_t stacks = index_->allStacks().size();
    indexSummary_ = tr("%1: %2 files, %3 series").arg(qs(index_->root)).arg(index_->filesSeen).arg(stacks);
    const QString problems = summarizeProblems(*index_);
    if (!problems.isEmpty()) indexSummary_ += QStringLiteral(". ") + problems;
    showStatus(indexSummary_);
    if (!problems.isEmpty()) {
        QStringList lines;
        for (const auto& p : index_->problems) lines << QStringLiteral("%1: %2").arg(qs(p.path), qs(p.reason));
        status_->setToolTip(lines.join('\n'));
    }
    emit indexReady();
    if (stacks == 0) {
        showStatus(indexSummary_ + tr(". No DICOM images found."));
        return;
    }
    if (!pendingSeries_.isEmpty() && index_->findStack(pendingSeries_.toStdString())) {
        loadStack(pendingSeries_);
        pendingSeries_.clear();
        return;
    }
    if (autoLoadLargest_ || !pendingSeries_.isEmpty())
        if (const imaging::SeriesStack* largest = browser_->largestStack()) loadStack(qs(largest->stackId));
}

void MainWindow::loadStack(const QString& stackId) {
    const imaging::SeriesStack* stack = index_ ? index_->findStack(stackId.toStdString()) : nullptr;
    if (!stack) return;
    volume_.reset();
    volumeView_->setVolume(nullptr);
    for (SliceView* v : views_) {
        v->setVolume(nullptr);
        v->setMessage(tr("Loading…"));
    }
    showInfo(nullptr);
    browser_->setCurrentStack(stackId);
    const QString description = qs(stack->first().seriesDescription);
    showStatus(tr("Loading series #%1 %2 (%3 images)…")
                   .arg(stack->first().seriesNumber)
                   .arg(description)
                   .arg(stack->frames.size()));
    progress_->setRange(0, int(stack->frames.size()));
    progress_->setValue(0);
    progress_->setVisible(true);
    loader_->load(*stack, workerThreads());
}

void MainWindow::onFirstSlice(std::shared_ptr<const imaging::Volume> slice) {
    // The acquisition plane can show the slice at once; the reformats need the whole volume.
    SliceView* view = sliceView(acquisitionPlane(slice->geometry));
    if (view && !volume_) {
        view->setVolume(slice);
        emit previewShown();
    }
}

void MainWindow::onLoaded(std::shared_ptr<const imaging::Volume> volume) {
    volume_ = std::move(volume);
    progress_->setVisible(false);
    for (SliceView* v : views_) {
        v->setVolume(volume_);
        v->setAnnotations(case_->annotations(), annotationPanel_->selectedUid().toStdString());
    }
    volumeView_->setVolume(volume_);
    volumeView_->setAnnotations(case_->annotations(), annotationPanel_->selectedUid().toStdString());
    showInfo(volume_.get());
    // The series a lesion may be outlined on: the others of this frame of reference.
    std::vector<std::pair<QString, QString>> outlineSeries;
    if (index_ && !volume_->frameOfReferenceUid.empty())
        for (const imaging::SeriesStack* s : index_->allStacks())
            if (s->stackId != volume_->stackId && !s->frames.empty() &&
                s->first().frameOfReferenceUid == volume_->frameOfReferenceUid)
                outlineSeries.emplace_back(tr("#%1 %2 (%3)")
                                               .arg(s->first().seriesNumber)
                                               .arg(qs(s->first().seriesDescription), qs(s->first().modality)),
                                           qs(s->stackId));
    segmentationPanel_->setOutlineSeries(outlineSeries);
    // The cursor stays where it was when the new series shares the frame of reference.
    setCursorLps(cursorFrame_ == volume_->frameOfReferenceUid ? cursor_ : std::nullopt);
    QString text = tr("Loaded #%1 %2: %3 x %4 x %5")
                       .arg(volume_->seriesNumber)
                       .arg(qs(volume_->description))
                       .arg(volume_->geometry.size[0])
                       .arg(volume_->geometry.size[1])
                       .arg(volume_->geometry.size[2]);
    if (!volume_->warnings.empty())
        text += tr(" (%n warning(s): %1)", "", int(volume_->warnings.size())).arg(qs(volume_->warnings.front()));
    if (!indexSummary_.isEmpty() && index_ && !index_->problems.empty())
        text += QStringLiteral(". ") + summarizeProblems(*index_);
    showStatus(text);
    setWindowTitle(tr("Mensura - %1").arg(qs(volume_->description)));
    emit volumeLoaded();
    if (!pendingJump_.isEmpty()) jumpToAnnotation(std::exchange(pendingJump_, QString()));
}

void MainWindow::setCursorLps(std::optional<imaging::PointLps> p) {
    cursor_ = volume_ ? p : std::nullopt;
    if (volume_) cursorFrame_ = volume_->frameOfReferenceUid;
    if (crosshairAction_) crosshairAction_->setChecked(cursor_.has_value());
    for (SliceView* v : views_) {
        if (cursor_) v->showLps(*cursor_);
        v->setCrosshair(cursor_);
    }
}

void MainWindow::onLoadFailed(const QString& stackId, const QString& message) {
    progress_->setVisible(false);
    volumeView_->setVolume(nullptr);
    for (SliceView* v : views_) {
        v->setVolume(nullptr);
        v->setMessage(tr("Could not load this series"));
    }
    showStatus(tr("Loading failed: %1").arg(message));
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot load series"),
                                tr("The series could not be loaded.\n\n%1").arg(message), QMessageBox::Ok, this);
    box->setDetailedText(tr("Series: %1").arg(stackId));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();  // window-modal, not a nested event loop
    emit loadFailed(message);
}

void MainWindow::showInfo(const imaging::Volume* v) {
    if (!v) {
        info_->clear();
        return;
    }
    const auto& g = v->geometry;
    QStringList lines;
    lines << tr("Patient: %1 [%2]").arg(qs(v->patientName), qs(v->patientId));
    lines << tr("Series #%1: %2 (%3)").arg(v->seriesNumber).arg(qs(v->description), qs(v->modality));
    lines << tr("Matrix: %1 x %2 x %3").arg(g.size[0]).arg(g.size[1]).arg(g.size[2]);
    lines << (v->spacingKnown ? tr("Spacing: %1 x %2 x %3 mm")
                                    .arg(g.spacingMm.x, 0, 'g', 4)
                                    .arg(g.spacingMm.y, 0, 'g', 4)
                                    .arg(g.spacingMm.z, 0, 'g', 4)
                              : tr("Spacing unknown: distances in pixels"));
    lines << tr("Acquired: %1").arg(qs(imaging::toString(g.orientation())));
    lines << tr("Values: %1, window %2 / %3").arg(qs(v->valueUnit)).arg(v->windowWidth).arg(v->windowCenter);
    if (v->tiltCorrectedDeg > 0) lines << tr("Gantry tilt corrected: %1°").arg(v->tiltCorrectedDeg, 0, 'f', 1);
    if (!v->isVolume) lines << tr("Opened as 2D images (not a volume)");
    for (const auto& w : v->warnings) lines << tr("Warning: %1").arg(qs(w));
    info_->setPlainText(lines.join('\n'));
}

}  // namespace mensura::viewer
