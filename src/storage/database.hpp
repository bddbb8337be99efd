// database.hpp
// The one door to SQL: a pool of SOCI sessions on SQLite (default) or PostgreSQL, the
// numbered migrations compiled into the binary, and units of work (a pooled connection in a
// transaction). Repositories take a unit_of_work; nothing outside storage/ sees SOCI.
// Every SQL statement lives behind the repositories' functions, one header per repository
// (engineers.hpp, cycles.hpp, appeals.hpp, …): each takes the unit of work it runs in and returns
// domain values. Explicit columns, bound parameters, both engines.
//
//   auto db = database::open("./data/skillgrade.db");      // or "postgresql://…"
//   unit_of_work tx(*db, write::yes);
//   auto e = engineers::get(tx, 42); tx.commit();
#pragma once
#include <cstdint>
#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace soci { class session; class connection_pool; class statement; }

namespace skillgrade::storage {

enum class engine { sqlite, postgresql };
enum class write : bool { no = false, yes = true };

class database {
public:
    // url: a file path (SQLite) or postgresql://user:pass@host:port/db. Throws std::runtime_error
    // with a readable message when the database cannot be opened.
    static std::unique_ptr<database> open(const std::string& url, std::size_t pool_size = 4);
    ~database();

    engine kind() const { return kind_; }
    std::size_t pool_size() const { return size_; }
    soci::connection_pool& pool() { return *pool_; }

    // Applies the migrations not yet recorded in schema_migrations; returns how many ran.
    int migrate();
    // For batch commands over whole cycles: SQLite keeps sorts and temporary tables in files instead of
    // memory (the server keeps them in memory), so that their memory does not grow with the data.
    // Call while no unit of work is open.
    void temporary_data_on_disk();
    // SQLite: PRAGMA integrity_check ("ok", or its first complaints). PostgreSQL: every table is
    // read through ("ok", or the first table that could not be).
    std::string integrity_check();
    // Highest applied migration number (0 on an empty database).
    int schema_version();
    // SQLite: a consistent copy of the whole database written to `to` through SQLite's online
    // backup API, while servers go on reading and writing (WAL); the copy is written beside `to`
    // and renamed into place. Returns the pages copied. PostgreSQL: throws (use pg_dump).
    std::int64_t backup(const std::string& to);
    // A connection of its own, outside the pool (PostgreSQL: for session-level locks held while a
    // job runs, which end with the connection when its process dies).
    std::unique_ptr<soci::session> own_session();

private:
    friend class connection;
    database() = default;
    engine kind_ = engine::sqlite;
    std::size_t size_ = 0;
    std::string conn_;  // the connect string the pool was opened with
    std::unique_ptr<soci::connection_pool> pool_;
    // The prepared statements of each pooled connection, by pool position; declared after the pool
    // so that they are finalized before their connections close. A migration bumps the epoch, and a
    // connection whose statements are older drops them when it is next leased.
    struct statement_cache;
    std::vector<std::unique_ptr<statement_cache>> caches_;
    std::atomic<std::uint64_t> schema_epoch_{0};
};

// A statement from its connection's cache, with the values bound for one execution. Bind with
// exchange(soci::into(…)) / exchange(soci::use(…)), then define_and_bind(), execute(), fetch().
// When the handle goes, the bindings are dropped and the statement is reset (on SQLite that ends
// the read it may still hold), ready for the next execution on the same connection.
class prepared_statement {
public:
    prepared_statement(const prepared_statement&) = delete;
    prepared_statement& operator=(const prepared_statement&) = delete;
    ~prepared_statement();
    soci::statement& operator*() const { return *st_; }
    soci::statement* operator->() const { return st_; }

private:
    friend class connection;
    // `busy`: the cache entry's in-use mark and `in_use` the cache's count of them (both null for
    // a statement of its own, `owned`).
    prepared_statement(soci::statement* st, engine kind, bool* busy, int* in_use, std::unique_ptr<soci::statement> owned);
    soci::statement* st_;
    engine kind_;
    bool* busy_;
    int* in_use_;
    std::unique_ptr<soci::statement> owned_;
};

// One pooled connection, leased for the object's life, with its cache of prepared statements.
// Statements run in autocommit unless a unit_of_work opened a transaction on it.
class connection {
public:
    explicit connection(database& db);
    ~connection();
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    soci::session& sql() { return *session_; }
    engine kind() const { return db_.kind(); }
    // The statement for `sql` on this connection, prepared on its first use here and then
    // re-executed: statements whose text repeats (numbers and strings from requests are bound,
    // never formatted in) cost one preparation per connection.
    prepared_statement prepared(const std::string& sql);
    // Runs a statement without data (BEGIN, COMMIT, …) through the cache.
    void run(const std::string& sql);
    // Drops the cached statements and closes the connection (after an error left it unusable).
    void close();

private:
    database& db_;
    std::size_t position_;
    soci::session* session_;
    database::statement_cache* cache_;
};

// A pooled connection inside one transaction; rolls back unless commit() was called.
// Write units on SQLite begin IMMEDIATE so that two writers never deadlock on upgrade.
class unit_of_work {
public:
    unit_of_work(database& db, write w);
    ~unit_of_work();
    unit_of_work(const unit_of_work&) = delete;
    unit_of_work& operator=(const unit_of_work&) = delete;

    void commit();
    soci::session& sql() { return conn_.sql(); }
    engine kind() const { return conn_.kind(); }
    prepared_statement prepared(const std::string& sql) { return conn_.prepared(sql); }

private:
    connection conn_;
    bool open_ = false;
};

// A LIKE pattern (used with ESCAPE '\\') matching text that contains `text` literally: its % and _
// do not act as wildcards.
std::string contains_pattern(std::string_view text);

// Translates postgresql://user:pass@host:port/db?opt=v to libpq's key=value form.
std::string libpq_connect_string(const std::string& url);

}  // namespace skillgrade::storage
