// router.hpp
// The route table: verb, path pattern ("/api/v1/engineers/{id}"), the permission it needs and
// the handler. All routes are declared on one screen in routes.cpp.
//
//   router r;
//   r.add(verb::get, "/api/v1/engineers/{id}", perm::engineers_read, get_engineer);
//   if (auto m = r.match(verb::get, "/api/v1/engineers/7")) m->route->handler(ctx);
#pragma once
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"

namespace skillgrade::http {

namespace bhttp = boost::beast::http;
using request = bhttp::request<bhttp::string_body>;
using response = bhttp::response<bhttp::string_body>;
using verb = bhttp::verb;

struct context {
    const request& req;
    std::map<std::string, std::string> params;  // path parameters
    std::map<std::string, std::string> query;   // decoded query string
    std::string lang;                            // "zh" or "en"
    std::string client;                          // remote address
    std::optional<app::principal> who;
    app::context& app;
    // A handler that answers only later (after a shared commit) sets this and returns any
    // response: the server then calls it with the function that sends the answer, which may be
    // called on any thread. Whatever it captures must outlive this context (the request does).
    std::function<void(std::function<void(response)>)> later;

    // A path id; the router matched it with parse_id, so it is a positive 64-bit number.
    std::int64_t id(const std::string& name) const;
};

using handler = std::function<response(context&)>;

struct route {
    verb method;
    std::string pattern;
    app::perm permission;
    handler fn;
    std::vector<std::string> segments;
};

class router {
public:
    void add(verb method, std::string pattern, app::perm permission, handler fn);
    struct match_result {
        const http::route* route = nullptr;
        std::map<std::string, std::string> params;
        std::vector<verb> allowed;  // the methods of the routes with this path (405 with Allow)
    };
    // Matches the percent-encoded path: a literal segment matches only itself, an {id} only a
    // strict positive decimal (parse_id), so "0", "01", "-1", "1e3" and "7%2F8" match nothing.
    match_result match(verb method, std::string_view encoded_path) const;
    const std::vector<route>& routes() const { return routes_; }

private:
    std::vector<route> routes_;
};

// The application's routes.
router make_routes();

}  // namespace skillgrade::http
