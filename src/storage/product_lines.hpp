// product_lines.hpp
// The product lines engineers carry.
#pragma once
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace skillgrade::storage {

struct product_line {
    std::string name, name_en;  // the name engineers carry (Chinese) and its English label
};
namespace product_lines {
std::vector<product_line> list(unit_of_work&);
}  // namespace product_lines

}  // namespace skillgrade::storage
