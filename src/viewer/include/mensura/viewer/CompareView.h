#pragma once
// Series side by side, scrolled together: two to four panes, each showing a series of the open
// folder in one plane. Panes in the frame of reference of the first pane are linked by patient
// position (T1, T2, DWI and post-contrast of one examination show the same level). Panes of
// another frame of reference (baseline vs follow-up) are linked by the offset between them when
// linking is switched on: line each up on the lesion, then press Link, and they scroll together
// keeping that offset. Each pane loads on its own worker thread.
#include <array>
#include <memory>
#include <vector>

#include <QWidget>

#include "mensura/annotations/Annotation.h"
#include "mensura/core/Volume.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/viewer-model/DisplayFrame.h"

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;

namespace mensura::viewer {

class SeriesLoader;
class SliceView;

class CompareView : public QWidget {
    Q_OBJECT
  public:
    explicit CompareView(std::shared_ptr<const imaging::DicomIndex> index, QWidget* parent = nullptr);
    ~CompareView() override;

    void setPaneCount(int count);  // 2..4
    int paneCount() const { return int(panes_.size()); }
    void setPlane(ViewPlane plane);
    // Loads a stack (series UID or stack id) into a pane.
    void setSeries(int pane, const QString& stackId);
    SliceView* view(int pane) const;
    std::shared_ptr<const imaging::Volume> volume(int pane) const;
    void setAnnotations(std::shared_ptr<const std::vector<annotations::Annotation>> annotations);

    // Links the panes (capturing the offsets of panes in other frames of reference) or unlinks.
    void setLinked(bool linked);
    bool isLinked() const;
    // Position of a pane's plane along its patient axis (z axial, y coronal, x sagittal), mm.
    double planePosition(int pane) const;

  signals:
    void paneLoaded(int pane);
    void paneFailed(int pane, const QString& message);

  private:
    struct Pane {
        QWidget* box = nullptr;
        QComboBox* series = nullptr;
        QLabel* note = nullptr;
        SliceView* view = nullptr;
        SeriesLoader* loader = nullptr;
        std::shared_ptr<const imaging::Volume> volume;
        double offsetMm = 0;  // position minus the first pane's, kept while linked
    };
    void buildPane(Pane& pane, int index);
    void rebuildViews();
    void follow(int source);
    void moveTo(int pane, double positionMm);
    int axis() const;  // LPS component along the plane's normal

    std::shared_ptr<const imaging::DicomIndex> index_;
    std::vector<std::unique_ptr<Pane>> panes_;
    std::shared_ptr<const std::vector<annotations::Annotation>> annotations_;
    ViewPlane plane_ = ViewPlane::Axial;
    QGridLayout* grid_;
    QComboBox *planeBox_, *countBox_;
    QCheckBox* link_;
    bool following_ = false;
};

}  // namespace mensura::viewer
