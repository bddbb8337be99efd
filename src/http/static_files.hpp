// static_files.hpp
// The built web app, read once at start-up into memory: path → bytes, gzip variant, content
// type and ETag. A request is answered only by looking its decoded path up in this table, so no
// path taken from a request is ever opened, and no spelling can reach a file outside the build
// directory. Symbolic links and special files in the directory are left out.
//
//   static_files web("web/dist");
//   if (auto* f = web.find("/assets/index-3f2a.js")) reply(f->body, f->type, f->etag);
//   auto* page = web.find("/cycles/7");   // nullptr: the caller falls back to index.html
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace skillgrade::http {

struct static_file {
    std::string body;
    std::string gzip;  // the precompressed variant (name.gz in the build), or empty
    std::string type;  // Content-Type
    std::string etag;  // quoted, from the content
    bool immutable = false;  // under /assets/: hashed names, cached for a year
};

class static_files {
public:
    static_files() = default;
    // Reads every regular file under `root` (not following links); an empty or missing root
    // gives an empty table. Files over max_file bytes are skipped.
    explicit static_files(const std::string& root, std::size_t max_file = 64u << 20);
    // The file at exactly this decoded path ("/index.html", "/assets/x.js"), or nullptr.
    const static_file* find(std::string_view path) const;
    const static_file* index() const { return find("/index.html"); }
    std::size_t size() const { return files_.size(); }
    std::size_t bytes() const { return bytes_; }

private:
    std::map<std::string, static_file, std::less<>> files_;
    std::size_t bytes_ = 0;
};

std::string content_type_of(std::string_view path);

}  // namespace skillgrade::http
