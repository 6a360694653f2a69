#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "mensura/dicom/PixelDecoding.h"

using namespace mensura::imaging::detail;

TEST(PixelDecoding, TwelveBitUnsignedWithIntercept) {
    const std::vector<uint16_t> raw{0, 1024, 4095, 0xF000 | 1000};  // high bits are not stored
    std::vector<int16_t> out(raw.size());
    StoredFormat f{16, 12, false, 1, -1024};
    ASSERT_TRUE(convertToInt16(raw.data(), raw.size(), f, out.data()));
    EXPECT_EQ(out[0], -1024);
    EXPECT_EQ(out[1], 0);
    EXPECT_EQ(out[2], 3071);
    EXPECT_EQ(out[3], 1000 - 1024);
}

TEST(PixelDecoding, TwelveBitSignedIsSignExtended) {
    const std::vector<uint16_t> raw{0x0FFF, 0x0800, 0x07FF};  // -1, -2048, 2047 in 12 bits
    std::vector<int16_t> out(raw.size());
    ASSERT_TRUE(convertToInt16(raw.data(), raw.size(), StoredFormat{16, 12, true, 1, 0}, out.data()));
    EXPECT_EQ(out[0], -1);
    EXPECT_EQ(out[1], -2048);
    EXPECT_EQ(out[2], 2047);
}

TEST(PixelDecoding, SixteenBitSigned) {
    const std::vector<int16_t> values{-32768, -1, 0, 32767};
    std::vector<int16_t> out(values.size());
    ASSERT_TRUE(convertToInt16(values.data(), values.size(), StoredFormat{16, 16, true, 1, 0}, out.data()));
    EXPECT_EQ(out, values);
}

TEST(PixelDecoding, UnsignedBeyondInt16IsReportedNotWrapped) {
    const std::vector<uint16_t> raw{100, 40000};
    std::vector<int16_t> out(raw.size());
    EXPECT_FALSE(convertToInt16(raw.data(), raw.size(), StoredFormat{16, 16, false, 1, 0}, out.data()));
    std::vector<float> f(raw.size());
    convertToFloat(raw.data(), raw.size(), StoredFormat{16, 16, false, 1, 0}, f.data());
    EXPECT_FLOAT_EQ(f[1], 40000.0f);
}

TEST(PixelDecoding, FractionalSlopeToFloat) {
    const std::vector<uint16_t> raw{0, 10, 200};
    std::vector<float> out(raw.size());
    convertToFloat(raw.data(), raw.size(), StoredFormat{16, 16, false, 0.5, -3.25}, out.data());
    EXPECT_FLOAT_EQ(out[0], -3.25f);
    EXPECT_FLOAT_EQ(out[1], 1.75f);
    EXPECT_FLOAT_EQ(out[2], 96.75f);
}

TEST(PixelDecoding, EightBit) {
    const std::vector<uint8_t> raw{0, 255, 128};
    std::vector<int16_t> out(raw.size());
    ASSERT_TRUE(convertToInt16(raw.data(), raw.size(), StoredFormat{8, 8, false, 1, 0}, out.data()));
    EXPECT_EQ(out[1], 255);
    ASSERT_TRUE(convertToInt16(raw.data(), raw.size(), StoredFormat{8, 8, true, 1, 0}, out.data()));
    EXPECT_EQ(out[1], -1);
    EXPECT_EQ(out[2], -128);
}
