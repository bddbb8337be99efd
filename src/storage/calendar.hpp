// calendar.hpp
// The calendar: days with a kind and a name.
#pragma once
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace skillgrade::storage {

struct calendar_day {
    std::string day, kind, name;
};

namespace calendar {
std::vector<calendar_day> list(unit_of_work&);
void put(unit_of_work&, const calendar_day&);  // insert or replace
void remove(unit_of_work&, const std::string& day);
}  // namespace calendar

}  // namespace skillgrade::storage
