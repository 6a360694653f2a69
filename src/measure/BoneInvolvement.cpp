#include "mensura/measure/BoneInvolvement.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>

namespace mensura::imaging {

namespace {

struct IndexBox {
    std::size_t lo[3], hi[3];
    bool clipped = false;  // the box holds voxel positions beyond the volume
};

Result<IndexBox> toIndexBox(const Volume& v, const BoxLps& b, const std::string& name) {
    const char* axes[3] = {"x", "y", "z"};
    for (int a = 0; a < 3; ++a)
        if (!(b.corner0[a] < b.corner1[a]))
            return Error{name + " box: " + axes[a] + "0 must be less than " + axes[a] + "1 (inverted or empty box)"};
    double lo[3] = {1e300, 1e300, 1e300}, hi[3] = {-1e300, -1e300, -1e300};
    for (int c = 0; c < 8; ++c) {
        const PointLps p{c & 1 ? b.corner1.x : b.corner0.x, c & 2 ? b.corner1.y : b.corner0.y,
                         c & 4 ? b.corner1.z : b.corner0.z};
        const Vec3 idx = v.geometry.lpsToIndex(p);
        for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], idx[a]), hi[a] = std::max(hi[a], idx[a]);
    }
    IndexBox r;
    for (int a = 0; a < 3; ++a) {
        const double edge = double(v.geometry.size[a]) - 0.5;
        if (hi[a] < -0.5 || lo[a] > edge) return Error{name + " box lies outside the volume of series " + v.stackId};
        const double first = std::ceil(lo[a] - 1e-6), last = std::floor(hi[a] + 1e-6);  // voxel centres in the box
        r.clipped = r.clipped || first < 0 || last > double(v.geometry.size[a] - 1);
        const double l = std::max(0.0, first), h = std::min(double(v.geometry.size[a] - 1), last);
        if (l > h)
            return Error{name + " box holds no voxel centre of series " + v.stackId + " along image axis " + "ijk"[a] +
                         " (thinner than a voxel?)"};
        r.lo[a] = std::size_t(l), r.hi[a] = std::size_t(h);
    }
    return r;
}

}  // namespace

Result<BoneComposition> boneComposition(const Volume& v, const BoxLps& box, const BoneThresholds& t,
                                        const std::string& name) {
    if (v.valueUnit != "HU")
        return Error{"bone assessment needs CT in HU; series " + v.stackId + " is in " + v.valueUnit};
    if (v.geometry.orientation() != SliceOrientation::Axial)
        return Error{"bone assessment: cortical breach is judged on axial slices; series " + v.stackId + " is " +
                     toString(v.geometry.orientation())};
    if (!(t.cancellousMinHu < t.corticalMinHu)) {
        char buf[160];
        std::snprintf(buf, sizeof buf,
                      "bone thresholds: the cancellous minimum %g HU must be below the cortical minimum %g HU",
                      t.cancellousMinHu, t.corticalMinHu);
        return Error{buf};
    }
    auto ib = toIndexBox(v, box, name);
    if (!ib) return ib.error();
    const IndexBox& b = *ib;
    const double voxelMl = v.geometry.spacingMm.x * v.geometry.spacingMm.y * v.geometry.spacingMm.z / 1000.0;
    BoneComposition c;
    c.clipped = b.clipped;
    const std::size_t nx = b.hi[0] - b.lo[0] + 1, ny = b.hi[1] - b.lo[1] + 1;
    std::vector<std::uint8_t> cortex(nx * ny), reached(nx * ny);
    for (std::size_t k = b.lo[2]; k <= b.hi[2]; ++k) {
        std::size_t corticalHere = 0;
        for (std::size_t j = 0; j < ny; ++j)
            for (std::size_t i = 0; i < nx; ++i) {
                const double x = v.at(b.lo[0] + i, b.lo[1] + j, k);
                c.roiMl += voxelMl;
                const bool cort = x >= t.corticalMinHu;
                cortex[i + nx * j] = cort;
                if (cort)
                    c.corticalMl += voxelMl, ++corticalHere;
                else if (x >= t.cancellousMinHu)
                    c.cancellousMl += voxelMl;
            }
        if (corticalHere == 0) continue;
        ++c.slicesWithCortex;
        // Flood from the box edge through non-cortical voxels; any left unreached are enclosed.
        std::fill(reached.begin(), reached.end(), 0);
        std::deque<std::size_t> q;
        auto push = [&](std::size_t i, std::size_t j) {
            const std::size_t idx = i + nx * j;
            if (!cortex[idx] && !reached[idx]) reached[idx] = 1, q.push_back(idx);
        };
        for (std::size_t i = 0; i < nx; ++i) push(i, 0), push(i, ny - 1);
        for (std::size_t j = 0; j < ny; ++j) push(0, j), push(nx - 1, j);
        while (!q.empty()) {
            const std::size_t idx = q.front();
            q.pop_front();
            const std::size_t i = idx % nx, j = idx / nx;
            if (i > 0) push(i - 1, j);
            if (i + 1 < nx) push(i + 1, j);
            if (j > 0) push(i, j - 1);
            if (j + 1 < ny) push(i, j + 1);
        }
        bool enclosed = false;
        for (std::size_t idx = 0; idx < cortex.size() && !enclosed; ++idx) enclosed = !cortex[idx] && !reached[idx];
        if (enclosed) ++c.slicesEnclosed;
    }
    return c;
}

Result<BoneInvolvement> assessBoneInvolvement(const Volume& v, const BoxLps& affected, const BoxLps& reference,
                                              const BoneThresholds& t) {
    auto a = boneComposition(v, affected, t, "affected");
    if (!a) return a.error();
    auto r = boneComposition(v, reference, t, "reference");
    if (!r) return r.error();
    if (r->boneFraction() <= 0)
        return Error{"reference box holds no bone (>= " + std::to_string(int(t.cancellousMinHu)) + " HU)"};
    BoneInvolvement out;
    out.affected = *a, out.reference = *r;
    out.lyticFraction = std::clamp(1.0 - a->boneFraction() / r->boneFraction(), 0.0, 1.0);
    out.breachedSlices = a->slicesWithCortex - a->slicesEnclosed;
    // A breach only means something where the healthy bone's cortex is closed on most slices.
    const bool referenceClosed = r->slicesWithCortex > 0 && 2 * r->slicesEnclosed >= r->slicesWithCortex;
    out.corticalBreach = referenceClosed && out.breachedSlices > 0;
    char buf[400];
    std::snprintf(
        buf, sizeof buf,
        "cancellous %.0f to < %.0f HU, cortical >= %.0f HU; lytic fraction = 1 - bone fraction %.3f / reference %.3f; "
        "cortical breach: %zu of %zu slices with cortex enclose no medulla (reference: %zu of %zu enclose)",
        t.cancellousMinHu, t.corticalMinHu, t.corticalMinHu, a->boneFraction(), r->boneFraction(), out.breachedSlices,
        a->slicesWithCortex, r->slicesEnclosed, r->slicesWithCortex);
    out.rule = buf;
    for (const auto& [name, c] : {std::pair{"affected", &*a}, std::pair{"reference", &*r}})
        if (c->clipped)
            out.warnings.push_back(std::string(name) + " box reaches beyond the edge of series " + v.stackId +
                                   ": only its part inside the volume is assessed");
    return out;
}

const std::vector<std::string>& vertebralLevelNames() {
    static const std::vector<std::string> levels = [] {
        std::vector<std::string> out;
        for (const auto& [region, count] : {std::pair{'C', 7}, {'T', 12}, {'L', 5}, {'S', 5}})
            for (int i = 1; i <= count; ++i) out.push_back(region + std::to_string(i));
        return out;
    }();
    return levels;
}

Result<VertebralLevel> vertebralLevel(const std::string& label, PointLps p) {
    const auto& names = vertebralLevelNames();
    if (std::find(names.begin(), names.end(), label) == names.end())
        return Error{"vertebral level '" + label + "': expected C1..C7, T1..T12, L1..L5 or S1..S5"};
    return VertebralLevel{label, p};
}

std::optional<VertebralLevel> nearestLevel(const std::vector<VertebralLevel>& levels, PointLps p) {
    std::optional<VertebralLevel> best;
    double bestD = 1e300;
    for (const auto& l : levels)
        if (norm(l.pointLps - p) < bestD) bestD = norm(l.pointLps - p), best = l;
    return best;
}

Result<HeightLoss> vertebralHeightLoss(const VertebralHeights& a, const VertebralHeights& r) {
    const double ah[3] = {a.anteriorMm, a.middleMm, a.posteriorMm}, rh[3] = {r.anteriorMm, r.middleMm, r.posteriorMm};
    double worst = 0;
    for (int i = 0; i < 3; ++i) {
        if (!(rh[i] > 0) || !(ah[i] > 0)) return Error{"vertebral heights must all be positive (mm)"};
        worst = std::max(worst, 1.0 - ah[i] / rh[i]);
    }
    HeightLoss h;
    h.percent = std::max(0.0, 100.0 * worst);
    h.grade = h.percent < 20 ? "normal" : (h.percent < 25 ? "mild" : (h.percent <= 40 ? "moderate" : "severe"));
    h.rule =
        "Genant: largest loss of the anterior, middle or posterior height against the reference vertebra; "
        "< 20 % normal, 20-25 % mild (grade 1), 25-40 % moderate (grade 2), > 40 % severe (grade 3)";
    return h;
}

}  // namespace mensura::imaging
