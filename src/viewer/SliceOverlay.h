#pragma once
// The 2D annotations drawn over a slice: orientation letters at the four edges, text in the
// corners, a scale bar, and a centred message while there is nothing to show.
#include <string>

#include <vtkSmartPointer.h>

class vtkActor2D;
class vtkCornerAnnotation;
class vtkPoints;
class vtkRenderer;
class vtkTextActor;

namespace mensura::viewer {

class SliceOverlay {
  public:
    explicit SliceOverlay(vtkRenderer* renderer);

    void setEdgeLabels(const std::string& left, const std::string& right, const std::string& top,
                       const std::string& bottom);
    void setCornerText(const std::string& upperLeft, const std::string& upperRight, const std::string& lowerLeft,
                       const std::string& lowerRight);
    // Empty hides the message.
    void setMessage(const std::string& message);
    // Sizes the scale bar for the current zoom; mmPerPixel <= 0 hides it. unit is "mm" or
    // "px" (spacing unknown).
    void updateScaleBar(double mmPerPixel, int viewportWidth, int viewportHeight, const std::string& unit);
    void setImageAnnotationsVisible(bool visible);

  private:
    vtkSmartPointer<vtkCornerAnnotation> corners_;
    vtkSmartPointer<vtkTextActor> message_;
    vtkSmartPointer<vtkPoints> barPoints_;
    vtkSmartPointer<vtkActor2D> bar_;
    vtkSmartPointer<vtkTextActor> barLabel_;
    bool imageAnnotationsVisible_ = false;
};

}  // namespace mensura::viewer
