#include "core/images.hpp"

#include <cstdint>

namespace skillgrade::core {
namespace {

std::uint32_t be32(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24 | static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8 | static_cast<unsigned char>(b[at + 3]);
}
unsigned be16(std::string_view b, std::size_t at) {
    return static_cast<unsigned>(static_cast<unsigned char>(b[at])) << 8 | static_cast<unsigned char>(b[at + 1]);
}

const text kBroken{"图片文件不完整或已损坏", "the image file is incomplete or damaged"};

std::expected<image_info, text> png(std::string_view b) {
    // The signature, then IHDR first (length 13), and IEND last.
    if (b.size() < 8 + 25 + 12 || b.substr(12, 4) != "IHDR" || be32(b, 8) != 13) return std::unexpected(kBroken);
    static constexpr std::string_view iend("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
    if (b.substr(b.size() - 12) != iend) return std::unexpected(kBroken);
    return image_info{"image/png", static_cast<int>(std::min<std::uint32_t>(be32(b, 16), 1u << 30)),
                      static_cast<int>(std::min<std::uint32_t>(be32(b, 20), 1u << 30))};
}

std::expected<image_info, text> jpeg(std::string_view b) {
    if (b.size() < 4 || static_cast<unsigned char>(b[b.size() - 2]) != 0xFF || static_cast<unsigned char>(b[b.size() - 1]) != 0xD9)
        return std::unexpected(kBroken);
    // Segments after the start marker until a frame header (SOF0–SOF15 but DHT C4, JPG C8, DAC CC).
    std::size_t at = 2;
    while (at + 4 <= b.size()) {
        if (static_cast<unsigned char>(b[at]) != 0xFF) return std::unexpected(kBroken);
        auto marker = static_cast<unsigned char>(b[at + 1]);
        if (marker == 0xFF) {
            ++at;  // fill byte
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            at += 2;
            continue;
        }
        auto length = be16(b, at + 2);
        if (length < 2 || at + 2 + length > b.size()) return std::unexpected(kBroken);
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
            if (length < 7) return std::unexpected(kBroken);
            return image_info{"image/jpeg", static_cast<int>(be16(b, at + 7)), static_cast<int>(be16(b, at + 5))};
        }
        if (marker == 0xDA || marker == 0xD9) break;  // image data before any frame header
        at += 2 + length;
    }
    return std::unexpected(kBroken);
}

}  // namespace

std::expected<image_info, text> inspect_image(std::string_view b) {
    if (b.size() > kMaxImageBytes)
        return std::unexpected(text{"图片不能超过 1 MB", "an image is at most 1 MB"});
    std::expected<image_info, text> info = std::unexpected(text{"只接受 PNG 或 JPEG 图片", "only PNG or JPEG images are accepted"});
    if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8)) info = png(b);
    else if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") info = jpeg(b);
    if (!info) return info;
    if (info->width < 1 || info->height < 1) return std::unexpected(kBroken);
    if (info->width > kMaxImageSide || info->height > kMaxImageSide)
        return std::unexpected(text{"图片的长和宽不能超过 4096 像素", "an image is at most 4096 pixels on each side"});
    return info;
}

}  // namespace skillgrade::core
