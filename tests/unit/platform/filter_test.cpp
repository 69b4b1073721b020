// The SQL filter builder on both engines: named binds, the folded full-text condition (as a
// condition and starting from the matches), the count and the page; a search made of FTS
// operators finds nothing and fails nothing.
#include <gtest/gtest.h>

#include "pg_fixture.hpp"
#include "platform/db/filter.hpp"
#include "platform/text/text.hpp"

using namespace syn;

namespace {

class FilterTest : public test::BackendTest {
protected:
    void SetUp() override {
        BackendTest::SetUp();
        if (IsSkipped()) return;
        db().transact([&](soci::session& s) {
            if (pg()) {
                s << "CREATE TABLE things (id BIGINT PRIMARY KEY, municipality_id BIGINT NOT NULL, kind TEXT NOT NULL, "
                     "search_text TEXT NOT NULL, search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED)";
            } else {
                s << "CREATE TABLE things (id INTEGER PRIMARY KEY, municipality_id INTEGER NOT NULL, kind TEXT NOT NULL, "
                     "search_text TEXT NOT NULL)";
                s << "CREATE VIRTUAL TABLE thing_search USING fts5(search_text, tokenize='unicode61 remove_diacritics 0')";
            }
            const struct { long long id, mid; const char* kind; const char* text; } rows[] = {
                {1, 1, "cultural", "Πολιτιστικός Σύλλογος Καλαμάτας"},
                {2, 1, "sports", "Αθλητικός Σύλλογος Μεσσήνης"},
                {3, 1, "cultural", "Θεατρική Ομάδα"},
                {4, 2, "cultural", "Πολιτιστικός Σύλλογος Σπάρτης"},
                {5, 1, "cultural", "Σύλλογος «NEAR» OR AND"},
            };
            for (const auto& r : rows) {
                std::string kind = r.kind, folded = text::fold(r.text);
                long long id = r.id, mid = r.mid;
                s << "INSERT INTO things (id, municipality_id, kind, search_text) VALUES (:id, :mid, :kind, :t)", soci::use(id),
                    soci::use(mid), soci::use(kind), soci::use(folded);
                if (!pg()) s << "INSERT INTO thing_search (rowid, search_text) VALUES (:id, :t)", soci::use(id), soci::use(folded);
            }
        });
    }

    const db::FullText index{"thing_search", "t.search_vector", "t.id"};

    std::vector<long long> ids(db::Filter& f, const std::string& order_and_page = " ORDER BY t.id") {
        return db().read([&](soci::session& s) {
            long long id = 0;
            soci::statement st(s);
            st.exchange(soci::into(id));
            f.prepare(st, "SELECT t.id" + f.from("things t") + f.where_clause() + order_and_page);
            st.execute();
            std::vector<long long> out;
            while (st.fetch()) out.push_back(id);
            return out;
        });
    }
    std::int64_t count(db::Filter& f) {
        return db().read([&](soci::session& s) { return f.count(s, "things t"); });
    }
};

TEST_P(FilterTest, BindsEveryValueByNameAndAddsOnlyTheFiltersGiven) {
    db::Filter f(GetParam());
    EXPECT_EQ(f.where_clause(), "");
    f.where("t.municipality_id = {}", std::int64_t{1});
    f.where("t.kind = {}", std::string("cultural'; DROP TABLE things; --"));
    EXPECT_EQ(f.where_clause(), " WHERE t.municipality_id = :b0 AND t.kind = :b1");
    EXPECT_TRUE(ids(f).empty());  // the quote is a value, not SQL
    EXPECT_EQ(count(f), 0);

    db::Filter g(GetParam());
    g.where("t.municipality_id = {}", std::int64_t{1}).where("t.kind = {}", std::string("cultural"));
    EXPECT_EQ(ids(g), (std::vector<long long>{1, 3, 5}));
    EXPECT_EQ(count(g), 3);
}

TEST_P(FilterTest, SearchesTheFoldedTextOnEitherEngineAsAConditionOrFromTheMatches) {
    for (const db::Drive drive : {db::Drive::Condition, db::Drive::FromMatches}) {
        db::Filter f(GetParam());
        f.where("t.municipality_id = {}", std::int64_t{1});
        // Without accents and in lower case, and "συλλογ" as a prefix, as people type it.
        ASSERT_TRUE(f.search("ΠΟΛΙΤΙΣΤΙΚΟΣ συλλογ", index, drive));
        EXPECT_FALSE(f.match().empty());
        EXPECT_EQ(f.from_matches(), drive == db::Drive::FromMatches && !pg());
        EXPECT_EQ(ids(f), (std::vector<long long>{1})) << "drive " << static_cast<int>(drive);
        EXPECT_EQ(count(f), 1);
    }
}

TEST_P(FilterTest, ASearchOfFtsOperatorsIsPlainWordsOrNothing) {
    // Operators of FTS5 and of tsquery typed into a search box: none may reach the index as
    // syntax, so none may fail the query.
    for (const std::string q : {"NEAR(", "\"", "*", "OR", "AND NOT", "a:*", "!&|", "συλλογος OR", "near", "(", "^σ", "-"}) {
        db::Filter f(GetParam());
        f.where("t.municipality_id = {}", std::int64_t{1});
        f.search(q, index, db::Drive::FromMatches);
        EXPECT_NO_THROW(ids(f)) << q;
        EXPECT_NO_THROW(count(f)) << q;
    }
    // A word that looks like an operator is a word: it finds the row that holds it.
    db::Filter f(GetParam());
    ASSERT_TRUE(f.search("near", index));
    EXPECT_EQ(ids(f), (std::vector<long long>{5}));
    // Nothing searchable: no condition at all, the whole list.
    db::Filter none(GetParam());
    EXPECT_FALSE(none.search("  * \" ( ", index));
    EXPECT_EQ(none.where_clause(), "");
    EXPECT_EQ(count(none), 5);
}

TEST_P(FilterTest, PagesAreClampedAndOffsetsFollowThem) {
    db::Filter f(GetParam());
    f.where("t.municipality_id = {}", std::int64_t{1});
    const db::Page p = db::page_of(count(f), 2, 3);
    EXPECT_EQ(p.total, 4);
    EXPECT_EQ(p.pages, 2);
    EXPECT_EQ(p.page, 2);
    EXPECT_EQ(ids(f, " ORDER BY t.id" + p.limit_offset()), (std::vector<long long>{5}));
    // A page past the end is the last page; a page below 1 is the first; no rows is one page.
    EXPECT_EQ(db::page_of(4, 99, 3).page, 2);
    EXPECT_EQ(db::page_of(4, -5, 3).page, 1);
    EXPECT_EQ(db::page_of(0, 3, 50).pages, 1);
    EXPECT_EQ(db::page_of(0, 3, 50).offset(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, FilterTest, test::kBothBackends, test::backend_name);

}  // namespace
