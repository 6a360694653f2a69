#include <gtest/gtest.h>

#include "mensura/annotations/Measurement.h"

using namespace mensura;

TEST(CaliperLength, IsEuclideanInMillimetres) {
    const auto m = annotations::caliperLength({0, 0, 0}, {30, 40, 0}, true, "ann-1");
    EXPECT_NEAR(m.value, 50.0, 1e-12);
    EXPECT_EQ(m.unit, "mm");
    EXPECT_EQ(m.sourceAnnotation, "ann-1");
}

TEST(CaliperLength, WithoutPixelSpacingTheUnitIsPixels) {
    const auto m = annotations::caliperLength({0, 0, 0}, {3, 4, 0}, false);
    EXPECT_NEAR(m.value, 5.0, 1e-12);
    EXPECT_EQ(m.unit, "{pixel}");
}
