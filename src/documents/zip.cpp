// ZIP archives in and out, in memory (libzip): the entries read within the import limits, and an
// archive written from named files.
#include <zip.h>

#include <memory>

#include "documents/tables.hpp"

namespace skillgrade::documents {
namespace {

core::error bad_zip(std::string zh, std::string en) { return {core::errc::invalid_input, "import.bad_zip", {std::move(zh), std::move(en)}, {}}; }

struct zip_closer {
    void operator()(zip_t* z) const { zip_discard(z); }
};

}  // namespace

bool is_xlsx(std::string_view bytes) {
    if (bytes.size() < 4 || bytes.substr(0, 2) != "PK") return false;
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (!src) return false;
    std::unique_ptr<zip_t, zip_closer> z(zip_open_from_source(src, ZIP_RDONLY, &err));
    if (!z) {
        zip_source_free(src);
        return false;
    }
    return zip_name_locate(z.get(), "xl/workbook.xml", 0) >= 0;
}

core::result<std::vector<zip_entry>> read_zip(std::string_view bytes, const limits& lim) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (!src) return std::unexpected(bad_zip("无法读取文件", "cannot read the file"));
    std::unique_ptr<zip_t, zip_closer> z(zip_open_from_source(src, ZIP_RDONLY, &err));
    if (!z) {
        zip_source_free(src);
        return std::unexpected(bad_zip("文件不是有效的 zip 压缩包", "the file is not a valid zip archive"));
    }
    auto n = zip_get_num_entries(z.get(), 0);
    if (n > 10000) return std::unexpected(bad_zip("压缩包条目过多", "the archive has too many entries"));
    std::vector<zip_entry> out;
    std::size_t budget = lim.max_uncompressed;
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(z.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) continue;
        std::string name = st.name;
        if (name.empty() || name.back() == '/') continue;  // a directory
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen_index(z.get(), static_cast<zip_uint64_t>(i), 0), zip_fclose);
        if (!f) return std::unexpected(bad_zip("压缩包中的文件无法读取：" + name, "a file of the archive cannot be read: " + name));
        zip_entry e{name, {}};
        char buf[65536];
        zip_int64_t got;
        while ((got = zip_fread(f.get(), buf, sizeof buf)) > 0) {
            e.bytes.append(buf, static_cast<std::size_t>(got));
            bool bomb = e.bytes.size() > budget ||
                        (e.bytes.size() > (1u << 20) && e.bytes.size() / std::max<zip_uint64_t>(st.comp_size, 1) > lim.max_ratio);
            if (bomb)
                return core::fail(core::errc::too_large, "import.zip_bomb",
                                  {"压缩包解压后过大，疑似压缩炸弹", "the archive inflates too far (a zip bomb?)"});
        }
        if (got < 0) return std::unexpected(bad_zip("压缩包中的文件已损坏：" + name, "a file of the archive is damaged: " + name));
        budget -= e.bytes.size();
        out.push_back(std::move(e));
    }
    return out;
}

std::string write_zip(const std::vector<zip_entry>& entries) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
    if (!src) throw std::runtime_error("zip: no buffer");
    zip_t* z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
    if (!z) {
        zip_source_free(src);
        throw std::runtime_error("zip: cannot open");
    }
    zip_source_keep(src);
    for (auto& e : entries) {
        zip_source_t* data = zip_source_buffer(z, e.bytes.data(), e.bytes.size(), 0);
        if (!data || zip_file_add(z, e.name.c_str(), data, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            if (data) zip_source_free(data);
            zip_discard(z);
            zip_source_free(src);
            throw std::runtime_error("zip: cannot add " + e.name);
        }
    }
    if (zip_close(z) != 0) {
        zip_discard(z);
        zip_source_free(src);
        throw std::runtime_error("zip: cannot write");
    }
    std::string out;
    zip_stat_t st;
    if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
        out.resize(st.size);
        auto n = zip_source_read(src, out.data(), st.size);
        zip_source_close(src);
        out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    }
    zip_source_free(src);
    return out;
}

}  // namespace skillgrade::documents
