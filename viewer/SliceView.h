#pragma once
// One plane (axial, coronal or sagittal) of a Volume. The voxel buffer is shared with VTK, not
// copied; the plane is cut by vtkImageReslice with axes set in patient space (DisplayFrame), so
// a sagittal acquisition shows a correct axial view. Input: left-drag window/level, wheel or
// arrow keys scroll, right-drag zoom, middle-drag pan, R resets the view.
#include <memory>

#include <QPoint>
#include <vtkSmartPointer.h>

#include "DisplayFrame.h"
#include "VtkOpenGLWidget.h"
#include "imaging/Volume.h"

class vtkImageActor;
class vtkImageData;
class vtkImageReslice;
class vtkLookupTable;

namespace mensura::viewer {

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

signals:
    void sliceChanged(int slice);
    void windowLevelChanged(double window, double level);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void beforeRender() override;

private:
    void updateReslice();
    void updateCamera();
    void updateText();

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
    std::unique_ptr<SliceOverlay> overlay_;
};

}  // namespace mensura::viewer
