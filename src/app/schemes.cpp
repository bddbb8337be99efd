// Level schemes: presets, listing, versions, import/export and diff.
#include "app/schemes.hpp"

#include <boost/json.hpp>

#include "app/views.hpp"
#include "storage/cycles.hpp"
#include "storage/schemes.hpp"

namespace skillgrade::app {

extern const std::pair<std::string_view, std::string_view> kEmbedded[];
extern const std::size_t kEmbeddedCount;

namespace {
core::error not_found(std::int64_t id) {
    return {core::errc::not_found, "scheme.not_found", {"方案不存在：" + std::to_string(id), "No such scheme: " + std::to_string(id)}, {}};
}
}  // namespace

int load_presets(context& ctx) {
    {
        storage::unit_of_work tx(ctx.db(), storage::write::no);
        if (!storage::schemes::list(tx).empty()) return 0;
    }
    principal system;
    system.username = "system";
    system.roles = {core::role::admin};
    int n = 0;
    // company-5 first: it becomes the default scheme.
    std::vector<std::pair<std::string_view, std::string_view>> files(kEmbedded, kEmbedded + kEmbeddedCount);
    std::stable_partition(files.begin(), files.end(), [](auto& f) { return f.first == "company-5.toml"; });
    for (auto& [name, text] : files) {
        auto saved = save_scheme(ctx, system, std::string(text), std::string(name), "");  // the page names a system version without a note "preset"
        if (!saved) throw std::runtime_error("preset scheme " + std::string(name) + " is invalid: " + saved.error().title.en);
        ++n;
    }
    return n;
}

result<std::vector<scheme_summary>> list_schemes(context& ctx, const principal& p) {
    if (auto c = check(p, perm::schemes_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    std::vector<scheme_summary> out;
    for (auto& row : storage::schemes::list(tx)) {
        scheme_summary s{row, 0};
        if (auto v = storage::schemes::version(tx, row.id, 0))
            if (auto parsed = core::parse_scheme(v->source, row.code)) s.levels = static_cast<int>(parsed->levels.size());
        out.push_back(std::move(s));
    }
    return out;
}

result<scheme_detail> get_scheme(context& ctx, const principal& p, std::int64_t id, int version) {
    if (auto c = check(p, perm::schemes_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto row = storage::schemes::get(tx, id);
    if (!row) return std::unexpected(not_found(id));
    auto v = storage::schemes::version(tx, id, version);
    if (!v)
        return core::fail(core::errc::not_found, "scheme.version_not_found",
                          {"方案版本不存在：" + std::to_string(version), "No such scheme version: " + std::to_string(version)});
    auto parsed = core::parse_scheme(v->source, row->code + ".toml");
    if (!parsed) return std::unexpected(parsed.error());
    return scheme_detail{*row, *v, storage::schemes::versions(tx, id), std::move(*parsed)};
}

result<scheme_detail> save_scheme(context& ctx, const principal& p, const std::string& toml, const std::string& file_name,
                                           const std::string& note) {
    if (auto c = check(p, perm::schemes_write); !c) return std::unexpected(c.error());
    if (toml.size() > (1u << 20))
        return core::fail(core::errc::too_large, "scheme.too_large", {"方案文件超过 1 MB", "The scheme file exceeds 1 MB"});
    auto parsed = core::parse_scheme(toml, file_name.empty() ? "scheme.toml" : file_name);
    if (!parsed) return std::unexpected(parsed.error());
    std::int64_t id = 0;
    {
        storage::unit_of_work tx(ctx.db(), storage::write::yes);
        auto existing = storage::schemes::find(tx, parsed->code);
        std::string before = "{}";
        if (existing) {
            id = existing->id;
            auto latest = storage::schemes::version(tx, id, 0);
            if (latest && latest->source == toml)
                return core::fail(core::errc::conflict, "scheme.unchanged",
                                  {"与当前版本相同，未创建新版本", "Identical to the current version; no new version was made"});
            before = boost::json::serialize(boost::json::object{{"code", existing->code}, {"version", existing->latest_version}});
            storage::schemes::rename(tx, id, parsed->name.zh, parsed->name.en);
        } else {
            storage::scheme_row row{0, parsed->code, parsed->name.zh, parsed->name.en, false, 0};
            row.is_default = storage::schemes::list(tx).empty();
            id = storage::schemes::insert(tx, row, ctx.now_iso());
        }
        storage::scheme_version_row v;
        v.scheme_id = id;
        v.source = toml;
        v.note = note;
        v.created_at = ctx.now_iso();
        v.created_by = p.username;
        storage::schemes::add_version(tx, v);
        auto after = to_json(*parsed).as_object();
        after["version"] = storage::schemes::get(tx, id)->latest_version;
        ctx.audit(tx, p.username, existing ? "scheme.new_version" : "scheme.create", "scheme", std::to_string(id), before,
              boost::json::serialize(after));
        tx.commit();
    }
    return get_scheme(ctx, p, id, 0);
}

result<std::vector<core::scheme_change>> diff_scheme(context& ctx, const principal& p, std::int64_t id, int from, int to) {
    auto a = get_scheme(ctx, p, id, from);
    if (!a) return std::unexpected(a.error());
    auto b = get_scheme(ctx, p, id, to);
    if (!b) return std::unexpected(b.error());
    return core::diff(a->scheme, b->scheme);
}

result<std::string> export_scheme(context& ctx, const principal& p, std::int64_t id, int version) {
    auto d = get_scheme(ctx, p, id, version);
    if (!d) return std::unexpected(d.error());
    return d->version.source;
}

result<core::scheme> default_scheme(context& ctx) {
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto row = storage::schemes::default_scheme(tx);
    if (!row) return core::fail(core::errc::not_found, "scheme.no_default", {"尚未配置默认方案", "No default scheme is configured"});
    auto v = storage::schemes::version(tx, row->id, 0);
    return core::parse_scheme(v->source, row->code);
}

core::result<core::scheme> cycle_scheme(storage::unit_of_work& tx, const storage::cycle_row& c) {
    auto v = storage::schemes::version(tx, c.scheme_id, c.scheme_version);
    if (!v) return core::fail(core::errc::internal, "cycle.scheme", {"批次的方案版本缺失", "The cycle's scheme version is missing"});
    return core::parse_scheme(v->source, "cycle");
}

}  // namespace skillgrade::app
