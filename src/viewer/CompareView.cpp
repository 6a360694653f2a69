#include "mensura/viewer/CompareView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "SeriesLoader.h"
#include "mensura/viewer/SliceView.h"

namespace mensura::viewer {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString stackLabel(const imaging::SeriesStack& s) {
    const imaging::FrameHeader& f = s.first();
    return QStringLiteral("%1 #%2 %3 (%4)")
        .arg(qs(f.studyDate), QString::number(f.seriesNumber), qs(f.seriesDescription), qs(f.modality));
}

double component(imaging::Vec3 p, int axis) { return axis == 0 ? p.x : axis == 1 ? p.y : p.z; }

}  // namespace

CompareView::CompareView(std::shared_ptr<const imaging::DicomIndex> index, QWidget* parent)
    : QWidget(parent), index_(std::move(index)) {
    setObjectName("compareView");
    setWindowTitle(tr("Mensura - compare series"));
    planeBox_ = new QComboBox;
    planeBox_->addItems({tr("Axial"), tr("Coronal"), tr("Sagittal")});
    countBox_ = new QComboBox;
    countBox_->addItems({"2", "3", "4"});
    link_ = new QCheckBox(tr("Link scrolling"));
    link_->setObjectName("linkScrolling");
    link_->setToolTip(
        tr("Same frame of reference: by patient position. Another frame (follow-up): "
           "line the panes up on the lesion first; the offset is kept."));
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Plane")));
    bar->addWidget(planeBox_);
    bar->addWidget(new QLabel(tr("Panes")));
    bar->addWidget(countBox_);
    bar->addWidget(link_);
    bar->addStretch();
    grid_ = new QGridLayout;
    grid_->setSpacing(2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addLayout(grid_, 1);
    connect(planeBox_, &QComboBox::currentIndexChanged, this, [this](int i) {
        setPlane(std::array{ViewPlane::Axial, ViewPlane::Coronal, ViewPlane::Sagittal}[std::size_t(i)]);
    });
    connect(countBox_, &QComboBox::currentIndexChanged, this, [this](int i) { setPaneCount(i + 2); });
    connect(link_, &QCheckBox::toggled, this, &CompareView::setLinked);
    setPaneCount(2);
    resize(1400, 800);
}

CompareView::~CompareView() = default;

void CompareView::buildPane(Pane& pane, int index) {
    pane.box = new QWidget;
    pane.series = new QComboBox;
    pane.series->addItem(tr("(choose a series)"), QString());
    if (index_)
        for (const imaging::SeriesStack* s : index_->allStacks()) pane.series->addItem(stackLabel(*s), qs(s->stackId));
    pane.note = new QLabel;
    pane.loader = new SeriesLoader(pane.box);
    auto* l = new QVBoxLayout(pane.box);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(pane.series);
    l->addWidget(pane.note);
    connect(pane.series, &QComboBox::activated, this,
            [this, index](int i) { setSeries(index, panes_[std::size_t(index)]->series->itemData(i).toString()); });
    connect(pane.loader, &SeriesLoader::loaded, this, [this, index](std::shared_ptr<const imaging::Volume> v) {
        Pane& p = *panes_[std::size_t(index)];
        p.volume = std::move(v);
        p.view->setVolume(p.volume);
        p.view->setAnnotations(annotations_, {});
        p.note->setText(tr("%1 x %2 x %3, frame %4")
                            .arg(p.volume->geometry.size[0])
                            .arg(p.volume->geometry.size[1])
                            .arg(p.volume->geometry.size[2])
                            .arg(qs(p.volume->frameOfReferenceUid).right(8)));
        if (isLinked() && index > 0 && panes_[0]->volume) {
            p.offsetMm = p.volume->frameOfReferenceUid == panes_[0]->volume->frameOfReferenceUid ? 0 : p.offsetMm;
            moveTo(index, planePosition(0) + p.offsetMm);
        }
        emit paneLoaded(index);
    });
    connect(pane.loader, &SeriesLoader::failed, this, [this, index](const QString&, const QString& message) {
        panes_[std::size_t(index)]->note->setText(tr("Not loaded: %1").arg(message));
        emit paneFailed(index, message);
    });
}

void CompareView::rebuildViews() {
    for (std::size_t i = 0; i < panes_.size(); ++i) {
        Pane& p = *panes_[i];
        auto* layout = static_cast<QVBoxLayout*>(p.box->layout());
        if (p.view) {
            layout->removeWidget(p.view);
            delete p.view;
        }
        p.view = new SliceView(plane_);
        p.view->setObjectName(QStringLiteral("comparePane%1").arg(i));
        layout->insertWidget(1, p.view, 1);
        if (p.volume) {
            p.view->setVolume(p.volume);
            p.view->setAnnotations(annotations_, {});
        }
        connect(p.view, &SliceView::sliceChanged, this, [this, i] { follow(int(i)); });
    }
}

void CompareView::setPaneCount(int count) {
    count = std::clamp(count, 2, 4);
    const QSignalBlocker block(countBox_);
    countBox_->setCurrentIndex(count - 2);
    while (int(panes_.size()) > count) {
        delete panes_.back()->box;
        panes_.pop_back();
    }
    while (int(panes_.size()) < count) {
        auto pane = std::make_unique<Pane>();
        buildPane(*pane, int(panes_.size()));
        panes_.push_back(std::move(pane));
    }
    for (std::size_t i = 0; i < panes_.size(); ++i)
        grid_->addWidget(panes_[i]->box, count == 4 ? int(i / 2) : 0, count == 4 ? int(i % 2) : int(i));
    rebuildViews();
}

void CompareView::setPlane(ViewPlane plane) {
    plane_ = plane;
    const QSignalBlocker block(planeBox_);
    planeBox_->setCurrentIndex(plane == ViewPlane::Axial ? 0 : plane == ViewPlane::Coronal ? 1 : 2);
    rebuildViews();
}

void CompareView::setSeries(int pane, const QString& stackId) {
    if (pane < 0 || pane >= paneCount() || !index_) return;
    Pane& p = *panes_[std::size_t(pane)];
    const imaging::SeriesStack* stack = index_->findStack(stackId.toStdString());
    if (!stack) return;
    p.series->setCurrentIndex(std::max(0, p.series->findData(qs(stack->stackId))));
    p.note->setText(tr("Loading…"));
    p.loader->load(*stack);
}

SliceView* CompareView::view(int pane) const {
    return pane >= 0 && pane < paneCount() ? panes_[std::size_t(pane)]->view : nullptr;
}

std::shared_ptr<const imaging::Volume> CompareView::volume(int pane) const {
    return pane >= 0 && pane < paneCount() ? panes_[std::size_t(pane)]->volume : nullptr;
}

void CompareView::setAnnotations(std::shared_ptr<const std::vector<annotations::Annotation>> annotations) {
    annotations_ = std::move(annotations);
    for (const auto& p : panes_)
        if (p->volume) p->view->setAnnotations(annotations_, {});
}

int CompareView::axis() const { return plane_ == ViewPlane::Axial ? 2 : plane_ == ViewPlane::Coronal ? 1 : 0; }

double CompareView::planePosition(int pane) const {
    const Pane& p = *panes_[std::size_t(pane)];
    if (!p.volume) return 0;
    return component(p.view->mapping().sliceCornerLps, axis());
}

bool CompareView::isLinked() const { return link_->isChecked(); }

void CompareView::setLinked(bool linked) {
    const QSignalBlocker block(link_);
    link_->setChecked(linked);
    if (!linked || !panes_[0]->volume) return;
    const std::string frame = panes_[0]->volume->frameOfReferenceUid;
    for (std::size_t i = 1; i < panes_.size(); ++i) {
        Pane& p = *panes_[i];
        if (!p.volume) continue;
        // One frame of reference: the same patient position. Another: keep the present offset.
        p.offsetMm = p.volume->frameOfReferenceUid == frame ? 0 : planePosition(int(i)) - planePosition(0);
        p.note->setText(
            p.offsetMm == 0
                ? tr("linked by patient position")
                : tr("linked with an offset of %1 mm (another frame of reference)").arg(p.offsetMm, 0, 'f', 1));
    }
    follow(0);
}

void CompareView::follow(int source) {
    if (!isLinked() || following_ || !panes_[std::size_t(source)]->volume) return;
    following_ = true;
    const double base = planePosition(source) - panes_[std::size_t(source)]->offsetMm;
    for (int i = 0; i < paneCount(); ++i)
        if (i != source && panes_[std::size_t(i)]->volume) moveTo(i, base + panes_[std::size_t(i)]->offsetMm);
    following_ = false;
}

void CompareView::moveTo(int pane, double positionMm) {
    Pane& p = *panes_[std::size_t(pane)];
    imaging::PointLps target = p.view->mapping().sliceCornerLps;
    (axis() == 0 ? target.x : axis() == 1 ? target.y : target.z) = positionMm;
    p.view->showLps(target);
}

}  // namespace mensura::viewer
