// Engineers and their level history.
#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "storage/collation.hpp"
#include "storage/engineers.hpp"
#include "storage/org_units.hpp"
#include "storage/sql_util.hpp"

namespace skillgrade::storage {
namespace {
std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (auto& x : v) s += (s.empty() ? "" : ",") + x;
    return s;
}
}  // namespace

namespace engineers {
namespace {
#define SG_ENGINEER_COLUMNS(unit)                                                                         \
    "SELECT e.id, e.employee_no, e.name, e.org_unit_id, " unit ", e.hire_date, e.career_start, e.education, " \
    "e.product_lines, e.phone, e.email, e.status, e.current_rank, e.level_since, e.version "
constexpr const char* kSelect = SG_ENGINEER_COLUMNS("o.name, o.path") "FROM engineers e JOIN org_units o ON o.id = e.org_unit_id ";
// The same columns with the unit's name and path left to the caller's units.
constexpr const char* kSelectWithoutUnits = SG_ENGINEER_COLUMNS("'', ''") "FROM engineers e ";
#undef SG_ENGINEER_COLUMNS

// Builds the WHERE clause: values are bound (so that its text, and the prepared statement,
// repeat across requests); only the org units' id lists are formatted in.
struct where_clause {
    std::string sql;
    std::vector<std::pair<std::string, std::string>> texts;    // name, value
    std::vector<std::pair<std::string, long long>> numbers;    // name, value

    void bind(soci::statement& st) {
        for (auto& [name, value] : texts) st.exchange(soci::use(value, name));
        for (auto& [name, value] : numbers) st.exchange(soci::use(value, name));
    }
};

// The ids of the org units under a path prefix or under a unit ("-1" when there is none).
template <class Param>
std::string ids_under(unit_of_work& tx, const std::string& sql, Param param) {
    std::string ids;
    long long id = 0;
    auto st = tx.prepared(sql);
    st->exchange(soci::use(param));
    st->exchange(soci::into(id));
    st->define_and_bind();
    st->execute();
    while (st->fetch()) ids += (ids.empty() ? "" : ",") + std::to_string(id);
    return ids.empty() ? "-1" : ids;
}
// The same from the caller's units, ordered by id.
std::string ids_under(const std::vector<core::org_unit>& units, const std::string& path_prefix) {
    std::string ids;
    for (auto& u : units)
        if (u.path.starts_with(path_prefix)) ids += (ids.empty() ? "" : ",") + std::to_string(u.id);
    return ids.empty() ? "-1" : ids;
}
const core::org_unit* known_unit(const engineer_filter& f, std::int64_t id) {
    if (!f.known_units) return nullptr;
    auto it = std::lower_bound(f.known_units->begin(), f.known_units->end(), id, [](const core::org_unit& u, std::int64_t v) { return u.id < v; });
    return it != f.known_units->end() && it->id == id ? &*it : nullptr;
}
std::string subtree_ids(unit_of_work& tx, const engineer_filter& f, const std::string& path_prefix) {
    if (f.known_units) return ids_under(*f.known_units, path_prefix);
    return ids_under(tx, "SELECT id FROM org_units WHERE path LIKE :p ORDER BY id", path_prefix + "%");
}
std::string subtree_ids(unit_of_work& tx, const engineer_filter& f, std::int64_t root) {
    if (auto* u = known_unit(f, root)) return ids_under(*f.known_units, u->path);
    return ids_under(tx,
                     "SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE id = :r) || '%' "
                     "ORDER BY id",
                     static_cast<long long>(root));
}

// Org subtrees become id lists, so that the engineers' org index serves them.
where_clause build_where(unit_of_work& tx, const engineer_filter& f) {
    where_clause w;
    std::vector<std::string> parts;
    if (!f.q.empty()) {
        w.texts.reserve(2);
        w.texts.push_back({"q", contains_pattern(f.q)});
        parts.push_back("(e.name LIKE :q ESCAPE '\\' OR e.employee_no LIKE :q ESCAPE '\\')");
    }
    if (f.org_unit) parts.push_back("e.org_unit_id IN (" + subtree_ids(tx, f, *f.org_unit) + ")");
    if (f.rank) {
        w.numbers.push_back({"rank", *f.rank});
        parts.push_back("e.current_rank = :rank");
    }
    if (!f.product_line.empty()) {
        w.texts.push_back({"pl", "%," + f.product_line + ",%"});
        parts.push_back("(',' || e.product_lines || ',') LIKE :pl");
    }
    if (f.status == "active" || f.status == "left") parts.push_back("e.status = '" + f.status + "'");
    if (f.account == "none" || f.account == "yes")
        parts.push_back(std::string(f.account == "none" ? "NOT " : "") + "EXISTS (SELECT 1 FROM users u WHERE u.engineer_id = e.id)");
    if (!f.scope_path.empty()) parts.push_back("e.org_unit_id IN (" + subtree_ids(tx, f, f.scope_path) + ")");
    if (f.scope_engineer) {
        w.numbers.push_back({"engineer", *f.scope_engineer});
        parts.push_back("e.id = :engineer");
    }
    for (std::size_t i = 0; i < parts.size(); ++i) w.sql += (i ? " AND " : "WHERE ") + parts[i];
    return w;
}

std::string order_by(const std::string& sort) {
    bool desc = sort.starts_with('-');
    std::string key = desc ? sort.substr(1) : sort;
    std::string col = "e.employee_no";
    if (key == "name") col = "e.name_key";  // pinyin order
    else if (key == "hire_date") col = "e.hire_date";
    else if (key == "rank") col = "e.current_rank";
    else if (key == "org_unit") col = "o.path";
    return " ORDER BY " + col + (desc ? " DESC" : "") + ", e.id" + (desc ? " DESC" : "");
}

void run(unit_of_work& tx, const std::string& sql, where_clause& w, const std::function<void(const core::engineer&)>& fn) {
    core::engineer e;
    long long id = 0, org = 0, version = 0;
    std::string lines;
    auto st = tx.prepared(sql);
    st->exchange(soci::into(id));
    st->exchange(soci::into(e.employee_no));
    st->exchange(soci::into(e.name));
    st->exchange(soci::into(org));
    st->exchange(soci::into(e.org_unit_name));
    st->exchange(soci::into(e.org_path));
    st->exchange(soci::into(e.hire_date));
    st->exchange(soci::into(e.career_start));
    st->exchange(soci::into(e.education));
    st->exchange(soci::into(lines));
    st->exchange(soci::into(e.phone));
    st->exchange(soci::into(e.email));
    st->exchange(soci::into(e.status));
    st->exchange(soci::into(e.current_rank));
    st->exchange(soci::into(e.level_since));
    st->exchange(soci::into(version));
    w.bind(*st);
    st->define_and_bind();
    st->execute();
    while (st->fetch()) {
        e.id = id;
        e.org_unit_id = org;
        e.version = version;
        e.product_lines = core::split_list(lines);
        fn(e);
    }
}
}  // namespace

engineer_page list(unit_of_work& tx, const engineer_filter& f, std::optional<std::int64_t> known_total) {
    engineer_page p;
    auto w = build_where(tx, f);
    if (known_total) {
        p.total = *known_total;
    } else {
        long long total = 0;
        auto st = tx.prepared("SELECT COUNT(*) FROM engineers e " + w.sql);
        st->exchange(soci::into(total));
        w.bind(*st);
        st->define_and_bind();
        st->execute(true);
        p.total = total;
    }
    w.numbers.push_back({"page_size", f.page_size});
    w.numbers.push_back({"skip", static_cast<long long>(f.page - 1) * f.page_size});
    p.items.reserve(static_cast<std::size_t>(f.page_size));
    // With the caller's units at hand, the page is read without joining them (the rows skipped
    // before the page then read no unit either), unless it is sorted by their path.
    bool own_units = f.known_units && f.sort != "org_unit" && f.sort != "-org_unit";
    run(tx, (own_units ? kSelectWithoutUnits : kSelect) + w.sql + order_by(f.sort) + " LIMIT :page_size OFFSET :skip", w,
        [&](const core::engineer& e) { p.items.push_back(e); });
    if (own_units)
        for (auto& e : p.items) {
            const core::org_unit* u = known_unit(f, e.org_unit_id);
            std::optional<core::org_unit> read;
            if (!u && (read = org_units::get(tx, e.org_unit_id))) u = &*read;
            if (u) e.org_unit_name = u->name, e.org_path = u->path;
        }
    return p;
}

void scan(unit_of_work& tx, const engineer_filter& f, const std::function<void(const core::engineer&)>& fn) {
    auto w = build_where(tx, f);
    run(tx, kSelect + w.sql + order_by(f.sort), w, fn);
}

std::optional<core::engineer> get(unit_of_work& tx, std::int64_t id) {
    engineer_filter f;
    f.scope_engineer = id;
    std::optional<core::engineer> out;
    scan(tx, f, [&](const core::engineer& e) { out = e; });
    if (!out) return out;
    core::level_entry h;
    long long hid = 0, eid = id;
    soci::statement st = (tx.sql().prepare << "SELECT id, rank, since, source, note, recorded_at, recorded_by "
                                              "FROM level_history WHERE engineer_id = :e ORDER BY since DESC, id DESC",
                          soci::use(eid), soci::into(hid), soci::into(h.rank), soci::into(h.since),
                          soci::into(h.source), soci::into(h.note), soci::into(h.recorded_at),
                          soci::into(h.recorded_by));
    st.execute();
    while (st.fetch()) {
        h.id = hid;
        out->history.push_back(h);
    }
    return out;
}

std::optional<std::int64_t> id_by_employee_no(unit_of_work& tx, const std::string& no) {
    long long id = 0;
    tx.sql() << "SELECT id FROM engineers WHERE employee_no = :n", soci::use(no), soci::into(id);
    if (!tx.sql().got_data()) return std::nullopt;
    return id;
}

std::map<std::string, std::int64_t> ids_by_employee_no(unit_of_work& tx, const std::vector<std::string>& nos) {
    std::map<std::string, std::int64_t> out;
    std::string no;
    long long id = 0;
    detail::in_chunks(nos.size(), [&](std::size_t at, std::size_t n) {
        soci::statement st(tx.sql());
        st.alloc();
        st.prepare("SELECT employee_no, id FROM engineers WHERE employee_no IN " + detail::in_list(n));
        for (std::size_t i = 0; i < n; ++i) st.exchange(soci::use(nos[at + i]));
        st.exchange(soci::into(no));
        st.exchange(soci::into(id));
        st.define_and_bind();
        st.execute();
        while (st.fetch()) out[no] = id;
    });
    return out;
}

std::vector<std::int64_t> insert(unit_of_work& tx, const std::vector<engineer_record>& records,
                                 const std::string& source, const std::string& actor, const std::string& now) {
    std::vector<std::int64_t> ids;
    ids.reserve(records.size());
    engineer_record r;
    long long org = 0, id = 0;
    std::string lines, key;
    // SQLite hands out the row id directly; RETURNING would make it buffer every statement's result.
    bool sqlite = tx.kind() == engine::sqlite;
    std::string sql = "INSERT INTO engineers (employee_no, name, name_key, org_unit_id, hire_date, career_start, education, "
                      "product_lines, phone, email, status, current_rank, level_since, created_at) VALUES (:no, :name, "
                      ":key, :org, :hire, :start, :edu, :pl, :phone, :email, :status, :rank, :since, :now)";
    soci::statement ins(tx.sql());
    for (auto* v : {&r.in.employee_no, &r.in.name, &key}) ins.exchange(soci::use(*v));
    ins.exchange(soci::use(org));
    for (auto* v : {&r.in.hire_date, &r.in.career_start, &r.education_code, &lines, &r.in.phone, &r.in.email, &r.in.status})
        ins.exchange(soci::use(*v));
    ins.exchange(soci::use(r.in.rank));
    ins.exchange(soci::use(r.in.level_since));
    ins.exchange(soci::use(now));
    if (!sqlite) {
        ins.exchange(soci::into(id));
        sql += " RETURNING id";
    }
    ins.alloc();
    ins.prepare(sql);
    ins.define_and_bind();
    soci::statement hist =
        (tx.sql().prepare << "INSERT INTO level_history (engineer_id, rank, since, source, recorded_at, recorded_by) "
                             "VALUES (:e, :rank, :since, :source, :now, :by)",
         soci::use(id), soci::use(r.in.rank), soci::use(r.in.level_since), soci::use(source), soci::use(now),
         soci::use(actor));
    for (auto& rec : records) {
        r = rec;
        org = rec.org_unit_id;
        lines = join(rec.in.product_lines);
        key = name_key(rec.in.name);
        ins.execute(true);
        if (sqlite) tx.sql().get_last_insert_id("engineers", id);
        ids.push_back(id);
        if (r.in.rank > 0) hist.execute(true);
    }
    return ids;
}

void add_level(unit_of_work& tx, std::int64_t engineer_id, const core::level_entry& h) {
    long long e = engineer_id;
    tx.sql() << "INSERT INTO level_history (engineer_id, rank, since, source, note, recorded_at, recorded_by) "
                "VALUES (:e, :rank, :since, :source, :note, :at, :by)",
        soci::use(e), soci::use(h.rank), soci::use(h.since), soci::use(h.source), soci::use(h.note),
        soci::use(h.recorded_at), soci::use(h.recorded_by);
    // The current level is the newest entry by date.
    tx.sql() << "UPDATE engineers SET current_rank = (SELECT rank FROM level_history WHERE engineer_id = :e1 "
                "ORDER BY since DESC, id DESC LIMIT 1), level_since = (SELECT since FROM level_history WHERE "
                "engineer_id = :e2 ORDER BY since DESC, id DESC LIMIT 1), version = version + 1 WHERE id = :e3",
        soci::use(e), soci::use(e), soci::use(e);
}

bool update(unit_of_work& tx, std::int64_t id, const engineer_record& r, std::int64_t version) {
    long long i = id, v = version, org = r.org_unit_id;
    std::string lines = join(r.in.product_lines), key = name_key(r.in.name);
    soci::statement st = (tx.sql().prepare << "UPDATE engineers SET name = :name, name_key = :key, org_unit_id = :org, hire_date = :hire, "
                                              "career_start = :start, education = :edu, product_lines = :pl, phone = :phone, "
                                              "email = :email, status = :status, version = version + 1 "
                                              "WHERE id = :id AND version = :v",
                          soci::use(r.in.name), soci::use(key), soci::use(org), soci::use(r.in.hire_date), soci::use(r.in.career_start),
                          soci::use(r.education_code), soci::use(lines), soci::use(r.in.phone), soci::use(r.in.email),
                          soci::use(r.in.status), soci::use(i), soci::use(v));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::int64_t count(unit_of_work& tx) {
    long long n = 0;
    tx.sql() << "SELECT COUNT(*) FROM engineers", soci::into(n);
    return n;
}

std::int64_t fill_name_keys(unit_of_work& tx) {
    std::vector<std::pair<long long, std::string>> todo;
    {
        long long id = 0;
        std::string name;
        soci::statement st = (tx.sql().prepare << "SELECT id, name FROM engineers WHERE name_key = ''", soci::into(id), soci::into(name));
        st.execute();
        while (st.fetch()) todo.emplace_back(id, name);
    }
    long long id = 0;
    std::string key;
    soci::statement up = (tx.sql().prepare << "UPDATE engineers SET name_key = :k WHERE id = :id", soci::use(key), soci::use(id));
    for (auto& [i, name] : todo) {
        id = i;
        key = name_key(name);
        up.execute(true);
    }
    return static_cast<std::int64_t>(todo.size());
}
}  // namespace engineers

}  // namespace skillgrade::storage
