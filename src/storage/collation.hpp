// collation.hpp
// Sort keys for people's names in the order people expect: Chinese by pinyin, then Latin letters
// alphabetically (ICU's zh collation, as CLDR defines it). The key is hex text, so both engines order it byte by byte
// (the column is COLLATE "C" on PostgreSQL) and an index serves a sorted page.
//
//   name_key("安七") < name_key("李四") < name_key("王五") < name_key("张三")
#pragma once
#include <string>
#include <string_view>

namespace skillgrade::storage {

std::string name_key(std::string_view utf8);

}  // namespace skillgrade::storage
