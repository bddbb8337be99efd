// The question bank: list, read, save (a new version per change), retire, import, export, template.
#include "app/questions.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <boost/json.hpp>

#include "app/audit.hpp"
#include "app/import_report.hpp"
#include "app/sheet.hpp"
#include "app/exams.hpp"
#include "app/views.hpp"
#include "core/images.hpp"
#include "core/text.hpp"
#include "documents/tables.hpp"

namespace skillgrade::app {
namespace js = boost::json;
namespace {

// The import's and the export's columns, in the template's order.
const sheet_column kColumns[] = {
    {"code", {"题目编号", "Code"}, true},
    {"type", {"题型", "Type"}, true},
    {"product_line", {"产品线", "Product line"}, true},
    {"knowledge_point", {"知识点", "Knowledge point"}, true},
    {"ranks", {"适用等级", "Levels"}, true},
    {"difficulty", {"难度", "Difficulty"}, true},
    {"stem", {"题干", "Stem"}, true},
    {"stem_en", {"题干（英文）", "Stem (English)"}, false},
    {"option_a", {"选项A", "Option A"}, false},
    {"option_b", {"选项B", "Option B"}, false},
    {"option_c", {"选项C", "Option C"}, false},
    {"option_d", {"选项D", "Option D"}, false},
    {"option_e", {"选项E", "Option E"}, false},
    {"option_f", {"选项F", "Option F"}, false},
    {"options_en", {"选项（英文）", "Options (English)"}, false},
    {"answer", {"答案", "Answer"}, false},
    {"normalise", {"归一化", "Normalisation"}, false},
    {"reference", {"参考答案", "Model answer"}, false},
    {"rubric", {"评分要点", "Scoring points"}, false},
    {"explanation", {"解析", "Explanation"}, false},
    {"explanation_en", {"解析（英文）", "Explanation (English)"}, false},
    {"case", {"所属案例", "Case"}, false},
    {"images", {"图片", "Images"}, false},
};
enum col { c_code, c_type, c_line, c_point, c_ranks, c_difficulty, c_stem, c_stem_en, c_option_a, c_options_en = c_option_a + 6,
           c_answer, c_normalise, c_reference, c_rubric, c_explanation, c_explanation_en, c_case, c_images };

const std::pair<const char*, const char*> kTypeNames[] = {{"single", "单选"},       {"multiple", "多选"}, {"true_false", "判断"},
                                                          {"fill_blank", "填空"},   {"short_answer", "简答"}, {"case", "案例"}};
// The level names the sheets use (the five-level scheme's, and the four-level scheme's 专家级).
const std::pair<const char*, int> kLevelNames[] = {{"初级", 1}, {"中级", 2}, {"高级", 3}, {"技术专家级", 4}, {"专家级", 4}, {"顾问级", 5}};

std::string type_of(const std::string& v) {
    for (auto& [key, zh] : kTypeNames)
        if (v == key || v == zh) return key;
    return v;
}
const char* type_name(const std::string& key) {
    for (auto& [k, zh] : kTypeNames)
        if (key == k) return zh;
    return "";
}

// Splits on any of the separators (each a UTF-8 string), trimming and dropping empty parts.
std::vector<std::string> split_any(const std::string& s, std::initializer_list<std::string_view> seps) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < s.size();) {
        bool hit = false;
        for (auto sep : seps)
            if (s.compare(i, sep.size(), sep) == 0) {
                out.push_back(core::trim(cur));
                cur.clear();
                i += sep.size();
                hit = true;
                break;
            }
        if (!hit) cur += s[i++];
    }
    out.push_back(core::trim(cur));
    std::erase_if(out, [](const std::string& x) { return x.empty(); });
    return out;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? std::string(sep) : "") + v[i];
    return out;
}

std::string ranks_text(const std::vector<int>& ranks) {
    std::vector<std::string> v;
    for (int r : ranks) v.push_back(std::to_string(r));
    return join(v, ",");
}
std::vector<int> ranks_of(const std::string& text) {
    std::vector<int> out;
    for (auto& p : split_any(text, {","})) out.push_back(std::stoi(p));
    return out;
}
std::string normalise_text(const core::answer_normalisation& n) {
    std::vector<std::string> v;
    if (n.trim) v.push_back("trim");
    if (n.width) v.push_back("width");
    if (n.fold_case) v.push_back("case");
    return join(v, ",");
}

std::string percent(double x) { return std::to_string(static_cast<int>(x * 100 + 0.5)) + "%"; }

// The bank's current stems by product line, to warn of near-duplicates.
struct stem_index {
    std::vector<storage::stem_entry> entries;
    // The most alike other question of the same product line at or above the threshold, if any.
    std::optional<std::pair<std::string, double>> nearest(const std::string& code, const std::string& line, const std::string& key) const {
        std::optional<std::pair<std::string, double>> best;
        auto n = core::char_count(key);
        for (auto& e : entries) {
            if (e.code == code || e.product_line != line) continue;
            auto m = core::char_count(e.key);
            if (std::min(n, m) * 10 < std::max(n, m) * 7) continue;  // too different in length to be alike
            double s = core::stem_similarity(key, e.key);
            if (s >= core::kNearDuplicate && (!best || s > best->second)) best = {e.code, s};
        }
        return best;
    }
};
stem_index bank_stems(storage::unit_of_work& tx) { return {storage::questions::stems(tx)}; }
core::field_error near_warning(const std::string& field, const std::string& code, const std::pair<std::string, double>& near, int row = 0,
                               std::string column = "") {
    return {field,
            {code + " 与题库中的 " + near.first + " 相似（" + percent(near.second) + "）",
             code + " is much like " + near.first + " in the bank (" + percent(near.second) + ")"},
            row,
            std::move(column)};
}

core::error invalid(std::vector<core::field_error> errs) {
    return core::error{core::errc::invalid_input, "question.invalid", {"题目信息有误", "The question is invalid"}, std::move(errs)};
}

question_detail detail_of(storage::unit_of_work& tx, const storage::question_row& row) {
    question_detail d;
    d.question = from_row(row);
    if (row.type == "case")
        for (auto& p : storage::questions::parts_of(tx, row.code)) d.parts.push_back(from_row(p));
    for (auto& v : storage::questions::history(tx, row.question_id)) d.versions.push_back({v.id, v.version, v.created_at, v.created_by});
    return d;
}

std::string audit_value(const core::question& q) { return js::serialize(js::object{{"code", q.code}, {"version", q.version}}); }
}  // namespace

core::question from_row(const storage::question_row& r) {
    core::question q;
    q.id = r.id;
    q.question_id = r.question_id;
    q.code = r.code;
    q.version = r.version;
    q.parent_code = r.parent_code;
    q.position = r.position;
    q.type = r.type;
    q.product_line = r.product_line;
    q.knowledge_point = r.knowledge_point;
    q.ranks = ranks_of(r.ranks);
    q.difficulty = r.difficulty;
    q.stem = {r.stem_zh, r.stem_en};
    // Each parsed value is held while its elements are read.
    auto options = js::parse(r.options), correct = js::parse(r.correct), blanks = js::parse(r.blanks), rubric = js::parse(r.rubric);
    for (auto& o : options.as_array()) {
        auto& x = o.as_object();
        q.options.push_back({std::string(x.at("key").as_string()), {std::string(x.at("zh").as_string()), std::string(x.at("en").as_string())}});
    }
    for (auto& c : correct.as_array()) q.correct.emplace_back(c.as_string());
    for (auto& b : blanks.as_array()) {
        std::vector<std::string> accepted;
        for (auto& a : b.as_array()) accepted.emplace_back(a.as_string());
        q.blanks.push_back(std::move(accepted));
    }
    // Only a fill-in question stores its normalisation; the others keep the default.
    if (r.type == "fill_blank") {
        auto flags = split_any(r.normalise, {","});
        auto has = [&](const char* f) { return std::find(flags.begin(), flags.end(), f) != flags.end(); };
        q.normalise = {has("trim"), has("width"), has("case")};
    }
    q.reference = r.reference;
    for (auto& p : rubric.as_array())
        q.rubric.push_back({static_cast<int>(p.at("points").to_number<std::int64_t>()), std::string(p.at("text").as_string())});
    q.explanation = {r.explanation_zh, r.explanation_en};
    for (auto& id : split_any(r.images, {","})) q.images.push_back(std::stoll(id));
    q.retired = r.retired;
    q.created_at = r.created_at;
    q.created_by = r.created_by;
    return q;
}

storage::question_row to_row(const core::question& q) {
    storage::question_row r;
    r.id = q.id;
    r.question_id = q.question_id;
    r.code = q.code;
    r.version = q.version;
    r.parent_code = q.parent_code;
    r.position = q.position;
    r.type = q.type;
    r.product_line = q.product_line;
    r.knowledge_point = q.knowledge_point;
    r.ranks = ranks_text(q.ranks);
    r.difficulty = q.difficulty;
    r.stem_zh = q.stem.zh;
    r.stem_en = q.stem.en;
    js::array options, correct, blanks, rubric;
    for (auto& o : q.options) options.push_back(js::object{{"key", o.key}, {"zh", o.label.zh}, {"en", o.label.en}});
    for (auto& c : q.correct) correct.emplace_back(c);
    for (auto& b : q.blanks) {
        js::array accepted;
        for (auto& a : b) accepted.emplace_back(a);
        blanks.push_back(std::move(accepted));
    }
    for (auto& p : q.rubric) rubric.push_back(js::object{{"points", p.points}, {"text", p.text}});
    r.options = js::serialize(options);
    r.correct = js::serialize(correct);
    r.blanks = js::serialize(blanks);
    r.rubric = js::serialize(rubric);
    r.normalise = q.type == "fill_blank" ? normalise_text(q.normalise) : "";
    r.reference = q.reference;
    r.explanation_zh = q.explanation.zh;
    r.explanation_en = q.explanation.en;
    r.stem_key = core::stem_key(q.stem.zh);
    for (auto id : q.images) r.images += (r.images.empty() ? "" : ",") + std::to_string(id);
    r.retired = q.retired;
    r.created_at = q.created_at;
    r.created_by = q.created_by;
    return r;
}

result<storage::list_page<core::question>> list_questions(context& ctx, const principal& p, const storage::question_filter& f) {
    if (auto c = check(p, perm::questions_read); !c) return std::unexpected(c.error());
    std::vector<core::field_error> errs;
    if (f.page < 1) errs.push_back({"page", {"页码应 ≥ 1", "page must be ≥ 1"}});
    if (f.page_size < 1 || f.page_size > 200) errs.push_back({"page_size", {"每页条数应为 1–200", "page_size must be 1–200"}});
    if (!f.type.empty() && !core::is_question_type(f.type)) errs.push_back({"type", {"不支持的题型：" + f.type, "unknown type: " + f.type}});
    if (f.difficulty && (*f.difficulty < 1 || *f.difficulty > 5)) errs.push_back({"difficulty", {"难度应为 1–5", "difficulty must be 1–5"}});
    if (auto why = core::text_problem(f.q, 100)) errs.push_back({"q", *why});
    if (!errs.empty())
        return core::fail(core::errc::invalid_input, "request.invalid_query", {"查询参数无效", "Invalid query parameters"}, errs);
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto page = storage::questions::page(tx, f);
    storage::list_page<core::question> out;
    out.total = page.total;
    for (auto& r : page.items) out.items.push_back(from_row(r));
    return out;
}

result<question_detail> get_question(context& ctx, const principal& p, std::int64_t question_id) {
    if (auto c = check(p, perm::questions_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    auto row = storage::questions::current_by_id(tx, question_id);
    if (!row || !row->parent_code.empty()) return std::unexpected(not_found("题目", "question", question_id));
    return detail_of(tx, *row);
}

result<question_detail> save_question(context& ctx, const principal& p, core::question q, std::vector<core::question> parts,
                                      std::optional<std::int64_t> question_id, std::optional<std::int64_t> expected_version) {
    if (auto c = check(p, perm::questions_write); !c) return std::unexpected(c.error());
    q.code = core::trim(q.code);
    q.parent_code.clear();
    std::vector<core::field_error> errs = core::validate(q);
    if (q.type != "case" && !parts.empty()) errs.push_back({"parts", {"只有案例题有小题", "only a case has sub-questions"}});
    if (q.type == "case" && parts.empty()) errs.push_back({"parts", {"案例题至少有一道小题", "a case has at least one sub-question"}});
    std::set<std::string> codes{q.code};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto& part = parts[i];
        part.code = core::trim(part.code);
        part.parent_code = q.code;
        part.position = static_cast<int>(i) + 1;
        part.product_line = q.product_line;
        part.ranks = q.ranks;
        if (part.knowledge_point.empty()) part.knowledge_point = q.knowledge_point;
        for (auto e : core::validate(part)) {
            e.field = "parts[" + std::to_string(i) + "]." + e.field;
            errs.push_back(std::move(e));
        }
        if (!codes.insert(part.code).second)
            errs.push_back({"parts[" + std::to_string(i) + "].code", {"题目编号重复：" + part.code, "repeated code: " + part.code}});
    }
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    std::optional<storage::question_row> existing;
    if (question_id) {
        existing = storage::questions::current_by_id(tx, *question_id);
        if (!existing || !existing->parent_code.empty()) return std::unexpected(not_found("题目", "question", *question_id));
        if (expected_version && *expected_version != existing->version)
            return std::unexpected(core::error{core::errc::precondition_failed, "question.stale",
                                               {"此题已被他人修改（当前第 " + std::to_string(existing->version) + " 版），请重新打开后再保存",
                                                "Someone else saved this question since (now version " + std::to_string(existing->version) +
                                                    "); open it again before saving"},
                                               {}});
        if (existing->code != q.code) errs.push_back({"code", {"题目编号不能修改", "the code cannot be changed"}});
        if (existing->type != q.type && (existing->type == "case" || q.type == "case"))
            errs.push_back({"type", {"案例题不能与其他题型互换", "a case cannot become another type or the other way round"}});
    }
    // A code belongs to one question: new ones must be unused, a case's parts its own or new.
    for (auto& code : codes) {
        auto other = storage::questions::current(tx, code);
        if (!other) continue;
        bool own = existing && (other->question_id == existing->question_id || other->parent_code == existing->code);
        if (!own) errs.push_back({code == q.code ? "code" : "parts", {"题目编号已存在：" + code, "the code is taken: " + code}});
    }
    auto stored = storage::questions::existing_images(tx, q.images);
    for (auto id : q.images)
        if (std::find(stored.begin(), stored.end(), id) == stored.end())
            errs.push_back({"images", {"图片不存在：" + std::to_string(id), "no such image: " + std::to_string(id)}});
    if (!errs.empty()) return std::unexpected(invalid(std::move(errs)));

    auto now = ctx.now_iso();
    bool changed = !existing;
    std::vector<core::question> before_parts;
    if (existing) {
        auto before = from_row(*existing);
        for (auto& r : storage::questions::parts_of(tx, existing->code)) before_parts.push_back(from_row(r));
        q.retired = before.retired;
        changed = !core::same_content(before, q) || before_parts.size() != parts.size() ||
                  !std::equal(parts.begin(), parts.end(), before_parts.begin(), before_parts.end(), core::same_content);
    }
    question_detail out;
    if (changed) {
        q.created_at = now;
        q.created_by = p.username;
        auto id = storage::questions::add_version(tx, to_row(q));
        for (auto& part : parts) {
            part.created_at = now;
            part.created_by = p.username;
            part.retired = q.retired;
            auto before = std::find_if(before_parts.begin(), before_parts.end(), [&](auto& b) { return b.code == part.code; });
            if (before == before_parts.end() || !core::same_content(*before, part)) storage::questions::add_version(tx, to_row(part));
        }
        // Parts left out of the case are retired with their case's version.
        for (auto& b : before_parts)
            if (!std::any_of(parts.begin(), parts.end(), [&](auto& x) { return x.code == b.code; })) storage::questions::set_retired(tx, b.code, true);
        auto saved = storage::questions::current_by_id(tx, id);
        out = detail_of(tx, *saved);
        ctx.audit(tx, p.username, existing ? "question.update" : "question.create", "question", std::to_string(id),
                  existing ? audit_value(from_row(*existing)) : "{}", audit_value(out.question));
        auto index = bank_stems(tx);
        auto warn = [&](const core::question& x, const std::string& field) {
            if (auto near = index.nearest(x.code, x.product_line, core::stem_key(x.stem.zh)))
                if (!codes.count(near->first)) out.warnings.push_back(near_warning(field, x.code, *near));
        };
        warn(q, "stem");
        for (std::size_t i = 0; i < parts.size(); ++i) warn(parts[i], "parts[" + std::to_string(i) + "].stem");
        tx.commit();
    } else {
        out = detail_of(tx, *existing);
        out.changed = false;
    }
    return out;
}

result<question_detail> retire_question(context& ctx, const principal& p, std::int64_t question_id, bool retired, const std::string& reason) {
    if (auto c = check(p, perm::questions_write); !c) return std::unexpected(c.error());
    auto why = core::trim(reason);
    if (retired && why.empty())
        return std::unexpected(invalid({{"reason", {"请填写停用原因", "give the reason for retiring the question"}}}));
    if (auto t = core::text_problem(why, 500)) return std::unexpected(invalid({{"reason", *t}}));
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto row = storage::questions::current_by_id(tx, question_id);
    if (!row || !row->parent_code.empty()) return std::unexpected(not_found("题目", "question", question_id));
    if (row->retired != retired) {
        storage::questions::set_retired(tx, row->code, retired);
        ctx.audit(tx, p.username, retired ? "question.retire" : "question.restore", "question", std::to_string(question_id),
                  js::serialize(js::object{{"retired", row->retired}}), js::serialize(js::object{{"retired", retired}, {"reason", why}}));
    }
    auto now = storage::questions::current_by_id(tx, question_id);
    auto out = detail_of(tx, *now);
    tx.commit();
    return out;
}

result<import_report> import_questions(context& ctx, const principal& p, std::string_view bytes, bool dry_run, job_control* control) {
    if (auto c = check(p, perm::questions_write); !c) return std::unexpected(c.error());
    import_report report;
    // A .zip holds the sheet (.xlsx or .csv) with the pictures its 图片 column names.
    std::string_view sheet = bytes;
    std::string sheet_bytes;
    std::map<std::string, std::string> pictures;  // by file name, without folders
    bool bundle = bytes.size() >= 2 && bytes.substr(0, 2) == "PK" && !documents::is_xlsx(bytes);
    if (bundle) {
        auto entries = documents::read_zip(bytes);
        if (!entries) return std::unexpected(entries.error());
        for (auto& e : *entries) {
            auto name = e.name.substr(e.name.rfind('/') == std::string::npos ? 0 : e.name.rfind('/') + 1);
            std::string lower = name;
            for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            if (sheet_bytes.empty() && (lower.ends_with(".xlsx") || lower.ends_with(".csv"))) sheet_bytes = std::move(e.bytes);
            else if (!name.empty() && name[0] != '.') pictures[name] = std::move(e.bytes);
        }
        if (sheet_bytes.empty())
            return core::fail(core::errc::invalid_input, "import.no_sheet", {"压缩包中没有 .xlsx 或 .csv 表格", "The archive holds no .xlsx or .csv sheet"});
        sheet = sheet_bytes;
    }
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    auto index = bank_stems(tx);
    auto now = ctx.now_iso();
    std::map<std::string, std::int64_t> stored;       // picture name → its id
    std::map<std::string, int> seen;                  // code → its row in the file
    std::map<std::string, std::string> case_lines;    // a case's code → its product line (file or bank)
    std::map<std::string, std::vector<int>> case_ranks;
    std::map<std::string, int> next_position;
    auto header = import_rows(sheet, kColumns, report, control, [&](const sheet_header&, std::vector<sheet_row>& batch) {
        std::vector<std::string> codes;
        for (auto& row : batch) codes.push_back(row.value(c_code));
        std::map<std::string, storage::question_row> current;
        for (auto& r : storage::questions::current_of(tx, codes)) current[r.code] = r;
        for (auto& row : batch) {
            auto err = [&](int col, std::string zh, std::string en) {
                report.add({kColumns[col].key, {std::move(zh), std::move(en)}, row.number, kColumns[col].header.zh});
            };
            core::question q;
            q.code = row.value(c_code);
            q.type = type_of(row.value(c_type));
            q.product_line = row.value(c_line);
            q.knowledge_point = row.value(c_point);
            bool ranks_ok = true;
            for (auto& name : split_any(row.value(c_ranks), {"、", ",", "，", ";", "；"})) {
                auto it = std::find_if(std::begin(kLevelNames), std::end(kLevelNames), [&](auto& l) { return name == l.first; });
                if (it != std::end(kLevelNames)) q.ranks.push_back(it->second);
                else if (name.size() == 1 && name[0] >= '1' && name[0] <= '9') q.ranks.push_back(name[0] - '0');
                else ranks_ok = false;
            }
            if (!ranks_ok) err(c_ranks, "适用等级应为 初级、中级、高级、技术专家级、顾问级", "levels are 初级, 中级, 高级, 技术专家级 or 顾问级");
            auto& d = row.value(c_difficulty);
            if (d.size() == 1 && d[0] >= '1' && d[0] <= '5') q.difficulty = d[0] - '0';
            else q.difficulty = 0;  // validate names it
            q.stem = {row.value(c_stem), row.value(c_stem_en)};
            q.explanation = {row.value(c_explanation), row.value(c_explanation_en)};
            q.parent_code = row.value(c_case);
            auto options_en = split_any(row.value(c_options_en), {"|"});
            for (int i = 0; i < 6; ++i) {
                auto& label = row.value(c_option_a + i);
                if (label.empty()) continue;
                std::string key(1, static_cast<char>('A' + i));
                auto n = q.options.size();
                q.options.push_back({key, {label, n < options_en.size() ? options_en[n] : ""}});
            }
            if (!options_en.empty() && options_en.size() != q.options.size())
                err(c_options_en, "英文选项应与选项一一对应（用 | 分隔）", "give one English option per option, separated by |");
            auto& answer = row.value(c_answer);
            if (q.type == "single" || q.type == "multiple") {
                for (auto& k : split_any(answer, {",", "，", "、", " "}))
                    if (k.size() > 1 && k.find_first_not_of("ABCDEFabcdef") == std::string::npos)
                        for (char ch : k) q.correct.emplace_back(1, static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
                    else q.correct.push_back(k.size() == 1 ? std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(k[0])))) : k);
                if (q.correct.empty()) err(c_answer, "请填写正确选项（如 B 或 A,C）", "give the correct options (e.g. B or A,C)");
            } else if (q.type == "true_false") {
                if (answer == "对" || answer == "正确" || answer == "√" || answer == "true" || answer == "T") q.correct = {"true"};
                else if (answer == "错" || answer == "错误" || answer == "×" || answer == "false" || answer == "F") q.correct = {"false"};
                else err(c_answer, "判断题的答案应为 对 或 错", "a true/false answer is 对 or 错");
            } else if (q.type == "fill_blank") {
                for (auto& group : split_any(answer, {"||"})) q.blanks.push_back(split_any(group, {"|"}));
                auto flags = row.value(c_normalise);
                if (!flags.empty()) {
                    q.normalise = {false, false, false};
                    for (auto& f : split_any(flags, {"、", ",", "，"})) {
                        if (f == "去空格" || f == "trim") q.normalise.trim = true;
                        else if (f == "全半角" || f == "width") q.normalise.width = true;
                        else if (f == "大小写" || f == "case") q.normalise.fold_case = true;
                        else err(c_normalise, "归一化应为 去空格、全半角、大小写 中的几项：" + f, "normalisation is any of 去空格, 全半角, 大小写: " + f);
                    }
                }
            } else if (!answer.empty()) {
                err(c_answer, "此题型不填答案（简答题写参考答案）", "this type has no answer (a short answer has a model answer)");
            }
            for (auto& name : split_any(row.value(c_images), {"、", ",", "，", ";", "；"})) {
                if (!bundle) {
                    // An export names the bank's own pictures "<id>.png": those read back without the pictures.
                    auto dot = name.find('.');
                    auto digits = name.substr(0, dot);
                    bool own = dot != std::string::npos && !digits.empty() && digits.size() < 18 &&
                               digits.find_first_not_of("0123456789") == std::string::npos && (name.substr(dot) == ".png" || name.substr(dot) == ".jpg");
                    if (own && !storage::questions::existing_images(tx, {std::stoll(digits)}).empty()) {
                        q.images.push_back(std::stoll(digits));
                        continue;
                    }
                    err(c_images, "带图片的题目请将表格与图片一起打包为 .zip 上传：" + name, "upload questions with pictures as a .zip of the sheet and the pictures: " + name);
                    continue;
                }
                if (auto known = stored.find(name); known != stored.end()) {
                    q.images.push_back(known->second);
                    continue;
                }
                auto file = pictures.find(name);
                if (file == pictures.end()) {
                    err(c_images, "压缩包中没有图片 " + name, "the archive has no picture " + name);
                    continue;
                }
                auto info = core::inspect_image(file->second);
                if (!info) {
                    err(c_images, name + "：" + info.error().zh, name + ": " + info.error().en);
                    continue;
                }
                storage::questions::image_row img{0, sha256_hex(file->second), info->media_type, info->width, info->height,
                                                  static_cast<std::int64_t>(file->second.size()), to_base64(file->second), now, p.username};
                q.images.push_back(stored[name] = storage::questions::put_image(tx, img));
            }
            q.reference = row.value(c_reference);
            for (auto& line : split_any(row.value(c_rubric), {"\n"})) {
                auto bar = line.find('|');
                auto pts = bar == std::string::npos ? "" : core::trim(line.substr(0, bar));
                if (pts.empty() || pts.size() > 3 || pts.find_first_not_of("0123456789") != std::string::npos)
                    err(c_rubric, "评分要点每行写作 分值|内容：" + line, "write each scoring point as points|text: " + line);
                else q.rubric.push_back({std::stoi(pts), core::trim(line.substr(bar + 1))});
            }
            // A case's part: the case is earlier in the file or in the bank.
            if (!q.parent_code.empty()) {
                auto line = case_lines.find(q.parent_code);
                if (line == case_lines.end()) {
                    auto c = storage::questions::current(tx, q.parent_code);
                    if (c && c->type == "case" && c->parent_code.empty()) {
                        line = case_lines.emplace(q.parent_code, c->product_line).first;
                        case_ranks[q.parent_code] = ranks_of(c->ranks);
                    }
                }
                if (line == case_lines.end()) err(c_case, "所属案例不存在（应在本行之前或已在题库中）：" + q.parent_code,
                                                  "no such case (earlier in the file or in the bank): " + q.parent_code);
                else {
                    if (q.product_line != line->second) err(c_line, "小题的产品线应与其案例相同", "a part has its case's product line");
                    if (q.ranks != case_ranks[q.parent_code]) err(c_ranks, "小题的适用等级应与其案例相同", "a part has its case's levels");
                    q.position = ++next_position[q.parent_code];
                }
            }
            for (auto& e : core::validate(q)) {
                auto it = std::find_if(std::begin(kColumns), std::end(kColumns), [&](auto& c) { return e.field.starts_with(c.key); });
                int col = e.field.starts_with("options") ? c_option_a
                          : e.field == "correct" || e.field.starts_with("blanks") ? c_answer
                          : it != std::end(kColumns) ? static_cast<int>(it - std::begin(kColumns)) : c_code;
                report.add({e.field, e.message, row.number, kColumns[col].header.zh});
            }
            if (auto [at, fresh] = seen.emplace(q.code, row.number); !fresh)
                err(c_code, "题目编号与第 " + std::to_string(at->second) + " 行重复", "the code repeats row " + std::to_string(at->second));
            auto existing = current.find(q.code);
            if (existing != current.end() && existing->second.type != q.type && (existing->second.type == "case" || q.type == "case"))
                err(c_type, "案例题不能与其他题型互换", "a case cannot become another type or the other way round");
            if (existing != current.end() && existing->second.parent_code != q.parent_code)
                err(c_case, "题目所属案例不能修改", "a question's case cannot change");
            if (q.type == "case") {
                case_lines[q.code] = q.product_line;
                case_ranks[q.code] = q.ranks;
                next_position[q.code] = 0;
            }
            if (report.failed()) continue;  // the rows after the first error are checked, not written
            auto key = core::stem_key(q.stem.zh);
            if (auto near = index.nearest(q.code, q.product_line, key); near && report.warnings.size() < import_report::max_errors)
                report.warnings.push_back(near_warning("stem", q.code, *near, row.number, kColumns[c_stem].header.zh));
            index.entries.push_back({q.code, q.product_line, key});
            bool same = false;
            if (existing != current.end()) {
                auto before = from_row(existing->second);
                q.retired = before.retired;
                same = core::same_content(before, q);
            }
            if (same) {
                ++report.unchanged;
                continue;
            }
            ++(existing == current.end() ? report.created : report.updated);
            if (dry_run) continue;
            q.created_at = now;
            q.created_by = p.username;
            storage::questions::add_version(tx, to_row(q));
        }
    });
    if (!header) return std::unexpected(header.error());
    if (report.failed()) return report;
    if (report.rows == 0) return core::fail(core::errc::invalid_input, "import.no_rows", {"文件中没有数据行", "The file has no data rows"});
    if (dry_run) return report;
    ctx.audit(tx, p.username, "question.import", "question", "import", "{}",
              js::serialize(js::object{{"rows", report.rows}, {"created", report.created}, {"updated", report.updated},
                                       {"file_sha256", sha256_hex(bytes)}}));
    tx.commit();
    report.imported = true;
    return report;
}

namespace {
// A picture's file name in an export: its id and the extension of its type.
std::string image_name(std::int64_t id, const std::map<std::int64_t, std::string>& media_types) {
    auto it = media_types.find(id);
    return std::to_string(id) + (it != media_types.end() && it->second == "image/jpeg" ? ".jpg" : ".png");
}
std::vector<std::string> sheet_row_of(const core::question& q, const std::map<std::int64_t, std::string>& media_types = {}) {
    std::vector<std::string> r(std::size(kColumns));
    r[c_code] = q.code;
    r[c_type] = type_name(q.type);
    r[c_line] = q.product_line;
    r[c_point] = q.knowledge_point;
    std::vector<std::string> levels;
    for (int rank : q.ranks) {
        auto it = std::find_if(std::begin(kLevelNames), std::end(kLevelNames), [&](auto& l) { return l.second == rank; });
        levels.push_back(it != std::end(kLevelNames) ? it->first : std::to_string(rank));
    }
    r[c_ranks] = join(levels, "、");
    r[c_difficulty] = std::to_string(q.difficulty);
    r[c_stem] = q.stem.zh;
    r[c_stem_en] = q.stem.en;
    std::vector<std::string> en;
    for (std::size_t i = 0; i < q.options.size() && i < 6; ++i) {
        r[c_option_a + i] = q.options[i].label.zh;
        en.push_back(q.options[i].label.en);
    }
    if (std::any_of(en.begin(), en.end(), [](auto& x) { return !x.empty(); })) r[c_options_en] = join(en, " | ");
    if (q.type == "true_false") r[c_answer] = !q.correct.empty() && q.correct[0] == "true" ? "对" : "错";
    else if (q.type == "fill_blank") {
        std::vector<std::string> groups;
        for (auto& b : q.blanks) groups.push_back(join(b, " | "));
        r[c_answer] = join(groups, " || ");
        std::vector<std::string> flags;
        if (q.normalise.trim) flags.push_back("去空格");
        if (q.normalise.width) flags.push_back("全半角");
        if (q.normalise.fold_case) flags.push_back("大小写");
        r[c_normalise] = join(flags, "、");
    } else r[c_answer] = join(q.correct, ",");
    r[c_reference] = q.reference;
    std::vector<std::string> points;
    for (auto& pt : q.rubric) points.push_back(std::to_string(pt.points) + "|" + pt.text);
    r[c_rubric] = join(points, "\n");
    r[c_explanation] = q.explanation.zh;
    r[c_explanation_en] = q.explanation.en;
    r[c_case] = q.parent_code;
    std::vector<std::string> names;
    for (auto id : q.images) names.push_back(image_name(id, media_types));
    r[c_images] = join(names, "、");
    return r;
}
std::vector<std::string> header_row() {
    std::vector<std::string> h;
    for (auto& c : kColumns) h.push_back(c.header.zh);
    return h;
}
}  // namespace

result<std::string> export_questions(context& ctx, const principal& p, bool with_pictures) {
    if (auto c = check(p, perm::questions_read); !c) return std::unexpected(c.error());
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    std::vector<core::question> bank;
    std::map<std::int64_t, std::string> media_types;
    std::vector<documents::zip_entry> files;
    storage::questions::each_current(tx, [&](const storage::question_row& r) { bank.push_back(from_row(r)); });
    for (auto& q : bank)
        for (auto id : q.images)
            if (!media_types.count(id))
                if (auto img = storage::questions::image(tx, id)) {
                    media_types[id] = img->media_type;
                    if (with_pictures) files.push_back({"images/" + image_name(id, media_types), from_base64(img->data)});
                }
    auto sheet = documents::write_xlsx("题库", [&](const documents::row_sink& sink) {
        sink(header_row());
        for (auto& q : bank) sink(sheet_row_of(q, media_types));
    });
    if (!with_pictures) return sheet;
    files.insert(files.begin(), {"questions.xlsx", std::move(sheet)});
    return documents::write_zip(files);
}

result<std::string> questions_template(context& ctx, const principal& p) {
    if (auto c = check(p, perm::questions_write); !c) return std::unexpected(c.error());
    (void)ctx;
    documents::table t;
    t.rows.push_back(header_row());
    auto base = [](const char* code, const char* type, const char* stem) {
        core::question q;
        q.code = code, q.type = type, q.product_line = "家用空调", q.knowledge_point = "冷媒充注", q.ranks = {1, 2}, q.difficulty = 2;
        q.stem.zh = stem;
        return q;
    };
    auto single = base("EX-0001", "single", "R32 冷媒应以哪种方式充注？");
    single.options = {{"A", {"气态从高压侧", ""}}, {"B", {"按铭牌重量液态充注", ""}}, {"C", {"凭经验估计", ""}}, {"D", {"按压力表读数补到满", ""}}};
    single.correct = {"B"};
    single.explanation.zh = "R32 为近共沸冷媒，应按铭牌规定重量定量充注。";
    auto multiple = base("EX-0002", "multiple", "抽真空前应确认哪些事项？");
    multiple.options = {{"A", {"连接管无泄漏", ""}}, {"B", {"真空泵油位正常", ""}}, {"C", {"系统已充满冷媒", ""}}, {"D", {"阀门开闭正确", ""}}};
    multiple.correct = {"A", "B", "D"};
    auto tf = base("EX-0003", "true_false", "维修 R290 机型时可以使用明火焊接而不做通风。");
    tf.correct = {"false"};
    auto fill = base("EX-0004", "fill_blank", "抽真空应达到 ___ Pa 以下，保压 ___ 分钟。");
    fill.blanks = {{"60", "60Pa"}, {"15", "十五"}};
    auto short_answer = base("EX-0005", "short_answer", "简述更换变频控制板前的安全步骤。");
    short_answer.reference = "断开电源，等待并测量直流母线电压降至安全值，对电容放电，佩戴防静电手环。";
    short_answer.rubric = {{4, "断电并确认"}, {4, "电容放电"}, {2, "防静电"}};
    auto scenario = base("EX-0006", "case", "用户报修：空调开机 10 分钟后停机，室外机显示 P4。");
    auto part = base("EX-0006-1", "single", "P4 在本品牌手册中表示什么？");
    part.parent_code = "EX-0006";
    part.options = {{"A", {"压缩机排气温度过高", ""}}, {"B", {"通信故障", ""}}};
    part.correct = {"A"};
    for (auto* q : {&single, &multiple, &tf, &fill, &short_answer, &scenario, &part}) t.rows.push_back(sheet_row_of(*q));
    documents::table help;
    help.rows = {{"列", "写法"},
                 {"题型", "单选、多选、判断、填空、简答、案例"},
                 {"适用等级", "初级、中级、高级、技术专家级、顾问级，多个用顿号分隔"},
                 {"难度", "1–5"},
                 {"答案", "单选：B；多选：A,C,D；判断：对/错；填空：每空的答案用 || 分隔，同一空的多个答案用 | 分隔"},
                 {"题干", "填空题的每个空写作 ___（三个下划线）"},
                 {"归一化", "填空题比较答案前：去空格、全半角、大小写（不填即三项都做）"},
                 {"评分要点", "简答题，每行一条：分值|内容"},
                 {"所属案例", "案例题的小题填写案例的题目编号，小题紧随案例之后"},
                 {"图片", "题干下方显示的图片文件名（PNG 或 JPEG，不超过 1 MB、长宽不超过 4096 像素，最多 5 张，用、分隔）；将表格与图片一起打包为 .zip 上传"}};
    return documents::write_xlsx({{"题库", documents::rows_of(t)}, {"填写说明", documents::rows_of(help)}});
}

result<storage::questions::image_row> upload_image(context& ctx, const principal& p, std::string_view bytes) {
    if (auto c = check(p, perm::questions_write); !c) return std::unexpected(c.error());
    auto info = core::inspect_image(bytes);
    if (!info) return std::unexpected(core::error{core::errc::invalid_input, "image.invalid", {"图片无效", "The image is invalid"}, {{"file", info.error()}}});
    storage::questions::image_row r;
    r.sha256 = sha256_hex(bytes);
    r.media_type = info->media_type;
    r.width = info->width;
    r.height = info->height;
    r.size = static_cast<std::int64_t>(bytes.size());
    r.data = to_base64(bytes);
    r.created_at = ctx.now_iso();
    r.created_by = p.username;
    storage::unit_of_work tx(ctx.db(), storage::write::yes);
    r.id = storage::questions::put_image(tx, r);
    auto saved = storage::questions::image(tx, r.id);
    tx.commit();
    saved->data.clear();
    return *saved;
}

result<image_file> question_image(context& ctx, const principal& p, std::int64_t id) {
    storage::unit_of_work tx(ctx.db(), storage::write::no);
    // The bank's readers see every picture; an engineer those on a paper of their own.
    if (!p.may(perm::questions_read) && !(p.may(perm::take_exam) && paper_shows_image(ctx, tx, p, id)))
        return std::unexpected(not_found("图片", "image", id));
    auto r = storage::questions::image(tx, id);
    if (!r) return std::unexpected(not_found("图片", "image", id));
    return image_file{r->media_type, r->sha256, from_base64(r->data)};
}

}  // namespace skillgrade::app
