#include "http/router.hpp"

#include <charconv>

namespace skillgrade::http {
namespace {
std::vector<std::string> split(std::string_view path) {
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        auto end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        out.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}
}  // namespace

std::optional<std::int64_t> context::id(const std::string& name) const {
    auto it = params.find(name);
    if (it == params.end()) return std::nullopt;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
    if (ec != std::errc{} || p != it->second.data() + it->second.size() || v <= 0) return std::nullopt;
    return v;
}

void router::add(verb method, std::string pattern, app::perm permission, handler fn) {
    auto segs = split(pattern);
    routes_.push_back({method, std::move(pattern), permission, std::move(fn), std::move(segs)});
}

router::match_result router::match(verb method, std::string_view path) const {
    match_result out;
    auto segs = split(path);
    for (auto& r : routes_) {
        if (r.segments.size() != segs.size()) continue;
        std::map<std::string, std::string> params;
        bool ok = true;
        for (std::size_t i = 0; i < segs.size() && ok; ++i) {
            auto& s = r.segments[i];
            if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
                // Parameters are numeric ids; a literal sibling route wins by coming first.
                if (segs[i].empty() || segs[i].size() > 18 ||
                    segs[i].find_first_not_of("0123456789") != std::string::npos)
                    ok = false;
                else params[s.substr(1, s.size() - 2)] = segs[i];
            } else if (s != segs[i]) {
                ok = false;
            }
        }
        if (!ok) continue;
        out.path_known = true;
        if (r.method == method) {
            out.route = &r;
            out.params = std::move(params);
            return out;
        }
    }
    return out;
}

}  // namespace skillgrade::http
