// Shape steps of the seed segmentation on exact masks (no image values involved): the star
// shape about the seed keeps a convex lesion whole and drops what it took in through a thin
// contact.
#include <gtest/gtest.h>

#include <cmath>

#include "mensura/measure/RegionGrowing.h"

using namespace mensura::imaging::detail;

namespace {

Block cube(std::size_t n) {
    Block b;
    b.hi = {n - 1, n - 1, n - 1};
    return b;
}

template <typename Inside>
std::vector<std::uint8_t> maskOf(const Block& b, Inside inside) {
    std::vector<std::uint8_t> m(b.count(), 0);
    for (long k = 0; k < long(b.size(2)); ++k)
        for (long j = 0; j < long(b.size(1)); ++j)
            for (long i = 0; i < long(b.size(0)); ++i)
                m[b.linear(i, j, k)] = inside(double(i), double(j), double(k)) ? 1 : 0;
    return m;
}

std::size_t countOf(const std::vector<std::uint8_t>& m) {
    std::size_t n = 0;
    for (auto x : m) n += x;
    return n;
}

bool inSphere(double i, double j, double k) { return std::hypot(i - 15, j - 20, k - 15) <= 8; }

// A ring (annulus 6..9 voxels round x = 31, y = 20, three slices thick) touching the sphere's
// side at x = 22-23: the layer of lesion-like values round a dark tube that a region follows.
bool inRing(double i, double j, double k) {
    const double r = std::hypot(i - 31, j - 20);
    return r >= 6 && r <= 9 && std::fabs(k - 15) <= 1;
}

}  // namespace

TEST(StarShape, AConvexLesionStaysWhole) {
    const Block b = cube(40);
    auto m = maskOf(b, inSphere);
    const auto before = m;
    keepStarShaped(m, b, {15, 20, 15});
    EXPECT_EQ(m, before);
}

TEST(StarShape, ARingTouchingTheLesionGoesBeyondTheContact) {
    const Block b = cube(42);
    auto m = maskOf(b, [](double i, double j, double k) { return inSphere(i, j, k) || inRing(i, j, k); });
    const std::size_t sphere = countOf(maskOf(b, inSphere)), ring = countOf(maskOf(b, [](double i, double j, double k) {
                                                                 return inRing(i, j, k) && !inSphere(i, j, k);
                                                             }));
    keepStarShaped(m, b, {15, 20, 15});
    // Every sphere voxel stays; of the ring only the arc facing the seed can (the line to it
    // crosses at most one voxel outside), never the far arc behind the ring's hole (x > 31,
    // within 3 voxels of the line through both centres).
    for (long k = 0; k < 42; ++k)
        for (long j = 0; j < 42; ++j)
            for (long i = 0; i < 42; ++i) {
                if (inSphere(double(i), double(j), double(k))) {
                    EXPECT_EQ(m[b.linear(i, j, k)], 1) << i << " " << j << " " << k;
                }
                if (i > 31 && std::abs(j - 20) <= 3) {
                    EXPECT_EQ(m[b.linear(i, j, k)], 0) << i << " " << j << " " << k;
                }
            }
    const std::size_t kept = countOf(m) - sphere;
    EXPECT_GT(kept, 0u);
    EXPECT_LT(kept, ring / 2) << "ring " << ring;
}

TEST(StarShape, OneVoxelOfNoiseOnTheLineIsAllowed) {
    const Block b = cube(40);
    auto m = maskOf(b, inSphere);
    // A hole of one voxel between the seed and the edge (noise that hole filling did not close,
    // as it opens to the outside through another slice) hides nothing.
    m[b.linear(19, 20, 15)] = 0;
    const std::size_t before = countOf(m);
    keepStarShaped(m, b, {15, 20, 15});
    EXPECT_EQ(countOf(m), before);
}
