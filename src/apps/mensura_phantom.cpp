// mensura-phantom: writes the synthetic seed cases (DICOM + ground_truth.json). Deterministic:
// the same command writes the same bytes.
#include <CLI/CLI.hpp>

#include "mensura/core/Version.h"

#include <iostream>

#include "mensura/testing/CasePlan.h"

using namespace mensura::imaging;

int main(int argc, char** argv) {
    CLI::App app{"Write Mensura's synthetic seed cases as DICOM with ground truth"};
    app.set_version_flag("--version", std::string("mensura-phantom ") + mensura::kVersion);
    std::string out = "sample_dicom";
    std::vector<std::string> cases;
    bool list = false;
    app.add_option("--out", out, "output folder; each case goes into <out>/<case>/");
    app.add_option("--case", cases, "case name(s); default: all");
    app.add_flag("--list", list, "list the case names");
    CLI11_PARSE(app, argc, argv);
    if (list) {
        for (const auto& n : phantom::seedCaseNames()) std::cout << n << "\n";
        return 0;
    }
    if (cases.empty()) cases = phantom::seedCaseNames();
    for (const auto& name : cases) {
        auto plan = phantom::buildCase(name);
        if (!plan) {
            std::cerr << "mensura-phantom: " << plan.error().message << "\n";
            return 2;
        }
        auto truth = phantom::writeCase(*plan, out + "/" + name);
        if (!truth) {
            std::cerr << "mensura-phantom: " << truth.error().message << "\n";
            return 1;
        }
        std::cout << name << ": written to " << out << "/" << name << "\n";
    }
    return 0;
}
