#include "support/NiftiFile.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>

namespace mensura::test {
namespace {

template <class T>
T get(const std::vector<char>& b, std::size_t off) {
    T v;
    std::memcpy(&v, b.data() + off, sizeof v);
    return v;
}

}  // namespace

bool readNifti(const std::string& path, NiftiFile& out, std::string* error) {
    std::ifstream f(path, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(f)), {});
    if (bytes.size() < 352 || get<int32_t>(bytes, 0) != 348) {
        if (error) *error = path + ": not an uncompressed little-endian NIfTI-1 file";
        return false;
    }
    for (int a = 0; a < 3; ++a) out.dim[a] = std::max<int>(1, get<int16_t>(bytes, 42 + 2 * a));
    if (get<int16_t>(bytes, 40) < 3) out.dim[2] = 1;
    out.datatype = get<int16_t>(bytes, 70);
    const float slope = get<float>(bytes, 112), inter = get<float>(bytes, 116);
    out.sclSlope = (slope == 0 || std::isnan(slope)) ? 1.0 : slope;
    out.sclInter = std::isnan(inter) ? 0.0 : inter;
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 4; ++c) out.srow[r][c] = get<float>(bytes, 280 + 16 * r + 4 * c);
    const auto offset = static_cast<std::size_t>(get<float>(bytes, 108));
    out.data.assign(bytes.begin() + static_cast<long>(offset), bytes.end());
    return true;
}

std::array<double, 3> NiftiFile::indexToLps(double i, double j, double k) const {
    std::array<double, 3> ras{};
    for (int r = 0; r < 3; ++r) ras[r] = srow[r][0] * i + srow[r][1] * j + srow[r][2] * k + srow[r][3];
    return {-ras[0], -ras[1], ras[2]};
}

std::array<double, 3> NiftiFile::lpsToIndex(double x, double y, double z) const {
    const double p[3] = {-x - srow[0][3], -y - srow[1][3], z - srow[2][3]};
    const auto& m = srow;
    const double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
                       m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                       m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    double inv[3][3];
    inv[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
    inv[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
    inv[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
    inv[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
    inv[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
    inv[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
    inv[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
    inv[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
    inv[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
    std::array<double, 3> out{};
    for (int r = 0; r < 3; ++r) out[r] = inv[r][0] * p[0] + inv[r][1] * p[1] + inv[r][2] * p[2];
    return out;
}

double NiftiFile::value(long i, long j, long k) const {
    if (i < 0 || j < 0 || k < 0 || i >= dim[0] || j >= dim[1] || k >= dim[2])
        return std::numeric_limits<double>::quiet_NaN();
    const std::size_t n = static_cast<std::size_t>(i + dim[0] * (j + static_cast<long>(dim[1]) * k));
    double raw;
    switch (datatype) {
        case 2:
            raw = get<uint8_t>(data, n);
            break;
        case 4:
            raw = get<int16_t>(data, n * 2);
            break;
        case 8:
            raw = get<int32_t>(data, n * 4);
            break;
        case 16:
            raw = get<float>(data, n * 4);
            break;
        case 256:
            raw = get<int8_t>(data, n);
            break;
        case 512:
            raw = get<uint16_t>(data, n * 2);
            break;
        default:
            return std::numeric_limits<double>::quiet_NaN();
    }
    return raw * sclSlope + sclInter;
}

}  // namespace mensura::test
