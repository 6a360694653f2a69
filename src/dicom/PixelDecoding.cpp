#include "mensura/dicom/PixelDecoding.h"

#include <climits>
#include <cmath>
#include <cstdint>

namespace mensura::imaging::detail {
namespace {

// The stored value of one sample: the low bitsStored bits, sign-extended for signed data.
template <class Raw>
inline int64_t storedValue(Raw raw, unsigned bitsStored, bool isSigned) {
    using U = std::make_unsigned_t<Raw>;
    constexpr unsigned width = sizeof(Raw) * 8;
    U u = static_cast<U>(raw);
    if (bitsStored < width) u &= static_cast<U>((U(1) << bitsStored) - 1);
    if (isSigned && bitsStored > 0 && (u >> (bitsStored - 1)) & 1u) {
        return static_cast<int64_t>(u) - (int64_t(1) << bitsStored);
    }
    return static_cast<int64_t>(u);
}

template <class Raw, class Out, class Fn>
inline bool convert(const void* src, std::size_t count, const StoredFormat& f, Out* dst, Fn store) {
    const Raw* in = static_cast<const Raw*>(src);
    bool ok = true;
    for (std::size_t n = 0; n < count; ++n) ok &= store(storedValue(in[n], f.bitsStored, f.isSigned), dst[n]);
    return ok;
}

template <class Out, class Fn>
bool dispatch(const void* src, std::size_t count, const StoredFormat& f, Out* dst, Fn store) {
    switch (f.bitsAllocated) {
        case 8:
            return convert<uint8_t>(src, count, f, dst, store);
        case 16:
            return convert<uint16_t>(src, count, f, dst, store);
        case 32:
            return convert<uint32_t>(src, count, f, dst, store);
        default:
            return false;
    }
}

}  // namespace

// The common case, 16 bits allocated and slope 1, in 32-bit arithmetic with the range checked
// once at the end: branch-free loops the compiler vectorises.
bool sixteenBitSlopeOne(const uint16_t* in, std::size_t count, const StoredFormat& f, int16_t* dst) {
    const int32_t intercept = static_cast<int32_t>(std::llround(f.intercept));
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    const unsigned shift = 16 - f.bitsStored;
    auto run = [&](auto stored) {
        for (std::size_t n = 0; n < count; ++n) {
            const int32_t r = stored(in[n]) + intercept;
            lo = r < lo ? r : lo;
            hi = r > hi ? r : hi;
            dst[n] = static_cast<int16_t>(r);
        }
    };
    if (f.isSigned)  // sign-extend from bitsStored: move the sign bit to bit 15 and back
        run([shift](uint16_t v) { return int32_t(int16_t(uint16_t(v << shift)) >> shift); });
    else if (shift == 0)
        run([](uint16_t v) { return int32_t(v); });
    else
        run([mask = uint16_t((1u << f.bitsStored) - 1)](uint16_t v) { return int32_t(v & mask); });
    return count == 0 || (lo >= INT16_MIN && hi <= INT16_MAX);
}

bool convertToInt16(const void* src, std::size_t count, const StoredFormat& f, int16_t* dst) {
    if (f.bitsAllocated == 16 && f.slope == 1.0 && f.bitsStored >= 1 && f.bitsStored <= 16 &&
        std::fabs(f.intercept) < 1e9)
        return sixteenBitSlopeOne(static_cast<const uint16_t*>(src), count, f, dst);
    const int64_t intercept = std::llround(f.intercept);
    if (f.slope == 1.0) {
        return dispatch(src, count, f, dst, [intercept](int64_t v, int16_t& out) {
            const int64_t r = v + intercept;
            out = static_cast<int16_t>(r);
            return r >= INT16_MIN && r <= INT16_MAX;
        });
    }
    const int64_t slope = std::llround(f.slope);
    return dispatch(src, count, f, dst, [slope, intercept](int64_t v, int16_t& out) {
        const int64_t r = v * slope + intercept;
        out = static_cast<int16_t>(r);
        return r >= INT16_MIN && r <= INT16_MAX;
    });
}

void convertToFloat(const void* src, std::size_t count, const StoredFormat& f, float* dst) {
    dispatch(src, count, f, dst, [&f](int64_t v, float& out) {
        out = static_cast<float>(static_cast<double>(v) * f.slope + f.intercept);
        return true;
    });
}

}  // namespace mensura::imaging::detail
