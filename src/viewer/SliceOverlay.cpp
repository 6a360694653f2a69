#include "SliceOverlay.h"

#include <cmath>

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkCornerAnnotation.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

namespace mensura::viewer {

namespace {

void styleText(vtkTextProperty* p, int size) {
    p->SetFontFamilyToArial();
    p->SetFontSize(size);
    p->SetColor(1.0, 0.85, 0.3);
    p->ShadowOn();
}

// The largest 1-2-5 step length that fits in `limit`.
double niceLength(double limit) {
    if (limit <= 0) return 0;
    const double decade = std::pow(10.0, std::floor(std::log10(limit)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * decade <= limit) return m * decade;
    return decade;
}

}  // namespace

SliceOverlay::SliceOverlay(vtkRenderer* renderer) {
    corners_ = vtkSmartPointer<vtkCornerAnnotation>::New();
    corners_->SetMaximumFontSize(16);
    corners_->SetMinimumFontSize(10);
    corners_->SetLinearFontScaleFactor(2);
    corners_->SetNonlinearFontScaleFactor(1);
    styleText(corners_->GetTextProperty(), 14);
    corners_->SetVisibility(false);
    renderer->AddViewProp(corners_);

    message_ = vtkSmartPointer<vtkTextActor>::New();
    styleText(message_->GetTextProperty(), 16);
    message_->GetTextProperty()->SetColor(0.8, 0.8, 0.8);
    message_->GetTextProperty()->SetJustificationToCentered();
    message_->GetTextProperty()->SetVerticalJustificationToCentered();
    message_->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    message_->SetPosition(0.5, 0.5);
    message_->SetVisibility(false);
    renderer->AddViewProp(message_);

    // A bar with end ticks: six points, three lines, positions in display pixels.
    barPoints_ = vtkSmartPointer<vtkPoints>::New();
    barPoints_->SetNumberOfPoints(6);
    for (vtkIdType i = 0; i < 6; ++i) barPoints_->SetPoint(i, 0, 0, 0);
    vtkNew<vtkCellArray> lines;
    const vtkIdType segments[3][2] = {{0, 1}, {2, 3}, {4, 5}};
    for (const auto& s : segments) lines->InsertNextCell(2, s);
    vtkNew<vtkPolyData> poly;
    poly->SetPoints(barPoints_);
    poly->SetLines(lines);
    vtkNew<vtkPolyDataMapper2D> mapper;
    mapper->SetInputData(poly);
    bar_ = vtkSmartPointer<vtkActor2D>::New();
    bar_->SetMapper(mapper);
    bar_->GetProperty()->SetColor(1.0, 0.85, 0.3);
    bar_->GetProperty()->SetLineWidth(2);
    bar_->SetVisibility(false);
    renderer->AddViewProp(bar_);

    barLabel_ = vtkSmartPointer<vtkTextActor>::New();
    styleText(barLabel_->GetTextProperty(), 12);
    barLabel_->GetTextProperty()->SetJustificationToCentered();
    barLabel_->SetVisibility(false);
    renderer->AddViewProp(barLabel_);
}

void SliceOverlay::setEdgeLabels(const std::string& left, const std::string& right, const std::string& top,
                                 const std::string& bottom) {
    corners_->SetText(vtkCornerAnnotation::LeftEdge, left.c_str());
    corners_->SetText(vtkCornerAnnotation::RightEdge, right.c_str());
    corners_->SetText(vtkCornerAnnotation::UpperEdge, top.c_str());
    corners_->SetText(vtkCornerAnnotation::LowerEdge, bottom.c_str());
}

void SliceOverlay::setCornerText(const std::string& upperLeft, const std::string& upperRight,
                                 const std::string& lowerLeft, const std::string& lowerRight) {
    corners_->SetText(vtkCornerAnnotation::UpperLeft, upperLeft.c_str());
    corners_->SetText(vtkCornerAnnotation::UpperRight, upperRight.c_str());
    corners_->SetText(vtkCornerAnnotation::LowerLeft, lowerLeft.c_str());
    corners_->SetText(vtkCornerAnnotation::LowerRight, lowerRight.c_str());
}

void SliceOverlay::setMessage(const std::string& message) {
    message_->SetInput(message.c_str());
    message_->SetVisibility(!message.empty());
}

void SliceOverlay::setImageAnnotationsVisible(bool visible) {
    imageAnnotationsVisible_ = visible;
    corners_->SetVisibility(visible);
    if (!visible) {
        bar_->SetVisibility(false);
        barLabel_->SetVisibility(false);
    }
}

void SliceOverlay::updateScaleBar(double mmPerPixel, int viewportWidth, int viewportHeight, const std::string& unit) {
    (void)viewportHeight;
    const double lengthMm = mmPerPixel > 0 ? niceLength(0.25 * viewportWidth * mmPerPixel) : 0;
    const bool visible = imageAnnotationsVisible_ && lengthMm > 0;
    bar_->SetVisibility(visible);
    barLabel_->SetVisibility(visible);
    if (!visible) return;
    const double lengthPx = lengthMm / mmPerPixel;
    const double x0 = 0.5 * (viewportWidth - lengthPx), x1 = x0 + lengthPx;
    const double y = 40, tick = 5;  // above the bottom orientation letter
    barPoints_->SetPoint(0, x0, y, 0);
    barPoints_->SetPoint(1, x1, y, 0);
    barPoints_->SetPoint(2, x0, y - tick, 0);
    barPoints_->SetPoint(3, x0, y + tick, 0);
    barPoints_->SetPoint(4, x1, y - tick, 0);
    barPoints_->SetPoint(5, x1, y + tick, 0);
    barPoints_->Modified();
    char text[32];
    std::snprintf(text, sizeof text, "%g %s", lengthMm, unit.c_str());
    barLabel_->SetInput(text);
    barLabel_->SetPosition(0.5 * viewportWidth, y + 6);
}

}  // namespace mensura::viewer
