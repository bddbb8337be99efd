// Calendar days.
#include <soci/soci.h>

#include "storage/calendar.hpp"

namespace skillgrade::storage::calendar {

std::vector<calendar_day> list(unit_of_work& tx) {
    std::vector<calendar_day> out;
    calendar_day d;
    soci::statement st = (tx.sql().prepare << "SELECT day, kind, name FROM calendar_days ORDER BY day", soci::into(d.day),
                          soci::into(d.kind), soci::into(d.name));
    st.execute();
    while (st.fetch()) out.push_back(d);
    return out;
}

void put(unit_of_work& tx, const calendar_day& d) {
    tx.sql() << "INSERT INTO calendar_days (day, kind, name) VALUES (:d, :k, :n) ON CONFLICT (day) DO UPDATE SET "
                "kind = excluded.kind, name = excluded.name",
        soci::use(d.day), soci::use(d.kind), soci::use(d.name);
}

void remove(unit_of_work& tx, const std::string& day) { tx.sql() << "DELETE FROM calendar_days WHERE day = :d", soci::use(day); }

}  // namespace skillgrade::storage::calendar
