// MainWindow: the open case, the measurement tools, segmentation, save and export.
#include <cmath>

#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStandardPaths>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

#include "mensura/case/AnnotationCommands.h"
#include "mensura/dicom/DicomSeriesWriter.h"
#include "mensura/report/ExportFormats.h"
#include "mensura/viewer/AnnotationPanel.h"
#include "mensura/viewer/CaseController.h"
#include "mensura/viewer/CaseRecordPanel.h"
#include "mensura/viewer/MainWindow.h"
#include "mensura/viewer/MeasurementTool.h"
#include "mensura/viewer/ReportPreview.h"
#include "mensura/viewer/SegmentationPanel.h"
#include "mensura/viewer/StudyBrowser.h"
#include "mensura/viewer/VolumeView.h"

namespace mensura::viewer {

namespace {
QString qs(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

void MainWindow::reportError(const QString& title, const QString& message) {
    showStatus(QStringLiteral("%1: %2").arg(title, message));
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QString MainWindow::openCase(const QString& folder) {
    if (const QString error = case_->open(folder); !error.isEmpty()) {
        reportError(tr("Cannot open case"), tr("%1\n\n%2").arg(folder, error));
        return error;
    }
    rememberCase(case_->folder());
    auto& session = *case_->session();
    const auto& doc = session.model().document();
    QStringList notes;
    if (session.openedState().recoveredFromJournal) notes << tr("unsaved edits recovered from the journal");
    for (const auto& m : session.openedState().missing)
        notes << tr("series %1 not found at %2").arg(qs(m.seriesInstanceUid), qs(m.resolvedPath));
    // Index the folder that holds every referenced series (they usually share a study folder).
    QString root;
    for (const auto& ref : doc.dicom) {
        const QFileInfo info(qs(annotations::resolveReferencePath(session.folder(), ref.path)));
        if (!info.exists()) continue;
        const QString dir = info.isDir() ? info.absolutePath() : info.absoluteDir().absolutePath();
        if (root.isEmpty()) root = dir;
        while (!dir.startsWith(root + "/") && dir != root && root.count('/') > 1) root = QFileInfo(root).absolutePath();
    }
    if (!doc.annotations.empty()) {
        // Land on the first finding, as the reader left it.
        pendingSeries_ = qs(doc.annotations.front().image.seriesInstanceUid);
        pendingJump_ = qs(doc.annotations.front().uid);
    } else if (!doc.dicom.empty())
        pendingSeries_ = qs(doc.dicom.front().seriesInstanceUid);
    setWindowTitle(tr("Mensura - case %1").arg(QFileInfo(folder).fileName()));
    if (!notes.isEmpty()) reportError(tr("Case opened with problems"), notes.join('\n'));
    if (root.isEmpty()) {
        showStatus(tr("Case %1: none of its series were found").arg(folder));
        return {};
    }
    openPath(root, false);
    return {};
}

void MainWindow::connectCase() {
    connect(case_, &CaseController::changed, this, &MainWindow::onCaseChanged);
    connect(annotationPanel_, &AnnotationPanel::annotationActivated, this, &MainWindow::jumpToAnnotation);
    connect(annotationPanel_, &AnnotationPanel::selectionChanged, this, [this](const QString& uid) {
        recordPanel_->setSelectedAnnotation(uid);
        onCaseChanged();
    });
    connect(recordPanel_, &CaseRecordPanel::annotationActivated, this, &MainWindow::jumpToAnnotation);
    connect(recordPanel_, &CaseRecordPanel::message, this, &MainWindow::showStatus);
    connect(case_, &CaseController::caseOpened, recordPanel_, &CaseRecordPanel::refresh);
    recordPanel_->setSeriesDescriber([this](const QString& seriesUid) -> std::pair<QString, QString> {
        const imaging::SeriesStack* s = index_ ? index_->findStack(seriesUid.toStdString()) : nullptr;
        if (!s || s->frames.empty()) return {};
        return {qs(s->first().modality), qs(s->first().seriesDescription)};
    });
    connectTools();
    connect(tool_, &MeasurementTool::promptChanged, this, [this](const QString& p) {
        if (!p.isEmpty()) showStatus(p);
    });
    auto segment = [this](imaging::PointLps p, std::vector<imaging::PointLps> boxCorners, QString boxText) {
        if (!volume_) return;
        std::optional<imaging::SeriesStack> outline;
        if (const QString id = segmentationPanel_->outlineStackId(); !id.isEmpty()) {
            const imaging::SeriesStack* s = index_ ? index_->findStack(id.toStdString()) : nullptr;
            if (!s)
                return showStatus(
                    tr("The series to outline on (%1) is no longer in the folder: choose another").arg(id));
            outline = *s;
        }
        const QString where = tr("Segmenting from the seed at (%1, %2, %3) mm")
                                  .arg(p.x, 0, 'f', 1)
                                  .arg(p.y, 0, 'f', 1)
                                  .arg(p.z, 0, 'f', 1);
        showStatus(where + boxText + QStringLiteral("…"));
        progress_->setRange(0, 0);
        progress_->setVisible(true);
        segmentationPanel_->setResult(tr("Segmenting…"));
        imaging::SegmentationOptions options = segmentationPanel_->options();
        options.boxCornersLps = std::move(boxCorners);
        segmentationJob_->run(volume_, p, options, std::move(outline));
    };
    connect(tool_, &MeasurementTool::seedClicked, this,
            [segment](imaging::PointLps p, SliceView*) { segment(p, {}, {}); });
    connect(
        tool_, &MeasurementTool::seedBoxPlaced, this,
        [this, segment](imaging::PointLps p, std::array<imaging::PointLps, 8> corners, imaging::Vec3 size, SliceView*) {
            segment(p, {corners.begin(), corners.end()},
                    tr(" inside a box of %1 x %2 mm, %3 mm deep")
                        .arg(size.x, 0, 'f', 0)
                        .arg(size.y, 0, 'f', 0)
                        .arg(size.z, 0, 'f', 0));
        });
    connect(segmentationJob_, &SegmentationJob::finished, this, &MainWindow::onSegmented);
    for (SliceView* v : views_) {
        tool_->attach(v);
        connect(v, &SliceView::handleMoved, this, &MainWindow::onHandleMoved);
        connect(v, &SliceView::maximizeRequested, this, [this, v] { toggleMaximized(v); });
        connect(v, &SliceView::crosshairRequested, this, &MainWindow::setCursorLps);
        // Scrolling a view carries the cursor to the new plane: the other views redraw it.
        connect(v, &SliceView::sliceChanged, this, [this, v] {
            if (!cursor_ || !volume_) return;
            const SliceMapping m = v->mapping();
            const imaging::PointLps moved = *cursor_ - m.distanceFromPlane(*cursor_) * m.frame.normal;
            if (imaging::norm(moved - *cursor_) < 1e-6) return;
            cursor_ = moved;
            for (SliceView* other : views_) other->setCrosshair(cursor_);
        });
    }
    connect(volumeView_, &VolumeView::maximizeRequested, this, [this] { toggleMaximized(volumeView_); });
}

void MainWindow::onCaseChanged() {
    const QString selected = annotationPanel_->selectedUid();
    if (sender() == case_) {
        annotationPanel_->setModel(case_->isOpen() ? &case_->session()->model() : nullptr);
        recordPanel_->refresh();
    }
    for (SliceView* v : views_) v->setAnnotations(case_->annotations(), selected.toStdString());
    volumeView_->setAnnotations(case_->annotations(), selected.toStdString());
    updateEditActions();
    if (const QString error = case_->journalError(); !error.isEmpty()) showStatus(tr("Autosave failed: %1").arg(error));
}

void MainWindow::updateEditActions() {
    undoAction_->setEnabled(case_->canUndo());
    redoAction_->setEnabled(case_->canRedo());
    undoAction_->setText(case_->canUndo() ? tr("&Undo %1").arg(case_->undoText()) : tr("&Undo"));
    redoAction_->setText(case_->canRedo() ? tr("&Redo %1").arg(case_->redoText()) : tr("&Redo"));
    deleteAction_->setEnabled(!annotationPanel_->selectedUid().isEmpty());
}

void MainWindow::jumpToAnnotation(const QString& uid) {
    const annotations::CaseDocument* doc = case_->document();
    if (!doc) return;
    const annotations::Annotation* a = nullptr;
    for (const auto& x : doc->annotations)
        if (qs(x.uid) == uid) a = &x;
    if (!a || a->pointsLps.empty()) return;
    annotationPanel_->selectUid(uid);
    const bool sameFrame = volume_ && (a->image.frameOfReferenceUid.empty()
                                           ? a->image.seriesInstanceUid == volume_->seriesInstanceUid
                                           : a->image.frameOfReferenceUid == volume_->frameOfReferenceUid);
    if (!sameFrame) {
        if (index_ && index_->findStack(a->image.seriesInstanceUid)) {
            pendingJump_ = uid;
            loadStack(qs(a->image.seriesInstanceUid));
        }
        return;
    }
    imaging::Vec3 centre{0, 0, 0};
    for (const auto& p : a->pointsLps) centre = centre + (1.0 / double(a->pointsLps.size())) * p;
    for (SliceView* v : views_) v->showLps(centre);
}

void MainWindow::addAnnotation(annotations::Annotation a) {
    if (!volume_) return;
    if (!case_->isOpen()) {
        const QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/cases/";
        annotations::DicomReference ref{volume_->studyInstanceUid, volume_->seriesInstanceUid,
                                        volume_->frameOfReferenceUid, index_ ? index_->root : std::string(),
                                        volume_->description};
        case_->ensureCase(base + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss"), ref);
        rememberCase(case_->folder());
        showStatus(tr("New case in %1").arg(case_->folder()));
    }
    a.uid = imaging::derivedUid(QUuid::createUuid().toString().toStdString());
    a.image = {volume_->studyInstanceUid, volume_->seriesInstanceUid, {}, 0, volume_->frameOfReferenceUid};
    const imaging::Vec3 index = volume_->geometry.lpsToIndex(a.pointsLps.front());
    const long k = std::lround(index.z);
    if (k >= 0 && std::size_t(k) < volume_->slices.size())
        a.image.sopInstanceUid = volume_->slices[std::size_t(k)].sopInstanceUid;
    a.spacingKnown = volume_->spacingKnown;
    const QString roiNote = withRoiValues(a);
    const std::string uid = a.uid;
    if (const QString error = case_->push(std::make_unique<annotations::AddAnnotation>(std::move(a))); !error.isEmpty())
        return reportError(tr("Cannot add the annotation"), error);
    annotationPanel_->selectUid(qs(uid));
    if (const annotations::Annotation* added = case_->session()->model().findAnnotation(uid))
        showStatus(tr("Added %1: %2%3. Ctrl+L links it to a lesion of the record.")
                       .arg(qs(added->label), valuesText(*added), roiNote));
}

void MainWindow::deleteSelected() {
    const QString uid = annotationPanel_->selectedUid();
    if (uid.isEmpty() || !case_->isOpen()) return;
    if (const QString error = case_->push(std::make_unique<annotations::RemoveAnnotation>(uid.toStdString()));
        !error.isEmpty())
        reportError(tr("Cannot delete"), error);
}

void MainWindow::onSegmented(const SegmentationOutcome& outcome) {
    progress_->setVisible(false);
    lastSegmentation_ = outcome;
    if (!outcome.error.isEmpty() || !outcome.metrics) {
        segmentationPanel_->setResult(tr("Segmentation failed: %1").arg(outcome.error));
        showStatus(tr("Segmentation failed: %1").arg(outcome.error));
    } else {
        QString text = describeLesion(*outcome.metrics, outcome.segmentation->warnings);
        QString outlinedOn;
        if (const std::string& id = outcome.segmentation->outlineStackId; !id.empty()) {
            const imaging::SeriesStack* s = index_ ? index_->findStack(id) : nullptr;
            outlinedOn = s ? tr("#%1 %2").arg(s->first().seriesNumber).arg(qs(s->first().seriesDescription)) : qs(id);
            text = tr("Outlined on %1, measured on this series:\n").arg(outlinedOn) + text;
        }
        segmentationPanel_->setResult(text);
        // The figures in the status bar; the warnings, too long for it, in the panel (raised).
        const std::size_t warnings = outcome.segmentation->warnings.size();
        QString status = describeLesion(*outcome.metrics).split('\n').join(", ");
        if (!outlinedOn.isEmpty()) status += tr(", outlined on %1").arg(outlinedOn);
        if (warnings) status += tr(" - %n warning(s) in the Seed segmentation panel", "", int(warnings));
        showStatus(status);
        if (auto* dock = qobject_cast<QDockWidget*>(segmentationPanel_->parentWidget())) {
            dock->show();
            dock->raise();
        }
        auto mask = std::shared_ptr<const imaging::LesionMask>(outcome.segmentation, &outcome.segmentation->mask);
        volumeView_->setMask(mask);
        std::optional<std::array<imaging::PointLps, 8>> box;
        if (outcome.boxCornersLps.size() == 8) {
            box.emplace();
            std::copy(outcome.boxCornersLps.begin(), outcome.boxCornersLps.end(), box->begin());
        }
        for (SliceView* v : views_) {
            v->setMask(mask);
            v->setSegmentationBox(box);
            v->showLps(outcome.segmentation->seedLps);  // the clicked view stays on its slice
        }
    }
    emit segmentationFinished();
}

QString MainWindow::saveCase() {
    const QString error = case_->save();
    if (!error.isEmpty())
        reportError(tr("Cannot save the case"), error);
    else
        showStatus(tr("Saved %1").arg(QDir(case_->folder()).filePath("case.json")));
    return error;
}

void MainWindow::exportCase(const QString& format) {
    if (!case_->isOpen()) return reportError(tr("Export"), tr("Open or start a case first."));
    if (!saveCase().isEmpty()) return;
    const std::string folder = case_->folder().toStdString(), out = folder + "/exports";
    QDir().mkpath(QString::fromStdString(out));
    showStatus(tr("Exporting %1…").arg(format.toUpper()));
    progress_->setRange(0, 0);
    progress_->setVisible(true);
    using Files = imaging::Result<std::vector<std::string>>;
    auto* watcher = new QFutureWatcher<Files>(this);
    connect(watcher, &QFutureWatcher<Files>::finished, this, [this, watcher, format] {
        progress_->setVisible(false);
        const Files result = watcher->result();
        watcher->deleteLater();
        QStringList files;
        QString error;
        if (!result)
            error = qs(result.error().message);
        else
            for (const auto& f : *result) files << qs(f);
        if (!error.isEmpty())
            reportError(tr("%1 export failed").arg(format.toUpper()), error);
        else if (files.isEmpty())
            reportError(tr("%1 export").arg(format.toUpper()), tr("Nothing to export."));
        else {
            showStatus(tr("Exported %1").arg(files.join(", ")));
            auto* box = new QMessageBox(QMessageBox::Information, tr("%1 export").arg(format.toUpper()),
                                        tr("Written:\n%1").arg(files.join('\n')), QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
        emit exportFinished(files, error);
    });
    annotations::DeidentificationPolicy policy;
    policy.enabled = deidentifyAction_ && deidentifyAction_->isChecked();
    watcher->setFuture(QtConcurrent::run([format, folder, out, policy]() -> Files {
        if (format != "all") return exportCaseAs(format.toStdString(), folder, out, policy);
        std::vector<std::string> all;
        for (const auto& f : exportFormats()) {
            auto files = exportCaseAs(f, folder, out, policy);
            if (!files) return imaging::Error{f + ": " + files.error().message};
            all.insert(all.end(), files->begin(), files->end());
        }
        return all;
    }));
}

void MainWindow::previewReport() {
    if (!case_->isOpen()) return reportError(tr("Report"), tr("Open or start a case first."));
    if (!saveCase().isEmpty()) return;
    auto* preview = new ReportPreview(case_->folder(), deidentifyAction_ && deidentifyAction_->isChecked(), this);
    preview->setAttribute(Qt::WA_DeleteOnClose);
    preview->show();
}

void MainWindow::rememberCase(const QString& folder) {
    QSettings settings;
    QStringList recent = settings.value("recentCases").toStringList();
    recent.removeAll(folder);
    recent.prepend(folder);
    while (recent.size() > 8) recent.removeLast();
    settings.setValue("recentCases", recent);
    updateRecentMenu();
}

}  // namespace mensura::viewer
