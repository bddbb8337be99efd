// Fuzz targets for the parsers that take user files: XLSX, CSV and scheme TOML. Each target
// must return normally on any input (errors are values); sanitizers catch the rest.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/scheme.hpp"
#include "documents/tables.hpp"

namespace {
skillgrade::documents::limits small() {
    skillgrade::documents::limits l;
    l.max_uncompressed = 16u << 20;
    l.max_rows = 10000;
    return l;
}
}  // namespace

extern "C" int fuzz_xlsx(const std::uint8_t* data, std::size_t size) {
    (void)skillgrade::documents::read_xlsx({reinterpret_cast<const char*>(data), size}, small());
    return 0;
}

extern "C" int fuzz_csv(const std::uint8_t* data, std::size_t size) {
    (void)skillgrade::documents::read_csv({reinterpret_cast<const char*>(data), size}, small());
    return 0;
}

extern "C" int fuzz_scheme(const std::uint8_t* data, std::size_t size) {
    (void)skillgrade::core::parse_scheme({reinterpret_cast<const char*>(data), size}, "fuzz.toml");
    return 0;
}
