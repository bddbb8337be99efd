// Use cases against a real database: SQLite always, PostgreSQL when SKILLGRADE_TEST_PG is set
// to a server URL (make test starts a throwaway one).
#include "app/accounts.hpp"
#include "app/applications.hpp"
#include "app/audit.hpp"
#include "app/certificates.hpp"
#include "app/cycles.hpp"
#include "app/engineers.hpp"
#include "app/evaluation.hpp"
#include "app/schemes.hpp"
#include "app/sheet.hpp"
#include "app/context.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <tuple>

#include <atomic>
#include <filesystem>
#include <future>
#include <mutex>
#include <random>
#include <thread>

#include "app/demo.hpp"
#include "app/group_commit.hpp"
#include "app/imports.hpp"
#include "app/jobs.hpp"
#include "documents/tables.hpp"
#include "storage/collation.hpp"
#include "storage/engineers.hpp"

#include <soci/soci.h>

using namespace skillgrade;

namespace {

std::string fresh_database(const std::string& engine) {
    static std::atomic<int> n{0};
    std::string name = "sgtest_" + std::to_string(::getpid()) + "_" + std::to_string(n++) + "_" + std::to_string(std::random_device{}() % 100000);
    if (engine == "sqlite") {
        auto dir = std::filesystem::temp_directory_path() / name;
        std::filesystem::create_directories(dir);
        return (dir / "t.db").string();
    }
    std::string base = std::getenv("SKILLGRADE_TEST_PG");
    std::string cmd = "psql -q \"" + base + "postgres\" -c 'CREATE DATABASE " + name + "' >/dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("cannot create test database");
    return base + name;
}

class on_engine : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "postgresql" && !std::getenv("SKILLGRADE_TEST_PG")) GTEST_SKIP() << "SKILLGRADE_TEST_PG not set";
        url = fresh_database(GetParam());
        db = storage::database::open(url, 2);
        db->migrate();
        app::config cfg;
        cfg.fast_password_hashing = true;
        ctx = std::make_unique<app::context>(*db, cfg);
        auto accounts = app::fill_demo(*ctx, "test-pass-1", 7, 40);
        ASSERT_TRUE(accounts);
    }
    app::principal as(const std::string& user) {
        auto r = app::login(*ctx, user, "test-pass-1", "", {"test", ""});
        EXPECT_TRUE(r) << user;
        return r->who;
    }
    // The demo's cycle in that phase (the last one), or 0.
    std::int64_t cycle_in(const std::string& status) {
        auto cycles = app::list_cycles(*ctx, as("hr"));
        EXPECT_TRUE(cycles);
        std::int64_t id = 0;
        for (auto& c : *cycles)
            if (c.status == status) id = c.id;
        return id;
    }
    // The demo's cycle taking applications, put straight into its eligibility review; its id.
    std::int64_t cycle_in_review() {
        auto id = cycle_in("application");
        EXPECT_NE(id, 0);
        raw_sql("UPDATE cycles SET status = 'eligibility_review' WHERE id = " + std::to_string(id));
        return id;
    }
    void raw_sql(const std::string& sql) {
        std::string cmd = GetParam() == "sqlite" ? "sqlite3 '" + url + "' \"" + sql + "\""
                                                 : "psql -q '" + url + "' -c \"" + sql + "\" >/dev/null";
        ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    }
    std::string url;
    std::unique_ptr<storage::database> db;
    std::unique_ptr<app::context> ctx;
};

std::string csv(const std::vector<std::string>& rows) {
    std::string out = "工号,姓名,组织单元编码,入职日期,参加工作日期,学历,产品线,当前等级,等级起始日期\n";
    for (auto& r : rows) out += r + "\n";
    return out;
}

}  // namespace

TEST_P(on_engine, presets_load_once_and_company_5_is_default) {
    auto hr = as("hr");
    auto list = app::list_schemes(*ctx, hr);
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 3u);
    EXPECT_EQ(list->front().row.code, "company-5");
    EXPECT_TRUE(list->front().row.is_default);
    EXPECT_EQ(app::load_presets(*ctx), 0);
}

TEST_P(on_engine, names_written_before_sort_keys_get_them_at_the_next_start) {
    auto hr = as("hr");
    ASSERT_TRUE(app::import_engineers(*ctx, hr, csv({"K1,张键,SC-EAST-SH-T1,2020-01-01,2019-01-01,本科,冰箱,,",
                                                "K2,安键,SC-EAST-SH-T1,2020-01-01,2019-01-01,本科,冰箱,,"}))->imported);
    raw_sql("UPDATE engineers SET name_key = ''");  // as an older server left them
    db->migrate();
    storage::engineer_filter f;
    f.q = "键";
    f.sort = "name";
    auto page = app::list_engineers(*ctx, hr, f);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->items.size(), 2u);
    EXPECT_EQ(page->items[0].name, "安键");
    EXPECT_EQ(page->items[1].name, "张键");
}

TEST_P(on_engine, import_is_all_or_nothing_with_row_report) {
    auto hr = as("hr");
    auto before = app::list_engineers(*ctx, hr, {})->total;
    auto bad = csv({"N001,甲,SC-EAST-SH-T1,2020-01-01,2019-01-01,本科,冰箱,1,2021-01-01",
                    "N002,乙,NOPE,2020-01-01,2019-01-01,本科,冰箱,,",
                    "N001,丙,SC-EAST-SH-T1,2020-02-30,2019-01-01,本科,冰箱,,"});
    auto r = app::import_engineers(*ctx, hr, bad);
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->imported);
    ASSERT_EQ(r->errors.size(), 3u);
    EXPECT_EQ(r->errors[0].row, 3);
    EXPECT_EQ(r->errors[0].column, "组织单元编码");
    EXPECT_EQ(r->errors[1].row, 4);
    EXPECT_EQ(app::list_engineers(*ctx, hr, {})->total, before);

    auto good = csv({"N001,甲,SC-EAST-SH-T1,2020-01-01,2019-01-01,本科,冰箱、洗衣机,初级售后工程师,2021-01-01",
                     "N002,乙,SC-EAST-SH-T1,2020/1/5,2019-01-01,大专,,,"});
    auto ok = app::import_engineers(*ctx, hr, good);
    ASSERT_TRUE(ok);
    EXPECT_TRUE(ok->imported) << (ok->errors.empty() ? "" : ok->errors[0].message.en);
    EXPECT_EQ(app::list_engineers(*ctx, hr, {})->total, before + 2);
    storage::engineer_filter f;
    f.q = "N001";
    auto page = app::list_engineers(*ctx, hr, f);
    ASSERT_EQ(page->items.size(), 1u);
    auto e = app::get_engineer(*ctx, hr, page->items[0].id);
    EXPECT_EQ(e->current_rank, 1);
    EXPECT_EQ(e->product_lines, (std::vector<std::string>{"冰箱", "洗衣机"}));
    ASSERT_EQ(e->history.size(), 1u);
    EXPECT_EQ(e->history[0].source, "import");
    // The same file again: both numbers are known and nothing in them differs, so nothing changes.
    auto again = app::import_engineers(*ctx, hr, good);
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->errors.empty());
    EXPECT_EQ(std::tuple(again->created, again->updated, again->unchanged), std::tuple(0, 0, 2));
    EXPECT_EQ(app::list_engineers(*ctx, hr, {})->total, before + 2);
}

TEST_P(on_engine, scope_engineer_sees_only_self_and_manager_only_subtree) {
    auto eng = as("engineer");
    ASSERT_TRUE(eng.engineer_id);
    auto own = app::list_engineers(*ctx, eng, {});
    ASSERT_EQ(own->total, 1);
    EXPECT_TRUE(app::get_engineer(*ctx, eng, *eng.engineer_id));
    auto other = app::get_engineer(*ctx, eng, *eng.engineer_id + 1);
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, core::errc::forbidden);

    auto mgr = as("manager");
    auto mine = app::list_engineers(*ctx, mgr, {});
    auto hr = as("hr");
    auto all = app::list_engineers(*ctx, hr, {});
    EXPECT_GT(mine->total, 0);
    EXPECT_LT(mine->total, all->total);
    for (auto& e : mine->items) EXPECT_TRUE(e.org_path.starts_with(mgr.org_path));
    EXPECT_FALSE(app::import_engineers(*ctx, mgr, "x"));
}

TEST_P(on_engine, audit_chain_detects_edits_and_deletions) {
    auto hr = as("hr");
    core::engineer_input in{"Z1", "赵一", "SC-EAST-SH-T1", "2020-01-01", "2019-01-01", "本科"};
    ASSERT_TRUE(app::create_engineer(*ctx, hr, in));
    auto v = app::verify_audit(*ctx);
    EXPECT_TRUE(v.ok) << v.reason;
    EXPECT_GT(v.checked, 3);
    {
        storage::unit_of_work tx(*db, storage::write::yes);
        ctx->audit(tx, "t", "x", "y", "1", "{}", "{}");
        tx.commit();
    }
    EXPECT_TRUE(app::verify_audit(*ctx).ok);
    // Edits and deletions are done behind the application's back, as an attacker would.
    auto last = v.checked + 1;
    raw_sql("DELETE FROM audit_log WHERE id = " + std::to_string(last));
    auto deleted = app::verify_audit(*ctx);
    EXPECT_FALSE(deleted.ok);
    EXPECT_EQ(deleted.first_broken, last);
    raw_sql("UPDATE audit_log SET actor = 'mallory' WHERE id = 2");
    auto edited = app::verify_audit(*ctx);
    EXPECT_FALSE(edited.ok);
    EXPECT_EQ(edited.first_broken, 2);
}

TEST_P(on_engine, scheme_versions_and_diff) {
    auto hr = as("hr");
    auto list = app::list_schemes(*ctx, hr);
    auto id = list->front().row.id;
    auto src = app::export_scheme(*ctx, hr, id, 0);
    ASSERT_TRUE(src);
    auto edited = *src;
    edited.replace(edited.find("pass_mark = 65"), 14, "pass_mark = 66");
    auto saved = app::save_scheme(*ctx, hr, edited, "company-5.toml", "raise L2 pass mark");
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->version.version, 2);
    auto d = app::diff_scheme(*ctx, hr, id, 1, 2);
    ASSERT_TRUE(d);
    ASSERT_EQ(d->size(), 1u);
    EXPECT_EQ((*d)[0].path, "levels[2].pass_mark");
    auto same = app::save_scheme(*ctx, hr, edited, "company-5.toml", "");
    ASSERT_FALSE(same);
    EXPECT_EQ(same.error().code, core::errc::conflict);
    auto eng = as("engineer");
    EXPECT_EQ(app::save_scheme(*ctx, eng, edited, "x.toml", "").error().code, core::errc::forbidden);
}

TEST_P(on_engine, login_is_rate_limited_and_bad_passwords_fail) {
    for (int i = 0; i < 5; ++i) EXPECT_EQ(app::login(*ctx, "hr", "wrong", "", {"1.2.3.4", ""}).error().code, core::errc::unauthorized);
    EXPECT_EQ(app::login(*ctx, "hr", "test-pass-1", "", {"1.2.3.4", ""}).error().code, core::errc::rate_limited);
    EXPECT_TRUE(app::login(*ctx, "hr", "test-pass-1", "", {"5.6.7.8", ""}));
}

TEST_P(on_engine, sessions_expire_when_idle_and_end_at_logout) {
    // The same database, seen by a service whose clock the test moves.
    auto now = std::chrono::system_clock::now();
    app::config cfg;
    cfg.fast_password_hashing = true;
    app::context timed(*db, cfg, [&] { return now; });
    auto in = app::login(timed, "hr", "test-pass-1", "", {"t", ""});
    ASSERT_TRUE(in);
    now += std::chrono::minutes(29);
    EXPECT_TRUE(app::authenticate(timed, in->token)) << "29 idle minutes are within the 30-minute idle timeout";
    now += std::chrono::minutes(31);
    auto idle = app::authenticate(timed, in->token);
    ASSERT_FALSE(idle);
    EXPECT_EQ(idle.error().slug, "auth.expired");
    auto again = app::login(timed, "hr", "test-pass-1", "", {"t", ""});
    ASSERT_TRUE(again);
    EXPECT_NE(again->token, in->token);
    EXPECT_TRUE(app::authenticate(timed, again->token));
    app::logout(timed, again->token);
    EXPECT_FALSE(app::authenticate(timed, again->token)) << "logout ends the session at once, cached or not";
}

// An export runs as a job and keeps its file for its owner only, for a week.
TEST_P(on_engine, an_export_job_keeps_its_file_for_its_owner_for_a_week) {
    auto now = std::chrono::system_clock::now();
    app::config cfg;
    cfg.fast_password_hashing = true;
    app::context timed(*db, cfg, [&] { return now; });
    auto hr = as("hr");
    auto started = app::start_engineers_export(timed, hr, {});
    ASSERT_TRUE(started) << started.error().title.en;
    EXPECT_EQ(app::start_engineers_export(timed, hr, {})->id, started->id) << "the same export while it is queued";
    app::job_runner runner(timed);
    EXPECT_EQ(runner.drain(), 1);
    auto j = app::get_job(timed, hr, started->id);
    ASSERT_TRUE(j);
    ASSERT_EQ(j->state, "succeeded") << j->error;
    auto file = app::job_file(timed, hr, started->id);
    ASSERT_TRUE(file);
    EXPECT_EQ(file->name, "engineers.xlsx");
    EXPECT_EQ(static_cast<std::int64_t>(file->bytes.size()), j->file_size);
    EXPECT_EQ(file->bytes.substr(0, 2), "PK") << "an .xlsx file";
    auto in_file = documents::read_xlsx(file->bytes);
    auto direct = documents::read_xlsx(*app::export_engineers(timed, hr, {}));
    ASSERT_TRUE(in_file && direct);
    EXPECT_GT(in_file->rows.size(), 1u);
    EXPECT_EQ(in_file->rows, direct->rows) << "the file holds the sheet an export in a request makes";
    auto other = app::job_file(timed, as("auditor"), started->id);
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, core::errc::not_found) << "another user's export is not theirs to fetch";
    now += std::chrono::days(8);
    ASSERT_TRUE(app::start_engineers_export(timed, hr, {}));
    EXPECT_EQ(runner.drain(), 1);
    auto gone = app::job_file(timed, hr, started->id);
    ASSERT_FALSE(gone) << "files are dropped a week after their job ended";
    EXPECT_EQ(gone.error().code, core::errc::not_found);
}

TEST_P(on_engine, an_import_job_reads_its_upload_in_batches_and_takes_every_row_or_none) {
    auto hr = as("hr");
    auto before = app::list_engineers(*ctx, hr, {})->total;
    std::vector<std::string> rows;
    for (int i = 0; i < 4500; ++i)
        rows.push_back("B" + std::to_string(10000 + i) + ",批量" + std::to_string(i) + ",SC-EAST-SH-T1,2020-01-01,2019-01-01,本科,冰箱,,");
    auto with_duplicate = rows;
    with_duplicate.back() = "B10000,重复,SC-EAST-SH-T1,2020-01-01,2019-01-01,本科,冰箱,,";  // row 4501 repeats row 2, two batches later
    app::job_runner runner(*ctx);
    auto bad = app::start_engineers_import(*ctx, hr, csv(with_duplicate), false);
    ASSERT_TRUE(bad) << bad.error().title.en;
    EXPECT_EQ(app::start_engineers_import(*ctx, hr, csv(with_duplicate), false)->id, bad->id) << "the same upload while it is queued";
    EXPECT_EQ(runner.drain(), 1);
    auto failed = app::get_job(*ctx, hr, bad->id);
    ASSERT_EQ(failed->state, "failed");
    auto error = boost::json::parse(failed->error).as_object();
    EXPECT_EQ(error.at("slug").as_string(), "import.rows_invalid");
    ASSERT_EQ(error.at("errors").as_array().size(), 1u);
    auto& dup = error.at("errors").as_array()[0].as_object();
    EXPECT_EQ(dup.at("row").as_int64(), 4501);
    EXPECT_EQ(dup.at("column").as_string(), "工号");
    EXPECT_EQ(failed->done, 4500) << "the rows it read";
    EXPECT_EQ(app::list_engineers(*ctx, hr, {})->total, before) << "the batches written before the error rolled back";

    auto preview = app::start_engineers_import(*ctx, hr, csv(rows), true);
    ASSERT_TRUE(preview);
    EXPECT_EQ(runner.drain(), 1);
    auto previewed = app::get_job(*ctx, hr, preview->id);
    ASSERT_EQ(previewed->state, "succeeded") << previewed->error;
    EXPECT_EQ(boost::json::parse(previewed->result).at("created").as_int64(), 4500);
    EXPECT_EQ(app::list_engineers(*ctx, hr, {})->total, before) << "a dry run writes nothing";

    auto good = app::start_engineers_import(*ctx, hr, csv(rows), false);
    EXPECT_NE(good->id, preview->id);
    EXPECT_EQ(runner.drain(), 1);
    auto done = app::get_job(*ctx, hr, good->id);
    ASSERT_EQ(done->state, "succeeded") << done->error;
    auto report = boost::json::parse(done->result).as_object();
    EXPECT_TRUE(report.at("imported").as_bool());
    EXPECT_EQ(report.at("rows").as_int64(), 4500);
    EXPECT_EQ(std::tuple(done->done, done->total), std::tuple(4500, 4500));
    EXPECT_EQ(app::list_engineers(*ctx, hr, {})->total, before + 4500);
    {
        storage::unit_of_work tx(*db, storage::write::no);
        int parts = 0;
        for (auto id : {bad->id, preview->id, good->id}) storage::jobs::each_input_part(tx, id, [&](const std::string&) { ++parts; });
        EXPECT_EQ(parts, 0) << "an upload goes when its job ends";
    }

    // A cycle's lists over these 4,500: a search naming more engineers than are listed by id
    // (2,000) counts and pages the same as one naming few, and the name order is the engineers'.
    auto cycles = app::list_cycles(*ctx, hr);
    auto open = std::find_if(cycles->begin(), cycles->end(), [](auto& c) { return c.status == "application"; });
    ASSERT_NE(open, cycles->end());
    auto nominated = app::nominate(*ctx, hr, open->id, {"SC-EAST-SH-T1", std::nullopt, 0}, false);
    ASSERT_TRUE(nominated) << nominated.error().title.en;
    ASSERT_GE(nominated->created, 4500);
    auto listed = [&](std::string q, std::string sort, int page, int size) {
        storage::cycle_list_filter f;
        f.q = std::move(q), f.sort = std::move(sort), f.page = page, f.page_size = size;
        auto r = app::list_applications(*ctx, hr, open->id, f);
        EXPECT_TRUE(r);
        return *r;
    };
    auto many = listed("批量", "", 1, 200);
    EXPECT_EQ(many.total, 4500) << "every imported engineer's name holds 批量";
    EXPECT_EQ(listed("批量", "", 23, 200).items.size(), 100u) << "the last page";
    auto few = listed("批量12", "-employee_no", 1, 200);
    EXPECT_EQ(few.total, 111) << "批量12, 批量120–129, 批量1200–1299";
    for (auto& a : few.items) EXPECT_NE(a.engineer_name.find("批量12"), std::string::npos);
    EXPECT_EQ(listed("B10000", "", 1, 20).total, 1) << "an employee number";
    auto by_name = listed("", "name", 1, 200);
    auto whole = listed("", "", 1, 200);
    ASSERT_EQ(by_name.total, whole.total);
    for (std::size_t i = 1; i < by_name.items.size(); ++i)
        EXPECT_LE(storage::name_key(by_name.items[i - 1].engineer_name), storage::name_key(by_name.items[i].engineer_name)) << i;
    auto last = listed("", "-name", static_cast<int>((by_name.total + 199) / 200), 200);
    EXPECT_EQ(last.items.back().id, by_name.items.front().id) << "descending ends where ascending starts";

    // A sheet of bad rows: every error counted, the first thousand listed.
    std::vector<std::string> all_bad;
    for (int i = 0; i < 1500; ++i) all_bad.push_back("C" + std::to_string(i) + ",坏,NOPE,2020-01-01,2019-01-01,本科,冰箱,,");
    auto r = app::import_engineers(*ctx, hr, csv(all_bad));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->error_count, 1500u);
    EXPECT_EQ(r->errors.size(), app::import_report::max_errors);
    EXPECT_EQ(app::import_failed(r->error_count).en, "The file has 1500 errors; nothing was imported");
    // An empty upload is refused at once, without a job.
    auto empty = app::start_training_import(*ctx, hr, "", false);
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().slug, "import.empty");
}

// Two server instances on one database: a session ended through one is refused by the other at
// once, although the other had just cached it.
TEST_P(on_engine, a_session_ended_on_one_instance_ends_on_every_instance) {
    app::config cfg;
    cfg.fast_password_hashing = true;
    app::context a(*db, cfg), b(*db, cfg);
    auto in = app::login(a, "hr", "test-pass-1", "", {"1.2.3.4", "test"});
    ASSERT_TRUE(in);
    ASSERT_TRUE(app::authenticate(b, in->token));
    app::logout(a, in->token);
    EXPECT_FALSE(app::authenticate(b, in->token));
}

// The list's statements are prepared once per connection and re-executed: each execution
// answers for its own values (level, page), on every connection of the pool, and sees what
// another process wrote since the statement was prepared.
TEST_P(on_engine, prepared_statements_answer_for_the_values_of_each_execution) {
    auto rows = [&](storage::engineer_filter f) {
        std::vector<std::int64_t> all;
        storage::unit_of_work tx(*db, storage::write::no);
        storage::engineers::scan(tx, f, [&](const core::engineer& e) { all.push_back(e.id); });
        return all;
    };
    for (int round = 0; round < 3; ++round) {  // more rounds than the pool has connections
        for (int rank : {1, 2, 3}) {
            storage::engineer_filter f;
            f.rank = rank;
            f.sort = "-hire_date";
            f.page_size = 1;
            auto expected = rows(f);
            ASSERT_GT(expected.size(), 1u) << "rank " << rank;  // two pages of one
            for (int page = 1; page <= 2; ++page) {
                f.page = page;
                storage::unit_of_work tx(*db, storage::write::no);
                auto p = storage::engineers::list(tx, f, std::nullopt);
                EXPECT_EQ(p.total, static_cast<std::int64_t>(expected.size())) << "rank " << rank;
                for (std::size_t i = 0; i < p.items.size(); ++i) {
                    EXPECT_EQ(p.items[i].current_rank, rank);
                    EXPECT_EQ(p.items[i].id, expected.at(static_cast<std::size_t>(page - 1) + i));
                }
            }
        }
    }
    // Both connections have the engineer's statement prepared; a change written by another process
    // is seen by the next execution on each.
    auto first = rows({}).front();
    for (int i = 0; i < 2; ++i) {
        storage::unit_of_work tx(*db, storage::write::no);
        ASSERT_TRUE(storage::engineers::get(tx, first));
    }
    raw_sql("UPDATE engineers SET name = 'Renamed Elsewhere' WHERE id = " + std::to_string(first));
    for (int i = 0; i < 2; ++i) {
        storage::unit_of_work tx(*db, storage::write::no);
        EXPECT_EQ(storage::engineers::get(tx, first)->name, "Renamed Elsewhere");
    }
}

INSTANTIATE_TEST_SUITE_P(engines, on_engine, ::testing::Values("sqlite", "postgresql"));

// The demo's closed cycle happened in order: each step inside its phase, the notice period before the
// appeal phase, certificates issued during certification; and its applicants are a realistic mix.
TEST_P(on_engine, the_demo_cycle_tells_a_consistent_story) {
    auto hr = as("hr");
    auto cycles = app::list_cycles(*ctx, hr);
    ASSERT_TRUE(cycles);
    auto closed = std::find_if(cycles->begin(), cycles->end(), [](auto& c) { return c.status == "closed"; });
    ASSERT_NE(closed, cycles->end());
    auto phase = [&](const std::string& name) {
        auto it = std::find_if(closed->phases.begin(), closed->phases.end(), [&](auto& p) { return p.phase == name; });
        EXPECT_NE(it, closed->phases.end()) << name;
        return *it;
    };
    EXPECT_GE(closed->notice_ends_on, phase("public_notice").starts_on);
    EXPECT_LT(closed->notice_ends_on, phase("appeal").starts_on);
    EXPECT_LE(closed->cutoff_date, phase("application").ends_on);
    storage::cycle_list_filter all;
    all.page_size = 200;
    auto apps = app::list_applications(*ctx, hr, closed->id, all);
    ASSERT_TRUE(apps);
    ASSERT_LE(apps->total, 200);
    int eligible = 0, ineligible = 0, overridden = 0, certified = 0;
    for (auto& a : apps->items) {
        eligible += a.status == "eligible";
        ineligible += a.status == "ineligible";
        overridden += !a.override_reason.empty();
        auto certs = app::list_certificates(*ctx, hr, a.engineer_id);
        ASSERT_TRUE(certs);
        for (auto& c : *certs)
            if (c.cycle_id == closed->id) {
                ++certified;
                EXPECT_GE(c.issued_on, phase("certification").starts_on);
                EXPECT_LE(c.issued_on, phase("certification").ends_on);
            }
    }
    EXPECT_GT(eligible, ineligible) << "most applicants meet the conditions";
    EXPECT_GT(ineligible + overridden, 0) << "and some do not";
    EXPECT_LE(overridden, 1) << "overrides are the exception";
    EXPECT_GT(certified, 0);
}

// Leaving the public notice waits for its last day to pass; HR may end it early only with a reason.
TEST_P(on_engine, the_public_notice_runs_its_full_length) {
    auto hr = as("hr");
    auto cycles = app::list_cycles(*ctx, hr);
    ASSERT_TRUE(cycles);
    auto open = std::find_if(cycles->begin(), cycles->end(), [](auto& c) { return c.status == "application"; });
    ASSERT_NE(open, cycles->end());
    auto id = open->id;
    auto last = core::format_date(core::date{std::chrono::sys_days{ctx->today()} + std::chrono::days{3}});
    raw_sql("UPDATE cycles SET status = 'public_notice', notice_ends_on = '" + last + "' WHERE id = " + std::to_string(id));
    app::config cfg;
    cfg.fast_password_hashing = true;
    auto on_day = [&](int d) {
        auto t = std::chrono::system_clock::now() + std::chrono::days{d};
        return std::make_unique<app::context>(*db, cfg, [t] { return t; });
    };
    auto version = app::get_cycle(*ctx, hr, id)->version;
    auto on_last_day = app::transition_cycle(*on_day(3), hr, id, "appeal", "", version);
    ASSERT_FALSE(on_last_day);
    EXPECT_EQ(on_last_day.error().slug, "cycle.notice_running");
    auto no_reason = app::transition_cycle(*on_day(3), hr, id, "appeal", " ", version, true);
    ASSERT_FALSE(no_reason);
    EXPECT_EQ(no_reason.error().slug, "cycle.override_reason");
    auto after = app::transition_cycle(*on_day(4), hr, id, "appeal", "", version);
    ASSERT_TRUE(after) << after.error().title.en;
    EXPECT_EQ(after->status, "appeal");
}

// A job whose process died mid-run (kill -9: marked running, never finished) runs again from the start
// when the next runner starts, and writes what an uninterrupted review writes. Until then it is still the
// active job, so a second starter gets it rather than a second one.
TEST_P(on_engine, a_job_left_running_by_a_dead_process_runs_again_and_ends_as_an_uninterrupted_run) {
    auto hr = as("hr");
    auto id = cycle_in_review();
    ASSERT_NE(id, 0);
    auto started = app::start_review(*ctx, hr, id);
    ASSERT_TRUE(started) << started.error().title.en;
    {
        storage::jobs::lease_holder dying(*db);
        auto taken = dying.claim(ctx->now_iso());
        ASSERT_TRUE(taken);
        EXPECT_EQ(taken->id, started->id);
        storage::jobs::lease_holder other(*db);
        EXPECT_FALSE(other.claim(ctx->now_iso())) << "a job whose runner lives is not taken by another";
    }  // the runner that took it dies here, before it finishes: its connection ends with it
    auto again = app::start_review(*ctx, as("admin"), id);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->id, started->id) << "one active job per review";

    app::context next(*db, ctx->cfg());  // the restarted process
    app::job_runner runner(next, {.poll = std::chrono::milliseconds(20)});
    runner.start();
    storage::job_row j;
    for (int i = 0; i < 1500; ++i) {
        auto r = app::get_job(next, hr, started->id);
        ASSERT_TRUE(r);
        j = *r;
        if (j.state != "queued" && j.state != "running") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    runner.stop();
    ASSERT_EQ(j.state, "succeeded") << j.error;
    EXPECT_EQ(j.attempts, 2);
    std::vector<std::pair<std::int64_t, std::string>> by_job, by_request;
    storage::cycle_list_filter all;
    all.page_size = 200;
    auto after_job = app::list_applications(*ctx, hr, id, all);
    ASSERT_TRUE(after_job);
    ASSERT_LE(after_job->total, 200);
    for (auto& a : after_job->items) by_job.emplace_back(a.id, a.status + a.verdict_json);
    auto reviewed = app::review_eligibility(*ctx, hr, id);
    ASSERT_TRUE(reviewed);
    EXPECT_NE(j.result.find("\"reviewed\":" + std::to_string(*reviewed)), std::string::npos) << j.result;
    auto after_request = app::list_applications(*ctx, hr, id, all);
    ASSERT_TRUE(after_request);
    for (auto& a : after_request->items) by_request.emplace_back(a.id, a.status + a.verdict_json);
    EXPECT_EQ(by_job, by_request);
    EXPECT_GT(*reviewed, 0);
}

// Replay (the evaluation's dry run) of a closed cycle: recomputed under the cycle's frozen scheme version
// from the stored verdicts, scores and quota groups, it is identical to the stored results and writes
// nothing; a result or a score changed behind the application's back shows as exactly that difference;
// the real evaluation stays refused.
TEST_P(on_engine, a_closed_cycle_replays_identically_and_shows_exactly_what_was_changed_behind_its_back) {
    auto auditor = as("auditor");
    auto id = cycle_in("closed");
    ASSERT_NE(id, 0);
    std::vector<storage::results::change> seen;
    auto replay = [&](const app::principal& who) {
        seen.clear();
        return app::run_evaluation(*ctx, who, id, true, 1000, [&](const storage::results::change& ch) { seen.push_back(ch); }, {});
    };
    // What a replay must leave as it was: the results (when they were evaluated included) and the audit log.
    auto fingerprint = [&] {
        storage::unit_of_work tx(*db, storage::write::no);
        long long results = 0, totals = 0, ranks = 0, audit = 0;
        std::string at;
        tx.sql() << "SELECT COUNT(*), COALESCE(SUM(total), 0), COALESCE(SUM(rank * application_id), 0), COALESCE(MAX(evaluated_at), '') "
                    "FROM results WHERE cycle_id = :c",
            soci::use(static_cast<long long>(id)), soci::into(results), soci::into(totals), soci::into(ranks), soci::into(at);
        tx.sql() << "SELECT COUNT(*) FROM audit_log WHERE action NOT LIKE 'auth.%'", soci::into(audit);  // sign-ins aside
        return std::tuple(results, totals, ranks, at, audit);
    };
    auto before = fingerprint();
    auto same = replay(auditor);
    ASSERT_TRUE(same) << same.error().title.en;
    EXPECT_EQ(same->differences(), 0);
    EXPECT_TRUE(seen.empty());
    EXPECT_TRUE(same->as_stored);
    EXPECT_GT(same->evaluated, 0);
    EXPECT_GT(same->passed, 0);
    EXPECT_EQ(fingerprint(), before);
    // HR and administrators may replay; an engineer or an examiner may not.
    EXPECT_TRUE(replay(as("hr")));
    for (auto user : {"engineer", "examiner"}) {
        auto denied = replay(as(user));
        ASSERT_FALSE(denied) << user;
        EXPECT_EQ(denied.error().code, core::errc::forbidden) << user;
    }
    auto missing = app::run_evaluation(*ctx, auditor, 999999, true, 10, {}, {});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, core::errc::not_found);
    // The real evaluation of a closed cycle is refused, in the request and as a job.
    auto real = app::run_evaluation(*ctx, as("hr"), id, false, 10, {}, {});
    ASSERT_FALSE(real);
    EXPECT_EQ(real.error().slug, "cycle.phase");
    auto job = app::start_evaluation(*ctx, as("hr"), id);
    ASSERT_FALSE(job);
    EXPECT_EQ(job.error().slug, "cycle.phase");
    EXPECT_EQ(fingerprint(), before);

    // A stored total lowered by one hundredth: that result, and only it, differs; its rank stands.
    long long app_id = 0, total = 0, rank = 0;
    {
        storage::unit_of_work tx(*db, storage::write::no);
        tx.sql() << "SELECT application_id, total, rank FROM results WHERE cycle_id = :c AND passed = 1 ORDER BY total DESC, "
                    "application_id LIMIT 1",
            soci::use(static_cast<long long>(id)), soci::into(app_id), soci::into(total), soci::into(rank);
    }
    ASSERT_GT(app_id, 0);
    raw_sql("UPDATE results SET total = total - 1 WHERE application_id = " + std::to_string(app_id));
    auto tampered = replay(auditor);
    ASSERT_TRUE(tampered);
    EXPECT_EQ(tampered->differences(), 1);
    EXPECT_EQ(tampered->changed, 1);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].kind, '~');
    EXPECT_EQ(seen[0].application_id, app_id);
    EXPECT_EQ(seen[0].old_total, total - 1);
    EXPECT_EQ(seen[0].new_total, total);
    EXPECT_EQ(seen[0].old_rank, rank);
    EXPECT_EQ(seen[0].new_rank, rank);
    EXPECT_FALSE(seen[0].employee_no.empty());
    raw_sql("UPDATE results SET total = total + 1 WHERE application_id = " + std::to_string(app_id));
    ASSERT_EQ(replay(auditor)->differences(), 0);

    // Every score of an application that did not pass lowered by one point: its total drops, nothing else moves.
    long long failed = 0, failed_total = 0;
    {
        storage::unit_of_work tx(*db, storage::write::no);
        tx.sql() << "SELECT application_id, total FROM results WHERE cycle_id = :c AND passed = 0 ORDER BY application_id LIMIT 1",
            soci::use(static_cast<long long>(id)), soci::into(failed), soci::into(failed_total);
    }
    ASSERT_GT(failed, 0);
    raw_sql("UPDATE scores SET score = score - 100 WHERE absent = 0 AND score IS NOT NULL AND application_id = " + std::to_string(failed));
    auto rescored = replay(auditor);
    ASSERT_TRUE(rescored);
    EXPECT_EQ(rescored->differences(), 1);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].application_id, failed);
    EXPECT_EQ(seen[0].old_total, failed_total);
    EXPECT_EQ(seen[0].new_total, failed_total - 100);
    EXPECT_FALSE(seen[0].old_passed);
    EXPECT_FALSE(seen[0].new_passed);
}

// An engineer who moves to another org unit after the cycle closed leaves its replay unchanged: the
// result keeps the quota group it was evaluated in (the unit's own quota), not the unit of today.
TEST_P(on_engine, a_replay_keeps_each_result_in_the_quota_group_it_was_evaluated_in) {
    auto hr = as("hr");
    auto id = cycle_in("closed");
    ASSERT_NE(id, 0);
    auto cycle = std::to_string(id);
    // The unit of the lowest passed result gets its own quota of no places for that level (the result is
    // then below the quota line); the cycle is evaluated again with it and closed.
    auto lowest = "(SELECT r.application_id FROM results r WHERE r.cycle_id = " + cycle +
                  " AND r.passed = 1 ORDER BY r.total, r.application_id LIMIT 1)";
    raw_sql("INSERT INTO cycle_quotas (cycle_id, rank, org_unit_id, kind, value) SELECT a.cycle_id, a.target_rank, e.org_unit_id, "
            "'count', 0 FROM applications a JOIN engineers e ON e.id = a.engineer_id WHERE a.id = " + lowest);
    raw_sql("UPDATE cycles SET status = 'committee_review' WHERE id = " + cycle);
    ASSERT_TRUE(app::evaluate_cycle(*ctx, hr, id, false));
    raw_sql("UPDATE cycles SET status = 'closed' WHERE id = " + cycle);
    auto replay = [&] { return app::run_evaluation(*ctx, as("auditor"), id, true, 1000, {}, {}); };
    ASSERT_EQ(replay()->differences(), 0);
    long long below = 0;
    {
        storage::unit_of_work tx(*db, storage::write::no);
        tx.sql() << "SELECT COUNT(*) FROM results WHERE cycle_id = :c AND passed = 1 AND selected = 0 AND quota_group LIKE '%/%'",
            soci::use(static_cast<long long>(id)), soci::into(below);
    }
    ASSERT_GT(below, 0);
    // The unit's applicants move to the company's top unit, outside the unit's quota.
    raw_sql("UPDATE engineers SET org_unit_id = (SELECT id FROM org_units ORDER BY LENGTH(path), id LIMIT 1) WHERE id IN "
            "(SELECT a.engineer_id FROM applications a JOIN results r ON r.application_id = a.id WHERE r.cycle_id = " + cycle +
            " AND r.quota_group LIKE '%/%')");
    auto moved = replay();
    ASSERT_TRUE(moved);
    EXPECT_EQ(moved->differences(), 0);
    // In the assessment phases the dry run is the evaluation as it would run now: the engineers' units of today.
    raw_sql("UPDATE cycles SET status = 'appeal' WHERE id = " + cycle);
    auto now = replay();
    ASSERT_TRUE(now);
    EXPECT_FALSE(now->as_stored);
    EXPECT_GE(now->changed, below) << "out of the unit, within the level's places";
}

// The review stores each verdict as its measured values only (a few bytes, not two languages of text);
// the list explains it again under the cycle's scheme version, in zh and en, with the same verdict.
TEST_P(on_engine, the_review_stores_verdicts_compactly_and_the_list_explains_them) {
    auto hr = as("hr");
    auto id = cycle_in_review();
    ASSERT_NE(id, 0);
    auto reviewed = app::review_eligibility(*ctx, hr, id);
    ASSERT_TRUE(reviewed) << reviewed.error().title.en;
    ASSERT_GT(*reviewed, 0);
    storage::cycle_list_filter all;
    all.page_size = 200;
    auto shown = app::list_applications(*ctx, hr, id, all);
    ASSERT_TRUE(shown);
    int explained = 0;
    for (auto& a : shown->items) {
        if (a.status != "eligible" && a.status != "ineligible") continue;
        storage::unit_of_work tx(*db, storage::write::no);
        auto stored = storage::applications::get(tx, a.id);
        ASSERT_TRUE(stored);
        EXPECT_TRUE(stored->verdict_json.starts_with("{\"v\":[")) << stored->verdict_json;
        EXPECT_LT(stored->verdict_json.size(), 80u) << stored->verdict_json;
        auto v = boost::json::parse(a.verdict_json).as_object();
        EXPECT_EQ(v.at("eligible").as_bool(), a.status == "eligible");
        EXPECT_FALSE(v.at("summary").at("zh").as_string().empty());
        EXPECT_FALSE(v.at("summary").at("en").as_string().empty());
        for (auto& p : v.at("paths").as_array())
            for (auto& c : p.at("conditions").as_array()) EXPECT_FALSE(c.at("explanation").at("en").as_string().empty());
        ++explained;
    }
    EXPECT_EQ(explained, *reviewed);
}

// Group commit: the writes that arrive while one batch commits share the next commit; a write
// that fails takes only itself down; each completion says whether its write is durable.
TEST_P(on_engine, writes_waiting_during_a_commit_share_the_next_one_and_a_failing_write_fails_alone) {
    {
        storage::unit_of_work tx(*db, storage::write::yes);
        tx.sql() << "CREATE TABLE probe (n INTEGER PRIMARY KEY)";
        tx.commit();
    }
    auto insert = [](int n) { return [n](storage::unit_of_work& tx) { tx.sql() << "INSERT INTO probe (n) VALUES (:n)", soci::use(n); }; };
    app::group_commit writes(*db);
    std::promise<void> started, release;
    auto released = release.get_future().share();
    std::vector<int> told(8, -1);  // per submitted write: 1 committed, 0 failed
    std::mutex m;
    auto tell = [&](int i) { return [&, i](bool ok) { std::lock_guard lock(m); told[i] = ok; }; };
    // The first write holds the writer until the others are queued behind it.
    writes.submit([&](storage::unit_of_work& tx) { started.set_value(); released.wait(); insert(0)(tx); }, tell(0));
    started.get_future().wait();
    for (int i = 1; i <= 3; ++i) writes.submit(insert(i), tell(i));
    release.set_value();
    writes.flush();
    auto t = writes.totals();
    EXPECT_EQ(t.writes, 4u);
    EXPECT_EQ(t.commits, 2u) << "the three queued during the first commit share one";
    EXPECT_EQ(t.failed, 0u);
    // A batch in which one write fails: the others are written one by one and succeed.
    std::promise<void> started2, release2;
    auto released2 = release2.get_future().share();
    writes.submit([&](storage::unit_of_work& tx) { started2.set_value(); released2.wait(); insert(4)(tx); }, tell(4));
    started2.get_future().wait();
    writes.submit(insert(5), tell(5));
    writes.submit(insert(1), tell(6));  // already there: this one fails
    writes.submit(insert(6), tell(7));
    release2.set_value();
    writes.flush();
    t = writes.totals();
    EXPECT_EQ(t.writes, 7u);
    EXPECT_EQ(t.failed, 1u);
    EXPECT_EQ(t.commits, 5u) << "one for the first write, then the failed batch again one by one";
    EXPECT_EQ(told, (std::vector<int>{1, 1, 1, 1, 1, 1, 0, 1}));
    storage::unit_of_work tx(*db, storage::write::no);
    int rows = 0, sum = 0;
    tx.sql() << "SELECT COUNT(*), SUM(n) FROM probe", soci::into(rows), soci::into(sum);
    EXPECT_EQ(rows, 7);
    EXPECT_EQ(sum, 0 + 1 + 2 + 3 + 4 + 5 + 6);
}
