#include "storage/collation.hpp"

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace skillgrade::storage {
namespace {
struct closer {
    void operator()(UCollator* c) const { ucol_close(c); }
};

// A collator per thread: ICU collators are not to be shared between threads while in use.
UCollator* collator() {
    thread_local std::unique_ptr<UCollator, closer> c = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<UCollator, closer> made(ucol_open("zh", &status));
        if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU collator: ") + u_errorName(status));
        return made;
    }();
    return c.get();
}
}  // namespace

std::string name_key(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    std::vector<UChar> text(utf8.size() + 1);
    int32_t length = 0;
    u_strFromUTF8WithSub(text.data(), static_cast<int32_t>(text.size()), &length, utf8.data(), static_cast<int32_t>(utf8.size()),
                         0xFFFD, nullptr, &status);
    if (U_FAILURE(status)) return {};
    std::vector<uint8_t> key(64);
    int32_t n = ucol_getSortKey(collator(), text.data(), length, key.data(), static_cast<int32_t>(key.size()));
    if (n > static_cast<int32_t>(key.size())) {
        key.resize(static_cast<std::size_t>(n));
        n = ucol_getSortKey(collator(), text.data(), length, key.data(), n);
    }
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (int32_t i = 0; i + 1 < n; ++i) {  // the key ends in a 0 byte
        out += digits[key[static_cast<std::size_t>(i)] >> 4];
        out += digits[key[static_cast<std::size_t>(i)] & 15];
    }
    return out;
}

}  // namespace skillgrade::storage
