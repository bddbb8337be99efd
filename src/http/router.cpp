#include "http/router.hpp"

#include <stdexcept>

#include "http/edge.hpp"

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

std::int64_t context::id(const std::string& name) const {
    auto it = params.find(name);
    auto v = it == params.end() ? std::nullopt : parse_id(it->second);
    if (!v) throw std::logic_error("route parameter {" + name + "} was not matched as an id");
    return *v;
}

void router::add(verb method, std::string pattern, app::perm permission, handler fn) {
    auto segs = split(pattern);
    routes_.push_back({method, std::move(pattern), permission, std::move(fn), std::move(segs)});
}

router::match_result router::match(verb method, std::string_view encoded_path) const {
    match_result out;
    auto segs = split(encoded_path);
    for (auto& r : routes_) {
        if (r.segments.size() != segs.size()) continue;
        std::map<std::string, std::string> params;
        bool ok = true;
        for (std::size_t i = 0; i < segs.size() && ok; ++i) {
            auto& s = r.segments[i];
            if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
                // Parameters are ids; a literal sibling route wins by coming first.
                if (!parse_id(segs[i])) ok = false;
                else params[s.substr(1, s.size() - 2)] = segs[i];
            } else if (s != segs[i]) {
                ok = false;
            }
        }
        if (!ok) continue;
        if (std::find(out.allowed.begin(), out.allowed.end(), r.method) == out.allowed.end()) out.allowed.push_back(r.method);
        if (r.method == method && !out.route) {
            out.route = &r;
            out.params = std::move(params);
        }
    }
    return out;
}

}  // namespace skillgrade::http
