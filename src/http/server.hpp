// server.hpp
// The HTTP server: Boost.Beast on a few I/O threads; every request is handled on a worker
// pool (SOCI blocks), so the I/O threads never wait on the database.
//
//   http::server srv(svc, {.host = "127.0.0.1", .port = 0});
//   std::cout << srv.port();  srv.run();   // until stop()
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "app/service.hpp"

namespace skillgrade::http {

struct server_options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    int io_threads = 1;
    int workers = 4;
    std::size_t body_limit = 32u << 20;         // bytes
    std::chrono::seconds timeout{30};           // per read and write
    std::string static_dir;                     // the built web app (web/dist)
};

class server {
public:
    server(app::service& svc, server_options opts);
    ~server();
    std::uint16_t port() const;
    void run();   // blocks until stop()
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace skillgrade::http
