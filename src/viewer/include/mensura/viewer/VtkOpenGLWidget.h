#pragma once
// A QOpenGLWidget that hosts a vtkGenericOpenGLRenderWindow. Debian's VTK has no Qt 6 build of
// QVTKOpenGLNativeWidget, so this is the bridge: VTK renders into its own framebuffer inside
// Qt's context, and paintGL blits that into the widget's framebuffer.
#include <QOpenGLWidget>
#include <vector>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkObject;
class vtkRenderer;

namespace mensura::viewer {

class VtkOpenGLWidget : public QOpenGLWidget {
    Q_OBJECT
  public:
    explicit VtkOpenGLWidget(QWidget* parent = nullptr);
    ~VtkOpenGLWidget() override;

    // Must run before the QApplication is created: OpenGL 3.2 core, depth 24, stencil 8,
    // alpha 8, no multisampling (what VTK's OpenGL2 backend needs).
    static void installDefaultSurfaceFormat();

    vtkGenericOpenGLRenderWindow* renderWindow() const;
    vtkGenericRenderWindowInteractor* interactor() const;
    // The single renderer added to the render window.
    vtkRenderer* renderer() const;

    // Requests a repaint (VTK renders inside paintGL only).
    void requestRender() { update(); }

  protected:
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;

    // Input is forwarded to the VTK interactor so VTK widgets work; subclasses that handle an
    // event themselves call these afterwards.
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void enterEvent(QEnterEvent* event) override;
    void leaveEvent(QEvent* event) override;

    // Called before each VTK render, from paintGL (subclasses update overlays here).
    virtual void beforeRender() {}

  private:
    void onWindowEvent(vtkObject* caller, unsigned long eventId, void* callData);
    void releaseGraphics();
    void setEventPosition(const QPointF& pos, Qt::KeyboardModifiers modifiers, int repeat = 0,
                          const char* keySym = nullptr, char keyCode = 0);

    vtkSmartPointer<vtkGenericOpenGLRenderWindow> renderWindow_;
    vtkSmartPointer<vtkGenericRenderWindowInteractor> interactor_;
    vtkSmartPointer<vtkRenderer> renderer_;
    std::vector<unsigned long> observerTags_;
    bool painting_ = false;
};

}  // namespace mensura::viewer
