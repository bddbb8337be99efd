// Training records.
#include <soci/soci.h>

#include "storage/training.hpp"

namespace skillgrade::storage::training {

void insert(unit_of_work& tx, const std::vector<training_row>& rows, const std::string& now) {
    training_row r;
    long long engineer = 0;
    int passed = 0;
    soci::statement st = (tx.sql().prepare << "INSERT INTO training_records (engineer_id, course_code, hours, completed_on, "
                                              "passed, source, recorded_at) VALUES (:e, :c, :h, :d, :p, :s, :now)",
                          soci::use(engineer), soci::use(r.course_code), soci::use(r.hours), soci::use(r.completed_on),
                          soci::use(passed), soci::use(r.source), soci::use(now));
    for (auto& row : rows) {
        r = row;
        engineer = row.engineer_id;
        passed = row.passed ? 1 : 0;
        st.execute(true);
    }
}

std::vector<training_row> for_engineer(unit_of_work& tx, std::int64_t engineer_id) {
    std::vector<training_row> out;
    training_row r;
    long long id = 0, e = engineer_id;
    int passed = 0;
    soci::statement st = (tx.sql().prepare << "SELECT id, course_code, hours, completed_on, passed, source FROM "
                                              "training_records WHERE engineer_id = :e ORDER BY completed_on DESC, id DESC",
                          soci::use(e), soci::into(id), soci::into(r.course_code), soci::into(r.hours),
                          soci::into(r.completed_on), soci::into(passed), soci::into(r.source));
    st.execute();
    while (st.fetch()) {
        r.id = id;
        r.engineer_id = engineer_id;
        r.passed = passed != 0;
        out.push_back(r);
    }
    return out;
}

}  // namespace skillgrade::storage::training
