// Schemes and their versions.
#include <soci/soci.h>

#include "storage/schemes.hpp"

namespace skillgrade::storage {
namespace schemes {
namespace {
std::vector<scheme_row> select(unit_of_work& tx, const std::string& where, const std::string& key, long long id) {
    std::vector<scheme_row> out;
    scheme_row r;
    long long sid = 0;
    int def = 0, latest = 0;
    soci::statement st =
        (tx.sql().prepare << "SELECT s.id, s.code, s.name_zh, s.name_en, s.is_default, "
                             "(SELECT COALESCE(MAX(version), 0) FROM scheme_versions v WHERE v.scheme_id = s.id) "
                             "FROM schemes s " + where + " ORDER BY s.is_default DESC, s.id",
         soci::into(sid), soci::into(r.code), soci::into(r.name_zh), soci::into(r.name_en), soci::into(def),
         soci::into(latest));
    if (where.find(":key") != std::string::npos) st.exchange(soci::use(key, "key"));
    else if (where.find(":id") != std::string::npos) st.exchange(soci::use(id, "id"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        r.id = sid;
        r.is_default = def != 0;
        r.latest_version = latest;
        out.push_back(r);
    }
    return out;
}
std::optional<scheme_row> first(std::vector<scheme_row> v) {
    if (v.empty()) return std::nullopt;
    return v.front();
}
}  // namespace

std::vector<scheme_row> list(unit_of_work& tx) { return select(tx, "", "", 0); }
std::optional<scheme_row> get(unit_of_work& tx, std::int64_t id) { return first(select(tx, "WHERE s.id = :id", "", id)); }
std::optional<scheme_row> find(unit_of_work& tx, const std::string& code) {
    return first(select(tx, "WHERE s.code = :key", code, 0));
}
std::optional<scheme_row> default_scheme(unit_of_work& tx) { return first(select(tx, "WHERE s.is_default = 1", "", 0)); }

std::int64_t insert(unit_of_work& tx, const scheme_row& r, const std::string& now) {
    long long id = 0;
    int def = r.is_default ? 1 : 0;
    tx.sql() << "INSERT INTO schemes (code, name_zh, name_en, is_default, created_at) VALUES (:c, :z, :e, :d, :now) "
                "RETURNING id",
        soci::use(r.code), soci::use(r.name_zh), soci::use(r.name_en), soci::use(def), soci::use(now), soci::into(id);
    return id;
}

void rename(unit_of_work& tx, std::int64_t id, const std::string& zh, const std::string& en) {
    long long i = id;
    tx.sql() << "UPDATE schemes SET name_zh = :z, name_en = :e WHERE id = :id", soci::use(zh), soci::use(en),
        soci::use(i);
}

namespace {
std::vector<scheme_version_row> select_versions(unit_of_work& tx, long long scheme_id, int version, bool with_source) {
    std::vector<scheme_version_row> out;
    scheme_version_row r;
    long long id = 0;
    int in_use = 0;
    std::string sql = std::string("SELECT id, version, ") + (with_source ? "source" : "''") +
                      ", note, created_at, created_by, in_use FROM scheme_versions WHERE scheme_id = :s";
    if (version > 0) sql += " AND version = " + std::to_string(version);
    sql += " ORDER BY version DESC";
    if (version == 0 && with_source) sql += " LIMIT 1";
    soci::statement st = (tx.sql().prepare << sql, soci::use(scheme_id), soci::into(id), soci::into(r.version),
                          soci::into(r.source), soci::into(r.note), soci::into(r.created_at),
                          soci::into(r.created_by), soci::into(in_use));
    st.execute();
    while (st.fetch()) {
        r.id = id;
        r.scheme_id = scheme_id;
        r.in_use = in_use != 0;
        out.push_back(r);
    }
    return out;
}
}  // namespace

std::vector<scheme_version_row> versions(unit_of_work& tx, std::int64_t scheme_id) {
    return select_versions(tx, scheme_id, 0, false);
}

std::optional<scheme_version_row> version(unit_of_work& tx, std::int64_t scheme_id, int v) {
    auto rows = select_versions(tx, scheme_id, v, true);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::int64_t add_version(unit_of_work& tx, const scheme_version_row& r) {
    long long id = 0, sid = r.scheme_id;
    int v = 0;
    tx.sql() << "SELECT COALESCE(MAX(version), 0) + 1 FROM scheme_versions WHERE scheme_id = :s", soci::use(sid),
        soci::into(v);
    tx.sql() << "INSERT INTO scheme_versions (scheme_id, version, source, note, created_at, created_by) "
                "VALUES (:s, :v, :src, :note, :at, :by) RETURNING id",
        soci::use(sid), soci::use(v), soci::use(r.source), soci::use(r.note), soci::use(r.created_at),
        soci::use(r.created_by), soci::into(id);
    return id;
}

void mark_in_use(unit_of_work& tx, std::int64_t version_id) {
    long long id = version_id;
    tx.sql() << "UPDATE scheme_versions SET in_use = 1 WHERE id = :id", soci::use(id);
}
}  // namespace schemes

}  // namespace skillgrade::storage
