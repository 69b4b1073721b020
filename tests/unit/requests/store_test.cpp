// The requests store on SQLite and PostgreSQL: a request's row and history round-trip, the staff
// queue's filters, search (Greek, accent-free and Latin), paging and overdue, the public list
// without private or merged requests, supporters and their counter, attachments, Open311 tokens,
// a person's requests, the statistics facts, and tenant isolation throughout. Plus the pure
// pieces: due-day text, the search text, overdue.
#include <gtest/gtest.h>

#include <algorithm>

#include "modules/registry/model.hpp"
#include "modules/registry/service.hpp"
#include "modules/registry/store.hpp"
#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "modules/requests/service/shared.hpp"
#include "modules/requests/store.hpp"
#include "pg_fixture.hpp"
#include "platform/db/search_refill.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/web/tenant.hpp"
#include "platform/i18n/working_days.hpp"

using namespace syn;
using namespace syn::requests;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

namespace {

Day ymd(int y, unsigned m, unsigned d) { return Day{year{y}, month{m}, day{d}}; }

}  // namespace

// ---------------------------------------------------------------- pure pieces

TEST(RequestsStorePure, SearchTextHoldsFoldedAndLatinFormsOfTitleDescriptionAndAddress) {
    Request r;
    r.title = "Λακκούβα στην ΑΡΙΣΤΟΜΈΝΟΥΣ";
    r.description = "Επικίνδυνη για δίκυκλα";
    r.location.address = "Αριστομένους 12";
    r.requester_name = "Μαρία Ιδιώτισσα";
    const auto t = request_search_text(r);
    EXPECT_NE(t.find("λακκουβα"), std::string::npos) << t;
    EXPECT_NE(t.find("αριστομενουσ"), std::string::npos) << t;
    EXPECT_NE(t.find("dikykla"), std::string::npos) << t;
    EXPECT_NE(t.find(" || "), std::string::npos) << t;
    // The requester's name is only a private key, which no public search asks for.
    EXPECT_EQ(t.find(" μαρια"), std::string::npos) << "personal data is not a public word: " << t;
    EXPECT_NE(t.find(" zzrwμαρια"), std::string::npos) << t;
}

TEST(RequestsStorePure, OverdueOnlyWhenOpenAndPastDue) {
    Request r;
    r.due = ymd(2026, 3, 9);
    r.state = State::InProgress;
    EXPECT_FALSE(detail::is_overdue(r, ymd(2026, 3, 9)));  // due today: not yet
    EXPECT_TRUE(detail::is_overdue(r, ymd(2026, 3, 10)));
    r.state = State::Resolved;
    EXPECT_FALSE(detail::is_overdue(r, ymd(2026, 3, 10)));
    r.state = State::Submitted;
    r.merged_into_id = 4;
    EXPECT_FALSE(detail::is_overdue(r, ymd(2026, 3, 10)));
}

// ---------------------------------------------------------------- store, both engines

namespace {

class RequestsStoreTest : public test::BackendTest {
protected:
    void SetUp() override {
        test::BackendTest::SetUp();
        if (IsSkipped()) return;
        apply({"0001_", "0002_", "0003_", "0004_", "0005_", "0006_", "0007_", "0009_", "0012_", "0013_", "0018_"});
        db().transact([&](soci::session& s) {
            web::Tenant a{0, "4401", "Καλαμάτας", "Kalamata", "", "", "kalamata", "", "#003476", ""};
            web::Tenant b{0, "4701", "Περιστερίου", "Peristeri", "", "", "peristeri", "", "#003476", ""};
            mun_a = web::insert_tenant(s, a);
            mun_b = web::insert_tenant(s, b);
            dept_clean = store::insert_department(s, mun_a, {0, "Καθαριότητα", "Cleaning", ""});
            dept_roads = store::insert_department(s, mun_a, {0, "Οδοποιία", "Roads", ""});
            dept_b = store::insert_department(s, mun_b, {0, "Καθαριότητα", "Cleaning", ""});
            type_problem = store::insert_type(s, mun_a, type("local-problem", dept_roads));
            type_other = store::insert_type(s, mun_a, type("other", dept_clean));
            type_b = store::insert_type(s, mun_b, type("local-problem", dept_b));
            maria = user(s, "maria@example.gr", "Μαρία");
            nikos = user(s, "nikos@example.gr", "Νίκος");
            eleni = user(s, "eleni@example.gr", "Ελένη");
            registry::Organisation o;
            o.municipality_id = mun_a;
            o.profile.official_name = "Σύλλογος Γονέων";
            o.profile.kind = "association";
            o.created_at = o.updated_at = 1'700'000'000;
            org = registry::store::insert(s, o);
        });
    }

    static RequestType type(const std::string& code, std::int64_t dept) {
        RequestType t;
        t.code = code;
        t.name_el = code;
        t.name_en = code;
        t.department_id = dept;
        t.deadline_days = 10;
        return t;
    }

    std::int64_t user(soci::session& s, const std::string& email, const std::string& name) {
        long long id = 0, at = 1'700'000'000;
        std::string e = email, n = name;
        s << "INSERT INTO users (email, display_name, created_at) VALUES (:e, :n, :at) RETURNING id", soci::use(e), soci::use(n),
            soci::use(at), soci::into(id);
        return id;
    }

    Request make(std::int64_t mun, std::int64_t type_id, std::int64_t dept, const std::string& title, State state = State::Submitted) {
        Request r;
        r.municipality_id = mun;
        r.type_id = type_id;
        r.department_id = dept;
        r.requester_user_id = maria;
        r.requester_name = "Μαρία";
        r.requester_email = "maria@example.gr";
        r.title = title;
        r.description = "Περιγραφή του αιτήματος: " + title;
        r.state = state;
        r.submitted_at = r.updated_at = (clock += 3600);
        r.due = i18n::add_working_days(i18n::athens_day(r.submitted_at), 10);
        return r;
    }

    std::int64_t add(Request r, const std::string& token = "") {
        return db().transact([&](soci::session& s) {
            return store::insert_request(s, r, store::NewRequestExtras{request_search_text(r), token});
        });
    }

    std::vector<std::string> titles(const std::vector<Request>& rs) {
        std::vector<std::string> out;
        for (const auto& r : rs) out.push_back(r.title);
        return out;
    }

    QueuePage queue(const QueueQuery& q, Day today = ymd(2030, 1, 1), std::int64_t mun = 0) {
        return db().read([&](soci::session& s) { return store::queue(s, mun ? mun : mun_a, q, today); });
    }

    std::int64_t mun_a = 0, mun_b = 0, dept_clean = 0, dept_roads = 0, dept_b = 0, type_problem = 0, type_other = 0, type_b = 0;
    std::int64_t maria = 0, nikos = 0, eleni = 0, org = 0;
    std::int64_t clock = 1'767'225'600;  // 2026-01-01 00:00 UTC
};

}  // namespace

TEST_P(RequestsStoreTest, ARequestRoundTripsWithItsNullsAndStaysInItsMunicipality) {
    Request r = make(mun_a, type_problem, dept_roads, "Λακκούβα");
    r.organisation_id = org;
    r.requester_phone = "+302721000000";
    r.location.address = "Αριστομένους 12";
    r.location.postal_code = "24100";
    r.location.latitude = 37.0391;
    r.location.longitude = 22.1142;
    r.is_public = false;
    r.source = Source::Api;
    const auto id = add(r);
    auto got = db().read([&](soci::session& s) { return store::by_id(s, mun_a, id); });
    ASSERT_TRUE(got);
    EXPECT_EQ(got->title, "Λακκούβα");
    EXPECT_EQ(got->type_code, "local-problem");
    EXPECT_EQ(got->department_id, dept_roads);
    EXPECT_EQ(got->requester_user_id, maria);
    EXPECT_EQ(got->organisation_id, org);
    EXPECT_EQ(got->organisation_name, "Σύλλογος Γονέων");
    EXPECT_EQ(got->requester_phone, "+302721000000");
    EXPECT_EQ(got->location.postal_code, "24100");
    ASSERT_TRUE(got->location.latitude);
    EXPECT_DOUBLE_EQ(*got->location.latitude, 37.0391);
    EXPECT_FALSE(got->is_public);
    EXPECT_EQ(got->source, Source::Api);
    EXPECT_EQ(got->state, State::Submitted);
    EXPECT_EQ(got->due, r.due);
    EXPECT_FALSE(got->assignee_user_id);
    EXPECT_FALSE(got->first_response_at);
    EXPECT_FALSE(got->merged_into_id);
    EXPECT_FALSE(got->rating);
    EXPECT_EQ(got->supporters, 0);

    EXPECT_FALSE(db().read([&](soci::session& s) { return store::by_id(s, mun_b, id); }));
    EXPECT_TRUE(db().transact([&](soci::session& s) { return store::by_id_for_update(s, mun_a, id); }));
    EXPECT_EQ(db().read([&](soci::session& s) { return store::count_in(s, mun_a); }), 1);
    EXPECT_EQ(db().read([&](soci::session& s) { return store::count_in(s, mun_b); }), 0);
}

TEST_P(RequestsStoreTest, WorkflowColumnsRatingAndHistoryAreWritten) {
    const auto id = add(make(mun_a, type_problem, dept_roads, "Λακκούβα"));
    db().transact([&](soci::session& s) {
        auto r = *store::by_id_for_update(s, mun_a, id);
        r.state = State::Resolved;
        r.department_id = dept_clean;
        r.assignee_user_id = nikos;
        r.first_response_at = 100;
        r.resolved_at = r.finished_at = 200;
        r.status_note = "Επισκευάστηκε";
        r.updated_at = 200;
        store::update_workflow(s, r);
        HistoryEntry h;
        h.kind = EntryKind::Transition;
        h.from = State::Submitted;
        h.to = State::Resolved;
        h.body = "Επισκευάστηκε";
        h.is_public = true;
        h.actor_user_id = nikos;
        h.at = 200;
        store::add_event(s, mun_a, id, h, R"({"from":"submitted"})");
        h.kind = EntryKind::Note;
        h.from = h.to = std::nullopt;
        h.body = "εσωτερικό";
        h.is_public = false;
        store::add_event(s, mun_a, id, h);
        store::set_rating(s, mun_a, id, 4, "Ευχαριστώ", 300);
    });
    auto r = *db().read([&](soci::session& s) { return store::by_id(s, mun_a, id); });
    EXPECT_EQ(r.state, State::Resolved);
    EXPECT_EQ(r.department_id, dept_clean);
    EXPECT_EQ(r.assignee_user_id, nikos);
    EXPECT_EQ(r.assignee_name, "Νίκος");
    EXPECT_EQ(r.resolved_at, 200);
    EXPECT_EQ(r.status_note, "Επισκευάστηκε");
    EXPECT_EQ(r.rating, 4);
    EXPECT_EQ(r.rating_comment, "Ευχαριστώ");

    auto all = db().read([&](soci::session& s) { return store::events(s, mun_a, id, false); });
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].kind, EntryKind::Transition);
    EXPECT_EQ(all[0].from, State::Submitted);
    EXPECT_EQ(all[0].to, State::Resolved);
    EXPECT_EQ(all[0].actor_name, "Νίκος");
    EXPECT_EQ(all[1].kind, EntryKind::Note);
    EXPECT_FALSE(all[1].to);
    auto pub = db().read([&](soci::session& s) { return store::events(s, mun_a, id, true); });
    ASSERT_EQ(pub.size(), 1u);
    EXPECT_EQ(pub[0].body, "Επισκευάστηκε");
    EXPECT_TRUE(db().read([&](soci::session& s) { return store::events(s, mun_b, id, false); }).empty());
}

TEST_P(RequestsStoreTest, BulkWriterInsertsManyRequestsWithTheirHistoryInOneTransaction) {
    const int n = 300;
    db().transact([&](soci::session& s) {
        store::BulkWriter w(s);
        for (int i = 0; i < n; ++i) {
            Request r = make(mun_a, i % 2 ? type_problem : type_other, i % 2 ? dept_roads : dept_clean, "Αίτημα " + std::to_string(i));
            w.insert_request(r, {request_search_text(r), i == 7 ? "tok-7" : ""});
            HistoryEntry h;
            h.kind = EntryKind::Submitted;
            h.to = State::Submitted;
            h.is_public = true;
            h.at = r.submitted_at;
            w.add_event(mun_a, r.id, h);
        }
    });
    EXPECT_EQ(count("requests"), n);
    EXPECT_EQ(count("request_events"), n);
    auto id = db().read([&](soci::session& s) { return store::id_by_token(s, mun_a, "tok-7"); });
    ASSERT_TRUE(id);
    EXPECT_EQ(db().read([&](soci::session& s) { return store::by_id(s, mun_a, *id); })->title, "Αίτημα 7");
    EXPECT_FALSE(db().read([&](soci::session& s) { return store::id_by_token(s, mun_b, "tok-7"); }));
    EXPECT_FALSE(db().read([&](soci::session& s) { return store::id_by_token(s, mun_a, "tok-8"); }));
    QueueQuery q;
    q.q = "αιτημα 29";
    const std::vector<std::string> found{"Αίτημα 299", "Αίτημα 298", "Αίτημα 297", "Αίτημα 296", "Αίτημα 295", "Αίτημα 294",
                                         "Αίτημα 293", "Αίτημα 292", "Αίτημα 291", "Αίτημα 290", "Αίτημα 29"};
    // The writer leaves SQLite's full-text entries to index_new_requests (the job, here run by hand).
    const bool sqlite = GetParam() == db::Backend::Sqlite;
    EXPECT_EQ(db().read([&](soci::session& s) { return store::unindexed_requests(s); }), sqlite ? n : 0);
    if (sqlite) {
        EXPECT_TRUE(queue(q).items.empty());
    }
    EXPECT_EQ(index_new_requests(db()), sqlite ? n : 0);
    EXPECT_EQ(titles(queue(q).items), found);
    EXPECT_EQ(index_new_requests(db()), 0u) << "nothing is indexed twice";
}

TEST_P(RequestsStoreTest, IndexingCatchesUpOldestFirstAndAWebInsertIndexesTheBacklogWithItself) {
    if (GetParam() != db::Backend::Sqlite) GTEST_SKIP() << "PostgreSQL indexes requests.search_vector as it inserts";
    auto filed_by_open311 = [&](const std::string& title) {
        db().transact([&](soci::session& s) {
            Request r = make(mun_a, type_problem, dept_roads, title);
            store::BulkWriter(s).insert_request(r, {request_search_text(r), ""});
        });
    };
    auto found = [&](const std::string& words) {
        QueueQuery q;
        q.q = words;
        return titles(queue(q).items);
    };
    filed_by_open311("Λακκούβα πρώτη");
    filed_by_open311("Λακκούβα δεύτερη");
    filed_by_open311("Λακκούβα τρίτη");
    EXPECT_EQ(db().read([&](soci::session& s) { return store::unindexed_requests(s); }), 3u);
    // A batch takes the oldest first, so what is left is still exactly what lies above the index.
    EXPECT_EQ(db().transact([&](soci::session& s) { return store::index_new_requests(s, 2); }), 2u);
    EXPECT_EQ(found("λακκουβα"), (std::vector<std::string>{"Λακκούβα δεύτερη", "Λακκούβα πρώτη"}));
    EXPECT_EQ(db().read([&](soci::session& s) { return store::unindexed_requests(s); }), 1u);
    filed_by_open311("Λακκούβα τέταρτη");
    // A request filed on the web is searchable at its commit, and takes the waiting ones along.
    add(make(mun_a, type_other, dept_clean, "Λακκούβα από τον ιστότοπο"));
    EXPECT_EQ(found("λακκουβα"), (std::vector<std::string>{"Λακκούβα από τον ιστότοπο", "Λακκούβα τέταρτη", "Λακκούβα τρίτη",
                                                          "Λακκούβα δεύτερη", "Λακκούβα πρώτη"}));
    EXPECT_EQ(db().read([&](soci::session& s) { return store::unindexed_requests(s); }), 0u);
    EXPECT_EQ(index_new_requests(db()), 0u);
}

TEST_P(RequestsStoreTest, QueueFiltersByDepartmentStateTypeAssigneeAndOverdueNewestFirst) {
    add(make(mun_a, type_problem, dept_roads, "Παλιό νέο"));
    auto r = make(mun_a, type_problem, dept_roads, "Σε εξέλιξη", State::InProgress);
    r.assignee_user_id = nikos;
    add(r);
    add(make(mun_a, type_other, dept_clean, "Καθαριότητα νέο"));
    add(make(mun_a, type_other, dept_clean, "Επιλυμένο", State::Resolved));
    add(make(mun_b, type_b, dept_b, "Άλλου δήμου"));

    EXPECT_EQ(titles(queue({}).items), (std::vector<std::string>{"Επιλυμένο", "Καθαριότητα νέο", "Σε εξέλιξη", "Παλιό νέο"}));
    QueueQuery q;
    q.department_id = dept_roads;
    EXPECT_EQ(titles(queue(q).items), (std::vector<std::string>{"Σε εξέλιξη", "Παλιό νέο"}));
    q.state = State::Submitted;
    auto page = queue(q);
    EXPECT_EQ(titles(page.items), std::vector<std::string>{"Παλιό νέο"});
    EXPECT_EQ(page.total, 1);
    QueueQuery t;
    t.type_id = type_other;
    EXPECT_EQ(queue(t).total, 2);
    QueueQuery a;
    a.assignee_user_id = nikos;
    EXPECT_EQ(titles(queue(a).items), std::vector<std::string>{"Σε εξέλιξη"});
    QueueQuery open;
    open.open_only = true;
    EXPECT_EQ(queue(open).total, 3);
    // Due ten working days after 2026-01-01: overdue long before 2030, not in January 2026.
    QueueQuery late;
    late.overdue_only = true;
    EXPECT_EQ(queue(late, ymd(2030, 1, 1)).total, 3);
    EXPECT_EQ(queue(late, ymd(2026, 1, 2)).total, 0);
    // Another municipality's queue.
    EXPECT_EQ(titles(queue({}, ymd(2030, 1, 1), mun_b).items), std::vector<std::string>{"Άλλου δήμου"});
}

TEST_P(RequestsStoreTest, QueuePagesAndCountsAndClampsThePage) {
    for (int i = 0; i < 7; ++i) add(make(mun_a, type_other, dept_clean, "Α" + std::to_string(i)));
    QueueQuery q;
    q.per_page = 3;
    q.page = 2;
    auto p = queue(q);
    EXPECT_EQ(p.total, 7);
    EXPECT_EQ(p.page, 2);
    EXPECT_EQ(titles(p.items), (std::vector<std::string>{"Α3", "Α2", "Α1"}));
    q.page = 99;
    p = queue(q);
    EXPECT_EQ(p.page, 3);
    EXPECT_EQ(titles(p.items), std::vector<std::string>{"Α0"});
    auto all = db().read([&](soci::session& s) { return store::queue_all(s, mun_a, {}, ymd(2030, 1, 1), 5); });
    EXPECT_EQ(all.size(), 5u);
}

TEST_P(RequestsStoreTest, SearchIgnoresAccentsAndCaseAndFindsLatinTyping) {
    auto r = make(mun_a, type_problem, dept_roads, "Λακκούβα στην Αριστομένους");
    r.location.address = "Πλατεία Βασιλέως Γεωργίου";
    add(r);
    add(make(mun_a, type_other, dept_clean, "Σκουπίδια στο πάρκο"));
    add(make(mun_b, type_b, dept_b, "Λακκούβα αλλού"));
    for (const char* q : {"λακκουβα", "ΛΑΚΚΟΥΒΑ", "λακκ αριστ", "lakkouva", "plateia vasileos", "γεωργιου"}) {
        QueueQuery qq;
        qq.q = q;
        EXPECT_EQ(titles(queue(qq).items), std::vector<std::string>{"Λακκούβα στην Αριστομένους"}) << q;
    }
    QueueQuery none;
    none.q = "ποδήλατο";
    EXPECT_EQ(queue(none).total, 0);
    QueueQuery with_filter;
    with_filter.q = "λακκουβα";
    with_filter.department_id = dept_clean;
    EXPECT_EQ(queue(with_filter).total, 0);
    PublicQuery pq;
    pq.q = "skoupidia";
    EXPECT_EQ(titles(db().read([&](soci::session& s) { return store::public_list(s, mun_a, pq); })),
              std::vector<std::string>{"Σκουπίδια στο πάρκο"});
}

TEST_P(RequestsStoreTest, TheQueueFindsARequesterAndANumberThePublicListNeither) {
    auto r = make(mun_a, type_problem, dept_roads, "Λακκούβες στη Φαρών");
    r.requester_name = "Ελένη Γεωργακοπούλου";
    const auto id = add(r);
    add(make(mun_a, type_other, dept_clean, "Σκουπίδια στο πάρκο"));
    for (const char* q : {"Γεωργακοπούλου", "γεωργακοπουλου", "georgakopoulou", "georgakopulu", "ελενη λακκουβα"}) {
        QueueQuery qq;
        qq.q = q;
        EXPECT_EQ(titles(queue(qq).items), std::vector<std::string>{"Λακκούβες στη Φαρών"}) << q;
        PublicQuery pq;
        pq.q = q;
        EXPECT_TRUE(db().read([&](soci::session& s) { return store::public_list(s, mun_a, pq); }).empty()) << "public: " << q;
    }
    QueueQuery number;
    number.q = "#" + std::to_string(id);
    EXPECT_EQ(titles(queue(number).items).front(), "Λακκούβες στη Φαρών");
    PublicQuery public_number;
    public_number.q = "#" + std::to_string(id);
    for (const auto& found : db().read([&](soci::session& s) { return store::public_list(s, mun_a, public_number); }))
        EXPECT_NE(found.id, id) << "a number is no public search key";
}

// The filters ride in the search index as tokens, so they must follow every change of state,
// department and merge, or a search with a filter would count and list the request wrongly.
TEST_P(RequestsStoreTest, ASearchWithFiltersFollowsTheRequestsStateDepartmentAndMerge) {
    const auto id = add(make(mun_a, type_problem, dept_roads, "Λακκούβα στη Φαρών"));
    const auto other = add(make(mun_a, type_problem, dept_roads, "Σκουπίδια"));
    auto found = [&](QueueQuery q) {
        q.q = "λακκουβα";
        const auto page = queue(q);
        EXPECT_EQ(page.total, static_cast<std::int64_t>(page.items.size()));
        return page.total;
    };
    auto public_found = [&](std::optional<bool> open) {
        PublicQuery q;
        q.q = "λακκουβα";
        q.open = open;
        return db().read([&](soci::session& s) { return store::public_list(s, mun_a, q); }).size();
    };
    auto change = [&](auto edit) {
        db().transact([&](soci::session& s) {
            auto r = *store::by_id_for_update(s, mun_a, id);
            edit(r);
            store::update_workflow(s, r);
        });
    };
    QueueQuery submitted, acknowledged, open, roads, clean;
    submitted.state = State::Submitted;
    acknowledged.state = State::Acknowledged;
    open.open_only = true;
    roads.department_id = dept_roads;
    clean.department_id = dept_clean;
    EXPECT_EQ(found(submitted), 1);
    EXPECT_EQ(found(acknowledged), 0);

    change([](Request& r) { r.state = State::Acknowledged; });
    EXPECT_EQ(found(submitted), 0);
    EXPECT_EQ(found(acknowledged), 1);
    EXPECT_EQ(found(open), 1);
    EXPECT_EQ(public_found(true), 1u);
    EXPECT_EQ(public_found(false), 0u);

    change([&](Request& r) {
        r.state = State::Resolved;
        r.department_id = dept_clean;
    });
    EXPECT_EQ(found(open), 0);
    EXPECT_EQ(found(roads), 0);
    EXPECT_EQ(found(clean), 1);
    EXPECT_EQ(public_found(true), 0u);
    EXPECT_EQ(public_found(false), 1u);

    // A merged duplicate leaves the public list; staff still find it in the queue.
    change([&](Request& r) { r.merged_into_id = other; });
    EXPECT_EQ(public_found(std::nullopt), 0u);
    EXPECT_EQ(found({}), 1);
}

// A page is read tier by tier when the best tier does not fill it: every whole-word match
// first, then the stem matches, each newest first, and a later page continues where it stopped.
TEST_P(RequestsStoreTest, SearchPagesRunAcrossTiersInRankThenNewestOrder) {
    for (const char* title : {"Λακκούβα 1", "Λακκούβες 1", "Λακκούβα 2", "Λακκούβες 2", "Λακκούβα 3"})
        add(make(mun_a, type_problem, dept_roads, title));
    auto page = [&](int per_page, int n) {
        QueueQuery q;
        q.q = "λακκούβες";
        q.per_page = per_page;
        q.page = n;
        return queue(q);
    };
    EXPECT_EQ(page(2, 1).total, 5);
    EXPECT_EQ(titles(page(2, 1).items), (std::vector<std::string>{"Λακκούβες 2", "Λακκούβες 1"}));
    EXPECT_EQ(titles(page(2, 2).items), (std::vector<std::string>{"Λακκούβα 3", "Λακκούβα 2"}));
    EXPECT_EQ(titles(page(2, 3).items), std::vector<std::string>{"Λακκούβα 1"});
    EXPECT_EQ(titles(page(3, 1).items), (std::vector<std::string>{"Λακκούβες 2", "Λακκούβες 1", "Λακκούβα 3"}));
    EXPECT_EQ(titles(page(3, 2).items), (std::vector<std::string>{"Λακκούβα 2", "Λακκούβα 1"}));
    PublicQuery pq;
    pq.q = "λακκούβες";
    pq.limit = 3;
    EXPECT_EQ(titles(db().read([&](soci::session& s) { return store::public_list(s, mun_a, pq); })),
              (std::vector<std::string>{"Λακκούβες 2", "Λακκούβες 1", "Λακκούβα 3"}));
    pq.page = 2;
    EXPECT_EQ(titles(db().read([&](soci::session& s) { return store::public_list(s, mun_a, pq); })),
              (std::vector<std::string>{"Λακκούβα 2", "Λακκούβα 1"}));
}

TEST_P(RequestsStoreTest, AnUpgradeRefillsEverySearchText) {
    add(make(mun_a, type_problem, dept_roads, "Λακκούβα στην Αριστομένους"));
    add(make(mun_a, type_other, dept_clean, "Σκουπίδια στο πάρκο"));
    // What migrations 0013 and 0014 leave: no search text and no index entries.
    db().transact([&](soci::session& s) {
        s << "UPDATE requests SET search_text = ''";
        if (!pg()) s << "INSERT INTO request_search (request_search) VALUES ('delete-all')";
    });
    QueueQuery q;
    q.q = "λακκουβες";
    EXPECT_EQ(queue(q).total, 0);
    index_new_requests(db());
    EXPECT_EQ(titles(queue(q).items), std::vector<std::string>{"Λακκούβα στην Αριστομένους"});
    EXPECT_FALSE(db().read([&](soci::session& s) { return db::has_unfilled_search(s, "requests"); }));
}

TEST_P(RequestsStoreTest, PublicListLeavesOutPrivateAndMergedRequestsAndFilters) {
    const auto shown = add(make(mun_a, type_problem, dept_roads, "Δημόσιο ανοιχτό"));
    add(make(mun_a, type_other, dept_clean, "Δημόσιο κλειστό", State::Closed));
    auto priv = make(mun_a, type_problem, dept_roads, "Ιδιωτικό");
    priv.is_public = false;
    add(priv);
    auto merged = make(mun_a, type_problem, dept_roads, "Συγχωνευμένο", State::Closed);
    merged.merged_into_id = shown;
    add(merged);
    add(make(mun_b, type_b, dept_b, "Άλλου δήμου"));

    auto list = [&](const PublicQuery& q) { return titles(db().read([&](soci::session& s) { return store::public_list(s, mun_a, q); })); };
    EXPECT_EQ(list({}), (std::vector<std::string>{"Δημόσιο κλειστό", "Δημόσιο ανοιχτό"}));
    EXPECT_EQ(db().read([&](soci::session& s) { return store::public_count(s, mun_a, {}); }), 2);
    PublicQuery open;
    open.open = true;
    EXPECT_EQ(list(open), std::vector<std::string>{"Δημόσιο ανοιχτό"});
    PublicQuery closed;
    closed.open = false;
    EXPECT_EQ(list(closed), std::vector<std::string>{"Δημόσιο κλειστό"});
    PublicQuery by_code;
    by_code.type_code = "local-problem";
    EXPECT_EQ(list(by_code), std::vector<std::string>{"Δημόσιο ανοιχτό"});
    PublicQuery by_id;
    by_id.ids = {shown, shown + 2, 999999};
    EXPECT_EQ(list(by_id), std::vector<std::string>{"Δημόσιο ανοιχτό"});
    PublicQuery range;
    range.start = clock + 1;
    EXPECT_TRUE(list(range).empty());
    range.start = 0;
    range.end = clock - 3 * 3600 - 1;  // before the second request
    EXPECT_EQ(list(range), std::vector<std::string>{"Δημόσιο ανοιχτό"});
    PublicQuery paged;
    paged.limit = 1;
    paged.page = 2;
    EXPECT_EQ(list(paged), std::vector<std::string>{"Δημόσιο ανοιχτό"});
}

TEST_P(RequestsStoreTest, SupportersAreIdempotentAndKeepTheCounterInStep) {
    const auto id = add(make(mun_a, type_problem, dept_roads, "Λακκούβα"));
    auto supporters = [&] { return db().read([&](soci::session& s) { return store::by_id(s, mun_a, id)->supporters; }); };
    EXPECT_TRUE(db().transact([&](soci::session& s) { return store::add_supporter(s, mun_a, id, nikos, 10); }));
    EXPECT_FALSE(db().transact([&](soci::session& s) { return store::add_supporter(s, mun_a, id, nikos, 11); }));
    EXPECT_TRUE(db().transact([&](soci::session& s) { return store::add_supporter(s, mun_a, id, eleni, 12); }));
    EXPECT_EQ(supporters(), 2);
    EXPECT_TRUE(db().read([&](soci::session& s) { return store::is_supporter(s, mun_a, id, nikos); }));
    EXPECT_FALSE(db().read([&](soci::session& s) { return store::is_supporter(s, mun_a, id, maria); }));
    EXPECT_EQ(db().read([&](soci::session& s) { return store::supporter_ids(s, mun_a, id); }), (std::vector<std::int64_t>{nikos, eleni}));
    auto people = db().read([&](soci::session& s) { return store::supporters(s, mun_a, id); });
    ASSERT_EQ(people.size(), 2u);
    EXPECT_EQ(people[0].email, "nikos@example.gr");
    EXPECT_TRUE(db().transact([&](soci::session& s) { return store::remove_supporter(s, mun_a, id, nikos); }));
    EXPECT_FALSE(db().transact([&](soci::session& s) { return store::remove_supporter(s, mun_a, id, nikos); }));
    EXPECT_EQ(supporters(), 1);
    EXPECT_TRUE(db().read([&](soci::session& s) { return store::supporters(s, mun_b, id); }).empty());
}

TEST_P(RequestsStoreTest, AttachmentsBelongToTheirRequestAndMunicipality) {
    const auto id = add(make(mun_a, type_problem, dept_roads, "Με φωτογραφία"));
    const auto other = add(make(mun_a, type_problem, dept_roads, "Χωρίς"));
    Attachment a;
    a.request_id = id;
    a.filename = "photo.jpg";
    a.mime = "image/jpeg";
    a.sha256 = std::string(64, 'a');
    a.size = 1234;
    a.created_at = 5;
    const auto aid = db().transact([&](soci::session& s) { return store::add_attachment(s, mun_a, a, maria); });
    auto list = db().read([&](soci::session& s) { return store::attachments(s, mun_a, id); });
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].id, aid);
    EXPECT_EQ(list[0].filename, "photo.jpg");
    EXPECT_EQ(list[0].size, 1234);
    EXPECT_TRUE(db().read([&](soci::session& s) { return store::attachment(s, mun_a, id, aid); }));
    EXPECT_FALSE(db().read([&](soci::session& s) { return store::attachment(s, mun_a, other, aid); }));
    EXPECT_FALSE(db().read([&](soci::session& s) { return store::attachment(s, mun_b, id, aid); }));
    EXPECT_TRUE(db().read([&](soci::session& s) { return store::attachments(s, mun_a, other); }).empty());
}

TEST_P(RequestsStoreTest, APersonsRequestsIncludeThoseOfTheirOrganisations) {
    add(make(mun_a, type_problem, dept_roads, "Της Μαρίας"));
    auto for_org = make(mun_a, type_other, dept_clean, "Του συλλόγου");
    for_org.requester_user_id = nikos;
    for_org.organisation_id = org;
    add(for_org);
    auto nikos_own = make(mun_a, type_other, dept_clean, "Του Νίκου");
    nikos_own.requester_user_id = nikos;
    add(nikos_own);
    auto mine = [&](std::int64_t uid, std::vector<std::int64_t> orgs) {
        return titles(db().read([&](soci::session& s) { return store::of_requester(s, mun_a, uid, orgs); }));
    };
    EXPECT_EQ(mine(maria, {}), std::vector<std::string>{"Της Μαρίας"});
    EXPECT_EQ(mine(maria, {org}), (std::vector<std::string>{"Του συλλόγου", "Της Μαρίας"}));
    EXPECT_EQ(mine(nikos, {}), (std::vector<std::string>{"Του Νίκου", "Του συλλόγου"}));
    EXPECT_EQ(mine(eleni, {}), std::vector<std::string>{});
    EXPECT_TRUE(db().read([&](soci::session& s) { return store::of_requester(s, mun_b, maria, {org}); }).empty());
}

TEST_P(RequestsStoreTest, StatisticsFactsLeaveOutMergedDuplicatesAndGiveAthensDays) {
    auto resolved = make(mun_a, type_problem, dept_roads, "Επιλύθηκε", State::Resolved);
    resolved.first_response_at = resolved.submitted_at + 7200;
    resolved.resolved_at = 1'767'304'800;  // 2026-01-01 22:00 UTC = 2026-01-02 00:00 in Athens
    resolved.rating = 5;
    const auto kept = add(resolved);
    auto dup = make(mun_a, type_problem, dept_roads, "Διπλό", State::Closed);
    dup.merged_into_id = kept;
    add(dup);
    add(make(mun_a, type_other, dept_clean, "Νέο"));
    add(make(mun_b, type_b, dept_b, "Άλλου δήμου"));
    auto rows = db().read([&](soci::session& s) { return store::stats_facts(s, mun_a); });
    ASSERT_EQ(rows.size(), 2u);
    std::sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.facts.submitted_at < b.facts.submitted_at; });
    EXPECT_EQ(rows[0].department_id, dept_roads);
    EXPECT_EQ(rows[0].type_id, type_problem);
    EXPECT_EQ(rows[0].facts.first_response_at, resolved.first_response_at);
    EXPECT_EQ(rows[0].facts.resolved_day, ymd(2026, 1, 2));
    EXPECT_EQ(rows[0].facts.due, resolved.due);
    EXPECT_EQ(rows[0].facts.rating, 5);
    EXPECT_FALSE(rows[1].facts.resolved_at);
    EXPECT_FALSE(rows[1].facts.rating);
}

TEST_P(RequestsStoreTest, WritesMoveTheGenerationSoCachesNoticeThem) {
    const auto before = store::generation();
    add(make(mun_a, type_problem, dept_roads, "Νέο"));
    EXPECT_GT(store::generation(), before);
}

TEST_P(RequestsStoreTest, ContactOfAnAccount) {
    auto c = db().read([&](soci::session& s) { return store::contact(s, maria); });
    ASSERT_TRUE(c);
    EXPECT_EQ(c->name, "Μαρία");
    EXPECT_EQ(c->email, "maria@example.gr");
    EXPECT_FALSE(db().read([&](soci::session& s) { return store::contact(s, 999999); }));
}

TEST_P(RequestsStoreTest, AnOrganisationsAdminsFollowItsRequests) {
    // registry::organisation_admins (added for requests): the admins, not the members, of this
    // municipality's organisation.
    db().transact([&](soci::session& s) {
        registry::store::add_member(s, mun_a, org, maria, registry::kRoleAdmin, 1);
        registry::store::add_member(s, mun_a, org, nikos, registry::kRoleMember, 1);
    });
    auto admins = db().read([&](soci::session& s) { return registry::organisation_admins(s, mun_a, org); });
    ASSERT_EQ(admins.size(), 1u);
    EXPECT_EQ(admins[0].user_id, maria);
    EXPECT_EQ(admins[0].email, "maria@example.gr");
    EXPECT_TRUE(db().read([&](soci::session& s) { return registry::organisation_admins(s, mun_b, org); }).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, RequestsStoreTest, test::kBothBackends, test::backend_name);
