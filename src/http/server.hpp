// server.hpp
// The HTTP server: Boost.Beast; the listeners on a few I/O threads, each connection on the worker
// pool (SOCI blocks), where a worker reads a request, handles it and writes the answer without
// handing it to another thread; a worker waiting on the database holds up only its own request,
// the other workers go on reading and answering. Limits apply before
// authentication: a small body for public routes, a session before any other body is read,
// connections per client address, and the request bytes buffered at once.
//
//   http::server srv(ctx, {.host = "127.0.0.1", .port = 0});
//   std::cout << srv.port();  srv.run();   // until stop()
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "app/context.hpp"

namespace skillgrade::http {

struct server_options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    int io_threads = 1;
    int workers = 4;
    std::size_t body_limit = 32u << 20;         // bytes, for signed-in users (uploads)
    std::size_t public_body_limit = 4u << 10;   // bytes, for routes without a session (sign-in)
    std::size_t header_limit = 32u << 10;       // bytes; more is 431
    std::size_t max_buffered = 256u << 20;      // request bodies held at once, all clients together
    int max_connections_per_client = 64;        // open connections from one address
    std::chrono::seconds timeout{30};           // per read and write
    std::string static_dir;                     // the built web app (web/dist), read once at start
    // /metrics: on its own listener (metrics_host empty = none; port 0 picks one), and on the
    // main port only with "Authorization: Bearer <metrics_token>" when a token is configured.
    std::string metrics_host = "127.0.0.1";
    std::uint16_t metrics_port = 9464;
    std::string metrics_token;
    // SIGINT and SIGTERM stop the server (through asio, so nothing unsafe runs inside a signal handler).
    bool stop_on_signals = false;
};

class server {
public:
    server(app::context& app, server_options opts);
    ~server();
    std::uint16_t port() const;
    std::uint16_t metrics_port() const;  // 0 when there is no metrics listener
    void run();   // blocks until stop()
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace skillgrade::http
