#include "storage/database.hpp"
#include "storage/engineers.hpp"

#include <soci/connection-pool.h>
#include <soci/soci.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <boost/url/parse.hpp>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace skillgrade::storage {

extern const std::pair<std::string_view, std::string_view> kEmbedded[];
extern const std::size_t kEmbeddedCount;

// One connection's prepared statements by SQL text. Texts differ only by what is formatted in
// (org unit id lists), so the cache stays small; past kMaxStatements it starts over, at a moment
// when none of its statements is in use.
struct database::statement_cache {
    static constexpr std::size_t kMaxStatements = 200;
    struct entry {
        std::unique_ptr<soci::statement> st;
        bool busy = false;
    };
    std::uint64_t epoch = 0;
    std::unordered_map<std::string, entry> statements;
    int in_use = 0;
};

namespace {

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
        s.replace(pos, from.size(), to);
    return s;
}

std::string quote_value(std::string_view v) {
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

// Splits a migration file into statements at semicolons that end a line.
std::vector<std::string> statements(std::string_view sql) {
    std::vector<std::string> out;
    std::string cur;
    std::size_t start = 0;
    while (start < sql.size()) {
        auto end = sql.find('\n', start);
        if (end == std::string_view::npos) end = sql.size();
        std::string_view line = sql.substr(start, end - start);
        start = end + 1;
        if (line.starts_with("--")) continue;
        cur += line;
        cur += '\n';
        auto t = line.find_last_not_of(" \t\r");
        if (t != std::string_view::npos && line[t] == ';') {
            out.push_back(cur);
            cur.clear();
        }
    }
    if (cur.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(cur);
    return out;
}

}  // namespace

std::string contains_pattern(std::string_view text) {
    std::string q = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') q += '\\';
        q += c;
    }
    return q + "%";
}

std::string libpq_connect_string(const std::string& url) {
    auto u = boost::urls::parse_uri(url);
    if (!u) throw std::runtime_error("invalid PostgreSQL URL: " + url);
    std::string out;
    auto add = [&](std::string_view k, std::string_view v) {
        if (v.empty()) return;
        if (!out.empty()) out += ' ';
        out += std::string(k) + "=" + quote_value(v);
    };
    add("host", u->encoded_host().decode());
    add("port", u->port());
    add("user", u->encoded_user().decode());
    add("password", u->encoded_password().decode());
    std::string path = u->encoded_path().decode();
    if (path.starts_with('/')) path.erase(0, 1);
    add("dbname", path);
    for (auto p : u->params()) add(p.key, p.value);
    return out;
}

std::unique_ptr<database> database::open(const std::string& url, std::size_t pool_size) {
    std::unique_ptr<database> db(new database());
    bool pg = url.starts_with("postgresql://") || url.starts_with("postgres://");
    db->kind_ = pg ? engine::postgresql : engine::sqlite;
    db->size_ = std::max<std::size_t>(pool_size, 1);
    db->pool_ = std::make_unique<soci::connection_pool>(db->size_);
    std::string conn;
    if (pg) {
        conn = libpq_connect_string(url);
    } else {
        // Each connection is used by one thread at a time (a unit of work holds it), so SQLite needs no
        // per-connection locks; and no global allocation-statistics lock, as nothing reads those
        // statistics. This takes effect only before SQLite starts, i.e. before the first connection.
        static std::once_flag quiet;
        std::call_once(quiet, [] {
            sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
            sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        });
        auto parent = std::filesystem::path(url).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent);
        conn = "db=" + url + " timeout=10";
    }
    try {
        for (std::size_t i = 0; i < db->size_; ++i) {
            auto& s = db->pool_->at(i);
            if (pg) {
                s.open(soci::postgresql, conn);
                s << "SET client_min_messages TO WARNING";
            } else {
                s.open(soci::sqlite3, conn);
                s << "PRAGMA journal_mode=WAL";
                s << "PRAGMA synchronous=FULL";
                s << "PRAGMA foreign_keys=ON";
                s << "PRAGMA busy_timeout=10000";
                // Statement journals and sorts stay in memory instead of temporary files.
                s << "PRAGMA temp_store=MEMORY";
            }
        }
    } catch (const std::exception& e) {
        throw std::runtime_error("cannot open database " + (pg ? std::string("(PostgreSQL)") : url) + ": " + e.what());
    }
    db->conn_ = conn;
    for (std::size_t i = 0; i < db->size_; ++i) db->caches_.push_back(std::make_unique<statement_cache>());
    return db;
}

connection::connection(database& db)
    : db_(db), position_(db.pool().lease()), session_(&db.pool().at(position_)), cache_(db.caches_[position_].get()) {
    // Statements prepared before a migration changed the schema are not used after it.
    if (auto epoch = db_.schema_epoch_.load(); cache_->epoch != epoch) {
        cache_->statements.clear();
        cache_->epoch = epoch;
    }
}

connection::~connection() { db_.pool().give_back(position_); }

prepared_statement connection::prepared(const std::string& sql) {
    auto prepare = [&] {
        auto st = std::make_unique<soci::statement>(*session_);
        st->alloc();
        st->prepare(sql);
        return st;
    };
    auto it = cache_->statements.find(sql);
    if (it == cache_->statements.end()) {
        if (cache_->statements.size() >= database::statement_cache::kMaxStatements && cache_->in_use == 0)
            cache_->statements.clear();
        it = cache_->statements.emplace(sql, database::statement_cache::entry{prepare()}).first;
    }
    auto& e = it->second;
    // The same text again while its statement is still being read: a statement of its own.
    if (e.busy) return prepared_statement(nullptr, kind(), nullptr, nullptr, prepare());
    e.busy = true;
    ++cache_->in_use;
    return prepared_statement(e.st.get(), kind(), &e.busy, &cache_->in_use, nullptr);
}

void connection::run(const std::string& sql) {
    auto st = prepared(sql);
    st->define_and_bind();
    st->execute(true);
}

void connection::close() {
    cache_->statements.clear();
    session_->close();
}

prepared_statement::prepared_statement(soci::statement* st, engine kind, bool* busy, int* in_use,
                                       std::unique_ptr<soci::statement> owned)
    : st_(owned ? owned.get() : st), kind_(kind), busy_(busy), in_use_(in_use), owned_(std::move(owned)) {}

prepared_statement::~prepared_statement() {
    st_->bind_clean_up();
    // A statement stepped to its last row is reset already; one left mid-way would keep its read
    // (and, in autocommit, a snapshot) open on SQLite until its next execution.
    if (kind_ == engine::sqlite)
        if (auto* b = static_cast<soci::sqlite3_statement_backend*>(st_->get_backend()); b && b->stmt_) sqlite_api::sqlite3_reset(b->stmt_);
    if (busy_) *busy_ = false;
    if (in_use_) --*in_use_;
}

database::~database() = default;

std::unique_ptr<soci::session> database::own_session() {
    auto s = std::make_unique<soci::session>();
    if (kind_ == engine::postgresql) {
        s->open(soci::postgresql, conn_);
        *s << "SET client_min_messages TO WARNING";
    } else {
        s->open(soci::sqlite3, conn_);
        *s << "PRAGMA busy_timeout=10000";
    }
    return s;
}

std::string database::integrity_check() {
    soci::session s(*pool_);
    if (kind_ == engine::sqlite) {
        std::string out, line;
        soci::statement st = (s.prepare << "PRAGMA integrity_check", soci::into(line));
        st.execute();
        for (int i = 0; i < 10 && st.fetch(); ++i) out += (out.empty() ? "" : "; ") + line;
        return out;
    }
    std::vector<std::string> tables;
    std::string t;
    soci::statement st = (s.prepare << "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename", soci::into(t));
    st.execute();
    while (st.fetch()) tables.push_back(t);
    for (auto& name : tables) {
        try {
            long long n = 0;
            s << "SELECT COUNT(*) FROM \"" + name + "\"", soci::into(n);
        } catch (const soci::soci_error& e) {
            return name + ": " + e.what();
        }
    }
    return "ok";
}

int database::schema_version() {
    soci::session s(*pool_);
    int v = 0;
    soci::indicator ind = soci::i_null;
    try {
        s << "SELECT MAX(version) FROM schema_migrations", soci::into(v, ind);
    } catch (const soci::soci_error&) {
        return 0;
    }
    return ind == soci::i_ok ? v : 0;
}

void database::temporary_data_on_disk() {
    if (kind_ != engine::sqlite) return;
    for (std::size_t i = 0; i < size_; ++i) pool_->at(i) << "PRAGMA temp_store=FILE";
}

int database::migrate() {
    soci::session s(*pool_);
    s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
         "applied_at TEXT NOT NULL)";
    std::vector<std::pair<std::string_view, std::string_view>> files(kEmbedded, kEmbedded + kEmbeddedCount);
    std::sort(files.begin(), files.end());
    int applied = 0;
    for (auto& [name, sql] : files) {
        int version = std::stoi(std::string(name.substr(0, 3)));
        unit_of_work tx(*this, write::yes);
        int seen = 0;
        tx.sql() << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(version), soci::into(seen);
        if (seen) continue;
        std::string text = replace_all(std::string(sql), "{{id}}",
                                       kind_ == engine::sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                                                               : "BIGSERIAL PRIMARY KEY");
        text = replace_all(text, "{{without_rowid}}", kind_ == engine::sqlite ? "WITHOUT ROWID" : "");
        text = replace_all(text, "{{bytewise}}", kind_ == engine::sqlite ? "" : "COLLATE \"C\"");
        for (auto& stmt : statements(text)) tx.sql() << stmt;
        std::string n(name);
        tx.sql() << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, "
                    "CURRENT_TIMESTAMP)",
            soci::use(version), soci::use(n);
        tx.commit();
        ++applied;
        ++schema_epoch_;
    }
    {
        // Rows written before names had sort keys (or by an older server) get theirs.
        unit_of_work tx(*this, write::yes);
        if (engineers::fill_name_keys(tx) > 0) tx.commit();
    }
    return applied;
}

unit_of_work::unit_of_work(database& db, write w) : conn_(db) {
    conn_.run(kind() == engine::sqlite && w == write::yes ? "BEGIN IMMEDIATE" : "BEGIN");
    open_ = true;
}

unit_of_work::~unit_of_work() {
    if (!open_) return;
    try {
        conn_.run("ROLLBACK");
    } catch (...) {
        // The connection is unusable; closing it drops the transaction anyway.
        conn_.close();
    }
}

void unit_of_work::commit() {
    conn_.run("COMMIT");
    open_ = false;
}

std::int64_t database::backup(const std::string& to) {
    if (kind_ != engine::sqlite)
        throw std::runtime_error("backup copies SQLite databases; for PostgreSQL use pg_dump (see README, PostgreSQL)");
    namespace fs = std::filesystem;
    unit_of_work tx(*this, write::no);
    auto* src = static_cast<soci::sqlite3_session_backend*>(tx.sql().get_backend())->conn_;
    const char* src_file = sqlite_api::sqlite3_db_filename(src, "main");
    std::error_code ec;
    if (src_file && *src_file && fs::exists(to, ec) && fs::equivalent(src_file, to, ec))
        throw std::runtime_error("the backup must go to another file than the database itself");
    auto part = to + ".part";
    fs::remove(part, ec);
    sqlite_api::sqlite3* dst = nullptr;
    auto fail = [&](const std::string& what) {
        std::string msg = what + ": " + (dst ? sqlite_api::sqlite3_errmsg(dst) : "out of memory");
        if (dst) sqlite_api::sqlite3_close(dst);
        fs::remove(part, ec);
        throw std::runtime_error(msg);
    };
    if (sqlite_api::sqlite3_open_v2(part.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        fail("cannot create " + part);
    auto* b = sqlite_api::sqlite3_backup_init(dst, "main", src, "main");
    if (!b) fail("cannot start the backup");
    // One step copies every page inside one read transaction: a consistent snapshot, and in WAL
    // mode writers are not held up while it runs.
    int rc;
    while ((rc = sqlite_api::sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite_api::sqlite3_sleep(50);
    std::int64_t pages = sqlite_api::sqlite3_backup_pagecount(b);
    sqlite_api::sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) fail("backup failed");
    // The copy is a file of its own: no WAL beside it.
    sqlite_api::sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
    if (sqlite_api::sqlite3_close(dst) != SQLITE_OK) {
        dst = nullptr;
        fail("cannot close " + part);
    }
    dst = nullptr;
    fs::rename(part, to);
    return pages;
}

}  // namespace skillgrade::storage
