// The shared context of the use cases: clock, zone and the per-process caches.
#include "app/context.hpp"

#include <sodium.h>

#include <ctime>
#include <stdexcept>

#include "app/caches.hpp"
#include "app/group_commit.hpp"

namespace skillgrade::app {

context::context(storage::database& db, config cfg, clock_fn clock)
    : db_(db), cfg_(std::move(cfg)), clock_(clock ? std::move(clock) : clock_fn([] { return std::chrono::system_clock::now(); })),
      caches_(std::make_unique<caches>()) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

context::~context() = default;

group_commit& context::writes() {
    std::call_once(writes_once_, [&] { writes_ = std::make_unique<group_commit>(db_); });
    return *writes_;
}

std::string iso(std::chrono::system_clock::time_point t) {
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

core::error not_found(const char* what_zh, const char* what_en, std::int64_t id) {
    return {core::errc::not_found, "request.not_found",
            {std::string(what_zh) + "不存在：" + std::to_string(id), std::string("No such ") + what_en + ": " + std::to_string(id)}, {}};
}

std::string context::now_iso() const { return iso(clock_()); }

core::date context::today() const {
    auto local = clock_() + std::chrono::minutes(cfg_.utc_offset_minutes);
    return core::date{std::chrono::floor<std::chrono::days>(local)};
}

}  // namespace skillgrade::app
