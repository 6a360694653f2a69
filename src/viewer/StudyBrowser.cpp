#include "mensura/viewer/StudyBrowser.h"

#include <QHeaderView>
#include <QIcon>
#include <QPixmap>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

#include "mensura/core/VolumeGeometry.h"
#include "mensura/dicom/VolumeLoader.h"
#include "mensura/viewer-model/WindowLevel.h"

namespace mensura::viewer {

namespace {

constexpr int kStackIdRole = Qt::UserRole + 1;

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString formatDate(const std::string& d) {
    if (d.size() != 8) return qs(d);
    return qs(d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2));
}

QString orientationOf(const imaging::FrameHeader& f) {
    if (!f.orientation) return {};
    const auto& [row, column] = *f.orientation;
    return qs(imaging::toString(imaging::classifyNormal(imaging::cross(row, column))));
}

}  // namespace

// A grey thumbnail of a series' middle image, windowed like the views' auto preset.
QImage thumbnailOf(const imaging::SeriesStack& stack, int side) {
    imaging::SeriesStack one = stack;
    one.frames = {stack.frames[stack.frames.size() / 2]};
    imaging::LoadOptions options;
    options.threads = 1;
    auto volume = imaging::loadVolume(one, options);
    if (!volume || volume->geometry.size[0] == 0 || volume->geometry.size[1] == 0) return {};
    const auto [window, level] = autoWindowLevel(*volume);
    const std::size_t nx = volume->geometry.size[0], ny = volume->geometry.size[1];
    QImage image(int(nx), int(ny), QImage::Format_Grayscale8);
    for (std::size_t j = 0; j < ny; ++j) {
        uchar* line = image.scanLine(int(j));
        for (std::size_t i = 0; i < nx; ++i) {
            double g = (volume->at(i, j, 0) - (level - window / 2)) / window;
            g = std::clamp(g, 0.0, 1.0);
            if (volume->invertedDisplay) g = 1 - g;
            line[i] = uchar(std::lround(255 * g));
        }
    }
    return image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

StudyBrowser::StudyBrowser(QWidget* parent) : QTreeWidget(parent) {
    setIconSize(QSize(36, 36));
    setColumnCount(4);
    setHeaderLabels({tr("Patient / study / series"), tr("Modality"), tr("Images"), tr("Matrix")});
    header()->setSectionResizeMode(0, QHeaderView::Interactive);
    header()->setStretchLastSection(false);
    for (int c = 1; c < 4; ++c) header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    setRootIsDecorated(true);
    setUniformRowHeights(false);  // series rows are as tall as their thumbnails
    setExpandsOnDoubleClick(false);
    auto activate = [this](QTreeWidgetItem* item) {
        const QString id = item ? item->data(0, kStackIdRole).toString() : QString();
        if (!id.isEmpty()) emit seriesActivated(id);
    };
    connect(this, &QTreeWidget::itemDoubleClicked, this, [activate](QTreeWidgetItem* item, int) { activate(item); });
    connect(this, &QTreeWidget::itemActivated, this, [activate](QTreeWidgetItem* item, int) { activate(item); });
}

void StudyBrowser::setIndex(std::shared_ptr<const imaging::DicomIndex> index) {
    index_ = std::move(index);
    clear();
    if (!index_) return;
    for (const auto& patient : index_->patients) {
        auto* p = new QTreeWidgetItem(this);
        QString name = qs(patient.patientName).replace('^', ' ').trimmed();
        p->setText(0, QStringLiteral("%1  [%2]").arg(name.isEmpty() ? tr("(no name)") : name, qs(patient.patientId)));
        for (const auto& study : patient.studies) {
            auto* s = new QTreeWidgetItem(p);
            s->setText(0, QStringLiteral("%1  %2").arg(formatDate(study.studyDate), qs(study.studyDescription)));
            for (const auto& stack : study.series) {
                if (stack.frames.empty()) continue;
                const auto& f = stack.first();
                auto* item = new QTreeWidgetItem(s);
                QString label = QStringLiteral("#%1 %2").arg(f.seriesNumber).arg(qs(f.seriesDescription));
                const QString orientation = orientationOf(f);
                if (!orientation.isEmpty()) label += QStringLiteral("  (%1)").arg(orientation);
                if (!stack.splitReason.empty()) label += tr("  [split: %1]").arg(qs(stack.splitReason));
                item->setText(0, label);
                item->setText(1, qs(f.modality));
                item->setText(2, QString::number(stack.frames.size()));
                item->setText(3, QStringLiteral("%1x%2").arg(f.columns).arg(f.rows));
                item->setData(0, kStackIdRole, qs(stack.stackId));
                item->setToolTip(0, qs(stack.stackId));
            }
        }
    }
    expandAll();
    resizeColumnToContents(0);
    startThumbnails();
}

StudyBrowser::~StudyBrowser() {
    if (thumbnailWatcher_) thumbnailWatcher_->cancel();  // the worker stops at the next series
}

void StudyBrowser::startThumbnails() {
    if (thumbnailWatcher_) {
        thumbnailWatcher_->cancel();
        thumbnailWatcher_->deleteLater();
    }
    thumbnails_ = 0;
    thumbnailWatcher_ = new QFutureWatcher<std::pair<QString, QImage>>(this);
    auto* watcher = thumbnailWatcher_;
    connect(watcher, &QFutureWatcherBase::resultReadyAt, this, [this, watcher](int i) {
        if (watcher != thumbnailWatcher_) return;
        const auto [stackId, image] = watcher->resultAt(i);
        for (QTreeWidgetItemIterator it(this); *it; ++it)
            if ((*it)->data(0, kStackIdRole).toString() == stackId && !image.isNull()) {
                (*it)->setIcon(0, QIcon(QPixmap::fromImage(image)));
                ++thumbnails_;
            }
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        if (watcher == thumbnailWatcher_) emit thumbnailsDone();
    });
    // The index is shared, so the worker never outlives what it reads.
    watcher->setFuture(QtConcurrent::run([index = index_](QPromise<std::pair<QString, QImage>>& promise) {
        if (!index) return;
        for (const imaging::SeriesStack* s : index->allStacks()) {
            if (promise.isCanceled()) return;
            if (!s->frames.empty()) promise.addResult(std::make_pair(qs(s->stackId), thumbnailOf(*s, 36)));
        }
    }));
}

const imaging::SeriesStack* StudyBrowser::largestStack() const {
    if (!index_) return nullptr;
    const imaging::SeriesStack* best = nullptr;
    for (const imaging::SeriesStack* s : index_->allStacks())
        if (!best || s->frames.size() > best->frames.size()) best = s;
    return best;
}

void StudyBrowser::setCurrentStack(const QString& stackId) {
    for (QTreeWidgetItemIterator it(this); *it; ++it) {
        const bool current = (*it)->data(0, kStackIdRole).toString() == stackId && !stackId.isEmpty();
        QFont font = (*it)->font(0);
        font.setBold(current);
        (*it)->setFont(0, font);
        if (current) setCurrentItem(*it);
    }
    resizeColumnToContents(0);
}

}  // namespace mensura::viewer
