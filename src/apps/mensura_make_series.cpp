// mensura-make-series: writes a synthetic CT or MR series with known geometry (a water cylinder
// with a sphere), for the benchmark and for trying Mensura without patient data.
#include <CLI/CLI.hpp>

#include "mensura/core/Version.h"

#include <iostream>

#include "mensura/testing/SyntheticSeries.h"

using namespace mensura::imaging;

int main(int argc, char** argv) {
    CLI::App app{"Write a synthetic DICOM series with known geometry"};
    app.set_version_flag("--version", std::string("mensura-make-series ") + mensura::kVersion);
    SyntheticParams p;
    std::string out, orientation = "axial";
    std::vector<std::size_t> size{128, 128, 40};
    std::vector<double> spacing{1.0, 1.0, 2.5};
    double noise = 10;
    app.add_option("--out", out, "output folder")->required();
    app.add_option("--size", size, "columns rows slices")->expected(3);
    app.add_option("--spacing", spacing, "mm between columns, rows, slices")->expected(3);
    app.add_option("--modality", p.modality, "CT or MR")->check(CLI::IsMember({"CT", "MR"}));
    app.add_option("--orientation", orientation, "axial, coronal or sagittal")
        ->check(CLI::IsMember({"axial", "coronal", "sagittal"}));
    app.add_option("--radius", p.sphereRadiusMm, "sphere radius in mm");
    app.add_option("--noise", noise, "noise standard deviation");
    app.add_option("--description", p.seriesDescription, "SeriesDescription");
    CLI11_PARSE(app, argc, argv);

    p.size = {size[0], size[1], size[2]};
    p.spacingMm = {spacing[0], spacing[1], spacing[2]};
    p.noiseSd = noise;
    if (orientation == "coronal") p.axes = {Vec3{1, 0, 0}, Vec3{0, 0, -1}, Vec3{0, 1, 0}};
    if (orientation == "sagittal") p.axes = {Vec3{0, 1, 0}, Vec3{0, 0, -1}, Vec3{-1, 0, 0}};
    if (p.modality == "MR") {
        p.backgroundValue = 300;
        p.airValue = 0;
        p.sphereValue = 700;
    }
    auto written = writeSeries(makeSyntheticSeries(p), out);
    if (!written) {
        std::cerr << "mensura-make-series: " << written.error().message << "\n";
        return 1;
    }
    std::cout << written->size() << " files written to " << out << "\n";
    return 0;
}
