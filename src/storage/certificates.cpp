// Certificates.
#include <soci/soci.h>

#include <optional>

#include "storage/certificates.hpp"

namespace skillgrade::storage::certificates {

std::int64_t insert(unit_of_work& tx, const certificate_row& c) {
    long long id = 0, engineer = c.engineer_id, scheme = c.scheme_id, cycle = c.cycle_id.value_or(0);
    soci::indicator ci = c.cycle_id ? soci::i_ok : soci::i_null;
    tx.sql() << "INSERT INTO certificates (number, engineer_id, cycle_id, scheme_id, level_rank, issued_on, expires_on, status) "
                "VALUES (:n, :e, :c, :s, :r, :i, :x, :st) RETURNING id",
        soci::use(c.number), soci::use(engineer), soci::use(cycle, ci), soci::use(scheme), soci::use(c.level_rank),
        soci::use(c.issued_on), soci::use(c.expires_on), soci::use(c.status), soci::into(id);
    return id;
}

std::int64_t count_issued_in(unit_of_work& tx, const std::string& year) {
    long long n = 0;
    std::string like = year + "-%";
    tx.sql() << "SELECT COUNT(*) FROM certificates WHERE issued_on LIKE :y", soci::use(like), soci::into(n);
    return n;
}

std::vector<certificate_row> for_engineer(unit_of_work& tx, std::int64_t engineer_id) {
    std::vector<certificate_row> out;
    certificate_row r;
    long long id = 0, e = engineer_id, cycle = 0, scheme = 0;
    soci::indicator ci = soci::i_null;
    soci::statement st = (tx.sql().prepare << "SELECT id, number, cycle_id, scheme_id, level_rank, issued_on, expires_on, status "
                                              "FROM certificates WHERE engineer_id = :e ORDER BY issued_on DESC, id DESC",
                          soci::use(e), soci::into(id), soci::into(r.number), soci::into(cycle, ci), soci::into(scheme),
                          soci::into(r.level_rank), soci::into(r.issued_on), soci::into(r.expires_on), soci::into(r.status));
    st.execute();
    while (st.fetch()) {
        r.id = id;
        r.engineer_id = engineer_id;
        r.cycle_id = ci == soci::i_ok ? std::optional<std::int64_t>(cycle) : std::nullopt;
        r.scheme_id = scheme;
        out.push_back(r);
    }
    return out;
}

void set_status(unit_of_work& tx, std::int64_t id, const std::string& status) {
    long long i = id;
    tx.sql() << "UPDATE certificates SET status = :s WHERE id = :id", soci::use(status), soci::use(i);
}

std::vector<expiring_row> expiring(unit_of_work& tx, const std::string& until) {
    std::vector<expiring_row> out;
    expiring_row r;
    long long id = 0, e = 0, scheme = 0, cycle = 0;
    soci::indicator ci = soci::i_null;
    soci::statement st = (tx.sql().prepare << "SELECT c.id, c.number, c.engineer_id, c.cycle_id, c.scheme_id, c.level_rank, "
                                              "c.issued_on, c.expires_on, c.status, e.employee_no, e.name, o.path "
                                              "FROM certificates c JOIN engineers e ON e.id = c.engineer_id "
                                              "JOIN org_units o ON o.id = e.org_unit_id "
                                              "WHERE c.status = 'valid' AND c.expires_on <= :u ORDER BY c.expires_on, c.id",
                          soci::use(until), soci::into(id), soci::into(r.certificate.number), soci::into(e),
                          soci::into(cycle, ci), soci::into(scheme), soci::into(r.certificate.level_rank),
                          soci::into(r.certificate.issued_on), soci::into(r.certificate.expires_on),
                          soci::into(r.certificate.status), soci::into(r.employee_no), soci::into(r.engineer_name),
                          soci::into(r.org_path));
    st.execute();
    while (st.fetch()) {
        r.certificate.id = id;
        r.certificate.engineer_id = e;
        r.certificate.scheme_id = scheme;
        r.certificate.cycle_id = ci == soci::i_ok ? std::optional<std::int64_t>(cycle) : std::nullopt;
        out.push_back(r);
    }
    return out;
}

}  // namespace skillgrade::storage::certificates
