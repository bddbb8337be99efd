// Evaluation cycles, their phases and quotas.
#include <soci/soci.h>

#include <ranges>
#include <sstream>
#include <string_view>

#include "storage/cycles.hpp"

namespace skillgrade::storage {
namespace {
std::string join_ranks(const std::vector<int>& v) {
    std::string s;
    for (int r : v) s += (s.empty() ? "" : ",") + std::to_string(r);
    return s;
}
std::vector<int> split_ranks(const std::string& s) {
    std::vector<int> out;
    std::stringstream ss(s);
    std::string part;
    while (std::getline(ss, part, ','))
        if (!part.empty()) out.push_back(std::stoi(part));
    return out;
}
}  // namespace

namespace cycles {
std::int64_t insert(unit_of_work& tx, const cycle_row& c) {
    long long id = 0, scheme = c.scheme_id;
    std::string ranks = join_ranks(c.open_ranks);
    tx.sql() << "INSERT INTO cycles (name, scheme_id, scheme_version, kind, status, open_ranks, cutoff_date, created_at, "
                "created_by) VALUES (:n, :s, :v, :k, :st, :r, :c, :at, :by) RETURNING id",
        soci::use(c.name), soci::use(scheme), soci::use(c.scheme_version), soci::use(c.kind), soci::use(c.status),
        soci::use(ranks), soci::use(c.cutoff_date), soci::use(c.created_at), soci::use(c.created_by), soci::into(id);
    for (auto& p : c.phases)
        tx.sql() << "INSERT INTO cycle_phases (cycle_id, phase, starts_on, ends_on, responsible_role) "
                    "VALUES (:c, :p, :s, :e, :r)",
            soci::use(id), soci::use(p.phase), soci::use(p.starts_on), soci::use(p.ends_on), soci::use(p.responsible_role);
    return id;
}

namespace {
std::vector<cycle_row> select(unit_of_work& tx, const std::string& where, long long id) {
    std::vector<cycle_row> out;
    cycle_row c;
    long long cid = 0, scheme = 0, version = 0;
    std::string ranks, fields;
    soci::statement st = (tx.sql().prepare << "SELECT id, name, scheme_id, scheme_version, kind, status, open_ranks, "
                                              "cutoff_date, version, created_at, created_by, notice_days, notice_ends_on, "
                                              "published_fields, certificate_pattern, resit_rule "
                                              "FROM cycles " + where + " ORDER BY id DESC",
                          soci::into(cid), soci::into(c.name), soci::into(scheme), soci::into(c.scheme_version),
                          soci::into(c.kind), soci::into(c.status), soci::into(ranks), soci::into(c.cutoff_date),
                          soci::into(version), soci::into(c.created_at), soci::into(c.created_by), soci::into(c.notice_days),
                          soci::into(c.notice_ends_on), soci::into(fields), soci::into(c.certificate_pattern),
                          soci::into(c.resit_rule));
    if (!where.empty()) st.exchange(soci::use(id, "id"));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        c.id = cid;
        c.scheme_id = scheme;
        c.version = version;
        c.open_ranks = split_ranks(ranks);
        c.published_fields.clear();
        for (auto part : std::views::split(std::string_view(fields), ','))
            if (!part.empty()) c.published_fields.emplace_back(part.begin(), part.end());
        out.push_back(c);
    }
    for (auto& row : out) {
        phase_row p;
        long long rid = row.id;
        soci::statement ps = (tx.sql().prepare << "SELECT phase, starts_on, ends_on, responsible_role FROM cycle_phases "
                                                  "WHERE cycle_id = :c ORDER BY starts_on, phase",
                              soci::use(rid), soci::into(p.phase), soci::into(p.starts_on), soci::into(p.ends_on),
                              soci::into(p.responsible_role));
        ps.execute();
        while (ps.fetch()) row.phases.push_back(p);
        quota_row q;
        long long unit = 0;
        soci::indicator pi = soci::i_null, ni = soci::i_null;
        soci::statement qs = (tx.sql().prepare << "SELECT q.rank, q.kind, q.value, q.org_unit_id, o.path, o.name "
                                                  "FROM cycle_quotas q LEFT JOIN org_units o ON o.id = q.org_unit_id "
                                                  "WHERE q.cycle_id = :c ORDER BY q.rank, o.path",
                              soci::use(rid), soci::into(q.rank), soci::into(q.kind), soci::into(q.value), soci::into(unit),
                              soci::into(q.org_path, pi), soci::into(q.org_name, ni));
        qs.execute();
        while (qs.fetch()) {
            q.org_unit_id = unit;
            if (pi != soci::i_ok) q.org_path.clear();
            if (ni != soci::i_ok) q.org_name.clear();
            row.quotas.push_back(q);
        }
    }
    return out;
}
}  // namespace

std::vector<cycle_row> list(unit_of_work& tx) { return select(tx, "", 0); }

std::optional<cycle_row> get(unit_of_work& tx, std::int64_t id) {
    auto v = select(tx, "WHERE id = :id", id);
    if (v.empty()) return std::nullopt;
    return v.front();
}

bool set_status(unit_of_work& tx, std::int64_t id, const std::string& status, std::int64_t version) {
    long long i = id, v = version;
    soci::statement st = (tx.sql().prepare << "UPDATE cycles SET status = :s, version = version + 1 WHERE id = :id AND "
                                              "version = :v",
                          soci::use(status), soci::use(i), soci::use(v));
    st.execute(true);
    return st.get_affected_rows() == 1;
}
void set_quota(unit_of_work& tx, std::int64_t id, const quota_row& q) {
    long long c = id, unit = q.org_unit_id;
    tx.sql() << "INSERT INTO cycle_quotas (cycle_id, rank, org_unit_id, kind, value) VALUES (:c, :r, :u, :k, :v) "
                "ON CONFLICT (cycle_id, rank, org_unit_id) DO UPDATE SET kind = excluded.kind, value = excluded.value",
        soci::use(c), soci::use(q.rank), soci::use(unit), soci::use(q.kind), soci::use(q.value);
}

bool set_settings(unit_of_work& tx, std::int64_t id, const std::vector<std::string>& published_fields,
                  const std::string& certificate_pattern, int notice_days, const std::string& resit_rule, std::int64_t version) {
    long long i = id, v = version;
    std::string fields;
    for (auto& f : published_fields) fields += (fields.empty() ? "" : ",") + f;
    soci::statement st = (tx.sql().prepare << "UPDATE cycles SET published_fields = :f, certificate_pattern = :p, "
                                              "notice_days = :n, resit_rule = :r, version = version + 1 WHERE id = :id AND version = :v",
                          soci::use(fields), soci::use(certificate_pattern), soci::use(notice_days), soci::use(resit_rule), soci::use(i),
                          soci::use(v));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void set_notice_end(unit_of_work& tx, std::int64_t id, const std::string& ends_on) {
    long long c = id;
    tx.sql() << "UPDATE cycles SET notice_ends_on = :e WHERE id = :c", soci::use(ends_on), soci::use(c);
}

void remove_quota(unit_of_work& tx, std::int64_t id, int rank, std::int64_t org_unit_id) {
    long long c = id, unit = org_unit_id;
    tx.sql() << "DELETE FROM cycle_quotas WHERE cycle_id = :c AND rank = :r AND org_unit_id = :u", soci::use(c), soci::use(rank),
        soci::use(unit);
}
}  // namespace cycles

}  // namespace skillgrade::storage
