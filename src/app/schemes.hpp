// schemes.hpp
// The level schemes: presets, versions (every edit a new one), comparison and export.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/scheme.hpp"
#include "storage/cycles.hpp"
#include "storage/schemes.hpp"

namespace skillgrade::app {

struct scheme_summary {
    storage::scheme_row row;
    int levels = 0;
};
struct scheme_detail {
    storage::scheme_row row;
    storage::scheme_version_row version;
    std::vector<storage::scheme_version_row> versions;
    core::scheme scheme;
};

// Loads the preset schemes (compiled in) when there is none yet. Returns how many.
int load_presets(context&);
result<std::vector<scheme_summary>> list_schemes(context&, const principal&);
result<scheme_detail> get_scheme(context&, const principal&, std::int64_t id, int version = 0);
// Imports a TOML file: a new scheme, or a new version of the scheme with the same code.
result<scheme_detail> save_scheme(context&, const principal&, const std::string& toml, const std::string& file_name,
                                  const std::string& note);
result<std::vector<core::scheme_change>> diff_scheme(context&, const principal&, std::int64_t id, int from, int to);
result<std::string> export_scheme(context&, const principal&, std::int64_t id, int version);
result<core::scheme> default_scheme(context&);
// The scheme version a cycle was planned under.
core::result<core::scheme> cycle_scheme(storage::unit_of_work&, const storage::cycle_row&);

}  // namespace skillgrade::app
