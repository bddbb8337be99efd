// The question bank's versions.
#include "storage/questions.hpp"

#include <soci/soci.h>

#include <utility>

#include "storage/sql_util.hpp"

namespace skillgrade::storage::questions {
namespace {
constexpr const char* kColumns =
    "SELECT id, question_id, code, version, parent_code, position, type, product_line, knowledge_point, ranks, difficulty, stem_zh, stem_en, "
    "options, correct, blanks, normalise, reference, rubric, explanation_zh, explanation_en, stem_key, retired, created_at, created_by, "
    "images FROM question_versions ";

using params = std::vector<std::pair<std::string, std::string>>;

void each(unit_of_work& tx, const std::string& sql, const params& ps, const std::function<void(const question_row&)>& fn) {
    question_row r;
    long long id = 0, question = 0;
    int retired = 0;
    soci::statement st(tx.sql());
    st.exchange(soci::into(id));
    st.exchange(soci::into(question));
    st.exchange(soci::into(r.code));
    st.exchange(soci::into(r.version));
    st.exchange(soci::into(r.parent_code));
    st.exchange(soci::into(r.position));
    st.exchange(soci::into(r.type));
    st.exchange(soci::into(r.product_line));
    st.exchange(soci::into(r.knowledge_point));
    st.exchange(soci::into(r.ranks));
    st.exchange(soci::into(r.difficulty));
    st.exchange(soci::into(r.stem_zh));
    st.exchange(soci::into(r.stem_en));
    st.exchange(soci::into(r.options));
    st.exchange(soci::into(r.correct));
    st.exchange(soci::into(r.blanks));
    st.exchange(soci::into(r.normalise));
    st.exchange(soci::into(r.reference));
    st.exchange(soci::into(r.rubric));
    st.exchange(soci::into(r.explanation_zh));
    st.exchange(soci::into(r.explanation_en));
    st.exchange(soci::into(r.stem_key));
    st.exchange(soci::into(retired));
    st.exchange(soci::into(r.created_at));
    st.exchange(soci::into(r.created_by));
    st.exchange(soci::into(r.images));
    for (auto& [name, value] : ps) st.exchange(soci::use(value, name));
    st.alloc();
    st.prepare(std::string(kColumns) + sql);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
        r.id = id;
        r.question_id = question;
        r.retired = retired != 0;
        fn(r);
    }
}
std::vector<question_row> rows(unit_of_work& tx, const std::string& sql, const params& ps) {
    std::vector<question_row> out;
    each(tx, sql, ps, [&](const question_row& r) { out.push_back(r); });
    return out;
}
}  // namespace

list_page<question_row> page(unit_of_work& tx, const question_filter& f) {
    params ps;
    std::string where = std::string("WHERE is_current = 1 AND parent_code = '' AND retired = ") + (f.retired ? "1" : "0");
    if (!f.q.empty()) {
        ps.emplace_back("q", contains_pattern(f.q));
        where += " AND (stem_zh LIKE :q ESCAPE '\\' OR stem_en LIKE :q ESCAPE '\\' OR code LIKE :q ESCAPE '\\')";
    }
    for (auto [column, value] : {std::pair{"product_line", &f.product_line}, {"type", &f.type}, {"knowledge_point", &f.knowledge_point}})
        if (!value->empty()) {
            ps.emplace_back(column, *value);
            where += std::string(" AND ") + column + " = :" + column;
        }
    if (f.rank) {
        ps.emplace_back("rank", "%," + std::to_string(*f.rank) + ",%");
        where += " AND (',' || ranks || ',') LIKE :rank";
    }
    if (f.difficulty) where += " AND difficulty = " + std::to_string(*f.difficulty);
    list_page<question_row> out;
    long long total = 0;
    {
        soci::statement st(tx.sql());
        st.exchange(soci::into(total));
        for (auto& [name, value] : ps) st.exchange(soci::use(value, name));
        st.alloc();
        st.prepare("SELECT COUNT(*) FROM question_versions " + where);
        st.define_and_bind();
        st.execute(true);
    }
    out.total = total;
    out.items = rows(tx,
                     where + " ORDER BY code LIMIT " + std::to_string(f.page_size) + " OFFSET " +
                         std::to_string(static_cast<long long>(f.page - 1) * f.page_size),
                     ps);
    return out;
}

std::optional<question_row> current(unit_of_work& tx, const std::string& code) {
    auto r = rows(tx, "WHERE code = :c AND is_current = 1", {{"c", code}});
    if (r.empty()) return std::nullopt;
    return r.front();
}

std::vector<question_row> current_of(unit_of_work& tx, const std::vector<std::string>& codes) {
    std::vector<question_row> out;
    detail::in_chunks(codes.size(), [&](std::size_t at, std::size_t n) {
        params ps;
        for (std::size_t i = 0; i < n; ++i) ps.emplace_back("k" + std::to_string(i), codes[at + i]);
        for (auto& r : rows(tx, "WHERE is_current = 1 AND code IN " + detail::in_list(n), ps)) out.push_back(std::move(r));
    });
    return out;
}

std::vector<question_row> parts_of(unit_of_work& tx, const std::string& case_code) {
    return rows(tx, "WHERE parent_code = :p AND is_current = 1 AND retired = 0 ORDER BY position, code", {{"p", case_code}});
}

std::optional<question_row> current_by_id(unit_of_work& tx, std::int64_t question_id) {
    auto r = rows(tx, "WHERE question_id = " + std::to_string(question_id) + " AND is_current = 1", {});
    if (r.empty()) return std::nullopt;
    return r.front();
}

std::vector<question_row> history(unit_of_work& tx, std::int64_t question_id) {
    return rows(tx, "WHERE question_id = " + std::to_string(question_id) + " ORDER BY version DESC", {});
}

std::vector<question_row> versions(unit_of_work& tx, const std::vector<std::int64_t>& ids) {
    std::vector<question_row> out;
    detail::in_chunks(ids.size(), [&](std::size_t at, std::size_t n) {
        std::string list;
        for (std::size_t i = 0; i < n; ++i) list += (i ? "," : "") + std::to_string(ids[at + i]);
        for (auto& r : rows(tx, "WHERE id IN (" + list + ")", {})) out.push_back(std::move(r));
    });
    return out;
}

std::int64_t add_version(unit_of_work& tx, question_row r) {
    int latest = 0;
    long long question = 0;
    soci::indicator ind = soci::i_ok;
    tx.sql() << "SELECT version, question_id FROM question_versions WHERE code = :c AND is_current = 1", soci::use(r.code),
        soci::into(latest, ind), soci::into(question);
    bool first = !tx.sql().got_data();
    r.version = first ? 1 : latest + 1;
    if (!first) tx.sql() << "UPDATE question_versions SET is_current = 0 WHERE code = :c AND is_current = 1", soci::use(r.code);
    long long id = 0;
    int retired = r.retired ? 1 : 0;
    tx.sql() << "INSERT INTO question_versions (question_id, code, version, is_current, parent_code, position, type, product_line, "
                "knowledge_point, ranks, difficulty, stem_zh, stem_en, options, correct, blanks, normalise, reference, rubric, "
                "explanation_zh, explanation_en, stem_key, retired, created_at, created_by, images) VALUES (:question, :code, :version, 1, "
                ":parent, :position, :type, :line, :point, :ranks, :difficulty, :stem_zh, :stem_en, :options, :correct, :blanks, "
                ":normalise, :reference, :rubric, :ex_zh, :ex_en, :key, :retired, :at, :by, :images) RETURNING id",
        soci::use(question), soci::use(r.code), soci::use(r.version), soci::use(r.parent_code), soci::use(r.position), soci::use(r.type),
        soci::use(r.product_line), soci::use(r.knowledge_point), soci::use(r.ranks), soci::use(r.difficulty), soci::use(r.stem_zh),
        soci::use(r.stem_en), soci::use(r.options), soci::use(r.correct), soci::use(r.blanks), soci::use(r.normalise),
        soci::use(r.reference), soci::use(r.rubric), soci::use(r.explanation_zh), soci::use(r.explanation_en), soci::use(r.stem_key),
        soci::use(retired), soci::use(r.created_at), soci::use(r.created_by), soci::use(r.images), soci::into(id);
    if (first) {
        question = id;
        tx.sql() << "UPDATE question_versions SET question_id = :q WHERE id = :q2", soci::use(question), soci::use(question);
    }
    return question;
}

void set_retired(unit_of_work& tx, const std::string& code, bool retired) {
    int v = retired ? 1 : 0;
    tx.sql() << "UPDATE question_versions SET retired = :r WHERE is_current = 1 AND (code = :c OR parent_code = :p)", soci::use(v),
        soci::use(code), soci::use(code);
}

std::vector<stem_entry> stems(unit_of_work& tx) {
    std::vector<stem_entry> out;
    stem_entry e;
    soci::statement st = (tx.sql().prepare << "SELECT code, product_line, stem_key FROM question_versions WHERE is_current = 1 AND retired = 0",
                          soci::into(e.code), soci::into(e.product_line), soci::into(e.key));
    st.execute();
    while (st.fetch()) out.push_back(e);
    return out;
}

std::string bank_stamp(unit_of_work& tx) {
    long long top = 0, current = 0, retired = 0;
    tx.sql() << "SELECT COALESCE(MAX(id), 0), COUNT(*), COALESCE(SUM(retired), 0) FROM question_versions WHERE is_current = 1",
        soci::into(top), soci::into(current), soci::into(retired);
    return std::to_string(top) + ":" + std::to_string(current) + ":" + std::to_string(retired);
}

void each_current(unit_of_work& tx, const std::function<void(const question_row&)>& fn) {
    // A case's parts sort right after it: by the top-level code, then the part's position.
    each(tx,
         "WHERE is_current = 1 AND retired = 0 ORDER BY CASE WHEN parent_code = '' THEN code ELSE parent_code END, "
         "CASE WHEN parent_code = '' THEN 0 ELSE 1 END, position, code",
         {}, fn);
}

std::int64_t put_image(unit_of_work& tx, const image_row& r) {
    long long id = 0, size = r.size;
    soci::statement st = (tx.sql().prepare << "SELECT id FROM question_images WHERE sha256 = :s", soci::use(r.sha256), soci::into(id));
    st.execute(true);
    if (st.got_data()) return id;
    tx.sql() << "INSERT INTO question_images (sha256, media_type, width, height, size, data, created_at, created_by) "
                "VALUES (:s, :t, :w, :h, :n, :d, :at, :by) RETURNING id",
        soci::use(r.sha256), soci::use(r.media_type), soci::use(r.width), soci::use(r.height), soci::use(size), soci::use(r.data),
        soci::use(r.created_at), soci::use(r.created_by), soci::into(id);
    return id;
}

std::optional<image_row> image(unit_of_work& tx, std::int64_t id) {
    image_row r;
    long long key = id, size = 0;
    soci::statement st = (tx.sql().prepare << "SELECT sha256, media_type, width, height, size, data, created_at, created_by "
                                              "FROM question_images WHERE id = :id",
                          soci::use(key), soci::into(r.sha256), soci::into(r.media_type), soci::into(r.width), soci::into(r.height),
                          soci::into(size), soci::into(r.data), soci::into(r.created_at), soci::into(r.created_by));
    st.execute(true);
    if (!st.got_data()) return std::nullopt;
    r.id = id;
    r.size = size;
    return r;
}

std::vector<std::int64_t> existing_images(unit_of_work& tx, const std::vector<std::int64_t>& ids) {
    std::vector<std::int64_t> out;
    for (auto want : ids) {
        long long key = want, got = 0;
        soci::statement st = (tx.sql().prepare << "SELECT id FROM question_images WHERE id = :id", soci::use(key), soci::into(got));
        st.execute(true);
        if (st.got_data()) out.push_back(got);
    }
    return out;
}

}  // namespace skillgrade::storage::questions
