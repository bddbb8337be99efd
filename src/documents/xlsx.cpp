#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdio>
#include <cstring>
#include <limits>
#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>

#include "documents/tables.hpp"

namespace skillgrade::documents {
namespace {

core::error bad_file(std::string zh, std::string en) {
    return {core::errc::invalid_input, "import.bad_xlsx", {std::move(zh), std::move(en)}, {}};
}

struct zip_closer {
    void operator()(zip_t* z) const { zip_discard(z); }
};

// Reads one part of the package, refusing to inflate more than the limits allow
// (the sizes in the zip directory are not trusted).
core::result<std::string> read_part(zip_t* z, const std::string& name, std::size_t& budget, const limits& lim) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z, name.c_str(), 0, &st) != 0)
        return std::unexpected(bad_file("XLSX 文件缺少 " + name, "the XLSX file lacks " + name));
    zip_file_t* f = zip_fopen(z, name.c_str(), 0);
    if (!f) return std::unexpected(bad_file("无法读取 XLSX 中的 " + name, "cannot read " + name + " in the XLSX file"));
    std::string out;
    // The directory's size is a hint only (the loop below enforces the limits).
    if (st.valid & ZIP_STAT_SIZE) out.reserve(std::min<zip_uint64_t>(st.size, budget));
    char buf[65536];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) {
        out.append(buf, static_cast<std::size_t>(n));
        bool over_budget = out.size() > budget;
        bool over_ratio = out.size() > (1u << 20) && (st.valid & ZIP_STAT_COMP_SIZE) &&
                          out.size() / std::max<zip_uint64_t>(st.comp_size, 1) > lim.max_ratio;
        if (over_budget || over_ratio) {
            zip_fclose(f);
            return core::fail(core::errc::too_large, "import.zip_bomb",
                              {"XLSX 解压后过大（疑似压缩炸弹），已拒绝", "The XLSX file inflates too much (zip bomb?) and was rejected"});
        }
    }
    zip_fclose(f);
    if (n < 0) return std::unexpected(bad_file("XLSX 文件已损坏：" + name, "the XLSX file is corrupt: " + name));
    budget -= out.size();
    return out;
}

// A streaming XML reader that refuses DTDs (so no entity expansion and no external entities).
class xml {
public:
    xml(const std::string& s)
        : r_(xmlReaderForMemory(s.data(), static_cast<int>(s.size()), nullptr, nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)) {}
    ~xml() {
        if (r_) xmlFreeTextReader(r_);
    }
    // 1 = node, 0 = end, -1 = error (including any DOCTYPE)
    int next() {
        if (!r_) return -1;
        int rc = xmlTextReaderRead(r_);
        if (rc == 1 && xmlTextReaderNodeType(r_) == XML_READER_TYPE_DOCUMENT_TYPE) return -1;
        return rc;
    }
    int type() const { return xmlTextReaderNodeType(r_); }
    bool empty() const { return xmlTextReaderIsEmptyElement(r_) == 1; }
    std::string_view name() const {
        auto n = xmlTextReaderConstLocalName(r_);
        return n ? reinterpret_cast<const char*>(n) : "";
    }
    std::string attr(const char* a) const {
        xmlChar* v = xmlTextReaderGetAttribute(r_, reinterpret_cast<const xmlChar*>(a));
        if (!v) return {};
        std::string s(reinterpret_cast<char*>(v));
        xmlFree(v);
        return s;
    }
    std::string value() const {
        auto v = xmlTextReaderConstValue(r_);
        return v ? reinterpret_cast<const char*>(v) : "";
    }

private:
    xmlTextReaderPtr r_;
};

core::error xml_error(const std::string& part) {
    return bad_file("XLSX 中的 " + part + " 不是合法的 XML（或含有 DTD/实体声明）",
                    part + " in the XLSX file is not valid XML (or declares a DTD/entities)");
}

// Streaming SAX2 parsing for the two big parts (shared strings and the sheet): no tree is built.
// A DOCTYPE (internal subset) or entity declaration stops the parse, so there is no entity
// expansion and no external entity; undeclared entities make the document ill-formed.
struct sax_state {
    xmlParserCtxtPtr ctxt = nullptr;
    bool refused = false;  // DTD or entity declaration seen
    std::string error;     // our own content error (bad index, too many rows …)
    // shared strings
    std::vector<std::string>* strings = nullptr;
    bool in_t = false, in_rph = false;
    // sheet
    const row_reader* on_row = nullptr;
    const rows_expected* on_expected = nullptr;
    bool stopped = false;  // the reader asked for no more rows
    const std::vector<std::string>* sst = nullptr;
    std::size_t max_rows = 0;
    long last_row = 0;
    std::vector<std::string> row;
    bool in_row = false;
    int col = 0;
    char type = 'n';  // s(hared) b(oolean) i(nline/str) n(umber)
    std::string value;
    bool in_cell = false, in_v = false, in_is_t = false;

    void fail(std::string why) {
        if (error.empty()) error = std::move(why);
        xmlStopParser(ctxt);
    }
};

bool is(const xmlChar* a, const char* b) { return std::strcmp(reinterpret_cast<const char*>(a), b) == 0; }

std::string_view attribute(int n, const xmlChar** attrs, const char* name) {
    for (int i = 0; i < n; ++i)
        if (is(attrs[i * 5], name))
            return {reinterpret_cast<const char*>(attrs[i * 5 + 3]),
                    static_cast<std::size_t>(attrs[i * 5 + 4] - attrs[i * 5 + 3])};
    return {};
}

void on_refuse(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
    auto* st = static_cast<sax_state*>(ctx);
    st->refused = true;
    xmlStopParser(st->ctxt);
}
void on_entity(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*) { on_refuse(ctx, nullptr, nullptr, nullptr); }
void on_error(void*, xmlErrorPtr) {}

void sst_start(void* ctx, const xmlChar* name, const xmlChar*, const xmlChar*, int, const xmlChar**, int, int, const xmlChar**) {
    auto* st = static_cast<sax_state*>(ctx);
    if (is(name, "si")) st->strings->emplace_back();
    else if (is(name, "rPh")) st->in_rph = true;
    else if (is(name, "t")) st->in_t = true;
}
void sst_end(void* ctx, const xmlChar* name, const xmlChar*, const xmlChar*) {
    auto* st = static_cast<sax_state*>(ctx);
    if (is(name, "t")) st->in_t = false;
    else if (is(name, "rPh")) st->in_rph = false;
}
void sst_text(void* ctx, const xmlChar* ch, int len) {
    auto* st = static_cast<sax_state*>(ctx);
    if (st->in_t && !st->in_rph && !st->strings->empty()) st->strings->back().append(reinterpret_cast<const char*>(ch), len);
}

// "BC12" -> column index 54 (0-based); -1 when malformed.
int column_of(std::string_view ref) {
    int col = 0, letters = 0;
    for (char c : ref) {
        if (c >= 'A' && c <= 'Z') { col = col * 26 + (c - 'A' + 1); ++letters; }
        else break;
    }
    if (letters == 0 || letters > 3) return -1;
    return col - 1;
}

void sheet_start(void* ctx, const xmlChar* name, const xmlChar*, const xmlChar*, int, const xmlChar**, int nattr, int,
                 const xmlChar** attrs) {
    auto* st = static_cast<sax_state*>(ctx);
    if (is(name, "row")) {
        auto ra = attribute(nattr, attrs, "r");
        long rn = ra.empty() ? st->last_row + 1 : std::strtol(std::string(ra).c_str(), nullptr, 10);
        if (rn <= st->last_row || rn > static_cast<long>(st->max_rows) + 1)
            return st->fail("invalid row numbers or too many rows");
        st->last_row = rn;
        st->row.clear();
        st->in_row = true;
        st->col = 0;
    } else if (is(name, "dimension") && st->on_expected && *st->on_expected) {
        // "A1:L100001": the sheet's last row, a hint for progress (never trusted as a limit).
        auto ref = attribute(nattr, attrs, "ref");
        auto colon = ref.find(':');
        auto last = ref.substr(colon == std::string_view::npos ? 0 : colon + 1);
        auto digits = last.find_first_of("0123456789");
        if (digits != std::string_view::npos) {
            long rows = std::strtol(std::string(last.substr(digits)).c_str(), nullptr, 10);
            if (rows > 1) (*st->on_expected)(static_cast<std::size_t>(std::min<long>(rows - 1, static_cast<long>(st->max_rows))));
        }
    } else if (is(name, "c") && st->in_row) {
        auto ref = attribute(nattr, attrs, "r");
        int c = ref.empty() ? st->col : column_of(ref);
        if (c < 0 || c > 16383) return st->fail("invalid cell reference " + std::string(ref));
        st->col = c;
        auto t = attribute(nattr, attrs, "t");
        st->type = t == "s" ? 's' : t == "b" ? 'b' : (t == "inlineStr" || t == "str") ? 'i' : 'n';
        st->value.clear();
        st->in_cell = true;
    } else if (st->in_cell && is(name, "v")) {
        st->in_v = true;
    } else if (st->in_cell && is(name, "t")) {
        st->in_is_t = true;
    }
}

void sheet_end(void* ctx, const xmlChar* name, const xmlChar*, const xmlChar*) {
    auto* st = static_cast<sax_state*>(ctx);
    if (is(name, "v")) st->in_v = false;
    else if (is(name, "t")) st->in_is_t = false;
    else if (is(name, "c") && st->in_cell && st->in_row) {
        std::string cell;
        if (st->type == 's') {
            char* end = nullptr;
            long idx = std::strtol(st->value.c_str(), &end, 10);
            if (st->value.empty() || *end || idx < 0 || idx >= static_cast<long>(st->sst->size()))
                return st->fail("invalid shared string index");
            cell = (*st->sst)[static_cast<std::size_t>(idx)];
        } else if (st->type == 'b') {
            cell = st->value == "1" ? "TRUE" : "FALSE";
        } else {
            cell = std::move(st->value);
        }
        if (st->row.size() <= static_cast<std::size_t>(st->col)) st->row.resize(st->col + 1);
        st->row[st->col] = std::move(cell);
        ++st->col;
        st->in_cell = false;
    } else if (is(name, "row") && st->in_row) {
        st->in_row = false;
        if (!(*st->on_row)(static_cast<std::size_t>(st->last_row - 1), st->row)) {
            st->stopped = true;
            xmlStopParser(st->ctxt);
        }
    }
}

void sheet_text(void* ctx, const xmlChar* ch, int len) {
    auto* st = static_cast<sax_state*>(ctx);
    if (st->in_v || st->in_is_t) st->value.append(reinterpret_cast<const char*>(ch), len);
}

// Streams one part of the package through the SAX handlers in chunks, so that neither the part nor
// a tree of it is held: at most `budget` bytes inflated (and no more than max_ratio times the
// compressed size past the first MiB). An error is answered for a missing, corrupt or oversized part
// and for ill-formed or refused XML; a parse that the reader stopped is no error.
core::result<void> sax_stream(zip_t* z, const std::string& name, std::size_t& budget, const limits& lim, sax_state& st,
                              startElementNsSAX2Func start, endElementNsSAX2Func end, charactersSAXFunc text) {
    zip_stat_t zs;
    zip_stat_init(&zs);
    if (zip_stat(z, name.c_str(), 0, &zs) != 0)
        return std::unexpected(bad_file("XLSX 文件缺少 " + name, "the XLSX file lacks " + name));
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen(z, name.c_str(), 0), zip_fclose);
    if (!f) return std::unexpected(bad_file("无法读取 XLSX 中的 " + name, "cannot read " + name + " in the XLSX file"));
    xmlSAXHandler sax{};
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = start;
    sax.endElementNs = end;
    sax.characters = text;
    sax.internalSubset = on_refuse;
    sax.externalSubset = on_refuse;
    sax.entityDecl = on_entity;
    sax.serror = on_error;
    std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> ctxt(xmlCreatePushParserCtxt(&sax, &st, nullptr, 0, name.c_str()),
                                                                     xmlFreeParserCtxt);
    if (!ctxt) throw std::bad_alloc();
    st.ctxt = ctxt.get();
    xmlCtxtUseOptions(ctxt.get(), XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    char buf[65536];
    zip_int64_t n = 0;
    std::size_t inflated = 0;
    auto stopped = [&] { return st.stopped || st.refused || !st.error.empty() || ctxt->disableSAX; };
    while (!stopped() && (n = zip_fread(f.get(), buf, sizeof buf)) > 0) {
        inflated += static_cast<std::size_t>(n);
        bool over_budget = inflated > budget;
        bool over_ratio = inflated > (1u << 20) && (zs.valid & ZIP_STAT_COMP_SIZE) &&
                          inflated / std::max<zip_uint64_t>(zs.comp_size, 1) > lim.max_ratio;
        if (over_budget || over_ratio)
            return core::fail(core::errc::too_large, "import.zip_bomb",
                              {"XLSX 解压后过大（疑似压缩炸弹），已拒绝", "The XLSX file inflates too much (zip bomb?) and was rejected"});
        xmlParseChunk(ctxt.get(), buf, static_cast<int>(n), 0);
    }
    if (!stopped() && n < 0) return std::unexpected(bad_file("XLSX 文件已损坏：" + name, "the XLSX file is corrupt: " + name));
    if (!stopped()) xmlParseChunk(ctxt.get(), nullptr, 0, 1);
    budget -= std::min(budget, inflated);
    if (st.stopped) return {};
    if (!st.error.empty())
        return core::fail(core::errc::invalid_input, "import.bad_xlsx", {"XLSX 内容无效：" + st.error, "invalid XLSX content: " + st.error});
    if (st.refused || !ctxt->wellFormed) return std::unexpected(xml_error(name));
    return {};
}

// The first worksheet's part name, following workbook.xml and its relationships.
std::string first_sheet(zip_t* z, std::size_t& budget, const limits& lim) {
    auto wb = read_part(z, "xl/workbook.xml", budget, lim);
    auto rels = read_part(z, "xl/_rels/workbook.xml.rels", budget, lim);
    if (!wb || !rels) return "xl/worksheets/sheet1.xml";
    std::string rid;
    {
        xml r(*wb);
        while (r.next() == 1)
            if (r.type() == XML_READER_TYPE_ELEMENT && r.name() == "sheet") { rid = r.attr("r:id"); break; }
    }
    xml r(*rels);
    while (r.next() == 1)
        if (r.type() == XML_READER_TYPE_ELEMENT && r.name() == "Relationship" && r.attr("Id") == rid) {
            std::string target = r.attr("Target");
            if (target.starts_with("/")) return target.substr(1);
            return "xl/" + target;
        }
    return "xl/worksheets/sheet1.xml";
}

}  // namespace

core::result<void> read_xlsx(std::string_view bytes, const row_reader& on_row, const limits& lim, const rows_expected& on_expected) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (!src) return std::unexpected(bad_file("无法读取文件", "cannot read the file"));
    std::unique_ptr<zip_t, zip_closer> z(zip_open_from_source(src, ZIP_RDONLY, &err));
    if (!z) {
        zip_source_free(src);
        return std::unexpected(bad_file("文件不是有效的 XLSX（不是 zip 压缩包）", "the file is not a valid XLSX (not a zip archive)"));
    }
    if (zip_get_num_entries(z.get(), 0) > 10000)
        return std::unexpected(bad_file("XLSX 文件条目过多", "the XLSX file has too many entries"));
    std::size_t budget = lim.max_uncompressed;
    std::vector<std::string> strings;  // the shared strings: what the cells refer to, held while the sheet is read
    zip_stat_t st;
    if (zip_stat(z.get(), "xl/sharedStrings.xml", 0, &st) == 0) {
        sax_state state;
        state.strings = &strings;
        if (auto r = sax_stream(z.get(), "xl/sharedStrings.xml", budget, lim, state, sst_start, sst_end, sst_text); !r)
            return r;
    }
    std::string sheet_name = first_sheet(z.get(), budget, lim);
    sax_state state;
    state.on_row = &on_row;
    state.on_expected = &on_expected;
    state.sst = &strings;
    state.max_rows = lim.max_rows;
    return sax_stream(z.get(), sheet_name, budget, lim, state, sheet_start, sheet_end, sheet_text);
}

core::result<table> read_xlsx(std::string_view bytes, const limits& lim) {
    table t;
    auto r = read_xlsx(
        bytes,
        [&](std::size_t index, std::vector<std::string>& cells) {
            // Blank rows in between keep their place so that row numbers match the sheet.
            t.rows.resize(index);
            t.rows.push_back(std::move(cells));
            return true;
        },
        lim);
    if (!r) return std::unexpected(r.error());
    // Trailing blank rows carry nothing.
    while (!t.rows.empty()) {
        bool blank = true;
        for (auto& c : t.rows.back())
            if (!c.empty()) blank = false;
        if (!blank) break;
        t.rows.pop_back();
    }
    return t;
}

std::string write_xlsx(const std::vector<sheet_writer>& sheets) {
    static std::mt19937_64 rng{std::random_device{}()};
    auto path = std::filesystem::temp_directory_path() /
                ("skillgrade-" + std::to_string(rng()) + ".xlsx");
    lxw_workbook_options opts{};
    opts.constant_memory = LXW_TRUE;  // each row goes to a temporary file as it is written
    std::string tmpdir = std::filesystem::temp_directory_path().string();
    opts.tmpdir = tmpdir.data();
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &opts);
    if (!wb) throw std::runtime_error("cannot create XLSX workbook");
    lxw_format* header = workbook_add_format(wb);
    format_set_bold(header);
    try {
        for (auto& sheet : sheets) {
            lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
            if (!ws) throw std::runtime_error("cannot add XLSX worksheet");
            lxw_row_t r = 0;
            std::size_t columns = 0;
            sheet.produce([&](const std::vector<std::string>& row) {
                if (r == 0) {
                    columns = row.size();
                    // Column widths come before the first row in constant-memory mode.
                    if (columns) worksheet_set_column(ws, 0, static_cast<lxw_col_t>(columns), 14, nullptr);
                }
                for (std::size_t c = 0; c < row.size(); ++c)
                    worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), row[c].c_str(), r == 0 ? header : nullptr);
                ++r;
            });
        }
    } catch (...) {
        workbook_close(wb);
        std::error_code ec;
        std::filesystem::remove(path, ec);
        throw;
    }
    auto rc = workbook_close(wb);
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    bool ok = rc == LXW_NO_ERROR && !ec;
    std::string bytes(ok ? size : 0, '\0');
    if (ok) ok = static_cast<bool>(std::ifstream(path, std::ios::binary).read(bytes.data(), static_cast<std::streamsize>(size)));
    std::filesystem::remove(path, ec);
    if (!ok) throw std::runtime_error("cannot write XLSX workbook");
    return bytes;  // read once into its final place: a large sheet is not held twice
}

std::string write_xlsx(const std::string& sheet_name, const std::function<void(const row_sink&)>& produce) {
    return write_xlsx(std::vector<sheet_writer>{{sheet_name, produce}});
}

std::string write_xlsx(const std::string& sheet_name, const table& t) {
    return write_xlsx(sheet_name, [&](const row_sink& write) {
        for (auto& row : t.rows) write(row);
    });
}

}  // namespace skillgrade::documents
