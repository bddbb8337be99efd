// Fuzz target for the HTTP request path: the bytes are one request on the wire. Beast's parser
// reads it with the server's limits, and on a whole request the target runs what the server
// runs before any handler: the target (path and query), path ids, query integers, the session
// cookie, the route table and, for a JSON body, Boost.JSON. Links edge.cpp and router.cpp
// only, not the application: the routes below are shaped like those of routes.cpp.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/edge.hpp"
#include "http/router.hpp"

namespace {
namespace http = skillgrade::http;
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using skillgrade::app::perm;
using bhttp::verb;

const http::router& routes() {
    static const http::router r = [] {
        http::router r;
        auto none = [](http::context&) { return http::response{}; };
        r.add(verb::post, "/api/v1/auth/login", perm::public_, none);
        r.add(verb::get, "/api/v1/auth/me", perm::authenticated, none);
        r.add(verb::get, "/api/v1/engineers", perm::engineers_read, none);
        r.add(verb::get, "/api/v1/engineers/export.xlsx", perm::engineers_export, none);
        r.add(verb::get, "/api/v1/engineers/{id}", perm::engineers_read, none);
        r.add(verb::put, "/api/v1/engineers/{id}", perm::engineers_write, none);
        r.add(verb::post, "/api/v1/engineers/{id}/levels", perm::engineers_write, none);
        r.add(verb::get, "/api/v1/cycles/{id}/results", perm::results_read, none);
        r.add(verb::post, "/api/v1/cycles/{id}/scores/import", perm::scores_write, none);
        r.add(verb::post, "/api/v1/applications/{id}/votes", perm::committee_vote, none);
        r.add(verb::post, "/api/v1/users/{id}/password", perm::users_manage, none);
        return r;
    }();
    return r;
}

// Visits every key and value, as a handler reading fields would; the sum keeps it from being optimised away.
std::size_t walk(const json::value& v) {
    std::size_t n = 1;
    switch (v.kind()) {
        case json::kind::object:
            for (auto& [key, child] : v.get_object()) n += key.size() + walk(child);
            break;
        case json::kind::array:
            for (auto& child : v.get_array()) n += walk(child);
            break;
        case json::kind::string: n += v.get_string().size(); break;
        case json::kind::int64: n += static_cast<std::size_t>(v.get_int64() & 1); break;
        default: break;
    }
    return n;
}

volatile std::size_t sink;
}  // namespace

extern "C" int fuzz_http(const std::uint8_t* data, std::size_t size) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(32 * 1024);
    parser.body_limit(1024 * 1024);
    parser.eager(true);
    boost::system::error_code ec;
    auto rest = std::string_view(reinterpret_cast<const char*>(data), size);
    while (!parser.is_done()) {
        std::size_t n = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
        rest.remove_prefix(n);
        if (ec == bhttp::error::need_more) {
            ec = {};
            if (n > 0) continue;
            parser.put_eof(ec);  // no more bytes: a truncated request is an error here
            break;
        }
        if (ec || n == 0) break;
    }
    if (ec || !parser.is_done()) return 0;

    auto& req = parser.get();
    std::size_t n = 0;
    if (auto target = http::parse_target(req.target())) {
        std::string_view path = target->raw_path;
        for (std::size_t start = 1; start <= path.size();) {
            auto end = path.find('/', start);
            if (end == std::string_view::npos) end = path.size();
            n += http::parse_id(path.substr(start, end - start)).value_or(0) & 1;
            start = end + 1;
        }
        for (auto& [key, value] : target->query) n += http::parse_integer(value, -1000, 1000000).value_or(0) & 1;
        auto m = routes().match(req.method(), target->raw_path);
        n += m.allowed.size() + m.params.size() + (m.route ? 1 : 0);
        for (auto& [name, value] : m.params)
            if (!http::parse_id(value)) __builtin_trap();  // the router promised an id
    }
    if (auto token = http::cookie_value(req[bhttp::field::cookie], http::session_cookie)) n += token->size();
    if (req[bhttp::field::content_type].starts_with("application/json")) {
        auto v = json::parse(req.body(), ec);
        if (!ec && v.is_object()) n += walk(v);
    }
    sink = n;
    return 0;
}
