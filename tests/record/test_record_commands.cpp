// Every command: redo changes the state, undo restores it exactly, redo again gives the same
// state as the first time. "Exact" is checked on the full case.json serialisation.
#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "RecordFixture.h"
#include "mensura/case/AnnotationCommands.h"
#include "mensura/case/CaseJson.h"
#include "mensura/case/RecordCommands.h"

using namespace mensura;
using namespace mensura::annotations;

namespace {

Annotation newLine() {
    Annotation a;
    a.uid = "2.25.7777";
    a.kind = AnnotationKind::Line;
    a.category = AnnotationCategory::LesionExtent;
    a.pointsLps = {{0, 0, 0}, {3, 4, 0}};
    return a;
}

struct Case {
    const char* name;
    std::function<std::unique_ptr<Command>()> make;
};

std::vector<Case> allCommands() {
    using P = imaging::PointLps;
    return {
        {"AddAnnotation", [] { return std::make_unique<AddAnnotation>(newLine()); }},
        {"RemoveAnnotation", [] { return std::make_unique<RemoveAnnotation>(test::kTriaxialUid); }},
        {"RemoveEvidence", [] { return std::make_unique<RemoveAnnotation>(test::kPointUid); }},
        {"MoveAnnotation",
         [] {
             return std::make_unique<MoveAnnotation>(
                 test::kTriaxialUid,
                 std::vector<P>{{0, -25, 0}, {0, 25, 0}, {-15, 0, 0}, {15, 0, 0}, {0, 0, -10}, {0, 0, 10}});
         }},
        {"MoveEvidence",
         [] {
             return std::make_unique<MoveAnnotation>(test::kPointUid, std::vector<P>{{5, 5, 5}});
         }},
        {"SetAnnotationMeasurements",
         [] {
             return std::make_unique<SetAnnotationMeasurements>(
                 test::kSegmentationUid,
                 std::vector<QuantityValue>{{Quantity::Volume, {15000, "mm3", "voxels", "segmentation", ""}, false}});
         }},
        {"EditAnnotation",
         [] {
             return std::make_unique<EditAnnotation>(test::kLineUid, "LN1 short", AnnotationCategory::Other, "note");
         }},
        {"LinkValue",
         [] {
             return std::make_unique<LinkValue>("f-ap2", AnnotationLink{test::kTriaxialUid, Quantity::ApDiameter});
         }},
        {"UnlinkValue", [] { return std::make_unique<UnlinkValue>("f-lr"); }},
        {"SetFindingEvidence",
         [] {
             return std::make_unique<SetFindingEvidence>("f-inv",
                                                         std::vector<std::string>{test::kPointUid, test::kLineUid});
         }},
        {"EditRecord",
         [] {
             return std::make_unique<EditRecord>("Add outcome and age", [](CaseRecord& r) {
                 r.patient.ageYears = 34;
                 r.outcome.push_back({"", "6 months", "lost to follow-up", ""});
                 r.lesions[0].vertebralLevels.push_back("C3");
             });
         }},
        {"ReplaceDicomReferences",
         [] {
             return std::make_unique<ReplaceDicomReferences>(
                 std::vector<DicomReference>{{"2.25.1", "2.25.2", "2.25.4", "/elsewhere/ct", "CT"}});
         }},
    };
}

}  // namespace

TEST(RecordCommands, EveryCommandUndoneAndRedoneRestoresTheExactState) {
    for (const auto& c : allCommands()) {
        SCOPED_TRACE(c.name);
        CaseModel model(test::recordFixture());
        History history(model);
        const auto before = caseToJson(model.document());
        ASSERT_FALSE(history.push(c.make()));
        const auto after = caseToJson(model.document());
        EXPECT_NE(before, after) << "the command changed nothing";
        EXPECT_TRUE(model.integrityProblems().empty()) << model.integrityProblems().front();
        ASSERT_TRUE(history.undo());
        EXPECT_EQ(caseToJson(model.document()), before);
        ASSERT_TRUE(history.redo());
        EXPECT_EQ(caseToJson(model.document()), after);
        ASSERT_TRUE(history.undo());
        EXPECT_EQ(caseToJson(model.document()), before);
    }
}

TEST(RecordCommands, ASequenceUndoneToTheStartIsTheFixtureAgain) {
    CaseModel model(test::recordFixture());
    History history(model);
    const auto start = caseToJson(model.document());
    std::vector<nlohmann::json> states{start};
    for (const auto& c : allCommands()) {
        const std::string name = c.name;
        if (name == "RemoveAnnotation" || name == "RemoveEvidence") continue;  // later commands use them
        ASSERT_FALSE(history.push(c.make())) << c.name;
        states.push_back(caseToJson(model.document()));
    }
    for (std::size_t i = states.size() - 1; i > 0; --i) {
        ASSERT_TRUE(history.undo());
        EXPECT_EQ(caseToJson(model.document()), states[i - 1]) << "after undoing step " << i;
    }
    EXPECT_FALSE(history.canUndo());
    while (history.redo()) {
    }
    EXPECT_EQ(caseToJson(model.document()), states.back());
}

TEST(RecordCommands, AFailingCommandChangesNothingAndIsNotRecorded) {
    CaseModel model(test::recordFixture());
    History history(model);
    const auto before = caseToJson(model.document());
    EXPECT_TRUE(history.push(std::make_unique<RemoveAnnotation>("2.25.404")));
    EXPECT_TRUE(history.push(std::make_unique<AddAnnotation>(model.document().annotations[0])));  // duplicate uid
    EXPECT_TRUE(
        history.push(std::make_unique<MoveAnnotation>(test::kLineUid, std::vector<imaging::PointLps>{{0, 0, 0}})));
    EXPECT_TRUE(history.push(std::make_unique<LinkValue>("f-ap2", AnnotationLink{test::kLineUid, Quantity::Volume})));
    EXPECT_TRUE(history.push(std::make_unique<EditRecord>(
        "duplicate field", [](CaseRecord& r) { r.imaging[1].observations[0].values[0].fieldId = "f-ap"; })));
    EXPECT_EQ(caseToJson(model.document()), before);
    EXPECT_EQ(history.size(), 0u);
}

TEST(RecordCommands, NewEditAfterUndoDropsTheRedoBranch) {
    CaseModel model(test::recordFixture());
    History history(model);
    ASSERT_FALSE(history.push(std::make_unique<UnlinkValue>("f-lr")));
    ASSERT_TRUE(history.undo());
    ASSERT_FALSE(history.push(std::make_unique<UnlinkValue>("f-si")));
    EXPECT_FALSE(history.canRedo());
    EXPECT_EQ(history.size(), 1u);
    EXPECT_EQ(history.undoText(), "Unlink record value");
}

TEST(RecordEvents, ObserversHearTypedEventsAndTheirInverseOnUndo) {
    CaseModel model(test::recordFixture());
    History history(model);
    std::vector<ChangeEvent> events;
    const int token = model.subscribe([&](const ChangeEvent& e) { events.push_back(e); });
    ASSERT_FALSE(history.push(
        std::make_unique<MoveAnnotation>(test::kLineUid, std::vector<imaging::PointLps>{{0, 0, 0}, {0, 12, 0}})));
    ASSERT_GE(events.size(), 3u);
    EXPECT_TRUE(std::holds_alternative<AnnotationMoved>(events[0]));
    EXPECT_TRUE(std::holds_alternative<MeasurementsRecomputed>(events[1]));
    const auto* field = std::get_if<RecordFieldChanged>(&events[2]);
    ASSERT_TRUE(field);
    EXPECT_EQ(field->fieldId, "f-sa");
    EXPECT_EQ(field->state, LinkState::Linked);

    events.clear();
    ASSERT_FALSE(history.push(std::make_unique<AddAnnotation>(newLine())));
    ASSERT_TRUE(history.undo());
    ASSERT_FALSE(events.empty());
    EXPECT_TRUE(std::holds_alternative<AnnotationRemoved>(events.back()));
    model.unsubscribe(token);
    events.clear();
    history.redo();
    EXPECT_TRUE(events.empty());
}
