#pragma once
// The HTML report through Qt's rich-text engine: printed to PDF with QPdfWriter, or drawn into an
// image (what a reader of the report sees, for tests and previews). Key images are loaded from
// beside the HTML file.
#include <optional>
#include <string>

#include <QImage>

#include "mensura/core/Result.h"

namespace mensura::viewer {

// Writes pdfPath (A4, atomically) from htmlPath; returns pdfPath or the error.
imaging::Result<std::string> writePdfReport(const std::string& htmlPath, const std::string& pdfPath);

// The whole report laid out at widthPx and drawn on white, one tall image.
imaging::Result<QImage> renderHtmlReport(const std::string& htmlPath, int widthPx = 1000);

}  // namespace mensura::viewer
