#include "mensura/report/ReportDocument.h"

#include "mensura/core/AtomicFile.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <QFile>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

namespace mensura::viewer {
namespace {

imaging::Result<std::unique_ptr<QTextDocument>> loadDocument(const std::string& htmlPath) {
    QFile file(QString::fromStdString(htmlPath));
    if (!file.open(QIODevice::ReadOnly)) return imaging::Error{htmlPath + ": cannot read the report"};
    auto doc = std::make_unique<QTextDocument>();
    // Relative <img src> resolve against the report's folder.
    const std::string folder = std::filesystem::absolute(htmlPath).parent_path().string() + "/";
    doc->setBaseUrl(QUrl::fromLocalFile(QString::fromStdString(folder)));
    doc->setHtml(QString::fromUtf8(file.readAll()));
    return doc;
}

}  // namespace

imaging::Result<std::string> writePdfReport(const std::string& htmlPath, const std::string& pdfPath) {
    auto doc = loadDocument(htmlPath);
    if (!doc) return doc.error();
    auto write = [&](const std::string& temp) -> std::optional<imaging::Error> {
        QPdfWriter writer(QString::fromStdString(temp));
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setResolution(150);
        writer.setTitle((*doc)->metaInformation(QTextDocument::DocumentTitle));
        // Laid out at a screen-like width, scaled onto the page, cut into page-high slices.
        const QRect page = writer.pageLayout().paintRectPixels(writer.resolution());
        const double layoutWidth = 800;
        const double scale = page.width() / layoutWidth;
        const double pageHeight = page.height() / scale;
        (*doc)->setTextWidth(layoutWidth);
        (*doc)->setPageSize(QSizeF(layoutWidth, pageHeight));
        QPainter painter(&writer);
        for (int p = 0; p < (*doc)->pageCount(); ++p) {
            if (p > 0) writer.newPage();
            painter.save();
            painter.scale(scale, scale);
            painter.translate(0, -p * pageHeight);
            (*doc)->drawContents(&painter, QRectF(0, p * pageHeight, layoutWidth, pageHeight));
            painter.restore();
        }
        painter.end();
        return std::nullopt;  // the writer closes the file as it goes out of scope
    };
    if (auto e = annotations::writeThroughTemporary(pdfPath, write)) return *e;
    return pdfPath;
}

imaging::Result<QImage> renderHtmlReport(const std::string& htmlPath, int widthPx) {
    auto doc = loadDocument(htmlPath);
    if (!doc) return doc.error();
    (*doc)->setTextWidth(widthPx);
    const QSizeF size = (*doc)->size();
    QImage image(widthPx, int(std::ceil(size.height())), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    (*doc)->drawContents(&painter);
    painter.end();
    return image;
}

}  // namespace mensura::viewer
