#include "mensura/viewer/SliceView.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include <vtkCamera.h>
#include <vtkFloatArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageMapper3D.h>
#include <vtkImageProperty.h>
#include <vtkImageReslice.h>
#include <vtkLookupTable.h>
#include <vtkMatrix4x4.h>
#include <vtkPointData.h>
#include <vtkRenderer.h>
#include <vtkShortArray.h>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include "AnnotationLayer.h"
#include "MaskOverlay.h"
#include "SliceOverlay.h"
#include "mensura/annotations/HandleEdits.h"
#include "mensura/viewer-model/WindowLevel.h"

namespace mensura::viewer {

using imaging::Vec3;
using imaging::Volume;

namespace {

// Index-space millimetres of VTK's image (origin 0, identity direction): q = index * spacing.
Vec3 toImageMm(const imaging::VolumeGeometry& g, imaging::PointLps p) {
    const Vec3 index = g.lpsToIndex(p);
    return {index.x * g.spacingMm.x, index.y * g.spacingMm.y, index.z * g.spacingMm.z};
}

}  // namespace

SliceView::SliceView(ViewPlane plane, QWidget* parent) : VtkOpenGLWidget(parent), plane_(plane) {
    // Input is handled here in Qt; no VTK interactor style moves the camera behind our back.
    interactor()->SetInteractorStyle(nullptr);
    renderer()->SetBackground(0, 0, 0);

    reslice_ = vtkSmartPointer<vtkImageReslice>::New();
    reslice_->SetOutputDimensionality(2);
    reslice_->SetInterpolationModeToLinear();
    actor_ = vtkSmartPointer<vtkImageActor>::New();
    actor_->GetMapper()->SetInputConnection(reslice_->GetOutputPort());
    actor_->GetProperty()->SetInterpolationTypeToLinear();
    actor_->SetVisibility(false);
    renderer()->AddViewProp(actor_);
    renderer()->GetActiveCamera()->ParallelProjectionOn();
    maskOverlay_ = std::make_unique<MaskOverlay>(renderer());
    axes_ = vtkSmartPointer<vtkMatrix4x4>::New();

    invertedLut_ = vtkSmartPointer<vtkLookupTable>::New();
    invertedLut_->SetValueRange(1, 0);
    invertedLut_->SetSaturationRange(0, 0);
    invertedLut_->SetHueRange(0, 0);
    invertedLut_->SetRampToLinear();
    invertedLut_->Build();

    overlay_ = std::make_unique<SliceOverlay>(renderer());
    overlay_->setMessage("No series loaded");
    annotationLayer_ = std::make_unique<AnnotationLayer>(renderer());
    setMouseTracking(false);
}

SliceView::~SliceView() = default;

int SliceView::sliceCount() const { return showsImage_ ? static_cast<int>(frame_.sliceCount) : 0; }

void SliceView::setMessage(const QString& message) {
    overlay_->setMessage(message.toStdString());
    update();
}

void SliceView::setVolume(std::shared_ptr<const Volume> volume, int slice) {
    volume_ = std::move(volume);
    showsImage_ = false;
    maskOverlay_->setMask(nullptr, {});
    segmentationBox_.reset();
    dragHandle_.reset();
    if (!volume_ || volume_->geometry.voxelCount() == 0) {
        actor_->SetVisibility(false);
        overlay_->setImageAnnotationsVisible(false);
        overlay_->setMessage(volume_ ? "Empty series" : "No series loaded");
        update();
        return;
    }
    const imaging::VolumeGeometry& g = volume_->geometry;
    frame_ = displayFrameFor(g, plane_);
    // A set of 2D images has no third spatial axis: only its own plane can be shown.
    if (!volume_->isVolume && frame_.sliceAxis != 2) {
        actor_->SetVisibility(false);
        overlay_->setImageAnnotationsVisible(false);
        overlay_->setMessage("2D images: no reformat");
        update();
        return;
    }

    image_ = vtkSmartPointer<vtkImageData>::New();
    image_->SetDimensions(static_cast<int>(g.size[0]), static_cast<int>(g.size[1]), static_cast<int>(g.size[2]));
    image_->SetSpacing(g.spacingMm.x, g.spacingMm.y, g.spacingMm.z);
    image_->SetOrigin(0, 0, 0);
    const auto count = static_cast<vtkIdType>(g.voxelCount());
    // VTK only reads the buffer; the shared_ptr held in volume_ keeps it alive.
    if (volume_->voxelType == imaging::VoxelType::Int16) {
        vtkNew<vtkShortArray> scalars;
        scalars->SetArray(const_cast<int16_t*>(volume_->int16Voxels.data()), count, 1);
        image_->GetPointData()->SetScalars(scalars);
    } else {
        vtkNew<vtkFloatArray> scalars;
        scalars->SetArray(const_cast<float*>(volume_->floatVoxels.data()), count, 1);
        image_->GetPointData()->SetScalars(scalars);
    }
    reslice_->SetInputData(image_);
    reslice_->SetOutputSpacing(frame_.columnSpacingMm, frame_.rowSpacingMm, 1);
    reslice_->SetOutputOrigin(0, 0, 0);
    reslice_->SetOutputExtent(0, static_cast<int>(frame_.columns) - 1, 0, static_cast<int>(frame_.rows) - 1, 0, 0);
    // The output extent matches the voxel grid, so background shows only outside it; a
    // sampled minimum avoids scanning every voxel on the GUI thread.
    reslice_->SetBackgroundLevel(sampledMinimum(*volume_));

    vtkImageProperty* property = actor_->GetProperty();
    if (volume_->invertedDisplay) {
        property->SetLookupTable(invertedLut_);
        property->UseLookupTableScalarRangeOff();
    } else {
        property->SetLookupTable(nullptr);
    }
    showsImage_ = true;
    actor_->SetVisibility(true);
    overlay_->setMessage("");
    overlay_->setImageAnnotationsVisible(true);
    overlay_->setEdgeLabels(frame_.leftLabel(), frame_.rightLabel(), frame_.topLabel(), frame_.bottomLabel());

    const auto [window, level] = defaultWindowLevel(*volume_);
    window_ = window;
    level_ = level;
    property->SetColorWindow(window_);
    property->SetColorLevel(level_);
    slice_ = (slice >= 0 && slice < sliceCount()) ? slice : sliceCount() / 2;
    zoom_ = 1;
    panX_ = panY_ = 0;
    updateReslice();
    updateText();
    update();
}

void SliceView::setSliceIndex(int slice) {
    if (!showsImage_) return;
    slice = std::clamp(slice, 0, sliceCount() - 1);
    if (slice == slice_) return;
    slice_ = slice;
    updateReslice();
    updateText();
    update();
    emit sliceChanged(slice_);
}

void SliceView::setWindowLevel(double window, double level) {
    window = std::max(window, 1e-3);
    if (window == window_ && level == level_) return;
    window_ = window;
    level_ = level;
    actor_->GetProperty()->SetColorWindow(window_);
    actor_->GetProperty()->SetColorLevel(level_);
    updateText();
    update();
    emit windowLevelChanged(window_, level_);
}

void SliceView::resetView() {
    zoom_ = 1;
    panX_ = panY_ = 0;
    update();
}

void SliceView::updateReslice() {
    const imaging::VolumeGeometry& g = volume_->geometry;
    const imaging::PointLps corner = sliceCornerLps(g, frame_, static_cast<std::size_t>(slice_));
    // Output (x, y, 0) is the LPS point corner + x * right + y * up; the reslice matrix maps it
    // to VTK's image coordinates. Its columns are the images of the output axes and origin.
    const Vec3 base = toImageMm(g, g.originLps);
    const Vec3 columns[4] = {toImageMm(g, g.originLps + frame_.right) - base,
                             toImageMm(g, g.originLps + frame_.up) - base,
                             toImageMm(g, g.originLps + frame_.normal) - base, toImageMm(g, corner)};
    vtkNew<vtkMatrix4x4> axes;
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 3; ++r) axes->SetElement(r, c, columns[c][r]);
    reslice_->SetResliceAxes(axes);
    axes_->DeepCopy(axes);
    maskOverlay_->update(axes_, frame_.columnSpacingMm, frame_.rowSpacingMm, int(frame_.columns), int(frame_.rows));
}

void SliceView::updateText() {
    if (!showsImage_) return;
    const Volume& v = *volume_;
    const imaging::PointLps corner = sliceCornerLps(v.geometry, frame_, static_cast<std::size_t>(slice_));
    // Slice location along the patient axis closest to the view normal, as scanners label it.
    const Vec3 n = frame_.normal;
    const int axis = (std::fabs(n.x) >= std::fabs(n.y) && std::fabs(n.x) >= std::fabs(n.z)) ? 0
                     : std::fabs(n.y) >= std::fabs(n.z)                                     ? 1
                                                                                            : 2;
    char lowerLeft[128], lowerRight[96], upperLeft[256];
    std::snprintf(lowerLeft, sizeof lowerLeft, "Im: %d/%d\nLoc: %.1f mm", slice_ + 1, sliceCount(), corner[axis]);
    std::snprintf(lowerRight, sizeof lowerRight, "W: %.0f L: %.0f", window_, level_);
    std::string name = v.patientName;  // DICOM PN: Family^Given^Middle
    std::replace(name.begin(), name.end(), '^', ' ');
    std::snprintf(upperLeft, sizeof upperLeft, "%s\n%s #%d %s", name.c_str(), v.modality.c_str(), v.seriesNumber,
                  v.description.c_str());
    std::string upperRight = planeName(plane_);
    if (!v.spacingKnown) upperRight += "\nspacing unknown (px)";
    overlay_->setCornerText(upperLeft, upperRight, lowerLeft, lowerRight);
}

double SliceView::parallelScale() const {
    const double vw = std::max(width(), 1), vh = std::max(height(), 1);
    const double w = double(frame_.columns) * frame_.columnSpacingMm;
    const double h = double(frame_.rows) * frame_.rowSpacingMm;
    return std::max(0.5 * h, 0.5 * w * vh / vw) * 1.02 / zoom_;
}

QPointF SliceView::cameraCentre() const {
    return {0.5 * double(frame_.columns - 1) * frame_.columnSpacingMm - panX_,
            0.5 * double(frame_.rows - 1) * frame_.rowSpacingMm - panY_};
}

SliceMapping SliceView::mapping() const {
    SliceMapping m;
    m.frame = frame_;
    if (!showsImage_) return m;
    m.sliceCornerLps = sliceCornerLps(volume_->geometry, frame_, static_cast<std::size_t>(slice_));
    const QPointF c = cameraCentre();
    m.centreX = c.x();
    m.centreY = c.y();
    m.widgetWidth = std::max(width(), 1);
    m.widgetHeight = std::max(height(), 1);
    m.mmPerPixel = 2 * parallelScale() / m.widgetHeight;
    return m;
}

void SliceView::showLps(imaging::PointLps p) {
    if (!showsImage_) return;
    const Vec3 index = volume_->geometry.lpsToIndex(p);
    setSliceIndex(int(std::lround(index[frame_.sliceAxis])));
}

void SliceView::setAnnotations(std::shared_ptr<const std::vector<annotations::Annotation>> annotations,
                               const std::string& selectedUid) {
    annotations_ = std::move(annotations);
    selectedUid_ = selectedUid;
    update();
}

void SliceView::setPreview(std::vector<Segment> segments) {
    preview_ = std::move(segments);
    update();
}

void SliceView::setMask(std::shared_ptr<const imaging::LesionMask> mask) {
    if (!showsImage_) return;
    maskOverlay_->setMask(std::move(mask), volume_->geometry);
    maskOverlay_->update(axes_, frame_.columnSpacingMm, frame_.rowSpacingMm, int(frame_.columns), int(frame_.rows));
    update();
}

void SliceView::setSegmentationBox(std::optional<std::array<imaging::PointLps, 8>> corners) {
    segmentationBox_ = corners;
    update();
}

void SliceView::updateCamera() {
    const int* size = renderWindow()->GetSize();
    vtkCamera* camera = renderer()->GetActiveCamera();
    const QPointF c = cameraCentre();
    camera->SetFocalPoint(c.x(), c.y(), 0);
    camera->SetPosition(c.x(), c.y(), 1000);
    camera->SetViewUp(0, 1, 0);
    camera->SetParallelScale(parallelScale());
    renderer()->ResetCameraClippingRange();
    const double mmPerPixel = 2 * camera->GetParallelScale() / std::max(size[1], 1);
    overlay_->updateScaleBar(mmPerPixel, size[0], size[1], volume_->spacingKnown ? "mm" : "px");
}

void SliceView::beforeRender() {
    handles_.clear();
    if (!showsImage_) {
        annotationLayer_->clear();
        return;
    }
    updateCamera();
    const SliceMapping m = mapping();
    std::vector<annotations::Annotation> shown = annotations_ ? *annotations_ : std::vector<annotations::Annotation>{};
    if (dragHandle_)
        for (auto& a : shown)
            if (a.uid == dragHandle_->uid)
                if (auto moved = annotations::movedHandle(a, dragHandle_->pointIndex, dragHandleLps_))
                    a.pointsLps = *moved;
    OverlayScene scene =
        buildOverlayScene(shown, m, volume_->frameOfReferenceUid, volume_->seriesInstanceUid, selectedUid_, &handles_);
    for (const Segment& s : preview_) {
        OverlayScene::Polyline line;
        line.color = {120, 255, 120};
        for (imaging::PointLps p : {s.first, s.second}) {
            std::array<double, 2> w{};
            m.toWidget(p, w[0], w[1]);
            line.points.push_back(w);
        }
        scene.lines.push_back(line);
    }
    if (segmentationBox_) {
        const std::vector<imaging::PointLps> section = boxSection(*segmentationBox_, m);
        OverlayScene::Polyline line;
        line.color = {120, 255, 120};  // as the box was drawn
        for (std::size_t i = 0; i <= section.size() && !section.empty(); ++i) {
            std::array<double, 2> w{};
            m.toWidget(section[i % section.size()], w[0], w[1]);
            line.points.push_back(w);
        }
        if (!line.points.empty()) scene.lines.push_back(line);
    }
    if (crosshair_) {
        // Two lines through the cursor with a gap around it, so the point itself stays visible.
        double cx = 0, cy = 0;
        m.toWidget(*crosshair_, cx, cy);
        const double gap = 8, far = 1e5;
        for (const auto& [dx, dy] : {std::pair{1.0, 0.0}, std::pair{0.0, 1.0}})
            for (double sign : {-1.0, 1.0}) {
                OverlayScene::Polyline line;
                line.color = {90, 200, 255};
                line.points = {{cx + sign * dx * gap, cy + sign * dy * gap},
                               {cx + sign * dx * far, cy + sign * dy * far}};
                scene.lines.push_back(line);
            }
    }
    annotationLayer_->show(scene, devicePixelRatioF(), renderWindow()->GetSize()[1]);
}

void SliceView::setCrosshair(std::optional<imaging::PointLps> p) {
    crosshair_ = p;
    update();
}

const HandleRef* SliceView::handleAt(QPointF pos) const {
    for (const HandleRef& h : handles_)
        if (std::hypot(h.x - pos.x(), h.y - pos.y()) <= 6) return &h;
    return nullptr;
}

void SliceView::mousePressEvent(QMouseEvent* event) {
    const QPointF pos = event->position();
    if (showsImage_ && event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier)) {
        emit crosshairRequested(mapping().toLps(pos.x(), pos.y()));
        return;
    }
    if (showsImage_ && dragButton_ == Qt::NoButton && event->button() == Qt::LeftButton) {
        if (const HandleRef* h = handleAt(pos)) {
            dragHandle_ = *h;
            dragHandleLps_ = mapping().toLps(pos.x(), pos.y());
        } else if (toolActive_) {
            toolDragging_ = true;
            emit toolPressed(mapping().toLps(pos.x(), pos.y()));
        }
    }
    if (dragButton_ == Qt::NoButton) {
        dragButton_ = event->button();
        dragStart_ = event->position();
        dragWindow_ = window_;
        dragLevel_ = level_;
        dragZoom_ = zoom_;
        dragPanX_ = panX_;
        dragPanY_ = panY_;
    }
    VtkOpenGLWidget::mousePressEvent(event);
}

void SliceView::mouseReleaseEvent(QMouseEvent* event) {
    const QPointF pos = event->position();
    if (event->button() == Qt::LeftButton && dragHandle_) {
        const HandleRef h = *dragHandle_;
        dragHandle_.reset();
        const QPointF moved = pos - dragStart_;
        if (std::hypot(moved.x(), moved.y()) >= 2) {
            emit handleMoved(QString::fromStdString(h.uid), int(h.pointIndex), mapping().toLps(pos.x(), pos.y()));
        } else if (toolActive_) {
            // A click (no drag) on a handle is a click of the active tool: a seed or a polygon
            // vertex inside an ROI must not be swallowed by the ROI's centre handle.
            emit toolPressed(mapping().toLps(dragStart_.x(), dragStart_.y()));
            emit toolReleased(mapping().toLps(pos.x(), pos.y()));
        }
        update();
    } else if (event->button() == Qt::LeftButton && toolDragging_) {
        toolDragging_ = false;
        emit toolReleased(mapping().toLps(pos.x(), pos.y()));
    }
    if (event->button() == dragButton_) dragButton_ = Qt::NoButton;
    VtkOpenGLWidget::mouseReleaseEvent(event);
}

void SliceView::mouseMoveEvent(QMouseEvent* event) {
    const QPointF d = event->position() - dragStart_;
    if (dragButton_ == Qt::LeftButton && dragHandle_) {
        dragHandleLps_ = mapping().toLps(event->position().x(), event->position().y());
        update();
    } else if (dragButton_ == Qt::LeftButton && toolDragging_) {
        emit toolDragged(mapping().toLps(event->position().x(), event->position().y()));
    } else if (showsImage_ && dragButton_ == Qt::LeftButton) {
        // Right widens the window, up brightens (lowers the level); one window-width per ~300 px.
        const double rate = std::max(dragWindow_, 1.0) / 300.0;
        setWindowLevel(dragWindow_ + d.x() * rate, dragLevel_ + d.y() * rate);
    } else if (showsImage_ && dragButton_ == Qt::RightButton) {
        zoom_ = std::clamp(dragZoom_ * std::exp(-d.y() / 200.0), 0.1, 50.0);
        update();
    } else if (showsImage_ && dragButton_ == Qt::MiddleButton) {
        const double mmPerPixel = 2 * renderer()->GetActiveCamera()->GetParallelScale() / std::max(height(), 1);
        panX_ = dragPanX_ + d.x() * mmPerPixel;
        panY_ = dragPanY_ - d.y() * mmPerPixel;
        update();
    }
    VtkOpenGLWidget::mouseMoveEvent(event);
}

void SliceView::wheelEvent(QWheelEvent* event) {
    const int steps = event->angleDelta().y() / 120;
    if (event->modifiers() & Qt::ControlModifier) {
        zoom_ = std::clamp(zoom_ * std::pow(1.1, steps), 0.1, 50.0);
        update();
    } else if (steps != 0) {
        setSliceIndex(slice_ + steps);
    }
    event->accept();
    VtkOpenGLWidget::wheelEvent(event);
}

void SliceView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && toolActive_ && showsImage_ && !handleAt(event->position())) {
        // Not forwarded: the base class would turn it into a second press (a duplicate vertex).
        // The release that follows finds no tool drag and no drag button, so it does nothing.
        emit toolDoubleClicked(mapping().toLps(event->position().x(), event->position().y()));
        return;
    }
    if (event->button() == Qt::LeftButton && !toolActive_) emit maximizeRequested();
    VtkOpenGLWidget::mouseDoubleClickEvent(event);
}

void SliceView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_Up:
        case Qt::Key_Right:
            setSliceIndex(slice_ + 1);
            break;
        case Qt::Key_Down:
        case Qt::Key_Left:
            setSliceIndex(slice_ - 1);
            break;
        case Qt::Key_PageUp:
            setSliceIndex(slice_ + 10);
            break;
        case Qt::Key_PageDown:
            setSliceIndex(slice_ - 10);
            break;
        case Qt::Key_Home:
            setSliceIndex(0);
            break;
        case Qt::Key_End:
            setSliceIndex(sliceCount() - 1);
            break;
        case Qt::Key_R:
            resetView();
            break;
        default:
            break;
    }
    VtkOpenGLWidget::keyPressEvent(event);
}

}  // namespace mensura::viewer
