#include "mensura/viewer/VolumeView.h"

#include <algorithm>
#include <cmath>

#include <vtkActor.h>
#include <vtkAnnotatedCubeActor.h>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkFixedPointVolumeRayCastMapper.h>
#include <vtkGPUVolumeRayCastMapper.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkImageData.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkMatrix4x4.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QtConcurrent/QtConcurrentRun>

#include "mensura/annotations/AnnotationKinds.h"

namespace mensura::viewer {

using imaging::PointLps;
using imaging::Vec3;
using Rgb = std::array<unsigned char, 3>;

namespace {

constexpr std::array<ViewPlane, 3> kPlanes{ViewPlane::Axial, ViewPlane::Coronal, ViewPlane::Sagittal};
constexpr std::array<Rgb, 3> kPlaneColours{Rgb{90, 140, 255}, Rgb{90, 220, 90}, Rgb{255, 230, 80}};
constexpr Rgb kCaliperColour{255, 220, 60};

// Tri-axial AP, LR, SI calipers in their own colours; other calipers yellow as in the 2D views.
Rgb caliperColour(annotations::Quantity q) {
    using annotations::Quantity;
    return q == Quantity::ApDiameter   ? Rgb{0, 220, 255}
           : q == Quantity::LrDiameter ? Rgb{255, 80, 255}
           : q == Quantity::SiDiameter ? Rgb{255, 160, 0}
                                       : kCaliperColour;
}

int planeIndex(ViewPlane plane) { return plane == ViewPlane::Axial ? 0 : plane == ViewPlane::Coronal ? 1 : 2; }

// Polylines and points with one colour per cell, drawn unlit on top of the rendering.
struct LineBuilder {
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> lines, verts;
    vtkNew<vtkUnsignedCharArray> lineColours, vertColours;

    LineBuilder() {
        lineColours->SetNumberOfComponents(3);
        vertColours->SetNumberOfComponents(3);
    }
    void line(const std::vector<PointLps>& pts, bool closed, const Rgb& c) {
        std::vector<vtkIdType> ids;
        for (const PointLps& p : pts) ids.push_back(points->InsertNextPoint(p.x, p.y, p.z));
        if (closed && !ids.empty()) ids.push_back(ids.front());
        lines->InsertNextCell(vtkIdType(ids.size()), ids.data());
        lineColours->InsertNextTypedTuple(c.data());
    }
    void point(PointLps p, const Rgb& c) {
        const vtkIdType id = points->InsertNextPoint(p.x, p.y, p.z);
        verts->InsertNextCell(1, &id);
        vertColours->InsertNextTypedTuple(c.data());
    }
    void into(vtkPolyData* data) {
        // VTK orders cell data verts first, then lines.
        vtkNew<vtkUnsignedCharArray> colours;
        colours->SetNumberOfComponents(3);
        for (vtkIdType i = 0; i < vertColours->GetNumberOfTuples(); ++i)
            colours->InsertNextTypedTuple(vertColours->GetPointer(3 * i));
        for (vtkIdType i = 0; i < lineColours->GetNumberOfTuples(); ++i)
            colours->InsertNextTypedTuple(lineColours->GetPointer(3 * i));
        data->Initialize();
        data->SetPoints(points);
        data->SetVerts(verts);
        data->SetLines(lines);
        data->GetCellData()->SetScalars(colours);
        data->Modified();
    }
};

vtkSmartPointer<vtkActor> overlayActor(vtkPolyData* data, float lineWidth) {
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(data);
    mapper->SetScalarModeToUseCellData();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetLighting(false);
    actor->GetProperty()->SetLineWidth(lineWidth);
    actor->GetProperty()->SetPointSize(9);
    actor->GetProperty()->RenderPointsAsSpheresOn();
    return actor;
}

std::array<double, 6> lpsBounds(const imaging::VolumeGeometry& g) {
    std::array<double, 6> b{1e300, -1e300, 1e300, -1e300, 1e300, -1e300};
    for (int corner = 0; corner < 8; ++corner) {
        const PointLps p = g.indexToLps((corner & 1) ? g.size[0] - 0.5 : -0.5, (corner & 2) ? g.size[1] - 0.5 : -0.5,
                                        (corner & 4) ? g.size[2] - 0.5 : -0.5);
        for (int a = 0; a < 3; ++a) {
            b[std::size_t(2 * a)] = std::min(b[std::size_t(2 * a)], p[a]);
            b[std::size_t(2 * a + 1)] = std::max(b[std::size_t(2 * a + 1)], p[a]);
        }
    }
    return b;
}

double minSpacing(vtkImageData* image) {
    const double* s = image->GetSpacing();
    return std::min({s[0], s[1], s[2]});
}

}  // namespace

VolumeView::VolumeView(QWidget* parent) : VtkOpenGLWidget(parent) {
    renderer()->SetBackground(0, 0, 0);
    vtkNew<vtkInteractorStyleTrackballCamera> style;
    interactor()->SetInteractorStyle(style);
    // Interaction renders the small image; the full one once the mouse has been still a moment.
    vtkNew<vtkCallbackCommand> onInteraction;
    onInteraction->SetClientData(this);
    onInteraction->SetCallback([](vtkObject*, unsigned long id, void* self, void*) {
        auto* view = static_cast<VolumeView*>(self);
        if (id == vtkCommand::StartInteractionEvent) {
            view->settle_.stop();
            view->setInteractiveQuality(true);
        } else {
            view->settle_.start();
        }
    });
    style->AddObserver(vtkCommand::StartInteractionEvent, onInteraction);
    style->AddObserver(vtkCommand::EndInteractionEvent, onInteraction);
    settle_.setSingleShot(true);
    settle_.setInterval(kSettleMs);
    connect(&settle_, &QTimer::timeout, this, [this] { setInteractiveQuality(false); });

    property_ = vtkSmartPointer<vtkVolumeProperty>::New();
    still_ = vtkSmartPointer<vtkVolume>::New();
    interactiveVolume_ = vtkSmartPointer<vtkVolume>::New();
    for (vtkVolume* v : {still_.GetPointer(), interactiveVolume_.GetPointer()}) {
        v->SetProperty(property_);
        v->SetVisibility(false);
        renderer()->AddVolume(v);
    }
    buildMappers();

    vtkNew<vtkPolyDataMapper> lesionMapper;
    lesionMapper->ScalarVisibilityOff();  // one colour, not the contour's scalar
    lesion_ = vtkSmartPointer<vtkActor>::New();
    lesion_->SetMapper(lesionMapper);
    lesion_->GetProperty()->SetColor(1.0, 0.25, 0.25);  // the 2D views' mask red
    lesion_->GetProperty()->SetSpecular(0.3);
    lesion_->GetProperty()->SetSpecularPower(20);
    lesion_->SetVisibility(false);
    renderer()->AddActor(lesion_);

    // Outlines and annotations on a second layer sharing the camera, so bone never hides them.
    renderWindow()->SetNumberOfLayers(2);
    overlay_ = vtkSmartPointer<vtkRenderer>::New();
    overlay_->SetLayer(1);
    overlay_->InteractiveOff();
    overlay_->SetActiveCamera(renderer()->GetActiveCamera());
    outlineData_ = vtkSmartPointer<vtkPolyData>::New();
    annotationData_ = vtkSmartPointer<vtkPolyData>::New();
    outlines_ = overlayActor(outlineData_, 1.5f);
    annotationLines_ = overlayActor(annotationData_, 3.0f);
    overlay_->AddActor(outlines_);
    overlay_->AddActor(annotationLines_);
    renderWindow()->AddRenderer(overlay_);

    marker_ = vtkSmartPointer<vtkRenderer>::New();
    marker_->SetLayer(1);
    marker_->InteractiveOff();
    marker_->SetViewport(0, 0, 0.2, 0.2);
    vtkNew<vtkAnnotatedCubeActor> cube;
    cube->SetXPlusFaceText("L");
    cube->SetXMinusFaceText("R");
    cube->SetYPlusFaceText("P");
    cube->SetYMinusFaceText("A");
    cube->SetZPlusFaceText("S");
    cube->SetZMinusFaceText("I");
    cube->SetFaceTextScale(0.6);
    cube->SetTextEdgesVisibility(false);
    cube->GetCubeProperty()->SetColor(0.35, 0.35, 0.4);
    for (vtkProperty* p : {cube->GetXPlusFaceProperty(), cube->GetXMinusFaceProperty()}) p->SetColor(1, 0.55, 0.55);
    for (vtkProperty* p : {cube->GetYPlusFaceProperty(), cube->GetYMinusFaceProperty()}) p->SetColor(0.55, 1, 0.55);
    for (vtkProperty* p : {cube->GetZPlusFaceProperty(), cube->GetZMinusFaceProperty()}) p->SetColor(0.6, 0.7, 1);
    marker_->AddActor(cube);
    renderWindow()->AddRenderer(marker_);

    text_ = vtkSmartPointer<vtkTextActor>::New();
    text_->GetTextProperty()->SetFontFamilyToArial();
    text_->GetTextProperty()->SetFontSize(13);
    text_->GetTextProperty()->SetColor(0.85, 0.85, 0.85);
    text_->GetTextProperty()->SetVerticalJustificationToTop();
    text_->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    text_->SetPosition(0.01, 0.98);
    renderer()->AddViewProp(text_);
    updateText();
}

VolumeView::~VolumeView() = default;

void VolumeView::buildMappers() {
    for (vtkVolume* v : {still_.GetPointer(), interactiveVolume_.GetPointer()}) {
        if (mapper_ == Mapper::Gpu) {
            vtkNew<vtkGPUVolumeRayCastMapper> m;
            m->AutoAdjustSampleDistancesOff();
            m->LockSampleDistanceToInputSpacingOff();
            v->SetMapper(m);
        } else {
            vtkNew<vtkFixedPointVolumeRayCastMapper> m;
            m->AutoAdjustSampleDistancesOff();
            v->SetMapper(m);
        }
    }
    configureMappers();
}

void VolumeView::configureMappers() {
    for (vtkVolume* v : {still_.GetPointer(), interactiveVolume_.GetPointer()}) {
        const bool interactive = v == interactiveVolume_.GetPointer();
        vtkImageData* image = interactive ? images_.interactive : images_.still;
        if (!image) continue;
        // Rays step once per voxel of the small image while interacting, every half voxel of
        // the still image; interaction also casts a ray per 2 x 2 pixels.
        const double step = (interactive ? 1.0 : 0.5) * minSpacing(image);
        const double pixels = interactive ? 2.0 : 1.0;
        if (auto* gpu = vtkGPUVolumeRayCastMapper::SafeDownCast(v->GetMapper())) {
            gpu->SetSampleDistance(float(step));
            gpu->SetImageSampleDistance(float(pixels));
            gpu->SetInputData(image);
        } else if (auto* cpu = vtkFixedPointVolumeRayCastMapper::SafeDownCast(v->GetMapper())) {
            cpu->SetSampleDistance(float(step));
            cpu->SetInteractiveSampleDistance(float(step));
            cpu->SetImageSampleDistance(float(pixels));
            cpu->SetInputData(image);
        }
    }
}

void VolumeView::setMapper(Mapper mapper) {
    if (mapper == mapper_) return;
    mapper_ = mapper;
    if (context()) {
        makeCurrent();  // the old mappers' GL resources go with them
        for (vtkVolume* v : {still_.GetPointer(), interactiveVolume_.GetPointer()})
            v->GetMapper()->ReleaseGraphicsResources(renderWindow());
        doneCurrent();
    }
    buildMappers();
    updateText();
    update();
}

void VolumeView::setVolume(std::shared_ptr<const imaging::Volume> volume) {
    ++generation_;
    volume_ = std::move(volume);
    renderReady_ = false;
    images_ = {};
    mask_.reset();
    lesion_->SetVisibility(false);
    setInteractiveQuality(false);
    if (!volume_ || volume_->geometry.voxelCount() == 0 || !volume_->isVolume) {
        outlineData_->Initialize();
        annotationData_->Initialize();
        updateText();
        update();
        return;
    }
    const imaging::VolumeGeometry& g = volume_->geometry;
    for (int p = 0; p < 3; ++p) {
        frames_[std::size_t(p)] = displayFrameFor(g, kPlanes[std::size_t(p)]);
        slices_[std::size_t(p)] = int(frames_[std::size_t(p)].sliceCount / 2);
    }
    updateOutlines();
    updateAnnotations();
    resetView();
    updateText();

    const unsigned generation = generation_;
    auto* watcher = new QFutureWatcher<RenderImages>(this);
    connect(watcher, &QFutureWatcher<RenderImages>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == generation_) onRenderImages(watcher->result());
    });
    watcher->setFuture(
        QtConcurrent::run([v = volume_] { return buildRenderImages(v, kStillMaxDim, kInteractiveMaxDim); }));
}

void VolumeView::onRenderImages(const RenderImages& images) {
    images_ = images;
    if (!images_.still) return;
    configureMappers();
    resolvedPreset_ = resolvePreset(preset_, *volume_);
    applyPreset(resolvedPreset_, images_, property_);
    const auto matrix = imageToLps(volume_->geometry);
    still_->SetUserMatrix(matrix);
    interactiveVolume_->SetUserMatrix(matrix);
    renderReady_ = true;
    setInteractiveQuality(interactive_);
    updateText();
    update();
    emit renderReady();
}

void VolumeView::setInteractiveQuality(bool interactive) {
    interactive_ = interactive;
    still_->SetVisibility(renderReady_ && !interactive);
    interactiveVolume_->SetVisibility(renderReady_ && interactive);
    update();
}

void VolumeView::setPreset(VolumePreset preset) {
    preset_ = preset;
    if (!renderReady_) return;
    resolvedPreset_ = resolvePreset(preset_, *volume_);
    applyPreset(resolvedPreset_, images_, property_);
    updateText();
    update();
}

void VolumeView::setMask(std::shared_ptr<const imaging::LesionMask> mask) {
    mask_ = std::move(mask);
    const bool sameFrame = mask_ && volume_ &&
                           (mask_->frameOfReferenceUid.empty() || volume_->frameOfReferenceUid.empty() ||
                            mask_->frameOfReferenceUid == volume_->frameOfReferenceUid);
    if (!sameFrame || mask_->voxels.empty()) {
        lesion_->SetVisibility(false);
        update();
        return;
    }
    static_cast<vtkPolyDataMapper*>(lesion_->GetMapper())->SetInputData(maskSurface(*mask_));
    lesion_->SetUserMatrix(imageToLps(mask_->geometry));
    lesion_->SetVisibility(true);
    update();
}

void VolumeView::setAnnotations(std::shared_ptr<const std::vector<annotations::Annotation>> annotations,
                                const std::string& selectedUid) {
    annotations_ = std::move(annotations);
    selectedUid_ = selectedUid;
    updateAnnotations();
    update();
}

void VolumeView::setSliceIndex(ViewPlane plane, int slice) {
    const auto p = std::size_t(planeIndex(plane));
    if (!volume_ || frames_[p].sliceCount == 0) return;
    slices_[p] = std::clamp(slice, 0, int(frames_[p].sliceCount) - 1);
    updateOutlines();
    update();
}

void VolumeView::updateOutlines() {
    LineBuilder b;
    if (volume_ && volume_->isVolume)
        for (std::size_t p = 0; p < 3; ++p) {
            const DisplayFrame& f = frames_[p];
            if (f.sliceCount == 0) continue;
            const PointLps c = sliceCornerLps(volume_->geometry, f, std::size_t(slices_[p]));
            const Vec3 r = (double(f.columns - 1) * f.columnSpacingMm) * f.right;
            const Vec3 u = (double(f.rows - 1) * f.rowSpacingMm) * f.up;
            b.line({c, c + r, c + r + u, c + u}, true, kPlaneColours[p]);
        }
    b.into(outlineData_);
}

void VolumeView::updateAnnotations() {
    LineBuilder b;
    if (volume_ && annotations_)
        for (const annotations::Annotation& a : *annotations_) {
            if (!a.image.frameOfReferenceUid.empty() && !volume_->frameOfReferenceUid.empty() &&
                a.image.frameOfReferenceUid != volume_->frameOfReferenceUid)
                continue;
            if (!annotations::geometryProblem(a).empty()) continue;
            const auto& p = a.pointsLps;
            const annotations::AnnotationKindDescriptor& d = annotations::describe(a.kind);
            switch (d.overlay) {
                case annotations::OverlayShape::Calipers:
                case annotations::OverlayShape::CrossedCalipers:
                    for (const annotations::CaliperSpec& c : d.calipers)
                        b.line({p[c.points.from], p[c.points.to]}, false, caliperColour(c.quantity));
                    break;
                case annotations::OverlayShape::ClosedPolygon:
                    b.line(p, true, kCaliperColour);
                    break;
                case annotations::OverlayShape::Ellipse: {
                    std::vector<PointLps> ring;
                    for (int i = 0; i < 64; ++i) ring.push_back(annotations::ellipsePoint(p, 2 * M_PI * i / 64));
                    b.line(ring, true, kCaliperColour);
                    break;
                }
                default:  // markers; a segmentation's points, if any
                    for (const PointLps& q : p) b.point(q, kCaliperColour);
                    break;
            }
        }
    b.into(annotationData_);
}

void VolumeView::updateText() {
    std::string text;
    if (!volume_)
        text = "3D: no series loaded";
    else if (!volume_->isVolume)
        text = "3D: 2D images, no volume";
    else if (!renderReady_)
        text = "3D: preparing the volume...";
    else
        text = std::string("3D  ") + presetName(resolvedPreset_) +
               (mapper_ == Mapper::Cpu ? "  (CPU ray cast)" : "  (GPU ray cast)");
    text_->SetInput(text.c_str());
}

void VolumeView::resetView() {
    if (!volume_ || volume_->geometry.voxelCount() == 0) return;
    std::array<double, 6> b = lpsBounds(volume_->geometry);
    const double centre[3] = {0.5 * (b[0] + b[1]), 0.5 * (b[2] + b[3]), 0.5 * (b[4] + b[5])};
    vtkCamera* camera = renderer()->GetActiveCamera();
    // Facing the patient: anterior (-y in LPS) towards the viewer, superior up, patient left on
    // screen right.
    camera->SetFocalPoint(centre);
    camera->SetPosition(centre[0], centre[1] - 1, centre[2]);
    camera->SetViewUp(0, 0, 1);
    renderer()->ResetCamera(b.data());
    camera->Zoom(1.4);
    renderer()->ResetCameraClippingRange(b.data());
    update();
}

void VolumeView::beforeRender() {
    vtkCamera* camera = renderer()->GetActiveCamera();
    if (volume_ && volume_->geometry.voxelCount() > 0) {
        // Outlines and annotations share this camera: clip with room around the volume.
        std::array<double, 6> b = lpsBounds(volume_->geometry);
        for (int a = 0; a < 3; ++a) {
            const double pad = 0.25 * (b[std::size_t(2 * a + 1)] - b[std::size_t(2 * a)]) + 10;
            b[std::size_t(2 * a)] -= pad;
            b[std::size_t(2 * a + 1)] += pad;
        }
        renderer()->ResetCameraClippingRange(b.data());
    }
    double direction[3];
    camera->GetDirectionOfProjection(direction);
    vtkCamera* markerCamera = marker_->GetActiveCamera();
    markerCamera->SetFocalPoint(0, 0, 0);
    markerCamera->SetPosition(-5 * direction[0], -5 * direction[1], -5 * direction[2]);
    markerCamera->SetViewUp(camera->GetViewUp());
    marker_->ResetCamera();
}

void VolumeView::paintGL() {
    QElapsedTimer timer;
    timer.start();
    VtkOpenGLWidget::paintGL();
    if (QOpenGLContext* c = context()) c->functions()->glFinish();
    lastRenderMs_ = double(timer.nsecsElapsed()) / 1e6;
}

void VolumeView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) emit maximizeRequested();
}

void VolumeView::keyPressEvent(QKeyEvent* event) {
    // VTK's own key bindings (w: wireframe, e/q: exit, ...) are deliberately not forwarded.
    switch (event->key()) {
        case Qt::Key_R:
            resetView();
            break;
        case Qt::Key_B:
            setPreset(VolumePreset::CtBone);
            break;
        case Qt::Key_T:
            setPreset(VolumePreset::CtSoftTissue);
            break;
        case Qt::Key_M:
            setPreset(VolumePreset::MrAuto);
            break;
        default:
            QOpenGLWidget::keyPressEvent(event);
            break;
    }
}

}  // namespace mensura::viewer
