// skillgrade — the one binary: serve the web app and API, and run the administrative
// subcommands (migrate, demo, import, export, audit verify, user add / reset-password).
// Configuration: defaults < TOML file (--config) < SKILLGRADE_* environment < command line.
#include <charconv>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <random>
#include <spdlog/spdlog.h>
#include <sstream>
#include <toml++/toml.h>
#include <unistd.h>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/accounts.hpp"
#include "app/audit.hpp"
#include "app/context.hpp"
#include "app/demo.hpp"
#include "app/engineers.hpp"
#include "app/evaluation.hpp"
#include "app/exams.hpp"
#include "app/snapshots.hpp"
#include "app/jobs.hpp"
#include "app/schemes.hpp"
#include "app/views.hpp"
#include "app/sheet.hpp"
#include "core/numbers.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "storage/results.hpp"

using namespace skillgrade;

namespace {
// Progress on standard error: a bar redrawn in place on a terminal, a plain line at every tenth
// otherwise (logs and pipes). Always answers true: the command line does not stop half-way.
struct progress_printer {
    std::string unit;
    bool tty = isatty(STDERR_FILENO) != 0;
    int shown = -1;
    std::chrono::steady_clock::time_point drawn{};
    bool operator()(std::int64_t done, std::int64_t total) {
        int permille = total > 0 ? static_cast<int>(std::min<std::int64_t>(1000, done * 1000 / total)) : 1000;
        auto now = std::chrono::steady_clock::now();
        if (tty) {
            if (permille != 1000 && now - drawn < std::chrono::milliseconds(100)) return true;
            drawn = now;
            int filled = permille * 30 / 1000;
            std::cerr << "\r  [" << std::string(static_cast<std::size_t>(filled), '#') << std::string(static_cast<std::size_t>(30 - filled), '.')
                      << "] " << permille / 10 << "% " << done << " / " << total << " " << unit << (permille == 1000 ? "\n" : "")
                      << std::flush;
        } else if (permille / 100 != shown / 100 || (permille == 1000 && shown != 1000)) {
            std::cerr << "  " << done << " / " << total << " " << unit << " (" << permille / 10 << "%)\n";
        }
        shown = permille;
        return true;
    }
};

// The same for work written as a job's (an import): its steps drawn, never stopped.
struct printed_steps final : app::job_control {
    progress_printer print;
    explicit printed_steps(std::string unit) : print{std::move(unit)} {}
    bool step(std::int64_t done, std::int64_t total, std::string_view) override { return total <= 0 || print(done, total); }
    std::int64_t job_id() const override { return 0; }
};
}  // namespace

namespace {

struct settings {
    std::string db = "./data/skillgrade.db";
    std::string host = "127.0.0.1";
    int port = 8080;
    int workers = 4;
    int pool = 4;
    int connections_per_address = 256;  // an exam room behind one NAT address opens many
    std::string static_dir;
    std::string log_level = "info";
    std::string metrics_host = "127.0.0.1";
    int metrics_port = 9464;
    std::string metrics_token;
    app::config app;
};

// "admin,hr" -> roles; "" -> none. Throws on an unknown role.
std::vector<core::role> roles_of(const std::string& list) {
    std::vector<core::role> out;
    std::stringstream ss(list);
    std::string item;
    while (std::getline(ss, item, ',')) {
        while (!item.empty() && item.front() == ' ') item.erase(0, 1);
        while (!item.empty() && item.back() == ' ') item.pop_back();
        if (item.empty()) continue;
        auto r = core::role_from(item);
        if (!r) throw std::runtime_error("unknown role in mfa_required_roles: " + item);
        out.push_back(*r);
    }
    return out;
}

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

void load_config_file(const std::string& path, settings& s) {
    auto t = toml::parse_file(path);
    s.db = t["db"].value_or(s.db);
    s.host = t["host"].value_or(s.host);
    s.port = t["port"].value_or(s.port);
    s.workers = t["workers"].value_or(s.workers);
    s.connections_per_address = t["connections_per_address"].value_or(s.connections_per_address);
    s.pool = t["db_pool"].value_or(s.pool);
    s.static_dir = t["static_dir"].value_or(s.static_dir);
    s.log_level = t["log_level"].value_or(s.log_level);
    s.app.session_hours = t["session_hours"].value_or(s.app.session_hours);
    s.app.idle_minutes = t["idle_minutes"].value_or(s.app.idle_minutes);
    s.app.utc_offset_minutes = t["utc_offset_minutes"].value_or(s.app.utc_offset_minutes);
    s.app.secure_cookies = t["secure_cookies"].value_or(s.app.secure_cookies);
    s.app.login_max_failures = t["login_max_failures"].value_or(s.app.login_max_failures);
    s.app.login_max_failures_per_address = t["login_max_failures_per_address"].value_or(s.app.login_max_failures_per_address);
    s.app.login_max_failures_global = t["login_max_failures_global"].value_or(s.app.login_max_failures_global);
    s.metrics_host = t["metrics_host"].value_or(s.metrics_host);
    s.metrics_port = t["metrics_port"].value_or(s.metrics_port);
    s.metrics_token = t["metrics_token"].value_or(s.metrics_token);
    if (auto* a = t["mfa_required_roles"].as_array()) {
        std::string list;
        for (auto& v : *a) list += v.value_or(std::string()) + ",";
        s.app.mfa_required_roles = roles_of(list);
    }
}

void load_env(settings& s) {
    // A whole number in [lo, hi], or the variable is named in the error.
    auto num = [](const char* name, int& out, int lo = std::numeric_limits<int>::min(), int hi = std::numeric_limits<int>::max()) {
        auto v = env(name);
        if (v.empty()) return;
        int x = 0;
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
        if (ec != std::errc{} || end != v.data() + v.size() || x < lo || x > hi)
            throw std::runtime_error(std::string(name) + " must be a whole number" +
                                     (lo > std::numeric_limits<int>::min() ? " from " + std::to_string(lo) + " to " + std::to_string(hi) : "") +
                                     ", not \"" + v + "\"");
        out = x;
    };
    if (auto v = env("SKILLGRADE_DB"); !v.empty()) s.db = v;
    if (auto v = env("SKILLGRADE_HOST"); !v.empty()) s.host = v;
    num("SKILLGRADE_PORT", s.port);
    num("SKILLGRADE_WORKERS", s.workers);
    num("SKILLGRADE_CONNECTIONS_PER_ADDRESS", s.connections_per_address);
    num("SKILLGRADE_PARALLEL_EVALUATION_FROM", s.app.parallel_evaluation_from);
    num("SKILLGRADE_DB_POOL", s.pool);
    num("SKILLGRADE_EXAM_SAVE_GRACE_SECONDS", s.app.exam_save_grace_seconds, 0, 3600);
    num("SKILLGRADE_EXAM_SWEEP_SECONDS", s.app.exam_sweep_seconds, 1, 3600);
    num("SKILLGRADE_EXAM_SNAPSHOT_DAYS", s.app.exam_snapshot_days, 0, 3650);
    if (auto v = env("SKILLGRADE_STATIC_DIR"); !v.empty()) s.static_dir = v;
    if (auto v = env("SKILLGRADE_LOG_LEVEL"); !v.empty()) s.log_level = v;
    num("SKILLGRADE_SESSION_HOURS", s.app.session_hours);
    num("SKILLGRADE_IDLE_MINUTES", s.app.idle_minutes);
    s.app.fast_password_hashing = env("SKILLGRADE_FAST_PASSWORD_HASHING") == "1";
    if (auto v = env("SKILLGRADE_SECURE_COOKIES"); !v.empty()) s.app.secure_cookies = v == "1" || v == "true";
    if (const char* v = std::getenv("SKILLGRADE_MFA_REQUIRED_ROLES")) s.app.mfa_required_roles = roles_of(v);
    if (const char* v = std::getenv("SKILLGRADE_METRICS_HOST")) s.metrics_host = v;
    num("SKILLGRADE_METRICS_PORT", s.metrics_port);
    num("SKILLGRADE_LOGIN_MAX_FAILURES", s.app.login_max_failures);
    num("SKILLGRADE_LOGIN_MAX_FAILURES_PER_ADDRESS", s.app.login_max_failures_per_address);
    num("SKILLGRADE_LOGIN_MAX_FAILURES_GLOBAL", s.app.login_max_failures_global);
    if (auto v = env("SKILLGRADE_METRICS_TOKEN"); !v.empty()) s.metrics_token = v;
}

// The built web app: next to the binary's source tree by default.
std::string default_static_dir() {
    for (auto p : {std::filesystem::path("web/dist"), std::filesystem::path(SKILLGRADE_SOURCE_DIR) / "web/dist"})
        if (std::filesystem::is_directory(p)) return p.string();
    return "";
}

std::string read_stdin_line() {
    std::string line;
    std::getline(std::cin, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
    return line;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Messages in one language: Chinese when the locale (LC_ALL, LC_MESSAGES or LANG) is Chinese, else English.
std::string cli_language() {
    for (const char* k : {"LC_ALL", "LC_MESSAGES", "LANG"})
        if (auto v = env(k); !v.empty()) return v.starts_with("zh") ? "zh" : "en";
    return "en";
}

int report(const core::error& e) {
    auto lang = cli_language();
    bool zh = lang == "zh";
    std::cerr << (zh ? "错误：" : "error: ") << e.title.in(lang) << "\n";
    for (auto& f : e.fields) {
        std::cerr << "  ";
        if (f.row) std::cerr << (zh ? "第 " + std::to_string(f.row) + " 行 " : "row " + std::to_string(f.row) + " ");
        if (!f.column.empty()) std::cerr << "[" << f.column << "] ";
        else if (!f.field.empty()) std::cerr << f.field << ": ";
        std::cerr << f.message.in(lang) << "\n";
    }
    return 2;
}

app::principal cli_principal() {
    app::principal p;
    p.username = "cli:" + (env("USER").empty() ? std::string("root") : env("USER"));
    p.roles = {core::role::admin, core::role::hr};
    return p;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"skillgrade — skill levels and certification for after-sales engineers (售后工程师技能等级认证)"};
    cli.require_subcommand(1);
    settings s;
    std::string config_path = env("SKILLGRADE_CONFIG");
    cli.add_option("--config", config_path, "TOML configuration file");
    std::string db_flag;
    auto add_db = [&](CLI::App* c) { c->add_option("--db", db_flag, "database: file path (SQLite) or postgresql://…"); };

    auto* serve = cli.add_subcommand("serve", "serve the web app and the API");
    add_db(serve);
    std::string host_flag;
    int port_flag = -1;
    serve->add_option("--host", host_flag, "address to listen on (default 127.0.0.1)");
    serve->add_option("--port", port_flag, "port (0 picks a free one; default 8080)");
    serve->add_option("--static-dir", s.static_dir, "directory of the built web app");

    auto* routes = cli.add_subcommand("routes", "list the API routes with their permissions");

    auto* migrate = cli.add_subcommand("migrate", "create or upgrade the database schema");
    add_db(migrate);

    auto* demo = cli.add_subcommand("demo", "fill a new database with demo data and accounts");
    add_db(demo);
    std::string demo_password = env("SKILLGRADE_DEMO_PASSWORD");
    int demo_count = 300;
    demo->add_option("--password", demo_password, "password for every demo account (default: random, printed)");
    demo->add_option("--engineers", demo_count, "how many engineers (default 300)");

    auto* import = cli.add_subcommand("import", "import data from a file");
    auto* import_eng = import->add_subcommand("engineers", "import engineers from .xlsx or .csv (all rows or none)");
    add_db(import_eng);
    std::string import_file;
    bool dry_run = false;
    import_eng->add_option("FILE", import_file, "the .xlsx or .csv file")->required();
    import_eng->add_flag("--dry-run", dry_run, "validate only");
    import->require_subcommand(1);

    auto* export_ = cli.add_subcommand("export", "export data to a file");
    auto* export_eng = export_->add_subcommand("engineers", "export engineers to .xlsx");
    add_db(export_eng);
    std::string export_file;
    export_eng->add_option("FILE", export_file, "the .xlsx file to write")->required();
    export_->require_subcommand(1);

    auto* evaluate = cli.add_subcommand("evaluate", "run a cycle's comprehensive evaluation; prints a summary and the changes against the stored results");
    evaluate->footer("With --dry-run (a replay: any phase, closed cycles included; nothing is written) the exit status is\n"
                     "0 when the results are identical to the stored ones, 1 when they differ, 2 on an error (no such cycle,\n"
                     "no database), and CLI11's code (100 or more) for bad options. Without it: 0 once stored, non-zero on an error.\n");
    add_db(evaluate);
    long long cycle_id = 0;
    bool evaluate_dry_run = false;
    evaluate->add_option("--cycle", cycle_id, "cycle id")->required();
    evaluate->add_flag("--dry-run", evaluate_dry_run,
                       "replay: compute and compare with the stored results without storing, in any phase (exit 0 identical, 1 different)");
    long long show = 200;
    evaluate->add_option("--show", show, "list at most this many changes (-1: all; default 200)");

    auto* backup = cli.add_subcommand("backup", "copy a SQLite database while servers keep using it (online backup)");
    add_db(backup);
    std::string backup_to;
    backup->add_option("--to", backup_to, "the file to write (replaced when it exists)")->required();

    auto* audit = cli.add_subcommand("audit", "audit log");
    auto* verify = audit->add_subcommand("verify", "check the hash chain; exits non-zero on a broken link");
    add_db(verify);
    audit->require_subcommand(1);

    auto* check = cli.add_subcommand("check", "check the database: SQLite's integrity_check, or every table read on PostgreSQL; exits 1 unless ok");
    add_db(check);

    auto* exam = cli.add_subcommand("exam", "the online written exam");
    auto* exam_stats = exam->add_subcommand("stats", "item analysis of a sitting as JSON: items (p, point_biserial, upper_lower) and reliability (kr20 or alpha, sem)");
    add_db(exam_stats);
    long long sitting_id = 0;
    exam_stats->add_option("--sitting", sitting_id, "sitting id")->required();
    exam->require_subcommand(1);

    auto* user = cli.add_subcommand("user", "accounts");
    auto* user_add = user->add_subcommand("add", "add an account; the password is read from standard input");
    add_db(user_add);
    std::string username, display_name;
    std::vector<std::string> roles;
    long long engineer_id = 0;
    user_add->add_option("--username", username, "user name")->required();
    user_add->add_option("--name", display_name, "display name");
    user_add->add_option("--role", roles, "role: admin hr examiner committee manager engineer auditor (repeatable)")->required();
    user_add->add_option("--engineer-id", engineer_id, "link an engineer account to this engineer");
    auto* user_reset = user->add_subcommand("reset-password", "set a new password, read from standard input");
    add_db(user_reset);
    user_reset->add_option("--username", username, "user name")->required();
    user->require_subcommand(1);

    CLI11_PARSE(cli, argc, argv);

    if (*routes) {
        auto table = http::make_routes();
        for (auto& r : table.routes())
            std::cout << std::string(boost::beast::http::to_string(r.method)) << " " << r.pattern << " "
                      << app::to_string(r.permission) << "\n";
        return 0;
    }
    try {
        if (!config_path.empty()) load_config_file(config_path, s);
        load_env(s);
        if (!db_flag.empty()) s.db = db_flag;
        if (!host_flag.empty()) s.host = host_flag;
        if (port_flag >= 0) s.port = port_flag;
        spdlog::set_level(spdlog::level::from_str(s.log_level));
        spdlog::set_pattern("ts=%Y-%m-%dT%H:%M:%S.%eZ level=%l %v", spdlog::pattern_time_type::utc);

        // A connection per worker, and three more for the job runner (a job's unit of work and the
        // evaluation's two readers), so that a running job never waits for the requests' connections
        // nor takes theirs.
        auto db = storage::database::open(s.db, static_cast<std::size_t>(std::max(s.pool, s.workers) + 3));
        db->migrate();
        app::context ctx(*db, s.app);

        if (*migrate) {
            std::cout << "schema version " << db->schema_version() << "\n";
            int n = app::load_presets(ctx);
            if (n) std::cout << "loaded " << n << " preset schemes\n";
            return 0;
        }
        if (*demo) {
            std::string password = demo_password;
            if (password.empty()) {
                static const char* alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
                std::random_device rd;
                for (int i = 0; i < 12; ++i) password += alphabet[rd() % 31];
            }
            auto accounts = app::fill_demo(ctx, password, 2026, demo_count);
            if (!accounts) return report(accounts.error());
            std::cout << "demo data: " << demo_count << " engineers, 3 regions, 12 service centers"
                      << (demo_count >= 30 ? ", a closed and an open evaluation cycle\n" : "\n")
                      << "demo accounts (演示账号), password for all: " << password << "\n";
            for (auto& a : *accounts) std::cout << "  " << a.username << "\t" << a.role << "\n";
            if (!s.app.mfa_required_roles.empty()) {
                std::string list;
                for (auto r : s.app.mfa_required_roles) list += (list.empty() ? "" : ", ") + std::string(core::to_string(r));
                std::cout << "two-factor authentication (双因素认证) is required for: " << list << "\n"
                          << "  at the first sign-in the page shows a QR code: scan it with an authenticator app\n"
                          << "  (Microsoft Authenticator, Google Authenticator, FreeOTP …), enter the 6-digit code, and keep the\n"
                          << "  ten recovery codes it shows; every role may turn it on under 账号安全 / Account security.\n"
                          << "  首次登录时页面显示二维码：用身份验证器扫描，输入 6 位验证码，并妥善保存 10 个恢复码。\n";
            }
            return 0;
        }
        if (*serve) {
            app::load_presets(ctx);
            if (auto pw = app::ensure_admin(ctx))
                std::cout << "created user 'admin' with one-time password: " << *pw
                          << "  (change it with: skillgrade user reset-password --username admin)\n";
            if (s.static_dir.empty()) s.static_dir = default_static_dir();
            http::server_options o;
            o.host = s.host;
            o.port = static_cast<std::uint16_t>(s.port);
            o.workers = s.workers;
            o.max_connections_per_client = std::max(1, s.connections_per_address);
            o.static_dir = s.static_dir;
            o.metrics_host = s.metrics_host;
            o.metrics_port = static_cast<std::uint16_t>(s.metrics_port);
            o.metrics_token = s.metrics_token;
            o.stop_on_signals = true;
            http::server srv(ctx, o);
            app::job_runner jobs(ctx);  // long work queued by requests; stopped (and requeued) before the server goes
            jobs.start();
            // Attempts whose time ran out are submitted by the server, whether or not the candidate is
            // still connected.
            std::jthread deadlines([&ctx](std::stop_token st) {
                std::mutex m;
                std::condition_variable_any cv;
                while (!st.stop_requested()) {
                    try {
                        app::submit_overdue(ctx);
                    } catch (const std::exception& e) {
                        spdlog::warn("msg=\"overdue attempts not submitted\" error=\"{}\"", e.what());
                    }
                    try {
                        if (int n = app::purge_snapshots(ctx)) spdlog::info("event=snapshots_deleted count={}", n);
                    } catch (const std::exception& e) {
                        spdlog::warn("msg=\"snapshots past their retention not deleted\" error=\"{}\"", e.what());
                    }
                    std::unique_lock lock(m);
                    cv.wait_for(lock, st, std::chrono::seconds(std::max(1, ctx.cfg().exam_sweep_seconds)), [] { return false; });
                }
            });
            if (srv.metrics_port()) std::cout << "metrics on http://" << s.metrics_host << ":" << srv.metrics_port() << "/metrics\n";
            std::cout << "listening on http://" << s.host << ":" << srv.port() << std::endl;
            srv.run();
            deadlines.request_stop();
            deadlines.join();
            jobs.stop();
            return 0;
        }
        if (*import_eng) {
            auto bytes = read_file(import_file);
            printed_steps steps(cli_language() == "zh" ? "行" : "rows");
            auto r = app::import_engineers(ctx, cli_principal(), bytes, dry_run, &steps);
            if (!r) return report(r.error());
            if (r->failed()) {
                report({core::errc::invalid_input, "import.rows_invalid", app::import_failed(r->error_count), r->errors});
                return 2;
            }
            if (cli_language() == "zh") std::cout << (r->imported ? "已导入 " : "校验通过 ") << r->rows << " 名工程师\n";
            else std::cout << (r->imported ? "imported " : "validated ") << r->rows << (r->rows == 1 ? " engineer\n" : " engineers\n");
            return 0;
        }
        if (*export_eng) {
            auto r = app::export_engineers(ctx, cli_principal(), {});
            if (!r) return report(r.error());
            std::ofstream out(export_file, std::ios::binary);
            out << *r;
            if (!out) throw std::runtime_error("cannot write " + export_file);
            std::cout << "wrote " << export_file << "\n";
            return 0;
        }
        if (*evaluate) {
            db->temporary_data_on_disk();  // the ranking sorts a whole cycle
            auto who = cli_principal();
            bool zh = cli_language() == "zh";
            std::cerr << (zh ? "正在评定批次 " : "evaluating cycle ") << cycle_id << " …" << std::endl;
            auto line = [zh](std::int64_t total, bool passed, int rank, bool selected) {
                if (zh)
                    return core::format_hundredths(total) + (passed ? " 通过" : " 未通过") + " 名次 " + std::to_string(rank) +
                           (passed && !selected ? "（名额线外）" : "");
                return core::format_hundredths(total) + (passed ? " passed" : " not passed") + " rank " + std::to_string(rank) +
                       (passed && !selected ? " (below the quota line)" : "");
            };
            std::int64_t shown = 0;
            std::ostringstream listed;  // the changes follow the summary
            auto run = app::run_evaluation(ctx, 
                who, cycle_id, evaluate_dry_run, show < 0 ? std::numeric_limits<std::int64_t>::max() : show,
                [&](const storage::results::change& ch) {
                    if (show >= 0 && shown >= show) return;
                    ++shown;
                    listed << ch.kind << (zh ? " 申报 " : " application ") << ch.application_id << (zh ? "：" : ": ");
                    if (ch.kind == '+') listed << line(ch.new_total, ch.new_passed, ch.new_rank, ch.new_selected);
                    else if (ch.kind == '-') listed << line(ch.old_total, ch.old_passed, ch.old_rank, ch.old_selected) << (zh ? " -> 无" : " -> gone");
                    else
                        listed << line(ch.old_total, ch.old_passed, ch.old_rank, ch.old_selected) << " -> "
                               << line(ch.new_total, ch.new_passed, ch.new_rank, ch.new_selected);
                    if (!ch.employee_no.empty()) listed << "  [" << ch.employee_no << " " << ch.engineer_name << "]";
                    listed << "\n";
                },
                progress_printer{zh ? "份申报" : "applications"});
            if (!run) return report(run.error());
            auto changes = run->differences();
            if (zh) {
                std::cout << "批次 " << cycle_id << "：评定 " << run->evaluated << " 份，通过 " << run->passed << " 份，未通过 "
                          << run->evaluated - run->passed << " 份，名额内 " << run->selected << " 份"
                          << (evaluate_dry_run ? "（试运行，未存储任何数据）" : "") << "\n";
                if (run->as_stored)
                    std::cout << "基本条件：沿用审核时存储的结论（认证后工程师的等级、任职年限和培训已有变化，不再重新审核）\n";
                else
                    std::cout << "已按截止日重新核对 " << run->reviewed << " 份已审核申报的基本条件：" << run->eligibility_moved
                              << " 份结论与审核时不同（人工认定除外）\n";
                std::cout << listed.str();
                if (changes > shown) std::cout << "…… 另有 " << changes - shown << " 处（--show N 可列出更多）\n";
                std::cout << (changes ? "与存储的结果有 " + std::to_string(changes) + " 处不同（新增 " + std::to_string(run->added) + "，变化 " +
                                            std::to_string(run->changed) + "，消失 " + std::to_string(run->removed) + "）\n"
                                      : evaluate_dry_run ? "与存储的结果一致\n" : "与存储的结果相比没有变化\n");
            } else {
                std::cout << "cycle " << cycle_id << ": " << run->evaluated << " evaluated, " << run->passed << " passed, "
                          << run->evaluated - run->passed << " not passed, " << run->selected << " within the quotas"
                          << (evaluate_dry_run ? " (dry run, nothing stored)" : "") << "\n";
                if (run->as_stored)
                    std::cout << "eligibility: the verdicts stored at the review (the engineers' levels, years at level and training "
                                 "have moved on since certification; not reviewed again)\n";
                else
                    std::cout << "eligibility checked again at the cut-off for " << run->reviewed << " reviewed applications: "
                              << run->eligibility_moved << " verdict(s) differ from the review (overrides aside)\n";
                std::cout << listed.str();
                if (changes > shown) std::cout << "… and " << changes - shown << " more (--show N lists more)\n";
                std::cout << (changes ? std::to_string(changes) + " change(s) against the stored results (" + std::to_string(run->added) +
                                            " new, " + std::to_string(run->changed) + " changed, " + std::to_string(run->removed) + " gone)\n"
                                      : evaluate_dry_run ? "identical to the stored results\n" : "no change against the stored results\n");
            }
            return evaluate_dry_run && changes ? 1 : 0;
        }
        if (*backup) {
            auto pages = db->backup(backup_to);
            std::cout << "backup written to " << backup_to << " (" << pages << " pages)\n";
            return 0;
        }
        if (*check) {
            auto r = db->integrity_check();
            std::cout << r << "\n";
            return r == "ok" ? 0 : 1;
        }
        if (*exam_stats) {
            auto r = app::sitting_stats(ctx, cli_principal(), sitting_id);
            if (!r) return report(r.error());
            std::cout << boost::json::serialize(app::to_json(*r)) << "\n";
            return 0;
        }
        if (*verify) {
            auto v = app::verify_audit(ctx);
            if (v.ok) {
                std::cout << "audit chain intact: " << v.checked << " records\n";
                return 0;
            }
            std::cout << "audit chain BROKEN at record " << v.first_broken << ": " << v.reason << "\n";
            return 1;
        }
        if (*user_add || *user_reset) {
            auto password = read_stdin_line();
            if (*user_reset) {
                auto r = app::reset_password(ctx, cli_principal().username, username, password, /*must_change=*/false);
                if (!r) return report(r.error());
                std::cout << "password reset for " << username << "\n";
                return 0;
            }
            std::vector<core::role> rs;
            for (auto& r : roles) {
                auto role = core::role_from(r);
                if (!role) {
                    std::cerr << "error: unknown role " << r << " (admin hr examiner committee manager engineer auditor)\n";
                    return 2;
                }
                rs.push_back(*role);
            }
            auto id = app::add_user(ctx, cli_principal().username, username, display_name, password, rs,
                                   engineer_id > 0 ? std::optional<std::int64_t>(engineer_id) : std::nullopt, std::nullopt);
            if (!id) return report(id.error());
            std::cout << "created user " << username << " (id " << *id << ")\n";
            return 0;
        }
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return *evaluate && evaluate_dry_run ? 2 : 1;  // a replay's 1 means "different"
    }
    return 0;
}
