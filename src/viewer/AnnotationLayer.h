#pragma once
// Draws an OverlayScene (annotation lines, handles, labels) over a slice view's renderer as 2D
// actors in display pixels.
#include <vector>

#include <vtkSmartPointer.h>

#include "mensura/viewer-model/OverlayScene.h"

class vtkActor2D;
class vtkPolyData;
class vtkRenderer;
class vtkTextActor;

namespace mensura::viewer {

class AnnotationLayer {
  public:
    explicit AnnotationLayer(vtkRenderer* renderer);
    ~AnnotationLayer();

    // Widget pixels are scaled by devicePixelRatio and flipped to VTK's bottom-up display
    // coordinates using the render window height.
    void show(const OverlayScene& scene, double devicePixelRatio, int renderHeight);
    void clear();

  private:
    vtkRenderer* renderer_;
    vtkSmartPointer<vtkPolyData> lines_;
    vtkSmartPointer<vtkActor2D> linesActor_;
    std::vector<vtkSmartPointer<vtkTextActor>> labels_;
};

}  // namespace mensura::viewer
