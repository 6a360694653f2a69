#pragma once
// One plane (axial, coronal or sagittal) of a Volume. The voxel buffer is shared with VTK, not
// copied; the plane is cut by vtkImageReslice with axes set in patient space (DisplayFrame), so
// a sagittal acquisition shows a correct axial view. Input: left-drag window/level (or, with a
// tool active, places the tool; on an annotation handle, moves it), wheel or arrow keys scroll,
// right-drag zoom, middle-drag pan, R resets the view, double-click maximizes, Shift+click
// places the linked cursor (crosshair).
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <vtkSmartPointer.h>
#include <QPoint>

#include "mensura/annotations/Annotation.h"
#include "mensura/core/Volume.h"
#include "mensura/measure/LesionMask.h"
#include "mensura/viewer-model/DisplayFrame.h"
#include "mensura/viewer-model/OverlayScene.h"
#include "mensura/viewer-model/SliceMapping.h"
#include "mensura/viewer-model/ToolStateMachine.h"
#include "mensura/viewer/VtkOpenGLWidget.h"

class vtkImageActor;
class vtkImageData;
class vtkImageReslice;
class vtkLookupTable;
class vtkMatrix4x4;

namespace mensura::viewer {

class AnnotationLayer;
class MaskOverlay;
class SliceOverlay;

class SliceView : public VtkOpenGLWidget {
    Q_OBJECT
  public:
    explicit SliceView(ViewPlane plane, QWidget* parent = nullptr);
    ~SliceView() override;

    ViewPlane plane() const { return plane_; }
    // Shows a volume (nullptr clears the view). Starts on the middle slice with the volume's
    // window, or with `slice` when given and valid.
    void setVolume(std::shared_ptr<const imaging::Volume> volume, int slice = -1);
    const imaging::Volume* volume() const { return volume_.get(); }
    // Text shown in the middle of an empty view ("Loading…").
    void setMessage(const QString& message);

    int sliceIndex() const { return slice_; }
    int sliceCount() const;
    void setSliceIndex(int slice);
    double window() const { return window_; }
    double level() const { return level_; }
    void setWindowLevel(double window, double level);
    void resetView();

    // Display mapping of the current slice (valid once a volume is shown).
    SliceMapping mapping() const;
    // Scrolls to the slice nearest the point.
    void showLps(imaging::PointLps p);
    // The annotations to draw (shared by the views) and the selected one.
    void setAnnotations(std::shared_ptr<const std::vector<annotations::Annotation>> annotations,
                        const std::string& selectedUid);
    // Lines of a placement in progress.
    void setPreview(std::vector<Segment> segments);
    void setMask(std::shared_ptr<const imaging::LesionMask> mask);
    // The box the mask was segmented in (the seed tool's eight corners), drawn where the slice
    // cuts it; none: hidden.
    void setSegmentationBox(std::optional<std::array<imaging::PointLps, 8>> corners);
    // The linked cursor: two lines through the point, in the plane of the slice shown (none:
    // hidden).
    void setCrosshair(std::optional<imaging::PointLps> p);
    // With a tool active, the left button places it (toolPressed/Dragged/Released) instead of
    // changing the window.
    void setToolActive(bool active) { toolActive_ = active; }

  signals:
    void sliceChanged(int slice);
    void windowLevelChanged(double window, double level);
    void toolPressed(imaging::PointLps p);
    void toolDragged(imaging::PointLps p);
    void toolReleased(imaging::PointLps p);
    // A left double-click with a tool active (closes a polygon); it sends no second press.
    void toolDoubleClicked(imaging::PointLps p);
    // A handle of an annotation was dragged to p and released.
    void handleMoved(const QString& uid, int pointIndex, imaging::PointLps p);
    void maximizeRequested();
    // Shift+click: put the linked cursor here.
    void crosshairRequested(imaging::PointLps p);

  protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void beforeRender() override;

  private:
    void updateReslice();
    void updateCamera();
    void updateText();
    double parallelScale() const;
    QPointF cameraCentre() const;
    const HandleRef* handleAt(QPointF pos) const;

    ViewPlane plane_;
    std::shared_ptr<const imaging::Volume> volume_;
    DisplayFrame frame_;
    bool showsImage_ = false;
    int slice_ = 0;
    double window_ = 400, level_ = 40;
    double zoom_ = 1, panX_ = 0, panY_ = 0;  // pan in mm, in screen axes
    Qt::MouseButton dragButton_ = Qt::NoButton;
    QPointF dragStart_;
    double dragWindow_ = 0, dragLevel_ = 0, dragZoom_ = 1, dragPanX_ = 0, dragPanY_ = 0;

    vtkSmartPointer<vtkImageData> image_;
    vtkSmartPointer<vtkImageReslice> reslice_;
    vtkSmartPointer<vtkImageActor> actor_;
    vtkSmartPointer<vtkLookupTable> invertedLut_;
    vtkSmartPointer<vtkMatrix4x4> axes_;
    std::unique_ptr<SliceOverlay> overlay_;
    std::unique_ptr<AnnotationLayer> annotationLayer_;
    std::unique_ptr<MaskOverlay> maskOverlay_;
    std::shared_ptr<const std::vector<annotations::Annotation>> annotations_;
    std::string selectedUid_;
    std::vector<Segment> preview_;
    std::optional<std::array<imaging::PointLps, 8>> segmentationBox_;
    std::optional<imaging::PointLps> crosshair_;
    std::vector<HandleRef> handles_;  // drawn in the last render
    bool toolActive_ = false, toolDragging_ = false;
    std::optional<HandleRef> dragHandle_;
    imaging::PointLps dragHandleLps_;
};

}  // namespace mensura::viewer
