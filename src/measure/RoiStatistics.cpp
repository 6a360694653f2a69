#include "mensura/measure/RoiStatistics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

#include "VolumeSampling.h"

namespace mensura::imaging {

namespace {

// An ROI in its own plane: origin c, orthonormal in-plane axes u, v (x, y) and normal n.
struct PlanarRegion {
    PointLps c;
    Vec3 u, v, n;
    double area = 0;
    double xMin = 0, xMax = 0, yMin = 0, yMax = 0;  // bounding box in plane coordinates
    std::array<double, 3> indexMin{}, indexMax{};   // extent in continuous voxel indices
    // Ellipse: x = s * e1 + t * e2 (plane coordinates of the semi-axes); inside s^2 + t^2 <= 1.
    bool ellipse = false;
    std::array<double, 2> e1{}, e2{};
    std::vector<std::array<double, 2>> polygon;
};

bool inside(const PlanarRegion& r, double x, double y) {
    if (r.ellipse) {
        const double det = r.e1[0] * r.e2[1] - r.e1[1] * r.e2[0];
        const double s = (x * r.e2[1] - y * r.e2[0]) / det, t = (r.e1[0] * y - r.e1[1] * x) / det;
        return s * s + t * t <= 1.0 + 1e-12;
    }
    bool in = false;  // even-odd; an edge counts its lower end, not its upper one
    const auto& p = r.polygon;
    for (std::size_t i = 0, j = p.size() - 1; i < p.size(); j = i++) {
        if ((p[i][1] > y) == (p[j][1] > y)) continue;
        const double xCross = p[j][0] + (y - p[j][1]) * (p[i][0] - p[j][0]) / (p[i][1] - p[j][1]);
        if (x < xCross) in = !in;
    }
    return in;
}

std::string mm(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", v);
    return text;
}

std::optional<Error> checkInsideVolume(const Volume& volume, const PlanarRegion& r, const char* what) {
    const auto& size = volume.geometry.size;
    if (volume.geometry.voxelCount() == 0) return Error{std::string(what) + ": the volume is empty"};
    const double eps = 1e-6;
    bool allOutside = false, someOutside = false;
    for (int a = 0; a < 3; ++a) {
        const double lo = -0.5 - eps, hi = double(size[std::size_t(a)]) - 0.5 + eps;
        if (r.indexMax[std::size_t(a)] < lo || r.indexMin[std::size_t(a)] > hi) allOutside = true;
        if (r.indexMin[std::size_t(a)] < lo || r.indexMax[std::size_t(a)] > hi) someOutside = true;
    }
    if (allOutside) return Error{std::string(what) + " lies outside the volume"};
    if (someOutside)
        return Error{std::string(what) +
                     " reaches outside the volume (statistics of a clipped region would "
                     "describe a smaller area than the one drawn)"};
    return std::nullopt;
}

struct Accumulator {
    std::size_t n = 0;
    double mean = 0, m2 = 0;  // Welford
    double minimum = std::numeric_limits<double>::infinity(), maximum = -minimum;
    void add(double x) {
        ++n;
        const double d = x - mean;
        mean += d / double(n);
        m2 += d * (x - mean);
        minimum = std::min(minimum, x);
        maximum = std::max(maximum, x);
    }
};

Result<RoiStatistics> sample(const Volume& volume, const PlanarRegion& r, const RoiOptions& o, const char* what) {
    if (auto error = checkInsideVolume(volume, r, what)) return *error;
    const VolumeGeometry& g = volume.geometry;
    RoiStatistics out;
    out.areaMm2 = r.area;
    Accumulator acc;
    // The index axis along which the ROI is flattest decides whether it lies on a voxel slice.
    int axis = 0;
    for (int a = 1; a < 3; ++a)
        if (r.indexMax[std::size_t(a)] - r.indexMin[std::size_t(a)] <
            r.indexMax[std::size_t(axis)] - r.indexMin[std::size_t(axis)])
            axis = a;
    const auto A = std::size_t(axis);
    if (r.indexMax[A] - r.indexMin[A] <= 2 * o.gridToleranceVoxels) {
        const long k = std::lround(0.5 * (r.indexMin[A] + r.indexMax[A]));
        const std::size_t b = (A + 1) % 3, c = (A + 2) % 3;
        auto range = [&](std::size_t a) {
            const long lo = std::max(0L, long(std::floor(r.indexMin[a])));
            const long hi = std::min(long(g.size[a]) - 1, long(std::ceil(r.indexMax[a])));
            return std::make_pair(lo, hi);
        };
        const auto [b0, b1] = range(b);
        const auto [c0, c1] = range(c);
        std::array<double, 3> index{};
        index[A] = double(k);
        for (long jc = c0; jc <= c1; ++jc)
            for (long jb = b0; jb <= b1; ++jb) {
                index[b] = double(jb);
                index[c] = double(jc);
                const Vec3 d = g.indexToLps(index[0], index[1], index[2]) - r.c;
                if (!inside(r, dot(d, r.u), dot(d, r.v))) continue;
                acc.add(volume.at(std::size_t(index[0]), std::size_t(index[1]), std::size_t(index[2])));
            }
        out.sampling = RoiSampling::VoxelSlice;
        out.sliceAxis = axis;
        out.sliceIndex = k;
        out.samplingText = std::string("voxels of slice ") + "ijk"[axis] + " = " + std::to_string(k);
    } else {
        double step = o.obliqueStepFraction * std::min({g.spacingMm.x, g.spacingMm.y, g.spacingMm.z});
        const double w = r.xMax - r.xMin, h = r.yMax - r.yMin;
        const double maxSamples = 4e6;  // a whole-body ROI still answers in a fraction of a second
        if (w * h / (step * step) > maxSamples) step = std::sqrt(w * h / maxSamples);
        const long nx = std::max(1L, long(std::ceil(w / step))), ny = std::max(1L, long(std::ceil(h / step)));
        const double xc = 0.5 * (r.xMin + r.xMax), yc = 0.5 * (r.yMin + r.yMax);
        for (long iy = 0; iy < ny; ++iy)
            for (long ix = 0; ix < nx; ++ix) {
                const double x = xc + (double(ix) - 0.5 * double(nx - 1)) * step;
                const double y = yc + (double(iy) - 0.5 * double(ny - 1)) * step;
                if (!inside(r, x, y)) continue;
                if (const auto value = sampleLinear(volume, r.c + x * r.u + y * r.v)) acc.add(*value);
            }
        out.sampling = RoiSampling::ObliquePlane;
        out.sampleStepMm = step;
        out.samplingText = "plane samples every " + mm(step) + " mm, trilinear";
    }
    if (acc.n == 0) return Error{std::string(what) + " holds no voxel centre (it is smaller than a voxel)"};
    out.count = acc.n;
    out.mean = acc.mean;
    out.standardDeviation = acc.n > 1 ? std::sqrt(acc.m2 / double(acc.n - 1)) : 0.0;
    out.minimum = acc.minimum;
    out.maximum = acc.maximum;
    return out;
}

}  // namespace

double ellipseAreaMm2(PointLps centre, PointLps axisEnd1, PointLps axisEnd2) {
    return M_PI * norm(cross(axisEnd1 - centre, axisEnd2 - centre));
}

Result<RoiStatistics> ellipseRoiStatistics(const Volume& volume, PointLps centre, PointLps axisEnd1, PointLps axisEnd2,
                                           const RoiOptions& options) {
    const Vec3 a1 = axisEnd1 - centre, a2 = axisEnd2 - centre;
    if (norm(a1) <= 1e-9 || norm(a2) <= 1e-9) return Error{"ellipse ROI: a semi-axis has zero length"};
    const Vec3 normal = cross(a1, a2);
    if (norm(normal) <= 1e-9 * norm(a1) * norm(a2))
        return Error{"ellipse ROI: the two semi-axes are collinear (the ellipse has no area)"};
    PlanarRegion r;
    r.ellipse = true;
    r.c = centre;
    r.n = normalized(normal);
    r.u = normalized(a1);
    r.v = cross(r.n, r.u);
    r.e1 = {dot(a1, r.u), dot(a1, r.v)};
    r.e2 = {dot(a2, r.u), dot(a2, r.v)};
    r.area = ellipseAreaMm2(centre, axisEnd1, axisEnd2);
    const double hx = std::hypot(r.e1[0], r.e2[0]), hy = std::hypot(r.e1[1], r.e2[1]);
    r.xMin = -hx, r.xMax = hx, r.yMin = -hy, r.yMax = hy;
    // Index coordinates are affine in LPS: along each index axis the ellipse reaches
    // index(c) +- |(M a1, M a2)|.
    const VolumeGeometry& g = volume.geometry;
    const Vec3 ic = g.lpsToIndex(centre), m1 = g.lpsToIndex(axisEnd1) - ic, m2 = g.lpsToIndex(axisEnd2) - ic;
    for (int a = 0; a < 3; ++a) {
        const double half = std::hypot(m1[a], m2[a]);
        r.indexMin[std::size_t(a)] = ic[a] - half;
        r.indexMax[std::size_t(a)] = ic[a] + half;
    }
    return sample(volume, r, options, "ellipse ROI");
}

Result<RoiStatistics> polygonRoiStatistics(const Volume& volume, const std::vector<PointLps>& vertices,
                                           const RoiOptions& options) {
    const std::size_t n = vertices.size();
    if (n < 3) return Error{"polygon ROI: needs at least 3 vertices, has " + std::to_string(n)};
    PlanarRegion r;
    Vec3 newell, centroid;
    for (std::size_t i = 0; i < n; ++i) {
        newell = newell + cross(vertices[i], vertices[(i + 1) % n]);
        centroid = centroid + (1.0 / double(n)) * vertices[i];
    }
    const double area = 0.5 * norm(newell);
    double scale = 0;  // the polygon's size, for a relative "no area" test
    for (const auto& p : vertices) scale = std::max(scale, norm(p - centroid));
    if (area <= 1e-9 * std::max(scale * scale, 1e-12))
        return Error{"polygon ROI: the vertices are collinear or coincide (no area)"};
    r.c = centroid;
    r.n = normalized(newell);
    for (std::size_t i = 0; i < n; ++i) {
        const double off = std::fabs(dot(vertices[i] - centroid, r.n));
        if (off > options.planeToleranceMm)
            return Error{"polygon ROI is not planar: vertex " + std::to_string(i + 1) + " lies " + mm(off) +
                         " mm off the polygon's plane (tolerance " + mm(options.planeToleranceMm) + " mm)"};
    }
    // In-plane x along the first edge, so that an oblique plane's sample grid runs along the
    // sides of a rectangle drawn on it (any orthonormal pair would give the same area).
    Vec3 first = vertices[1] - vertices[0];
    for (std::size_t i = 1; norm(first - dot(first, r.n) * r.n) <= 1e-9 && i < n; ++i)
        first = vertices[(i + 1) % n] - vertices[i];
    r.u = normalized(first - dot(first, r.n) * r.n);
    r.v = cross(r.n, r.u);
    r.xMin = r.yMin = std::numeric_limits<double>::infinity();
    r.xMax = r.yMax = -r.xMin;
    r.indexMin.fill(std::numeric_limits<double>::infinity());
    r.indexMax.fill(-std::numeric_limits<double>::infinity());
    for (const auto& p : vertices) {
        const double x = dot(p - centroid, r.u), y = dot(p - centroid, r.v);
        r.polygon.push_back({x, y});
        r.xMin = std::min(r.xMin, x), r.xMax = std::max(r.xMax, x);
        r.yMin = std::min(r.yMin, y), r.yMax = std::max(r.yMax, y);
        const Vec3 index = volume.geometry.lpsToIndex(p);
        for (std::size_t a = 0; a < 3; ++a) {
            r.indexMin[a] = std::min(r.indexMin[a], index[int(a)]);
            r.indexMax[a] = std::max(r.indexMax[a], index[int(a)]);
        }
    }
    // Shoelace in the plane (equals Newell's area for a planar polygon).
    double twice = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& p = r.polygon[i];
        const auto& q = r.polygon[(i + 1) % n];
        twice += p[0] * q[1] - q[0] * p[1];
    }
    r.area = 0.5 * std::fabs(twice);
    // A crossing outline has no single inside: its shoelace area is a difference of lobes.
    auto orient = [](const std::array<double, 2>& a, const std::array<double, 2>& b, const std::array<double, 2>& c) {
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    };
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 2; j < n; ++j) {
            if (i == 0 && j == n - 1) continue;  // adjacent through the closing edge
            const auto &a = r.polygon[i], &b = r.polygon[(i + 1) % n], &c = r.polygon[j], &d = r.polygon[(j + 1) % n];
            if (orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0)
                return Error{"polygon ROI: edges " + std::to_string(i + 1) + " and " + std::to_string(j + 1) +
                             " cross (draw the outline without crossing itself)"};
        }
    return sample(volume, r, options, "polygon ROI");
}

}  // namespace mensura::imaging
