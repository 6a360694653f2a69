#include "mensura/measure/LesionMetrics.h"

#include <itkImage.h>
#include <itkLabelImageToShapeLabelMapFilter.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "LesionValues.h"

namespace mensura::imaging {

double latticeWidthMm(const VolumeGeometry& g, Vec3 d) {
    d = normalized(d);
    double s = 0;
    for (int c = 0; c < 3; ++c) s += std::fabs(dot(d, g.axes[c])) / g.spacingMm[c];
    return s > 0 ? 1.0 / s : 0.0;
}

namespace {

struct P2 {
    double x, y;
    std::size_t id;  // index into the 3D point list
};

double cross2(const P2& o, const P2& a, const P2& b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

// Andrew's monotone chain; counter-clockwise, no repeated end point.
std::vector<P2> convexHull(std::vector<P2> p) {
    std::sort(p.begin(), p.end(), [](const P2& a, const P2& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    if (p.size() < 3) return p;
    std::vector<P2> h(2 * p.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        while (k >= 2 && cross2(h[k - 2], h[k - 1], p[i]) <= 0) --k;
        h[k++] = p[i];
    }
    for (std::size_t i = p.size() - 1, t = k + 1; i-- > 0;) {
        while (k >= t && cross2(h[k - 2], h[k - 1], p[i]) <= 0) --k;
        h[k++] = p[i];
    }
    h.resize(k - 1);
    return h;
}

struct Planar {
    double longest = -1, perpendicular = 0;
    PointLps la, lb, pa, pb;
};

// RECIST on one plane of constant z: the longest chord of the hull of the voxel centres and the
// longest chord of that hull perpendicular to it.
Planar planarDiameters(const std::vector<P2>& pts, double z, const VolumeGeometry& g) {
    Planar out;
    const std::vector<P2> h = convexHull(pts);
    if (h.empty()) return out;
    std::size_t ia = 0, ib = 0;
    double best = -1;
    for (std::size_t i = 0; i < h.size(); ++i)
        for (std::size_t j = i; j < h.size(); ++j) {
            const double d = std::hypot(h[i].x - h[j].x, h[i].y - h[j].y);
            if (d > best) best = d, ia = i, ib = j;
        }
    Vec3 u{1, 0, 0};
    if (best > 0) u = normalized(Vec3{h[ib].x - h[ia].x, h[ib].y - h[ia].y, 0});
    const Vec3 n{-u.y, u.x, 0};
    out.longest = best + latticeWidthMm(g, u);
    out.la = {h[ia].x, h[ia].y, z};
    out.lb = {h[ib].x, h[ib].y, z};
    // Perpendicular chords: lines along n at positions t along u; intersect with the hull edges.
    const double t0 = dot(out.la, u), t1 = dot(out.lb, u);
    double bestChord = 0;
    out.pa = out.pb = out.la;
    const int steps = 200;
    for (int s = 0; s <= steps && h.size() >= 3; ++s) {
        const double t = t0 + (t1 - t0) * s / steps;
        double smin = 1e300, smax = -1e300;
        for (std::size_t e = 0; e < h.size(); ++e) {
            const P2& a = h[e];
            const P2& b = h[(e + 1) % h.size()];
            const double ta = a.x * u.x + a.y * u.y, tb = b.x * u.x + b.y * u.y;
            if ((ta - t) * (tb - t) > 0 || ta == tb) continue;
            const double f = (t - ta) / (tb - ta);
            const double sa = a.x * n.x + a.y * n.y, sb = b.x * n.x + b.y * n.y;
            const double sv = sa + f * (sb - sa);
            smin = std::min(smin, sv), smax = std::max(smax, sv);
        }
        if (smax > smin && smax - smin > bestChord) {
            bestChord = smax - smin;
            const Vec3 base = t * u;
            out.pa = base + smin * n, out.pb = base + smax * n;
            out.pa.z = out.pb.z = z;
        }
    }
    out.perpendicular = bestChord + latticeWidthMm(g, n);
    return out;
}

double surfaceAreaMm2(const LesionMask& m) {
    using LabelImage = itk::Image<unsigned char, 3>;
    auto img = LabelImage::New();
    LabelImage::RegionType region;
    for (int a = 0; a < 3; ++a) region.SetSize(a, m.geometry.size[a]);
    img->SetRegions(region);
    LabelImage::SpacingType sp;
    for (int a = 0; a < 3; ++a) sp[a] = m.geometry.spacingMm[a];
    img->SetSpacing(sp);
    img->Allocate();
    std::copy(m.voxels.begin(), m.voxels.end(), img->GetBufferPointer());
    auto shape = itk::LabelImageToShapeLabelMapFilter<LabelImage>::New();
    shape->SetInput(img);
    shape->SetBackgroundValue(0);
    shape->SetComputePerimeter(true);
    shape->Update();
    auto* map = shape->GetOutput();
    return map->GetNumberOfLabelObjects() ? map->GetNthLabelObject(0)->GetPerimeter() : 0.0;
}

}  // namespace

Result<LesionMetrics> measureLesion(const Volume& v, const LesionMask& m) {
    const VolumeGeometry& g = m.geometry;
    for (int a = 0; a < 3; ++a)
        if (m.offset[a] + g.size[a] > v.geometry.size[a])
            return Error{"lesion mask: block beyond the volume of series " + v.stackId};
    if (m.voxels.size() != g.voxelCount()) return Error{"lesion mask: voxel count does not match its size"};

    LesionMetrics r;
    r.valueUnit = v.valueUnit;
    if (!v.spacingKnown) r.lengthUnit = "{pixel}", r.volumeUnit = "{voxel}";

    std::vector<PointLps> boundary;
    std::map<long, std::vector<P2>> planes;  // by z bin
    const double wz = latticeWidthMm(g, {0, 0, 1});
    const double z0 = g.originLps.z;
    Vec3 lo{1e300, 1e300, 1e300}, hi{-1e300, -1e300, -1e300};
    PointLps loP[3], hiP[3];
    Vec3 centroid{0, 0, 0};
    std::set<std::size_t> slicesUsed;
    const long nx = long(g.size[0]), ny = long(g.size[1]), nz = long(g.size[2]);
    auto in = [&](long i, long j, long k) {
        return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz &&
               m.inside(std::size_t(i), std::size_t(j), std::size_t(k));
    };
    std::vector<double> values(m.voxels.size(), std::nan(""));
    std::size_t count = 0;
    for (long k = 0; k < nz; ++k)
        for (long j = 0; j < ny; ++j)
            for (long i = 0; i < nx; ++i) {
                if (!m.inside(std::size_t(i), std::size_t(j), std::size_t(k))) continue;
                ++count;
                const double x =
                    v.at(m.offset[0] + std::size_t(i), m.offset[1] + std::size_t(j), m.offset[2] + std::size_t(k));
                values[m.index(std::size_t(i), std::size_t(j), std::size_t(k))] = x;
                const PointLps p = g.indexToLps(double(i), double(j), double(k));
                centroid = centroid + p;
                slicesUsed.insert(m.offset[2] + std::size_t(k));
                for (int a = 0; a < 3; ++a) {
                    if (p[a] < lo[a]) lo[a] = p[a], loP[a] = p;
                    if (p[a] > hi[a]) hi[a] = p[a], hiP[a] = p;
                }
                const bool edge = !in(i - 1, j, k) || !in(i + 1, j, k) || !in(i, j - 1, k) || !in(i, j + 1, k) ||
                                  !in(i, j, k - 1) || !in(i, j, k + 1);
                if (edge) boundary.push_back(p);
                // A plane's hull needs only its outline, which the 3D boundary voxels contain.
                if (edge) planes[std::lround((p.z - z0) / wz)].push_back({p.x, p.y, 0});
            }
    if (count == 0) return Error{"lesion mask of series " + v.stackId + " is empty"};
    r.voxelCount = count;
    r.values = lesionValueStatistics(m, values);
    r.centroidLps = (1.0 / double(count)) * centroid;
    const double voxelMm3 = g.spacingMm.x * g.spacingMm.y * g.spacingMm.z;
    r.volumeMl = double(count) * voxelMm3 / (v.spacingKnown ? 1000.0 : 1.0);

    // Patient-axis calipers: x = LR, y = AP, z = SI.
    const Vec3 axis[3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    Caliper* cal[3] = {&r.lr, &r.ap, &r.si};
    for (int a = 0; a < 3; ++a) {
        cal[a]->from = loP[a], cal[a]->to = hiP[a];
        cal[a]->lengthMm = hi[a] - lo[a] + latticeWidthMm(g, axis[a]);
    }

    // Longest 3D diameter. The diametral pair are extreme points along their own direction, so
    // the extreme boundary points along ~2000 directions hold it (to a fraction of a degree);
    // the exact search then runs on those few candidates instead of all boundary pairs.
    std::vector<std::size_t> cand;
    if (boundary.size() <= 1500) {
        cand.resize(boundary.size());
        for (std::size_t i = 0; i < cand.size(); ++i) cand[i] = i;
    } else {
        const int nd = 1000;
        std::set<std::size_t> c;
        const double golden = M_PI * (3.0 - std::sqrt(5.0));
        for (int d = 0; d < nd; ++d) {
            const double zz = 1.0 - (d + 0.5) / nd;  // hemisphere: min and max give both ends
            const double rr = std::sqrt(std::max(0.0, 1 - zz * zz));
            const Vec3 dir{rr * std::cos(golden * d), rr * std::sin(golden * d), zz};
            std::size_t imin = 0, imax = 0;
            double pmin = 1e300, pmax = -1e300;
            for (std::size_t i = 0; i < boundary.size(); ++i) {
                const double pr = dot(boundary[i], dir);
                if (pr < pmin) pmin = pr, imin = i;
                if (pr > pmax) pmax = pr, imax = i;
            }
            c.insert(imin), c.insert(imax);
        }
        cand.assign(c.begin(), c.end());
    }
    double best = -1;
    std::size_t ba = 0, bb = 0;
    for (std::size_t x = 0; x < cand.size(); ++x)
        for (std::size_t y = x + 1; y < cand.size(); ++y) {
            const Vec3 d = boundary[cand[x]] - boundary[cand[y]];
            const double d2 = dot(d, d);
            if (d2 > best) best = d2, ba = cand[x], bb = cand[y];
        }
    r.longestDiameter.from = boundary[ba];
    r.longestDiameter.to = boundary[bb];
    const Vec3 dd = boundary[bb] - boundary[ba];
    r.longestDiameter.lengthMm =
        std::sqrt(std::max(0.0, best)) + (norm(dd) > 0 ? latticeWidthMm(g, dd) : latticeWidthMm(g, {1, 0, 0}));

    // RECIST: the axial plane where the longest in-plane diameter is largest.
    Planar bestPlane;
    for (auto& [bin, pts] : planes) {
        const double z = z0 + double(bin) * wz;
        Planar p = planarDiameters(pts, z, g);
        if (p.longest > bestPlane.longest) bestPlane = p, r.axialPlaneZ = z;
    }
    r.axialLongest = {bestPlane.la, bestPlane.lb, bestPlane.longest};
    r.axialPerpendicular = {bestPlane.pa, bestPlane.pb, bestPlane.perpendicular};

    r.surfaceMm2 = surfaceAreaMm2(m);
    for (std::size_t k : slicesUsed)
        if (k < v.slices.size() && !v.slices[k].sopInstanceUid.empty())
            r.sopInstanceUids.push_back(v.slices[k].sopInstanceUid);
    return r;
}

}  // namespace mensura::imaging
