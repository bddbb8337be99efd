#include "http/server.hpp"

#include <atomic>
#include <mutex>
#include <spdlog/spdlog.h>
#include <thread>
#include <unordered_map>
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast.hpp>

#include "app/accounts.hpp"
#include "app/group_commit.hpp"
#include "http/edge.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

// g++ 12 reports asio's coroutine frames, allocated by its own operator new, as freed by a
// mismatched delete once one awaitable awaits another (answer_later); a known false positive.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace skillgrade::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
constexpr auto as_tuple = asio::experimental::as_tuple(asio::use_awaitable);

namespace {

// Request counters for /metrics (Prometheus text format).
struct metrics {
    std::atomic<std::uint64_t> by_class[6]{};
    std::atomic<std::uint64_t> micros_total{0};
    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> in_flight{0};
    std::atomic<std::uint64_t> refused{0};  // connections and bodies refused by a limit
};

core::error edge_error(core::errc code, const char* slug, core::text title, int retry_after = 0) {
    core::error e{code, slug, std::move(title), {}};
    e.retry_after = retry_after;
    return e;
}

std::string methods_of(const std::vector<verb>& verbs) {
    std::string out;
    for (auto v : verbs) {
        if (!out.empty()) out += ", ";
        out += std::string(bhttp::to_string(v));
    }
    return out;
}

// One client address's open connections, released when the connection ends.
class connection_slot {
public:
    connection_slot(std::mutex& m, std::unordered_map<std::string, int>& counts, std::string addr, int max)
        : m_(m), counts_(counts), addr_(std::move(addr)) {
        std::lock_guard lock(m_);
        ok_ = ++counts_[addr_] <= max;
    }
    ~connection_slot() {
        std::lock_guard lock(m_);
        if (--counts_[addr_] <= 0) counts_.erase(addr_);
    }
    bool ok() const { return ok_; }

private:
    std::mutex& m_;
    std::unordered_map<std::string, int>& counts_;
    std::string addr_;
    bool ok_ = false;
};

// Bytes reserved from the shared budget of buffered request bodies for one request.
class body_reservation {
public:
    body_reservation(std::atomic<std::size_t>& used, std::size_t max, std::size_t bytes) : used_(used), bytes_(bytes) {
        auto now = used_.fetch_add(bytes_) + bytes_;
        if (now > max) {
            used_ -= bytes_;
            bytes_ = 0;
            ok_ = false;
        }
    }
    ~body_reservation() { used_ -= bytes_; }
    bool ok() const { return ok_; }

private:
    std::atomic<std::size_t>& used_;
    std::size_t bytes_;
    bool ok_ = true;
};

}  // namespace

struct server::impl {
    app::context& app;
    server_options opts;
    router routes = make_routes();
    static_files web;
    // Declared before the io_context: sessions still pending when it is destroyed release their
    // connection slot and body reservation into these.
    std::mutex clients_mutex;
    std::unordered_map<std::string, int> clients;
    std::atomic<std::size_t> buffered{0};
    // The workers outlive the io_context: an accept still pending when it goes holds a socket of theirs.
    asio::thread_pool workers;
    asio::io_context ioc;
    tcp::acceptor acceptor;
    std::optional<tcp::acceptor> metrics_acceptor;
    metrics stats;
    std::vector<std::thread> threads;

    impl(app::context& s, server_options o)
        : app(s), opts(std::move(o)), web(opts.static_dir), workers(static_cast<std::size_t>(opts.workers)), ioc(opts.io_threads),
          acceptor(ioc) {
        listen(acceptor, opts.host, opts.port);
        if (!opts.metrics_host.empty()) {
            try {
                metrics_acceptor.emplace(ioc);
                listen(*metrics_acceptor, opts.metrics_host, opts.metrics_port);
            } catch (const std::exception& e) {
                spdlog::warn("event=metrics_listener_failed address={}:{} error=\"{}\"", opts.metrics_host, opts.metrics_port, e.what());
                metrics_acceptor.reset();
            }
        }
        if (!opts.static_dir.empty())
            spdlog::info("event=static_files dir={} files={} bytes={}", opts.static_dir, web.size(), web.bytes());
    }

    static void listen(tcp::acceptor& a, const std::string& host, std::uint16_t port) {
        tcp::endpoint ep(asio::ip::make_address(host), port);
        a.open(ep.protocol());
        a.set_option(asio::socket_base::reuse_address(true));
        a.bind(ep);
        a.listen(asio::socket_base::max_listen_connections);
    }

    asio::awaitable<void> accept_loop(tcp::acceptor& from, bool metrics_only) {
        for (;;) {
            // A connection of the main listener lives on the workers (in a strand of its own): its
            // reads, its handler and its writes run on one worker thread, with no hand-off between
            // threads; a handler that waits on the database holds only its own worker.
            asio::any_io_executor on = metrics_only ? asio::any_io_executor(ioc.get_executor())
                                                    : asio::any_io_executor(asio::make_strand(workers.get_executor()));
            auto [ec, sock] = co_await from.async_accept(on, as_tuple);
            if (ec) {
                if (ec == asio::error::operation_aborted || !from.is_open()) co_return;
                continue;
            }
            if (metrics_only) asio::co_spawn(ioc, metrics_session(std::move(sock)), asio::detached);
            else asio::co_spawn(on, session(std::move(sock)), asio::detached);
        }
    }

    // Security headers on every answer; HSTS when the cookies are marked Secure (served over HTTPS).
    void harden(response& res) const {
        res.set(bhttp::field::server, "skillgrade");
        res.set("X-Content-Type-Options", "nosniff");
        res.set("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                "form-action 'self'");
        res.set("Referrer-Policy", "no-referrer");
        // The camera for the exam's webcam snapshots (asked only after the candidate consents), from this origin only.
        res.set("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
        res.set("Cross-Origin-Opener-Policy", "same-origin");
        res.set("X-Frame-Options", "DENY");
        if (app.cfg().secure_cookies) res.set(bhttp::field::strict_transport_security, "max-age=31536000; includeSubDomains");
    }

    // An answer given before (or instead of) reading the whole request; the connection closes after it.
    response refusal(const request& req, const core::error& e) {
        stats.refused++;
        auto res = problem(req, language_of(req), e);
        res.keep_alive(false);
        harden(res);
        count(res);
        return res;
    }

    static const request& no_request() {
        static const request stub = [] {
            request r;
            r.version(11);
            return r;
        }();
        return stub;
    }

    core::error parse_failure(const boost::system::error_code& ec) const {
        if (ec == bhttp::error::body_limit) return too_large(opts.body_limit);  // a Content-Length over every route's limit
        if (ec == bhttp::error::header_limit)
            return edge_error(core::errc::header_too_large, "request.header_too_large",
                              {"请求头过大", "The request headers are too large"});
        return edge_error(core::errc::malformed, "request.malformed",
                          {"请求格式错误：" + ec.message(), "Malformed request: " + ec.message()});
    }

    static bool quiet_end(const boost::system::error_code& ec) {
        return ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
               ec == asio::error::connection_reset || ec == asio::error::operation_aborted || ec == asio::error::broken_pipe;
    }

    // One connection: read a request's header, decide what its body may be (size, session) before
    // reading it, handle it, answer; until the client or an error ends it. Runs on the workers.
    // (No temporaries with destructors inside co_await expressions: g++ 12 may destroy them twice.)
    asio::awaitable<void> session(tcp::socket sock) {
        beast::tcp_stream stream(std::move(sock));
        beast::flat_buffer buffer;
        std::string client;
        boost::system::error_code ignored;
        auto remote = stream.socket().remote_endpoint(ignored);
        if (!ignored) client = remote.address().to_string();
        connection_slot slot(clients_mutex, clients, client, opts.max_connections_per_client);
        const std::optional<app::principal> nobody;
        for (bool first = true;; first = false) {
            std::optional<response> close_with;  // an answer after which the connection closes
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(opts.header_limit));
            parser.body_limit(opts.body_limit);
            std::optional<app::principal> signed_in;
            std::optional<body_reservation> reserved;
            if (first && !slot.ok()) {
                close_with = refusal(no_request(),
                                     edge_error(core::errc::unavailable, "request.too_many_connections",
                                                {"来自同一地址的连接过多，请稍后重试", "Too many connections from this address; please try again later"}, 5));
            } else {
                stream.expires_after(opts.timeout);
                auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, as_tuple);
                if (ec) {
                    // A closed or silent connection gets no answer; anything the parser rejects does.
                    if (quiet_end(ec)) break;
                    close_with = refusal(no_request(), parse_failure(ec));
                }
            }
            bool has_body = !close_with && (parser.chunked() || (parser.content_length() && *parser.content_length() > 0));
            if (has_body) {
                // Decide before reading the body: how much this route may take, and from whom.
                auto& head = parser.get();
                auto target = parse_target(head.target());
                const http::route* r = nullptr;
                if (target && target->path.starts_with("/api/")) r = routes.match(head.method(), target->raw_path).route;
                bool is_public = r && r->permission == app::perm::public_;
                std::size_t limit = is_public ? opts.public_body_limit : opts.body_limit;
                if (!r) {  // no route takes a body here: its answer (404, 405, static), then close
                    auto res = handle_counted(head, client, nobody);
                    res.keep_alive(false);
                    close_with = std::move(res);
                } else if (parser.content_length() && *parser.content_length() > limit) {
                    close_with = refusal(head, too_large(limit));
                } else if (!is_public) {
                    auto who = app::authenticate(app, session_token(head));
                    if (!who) close_with = refusal(head, who.error());
                    else signed_in = std::move(*who);
                }
                if (!close_with) {
                    reserved.emplace(buffered, opts.max_buffered, parser.content_length().value_or(limit));
                    if (!reserved->ok())
                        close_with = refusal(head, edge_error(core::errc::unavailable, "request.busy",
                                                              {"服务器正忙，请稍后重试", "The server is busy; please try again shortly"}, 5));
                }
                if (!close_with) {
                    parser.body_limit(limit);
                    stream.expires_after(opts.timeout);
                    auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, as_tuple);
                    if (bec == bhttp::error::body_limit) close_with = refusal(head, too_large(limit));
                    else if (bec && quiet_end(bec)) break;
                    else if (bec) close_with = refusal(head, parse_failure(bec));
                }
            }
            if (close_with) {
                stream.expires_after(opts.timeout);
                co_await bhttp::async_write(stream, *close_with, as_tuple);
                break;
            }
            request req = parser.release();
            later_fn later;
            auto res = handle_counted(req, client, signed_in, &later);
            if (later) res = co_await answer_later(std::move(later));
            reserved.reset();
            bool keep = res.keep_alive();
            stream.expires_after(opts.timeout);
            auto [wec, wn] = co_await bhttp::async_write(stream, res, as_tuple);
            if (wec || !keep) break;
        }
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    // The metrics listener answers /metrics and /healthz only.
    asio::awaitable<void> metrics_session(tcp::socket sock) {
        beast::tcp_stream stream(std::move(sock));
        beast::flat_buffer buffer;
        boost::system::error_code ignored;
        for (;;) {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(8192);
            parser.body_limit(0);
            stream.expires_after(opts.timeout);
            auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, as_tuple);
            if (ec) break;
            request req = parser.release();
            auto target = parse_target(req.target());
            response res = target && target->path == "/metrics"   ? metrics_text(req)
                           : target && target->path == "/healthz" ? plain(req, bhttp::status::ok, "ok")
                                                                  : problem(req, language_of(req), no_route(target ? target->path : ""));
            harden(res);
            bool keep = res.keep_alive();
            auto [wec, wn] = co_await bhttp::async_write(stream, res, as_tuple);
            if (wec || !keep) break;
        }
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    static core::error too_large(std::size_t limit) {
        auto size = limit >= (1u << 20) ? std::to_string(limit >> 20) + " MB" : std::to_string(limit >> 10) + " KB";
        return edge_error(core::errc::too_large, "request.too_large", {"请求体超过 " + size + " 上限", "The request body exceeds " + size});
    }

    static core::error no_route(const std::string& path) {
        return edge_error(core::errc::not_found, "request.no_route", {"接口不存在：" + path, "No such endpoint: " + path});
    }

    using later_fn = std::function<void(std::function<void(response)>)>;

    // `who`: the session already authenticated before the body was read, if any. A handler that
    // answers later leaves `later` set (see context::later), and its answer is counted then.
    response handle_counted(const request& req, const std::string& client, const std::optional<app::principal>& who,
                            later_fn* later = nullptr) {
        stats.in_flight++;
        auto res = handle(req, client, who, later);
        stats.in_flight--;
        return res;
    }

    void count(const response& res) {
        stats.requests++;
        auto cls = static_cast<unsigned>(res.result_int()) / 100;
        if (cls < 6) stats.by_class[cls]++;
    }

    static response internal_error(const request& req) {
        return problem(req, language_of(req), {core::errc::internal, "server.internal",
                                               {"服务器内部错误，请稍后重试", "Internal server error; please try again later"}, {}});
    }

    response handle(const request& req, const std::string& client, std::optional<app::principal> who, later_fn* later) {
        auto start = std::chrono::steady_clock::now();
        std::string user;
        response res;
        later_fn deferred;
        try {
            res = dispatch(req, client, user, std::move(who), deferred);
        } catch (const std::exception& e) {
            spdlog::error("event=unhandled method={} target={} error=\"{}\"", std::string(req.method_string()),
                          std::string(req.target()), e.what());
            res = internal_error(req);
            deferred = nullptr;
        }
        if (deferred && later) {
            *later = [this, &req, client, user, start, deferred = std::move(deferred)](std::function<void(response)> reply) {
                auto done = [this, &req, client, user, start, reply](response res) {
                    finished(req, res, start, user, client);
                    reply(std::move(res));
                };
                try {
                    deferred(done);
                } catch (const std::exception& e) {
                    spdlog::error("event=unhandled method={} target={} error=\"{}\"", std::string(req.method_string()),
                                  std::string(req.target()), e.what());
                    done(internal_error(req));
                }
            };
            return res;
        }
        if (deferred) res = internal_error(req);  // a handler that answers later where nothing waits for it
        finished(req, res, start, user, client);
        return res;
    }

    // Counts, logs and hardens an answer about to be sent.
    void finished(const request& req, response& res, std::chrono::steady_clock::time_point start, const std::string& user,
                  const std::string& client) {
        auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
        stats.micros_total += static_cast<std::uint64_t>(micros);
        count(res);
        if (spdlog::should_log(spdlog::level::info))
            spdlog::info("event=request method={} target={} status={} ms={:.2f} user={} client={}", std::string(req.method_string()),
                         std::string(req.target().substr(0, 200)), res.result_int(), micros / 1000.0, user, client);
        harden(res);
    }

    // Waits, without holding a worker, for a handler's later answer, sent to this connection's strand.
    static asio::awaitable<response> answer_later(later_fn later) {
        auto ex = co_await asio::this_coro::executor;
        auto init = [ex, &later](auto handler) {
            auto h = std::make_shared<decltype(handler)>(std::move(handler));
            later([ex, h](response res) { asio::post(ex, [h, res = std::move(res)]() mutable { (*h)(std::move(res)); }); });
        };
        co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(response)>(init, asio::use_awaitable);
    }

    response method_not_allowed(const request& req, const std::string& lang, const std::vector<verb>& allowed) {
        auto res = problem(req, lang, edge_error(core::errc::method_not_allowed, "request.method",
                                                 {"不支持的请求方法，可用：" + methods_of(allowed),
                                                  "Method not allowed; use " + methods_of(allowed)}));
        res.set(bhttp::field::allow, methods_of(allowed));
        return res;
    }

    response dispatch(const request& req, const std::string& client, std::string& user, std::optional<app::principal> pre,
                      later_fn& later) {
        auto lang = language_of(req);
        auto target = parse_target(req.target());
        if (!target) {
            auto res = problem(req, lang, edge_error(core::errc::malformed, "request.bad_target",
                                                     {"请求地址无效", "The request target is not valid"}));
            res.keep_alive(false);
            return res;
        }
        const auto& path = target->path;
        if (path == "/healthz") return plain(req, bhttp::status::ok, "ok");
        if (path == "/readyz") return readyz(req);
        if (path == "/metrics") {
            auto auth = req[bhttp::field::authorization];
            if (!opts.metrics_token.empty() && auth.starts_with("Bearer ") && auth.substr(7) == opts.metrics_token)
                return metrics_text(req);
            return problem(req, lang, no_route(path));
        }
        if (!path.starts_with("/api/")) return serve_static(req, lang, path);

        auto m = routes.match(req.method(), target->raw_path);
        if (!m.route) {
            if (!m.allowed.empty()) return method_not_allowed(req, lang, m.allowed);
            return problem(req, lang, no_route(path));
        }
        context ctx{req, std::move(m.params), {}, lang, client, std::nullopt, app};
        for (auto& [k, v] : target->query) ctx.query.emplace(k, v);
        if (m.route->permission != app::perm::public_) {
            auto who = pre ? core::result<app::principal>(std::move(*pre)) : app::authenticate(app, session_token(req));
            if (!who) return problem(ctx, who.error());
            user = who->username;
            bool changes = req.method() != verb::get && req.method() != verb::head && req.method() != verb::options;
            if (changes && req["X-CSRF-Token"] != who->csrf_token)
                return problem(ctx, {core::errc::forbidden, "auth.csrf", {"缺少或无效的 CSRF 令牌", "Missing or invalid CSRF token"}, {}});
            if (auto gate = who->gate(); gate && m.route->permission != app::perm::account) return problem(ctx, *gate);
            if (!who->may(m.route->permission))
                return problem(ctx, {core::errc::forbidden, "auth.forbidden", {"没有权限执行此操作", "You are not allowed to do this"}, {}});
            ctx.who = std::move(*who);
        }
        auto res = m.route->fn(ctx);
        later = std::move(ctx.later);
        return res;
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
            app.db().schema_version();
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
               "skillgrade_http_requests_in_flight " + std::to_string(stats.in_flight.load()) + "\n"
               "# HELP skillgrade_http_refused_total Connections and requests refused by a limit before they were read.\n"
               "# TYPE skillgrade_http_refused_total counter\n"
               "skillgrade_http_refused_total " + std::to_string(stats.refused.load()) + "\n";
        auto w = app.writes().totals();
        out += "# HELP skillgrade_durable_writes_total Writes acknowledged after a shared commit (exam answers).\n"
               "# TYPE skillgrade_durable_writes_total counter\n"
               "skillgrade_durable_writes_total " + std::to_string(w.writes) + "\n"
               "# HELP skillgrade_durable_commits_total Commits (each one fsync) that made those writes durable.\n"
               "# TYPE skillgrade_durable_commits_total counter\n"
               "skillgrade_durable_commits_total " + std::to_string(w.commits) + "\n"
               "# HELP skillgrade_durable_writes_failed_total Writes that failed and were answered with an error.\n"
               "# TYPE skillgrade_durable_writes_failed_total counter\n"
               "skillgrade_durable_writes_failed_total " + std::to_string(w.failed) + "\n";
        return plain(req, bhttp::status::ok, out, "text/plain; version=0.0.4");
    }

    // The built web app from the table read at start-up: the precompressed variant when the client
    // takes gzip; index.html for client-side routes; hashed assets cached for a year.
    response serve_static(const request& req, const std::string& lang, const std::string& path) {
        if (req.method() != verb::get && req.method() != verb::head) return method_not_allowed(req, lang, {verb::get, verb::head});
        const static_file* f = path == "/" ? nullptr : web.find(path);
        if (!f) {
            if (path.starts_with("/assets/")) return problem(req, lang, edge_error(core::errc::not_found, "static.not_found", {"文件不存在", "No such file"}));
            f = web.index();
            if (!f)
                return problem(req, lang, edge_error(core::errc::not_found, "static.not_built",
                                                     {"网页应用尚未构建（make web）", "The web app is not built (make web)"}));
        }
        response res{bhttp::status::ok, req.version()};
        res.set(bhttp::field::content_type, f->type);
        res.set(bhttp::field::cache_control, f->immutable ? "public, max-age=31536000, immutable" : "no-cache");
        res.set(bhttp::field::vary, "Accept-Encoding");
        res.set(bhttp::field::etag, f->etag);
        res.keep_alive(req.keep_alive());
        if (req[bhttp::field::if_none_match] == f->etag) {
            res.result(bhttp::status::not_modified);
            return res;
        }
        if (!f->gzip.empty() && req[bhttp::field::accept_encoding].find("gzip") != std::string_view::npos) {
            res.set(bhttp::field::content_encoding, "gzip");
            res.body() = f->gzip;
        } else {
            res.body() = f->body;
        }
        res.prepare_payload();
        if (req.method() == verb::head) res.body().clear();
        return res;
    }

    static std::string session_token(const request& req) {
        return std::string(cookie_value(req[bhttp::field::cookie], session_cookie).value_or(""));
    }
};

server::server(app::context& app, server_options opts) : impl_(std::make_unique<impl>(app, std::move(opts))) {}
server::~server() {
    stop();
    // Saves waiting for their commit answer into this server's connections: let them finish first.
    impl_->app.writes().flush();
    // No worker may still be in a handler while the server's parts go.
    impl_->workers.join();
}

std::uint16_t server::port() const { return impl_->acceptor.local_endpoint().port(); }
std::uint16_t server::metrics_port() const {
    return impl_->metrics_acceptor ? impl_->metrics_acceptor->local_endpoint().port() : 0;
}

void server::run() {
    std::optional<asio::signal_set> signals;
    if (impl_->opts.stop_on_signals) {
        signals.emplace(impl_->ioc, SIGINT, SIGTERM);
        signals->async_wait([this](const boost::system::error_code& ec, int) {
            if (!ec) stop();
        });
    }
    asio::co_spawn(impl_->ioc, impl_->accept_loop(impl_->acceptor, false), asio::detached);
    if (impl_->metrics_acceptor) asio::co_spawn(impl_->ioc, impl_->accept_loop(*impl_->metrics_acceptor, true), asio::detached);
    for (int i = 1; i < impl_->opts.io_threads; ++i) impl_->threads.emplace_back([this] { impl_->ioc.run(); });
    impl_->ioc.run();
    for (auto& t : impl_->threads) t.join();
    impl_->threads.clear();
}

void server::stop() {
    asio::post(impl_->ioc, [this] {
        boost::system::error_code ec;
        impl_->acceptor.close(ec);
        if (impl_->metrics_acceptor) impl_->metrics_acceptor->close(ec);
    });
    impl_->ioc.stop();
    impl_->workers.stop();
}

}  // namespace skillgrade::http
