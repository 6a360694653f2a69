#pragma once
// The 3D view: the volume rendered in patient space (LPS; any acquisition plane looks
// anatomically right), the three slice planes of the 2D views as coloured outlines (axial blue,
// coronal green, sagittal yellow), the lesion mask as a red surface, and the annotations as lines
// (a tri-axial as AP cyan, LR magenta, SI orange), with an orientation cube (L/R, A/P, S/I).
// Left-drag rotates, middle-drag pans, right-drag or the wheel zooms, R resets to the anterior
// view, B / T / M choose the bone, soft-tissue or MR (auto range) preset, double-click maximizes.
//
// The view never blocks the GUI for long: the images the ray caster reads are prepared on a
// worker thread (block-averaged to at most kStillMaxDim voxels per axis), interaction renders a
// smaller copy (kInteractiveMaxDim) at a coarser ray step, and the full-quality frame is drawn
// once the mouse has been still for kSettleMs.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include <vtkSmartPointer.h>
#include <QTimer>

#include "mensura/annotations/Annotation.h"
#include "mensura/core/Volume.h"
#include "mensura/measure/LesionMask.h"
#include "mensura/viewer-model/DisplayFrame.h"
#include "mensura/viewer/VolumeRendering.h"
#include "mensura/viewer/VtkOpenGLWidget.h"

class vtkActor;
class vtkPolyData;
class vtkRenderer;
class vtkTextActor;
class vtkVolume;
class vtkVolumeMapper;
class vtkVolumeProperty;

namespace mensura::viewer {

class VolumeView : public VtkOpenGLWidget {
    Q_OBJECT
  public:
    // CPU: vtkFixedPointVolumeRayCastMapper (the default: fastest on Mesa llvmpipe, see the
    // commit and bench notes); GPU: vtkGPUVolumeRayCastMapper (better on real graphics hardware).
    enum class Mapper { Cpu, Gpu };
    static constexpr int kStillMaxDim = 256;
    static constexpr int kInteractiveMaxDim = 128;
    static constexpr int kSettleMs = 250;

    explicit VolumeView(QWidget* parent = nullptr);
    ~VolumeView() override;

    // Shows a volume (nullptr clears the view); the rendering appears when its images are ready
    // (renderReady). The slice outlines start on the middle slices, as in SliceView.
    void setVolume(std::shared_ptr<const imaging::Volume> volume);
    const imaging::Volume* volume() const { return volume_.get(); }
    bool isRenderReady() const { return renderReady_; }
    void setMask(std::shared_ptr<const imaging::LesionMask> mask);
    void setAnnotations(std::shared_ptr<const std::vector<annotations::Annotation>> annotations,
                        const std::string& selectedUid);
    // The slice shown by the 2D view of that plane (SliceView::sliceIndex()).
    void setSliceIndex(ViewPlane plane, int slice);
    void setPreset(VolumePreset preset);
    VolumePreset preset() const { return resolvedPreset_; }
    void setMapper(Mapper mapper);
    Mapper mapper() const { return mapper_; }
    // Interactive quality (the small image, coarser rays) as while the mouse drags.
    void setInteractiveQuality(bool interactive);
    void resetView();
    // Wall time of the last paintGL, VTK render and blit, finished (glFinish), in ms.
    double lastRenderMs() const { return lastRenderMs_; }

  signals:
    void renderReady();
    void maximizeRequested();

  protected:
    void paintGL() override;
    void beforeRender() override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

  private:
    void onRenderImages(const RenderImages& images);
    void buildMappers();
    void configureMappers();
    void updateOutlines();
    void updateAnnotations();
    void updateText();

    std::shared_ptr<const imaging::Volume> volume_;
    std::shared_ptr<const imaging::LesionMask> mask_;
    std::shared_ptr<const std::vector<annotations::Annotation>> annotations_;
    std::string selectedUid_;
    RenderImages images_;
    unsigned generation_ = 0;
    bool renderReady_ = false, interactive_ = false;
    Mapper mapper_ = Mapper::Cpu;
    VolumePreset preset_ = VolumePreset::Auto, resolvedPreset_ = VolumePreset::Auto;
    std::array<DisplayFrame, 3> frames_{};
    std::array<int, 3> slices_{0, 0, 0};
    double lastRenderMs_ = 0;
    QTimer settle_;

    vtkSmartPointer<vtkVolumeProperty> property_;
    vtkSmartPointer<vtkVolume> still_, interactiveVolume_;
    vtkSmartPointer<vtkActor> lesion_, outlines_, annotationLines_;
    vtkSmartPointer<vtkPolyData> outlineData_, annotationData_;
    vtkSmartPointer<vtkRenderer> overlay_, marker_;
    vtkSmartPointer<vtkTextActor> text_;
};

}  // namespace mensura::viewer
