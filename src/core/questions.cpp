// The question bank's rules, answer normalisation and stem similarity.
#include "core/questions.hpp"

#include <algorithm>
#include <set>

#include "core/text.hpp"

namespace skillgrade::core {
namespace {
// The code points of valid UTF-8 (bytes of invalid UTF-8 as themselves).
std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + n > s.size()) n = 1;
        char32_t cp = n == 1 ? c : c & (0x7F >> n);
        for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += n;
    }
    return out;
}
void put_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
    else if (cp < 0x10000)
        out += static_cast<char>(0xE0 | (cp >> 12)), out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
            out += static_cast<char>(0x80 | (cp & 0x3F));
    else
        out += static_cast<char>(0xF0 | (cp >> 18)), out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), out += static_cast<char>(0x80 | (cp & 0x3F));
}
// Full-width forms and the ideographic space to their ASCII counterparts.
char32_t half_width(char32_t cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
    if (cp == 0x3000) return U' ';
    return cp;
}
bool is_space(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r'; }

void add(std::vector<field_error>& errs, std::string field, std::string zh, std::string en) {
    errs.push_back({std::move(field), {std::move(zh), std::move(en)}});
}
void check_text(std::vector<field_error>& errs, const std::string& field, std::string_view v, std::size_t max, text_kind kind) {
    if (auto why = text_problem(v, max, kind)) errs.push_back({field, *why});
}
}  // namespace

bool is_question_type(std::string_view t) {
    return std::any_of(std::begin(kQuestionTypes), std::end(kQuestionTypes), [&](const char* k) { return t == k; });
}

bool same_content(const question& a, const question& b) {
    return a.code == b.code && a.parent_code == b.parent_code && a.position == b.position && a.type == b.type &&
           a.product_line == b.product_line && a.knowledge_point == b.knowledge_point && a.ranks == b.ranks &&
           a.difficulty == b.difficulty && a.stem == b.stem && a.options == b.options && a.correct == b.correct &&
           a.blanks == b.blanks && a.normalise == b.normalise && a.reference == b.reference && a.rubric == b.rubric &&
           a.explanation == b.explanation && a.images == b.images;
}

int blank_count(std::string_view stem) {
    int n = 0;
    for (std::size_t i = 0; i < stem.size();) {
        if (stem[i] != '_') {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < stem.size() && stem[j] == '_') ++j;
        if (j - i >= 3) ++n;
        i = j;
    }
    return n;
}

std::vector<field_error> validate(const question& q) {
    std::vector<field_error> errs;
    if (q.code.empty() || q.code.size() > 40 ||
        q.code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos)
        add(errs, "code", "题目编号应为 1–40 个字母、数字、- 或 _", "the code must be 1–40 letters, digits, - or _");
    if (!is_question_type(q.type)) {
        add(errs, "type", "题型应为 单选/多选/判断/填空/简答/案例", "the type must be single, multiple, true_false, fill_blank, short_answer or case");
        return errs;
    }
    if (!q.parent_code.empty() && q.type == "case")
        add(errs, "type", "案例题的小题不能再是案例题", "a case's sub-question cannot itself be a case");
    if (q.images.size() > 5) add(errs, "images", "每题最多 5 张图片", "at most 5 images per question");
    for (std::size_t i = 0; i < q.images.size(); ++i)
        if (std::find(q.images.begin(), q.images.begin() + static_cast<std::ptrdiff_t>(i), q.images[i]) != q.images.begin() + static_cast<std::ptrdiff_t>(i))
            add(errs, "images", "同一张图片只能放一次", "each image once");
    if (q.product_line.empty()) add(errs, "product_line", "产品线不能为空", "the product line is required");
    check_text(errs, "product_line", q.product_line, 40, text_kind::line);
    if (q.knowledge_point.empty()) add(errs, "knowledge_point", "知识点不能为空", "the knowledge point is required");
    check_text(errs, "knowledge_point", q.knowledge_point, 40, text_kind::line);
    std::set<int> ranks(q.ranks.begin(), q.ranks.end());
    if (q.ranks.empty()) add(errs, "ranks", "请至少选择一个适用等级", "choose at least one level");
    else if (ranks.size() != q.ranks.size() || *ranks.begin() < 1 || *ranks.rbegin() > 9)
        add(errs, "ranks", "适用等级无效或重复", "the levels are invalid or repeated");
    if (q.difficulty < 1 || q.difficulty > 5) add(errs, "difficulty", "难度应为 1–5", "the difficulty must be 1–5");
    if (q.stem.zh.empty()) add(errs, "stem", "题干（中文）不能为空", "the Chinese stem is required");
    check_text(errs, "stem", q.stem.zh, 4000, text_kind::multiline);
    check_text(errs, "stem_en", q.stem.en, 4000, text_kind::multiline);
    check_text(errs, "explanation", q.explanation.zh, 2000, text_kind::multiline);
    check_text(errs, "explanation_en", q.explanation.en, 2000, text_kind::multiline);

    bool choice = q.type == "single" || q.type == "multiple";
    if (choice) {
        if (q.options.size() < 2 || q.options.size() > 8)
            add(errs, "options", "选择题应有 2–8 个选项", "a choice question has 2–8 options");
        std::set<std::string> keys;
        for (std::size_t i = 0; i < q.options.size(); ++i) {
            auto& o = q.options[i];
            auto field = "options[" + std::to_string(i) + "]";
            if (o.key.empty() || o.key.size() > 2 || !keys.insert(o.key).second)
                add(errs, field, "选项标号应唯一（A、B、C…）", "option keys must be unique (A, B, C…)");
            if (o.label.zh.empty()) add(errs, field, "选项 " + o.key + " 的内容不能为空", "option " + o.key + " is empty");
            check_text(errs, field, o.label.zh, 500, text_kind::line);
            check_text(errs, field, o.label.en, 500, text_kind::line);
        }
        std::set<std::string> chosen(q.correct.begin(), q.correct.end());
        for (auto& k : q.correct)
            if (!keys.count(k)) add(errs, "correct", "答案 " + k + " 不是已有的选项", "the answer " + k + " is not an option");
        if (chosen.size() != q.correct.size()) add(errs, "correct", "答案中有重复的选项", "the answer repeats an option");
        if (q.type == "single" && q.correct.size() != 1)
            add(errs, "correct", "单选题应有且只有一个正确选项", "a single-choice question has exactly one correct option");
        if (q.type == "multiple" && q.correct.size() < 2)
            add(errs, "correct", "多选题至少有两个正确选项", "a multiple-choice question has at least two correct options");
    } else if (!q.options.empty()) {
        add(errs, "options", "只有选择题有选项", "only choice questions have options");
    }
    if (q.type == "true_false" && (q.correct.size() != 1 || (q.correct[0] != "true" && q.correct[0] != "false")))
        add(errs, "correct", "判断题的答案应为 对 或 错", "a true/false answer is true or false");
    if (!choice && q.type != "true_false" && !q.correct.empty())
        add(errs, "correct", "此题型没有选项答案", "this type has no option answer");
    if (q.type == "fill_blank") {
        int n = blank_count(q.stem.zh);
        if (n < 1 || n > 10)
            add(errs, "stem", "填空题的题干应含 1–10 个空（每空写作 ___）", "a fill-in stem has 1–10 blanks, each written ___");
        else if (static_cast<int>(q.blanks.size()) != n)
            add(errs, "blanks", "题干有 " + std::to_string(n) + " 个空，答案有 " + std::to_string(q.blanks.size()) + " 组",
                "the stem has " + std::to_string(n) + " blanks and the answer " + std::to_string(q.blanks.size()) + " groups");
        for (std::size_t i = 0; i < q.blanks.size(); ++i) {
            auto field = "blanks[" + std::to_string(i) + "]";
            auto& b = q.blanks[i];
            if (b.empty() || std::any_of(b.begin(), b.end(), [](const std::string& a) { return a.empty(); }))
                add(errs, field, "第 " + std::to_string(i + 1) + " 空没有可接受的答案", "blank " + std::to_string(i + 1) + " has no accepted answer");
            for (auto& a : b) check_text(errs, field, a, 200, text_kind::line);
        }
    } else if (!q.blanks.empty()) {
        add(errs, "blanks", "只有填空题有空的答案", "only fill-in questions have blank answers");
    }
    if (q.type == "short_answer") {
        if (q.reference.empty()) add(errs, "reference", "简答题需要参考答案", "a short-answer question needs a model answer");
        check_text(errs, "reference", q.reference, 4000, text_kind::multiline);
        for (std::size_t i = 0; i < q.rubric.size(); ++i) {
            auto field = "rubric[" + std::to_string(i) + "]";
            if (q.rubric[i].points < 1 || q.rubric[i].points > 100) add(errs, field, "评分要点的分值应为 1–100", "a scoring point is worth 1–100");
            if (q.rubric[i].text.empty()) add(errs, field, "评分要点的内容不能为空", "a scoring point needs its text");
            check_text(errs, field, q.rubric[i].text, 500, text_kind::line);
        }
    } else if (!q.reference.empty() || !q.rubric.empty()) {
        add(errs, "reference", "只有简答题有参考答案和评分要点", "only short-answer questions have a model answer and scoring points");
    }
    return errs;
}

std::string normalise_answer(std::string_view s, const answer_normalisation& n) {
    std::string out;
    out.reserve(s.size());
    for (char32_t cp : code_points(s)) {
        if (n.width) cp = half_width(cp);
        if (n.fold_case && cp >= U'A' && cp <= U'Z') cp += 32;
        put_utf8(out, cp);
    }
    if (n.trim) {
        auto b = out.find_first_not_of(" \t\r\n"), e = out.find_last_not_of(" \t\r\n");
        out = b == std::string::npos ? "" : out.substr(b, e - b + 1);
    }
    return out;
}

bool accepts(const std::vector<std::string>& accepted, std::string_view given, const answer_normalisation& n) {
    auto g = normalise_answer(given, n);
    if (g.empty()) return false;
    return std::any_of(accepted.begin(), accepted.end(), [&](const std::string& a) { return normalise_answer(a, n) == g; });
}

std::string stem_key(std::string_view stem) {
    std::string out;
    for (char32_t cp : code_points(stem)) {
        cp = half_width(cp);
        if (cp >= U'A' && cp <= U'Z') cp += 32;
        bool ascii_word = (cp >= U'a' && cp <= U'z') || (cp >= U'0' && cp <= U'9');
        bool punctuation = cp < 0x80 || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
                           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF65) || is_space(cp);
        if (ascii_word || !punctuation) put_utf8(out, cp);
    }
    return out;
}

double stem_similarity(std::string_view a, std::string_view b) {
    auto pairs = [](std::string_view s) {
        auto cps = code_points(s);
        std::vector<std::uint64_t> out;
        if (cps.size() == 1) out.push_back(cps[0]);
        for (std::size_t i = 1; i < cps.size(); ++i) out.push_back((static_cast<std::uint64_t>(cps[i - 1]) << 32) | cps[i]);
        std::sort(out.begin(), out.end());
        return out;
    };
    auto x = pairs(a), y = pairs(b);
    if (x.empty() || y.empty()) return 0;
    std::size_t common = 0;
    for (std::size_t i = 0, j = 0; i < x.size() && j < y.size();) {
        if (x[i] == y[j]) ++common, ++i, ++j;
        else if (x[i] < y[j]) ++i;
        else ++j;
    }
    return 2.0 * static_cast<double>(common) / static_cast<double>(x.size() + y.size());
}

}  // namespace skillgrade::core
