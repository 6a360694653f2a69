#include "mensura/viewer/VtkOpenGLWidget.h"

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QSurfaceFormat>
#include <QWheelEvent>

namespace mensura::viewer {

namespace {

constexpr unsigned kColorBufferBit = 0x00004000;  // GL_COLOR_BUFFER_BIT
constexpr unsigned kNearest = 0x2600;             // GL_NEAREST

QSurfaceFormat vtkSurfaceFormat() {
    QSurfaceFormat f;
    f.setRenderableType(QSurfaceFormat::OpenGL);
    f.setVersion(3, 2);
    f.setProfile(QSurfaceFormat::CoreProfile);
    f.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    f.setRedBufferSize(8);
    f.setGreenBufferSize(8);
    f.setBlueBufferSize(8);
    f.setAlphaBufferSize(8);
    f.setDepthBufferSize(24);
    f.setStencilBufferSize(8);
    f.setSamples(0);
    return f;
}

// The X11 key names VTK's widgets and styles test for.
const char* keySymOf(int key) {
    switch (key) {
        case Qt::Key_Up:
            return "Up";
        case Qt::Key_Down:
            return "Down";
        case Qt::Key_Left:
            return "Left";
        case Qt::Key_Right:
            return "Right";
        case Qt::Key_PageUp:
            return "Prior";
        case Qt::Key_PageDown:
            return "Next";
        case Qt::Key_Home:
            return "Home";
        case Qt::Key_End:
            return "End";
        case Qt::Key_Escape:
            return "Escape";
        case Qt::Key_Delete:
            return "Delete";
        case Qt::Key_Return:
            return "Return";
        case Qt::Key_Shift:
            return "Shift_L";
        case Qt::Key_Control:
            return "Control_L";
        default:
            return nullptr;
    }
}

}  // namespace

void VtkOpenGLWidget::installDefaultSurfaceFormat() { QSurfaceFormat::setDefaultFormat(vtkSurfaceFormat()); }

VtkOpenGLWidget::VtkOpenGLWidget(QWidget* parent) : QOpenGLWidget(parent) {
    setFormat(vtkSurfaceFormat());
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(64, 64);

    renderWindow_ = vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New();
    renderWindow_->SetReadyForRendering(false);
    renderWindow_->SetFrameBlitModeToNoBlit();
    renderWindow_->SetMultiSamples(0);
    renderer_ = vtkSmartPointer<vtkRenderer>::New();
    renderWindow_->AddRenderer(renderer_);

    interactor_ = vtkSmartPointer<vtkGenericRenderWindowInteractor>::New();
    interactor_->SetRenderWindow(renderWindow_);
    interactor_->EnableRenderOff();  // VTK renders only inside paintGL

    vtkNew<vtkCallbackCommand> command;
    command->SetClientData(this);
    command->SetCallback([](vtkObject* caller, unsigned long id, void* self, void* callData) {
        static_cast<VtkOpenGLWidget*>(self)->onWindowEvent(caller, id, callData);
    });
    for (unsigned long id :
         {vtkCommand::WindowMakeCurrentEvent, vtkCommand::WindowIsCurrentEvent, vtkCommand::WindowFrameEvent,
          vtkCommand::WindowSupportsOpenGLEvent, vtkCommand::WindowIsDirectEvent})
        observerTags_.push_back(renderWindow_->AddObserver(id, command));
    interactor_->AddObserver(vtkCommand::RenderEvent, command);
    interactor_->Initialize();
}

VtkOpenGLWidget::~VtkOpenGLWidget() {
    // QOpenGLWidget's destructor destroys the context after our members are gone: release VTK's
    // GL objects now and stop listening for that destruction.
    if (context()) disconnect(context(), nullptr, this, nullptr);
    makeCurrent();
    releaseGraphics();
    doneCurrent();
    interactor_->RemoveAllObservers();
    renderWindow_->RemoveAllObservers();
}

vtkGenericOpenGLRenderWindow* VtkOpenGLWidget::renderWindow() const { return renderWindow_; }
vtkGenericRenderWindowInteractor* VtkOpenGLWidget::interactor() const { return interactor_; }
vtkRenderer* VtkOpenGLWidget::renderer() const { return renderer_; }

void VtkOpenGLWidget::onWindowEvent(vtkObject* caller, unsigned long eventId, void* callData) {
    if (caller == interactor_.GetPointer()) {
        if (eventId == vtkCommand::RenderEvent) update();
        return;
    }
    switch (eventId) {
        case vtkCommand::WindowMakeCurrentEvent:
            // Only when not current: re-binding Qt's FBO behind VTK's back garbles the frame.
            if (context() && QOpenGLContext::currentContext() != context()) makeCurrent();
            break;
        case vtkCommand::WindowIsCurrentEvent:
            *static_cast<bool*>(callData) = context() && QOpenGLContext::currentContext() == context();
            break;
        case vtkCommand::WindowSupportsOpenGLEvent:
            *static_cast<int*>(callData) = 1;
            break;
        case vtkCommand::WindowIsDirectEvent:
            *static_cast<int*>(callData) = 1;
            break;
        case vtkCommand::WindowFrameEvent:
            // A render started outside paintGL (a VTK widget, say) must still reach the screen.
            if (!painting_) update();
            break;
        default:
            break;
    }
}

void VtkOpenGLWidget::initializeGL() {
    renderWindow_->SetOwnContext(0);
    renderWindow_->SetReadyForRendering(true);
    renderWindow_->InitializeFromCurrentContext();
    renderWindow_->SetMapped(1);
    const qreal dpr = devicePixelRatioF();
    renderWindow_->SetSize(static_cast<int>(width() * dpr), static_cast<int>(height() * dpr));
    // Re-parenting a QOpenGLWidget destroys its context: VTK's GL objects must go with it.
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &VtkOpenGLWidget::releaseGraphics,
            Qt::UniqueConnection);
}

void VtkOpenGLWidget::releaseGraphics() {
    if (!renderWindow_->GetReadyForRendering()) return;
    if (context() && QOpenGLContext::currentContext() != context()) makeCurrent();
    renderWindow_->Finalize();
    renderWindow_->SetReadyForRendering(false);
}

void VtkOpenGLWidget::resizeGL(int w, int h) {
    const qreal dpr = devicePixelRatioF();
    interactor_->UpdateSize(static_cast<int>(w * dpr), static_cast<int>(h * dpr));
}

void VtkOpenGLWidget::paintGL() {
    if (!renderWindow_->GetReadyForRendering()) return;
    beforeRender();
    painting_ = true;
    renderWindow_->Render();
    painting_ = false;
    if (QOpenGLContext::currentContext() != context()) makeCurrent();

    const int* size = renderWindow_->GetSize();
    QOpenGLExtraFunctions* f = context()->extraFunctions();
    f->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    const GLenum buffers[1] = {GL_COLOR_ATTACHMENT0};
    f->glDrawBuffers(1, buffers);
    vtkOpenGLState* state = renderWindow_->GetState();
    state->ResetFramebufferBindings();
    renderWindow_->BlitDisplayFramebuffer(0, 0, 0, size[0], size[1], 0, 0, size[0], size[1], kColorBufferBit, kNearest);
    // VTK leaves alpha below 1 where nothing opaque was drawn; the window would show through.
    vtkOpenGLState::ScopedglColorMask colorMask(state);
    vtkOpenGLState::ScopedglClearColor clearColor(state);
    state->vtkglColorMask(false, false, false, true);
    state->vtkglClearColor(0, 0, 0, 1);
    state->vtkglClear(kColorBufferBit);
}

void VtkOpenGLWidget::setEventPosition(const QPointF& pos, Qt::KeyboardModifiers modifiers, int repeat,
                                       const char* keySym, char keyCode) {
    const qreal dpr = devicePixelRatioF();
    interactor_->SetEventInformationFlipY(static_cast<int>(pos.x() * dpr), static_cast<int>(pos.y() * dpr),
                                          (modifiers & Qt::ControlModifier) ? 1 : 0,
                                          (modifiers & Qt::ShiftModifier) ? 1 : 0, keyCode, repeat, keySym);
    interactor_->SetAltKey((modifiers & Qt::AltModifier) ? 1 : 0);
}

void VtkOpenGLWidget::mousePressEvent(QMouseEvent* event) {
    setEventPosition(event->position(), event->modifiers(), 0);
    switch (event->button()) {
        case Qt::LeftButton:
            interactor_->InvokeEvent(vtkCommand::LeftButtonPressEvent);
            break;
        case Qt::MiddleButton:
            interactor_->InvokeEvent(vtkCommand::MiddleButtonPressEvent);
            break;
        case Qt::RightButton:
            interactor_->InvokeEvent(vtkCommand::RightButtonPressEvent);
            break;
        default:
            break;
    }
}

void VtkOpenGLWidget::mouseReleaseEvent(QMouseEvent* event) {
    setEventPosition(event->position(), event->modifiers());
    switch (event->button()) {
        case Qt::LeftButton:
            interactor_->InvokeEvent(vtkCommand::LeftButtonReleaseEvent);
            break;
        case Qt::MiddleButton:
            interactor_->InvokeEvent(vtkCommand::MiddleButtonReleaseEvent);
            break;
        case Qt::RightButton:
            interactor_->InvokeEvent(vtkCommand::RightButtonReleaseEvent);
            break;
        default:
            break;
    }
}

void VtkOpenGLWidget::mouseMoveEvent(QMouseEvent* event) {
    setEventPosition(event->position(), event->modifiers());
    interactor_->InvokeEvent(vtkCommand::MouseMoveEvent);
}

void VtkOpenGLWidget::wheelEvent(QWheelEvent* event) {
    setEventPosition(event->position(), event->modifiers());
    if (event->angleDelta().y() > 0)
        interactor_->InvokeEvent(vtkCommand::MouseWheelForwardEvent);
    else if (event->angleDelta().y() < 0)
        interactor_->InvokeEvent(vtkCommand::MouseWheelBackwardEvent);
}

void VtkOpenGLWidget::keyPressEvent(QKeyEvent* event) {
    const QByteArray text = event->text().toLatin1();
    const char code = text.isEmpty() ? 0 : text.at(0);
    setEventPosition(mapFromGlobal(QCursor::pos()), event->modifiers(), event->isAutoRepeat() ? 1 : 0,
                     keySymOf(event->key()), code);
    interactor_->InvokeEvent(vtkCommand::KeyPressEvent);
    if (code) interactor_->InvokeEvent(vtkCommand::CharEvent);
}

void VtkOpenGLWidget::keyReleaseEvent(QKeyEvent* event) {
    const QByteArray text = event->text().toLatin1();
    setEventPosition(mapFromGlobal(QCursor::pos()), event->modifiers(), 0, keySymOf(event->key()),
                     text.isEmpty() ? 0 : text.at(0));
    interactor_->InvokeEvent(vtkCommand::KeyReleaseEvent);
}

void VtkOpenGLWidget::enterEvent(QEnterEvent* event) {
    interactor_->InvokeEvent(vtkCommand::EnterEvent);
    QOpenGLWidget::enterEvent(event);
}

void VtkOpenGLWidget::leaveEvent(QEvent* event) {
    interactor_->InvokeEvent(vtkCommand::LeaveEvent);
    QOpenGLWidget::leaveEvent(event);
}

}  // namespace mensura::viewer
