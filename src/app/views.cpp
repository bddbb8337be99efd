#include "app/certificates.hpp"
#include "app/engineers.hpp"
#include "app/exams.hpp"
#include "app/evaluation.hpp"
#include "app/home.hpp"
#include "app/import_report.hpp"
#include "app/notice.hpp"
#include "app/questions.hpp"
#include "app/reports.hpp"
#include "app/schemes.hpp"
#include "app/scores.hpp"
#include "app/training.hpp"
#include "app/views.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <cmath>

#include "core/numbers.hpp"
#include "storage/jobs.hpp"
#include "storage/accounts.hpp"
#include "storage/appeals.hpp"
#include "storage/applications.hpp"
#include "storage/audit.hpp"
#include "storage/calendar.hpp"
#include "storage/certificates.hpp"
#include "storage/cycles.hpp"
#include "storage/product_lines.hpp"
#include "storage/results.hpp"
#include "storage/scores.hpp"
#include "storage/training.hpp"
#include "storage/votes.hpp"

namespace skillgrade::app {
namespace json = boost::json;

json::value to_json(const core::text& t) { return json::object{{"zh", t.zh}, {"en", t.en}}; }

namespace {
json::array texts(const std::vector<core::text>& v) {
    json::array a;
    for (auto& t : v) a.push_back(to_json(t));
    return a;
}
json::value score(std::int64_t hundredths) {
    return json::value(static_cast<double>(hundredths) / 100.0);
}
}  // namespace

namespace {
// A JSON text writer for what lists send many of: keys are literals, strings are escaped as JSON
// requires (UTF-8 passes through, as boost::json writes it).
struct json_text {
    std::string& out;
    bool first = true;
    void key(std::string_view k) {
        out += first ? "{\"" : ",\"";
        first = false;
        out += k;
        out += "\":";
    }
    void string(std::string_view v) {
        out += '"';
        std::size_t plain = 0;
        for (std::size_t i = 0; i < v.size(); ++i) {
            auto c = static_cast<unsigned char>(v[i]);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out.append(v, plain, i - plain);
            plain = i + 1;
            static constexpr char hex[] = "0123456789abcdef";
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default: out += "\\u00", out += hex[c >> 4], out += hex[c & 15];
            }
        }
        out.append(v, plain);
        out += '"';
    }
    void number(long long v) {
        char buf[24];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
        out.append(buf, end);
    }
    void field(std::string_view k, std::string_view v) { key(k), string(v); }
    void field(std::string_view k, long long v) { key(k), number(v); }
    void close() { out += first ? "{}" : "}"; }
};
}  // namespace

void append_json(std::string& out, const core::engineer& e) {
    json_text w{out};
    w.field("id", e.id);
    w.field("employee_no", e.employee_no);
    w.field("name", e.name);
    w.field("org_unit_id", e.org_unit_id);
    w.field("org_unit_name", e.org_unit_name);
    w.field("hire_date", e.hire_date);
    w.field("career_start", e.career_start);
    w.field("education", e.education);
    w.key("product_lines");
    out += '[';
    for (std::size_t i = 0; i < e.product_lines.size(); ++i) {
        if (i) out += ',';
        w.string(e.product_lines[i]);
    }
    out += ']';
    w.field("phone", e.phone);
    w.field("email", e.email);
    w.field("status", e.status);
    w.field("rank", e.current_rank);
    w.field("level_since", e.level_since);
    w.field("version", e.version);
    w.close();
}

json::value to_json(const core::engineer& e, bool with_history) {
    std::string text;
    append_json(text, e);
    auto o = std::move(json::parse(text).as_object());
    if (with_history) {
        json::array h;
        for (auto& x : e.history)
            h.push_back(json::object{{"id", x.id},
                                     {"rank", x.rank},
                                     {"since", x.since},
                                     {"source", x.source},
                                     {"note", x.note},
                                     {"recorded_at", x.recorded_at},
                                     {"recorded_by", x.recorded_by}});
        o["history"] = std::move(h);
    }
    return o;
}

namespace {
json::array ids_json(const std::vector<std::int64_t>& ids) {
    json::array a;
    for (auto id : ids) a.push_back(id);
    return a;
}
}  // namespace

json::value to_json(const core::question& q) {
    json::array ranks, options, correct, blanks, rubric;
    for (int r : q.ranks) ranks.push_back(r);
    for (auto& o : q.options) options.push_back(json::object{{"key", o.key}, {"label", to_json(o.label)}});
    for (auto& c : q.correct) correct.emplace_back(c);
    for (auto& b : q.blanks) {
        json::array accepted;
        for (auto& a : b) accepted.emplace_back(a);
        blanks.push_back(std::move(accepted));
    }
    for (auto& p : q.rubric) rubric.push_back(json::object{{"points", p.points}, {"text", p.text}});
    json::object o{{"id", q.question_id},
                   {"version_id", q.id},
                   {"code", q.code},
                   {"version", q.version},
                   {"type", q.type},
                   {"product_line", q.product_line},
                   {"knowledge_point", q.knowledge_point},
                   {"ranks", std::move(ranks)},
                   {"difficulty", q.difficulty},
                   {"stem", to_json(q.stem)},
                   {"options", std::move(options)},
                   {"correct", std::move(correct)},
                   {"blanks", std::move(blanks)},
                   {"normalise", json::object{{"trim", q.normalise.trim}, {"width", q.normalise.width}, {"case", q.normalise.fold_case}}},
                   {"reference", q.reference},
                   {"rubric", std::move(rubric)},
                   {"explanation", to_json(q.explanation)},
                   {"images", ids_json(q.images)},
                   {"retired", q.retired},
                   {"created_at", q.created_at},
                   {"created_by", q.created_by}};
    if (!q.parent_code.empty()) o["case_code"] = q.parent_code;
    return o;
}

json::value to_json(const question_detail& d) {
    auto o = to_json(d.question).as_object();
    json::array parts, versions, warnings;
    for (auto& p : d.parts) parts.push_back(to_json(p));
    for (auto& v : d.versions)
        versions.push_back(json::object{{"version_id", v.id}, {"version", v.version}, {"created_at", v.created_at}, {"created_by", v.created_by}});
    for (auto& w : d.warnings) warnings.push_back(to_json(w));
    o["parts"] = std::move(parts);
    o["versions"] = std::move(versions);
    o["warnings"] = std::move(warnings);
    o["changed"] = d.changed;
    return o;
}

json::value to_json(const core::org_unit& u) {
    json::object o{{"id", u.id}, {"code", u.code}, {"name", u.name}, {"kind", u.kind}, {"path", u.path}};
    o["parent_id"] = u.parent_id ? json::value(*u.parent_id) : json::value(nullptr);
    o["manager_user_id"] = u.manager_user_id ? json::value(*u.manager_user_id) : json::value(nullptr);
    o["manager_name"] = u.manager_name;
    return o;
}

json::value to_json(const core::scheme& s) {
    json::array levels;
    for (auto& l : s.levels) {
        json::array paths;
        for (auto& p : l.eligibility) {
            json::object po{{"text", to_json(core::describe(p, s))}};
            if (p.work_months) po["years_of_work"] = *p.work_months / 12.0;
            if (p.months_at_previous) po["years_at_previous_level"] = *p.months_at_previous / 12.0;
            if (p.min_education) po["education"] = core::to_string(*p.min_education);
            if (p.training_hours) {
                po["training_hours"] = *p.training_hours;
                po["training_window_months"] = p.training_window_months;
            }
            if (!p.required_courses.empty()) {
                json::array c;
                for (auto& x : p.required_courses) c.push_back(json::value(x));
                po["required_courses"] = std::move(c);
            }
            if (p.held_certificate) po["held_certificate"] = *p.held_certificate;
            paths.push_back(std::move(po));
        }
        json::array comps;
        for (auto& c : l.components)
            comps.push_back(json::object{{"kind", core::to_string(c.kind)},
                                         {"label", to_json(core::label(c.kind))},
                                         {"weight", c.weight_pct},
                                         {"pass_mark", score(c.pass_mark)}});
        levels.push_back(json::object{{"rank", l.rank},
                                      {"code", l.code},
                                      {"label", to_json(l.label)},
                                      {"basic_requirements", texts(l.basic_requirements)},
                                      {"skill_requirements", texts(l.skill_requirements)},
                                      {"max_difficulty", core::to_string(l.max_difficulty)},
                                      {"max_difficulty_label", to_json(core::label(l.max_difficulty))},
                                      {"eligibility", std::move(paths)},
                                      {"components", std::move(comps)},
                                      {"pass_mark", score(l.pass_mark)},
                                      {"validity_months", l.validity_months},
                                      {"monthly_allowance", score(l.monthly_allowance)}});
    }
    json::array courses;
    for (auto& c : s.courses) courses.push_back(json::object{{"code", c.code}, {"name", to_json(c.name)}});
    return json::object{{"code", s.code},
                        {"name", to_json(s.name)},
                        {"description", to_json(s.description)},
                        {"recertification_lower_by", s.recertification_lower_by},
                        {"courses", std::move(courses)},
                        {"levels", std::move(levels)}};
}

json::value to_json(const scheme_summary& s) {
    return json::object{{"id", s.row.id},
                        {"code", s.row.code},
                        {"name", json::object{{"zh", s.row.name_zh}, {"en", s.row.name_en}}},
                        {"is_default", s.row.is_default},
                        {"latest_version", s.row.latest_version},
                        {"levels", s.levels}};
}

json::value to_json(const scheme_detail& d) {
    json::array versions;
    for (auto& v : d.versions)
        versions.push_back(json::object{{"version", v.version},
                                        {"note", v.note},
                                        {"created_at", v.created_at},
                                        {"created_by", v.created_by},
                                        {"in_use", v.in_use}});
    auto o = to_json(d.scheme).as_object();
    o["id"] = d.row.id;
    o["is_default"] = d.row.is_default;
    o["version"] = d.version.version;
    o["versions"] = std::move(versions);
    return o;
}

namespace {
json::object account(std::int64_t id, const std::string& username, const std::string& display_name,
                     const std::vector<core::role>& roles, std::optional<std::int64_t> engineer_id,
                     std::optional<std::int64_t> org_unit_id) {
    json::array r;
    for (auto x : roles) r.push_back(json::value(core::to_string(x)));
    json::object o{{"id", id}, {"username", username}, {"display_name", display_name}, {"roles", r}};
    o["engineer_id"] = engineer_id ? json::value(*engineer_id) : json::value(nullptr);
    o["org_unit_id"] = org_unit_id ? json::value(*org_unit_id) : json::value(nullptr);
    return o;
}
}  // namespace

json::value to_json(const principal& p) {
    return account(p.user_id, p.username, p.display_name, p.roles, p.engineer_id, p.org_unit_id);
}

json::value to_json(const storage::user_row& u) {
    auto o = account(u.id, u.username, u.display_name, u.roles, u.engineer_id, u.org_unit_id);
    o["active"] = u.active;
    o["mfa_enabled"] = u.totp_enabled;
    o["must_change_password"] = u.must_change_password;
    return o;
}

json::value session_json(const principal& p, int utc_offset_minutes) {
    return json::object{{"csrf_token", p.csrf_token},
                        {"utc_offset_minutes", utc_offset_minutes},
                        {"user", to_json(p)},
                        {"must_change_password", p.must_change_password},
                        {"mfa_enabled", p.mfa_enabled},
                        {"mfa_enrolment_required", p.mfa_enrolment_required}};
}

json::value to_json(const storage::session_row& s, std::int64_t current_id) {
    return json::object{{"id", s.id},
                        {"user_agent", s.user_agent},
                        {"address", s.address},
                        {"created_at", s.created_at},
                        {"last_seen_at", s.last_seen_at},
                        {"current", s.id == current_id}};
}

json::value to_json(const storage::audit_row& r) {
    return json::object{{"id", r.id},         {"at", r.at},
                        {"actor", r.actor},   {"action", r.action},
                        {"entity", r.entity}, {"entity_id", r.entity_id},
                        {"before", r.before_json}, {"after", r.after_json},
                        {"hash", r.hash}};
}

json::value to_json(const core::field_error& f) {
    json::object o{{"field", f.field}, {"message", to_json(f.message)}};
    if (f.row) o["row"] = f.row;
    if (!f.column.empty()) o["column"] = f.column;
    return o;
}

json::value to_json(const core::eligibility_result& r) {
    json::array paths;
    for (auto& p : r.paths) {
        json::array conditions;
        for (auto& c : p.conditions)
            conditions.push_back(json::object{{"kind", c.kind}, {"met", c.met}, {"explanation", to_json(c.explanation)},
                                              {"gap", to_json(c.gap)}});
        paths.push_back(json::object{{"met", p.met}, {"conditions", std::move(conditions)}});
    }
    return json::object{{"eligible", r.eligible}, {"met_path", r.met_path}, {"summary", to_json(r.summary)}, {"paths", std::move(paths)}};
}

json::value to_json(const next_level_view& v) {
    json::object o{{"current_rank", v.current_rank}};
    if (!v.target) {
        o["target"] = nullptr;
        return o;
    }
    o["target"] = json::object{{"rank", v.target->rank}, {"code", v.target->code}, {"label", to_json(v.target->label)}};
    auto r = to_json(v.result).as_object();
    for (auto& kv : r) o[kv.key()] = kv.value();
    return o;
}

json::value to_json(const storage::cycle_row& c) {
    json::array ranks, phases, quotas;
    for (int r : c.open_ranks) ranks.push_back(r);
    for (auto& q : c.quotas)
        quotas.push_back(json::object{{"rank", q.rank}, {"kind", q.kind}, {"value", q.value}, {"org_unit_id", q.org_unit_id},
                                      {"org_unit_name", q.org_name}});
    json::array fields;
    for (auto& f : c.published_fields) fields.push_back(json::value(f));
    for (auto& p : c.phases)
        phases.push_back(json::object{{"phase", p.phase}, {"starts_on", p.starts_on}, {"ends_on", p.ends_on},
                                      {"responsible_role", p.responsible_role}});
    return json::object{{"id", c.id},           {"name", c.name},       {"scheme_id", c.scheme_id},
                        {"scheme_version", c.scheme_version}, {"kind", c.kind}, {"status", c.status},
                        {"open_ranks", ranks},  {"cutoff_date", c.cutoff_date}, {"version", c.version},
                        {"created_at", c.created_at}, {"created_by", c.created_by}, {"phases", phases},
                        {"quotas", quotas}, {"notice_days", c.notice_days}, {"notice_ends_on", c.notice_ends_on},
                        {"published_fields", fields}, {"certificate_pattern", c.certificate_pattern},
                        {"resit_rule", c.resit_rule}};
}

json::value to_json(const storage::application_row& a) {
    json::object o{{"id", a.id},
                   {"cycle_id", a.cycle_id},
                   {"engineer_id", a.engineer_id},
                   {"employee_no", a.employee_no},
                   {"engineer_name", a.engineer_name},
                   {"target_rank", a.target_rank},
                   {"status", a.status},
                   {"nominated_by", a.nominated_by},
                   {"applied_at", a.applied_at},
                   {"override_reason", a.override_reason},
                   {"version", a.version}};
    boost::system::error_code ec;
    auto verdict = a.verdict_json.empty() ? json::value(nullptr) : json::parse(a.verdict_json, ec);
    o["verdict"] = ec ? json::value(nullptr) : verdict;
    return o;
}

json::value to_json(const home_view& h) {
    json::array cycles;
    for (auto& w : h.cycles) {
        json::object apps, left;
        for (auto& [status, n] : w.applications) apps[status] = n;
        for (auto& [kind, n] : w.scores_left) left[kind] = n;
        json::object o{{"id", w.cycle.id},
                       {"name", w.cycle.name},
                       {"status", w.cycle.status},
                       {"overdue", w.overdue},
                       {"applications", apps},
                       {"open_appeals", w.open_appeals},
                       {"undecided", w.undecided},
                       {"awaiting_my_vote", w.awaiting_my_vote},
                       {"scores_left", left},
                       {"notice_ends_on", w.cycle.notice_ends_on}};
        if (w.phase) o["phase"] = json::object{{"starts_on", w.phase->starts_on}, {"ends_on", w.phase->ends_on}};
        cycles.push_back(std::move(o));
    }
    json::object out{{"cycles", cycles}};
    if (h.expiring) out["expiring_certificates"] = *h.expiring;
    if (h.team) {
        json::array team;
        for (auto& [rank, n] : *h.team) team.push_back(json::object{{"rank", rank}, {"count", n}});
        out["team"] = std::move(team);
    }
    return out;
}

json::value to_json(const storage::product_line& p) { return json::object{{"name", p.name}, {"label", to_json(core::text{p.name, p.name_en})}}; }

json::value to_json(const course_entry& c) {
    json::array levels;
    for (auto& l : c.required_for) levels.push_back(to_json(l));
    return json::object{{"scheme_id", c.scheme_id},   {"scheme_code", c.scheme_code}, {"scheme_name", to_json(c.scheme_name)},
                        {"code", c.course.code},      {"name", to_json(c.course.name)}, {"required_for", levels}};
}

json::value to_json(const storage::training_row& t) {
    return json::object{{"id", t.id},         {"course_code", t.course_code}, {"hours", t.hours},
                        {"completed_on", t.completed_on}, {"passed", t.passed}, {"source", t.source}};
}

json::value to_json(const storage::score_row& s) {
    return json::object{{"application_id", s.application_id},
                        {"component", s.component},
                        {"score", s.score ? score(*s.score) : json::value(nullptr)},
                        {"absent", s.absent},
                        {"source", s.source},
                        {"author", s.author},
                        {"recorded_at", s.recorded_at}};
}

json::value outcome_of(const storage::result_row& r) {
    boost::system::error_code ec;
    auto outcome = json::parse(r.outcome_json, ec);
    if (ec || !outcome.is_object()) return nullptr;
    return outcome;
}

json::value to_json(const storage::result_row& r) {
    return json::object{{"application_id", r.application_id}, {"total", score(r.total)}, {"passed", r.passed},
                        {"rank", r.rank}, {"selected", r.selected}, {"outcome", outcome_of(r)},
                        {"evaluated_at", r.evaluated_at}};
}

json::value to_json(const result_view& v) {
    auto o = to_json(v.row).as_object();
    o["votes"] = json::object{{"approve", v.approve}, {"reject", v.reject}, {"defer", v.defer}};
    o["decision"] = v.decision;
    o["employee_no"] = v.row.employee_no;
    o["engineer_name"] = v.row.engineer_name;
    o["target_rank"] = v.row.target_rank;
    return o;
}

json::value to_json(const sheet_line& l) {
    auto& a = l.application;
    json::array scores;
    for (auto& x : l.scores) scores.push_back(to_json(x));
    return json::object{{"application_id", a.id},       {"engineer_id", a.engineer_id}, {"employee_no", a.employee_no},
                        {"engineer_name", a.engineer_name}, {"target_rank", a.target_rank}, {"status", a.status},
                        {"scores", std::move(scores)},  {"result", l.result ? to_json(*l.result) : json::value(nullptr)}};
}

json::value to_json(const storage::vote_row& v) {
    return json::object{{"application_id", v.application_id}, {"member", v.member}, {"vote", v.vote},
                        {"comment", v.comment}, {"voted_at", v.voted_at}};
}

json::value to_json(const storage::certificate_row& c) {
    json::object o{{"id", c.id},           {"number", c.number},       {"level_rank", c.level_rank},
                   {"issued_on", c.issued_on}, {"expires_on", c.expires_on}, {"status", c.status}};
    o["cycle_id"] = c.cycle_id ? json::value(*c.cycle_id) : json::value(nullptr);
    return o;
}

json::value to_json(const published_list& l) {
    json::array fields, items;
    for (auto& f : l.fields) fields.push_back(json::value(f));
    auto shown = [&](std::string_view f) { return std::find(l.fields.begin(), l.fields.end(), f) != l.fields.end(); };
    for (auto& r : l.rows) {
        json::object o{{"application_id", r.application_id}};
        if (shown("employee_no")) o["employee_no"] = r.employee_no;
        if (shown("engineer_name")) o["engineer_name"] = r.engineer_name;
        if (shown("org_unit")) o["org_unit"] = r.org_unit;
        if (shown("target_rank")) o["target_rank"] = r.target_rank;
        if (shown("outcome")) o["passed"] = r.passed;
        if (shown("total")) o["total"] = score(r.total);
        if (shown("rank")) o["rank"] = r.rank;
        items.push_back(std::move(o));
    }
    return json::object{{"fields", fields}, {"items", items}};
}

json::value to_json(const cycle_report& r) {
    auto rates = [](const std::vector<pass_rate>& v) {
        json::array a;
        for (auto& x : v)
            a.push_back(json::object{{"key", x.key}, {"label", to_json(x.label)}, {"candidates", x.candidates}, {"passed", x.passed}});
        return a;
    };
    json::array dists;
    for (auto& h : r.distributions) {
        json::array bins;
        for (int b : h.bins) bins.push_back(b);
        dists.push_back(json::object{{"key", h.key}, {"label", to_json(h.label)}, {"bins", bins}, {"absent", h.absent}});
    }
    return json::object{{"applications", r.applications}, {"eligible", r.eligible},   {"evaluated", r.evaluated},
                        {"passed", r.passed},             {"approved", r.approved},   {"by_level", rates(r.by_level)},
                        {"by_org", rates(r.by_org)},      {"by_component", rates(r.by_component)},
                        {"distributions", dists}};
}

json::value to_json(const own_result& r) {
    json::object o{{"cycle_id", r.cycle.id},         {"cycle_name", r.cycle.name},
                   {"cycle_status", r.cycle.status}, {"application_id", r.application.id},
                   {"target_rank", r.application.target_rank}, {"application_status", r.application.status}};
    if (r.result) {
        o["total"] = score(r.result->total);
        o["passed"] = r.result->passed && r.result->selected && r.decision == "approved";
        json::array scores;
        for (auto& s : r.scores) scores.push_back(to_json(s));
        o["scores"] = std::move(scores);
        o["outcome"] = outcome_of(*r.result);
        o["decision"] = r.decision;
    }
    json::array appeals;
    for (auto& a : r.appeals) appeals.push_back(to_json(a));
    o["appeals"] = std::move(appeals);
    return o;
}

json::value to_json(const storage::appeal_row& a) {
    return json::object{{"id", a.id},           {"application_id", a.application_id}, {"reason", a.reason},
                        {"status", a.status},   {"resolution", a.resolution},         {"created_at", a.created_at},
                        {"created_by", a.created_by}, {"resolved_at", a.resolved_at}, {"resolved_by", a.resolved_by},
                        {"engineer_id", a.engineer_id}, {"employee_no", a.employee_no}, {"engineer_name", a.engineer_name},
                        {"target_rank", a.target_rank}};
}

json::value to_json(const storage::calendar_day& d) {
    return json::object{{"day", d.day}, {"kind", d.kind}, {"name", d.name}};
}

json::value to_json(const storage::certificates::expiring_row& r) {
    auto o = to_json(r.certificate).as_object();
    o["engineer_id"] = r.certificate.engineer_id;
    o["employee_no"] = r.employee_no;
    o["engineer_name"] = r.engineer_name;
    return o;
}

json::value to_json(const import_report& r) {
    json::array errs;
    for (auto& e : r.errors) errs.push_back(to_json(e));
    json::object body{{"imported", r.imported}, {"rows", r.rows}, {"errors", std::move(errs)}};
    if (r.created + r.updated + r.unchanged > 0) {  // an engineer import: new, changed and unchanged rows
        json::array changes;
        for (auto& c : r.changes) {
            json::array fields;
            for (auto& f : c.fields)
                fields.push_back(json::object{{"field", f.field}, {"column", f.column}, {"before", f.before}, {"after", f.after}});
            changes.push_back(json::object{{"row", c.row}, {"employee_no", c.employee_no}, {"name", c.name}, {"fields", fields}});
        }
        body["created"] = r.created;
        body["updated"] = r.updated;
        body["unchanged"] = r.unchanged;
        body["changes"] = std::move(changes);
    }
    if (!r.warnings.empty()) {
        json::array warnings;
        for (auto& w : r.warnings) warnings.push_back(to_json(w));
        body["warnings"] = std::move(warnings);
    }
    return body;
}

boost::json::value to_json(const storage::job_row& j) {
    auto parsed = [](const std::string& text) -> json::value {
        if (text.empty()) return nullptr;
        boost::system::error_code ec;
        auto v = json::parse(text, ec);
        return ec ? json::value(nullptr) : v;
    };
    json::value cycle = nullptr;
    if (auto p = parsed(j.params); p.is_object())
        if (auto* c = p.as_object().if_contains("cycle_id")) cycle = *c;
    return json::object{{"id", j.id},
                      {"kind", j.kind},
                      {"state", j.state},
                      {"done", j.done},
                      {"total", j.total},
                      {"phase", j.phase},
                      {"cycle_id", cycle},
                      {"owner", j.owner},
                      {"cancel_requested", j.cancel_requested},
                      {"result", parsed(j.result)},
                      {"error", parsed(j.error)},
                      {"created_at", j.created_at},
                      {"started_at", j.started_at.empty() ? json::value(nullptr) : json::value(j.started_at)},
                      {"finished_at", j.finished_at.empty() ? json::value(nullptr) : json::value(j.finished_at)},
                      {"file", j.file_name.empty() ? json::value(nullptr)
                                                   : json::value(json::object{{"name", j.file_name}, {"size", j.file_size}})}};
}

}  // namespace skillgrade::app

namespace skillgrade::app {
namespace {
json::value optional_points(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
}  // namespace

json::value to_json(const core::blueprint_section& s) {
    json::array types;
    for (auto& t : s.types) types.emplace_back(t);
    return json::object{{"title", to_json(s.title)},
                        {"types", std::move(types)},
                        {"product_line", s.product_line},
                        {"knowledge_point", s.knowledge_point},
                        {"difficulty_min", s.difficulty_min},
                        {"difficulty_max", s.difficulty_max},
                        {"count", s.count},
                        {"points", s.points},
                        {"partial_credit", s.partial_credit}};
}

json::value to_json(const blueprint_view& b) {
    json::array sections, gaps;
    for (auto& s : b.blueprint.sections) sections.push_back(to_json(s));
    for (auto& g : b.shortfalls) gaps.push_back(to_json(g));
    return json::object{{"id", b.row.id},
                        {"cycle_id", b.row.cycle_id},
                        {"target_rank", b.row.target_rank},
                        {"sections", std::move(sections)},
                        {"total_points", core::total_points(b.blueprint)},
                        {"duration_minutes", b.row.duration_minutes},
                        {"pass_mark", b.row.pass_mark},
                        {"fixed", b.row.fixed},
                        {"review_after_close", b.row.review_after_close},
                        {"double_marking", b.row.double_marking},
                        {"discrepancy_percent", b.row.discrepancy_percent},
                        {"shortfalls", std::move(gaps)},
                        {"papers", b.papers},
                        {"version", b.row.version},
                        {"updated_at", b.row.updated_at},
                        {"updated_by", b.row.updated_by}};
}

json::value to_json(const sitting_view& v) {
    json::array proctors, problems;
    for (auto id : v.proctors) proctors.push_back(id);
    for (auto& p : v.problems) problems.push_back(to_json(p));
    auto& s = v.row;
    return json::object{{"id", s.id},           {"blueprint_id", s.blueprint_id},
                        {"cycle_id", s.cycle_id}, {"target_rank", s.target_rank},
                        {"name", s.name},       {"kind", s.kind},
                        {"opens_at", s.opens_at}, {"closes_at", s.closes_at},
                        {"duration_minutes", s.duration_minutes}, {"room", s.room},
                        {"capacity", s.capacity}, {"candidates", s.candidates},
                        {"focus_limit", s.focus_limit}, {"focus_action", s.focus_action},
                        {"snapshots", s.snapshots},
                        {"proctors", std::move(proctors)}, {"problems", std::move(problems)},
                        {"state", v.state},     {"version", s.version}};
}

json::value to_json(const storage::attempt_row& a) {
    return json::object{{"id", a.id},
                        {"sitting_id", a.sitting_id},
                        {"application_id", a.application_id},
                        {"status", a.status},
                        {"started_at", a.started_at},
                        {"deadline", a.deadline},
                        {"submitted_at", a.submitted_at},
                        {"submitted_by", a.submitted_by},
                        {"score", optional_points(a.score)},
                        {"pending", a.pending},
                        {"focus_losses", a.focus_losses},
                        {"focus_seconds", a.focus_seconds},
                        {"flagged", a.flagged}};
}

json::value to_json(const room_line& l) {
    json::object o{{"application_id", l.candidate.application_id}, {"candidate_no", l.candidate.candidate_no},
                   {"employee_no", l.candidate.employee_no},       {"engineer_name", l.candidate.engineer_name},
                   {"extra_minutes", l.candidate.extra_minutes},   {"answered", l.answered},
                   {"last_save", l.last_save},                     {"attempt", nullptr},
                   {"snapshots", json::object{{"consent", l.snapshots.consent}, {"taken", l.snapshots.taken}}}};
    if (l.attempt) o["attempt"] = to_json(*l.attempt);
    return o;
}

json::value to_json(const snapshot_status& s) {
    return json::object{{"wanted", s.wanted},
                        {"taken", s.taken},
                        {"consent", s.consent},
                        {"consent_at", s.consent_at},
                        {"next_at", s.next_at ? json::value(*s.next_at) : json::value(nullptr)},
                        {"keep_days", s.keep_days}};
}

json::value to_json(const storage::snapshot_row& r) {
    return json::object{{"id", r.id}, {"taken_at", r.taken_at}, {"width", r.width}, {"height", r.height}, {"size", r.size}};
}

json::value to_json(const storage::answer_row& a) {
    json::value answer = json::parse(a.answer);
    return json::object{{"question_id", a.question_id}, {"seq", a.seq}, {"answer", std::move(answer)}, {"saved_at", a.saved_at}};
}

json::value to_json(const attempt_view& v) {
    auto o = to_json(v.attempt).as_object();
    o["candidate_no"] = v.candidate_no;
    o["sitting"] = json::object{{"id", v.sitting.id}, {"name", v.sitting.name}, {"closes_at", v.sitting.closes_at},
                                {"duration_minutes", v.sitting.duration_minutes}, {"focus_limit", v.sitting.focus_limit},
                                {"focus_action", v.sitting.focus_action}, {"snapshots", v.sitting.snapshots}};
    o["snapshots"] = to_json(v.snapshots);
    json::array questions, answers;
    for (auto& pq : v.questions) {
        auto& q = pq.question;
        json::array options;
        for (auto& opt : q.options) options.push_back(json::object{{"key", opt.key}, {"label", to_json(opt.label)}});
        json::object item{{"question_id", pq.item.question_id},
                          {"section", pq.item.section},
                          {"type", q.type},
                          {"points", pq.item.points},
                          {"stem", to_json(q.stem)},
                          {"options", std::move(options)},
                          {"blanks", static_cast<std::int64_t>(q.blanks.size())},
                          {"images", ids_json(q.images)}};
        if (pq.item.parent) item["case_id"] = pq.item.parent;
        questions.push_back(std::move(item));
    }
    for (auto& a : v.answers) answers.push_back(to_json(a));
    o["questions"] = std::move(questions);
    o["answers"] = std::move(answers);
    o["server_now"] = v.server_now;
    return o;
}

json::value to_json(const my_exam& e) {
    json::object o{{"sitting_id", e.sitting.id},
                   {"name", e.sitting.name},
                   {"kind", e.sitting.kind},
                   {"opens_at", e.sitting.opens_at},
                   {"closes_at", e.sitting.closes_at},
                   {"duration_minutes", e.sitting.duration_minutes},
                   {"room", e.sitting.room},
                   {"target_rank", e.sitting.target_rank},
                   {"cycle_id", e.sitting.cycle_id},
                   {"candidate_no", e.candidate.candidate_no},
                   {"engineer_name", e.candidate.engineer_name},
                   {"employee_no", e.candidate.employee_no},
                   {"state", e.state},
                   {"pass_mark", e.pass_mark},
                   {"passed", e.passed},
                   {"attempt", nullptr}};
    if (e.attempt) o["attempt"] = to_json(*e.attempt);
    return o;
}

json::value to_json(const exam_stats& st) {
    auto num = [](const std::optional<double>& v) { return v ? json::value(std::round(*v * 10000) / 10000) : json::value(nullptr); };
    json::array items;
    for (auto& i : st.items) {
        json::array options, flags;
        for (auto& o : i.stats.options)
            options.push_back(json::object{{"key", o.key}, {"correct", o.correct}, {"share", num(o.share)}, {"upper", num(o.upper)}, {"lower", num(o.lower)}});
        for (auto& f : i.stats.flags) flags.emplace_back(f);
        items.push_back(json::object{{"question_id", i.stats.item},
                                     {"code", i.code},
                                     {"type", i.type},
                                     {"n", i.stats.n},
                                     {"p", num(i.stats.p)},
                                     {"point_biserial", num(i.stats.point_biserial)},
                                     {"upper_lower", num(i.stats.upper_lower)},
                                     {"options", std::move(options)},
                                     {"flags", std::move(flags)}});
    }
    auto& r = st.reliability;
    json::object rel{{"method", r.method}, {r.method, num(r.value)}, {"sem", num(r.sem)}, {"items", r.items}, {"candidates", r.candidates}};
    return json::object{{"sitting_id", st.sitting_id}, {"candidates", st.candidates}, {"items", std::move(items)}, {"reliability", std::move(rel)}};
}

}  // namespace skillgrade::app
