// The reading-session edits of the imaging section (link an annotation to a lesion, add a coded
// finding, remove a field) run through EditRecord: one undo step each, links live afterwards.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>

#include "RecordFixture.h"
#include "mensura/annotations/Codes.h"
#include "mensura/annotations/FindingVocabulary.h"
#include "mensura/case/AnnotationCommands.h"
#include "mensura/case/CaseJson.h"
#include "mensura/case/History.h"
#include "mensura/case/ObservationEdits.h"
#include "mensura/case/RecordCommands.h"

using namespace mensura;
using namespace mensura::annotations;

namespace {

Annotation followUpTriaxial() {
    Annotation a;
    a.uid = "2.25.8888";
    a.kind = AnnotationKind::Triaxial;
    a.category = AnnotationCategory::LesionExtent;
    a.image = {"2.25.1", "2.25.2", "2.25.3", 0, "2.25.4"};
    // AP 30, LR 24, SI 16 mm
    a.pointsLps = {{0, -15, 0}, {0, 15, 0}, {-12, 0, 0}, {12, 0, 0}, {0, 0, -8}, {0, 0, 8}};
    a.measurements = geometricMeasurements(a);
    return a;
}

const RecordValue* valueLinking(const CaseRecord& r, const std::string& tp, const std::string& uid, Quantity q) {
    for (const auto& t : r.imaging)
        if (t.uid == tp)
            for (const auto& o : t.observations)
                for (const auto& v : o.values)
                    if (v.link && v.link->annotationUid == uid && v.quantity == q) return &v;
    return nullptr;
}

}  // namespace

TEST(ObservationEdits, NextFieldIdIsUnusedAndAboveTheLargest) {
    CaseRecord r = test::recordFixture().record;
    EXPECT_EQ(nextFieldId(r), "fixture-f1");  // the fixture's ids have another prefix
    r.imaging[0].observations[0].values[0].fieldId = "fixture-f7";
    EXPECT_EQ(nextFieldId(r), "fixture-f8");
    r.imaging[0].observations[0].findings[0].fieldId = "fixture-f12";
    EXPECT_EQ(nextFieldId(r), "fixture-f13");
}

TEST(ObservationEdits, LinkingATriaxialAddsApLrSiValuesWithItsMillimetresInOneUndoStep) {
    CaseModel model(test::recordFixture());
    History history(model);
    const Annotation tri = followUpTriaxial();
    ASSERT_FALSE(history.push(std::make_unique<AddAnnotation>(tri)));
    const std::string before = caseToText(model.document());
    ASSERT_FALSE(history.push(std::make_unique<EditRecord>("Link", [&](CaseRecord& r) {
        // AP, LR, SI and the ellipsoid volume estimate
        EXPECT_EQ(linkAnnotationValues(r, "tp-follow", "2.25.500", tri).size(), 4u);
    })));
    const CaseRecord& r = model.document().record;
    const RecordValue* ap = valueLinking(r, "tp-follow", tri.uid, Quantity::ApDiameter);
    const RecordValue* lr = valueLinking(r, "tp-follow", tri.uid, Quantity::LrDiameter);
    const RecordValue* si = valueLinking(r, "tp-follow", tri.uid, Quantity::SiDiameter);
    ASSERT_TRUE(ap && lr && si);
    EXPECT_DOUBLE_EQ(ap->value.value, 30);
    EXPECT_DOUBLE_EQ(lr->value.value, 24);
    EXPECT_DOUBLE_EQ(si->value.value, 16);
    const RecordValue* volume = valueLinking(r, "tp-follow", tri.uid, Quantity::Volume);
    ASSERT_TRUE(volume);
    EXPECT_NEAR(volume->value.value, M_PI / 6 * 30 * 24 * 16 / (volume->value.unit == "mL" ? 1000.0 : 1.0), 1e-6);
    EXPECT_EQ(ap->state, LinkState::Linked);
    // The annotation cites the four fields back.
    EXPECT_EQ(model.findAnnotation(tri.uid)->citedBy.size(), 4u);
    EXPECT_TRUE(model.integrityProblems().empty());
    // Linking again adds nothing.
    ASSERT_FALSE(history.push(std::make_unique<EditRecord>("Link again", [&](CaseRecord& rec) {
        EXPECT_TRUE(linkAnnotationValues(rec, "tp-follow", "2.25.500", tri).empty());
    })));
    history.undo();
    history.undo();
    EXPECT_EQ(caseToText(model.document()), before);
    // Moving the annotation's AP end moves the record value.
    history.redo();
    auto points = tri.pointsLps;
    points[1] = {0, 20, 0};
    ASSERT_FALSE(history.push(std::make_unique<MoveAnnotation>(tri.uid, points)));
    EXPECT_DOUBLE_EQ(valueLinking(model.document().record, "tp-follow", tri.uid, Quantity::ApDiameter)->value.value,
                     35);
}

TEST(ObservationEdits, AnUnknownTimepointOrLesionIsRefusedWithAReason) {
    CaseRecord r = test::recordFixture().record;
    EXPECT_EQ(checkObservationTarget(r, "nope", "2.25.500"), "choose a timepoint");
    EXPECT_EQ(checkObservationTarget(r, "tp-base", "nope"), "choose a lesion");
    EXPECT_EQ(checkObservationTarget(r, "tp-base", "2.25.500"), "");
    EXPECT_TRUE(linkAnnotationValues(r, "nope", "2.25.500", followUpTriaxial()).empty());
    CaseRecord empty;
    EXPECT_NE(checkObservationTarget(empty, "", "").find("no imaging timepoint"), std::string::npos);
}

TEST(ObservationEdits, AFindingPickedFromTheVocabularyIsAddedLinkedToItsEvidenceAndRemovable) {
    CaseModel model(test::recordFixture());
    History history(model);
    const FindingKind* signal = findFindingKind(codes::kSignalIntensity);
    ASSERT_TRUE(signal && signal->relativeToTissue && signal->readOnSequence);
    Finding f;
    f.concept = signal->concept;
    f.value = *signalCategoryCode("slightly high");
    f.sequence = sequenceCodes()[1];
    f.referenceTissue = referenceTissueCodes()[0];
    f.evidence = {test::kTriaxialUid};
    std::string id;
    ASSERT_FALSE(history.push(std::make_unique<EditRecord>(
        "Add finding", [&](CaseRecord& r) { id = addFinding(r, "tp-follow", "2.25.500", f); })));
    Finding* added = model.findFinding(id);
    ASSERT_TRUE(added);
    EXPECT_EQ(added->value.meaning, "slightly hyperintense");
    EXPECT_EQ(added->sequence.meaning, "T2-weighted");
    EXPECT_EQ(added->state, LinkState::Linked);
    const auto cites = model.findAnnotation(test::kTriaxialUid)->citedBy;
    EXPECT_NE(std::find(cites.begin(), cites.end(), id), cites.end());
    ASSERT_FALSE(
        history.push(std::make_unique<EditRecord>("Remove", [&](CaseRecord& r) { EXPECT_TRUE(removeField(r, id)); })));
    EXPECT_FALSE(model.findFinding(id));
    history.undo();
    EXPECT_TRUE(model.findFinding(id));
}

TEST(FindingVocabulary, EngineCategoriesMapToCodedValuesOfTheirConcept) {
    const auto inKind = [](const CodedConcept& concept, const std::optional<CodedConcept>& v) {
        const FindingKind* k = findFindingKind(concept);
        if (!k || !v) return false;
        for (const auto& x : k->values)
            if (x == *v) return true;
        return false;
    };
    for (const char* c : {"hypo", "iso", "slightly high", "high", "markedly high"})
        EXPECT_TRUE(inKind(codes::kSignalIntensity, signalCategoryCode(c))) << c;
    for (const char* c : {"none", "mild", "obvious"})
        EXPECT_TRUE(inKind(codes::kEnhancementDegree, enhancementDegreeCode(c))) << c;
    for (const char* c : {"homogeneous", "uneven", "ring-like"})
        EXPECT_TRUE(inKind(codes::kEnhancementPattern, enhancementPatternCode(c))) << c;
    EXPECT_FALSE(signalCategoryCode("bright"));
    EXPECT_FALSE(enhancementPatternCode("not applicable"));
    // Codes are unique within a concept, so a picked value reads back unambiguously.
    for (const auto& k : findingKinds())
        for (std::size_t i = 0; i < k.values.size(); ++i)
            for (std::size_t j = i + 1; j < k.values.size(); ++j)
    EXPECT_FALSE(k.values[i].sameCode(k.values[j])) << k.concept.meaning;
}

TEST(FindingVocabulary, EveryFindingOfTheExampleRecordsIsAChoiceOfThePicker) {
    // The seeds were written from the reports before the picker existed; the picker must offer
    // each of their coded values so a radiologist can state them again.
    for (const char* name : {"seed000_ccs_craniocervical", "seed001_case1_asps_tongue", "seed004_lms_cervical_spine"}) {
        std::ifstream in(std::string(MENSURA_CASE_EXAMPLES) + "/" + name + "/case.json");
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto doc = caseFromText(text, name);
        ASSERT_TRUE(doc.ok()) << name;
        for (const auto& tp : doc->record.imaging)
            for (const auto& o : tp.observations)
                for (const auto& f : o.findings) {
                    const FindingKind* k = findFindingKind(f.concept);
                    ASSERT_TRUE(k) << f.concept.meaning;
                    bool offered = false;
                    for (const auto& v : k->values) offered = offered || v.sameCode(f.value);
                    EXPECT_TRUE(offered) << name << ": " << f.concept.meaning << " = " << f.value.meaning;
                }
    }
}

TEST(FindingVocabulary, TheSequenceIsReadFromTheSeriesDescription) {
    const auto meaning = [](const char* modality, const char* description) {
        const auto c = sequenceFromSeries(modality, description);
        return c ? c->meaning : std::string("-");
    };
    // The sample cases' descriptions and common scanner ones.
    EXPECT_EQ(meaning("MR", "T2_SAG"), "T2-weighted");
    EXPECT_EQ(meaning("MR", "TIRM_COR"), "TIRM fat-suppressed");
    EXPECT_EQ(meaning("MR", "DWI_AX"), "Diffusion-weighted");
    EXPECT_EQ(meaning("MR", "ep2d_diff_b1000 TRACE"), "Diffusion-weighted");
    EXPECT_EQ(meaning("MR", "T1_AX"), "T1-weighted");
    EXPECT_EQ(meaning("MR", "T1_AX_C"), "T1-weighted post-contrast");
    EXPECT_EQ(meaning("MR", "t1_tse_tra +C"), "T1-weighted post-contrast");
    EXPECT_EQ(meaning("MR", "T1 FS POST GD"), "T1-weighted post-contrast");
    EXPECT_EQ(meaning("MR", "STIR cor"), "STIR");
    EXPECT_EQ(meaning("CT", "CT_POST"), "CT post-contrast");
    EXPECT_EQ(meaning("CT", "Neck 3mm"), "CT");
    EXPECT_EQ(meaning("MR", "Localizer"), "-");
}
