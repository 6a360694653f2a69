// Enhancement between pre- and post-contrast series of one frame of reference, on ellipsoids whose
// pre and post values are known: degree, pattern and the figures behind them.
#include <gtest/gtest.h>

#include "measure/MeasureTestSeries.h"
#include "mensura/dicom/DicomSeriesWriter.h"
#include "mensura/measure/EnhancementAnalysis.h"
#include "support/TempDir.h"

using namespace mensura;
using namespace mensura::imaging;

namespace {

test::EllipsoidCase lesionCase(Vec3 spacing, std::array<std::size_t, 3> size) {
    test::EllipsoidCase c;
    c.name = "enhancement";
    c.imageAxes = {Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}};
    c.spacingMm = spacing;
    c.size = size;
    c.semiAxesMm = {16, 13, 11};
    return c;
}

struct Pair {
    test::TempDir preDir, postDir;
    Result<Volume> pre = Error{}, post = Error{};
};

// Pre: 1 mm isotropic; post: 0.8 x 0.8 x 2 mm, so the pre series is resampled at post positions.
void makePair(Pair& p, const test::LesionValues& pre, const test::LesionValues& post,
              const std::string& preFor = "for-A") {
    p.pre = test::makeEllipsoidVolume(lesionCase({1, 1, 1}, {56, 48, 40}), pre, p.preDir.path(), derivedUid("pre"),
                                      derivedUid(preFor));
    p.post = test::makeEllipsoidVolume(lesionCase({0.8, 0.8, 2}, {70, 60, 20}), post, p.postDir.path(),
                                       derivedUid("post"), derivedUid("for-A"));
    ASSERT_TRUE(p.pre.ok()) << p.pre.error().message;
    ASSERT_TRUE(p.post.ok()) << p.post.error().message;
}

test::LesionValues values(double lesion) {
    test::LesionValues v;
    v.lesion = lesion;
    v.background = 0;
    v.noiseSd = 5;
    return v;
}

TEST(Enhancement, UniformEnhancementIsObviousAndHomogeneous) {
    Pair p;
    makePair(p, values(40), values(100));
    auto r = analyseEnhancement(*p.pre, *p.post, {3.3, -2.1, 1.7});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_NEAR(r->preMean, 40, 2.5);
    EXPECT_NEAR(r->postMean, 100, 2.5);
    EXPECT_NEAR(r->delta, 60, 2.5);
    ASSERT_TRUE(r->percent.has_value());
    EXPECT_NEAR(*r->percent, 150, 12);
    EXPECT_EQ(r->degree, "obvious");
    EXPECT_EQ(r->pattern, "homogeneous") << r->rule;
    EXPECT_LT(r->lowEnhancingFraction, 0.05);
    ASSERT_TRUE(r->cov.has_value());
    EXPECT_LT(*r->cov, 0.2);
    EXPECT_FALSE(r->rule.empty());
}

TEST(Enhancement, SmallDeltaIsMildAndNoChangeIsNone) {
    {
        Pair p;
        makePair(p, values(40), values(55));
        auto r = analyseEnhancement(*p.pre, *p.post, {3.3, -2.1, 1.7});
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_NEAR(r->delta, 15, 2.5);
        EXPECT_EQ(r->degree, "mild") << r->rule;
        EXPECT_EQ(r->pattern, "homogeneous") << r->rule;
    }
    {
        Pair p;
        makePair(p, values(40), values(42));
        auto r = analyseEnhancement(*p.pre, *p.post, {3.3, -2.1, 1.7});
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(r->degree, "none") << r->rule;
        EXPECT_EQ(r->pattern, "not applicable");
    }
}

TEST(Enhancement, EnhancingRimAroundAnUnenhancedCoreIsRingLike) {
    Pair p;
    test::LesionValues post = values(130);
    post.coreFraction = 0.6;
    post.coreValue = 45;
    makePair(p, values(45), post);
    EnhancementOptions o;
    o.maskFromPost = false;  // the pre series shows the lesion as one compartment
    auto r = analyseEnhancement(*p.pre, *p.post, {3.3, -2.1, 1.7}, o);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->pattern, "ring-like") << r->rule;
    EXPECT_GT(r->rimDelta, 50);
    EXPECT_LT(r->coreDelta, 15);
    EXPECT_EQ(r->degree, "obvious");
}

TEST(Enhancement, HalfEnhancingLesionIsUneven) {
    Pair p;
    test::LesionValues post = values(45);
    post.leftHalfValue = 110;
    makePair(p, values(45), post);
    EnhancementOptions o;
    o.maskFromPost = false;
    o.segmentation.lower = 22.5;  // midway between tissue (0) and lesion (45): partial volume halved
    o.segmentation.upper = 80;
    auto r = analyseEnhancement(*p.pre, *p.post, {3.3, -2.1, 1.7}, o);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->pattern, "uneven") << r->rule;
    EXPECT_NEAR(r->lowEnhancingFraction, 0.5, 0.1);
    EXPECT_NEAR(r->delta, 32.5, 4);
}

TEST(Enhancement, DifferentFramesOfReferenceAreRefused) {
    Pair p;
    makePair(p, values(40), values(100), "for-B");
    auto r = analyseEnhancement(*p.pre, *p.post, {3.3, -2.1, 1.7});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("frames of reference"), std::string::npos) << r.error().message;
}

}  // namespace
