// mensura-case: validate, show, compare and relocate case folders. A thin main over
// annotations/record; every rule lives in the library.
#include <CLI/CLI.hpp>

#include <iostream>
#include "mensura/core/Version.h"

#include "mensura/case/AnnotationCommands.h"
#include "mensura/case/CaseJson.h"
#include "mensura/case/CaseSession.h"
#include "mensura/case/CaseSummary.h"
#include "mensura/case/RecordCommands.h"
#include "mensura/case/Relocation.h"

using namespace mensura::annotations;

namespace {
int fail(const std::string& message) {
    std::cerr << "mensura-case: " << message << "\n";
    return 1;
}
}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Mensura case folders: validate, show, compare timepoints, relocate DICOM"};
    app.set_version_flag("--version", std::string("mensura-case ") + mensura::kVersion);
    app.require_subcommand(1);
    std::string folder, from, to, newLocation;
    bool asJson = false;
    auto* validate = app.add_subcommand("validate", "read case.json strictly and check the links");
    auto* show = app.add_subcommand("show", "print the record, its values and their link states");
    auto* compare = app.add_subcommand("compare", "RECIST 1.1 comparison of two timepoints");
    auto* relocate = app.add_subcommand("relocate", "find moved DICOM by UID under a folder and save");
    auto* recompute =
        app.add_subcommand("recompute", "recompute annotations' geometric values, update the fields citing them, save");
    for (auto* sub : {validate, show, compare, relocate, recompute})
        sub->add_option("folder", folder, "case folder (holding case.json)")->required();
    compare->add_option("--from", from, "reference timepoint uid")->required();
    compare->add_option("--to", to, "later timepoint uid")->required();
    for (auto* sub : {validate, show, compare, relocate, recompute}) sub->add_flag("--json", asJson, "print JSON");
    relocate->add_option("--to", newLocation, "folder where the DICOM is now")->required();
    CLI11_PARSE(app, argc, argv);

    auto session = CaseSession::open(folder);
    if (!session) return fail(session.error().message);
    CaseSession& s = **session;
    for (const auto& w : s.openedState().warnings) std::cerr << "warning: " << w << "\n";

    if (*validate) {
        const auto problems = s.model().integrityProblems();
        if (asJson) {
            std::cout << nlohmann::json{{"folder", folder},
                                        {"valid", problems.empty()},
                                        {"problems", problems},
                                        {"annotations", s.model().document().annotations.size()},
                                        {"missingDicom", s.openedState().missing.size()},
                                        {"warnings", s.openedState().warnings}}
                             .dump(2)
                      << "\n";
            return problems.empty() ? 0 : 1;
        }
        for (const auto& p : problems) std::cerr << folder << ": " << p << "\n";
        if (!problems.empty()) return 1;
        std::cout << folder << ": valid (" << s.model().document().annotations.size() << " annotations, "
                  << s.openedState().missing.size() << " missing DICOM references)\n";
        return 0;
    }
    if (*show) {
        // JSON: the case as case.json holds it (the record, the annotations and their values).
        if (asJson)
            std::cout << caseToJson(s.model().document()).dump(2) << "\n";
        else
            std::cout << summarizeCase(s.model());
        return 0;
    }
    if (*compare) {
        auto a = compareTimepoints(s.model().document().record, from, to);
        if (!a) return fail(folder + ": " + a.error().message);
        if (asJson)
            std::cout << assessmentToJson(*a).dump(2) << "\n";
        else
            std::cout << summarizeAssessment(*a);
        return 0;
    }
    if (*relocate) {
        auto plan = planRelocation(folder, s.model().document(), newLocation);
        if (!plan) return fail(plan.error().message);
        if (asJson) {
            std::cout << nlohmann::json{{"relocated", plan->relocated},
                                        {"stillMissing", plan->stillMissing},
                                        {"warnings", plan->warnings}}
                             .dump(2)
                      << "\n";
        } else {
            for (const auto& w : plan->warnings) std::cerr << "warning: " << w << "\n";
            for (const auto& uid : plan->relocated) std::cout << "relocated " << uid << "\n";
            for (const auto& uid : plan->stillMissing) std::cout << "still missing " << uid << "\n";
        }
        if (!plan->relocated.empty()) {
            if (auto e = s.push(std::make_unique<ReplaceDicomReferences>(plan->references))) return fail(e->message);
            if (auto e = s.save()) return fail(e->message);
        }
        return plan->stillMissing.empty() ? 0 : 2;
    }
    if (*recompute) {
        std::vector<std::string> recomputed;
        for (const auto& a : std::vector<Annotation>(s.model().document().annotations)) {
            auto values = geometricMeasurements(a);
            if (values.empty()) continue;
            if (auto e = s.push(std::make_unique<SetAnnotationMeasurements>(a.uid, values))) return fail(e->message);
            recomputed.push_back(a.uid);
        }
        if (auto e = s.save()) return fail(e->message);
        if (asJson) std::cout << nlohmann::json{{"recomputed", recomputed}}.dump(2) << "\n";
        return 0;
    }
    return 0;
}
