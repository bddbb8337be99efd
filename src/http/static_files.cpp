#include "http/static_files.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace skillgrade::http {
namespace fs = std::filesystem;

std::string content_type_of(std::string_view path) {
    static const std::pair<const char*, const char*> types[] = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"}, {".json", "application/json"},
        {".woff2", "font/woff2"}, {".txt", "text/plain; charset=utf-8"}, {".webmanifest", "application/manifest+json"}};
    for (auto& [ext, type] : types)
        if (path.ends_with(ext)) return type;
    return "application/octet-stream";
}

namespace {
std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A strong validator from the bytes (64-bit FNV-1a; collisions only cost a needless reload).
std::string etag_of(std::string_view bytes) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
    char buf[24];
    std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
    return buf;
}
}  // namespace

static_files::static_files(const std::string& root, std::size_t max_file) {
    std::error_code ec;
    if (root.empty() || !fs::is_directory(fs::symlink_status(root, ec))) return;
    fs::path base = fs::path(root).lexically_normal();
    std::map<std::string, std::string> gz;
    for (fs::recursive_directory_iterator it(base, fs::directory_options::none, ec), end; !ec && it != end; it.increment(ec)) {
        // Only regular files that are not links; directories that are links are not entered.
        auto st = it->symlink_status(ec);
        if (ec || !fs::is_regular_file(st)) continue;
        auto size = it->file_size(ec);
        if (ec || size > max_file) continue;
        auto rel = it->path().lexically_relative(base).generic_string();
        if (rel.empty() || rel.starts_with("..")) continue;
        std::string key = "/" + rel;
        if (key.ends_with(".gz")) {
            gz[key.substr(0, key.size() - 3)] = slurp(it->path());
            continue;
        }
        static_file f;
        f.body = slurp(it->path());
        f.type = content_type_of(key);
        f.etag = etag_of(f.body);
        f.immutable = key.starts_with("/assets/");
        bytes_ += f.body.size();
        files_.emplace(std::move(key), std::move(f));
    }
    for (auto& [key, bytes] : gz)
        if (auto it = files_.find(key); it != files_.end()) {
            bytes_ += bytes.size();
            it->second.gzip = std::move(bytes);
        }
}

const static_file* static_files::find(std::string_view path) const {
    auto it = files_.find(path);
    return it == files_.end() ? nullptr : &it->second;
}

}  // namespace skillgrade::http
