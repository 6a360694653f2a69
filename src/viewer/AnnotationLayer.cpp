#include "AnnotationLayer.h"

#include <algorithm>

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTextRenderer.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindow.h>

namespace mensura::viewer {

AnnotationLayer::AnnotationLayer(vtkRenderer* renderer) : renderer_(renderer) {
    lines_ = vtkSmartPointer<vtkPolyData>::New();
    vtkNew<vtkPolyDataMapper2D> mapper;
    mapper->SetInputData(lines_);
    mapper->SetScalarModeToUseCellData();
    linesActor_ = vtkSmartPointer<vtkActor2D>::New();
    linesActor_->SetMapper(mapper);
    linesActor_->GetProperty()->SetLineWidth(2);
    renderer_->AddViewProp(linesActor_);
}

AnnotationLayer::~AnnotationLayer() = default;

void AnnotationLayer::clear() { show(OverlayScene{}, 1, 0); }

void AnnotationLayer::show(const OverlayScene& scene, double dpr, int renderHeight) {
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> cells;
    vtkNew<vtkUnsignedCharArray> colors;
    colors->SetNumberOfComponents(3);
    auto point = [&](double x, double y) { return points->InsertNextPoint(x * dpr, renderHeight - y * dpr, 0); };
    auto addLine = [&](const std::vector<std::array<double, 2>>& pts, bool closed, const Rgb& c) {
        std::vector<vtkIdType> ids;
        for (const auto& p : pts) ids.push_back(point(p[0], p[1]));
        if (closed && !ids.empty()) ids.push_back(ids.front());
        cells->InsertNextCell(static_cast<vtkIdType>(ids.size()), ids.data());
        colors->InsertNextTypedTuple(c.data());
    };
    for (const auto& l : scene.lines) addLine(l.points, l.closed, l.color);
    const double h = 4;  // half size of a handle square, widget pixels
    for (const auto& p : scene.handles)
        addLine({{p[0] - h, p[1] - h}, {p[0] + h, p[1] - h}, {p[0] + h, p[1] + h}, {p[0] - h, p[1] + h}}, true,
                Rgb{255, 255, 255});
    lines_->SetPoints(points);
    lines_->SetLines(cells);
    lines_->GetCellData()->SetScalars(colors);
    lines_->Modified();

    while (labels_.size() < scene.labels.size()) {
        auto text = vtkSmartPointer<vtkTextActor>::New();
        vtkTextProperty* p = text->GetTextProperty();
        p->SetFontFamilyToArial();
        p->SetFontSize(13);
        p->ShadowOn();
        // A dim box behind the text keeps it readable over bright tissue.
        p->SetBackgroundColor(0, 0, 0);
        p->SetBackgroundOpacity(0.45);
        p->SetVerticalJustificationToTop();
        renderer_->AddViewProp(text);
        labels_.push_back(text);
    }
    for (std::size_t i = 0; i < labels_.size(); ++i) {
        const bool used = i < scene.labels.size();
        labels_[i]->SetVisibility(used);
        if (!used) continue;
        const auto& l = scene.labels[i];
        labels_[i]->SetInput(l.text.c_str());
        labels_[i]->GetTextProperty()->SetColor(l.color[0] / 255.0, l.color[1] / 255.0, l.color[2] / 255.0);
        labels_[i]->SetPosition(l.x * dpr, renderHeight - l.y * dpr);
        // A label that would run off the right or bottom edge is pulled back inside the view.
        // (The actor's own bounding box is stale until it has rendered; the text renderer's is not.)
        int box[4] = {0, 0, 0, 0};
        vtkTextRenderer* text = vtkTextRenderer::GetInstance();
        const int dpi = renderer_->GetVTKWindow() ? renderer_->GetVTKWindow()->GetDPI() : 72;
        if (text && text->GetBoundingBox(labels_[i]->GetTextProperty(), l.text, box, dpi)) {
            const int* size = renderer_->GetSize();
            const double x = l.x * dpr, y = renderHeight - l.y * dpr;  // top left (justified top)
            const double width = box[1] - box[0], height = box[3] - box[2];
            const double dx = std::min(0.0, size[0] - 4 - (x + width)), dy = std::max(0.0, 4 - (y - height));
            if (dx != 0 || dy != 0) labels_[i]->SetPosition(x + dx, y + dy);
        }
    }
}

}  // namespace mensura::viewer
