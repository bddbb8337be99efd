#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast.hpp>
#include <boost/url.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "http/problem.hpp"
#include "http/router.hpp"

namespace skillgrade::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

// Request counters for /metrics (Prometheus text format).
struct metrics {
    std::atomic<std::uint64_t> by_class[6]{};
    std::atomic<std::uint64_t> micros_total{0};
    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> in_flight{0};
};

std::string mime_of(const std::string& path) {
    static const std::pair<const char*, const char*> types[] = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"}, {".json", "application/json"},
        {".woff2", "font/woff2"}, {".txt", "text/plain; charset=utf-8"}};
    for (auto& [ext, type] : types)
        if (path.ends_with(ext)) return type;
    return "application/octet-stream";
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

struct server::impl {
    app::service& svc;
    server_options opts;
    router routes = make_routes();
    asio::io_context ioc;
    asio::thread_pool workers;
    tcp::acceptor acceptor;
    metrics stats;
    std::vector<std::thread> threads;

    impl(app::service& s, server_options o)
        : svc(s), opts(std::move(o)), ioc(opts.io_threads), workers(static_cast<std::size_t>(opts.workers)), acceptor(ioc) {
        tcp::endpoint ep(asio::ip::make_address(opts.host), opts.port);
        acceptor.open(ep.protocol());
        acceptor.set_option(asio::socket_base::reuse_address(true));
        acceptor.bind(ep);
        acceptor.listen(asio::socket_base::max_listen_connections);
    }

    asio::awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, sock] = co_await acceptor.async_accept(asio::experimental::as_tuple(asio::use_awaitable));
            if (ec) {
                if (ec == asio::error::operation_aborted) co_return;
                continue;
            }
            asio::co_spawn(ioc, session(std::move(sock)), asio::detached);
        }
    }

    asio::awaitable<void> session(tcp::socket sock) {
        beast::tcp_stream stream(std::move(sock));
        beast::flat_buffer buffer;
        std::string client;
        boost::system::error_code ignored;
        auto remote = stream.socket().remote_endpoint(ignored);
        if (!ignored) client = remote.address().to_string();
        for (;;) {
            bhttp::request_parser<bhttp::string_body> parser;
            // Apply a reasonable limit to the allowed size of the body and headers.
            parser.body_limit(opts.body_limit);
            parser.header_limit(32 * 1024);
            stream.expires_after(opts.timeout);
            auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, asio::experimental::as_tuple(asio::use_awaitable));
            if (ec == bhttp::error::body_limit) {
                request stub;
                stub.version(11);
                auto res = problem(stub, "zh", {core::errc::too_large, "request.too_large",
                                               {"请求体超过 " + std::to_string(opts.body_limit >> 20) + " MB 上限",
                                                "The request body exceeds " + std::to_string(opts.body_limit >> 20) + " MB"}, {}});
                res.keep_alive(false);
                co_await bhttp::async_write(stream, res, asio::experimental::as_tuple(asio::use_awaitable));
                break;
            }
            if (ec) break;
            request req = parser.release();
            stats.in_flight++;
            // SOCI blocks: the request is handled on the worker pool, then we resume here.
            response res = co_await asio::co_spawn(
                workers, [this, &req, &client]() -> asio::awaitable<response> { co_return handle(req, client); },
                asio::use_awaitable);
            stats.in_flight--;
            bool keep = res.keep_alive();
            stream.expires_after(opts.timeout);
            auto [wec, wn] = co_await bhttp::async_write(stream, res, asio::experimental::as_tuple(asio::use_awaitable));
            if (wec || !keep) break;
        }
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    response handle(const request& req, const std::string& client) {
        auto start = std::chrono::steady_clock::now();
        std::string user;
        response res;
        try {
            res = dispatch(req, client, user);
        } catch (const std::exception& e) {
            spdlog::error("event=unhandled method={} target={} error=\"{}\"", std::string(req.method_string()),
                          std::string(req.target()), e.what());
            res = problem(req, language_of(req), {core::errc::internal, "server.internal",
                                                   {"服务器内部错误，请稍后重试", "Internal server error; please try again later"}, {}});
        }
        auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
        stats.requests++;
        stats.micros_total += static_cast<std::uint64_t>(micros);
        auto cls = static_cast<unsigned>(res.result_int()) / 100;
        if (cls < 6) stats.by_class[cls]++;
        spdlog::info("event=request method={} target={} status={} ms={:.2f} user={} client={}", std::string(req.method_string()),
                     std::string(req.target().substr(0, 200)), res.result_int(), micros / 1000.0, user, client);
        res.set(bhttp::field::server, "skillgrade");
        res.set("X-Content-Type-Options", "nosniff");
        return res;
    }

    response dispatch(const request& req, const std::string& client, std::string& user) {
        auto target = boost::urls::parse_origin_form(req.target());
        if (!target) return plain(req, bhttp::status::bad_request, "bad request target");
        std::string path = target->path();
        if (path == "/healthz") return plain(req, bhttp::status::ok, "ok");
        if (path == "/readyz") return readyz(req);
        if (path == "/metrics") return metrics_text(req);
        if (!path.starts_with("/api/")) return static_file(req, path);

        auto lang = language_of(req);
        auto m = routes.match(req.method(), path);
        if (!m.route) {
            if (m.path_known)
                return problem(req, lang, {core::errc::malformed, "request.method", {"不支持的请求方法", "Method not allowed"}, {}});
            return problem(req, lang, {core::errc::not_found, "request.no_route", {"接口不存在：" + path, "No such endpoint: " + path}, {}});
        }
        context ctx{req, std::move(m.params), {}, lang, client, std::nullopt, svc};
        for (auto p : target->params()) ctx.query[p.key] = p.value;
        if (m.route->permission != app::perm::public_) {
            auto who = svc.authenticate(session_token(req));
            if (!who) return problem(ctx, who.error());
            user = who->username;
            bool changes = req.method() != verb::get && req.method() != verb::head && req.method() != verb::options;
            if (changes && req["X-CSRF-Token"] != who->csrf_token)
                return problem(ctx, {core::errc::forbidden, "auth.csrf", {"缺少或无效的 CSRF 令牌", "Missing or invalid CSRF token"}, {}});
            if (!who->may(m.route->permission))
                return problem(ctx, {core::errc::forbidden, "auth.forbidden", {"没有权限执行此操作", "You are not allowed to do this"}, {}});
            ctx.who = std::move(*who);
        }
        return m.route->fn(ctx);
    }

    static std::string session_token(const request& req) {
        std::string_view cookie = req[bhttp::field::cookie];
        std::string_view key = "sg_session=";
        for (std::size_t pos = 0; (pos = cookie.find(key, pos)) != std::string_view::npos; pos += key.size()) {
            if (pos != 0 && cookie[pos - 1] != ' ' && cookie[pos - 1] != ';') continue;
            auto rest = cookie.substr(pos + key.size());
            return std::string(rest.substr(0, rest.find(';')));
        }
        return {};
    }

    static response plain(const request& req, bhttp::status s, std::string body, const char* type = "text/plain; charset=utf-8") {
        response res{s, req.version()};
        res.set(bhttp::field::content_type, type);
        res.set(bhttp::field::cache_control, "no-store");
        res.keep_alive(req.keep_alive());
        res.body() = std::move(body);
        res.prepare_payload();
        return res;
    }

    response readyz(const request& req) {
        try {
            svc.db().schema_version();
            return plain(req, bhttp::status::ok, "ready");
        } catch (const std::exception& e) {
            return plain(req, bhttp::status::service_unavailable, std::string("database unavailable: ") + e.what());
        }
    }

    response metrics_text(const request& req) {
        std::string out = "# HELP skillgrade_http_requests_total HTTP requests by status class.\n"
                          "# TYPE skillgrade_http_requests_total counter\n";
        for (int c = 1; c < 6; ++c)
            out += "skillgrade_http_requests_total{code=\"" + std::to_string(c) + "xx\"} " + std::to_string(stats.by_class[c].load()) + "\n";
        out += "# HELP skillgrade_http_request_duration_seconds_sum Time spent handling requests.\n"
               "# TYPE skillgrade_http_request_duration_seconds_sum counter\n"
               "skillgrade_http_request_duration_seconds_sum " + std::to_string(stats.micros_total.load() / 1e6) + "\n"
               "# TYPE skillgrade_http_request_duration_seconds_count counter\n"
               "skillgrade_http_request_duration_seconds_count " + std::to_string(stats.requests.load()) + "\n"
               "# TYPE skillgrade_http_requests_in_flight gauge\n"
               "skillgrade_http_requests_in_flight " + std::to_string(stats.in_flight.load()) + "\n";
        return plain(req, bhttp::status::ok, out, "text/plain; version=0.0.4");
    }

    // The built web app: precompressed .gz files when the client takes gzip; index.html for
    // client-side routes; hashed assets cached for a year.
    response static_file(const request& req, const std::string& path) {
        if (req.method() != verb::get && req.method() != verb::head)
            return plain(req, bhttp::status::method_not_allowed, "method not allowed");
        if (opts.static_dir.empty()) return plain(req, bhttp::status::not_found, "the web app is not built");
        namespace fs = std::filesystem;
        if (path.find("..") != std::string::npos) return plain(req, bhttp::status::bad_request, "bad path");
        fs::path root(opts.static_dir);
        fs::path file = root / path.substr(1);
        if (path == "/" || !fs::is_regular_file(file)) {
            if (path.starts_with("/assets/")) return plain(req, bhttp::status::not_found, "not found");
            file = root / "index.html";
        }
        if (!fs::is_regular_file(file)) return plain(req, bhttp::status::not_found, "the web app is not built");
        response res{bhttp::status::ok, req.version()};
        res.set(bhttp::field::content_type, mime_of(file.string()));
        res.set(bhttp::field::cache_control,
                path.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
        res.set(bhttp::field::vary, "Accept-Encoding");
        auto gz = fs::path(file.string() + ".gz");
        if (req[bhttp::field::accept_encoding].find("gzip") != std::string_view::npos && fs::is_regular_file(gz)) {
            res.set(bhttp::field::content_encoding, "gzip");
            res.body() = read_file(gz);
        } else {
            res.body() = read_file(file);
        }
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        if (req.method() == verb::head) res.body().clear();
        return res;
    }
};

server::server(app::service& svc, server_options opts) : impl_(std::make_unique<impl>(svc, std::move(opts))) {}
server::~server() { stop(); }

std::uint16_t server::port() const { return impl_->acceptor.local_endpoint().port(); }

void server::run() {
    asio::co_spawn(impl_->ioc, impl_->accept_loop(), asio::detached);
    for (int i = 1; i < impl_->opts.io_threads; ++i) impl_->threads.emplace_back([this] { impl_->ioc.run(); });
    impl_->ioc.run();
    for (auto& t : impl_->threads) t.join();
    impl_->threads.clear();
}

void server::stop() {
    asio::post(impl_->ioc, [this] {
        boost::system::error_code ec;
        impl_->acceptor.close(ec);
    });
    impl_->ioc.stop();
}

}  // namespace skillgrade::http
