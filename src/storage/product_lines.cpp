// Product lines.
#include <soci/soci.h>

#include "storage/product_lines.hpp"

namespace skillgrade::storage::product_lines {

std::vector<product_line> list(unit_of_work& tx) {
    std::vector<product_line> out;
    product_line p;
    soci::statement st = (tx.sql().prepare << "SELECT name, name_en FROM product_lines ORDER BY position, name", soci::into(p.name),
                          soci::into(p.name_en));
    st.execute();
    while (st.fetch()) out.push_back(p);
    return out;
}

}  // namespace skillgrade::storage::product_lines
