// images.hpp
// What a question's picture must be before it is stored: a whole PNG or JPEG file (its signature,
// its header with the size in pixels, and its end marker), at most 1 MiB and 4096 px a side. Pure:
// no I/O; the bytes are read, never decoded or run through an image library.
//
//   auto info = core::inspect_image(bytes);   // info->media_type "image/png", width 640, height 480
#pragma once
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace skillgrade::core {

inline constexpr std::size_t kMaxImageBytes = 1u << 20;
inline constexpr int kMaxImageSide = 4096;

struct image_info {
    std::string media_type;  // image/png | image/jpeg
    int width = 0, height = 0;
};
std::expected<image_info, text> inspect_image(std::string_view bytes);

}  // namespace skillgrade::core
