// A T1-dark lesion a millimetre or two from bone: the ASPS floor-of-mouth mass (330 in muscle at
// 400) whose front lies about 2.5 mm from the mandible's cortex (30). The range is judged on a
// copy smoothed by a voxel, where the muscle next to the cortex reads like the lesion; the 50%
// partial-volume move must take the lesion's own edge and not that muscle. Drawn with the
// phantom's renderer (exact partial volume), MR noise SD 12, 1.25 x 1.25 x 4 mm voxels.
#include <gtest/gtest.h>

#include <cmath>

#include "mensura/measure/LesionMetrics.h"
#include "mensura/measure/LesionSegmentation.h"
#include "mensura/testing/Grids.h"
#include "mensura/testing/Scene.h"

using namespace mensura::imaging;
using namespace mensura::imaging::phantom;

namespace {

constexpr double kAp = 33, kLr = 24, kSi = 32;  // the ASPS baseline lesion, mm

Volume render(const Scene& scene, const VolumeGeometry& g) {
    TissueTable t;
    t.set(Tissue::Muscle, Contrast::T1, 400);
    t.set(Tissue::Cortex, Contrast::T1, 30);
    t.set(Tissue::LesionRim, Contrast::T1, 330);
    Volume v;
    v.modality = "MR";
    v.valueUnit = "arbitrary";
    v.geometry = g;
    v.voxelType = VoxelType::Float32;
    const auto values = scene.render(g, Contrast::T1, t, 12, 7);
    v.floatVoxels.assign(values.begin(), values.end());
    return v;
}

// Muscle round the lesion, and a cortex plate 3 mm thick whose face lies gapMm in front of the
// lesion's anterior tip (anterior is -y in LPS).
Scene lesionBesidePlate(double gapMm) {
    Scene s;
    s.add(Solid::box({0, 0, 0}, {60, 60, 60}), Tissue::Muscle, "muscle");
    const double face = -kAp / 2 - gapMm;
    s.add(Solid::box({0, face - 1.5, 0}, {40, 1.5, 40}), Tissue::Cortex, "mandible");
    s.add(Solid::ellipsoid({0, 0, 0}, {kLr / 2, kAp / 2, kSi / 2}), Tissue::LesionRim, "lesion");
    return s;
}

}  // namespace

TEST(LesionBesideBone, TheMuscleSmoothingDarkensBesideTheCortexIsNotTaken) {
    const double truthMl = 4.0 / 3.0 * M_PI * (kLr / 2) * (kAp / 2) * (kSi / 2) / 1000.0;
    // Without the plate, and with it 1.25 to 3 mm away. Before the move's additions had to be
    // partial volume in their own values too, and before the rounds of the move were held to one
    // layer together: with the plate 1.25-1.5 mm away 35 mm AP for 33 (that muscle joined as a
    // tail), and 2 mm away the move was refused: 12.1 mL for 13.3 and 28 mm SI for 32, unflagged.
    for (double gap : {-1.0, 1.25, 1.5, 2.0, 2.5, 3.0}) {
        const Scene scene = gap < 0 ? lesionBesidePlate(100) : lesionBesidePlate(gap);
        const Volume v = render(scene, axialGrid(56, 56, 14, 1.25, 4.0, {0.3, -0.4, 0.6}));
        for (const PointLps seed : {PointLps{0, 0, 0}, PointLps{3, -3, 4}}) {
            const std::string where = "plate " + (gap < 0 ? std::string("absent") : std::to_string(gap) + " mm away") +
                                      ", seed (" + std::to_string(seed.x) + ", " + std::to_string(seed.y) + ", " +
                                      std::to_string(seed.z) + ")";
            auto seg = segmentLesion(v, seed);
            ASSERT_TRUE(seg.ok()) << where << ": " << seg.error().message;
            auto m = measureLesion(v, seg->mask);
            ASSERT_TRUE(m.ok()) << m.error().message;
            EXPECT_NEAR(m->ap.lengthMm, kAp, 1.25) << where;
            EXPECT_NEAR(m->lr.lengthMm, kLr, 1.25) << where;
            EXPECT_NEAR(m->si.lengthMm, kSi, 4.0) << where;
            EXPECT_NEAR(m->volumeMl, truthMl, 0.05 * truthMl) << where;
            EXPECT_NEAR(m->values.mean, 330, 0.02 * 330) << where;
        }
    }
}
