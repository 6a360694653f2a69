#include "mensura/report/KeyImageRenderer.h"

#include "mensura/core/AtomicFile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <vector>

#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QPen>

#include "mensura/annotations/AnnotationKinds.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/VolumeLoader.h"

namespace mensura::viewer {
namespace {
using annotations::Annotation;
using annotations::OverlayShape;
using imaging::PointLps;

struct Window {
    double low = 0, high = 1;
};

Window windowFor(const imaging::Volume& v, std::size_t k) {
    if (v.modality == "CT" || v.valueUnit == "HU") return {40.0 - 200.0, 40.0 + 200.0};  // soft tissue 400/40
    const std::size_t n = v.geometry.size[0] * v.geometry.size[1];
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) values[i] = v.at(k * n + i);
    auto at = [&](double q) {
        auto it = values.begin() + static_cast<std::ptrdiff_t>(q * double(n - 1));
        std::nth_element(values.begin(), it, values.end());
        return *it;
    };
    Window w{at(0.01), at(0.99)};
    if (w.high <= w.low) w.high = w.low + 1;
    return w;
}

// The segments to draw, in patient space (ellipses and polygons as polylines).
std::vector<std::pair<PointLps, PointLps>> segments(const Annotation& a) {
    const annotations::AnnotationKindDescriptor& d = annotations::describe(a.kind);
    const auto& p = a.pointsLps;
    std::vector<std::pair<PointLps, PointLps>> out;
    switch (d.overlay) {
        case OverlayShape::Calipers:
        case OverlayShape::CrossedCalipers:
            for (const annotations::CaliperSpec& c : d.calipers)
                if (c.points.from < p.size() && c.points.to < p.size())
                    out.push_back({p[c.points.from], p[c.points.to]});
            break;
        case OverlayShape::Ellipse:
            if (p.size() >= 3) {
                const int n = 72;
                for (int i = 0; i < n; ++i)
                    out.push_back({annotations::ellipsePoint(p, 2 * M_PI * i / n),
                                   annotations::ellipsePoint(p, 2 * M_PI * (i + 1) / n)});
            }
            break;
        case OverlayShape::ClosedPolygon:
            for (std::size_t i = 0; i < p.size(); ++i) out.push_back({p[i], p[(i + 1) % p.size()]});
            break;
        case OverlayShape::TickMarker:
        case OverlayShape::ArrowMarker:
        case OverlayShape::None:
            break;
    }
    return out;
}

std::string niceScale(double pixelsPerMm, double widthPx, double* lengthMm) {
    const double candidates[] = {100, 50, 20, 10, 5, 2, 1};
    *lengthMm = 1;
    for (double c : candidates)
        if (c * pixelsPerMm <= widthPx / 4) {
            *lengthMm = c;
            break;
        }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g mm", *lengthMm);
    return buf;
}

}  // namespace

QPointF KeyImage::toPixel(PointLps p) const {
    const imaging::Vec3 idx = geometry.lpsToIndex(p);
    return {(idx.x + 0.5) * image.width() / double(geometry.size[0]),
            (idx.y + 0.5) * image.height() / double(geometry.size[1])};
}

std::size_t keyImageSlice(const imaging::Volume& volume, const Annotation& a) {
    // A tri-axial's AP and LR calipers, an ellipse's centre, the points of other kinds.
    const std::size_t count = std::min(a.pointsLps.size(), annotations::describe(a.kind).keySlicePoints);
    double k = 0;
    for (std::size_t i = 0; i < count; ++i) k += volume.geometry.lpsToIndex(a.pointsLps[i]).z;
    k = count ? k / double(count) : (volume.geometry.size[2] - 1) / 2.0;
    const double last = double(volume.geometry.size[2]) - 1;
    return static_cast<std::size_t>(std::lround(std::clamp(k, 0.0, last)));
}

imaging::Result<KeyImage> renderKeyImage(const imaging::Volume& v, const Annotation& a,
                                         const KeyImageOptions& options) {
    const auto& g = v.geometry;
    if (g.voxelCount() == 0) return imaging::Error{"the series has no pixels"};
    KeyImage out;
    out.geometry = g;
    out.slice = keyImageSlice(v, a);
    const double widthMm = g.size[0] * g.spacingMm.x, heightMm = g.size[1] * g.spacingMm.y;
    out.pixelsPerMm = options.maxSidePx / std::max(widthMm, heightMm);
    const int w = std::max(1, int(std::lround(widthMm * out.pixelsPerMm)));
    const int h = std::max(1, int(std::lround(heightMm * out.pixelsPerMm)));

    QImage grey(int(g.size[0]), int(g.size[1]), QImage::Format_Grayscale8);
    const Window win = windowFor(v, out.slice);
    for (std::size_t j = 0; j < g.size[1]; ++j) {
        uchar* line = grey.scanLine(int(j));
        for (std::size_t i = 0; i < g.size[0]; ++i) {
            double t = (v.at(i, j, out.slice) - win.low) / (win.high - win.low);
            t = std::clamp(t, 0.0, 1.0);
            if (v.invertedDisplay) t = 1 - t;
            line[i] = static_cast<uchar>(std::lround(t * 255));
        }
    }
    out.image =
        grey.scaled(w, h, Qt::IgnoreAspectRatio, Qt::SmoothTransformation).convertToFormat(QImage::Format_RGB32);

    QPainter painter(&out.image);
    painter.setRenderHint(QPainter::Antialiasing);
    // Segments in the shown plane are solid; those projected from other slices are dashed.
    const PointLps planePoint = g.indexToLps(0, 0, double(out.slice));
    const imaging::Vec3 normal = g.sliceNormal();
    const double tolerance = std::max(g.spacingMm.z * 0.5, 0.5) + 1e-6;
    for (const auto& [p, q] : segments(a)) {
        const bool inPlane =
            std::abs(dot(p - planePoint, normal)) <= tolerance && std::abs(dot(q - planePoint, normal)) <= tolerance;
        QPen pen(QColor(kAnnotationColour), 2.0, inPlane ? Qt::SolidLine : Qt::DashLine);
        painter.setPen(pen);
        painter.drawLine(out.toPixel(p), out.toPixel(q));
    }
    painter.setPen(QPen(QColor(kAnnotationColour), 2.0));
    if (annotations::describe(a.kind).isMarker())
        for (const auto& p : a.pointsLps) {
            const QPointF c = out.toPixel(p);
            painter.drawLine(c - QPointF(6, 0), c + QPointF(6, 0));
            painter.drawLine(c - QPointF(0, 6), c + QPointF(0, 6));
        }

    QFont font = painter.font();
    font.setPixelSize(14);
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(Qt::white);
    const QRectF all(4, 4, w - 8, h - 8);
    const auto letters = [&](imaging::Vec3 d) { return QString::fromStdString(imaging::orientationLetters(d)); };
    painter.drawText(all, Qt::AlignRight | Qt::AlignVCenter, letters(g.axes[0]));
    painter.drawText(all, Qt::AlignLeft | Qt::AlignVCenter, letters(-1.0 * g.axes[0]));
    painter.drawText(all, Qt::AlignHCenter | Qt::AlignBottom, letters(g.axes[1]));
    painter.drawText(all, Qt::AlignHCenter | Qt::AlignTop, letters(-1.0 * g.axes[1]));

    font.setBold(false);
    font.setPixelSize(12);
    painter.setFont(font);
    char where[96];
    std::snprintf(where, sizeof where, "slice %zu/%zu  %s", out.slice + 1, g.size[2],
                  v.spacingKnown ? "" : "(no pixel spacing)");
    painter.drawText(QRectF(6, 6, w - 40, 20), Qt::AlignLeft | Qt::AlignTop, QString::fromUtf8(where));

    if (v.spacingKnown) {  // a scale bar needs millimetres
        double lengthMm = 0;
        const QString text = QString::fromStdString(niceScale(out.pixelsPerMm, w, &lengthMm));
        const double len = lengthMm * out.pixelsPerMm;
        const QPointF right(w - 12, h - 22), left = right - QPointF(len, 0);
        painter.setPen(QPen(Qt::white, 2));
        painter.drawLine(left, right);
        painter.drawLine(left - QPointF(0, 4), left + QPointF(0, 4));
        painter.drawLine(right - QPointF(0, 4), right + QPointF(0, 4));
        painter.drawText(QRectF(left.x(), h - 20, len, 16), Qt::AlignHCenter | Qt::AlignTop, text);
    }
    painter.end();
    return out;
}

annotations::KeyImageProvider makeKeyImageProvider(const KeyImageOptions& options) {
    auto cache = std::make_shared<std::map<std::string, std::shared_ptr<imaging::Volume>>>();
    return [cache, options](const annotations::KeyImageRequest& request) -> imaging::Result<std::string> {
        const Annotation* a = request.annotation;
        if (!a) return imaging::Error{"no annotation"};
        if (annotations::describe(a->kind).segmentReference)
            return imaging::Error{"segmentations are not drawn in key images yet"};
        if (a->pointsLps.empty()) return imaging::Error{"the annotation has no points"};
        if (request.seriesFolder.empty()) return imaging::Error{"the DICOM series is not at its recorded path"};
        const std::string key = request.seriesFolder + "|" + a->image.seriesInstanceUid;
        auto& volume = (*cache)[key];
        if (!volume) {
            std::string error;
            const imaging::DicomIndex index = imaging::indexPath(request.seriesFolder, {}, &error);
            const imaging::SeriesStack* stack = index.findStack(a->image.seriesInstanceUid);
            if (!stack)
                return imaging::Error{"series " + a->image.seriesInstanceUid + " is not in " + request.seriesFolder};
            auto loaded = imaging::loadVolume(*stack);
            if (!loaded) return loaded.error();
            volume = std::make_shared<imaging::Volume>(std::move(*loaded));
        }
        auto image = renderKeyImage(*volume, *a, options);
        if (!image) return image.error();
        if (auto e = annotations::writeThroughTemporary(
                request.pngPath, [&](const std::string& temp) -> std::optional<imaging::Error> {
                    if (!image->image.save(QString::fromStdString(temp), "PNG"))
                        return imaging::Error{request.pngPath + ": cannot write the PNG"};
                    return std::nullopt;
                }))
            return *e;
        return request.pngPath;
    };
}

}  // namespace mensura::viewer
