// The organisation tree: listing and adding units.
#include "app/org.hpp"

#include <boost/json.hpp>

#include "app/caches.hpp"
#include "app/views.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "storage/org_units.hpp"

namespace skillgrade::app {

result<std::vector<core::org_unit>> list_org_units(context& ctx, const principal& p) {
    if (auto c = check(p, perm::org_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    return storage::org_units::list(tx);
}

std::shared_ptr<const std::vector<core::org_unit>> known_units(context& ctx, storage::unit_of_work& tx) {
    auto& c = ctx.cache();
    auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(c.units_mutex);
        if (c.units && c.units_generation == c.generation.load() && now - c.units_at < units_ttl) return c.units;
    }
    auto generation = c.generation.load();
    auto units = storage::org_units::list(tx);
    std::sort(units.begin(), units.end(), [](const core::org_unit& a, const core::org_unit& b) { return a.id < b.id; });
    auto snapshot = std::make_shared<const std::vector<core::org_unit>>(std::move(units));
    std::lock_guard lock(c.units_mutex);
    c.units = snapshot;
    c.units_at = now;
    c.units_generation = generation;
    return snapshot;
}

result<core::org_unit> create_org_unit(context& ctx, const principal& p, const core::org_unit& unit,
                                                const std::string& parent_code, const std::string& manager_username) {
    if (auto c = check(p, perm::org_write); !c) return std::unexpected(c.error());
    static const std::vector<std::string> kinds{"company", "region", "center", "team"};
    std::vector<core::field_error> errs;
    auto add = [&](std::string f, std::string zh, std::string en) { errs.push_back({std::move(f), {std::move(zh), std::move(en)}}); };
    if (unit.code.empty() || unit.code.size() > 32 || unit.code.find_first_of(" \t/") != std::string::npos)
        add("code", "编码不能为空、不能含空格或斜杠，最长 32 字符", "code must be 1–32 characters without spaces or slashes");
    if (unit.name.empty()) add("name", "名称不能为空，最长 100 字符", "name must be 1–100 characters");
    else if (auto why = core::text_problem(unit.name, 100)) errs.push_back({"name", *why});
    auto kind = std::find(kinds.begin(), kinds.end(), unit.kind);
    if (kind == kinds.end()) add("kind", "类型应为 company/region/center/team", "kind must be company, region, center or team");
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto units = storage::org_units::list(tx);
    const core::org_unit* parent = nullptr;
    for (auto& u : units) {
        if (u.code == unit.code) add("code", "编码已存在：" + unit.code, "code already exists: " + unit.code);
        if (!parent_code.empty() && u.code == parent_code) parent = &u;
    }
    if (kind != kinds.end()) {
        if (unit.kind == "company" && !parent_code.empty()) add("parent", "公司是顶层单元，不能有上级", "a company is a top unit and has no parent");
        if (unit.kind != "company") {
            if (!parent) add("parent", "上级单元不存在：" + parent_code, "unknown parent unit: " + parent_code);
            else if (std::find(kinds.begin(), kinds.end(), parent->kind) >= kind)
                add("parent", "上级单元的层级应高于本单元（公司 → 大区 → 服务中心 → 班组）",
                    "the parent must be a higher kind (company → region → center → team)");
        }
    }
    std::optional<std::int64_t> manager;
    if (!manager_username.empty()) {
        auto m = storage::users::find(tx, manager_username);
        if (!m) add("manager", "用户不存在：" + manager_username, "no such user: " + manager_username);
        else manager = m->id;
    }
    if (!errs.empty())
        return core::fail(core::errc::invalid_input, "org.invalid", {"组织单元信息有误", "The org unit is invalid"}, errs);
    core::org_unit u = unit;
    u.parent_id = parent ? std::optional<std::int64_t>(parent->id) : std::nullopt;
    auto id = storage::org_units::insert(tx, u);
    if (manager) storage::org_units::set_manager(tx, id, *manager);
    auto saved = storage::org_units::get(tx, id);
    ctx.audit(tx, p.username, "org.create", "org_unit", std::to_string(id), "{}", boost::json::serialize(to_json(*saved)));
    tx.commit();
    ++ctx.cache().generation;  // known_units reads the units again
    return *saved;
}

std::optional<core::org_unit> unit_by_code(storage::unit_of_work& tx, const std::string& code) {
    for (auto& u : storage::org_units::list(tx))
        if (u.code == code) return u;
    return std::nullopt;
}

}  // namespace skillgrade::app
