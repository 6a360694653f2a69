// Key images and the report drawn with Qt (offscreen platform): the key image shows the slice
// through the lesion with the calipers where the LPS points project, and the HTML report, laid
// out by Qt's rich-text engine, shows those images. A snapshot is kept for people to look at.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <QGuiApplication>
#include <QImage>

#include "ReportCase.h"
#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/VolumeLoader.h"
#include "mensura/export/HtmlReport.h"
#include "mensura/report/KeyImageRenderer.h"
#include "mensura/report/ReportDocument.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace mensura;
using mensura::test::TempDir;

namespace {

bool isAnnotationColour(QRgb p) { return qRed(p) > 200 && qGreen(p) > 150 && qGreen(p) < 240 && qBlue(p) < 80; }

// Annotation-coloured pixels within radius of a point.
int colouredNear(const QImage& img, QPointF at, int radius) {
    int n = 0;
    for (int y = int(at.y()) - radius; y <= int(at.y()) + radius; ++y)
        for (int x = int(at.x()) - radius; x <= int(at.x()) + radius; ++x)
            if (img.valid(x, y) && isAnnotationColour(img.pixel(x, y))) ++n;
    return n;
}

int colouredIn(const QImage& img) {
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) n += isAnnotationColour(img.pixel(x, y));
    return n;
}

struct RenderTest : ::testing::Test {
    TempDir dir;
    std::optional<test::ReportCase> rc;
    void SetUp() override {
        std::string why;
        rc = test::makeReportCase(dir / "case", &why);
        if (!rc) GTEST_SKIP() << "sample DICOM not available: " << why;
    }
};

}  // namespace

TEST_F(RenderTest, KeyImageShowsTheLesionSliceWithCalipersWhereThePointsAre) {
    std::string error;
    const auto index = imaging::indexPath(rc->seriesFolder, {}, &error);
    const auto& annotation = rc->document.annotations[0];
    const auto* stack = index.findStack(annotation.image.seriesInstanceUid);
    ASSERT_NE(stack, nullptr);
    auto volume = imaging::loadVolume(*stack);
    ASSERT_TRUE(volume) << volume.error().message;

    auto key = viewer::renderKeyImage(*volume, annotation);
    ASSERT_TRUE(key) << key.error().message;
    // The slice is the one through the lesion centre (z = 10 mm).
    EXPECT_NEAR(volume->geometry.lpsToIndex(test::kLesionCentre).z, double(key->slice), 0.5);
    const QImage& img = key->image;
    EXPECT_EQ(std::max(img.width(), img.height()), 512);

    // Calipers drawn: along the AP caliper (a quarter and three quarters of the way) and the LR.
    const auto& p = annotation.pointsLps;
    for (auto [a, b] : {std::pair{p[0], p[1]}, std::pair{p[2], p[3]}})
        for (double t : {0.25, 0.75}) {
            const QPointF at = key->toPixel(a + t * (b - a));
            EXPECT_GT(colouredNear(img, at, 2), 0) << "no caliper colour at " << at.x() << "," << at.y();
        }
    // Away from the calipers the slice is grey and not blank: the lesion is brighter than fat.
    const QPointF offCaliper = key->toPixel(test::kLesionCentre + imaging::Vec3{12, 12, 0});
    EXPECT_EQ(colouredNear(img, offCaliper, 3), 0);
    double sum = 0, sum2 = 0;
    int n = 0;
    for (int y = 0; y < img.height(); y += 4)
        for (int x = 0; x < img.width(); x += 4) {
            const double g = qGray(img.pixel(x, y));
            sum += g, sum2 += g * g, ++n;
        }
    const double sd = std::sqrt(sum2 / n - (sum / n) * (sum / n));
    EXPECT_GT(sd, 20.0) << "a blank key image";
}

TEST_F(RenderTest, HtmlReportRenderedShowsKeyImagesWithAnnotations) {
    const std::string out = dir / "report";
    auto html = annotations::exportHtmlReport(rc->folder, out, {}, viewer::makeKeyImageProvider());
    ASSERT_TRUE(html) << html.error().message;
    std::vector<std::string> pngs;
    for (const auto& e : fs::directory_iterator(out))
        if (e.path().extension() == ".png") pngs.push_back(e.path().string());
    ASSERT_EQ(pngs.size(), 1u);

    auto page = viewer::renderHtmlReport(*html, 1000);
    ASSERT_TRUE(page) << page.error().message;
    fs::create_directories(MENSURA_REPORT_SNAPSHOT_DIR);
    page->save(QString(MENSURA_REPORT_SNAPSHOT_DIR) + "/report_ccs.png");
    fs::copy_file(pngs[0], std::string(MENSURA_REPORT_SNAPSHOT_DIR) + "/key_image_ccs.png",
                  fs::copy_options::overwrite_existing);

    // The page holds the key image: a block of grey pixels with the annotation colour in it.
    const int coloured = colouredIn(*page);
    QImage key(QString::fromStdString(pngs[0]));
    ASSERT_FALSE(key.isNull());
    const int inKey = colouredIn(key);
    ASSERT_GT(inKey, 100);
    // The image is shown at 420 px of its 512: the coloured pixel count scales about with that.
    EXPECT_GT(coloured, inKey / 4) << "the rendered report does not show the annotated key image";

    auto pdf = viewer::writePdfReport(*html, out + "/report.pdf");
    ASSERT_TRUE(pdf) << pdf.error().message;
    std::ifstream in(*pdf, std::ios::binary);
    std::string head(5, '\0');
    in.read(&head[0], 5);
    EXPECT_EQ(head, "%PDF-");
    EXPECT_GT(fs::file_size(*pdf), 20000u) << "a PDF without the key image";
}

TEST_F(RenderTest, CommandLineWritesEveryFormat) {
    for (const char* format : {"fhir", "csv", "json", "html", "pdf"}) {
        const std::string out = dir / (std::string("cli_") + format);
        const std::string cmd = std::string(MENSURA_REPORT_TOOL) + " '" + rc->folder + "' --format " + format +
                                " --out '" + out + "' --deidentify 2>/dev/null";
        std::string printed;
        ASSERT_EQ(test::runCommand(cmd, &printed), 0) << cmd;
        while (!printed.empty() && printed.back() == '\n') printed.pop_back();
        EXPECT_TRUE(fs::exists(printed)) << printed;
    }
    EXPECT_TRUE(fs::exists(dir / "cli_html/report.html"));
    EXPECT_TRUE(fs::exists(dir / "cli_pdf/report.pdf"));
    EXPECT_NE(
        test::runCommand(std::string(MENSURA_REPORT_TOOL) + " '" + rc->folder + "' --format xml --out x 2>/dev/null"),
        0);
    EXPECT_NE(test::runCommand(std::string(MENSURA_REPORT_TOOL) + " /nonexistent --format csv --out '" + (dir / "x") +
                               "' 2>/dev/null"),
              0);
}

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
