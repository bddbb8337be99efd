// demo.hpp
// Realistic demo data for a new database: org tree (company → 3 regions → 12 service centers
// → teams), about 300 engineers with Chinese names, product lines and level histories, and one
// account per role. Deterministic for a given seed.
//
//   auto accounts = app::fill_demo(ctx, "secret-pass", 42);
#pragma once
#include <string>
#include <vector>

#include "app/context.hpp"

namespace skillgrade::app {

struct demo_account {
    std::string username;
    std::string role;
    std::string password;
};

// Fails (conflict) when the database already holds engineers.
result<std::vector<demo_account>> fill_demo(context& ctx, const std::string& password, unsigned seed = 2026,
                                            int engineers = 300);

}  // namespace skillgrade::app
