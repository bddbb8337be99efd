// reading.hpp
// What every handler file uses to read a request and answer it: a strict JSON body reader,
// query parameters parsed with bounds, If-Match versions, and the common list and error shapes.
//
//   auto o = parse_object(ctx);  if (!o) return problem(ctx, o.error());
//   body_reader b(*o);  auto name = b.str("name", true);  auto errs = b.finish();
//   auto page = query_int(ctx, "page", 1, 1, 1000000);   // absent -> 1; "0", "01", "1e3" -> 422
#pragma once
#include <boost/json.hpp>
#include <expected>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "app/views.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "storage/applications.hpp"

namespace skillgrade::http {

core::error invalid_body(std::vector<core::field_error> errs);
core::error invalid(std::string field, core::text msg);
// A query parameter the route does not take is an error (the first one found), so that a misspelt
// filter never silently lists everything.
std::expected<void, core::error> only_known(const context& ctx, const std::set<std::string>& known);

// A query integer in [min, max]: absent or empty -> fallback; anything else that is not a plain
// decimal in range (a sign where none may be, a leading zero, spaces, an exponent) -> 422.
std::expected<std::int64_t, core::error> query_int(const context& ctx, const std::string& key, std::int64_t fallback,
                                                   std::int64_t min, std::int64_t max);
std::string query(const context& ctx, const std::string& key);
bool dry_run(const context& ctx);

// The record version an edit sends back in If-Match ("\"7\""), and the problem when it is missing.
std::optional<std::int64_t> if_match(const context& ctx);
core::error missing_if_match();
// The version of a record travels as its ETag; edits send it back in If-Match.
response with_etag(response res, std::int64_t version);

// A use case's list as {"items": [...], "total": n}.
template <class Result>
response items_of(const context& ctx, const Result& r) {
    if (!r) return problem(ctx, r.error());
    boost::json::array items;
    for (auto& x : *r) items.push_back(app::to_json(x));
    return json(ctx, bhttp::status::ok, boost::json::object{{"items", items}, {"total", items.size()}});
}

// The query of a page of a cycle's list (applications, scores, results, published): q, org_unit,
// target_rank, status, outcome, sort, page (≥ 1), page_size (1–200, default 20); any other parameter
// is an error. The use case checks the values against its own list.
std::expected<storage::cycle_list_filter, core::error> cycle_list_query(const context& ctx);
// A page as {"items": [...], "total": n, "page": p, "page_size": s}, with `extra` fields beside.
response page_of(const context& ctx, boost::json::array items, std::int64_t total, const storage::cycle_list_filter& f,
                 boost::json::object extra = {});
// A cycle list's handler: the page's query read, `list(filter)` asked for the page, its items as JSON.
template <class List>
response cycle_page(context& ctx, List&& list) {
    auto f = cycle_list_query(ctx);
    if (!f) return problem(ctx, f.error());
    auto r = list(*f);
    if (!r) return problem(ctx, r.error());
    boost::json::array items;
    for (auto& x : r->items) items.push_back(app::to_json(x));
    return page_of(ctx, std::move(items), r->total, *f);
}

// The request body as a JSON object (415 when it is not application/json, 400 when not JSON).
std::expected<boost::json::object, core::error> parse_object(const context& ctx);

// Reads a JSON object strictly: wrong types and unknown fields are errors.
class body_reader {
public:
    explicit body_reader(const boost::json::object& o) : o_(o) {}
    std::string str(const char* key, bool required) {
        used_.insert(key);
        auto it = o_.find(key);
        if (it == o_.end() || it->value().is_null()) {
            if (required) errs_.push_back({key, {"必填", "required"}});
            return {};
        }
        if (!it->value().is_string()) {
            errs_.push_back({key, {"应为文本", "must be a string"}});
            return {};
        }
        // No field of any body may hold NUL, control or bidirectional-override characters (line
        // breaks and tabs aside); each use case checks its own lengths and line rules.
        std::string_view v = it->value().as_string();
        if (auto why = core::text_problem(v, 1u << 20, core::text_kind::multiline)) {
            errs_.push_back({key, *why});
            return {};
        }
        return std::string(v);
    }
    // Values past [-1, max] are clamped there, so the use case's range check names them.
    int integer(const char* key, std::int64_t max = 1000) {
        used_.insert(key);
        auto it = o_.find(key);
        if (it == o_.end() || it->value().is_null()) return 0;
        if (!it->value().is_int64()) {
            errs_.push_back({key, {"应为整数", "must be an integer"}});
            return 0;
        }
        return static_cast<int>(std::clamp<std::int64_t>(it->value().as_int64(), -1, max));
    }
    std::vector<std::string> strings(const char* key) {
        used_.insert(key);
        std::vector<std::string> out;
        auto it = o_.find(key);
        if (it == o_.end() || it->value().is_null()) return out;
        if (!it->value().is_array()) {
            errs_.push_back({key, {"应为文本数组", "must be an array of strings"}});
            return out;
        }
        for (auto& v : it->value().as_array()) {
            if (!v.is_string()) {
                errs_.push_back({key, {"应为文本数组", "must be an array of strings"}});
                return {};
            }
            if (auto why = core::text_problem(v.as_string(), 1u << 16)) {
                errs_.push_back({key, *why});
                return {};
            }
            out.emplace_back(v.as_string());
        }
        return out;
    }
    void known(const char* key) { used_.insert(key); }  // read by the caller itself
    // An optional true/false: `fallback` when absent or null.
    bool optional_bool(const char* key, bool fallback) {
        auto it = o_.find(key);
        if (it == o_.end() || it->value().is_null()) return used_.insert(key), fallback;
        return boolean(key).value_or(fallback);
    }
    // An optional integer (clamped to -1..max like integer): `fallback` when absent or null.
    int optional_integer(const char* key, std::int64_t max, int fallback) {
        auto it = o_.find(key);
        if (it == o_.end() || it->value().is_null()) return used_.insert(key), fallback;
        return integer(key, max);
    }
    std::optional<bool> boolean(const char* key) {
        used_.insert(key);
        auto it = o_.find(key);
        if (it == o_.end() || !it->value().is_bool()) {
            errs_.push_back({key, {"应为 true 或 false", "must be true or false"}});
            return std::nullopt;
        }
        return it->value().as_bool();
    }
    std::int64_t id(const char* key) {
        used_.insert(key);
        auto it = o_.find(key);
        if (it == o_.end() || !it->value().is_int64() || it->value().as_int64() <= 0) {
            errs_.push_back({key, {"应为正整数", "must be a positive integer"}});
            return 0;
        }
        return it->value().as_int64();
    }
    // A required array of 1..max_count record ids (positive integers), each once.
    std::vector<std::int64_t> ids(const char* key, std::size_t max_count) {
        used_.insert(key);
        std::vector<std::int64_t> out;
        auto it = o_.find(key);
        if (it == o_.end() || !it->value().is_array() || it->value().as_array().empty()) {
            errs_.push_back({key, {"应为非空的编号数组", "must be a non-empty array of ids"}});
            return out;
        }
        auto& a = it->value().as_array();
        if (a.size() > max_count) {
            errs_.push_back({key, {"一次最多 " + std::to_string(max_count) + " 个", "at most " + std::to_string(max_count) + " at a time"}});
            return out;
        }
        std::set<std::int64_t> seen;
        for (auto& v : a) {
            if (!v.is_int64() || v.as_int64() <= 0 || !seen.insert(v.as_int64()).second) {
                errs_.push_back({key, {"应为不重复的正整数", "must be distinct positive integers"}});
                return {};
            }
            out.push_back(v.as_int64());
        }
        return out;
    }
    std::vector<int> integers(const char* key) {
        used_.insert(key);
        std::vector<int> out;
        auto it = o_.find(key);
        if (it == o_.end() || !it->value().is_array()) {
            errs_.push_back({key, {"应为整数数组", "must be an array of integers"}});
            return out;
        }
        for (auto& v : it->value().as_array()) {
            if (!v.is_int64() || v.as_int64() < -1000 || v.as_int64() > 1000) {
                errs_.push_back({key, {"应为整数数组", "must be an array of integers"}});
                return {};
            }
            out.push_back(static_cast<int>(v.as_int64()));
        }
        return out;
    }
    const boost::json::array* objects(const char* key) {
        used_.insert(key);
        auto it = o_.find(key);
        if (it == o_.end() || !it->value().is_array()) {
            errs_.push_back({key, {"应为数组", "must be an array"}});
            return nullptr;
        }
        for (auto& v : it->value().as_array())
            if (!v.is_object()) {
                errs_.push_back({key, {"数组元素应为对象", "items must be objects"}});
                return nullptr;
            }
        return &it->value().as_array();
    }
    std::vector<core::field_error> finish() {
        for (auto& kv : o_)
            if (!used_.count(std::string(kv.key())))
                errs_.push_back({std::string(kv.key()), {"未知字段", "unknown field"}});
        return std::move(errs_);
    }

private:
    const boost::json::object& o_;
    std::set<std::string> used_;
    std::vector<core::field_error> errs_;
};

// The uploaded file: the first file part of multipart/form-data, or the raw body.
std::expected<std::string_view, core::error> upload(const context& ctx);
// A JSON number with at most two decimals, as hundredths.
std::optional<std::int64_t> hundredths(const boost::json::value& v);

}  // namespace skillgrade::http
