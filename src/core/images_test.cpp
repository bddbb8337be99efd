// PNG and JPEG files recognised by their signature, header and end; anything else, a truncated
// file, too many bytes or too many pixels refused with a reason.
#include "core/images.hpp"

#include <gtest/gtest.h>

namespace skillgrade::core {
namespace {

std::string be32(std::uint32_t v) { return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; }
std::string be16(unsigned v) { return {char(v >> 8), char(v)}; }

// A PNG's chunks as they are laid out (CRCs are not checked here: the browser decodes the image).
std::string png(std::uint32_t w, std::uint32_t h, std::size_t idat = 10) {
    std::string s("\x89PNG\r\n\x1A\n", 8);
    s += be32(13) + "IHDR" + be32(w) + be32(h) + std::string("\x08\x02\x00\x00\x00", 5) + be32(0);
    s += be32(static_cast<std::uint32_t>(idat)) + "IDAT" + std::string(idat, 'x') + be32(0);
    s += std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
    return s;
}
// A baseline JPEG: SOI, an APP0 segment, the frame header, a scan, EOI.
std::string jpeg(unsigned w, unsigned h, unsigned char sof = 0xC0) {
    std::string s("\xFF\xD8", 2);
    s += std::string("\xFF\xE0", 2) + be16(16) + std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14);
    s += std::string("\xFF", 1) + char(sof) + be16(17) + char(8) + be16(h) + be16(w) + std::string(10, '\x01');
    s += std::string("\xFF\xDA", 2) + be16(8) + std::string(6, '\0') + std::string(20, 'd') + std::string("\xFF\xD9", 2);
    return s;
}

}  // namespace

TEST(images, png_and_jpeg_give_their_size) {
    auto p = inspect_image(png(640, 480));
    ASSERT_TRUE(p) << p.error().en;
    EXPECT_EQ(p->media_type, "image/png");
    EXPECT_EQ(p->width, 640);
    EXPECT_EQ(p->height, 480);
    auto j = inspect_image(jpeg(1024, 768));
    ASSERT_TRUE(j) << j.error().en;
    EXPECT_EQ(j->media_type, "image/jpeg");
    EXPECT_EQ(j->width, 1024);
    EXPECT_EQ(j->height, 768);
    EXPECT_TRUE(inspect_image(jpeg(300, 200, 0xC2))) << "progressive";
}

TEST(images, other_files_and_damaged_ones_are_refused) {
    EXPECT_EQ(inspect_image("GIF89a....").error().zh, "只接受 PNG 或 JPEG 图片");
    EXPECT_FALSE(inspect_image(""));
    EXPECT_FALSE(inspect_image("<svg xmlns='http://www.w3.org/2000/svg'/>"));
    auto cut = png(640, 480);
    cut.resize(cut.size() - 5);
    EXPECT_EQ(inspect_image(cut).error().en, "the image file is incomplete or damaged");
    auto j = jpeg(100, 100);
    EXPECT_FALSE(inspect_image(j.substr(0, j.size() - 2))) << "no end marker";
    EXPECT_FALSE(inspect_image(png(0, 10))) << "no pixels";
}

TEST(images, size_limits_hold_at_their_bounds) {
    EXPECT_TRUE(inspect_image(png(4096, 4096)));
    EXPECT_EQ(inspect_image(png(4097, 10)).error().zh, "图片的长和宽不能超过 4096 像素");
    EXPECT_FALSE(inspect_image(jpeg(10, 4097)));
    auto at_limit = png(10, 10, kMaxImageBytes - png(10, 10, 0).size());
    EXPECT_EQ(at_limit.size(), kMaxImageBytes);
    EXPECT_TRUE(inspect_image(at_limit));
    EXPECT_EQ(inspect_image(png(10, 10, kMaxImageBytes - png(10, 10, 0).size() + 1)).error().en, "an image is at most 1 MB");
}

}  // namespace skillgrade::core
