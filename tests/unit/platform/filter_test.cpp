// The SQL filter builder on both engines: named binds, the folded full-text condition (as a
// condition and starting from the matches), the count and the page; a search made of FTS
// operators finds nothing and fails nothing.
#include <gtest/gtest.h>

#include "pg_fixture.hpp"
#include "platform/db/filter.hpp"
#include "platform/text/search.hpp"
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
                // As the migrations define every searchable table: one vector of every section.
                const std::string vector = "to_tsvector('simple', translate(search_text, E'\\x1f', ' '))";
                s << "CREATE TABLE things (id BIGINT PRIMARY KEY, municipality_id BIGINT NOT NULL, kind TEXT NOT NULL, "
                     "search_text TEXT NOT NULL, search_vector tsvector GENERATED ALWAYS AS (" + vector + ") STORED)";
            } else {
                s << "CREATE TABLE things (id INTEGER PRIMARY KEY, municipality_id INTEGER NOT NULL, kind TEXT NOT NULL, "
                     "search_text TEXT NOT NULL)";
                s << "CREATE VIRTUAL TABLE thing_search USING fts5(words, stems, parts, sounds, content='', tokenize='unicode61 remove_diacritics 0')";
            }
            const struct { long long id, mid; const char* kind; const char* text; const char* owner; } rows[] = {
                {1, 1, "cultural", "Πολιτιστικός Σύλλογος Καλαμάτας", "Ελένη Παπαδοπούλου"},
                {2, 1, "sports", "Αθλητικός Σύλλογος Μεσσήνης", ""},
                {3, 1, "cultural", "Θεατρική Ομάδα", ""},
                {4, 2, "cultural", "Πολιτιστικός Σύλλογος Σπάρτης", ""},
                {5, 1, "cultural", "Σύλλογος «NEAR» OR AND", ""},
                {6, 1, "lights", "Καμένη λάμπα οδοφωτισμού", ""},
                {7, 1, "lights", "Φωτισμός στην πλατεία", ""},
                {8, 1, "photos", "Έκθεση φωτογραφίας", ""},
            };
            for (const auto& r : rows) {
                std::string kind = r.kind, stored = text::search_document(text::fold(r.text), text::private_key_tokens('o', r.owner));
                long long id = r.id, mid = r.mid;
                s << "INSERT INTO things (id, municipality_id, kind, search_text) VALUES (:id, :mid, :kind, :t)", soci::use(id),
                    soci::use(mid), soci::use(kind), soci::use(stored);
                db::write_full_text(s, index, id, "", stored);
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
        ASSERT_TRUE(f.search("ΠΟΛΙΤΙΣΤΙΚΟΣ συλλογ", index, {.drive = drive}));
        EXPECT_FALSE(f.match().empty());
        EXPECT_EQ(f.from_matches(), drive == db::Drive::FromMatches);
        EXPECT_EQ(ids(f), (std::vector<long long>{1})) << "drive " << static_cast<int>(drive);
        EXPECT_EQ(count(f), 1);
    }
}

TEST_P(FilterTest, ASearchOfFtsOperatorsIsPlainWordsOrNothing) {
    // Operators of FTS5 and of tsquery typed into a search box: none may reach the index as
    // syntax, so none may fail the query.
    std::string long_word;
    for (int i = 0; i < 5000; ++i) long_word += "λ";  // 10,000 bytes
    std::string long_words;
    while (long_words.size() < 10000) long_words += "σύλλογος ";
    for (const std::string& q : std::vector<std::string>{"NEAR(", "\"", "*", "OR", "AND NOT", "a:*", "!&|", "συλλογος OR", "near", "(", "^σ", "-", "zz", "zzz*",
                                "'; DROP TABLE things; --", "a:*A | b", "Σύλλογος sylogos 東京 مرحبا ✓", "φω\u0301τα\u200b", long_word,
                                long_words}) {
        db::Filter f(GetParam());
        f.where("t.municipality_id = {}", std::int64_t{1});
        f.search(q, index, {.drive = db::Drive::FromMatches});
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
    EXPECT_EQ(count(none), 8);
}

TEST_P(FilterTest, RanksWholeWordsThenStemsThenPartsOfCompoundsThenSounds) {
    auto ranked = [&](const std::string& q, db::Filter::SearchOptions o = {}) {
        db::Filter f(GetParam());
        f.where("t.municipality_id = {}", std::int64_t{1});
        EXPECT_TRUE(f.search(q, index, o)) << q;
        return ids(f, " ORDER BY " + f.rank_then() + "t.id");
    };
    // "φωτισμός" whole in 7, the same word inside the compound "οδοφωτισμού" in 6; never the
    // photograph (8), whose stem and letters only begin alike.
    EXPECT_EQ(ranked("φωτισμος"), (std::vector<long long>{7, 6}));
    // Inflected: "συλλόγων" shares the stem of "σύλλογος"; all three match alike, by id.
    EXPECT_EQ(ranked("συλλογων"), (std::vector<long long>{1, 2, 5}));
    // Greeklish by sound: one λ and ι for υ.
    EXPECT_EQ(ranked("silogos politistikos"), (std::vector<long long>{1}));
    // A whole word comes before a sound: "lampa" is the transliteration of "λάμπα" in 6.
    EXPECT_EQ(ranked("lampa"), (std::vector<long long>{6}));
}

TEST_P(FilterTest, NarrowingToTheBestTierAndWideningAgain) {
    // A page that the whole-word matches fill reads the same with or without the rank.
    for (const std::string q : {"συλλογοσ", "φωτισμος", "πολιτ", "συλλογων"}) {
        for (const std::int64_t needed : {1, 2, 3, 10}) {
            db::Filter ranked(GetParam()), narrowed(GetParam());
            for (auto* f : {&ranked, &narrowed}) {
                f->where("t.municipality_id = {}", std::int64_t{1});
                ASSERT_TRUE(f->search(q, index));
            }
            const std::string page = " LIMIT " + std::to_string(needed);
            const auto want = ids(ranked, " ORDER BY " + ranked.rank_then() + "t.id" + page);
            if (narrowed.narrow_to_best()) {
                EXPECT_EQ(narrowed.rank(), "");
                const auto best = ids(narrowed, " ORDER BY t.id" + page);
                if (static_cast<std::int64_t>(best.size()) == needed) {
                    EXPECT_EQ(best, want) << q << " " << needed;
                    continue;
                }
                narrowed.widen();
            }
            EXPECT_EQ(ids(narrowed, " ORDER BY " + narrowed.rank_then() + "t.id" + page), want) << q << " " << needed << " (widened)";
        }
    }
}

// Read one tier after another, the matches are the ranked list, each exactly once.
TEST_P(FilterTest, TiersReadApartAddUpToTheRankedList) {
    for (const std::string q : {"συλλογοσ", "φωτισμος", "πολιτ", "συλλογων", "sillogos"}) {
        for (const db::Drive drive : {db::Drive::Condition, db::Drive::FromMatches}) {
            db::Filter ranked(GetParam()), tiers(GetParam());
            for (auto* f : {&ranked, &tiers}) {
                f->where("t.municipality_id = {}", std::int64_t{1});
                ASSERT_TRUE(f->search(q, index, {.drive = drive}));
            }
            const auto want = ids(ranked, " ORDER BY " + ranked.rank_then() + "t.id");
            std::vector<long long> got;
            for (std::size_t i = 0; i < std::max<std::size_t>(tiers.tiers(), 1); ++i) {
                if (tiers.tiers() > 1) {
                    ASSERT_TRUE(tiers.narrow_to_tier(i));
                }
                const auto part = ids(tiers);
                EXPECT_EQ(count(tiers), static_cast<std::int64_t>(part.size())) << q << " tier " << i;
                got.insert(got.end(), part.begin(), part.end());
            }
            tiers.widen();
            EXPECT_EQ(got, want) << q;
            EXPECT_EQ(ids(tiers, " ORDER BY " + tiers.rank_then() + "t.id"), want) << q << " (widened)";
        }
    }
}

// Every page read tier by tier is the same slice of the ranked list, wherever it starts: inside
// the best tier, across two, or past the best tier.
TEST_P(FilterTest, ReadByTiersGivesEverySliceOfTheRankedList) {
    for (const std::string q : {"συλλογοσ", "φωτισμος", "πολιτ", "sillogos"}) {
        db::Filter ranked(GetParam());
        ranked.where("t.municipality_id = {}", std::int64_t{1});
        ASSERT_TRUE(ranked.search(q, index));
        const auto all = ids(ranked, " ORDER BY " + ranked.rank_then() + "t.id");
        for (std::int64_t limit = 1; limit <= 4; ++limit) {
            for (std::int64_t offset = 0; offset <= 5; ++offset) {
                for (const bool index_answers : {false, true}) {
                    db::Filter f(GetParam());
                    f.where("t.municipality_id = {}", std::int64_t{1});
                    ASSERT_TRUE(f.search(q, index, {.drive = db::Drive::FromMatches, .index_answers = index_answers}));
                    const auto got = db().read([&](soci::session& s) {
                        return db::read_by_tiers(s, f, "things t", limit, offset, std::nullopt, [&](std::int64_t n, std::int64_t skip) {
                            long long id = 0;
                            soci::statement st(s);
                            st.exchange(soci::into(id));
                            f.prepare(st, "SELECT t.id" + f.from("things t") + f.where_clause() + " ORDER BY t.id LIMIT " + std::to_string(n) +
                                              " OFFSET " + std::to_string(skip));
                            st.execute();
                            std::vector<long long> out;
                            while (st.fetch()) out.push_back(id);
                            return out;
                        });
                    });
                    if (!got) continue;  // the caller ranks the whole search instead
                    const auto from = std::min<std::size_t>(offset, all.size());
                    const std::vector<long long> want(all.begin() + from, all.begin() + std::min<std::size_t>(from + limit, all.size()));
                    EXPECT_EQ(*got, want) << q << " limit " << limit << " offset " << offset;
                }
            }
        }
    }
}

// PostgreSQL's planner reads a search's matches from the index while PreferIndex lives, and
// every other statement of the pooled connection plans as before afterwards.
TEST_P(FilterTest, PreferIndexHoldsForItsScopeOnly) {
    db().read([&](soci::session& s) {
        auto seqscan = [&] {
            std::string v;
            s << "SHOW enable_seqscan", soci::into(v);
            return v;
        };
        if (!pg()) {
            db::PreferIndex nothing(s);  // no setting to change on SQLite
            return 0;
        }
        EXPECT_EQ(seqscan(), "on");
        {
            db::PreferIndex prefer(s);
            EXPECT_EQ(seqscan(), "off");
        }
        EXPECT_EQ(seqscan(), "on");
        {
            db::PreferIndex no_search(s, false);
            EXPECT_EQ(seqscan(), "on") << "a list without a search plans as always";
        }
        return 0;
    });
}

TEST_P(FilterTest, PrivateKeysAndNumbersAreFoundOnlyWhenAskedFor) {
    auto found = [&](const std::string& q, db::Filter::SearchOptions o) {
        db::Filter f(GetParam());
        f.where("t.municipality_id = {}", std::int64_t{1});
        if (!f.search(q, index, o)) return std::vector<long long>{};
        return ids(f, " ORDER BY " + f.rank_then() + "t.id");
    };
    EXPECT_TRUE(found("παπαδοπουλου", {}).empty()) << "a private key is not public";
    EXPECT_TRUE(found("zzow", {}).empty()) << "nor reachable by typing the marker";
    EXPECT_TRUE(found("zzowπαπα", {}).empty());
    EXPECT_EQ(found("Παπαδοπούλου", {.keys = "o"}), (std::vector<long long>{1}));
    EXPECT_EQ(found("papadopoulou", {.keys = "o"}), (std::vector<long long>{1}));
    EXPECT_EQ(found("papadopulu", {.keys = "o"}), (std::vector<long long>{1})) << "by sound";
    // A number finds its row first, and the rows whose words match after it.
    EXPECT_EQ(found("3", {.or_id = 3}), (std::vector<long long>{3}));
    EXPECT_EQ(found("θεατρικη", {.or_id = 2}), (std::vector<long long>{2, 3}));
}

// A search stops counting past text::kSearchCountCap; a list without one counts every row.
TEST_P(FilterTest, ASearchCountsUpToItsCapAndAPlainFilterEveryRow) {
    db().transact([&](soci::session& s) {
        const std::string stored = text::search_document(text::fold("Λακκούβα στον δρόμο"), "zzm1");
        std::string kind = "roads";
        long long id = 100, mid = 1;
        soci::statement add = (s.prepare << "INSERT INTO things (id, municipality_id, kind, search_text) VALUES (:id, :mid, :kind, :t)",
                               soci::use(id), soci::use(mid), soci::use(kind), soci::use(stored));
        for (; id < 100 + text::kSearchCountCap + 5; ++id) {
            add.execute(true);
            db::write_full_text(s, index, id, "", stored);
        }
        return 0;
    });
    db::Filter plain(GetParam());
    plain.where("t.municipality_id = {}", std::int64_t{1});
    EXPECT_EQ(count(plain), 7 + text::kSearchCountCap + 5);
    for (const bool index_answers : {false, true}) {
        for (const db::Drive drive : {db::Drive::Condition, db::Drive::FromMatches}) {
            db::Filter f(GetParam());
            f.where("t.municipality_id = {}", std::int64_t{1});
            ASSERT_TRUE(f.search("λακκουβες", index, {.drive = drive, .exact = {"zzm1"}, .index_answers = index_answers}));
            EXPECT_EQ(count(f), text::kSearchCountCap + 1);
            EXPECT_TRUE(text::more_than_counted(count(f)));
            db::Filter few(GetParam());
            few.where("t.municipality_id = {}", std::int64_t{1});
            ASSERT_TRUE(few.search("φωτισμος", index, {.drive = drive, .index_answers = false}));
            EXPECT_FALSE(text::more_than_counted(count(few)));
        }
    }
}

TEST_P(FilterTest, PagesAreClampedAndOffsetsFollowThem) {
    db::Filter f(GetParam());
    f.where("t.municipality_id = {}", std::int64_t{1});
    const db::Page p = db::page_of(count(f), 3, 3);
    EXPECT_EQ(p.total, 7);
    EXPECT_EQ(p.pages, 3);
    EXPECT_EQ(p.page, 3);
    EXPECT_EQ(ids(f, " ORDER BY t.id" + p.limit_offset()), (std::vector<long long>{8}));
    // A page past the end is the last page; a page below 1 is the first; no rows is one page.
    EXPECT_EQ(db::page_of(4, 99, 3).page, 2);
    EXPECT_EQ(db::page_of(4, -5, 3).page, 1);
    EXPECT_EQ(db::page_of(0, 3, 50).pages, 1);
    EXPECT_EQ(db::page_of(0, 3, 50).offset(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, FilterTest, test::kBothBackends, test::backend_name);

}  // namespace
