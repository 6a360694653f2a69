// mensura-cli caliper, triaxial, bidirectional and roi: thin layers over the annotation model
// (geometricMeasurements, roiPixelValues) and measure/Calipers' axis and perpendicularity checks.
#include "manual_cli.h"

#include <cmath>
#include <memory>
#include <set>
#include <sstream>

#include "cli_series.h"
#include "mensura/annotations/Annotation.h"
#include "mensura/annotations/RoiValues.h"
#include "mensura/measure/Calipers.h"
#include "mensura/measure/MeasureJson.h"

namespace mensura::tools {

using namespace imaging;
using annotations::Annotation;
using annotations::AnnotationKind;

namespace {

double round2(double x) { return std::round(x * 100.0) / 100.0; }

std::string pointText(PointLps p) {
    std::ostringstream s;
    s << p.x << "," << p.y << "," << p.z;
    return s.str();
}

// "x,y,z,x,y,z,...": count points exactly, or at least -count when count is negative.
std::vector<PointLps> parsePoints(const std::string& text, const std::string& option, int count) {
    std::vector<double> numbers;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        char* end = nullptr;
        const double x = std::strtod(item.c_str(), &end);
        if (item.empty() || end == item.c_str() || *end != '\0' || !std::isfinite(x))
            fail(option + ": '" + item + "' is not a number (expected x,y,z triplets in mm, LPS)", 2);
        numbers.push_back(x);
    }
    const std::size_t points = numbers.size() / 3;
    if (numbers.size() % 3 != 0 || (count > 0 && points != std::size_t(count)) ||
        (count < 0 && points < std::size_t(-count))) {
        std::ostringstream m;
        m << option << ": " << numbers.size() << " numbers; expected " << (count > 0 ? "" : "at least ")
          << 3 * std::abs(count) << " (x,y,z of " << (count > 0 ? "" : "at least ") << std::abs(count) << " points)";
        fail(m.str(), 2);
    }
    std::vector<PointLps> out;
    for (std::size_t i = 0; i < points; ++i) out.push_back({numbers[3 * i], numbers[3 * i + 1], numbers[3 * i + 2]});
    return out;
}

// A point outside the series would measure something that is not on the images: refused.
void requireInside(const Volume& v, const std::vector<PointLps>& points, const std::string& option) {
    const auto& g = v.geometry;
    for (std::size_t n = 0; n < points.size(); ++n) {
        const Vec3 ijk = g.lpsToIndex(points[n]);
        const double index[3] = {ijk.x, ijk.y, ijk.z};
        for (int axis = 0; axis < 3; ++axis) {
            if (index[axis] >= -0.5 && index[axis] <= double(g.size[axis]) - 0.5) continue;
            std::ostringstream m;
            m << option << ": point " << n + 1 << " (" << pointText(points[n]) << ") lies outside series " << v.stackId
              << " (index "
              << "ijk"[axis] << " = " << round2(index[axis]) << ", the series has 0.." << g.size[axis] - 1 << ")";
            fail(m.str(), 2);
        }
    }
}

Annotation annotationOn(const Volume& v, AnnotationKind kind, std::vector<PointLps> points) {
    Annotation a;
    a.uid = "mensura-cli";
    a.kind = kind;
    a.category = annotations::AnnotationCategory::LesionExtent;
    a.spacingKnown = v.spacingKnown;
    a.image.studyInstanceUid = v.studyInstanceUid;
    a.image.seriesInstanceUid = v.seriesInstanceUid;
    a.image.frameOfReferenceUid = v.frameOfReferenceUid;
    // The instance it was drawn on, when every point lies on one slice (else a 3D annotation).
    std::set<long> slices;
    for (const PointLps& p : points) slices.insert(std::lround(v.geometry.lpsToIndex(p).z));
    if (slices.size() == 1 && *slices.begin() >= 0 && std::size_t(*slices.begin()) < v.slices.size())
        a.image.sopInstanceUid = v.slices[std::size_t(*slices.begin())].sopInstanceUid;
    a.pointsLps = std::move(points);
    a.measurements = annotations::geometricMeasurements(a);
    return a;
}

nlohmann::json seriesJson(const Volume& v, const Annotation& a) {
    nlohmann::json sops = nlohmann::json::array();
    if (!a.image.sopInstanceUid.empty()) sops.push_back(a.image.sopInstanceUid);
    return {{"seriesInstanceUid", v.seriesInstanceUid},
            {"stackId", v.stackId},
            {"frameOfReferenceUid", v.frameOfReferenceUid},
            {"orientation", toString(v.geometry.orientation())},
            {"sopInstanceUids", sops}};
}

nlohmann::json result(const Volume& v, const Annotation& a, std::vector<std::string> warnings) {
    if (!v.spacingKnown)
        warnings.push_back("series " + v.stackId + " has no PixelSpacing: lengths are in pixels, not mm");
    warnings.insert(warnings.begin(), v.warnings.begin(), v.warnings.end());
    return {{"kind", annotations::toString(a.kind)},
            {"series", seriesJson(v, a)},
            {"pointsLps",
             [&] {
                 nlohmann::json list = nlohmann::json::array();
                 for (const PointLps& p : a.pointsLps) list.push_back({p.x, p.y, p.z});
                 return list;
             }()},
            {"measurements", annotations::measurementsToJson(annotations::namedMeasurements(a))},
            {"warnings", warnings}};
}

CaliperLine lineOf(const std::vector<PointLps>& p, std::size_t first) { return {p[first], p[first + 1]}; }

struct ManualArgs {
    std::string folder, series;
    bool json = false;
};

CLI::App* addCommand(CLI::App& app, const char* name, const char* what, ManualArgs& a) {
    auto* cmd = app.add_subcommand(name, what);
    cmd->add_option("folder", a.folder, "folder or file")->required();
    cmd->add_option("--series", a.series, "SeriesInstanceUID or stack id; required when the folder has several");
    cmd->add_flag("--json", a.json, "print JSON (the default; kept for scripts)");
    return cmd;
}

const char* kLineHelp = "x0,y0,z0,x1,y1,z1 in mm (LPS)";

}  // namespace

void addManualSubcommands(CLI::App& app, const unsigned& threads) {
    {
        auto a = std::make_shared<ManualArgs>();
        auto line = std::make_shared<std::string>();
        auto* cmd = addCommand(app, "caliper", "the length of a caliper between two points", *a);
        cmd->add_option("--line-lps", *line, kLineHelp)->required();
        cmd->callback([a, line, &threads] {
            const auto points = parsePoints(*line, "--line-lps", 2);
            const Volume v = loadOrFail(a->folder, a->series, threads);
            requireInside(v, points, "--line-lps");
            const Annotation ann = annotationOn(v, AnnotationKind::Line, points);
            nlohmann::json j = result(v, ann, {});
            j["caliper"] = {{"lengthMm", round2(lengthMm(lineOf(points, 0)))}};
            printAndExit(j);
        });
    }
    {
        auto a = std::make_shared<ManualArgs>();
        auto lines = std::make_shared<std::array<std::string, 3>>();
        auto tolerance = std::make_shared<double>(15.0);
        auto* cmd = addCommand(app, "triaxial", "tri-axial size AP x LR x SI from three calipers", *a);
        cmd->add_option("--ap-lps", (*lines)[0], std::string("anterior-posterior caliper ") + kLineHelp)->required();
        cmd->add_option("--lr-lps", (*lines)[1], std::string("left-right caliper ") + kLineHelp)->required();
        cmd->add_option("--si-lps", (*lines)[2], std::string("superior-inferior caliper ") + kLineHelp)->required();
        cmd->add_option("--tolerance-deg", *tolerance, "largest angle of a caliper to its patient axis (default 15)")
            ->check(CLI::Range(0.0, 45.0));
        cmd->callback([a, lines, tolerance, &threads] {
            const char* options[3] = {"--ap-lps", "--lr-lps", "--si-lps"};
            std::vector<PointLps> points;
            for (int c = 0; c < 3; ++c) {
                const auto line = parsePoints((*lines)[c], options[c], 2);
                points.insert(points.end(), line.begin(), line.end());
            }
            const Volume v = loadOrFail(a->folder, a->series, threads);
            for (int c = 0; c < 3; ++c) requireInside(v, {points[2 * c], points[2 * c + 1]}, options[c]);
            const TriaxialSize size =
                orFail(triaxialSize({lineOf(points, 0), lineOf(points, 2), lineOf(points, 4)}, *tolerance), 1);
            const Annotation ann = annotationOn(v, AnnotationKind::Triaxial, points);
            nlohmann::json j = result(v, ann, {});
            j["triaxial"] = {{"apMm", round2(size.apMm)},
                             {"lrMm", round2(size.lrMm)},
                             {"siMm", round2(size.siMm)},
                             {"apAngleDeg", round2(size.apAngleDeg)},
                             {"lrAngleDeg", round2(size.lrAngleDeg)},
                             {"siAngleDeg", round2(size.siAngleDeg)},
                             {"toleranceDeg", *tolerance}};
            j["report"] = v.spacingKnown ? nlohmann::json(triaxialReportCm(size.apMm, size.lrMm, size.siMm))
                                         : nlohmann::json(nullptr);
            printAndExit(j);
        });
    }
    {
        auto a = std::make_shared<ManualArgs>();
        auto longAxis = std::make_shared<std::string>(), shortAxis = std::make_shared<std::string>();
        auto tolerance = std::make_shared<double>(10.0);
        auto* cmd =
            addCommand(app, "bidirectional", "RECIST/WHO long axis and the perpendicular short axis in one plane", *a);
        cmd->add_option("--long-lps", *longAxis, std::string("long axis ") + kLineHelp)->required();
        cmd->add_option("--short-lps", *shortAxis, std::string("short axis ") + kLineHelp)->required();
        cmd->add_option("--tolerance-deg", *tolerance, "largest departure from perpendicular (default 10)")
            ->check(CLI::Range(0.0, 45.0));
        cmd->callback([a, longAxis, shortAxis, tolerance, &threads] {
            auto points = parsePoints(*longAxis, "--long-lps", 2);
            const auto shortPoints = parsePoints(*shortAxis, "--short-lps", 2);
            points.insert(points.end(), shortPoints.begin(), shortPoints.end());
            const Volume v = loadOrFail(a->folder, a->series, threads);
            requireInside(v, {points[0], points[1]}, "--long-lps");
            requireInside(v, shortPoints, "--short-lps");
            const Bidimensional b = orFail(bidimensional(lineOf(points, 0), lineOf(points, 2), *tolerance), 1);
            const Annotation ann = annotationOn(v, AnnotationKind::Bidirectional, points);
            nlohmann::json j = result(v, ann, {});
            j["bidirectional"] = {{"longAxisMm", round2(b.longestMm)},
                                  {"shortAxisMm", round2(b.perpendicularMm)},
                                  {"productMm2", round2(b.productMm2)},
                                  {"angleBetweenDeg", round2(b.angleBetweenDeg)},
                                  {"toleranceDeg", *tolerance}};
            printAndExit(j);
        });
    }
    {
        auto a = std::make_shared<ManualArgs>();
        auto ellipse = std::make_shared<std::string>(), polygon = std::make_shared<std::string>();
        auto* cmd = addCommand(app, "roi", "area and mean +- SD of the pixels inside an ellipse or polygon", *a);
        auto* e = cmd->add_option("--ellipse-lps", *ellipse,
                                  "centre, end of the first semi-axis, end of the second: 9 numbers in mm (LPS)");
        auto* p =
            cmd->add_option("--polygon-lps", *polygon, "the vertices x,y,z,... of a closed planar polygon (>= 3)");
        e->excludes(p);
        cmd->callback([a, ellipse, polygon, &threads] {
            if (ellipse->empty() == polygon->empty()) fail("roi: give --ellipse-lps or --polygon-lps", 2);
            const bool isEllipse = !ellipse->empty();
            const std::string option = isEllipse ? "--ellipse-lps" : "--polygon-lps";
            const auto points = parsePoints(isEllipse ? *ellipse : *polygon, option, isEllipse ? 3 : -3);
            const Volume v = loadOrFail(a->folder, a->series, threads);
            requireInside(v, points, option);
            Annotation ann = annotationOn(v, isEllipse ? AnnotationKind::Ellipse : AnnotationKind::Polygon, points);
            const annotations::RoiValues values = orFail(annotations::roiPixelValues(ann, v), 1);
            ann.measurements.insert(ann.measurements.end(), values.values.begin(), values.values.end());
            nlohmann::json j = result(v, ann, {});
            const RoiStatistics& s = values.statistics;
            j["roi"] = {{"areaMm2", round2(s.areaMm2)},
                        {"mean", round2(s.mean)},
                        {"sd", round2(s.standardDeviation)},
                        {"min", s.minimum},
                        {"max", s.maximum},
                        {"count", s.count},
                        {"valueUnit", v.valueUnit},
                        {"sampling", s.samplingText}};
            printAndExit(j);
        });
    }
}

}  // namespace mensura::tools
