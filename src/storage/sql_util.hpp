// sql_util.hpp
// Internal to storage/: what the .cpp files of several repositories share. Include it from .cpp
// files only: it brings SOCI's SQLite backend in.
#pragma once
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "storage/database.hpp"

namespace skillgrade::storage {
struct cycle_list_filter;
}

namespace skillgrade::storage::detail {
// The FROM, WHERE, ORDER BY and LIMIT of a page of a cycle's list over applications a (engineers e
// when needs_engineer), or over results r when with_results (applications a when needs_application),
// the statement counting the list, and the text parameters to bind by name (both use the same). A
// search is looked up in the engineers here.
struct cycle_list_where {
    std::string from, sql, order, limit, count;
    std::vector<std::pair<std::string, std::string>> params;
    bool needs_engineer = false, needs_application = false;
};
cycle_list_where cycle_list_conditions(unit_of_work&, const cycle_list_filter&, bool with_results);
long long count_rows(unit_of_work&, const std::string& sql, const cycle_list_where&);
std::vector<long long> page_ids(unit_of_work&, const std::string& sql, const cycle_list_where&);

inline constexpr std::size_t kBatch = 2000;

// The first of the rows read, if any.
template <class T>
std::optional<T> first(std::vector<T> v) {
    if (v.empty()) return std::nullopt;
    return std::move(v.front());
}

// Looking rows up by many keys: fn(first, count) for each chunk of at most 500 of n keys, and the
// IN list of a chunk, "(:k0, :k1, …)", to bind one key each (a full chunk's statement text, and so
// its prepared statement, is the same every time).
template <class Fn>
void in_chunks(std::size_t n, Fn&& fn) {
    constexpr std::size_t chunk = 500;
    for (std::size_t at = 0; at < n; at += chunk) fn(at, std::min(chunk, n - at));
}
inline std::string in_list(std::size_t count) {
    std::string s = "(";
    for (std::size_t i = 0; i < count; ++i) s += (i ? ", :k" : ":k") + std::to_string(i);
    return s + ")";
}

// On SQLite the cursors step a statement of their own through the C API: whole cycles are read
// row by row without copying each value through SOCI's buffers.
class sqlite_rows {
public:
    sqlite_rows(unit_of_work& tx, const std::string& sql, std::initializer_list<long long> params) {
        db_ = static_cast<soci::sqlite3_session_backend*>(tx.sql().get_backend())->conn_;
        if (sqlite_api::sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &st_, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("sqlite: ") + sqlite_api::sqlite3_errmsg(db_));
        int i = 0;
        for (auto v : params) sqlite_api::sqlite3_bind_int64(st_, ++i, v);
    }
    ~sqlite_rows() { sqlite_api::sqlite3_finalize(st_); }
    sqlite_rows(const sqlite_rows&) = delete;
    sqlite_rows& operator=(const sqlite_rows&) = delete;
    bool step() {
        int rc = sqlite_api::sqlite3_step(st_);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) throw std::runtime_error(std::string("sqlite: ") + sqlite_api::sqlite3_errmsg(db_));
        return false;
    }
    // For statements run once per row of data (inserts): bind, run, reset.
    void bind(int i, long long v) { sqlite_api::sqlite3_bind_int64(st_, i, v); }
    void bind(int i, const std::string& v) {
        sqlite_api::sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    }
    void run() {
        if (sqlite_api::sqlite3_step(st_) != SQLITE_DONE) throw std::runtime_error(std::string("sqlite: ") + sqlite_api::sqlite3_errmsg(db_));
        sqlite_api::sqlite3_reset(st_);
    }
    long long integer(int col) const { return sqlite_api::sqlite3_column_int64(st_, col); }
    bool null(int col) const { return sqlite_api::sqlite3_column_type(st_, col) == SQLITE_NULL; }
    void text(int col, std::string& out) const {
        auto* p = reinterpret_cast<const char*>(sqlite_api::sqlite3_column_text(st_, col));
        out.assign(p ? p : "", static_cast<std::size_t>(sqlite_api::sqlite3_column_bytes(st_, col)));
    }

private:
    sqlite_api::sqlite3* db_ = nullptr;
    sqlite_api::sqlite3_stmt* st_ = nullptr;
};

}  // namespace skillgrade::storage::detail
