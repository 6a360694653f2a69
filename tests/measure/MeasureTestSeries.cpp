#include "measure/MeasureTestSeries.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "mensura/dicom/DicomIndex.h"
#include "mensura/dicom/DicomSeriesWriter.h"
#include "mensura/dicom/VolumeLoader.h"

namespace mensura::test {
using namespace imaging;

std::array<Vec3, 3> rotatedAxes(Vec3 axis, double degrees) {
    axis = normalized(axis);
    const double t = degrees * M_PI / 180, c = std::cos(t), s = std::sin(t);
    auto rot = [&](Vec3 v) { return c * v + s * cross(axis, v) + (1 - c) * dot(axis, v) * axis; };
    return {rot({1, 0, 0}), rot({0, 1, 0}), rot({0, 0, 1})};
}

namespace {
// Normalised radius: 1 on the surface.
double ellipsoidRadius(const EllipsoidCase& c, PointLps p) {
    const Vec3 d = p - c.centreLps;
    double r2 = 0;
    for (int a = 0; a < 3; ++a) {
        const double q = dot(d, c.ellipsoidAxes[a]) / c.semiAxesMm[a];
        r2 += q * q;
    }
    return std::sqrt(r2);
}
}  // namespace

Result<Volume> makeEllipsoidVolume(const EllipsoidCase& c, const LesionValues& val, const std::string& folder,
                                   const std::string& seriesUid, const std::string& forUid) {
    SeriesSpec s;
    s.modality = val.modality;
    s.seriesDescription = c.name;
    if (!seriesUid.empty()) s.seriesInstanceUid = seriesUid;
    if (!forUid.empty()) s.frameOfReferenceUid = forUid;
    VolumeGeometry& g = s.geometry;
    g.size = c.size;
    g.spacingMm = c.spacingMm;
    g.axes = c.imageAxes;
    const Vec3 half{(c.size[0] - 1) * c.spacingMm.x / 2, (c.size[1] - 1) * c.spacingMm.y / 2,
                    (c.size[2] - 1) * c.spacingMm.z / 2};
    g.originLps = -1.0 * (half.x * g.axes[0] + half.y * g.axes[1] + half.z * g.axes[2]);
    const bool ct = val.modality == "CT";
    s.rescaleIntercept = ct ? -1024 : 0;
    s.pixelSigned = !ct;
    s.bitsStored = ct ? 12 : 16;
    s.stored.resize(g.voxelCount());
    std::mt19937 rng(4242);
    std::normal_distribution<double> noise(0.0, 1.0);
    const double minSemi = std::min({c.semiAxesMm.x, c.semiAxesMm.y, c.semiAxesMm.z});
    const double diag = norm(c.spacingMm);
    const int sub = 4;
    std::size_t n = 0;
    for (std::size_t k = 0; k < c.size[2]; ++k)
        for (std::size_t j = 0; j < c.size[1]; ++j)
            for (std::size_t i = 0; i < c.size[0]; ++i, ++n) {
                const PointLps p = g.indexToLps(double(i), double(j), double(k));
                const double r = ellipsoidRadius(c, p);
                auto valueAt = [&](double rr, PointLps q) {
                    if (rr > 1) return val.background;
                    if (val.leftHalfValue && q.x > c.centreLps.x) return *val.leftHalfValue;
                    return rr < val.coreFraction ? val.coreValue : val.lesion;
                };
                double v;
                if (std::fabs(r - 1) * minSemi > diag &&
                    (val.coreFraction == 0 || std::fabs(r - val.coreFraction) * minSemi > diag) &&
                    (!val.leftHalfValue || std::fabs(p.x - c.centreLps.x) > diag)) {
                    v = valueAt(r, p);
                } else {
                    double acc = 0;
                    for (int a = 0; a < sub; ++a)
                        for (int b = 0; b < sub; ++b)
                            for (int d = 0; d < sub; ++d) {
                                const PointLps q = g.indexToLps(i + (a + 0.5) / sub - 0.5, j + (b + 0.5) / sub - 0.5,
                                                                k + (d + 0.5) / sub - 0.5);
                                acc += valueAt(ellipsoidRadius(c, q), q);
                            }
                    v = acc / (sub * sub * sub);
                }
                if (val.noiseSd > 0) v += val.noiseSd * noise(rng);
                const double stored = std::round(v - s.rescaleIntercept);
                s.stored[n] = static_cast<int16_t>(std::clamp(stored, ct ? 0.0 : -32768.0, ct ? 4095.0 : 32767.0));
            }
    auto written = writeSeries(s, folder);
    if (!written) return written.error();
    std::string error;
    DicomIndex index = indexPath(folder, {}, &error);
    if (!error.empty()) return Error{error};
    if (index.allStacks().size() != 1) return Error{folder + ": expected one series"};
    return loadVolume(*index.allStacks().front());
}

double extentAlongMm(const EllipsoidCase& c, Vec3 e) {
    e = normalized(e);
    double s = 0;
    for (int a = 0; a < 3; ++a) {
        const double q = c.semiAxesMm[a] * dot(e, c.ellipsoidAxes[a]);
        s += q * q;
    }
    return 2 * std::sqrt(s);
}

double toleranceAlongMm(const VolumeGeometry& g, Vec3 directionLps) {
    double w = 0;
    for (int a = 0; a < 3; ++a) w += std::fabs(dot(g.axes[a], directionLps)) * g.spacingMm[a];
    return std::max(1.0, w);
}

double volumeMl(const EllipsoidCase& c) {
    return 4.0 / 3.0 * M_PI * c.semiAxesMm.x * c.semiAxesMm.y * c.semiAxesMm.z / 1000.0;
}

std::array<double, 2> axialSectionSemiAxesMm(const EllipsoidCase& c) {
    // x^T M x <= 1 with M = sum_a u_a u_a^T / s_a^2; the z = 0 section is the 2x2 block.
    double m00 = 0, m01 = 0, m11 = 0;
    for (int a = 0; a < 3; ++a) {
        const Vec3 u = c.ellipsoidAxes[a];
        const double w = 1.0 / (c.semiAxesMm[a] * c.semiAxesMm[a]);
        m00 += w * u.x * u.x, m01 += w * u.x * u.y, m11 += w * u.y * u.y;
    }
    const double tr = m00 + m11, det = m00 * m11 - m01 * m01;
    const double disc = std::sqrt(std::max(0.0, tr * tr / 4 - det));
    const double lSmall = tr / 2 - disc, lBig = tr / 2 + disc;
    return {1 / std::sqrt(lSmall), 1 / std::sqrt(lBig)};
}

}  // namespace mensura::test
