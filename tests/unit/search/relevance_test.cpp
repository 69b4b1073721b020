// The relevance set (relevance.tsv beside this file): realistic organisations and requests of
// Καλαμάτα, and queries as people type them, each with the result that must be among the first
// three, or that must not come first. It runs the directory and the public requests list as
// they run in production, on SQLite and on PostgreSQL, and requires both engines to return the
// same results in the same order. It also prints what the old search (each word as a prefix of a
// folded or transliterated word, in name or date order) would have missed.
#include <gtest/gtest.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "modules/registry/store.hpp"
#include "modules/requests/rules.hpp"
#include "modules/requests/store.hpp"
#include "pg_fixture.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/text/search.hpp"
#include "platform/text/text.hpp"
#include "platform/web/tenant.hpp"

using namespace syn;

namespace {

std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> out;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, sep)) out.push_back(field);
    if (!line.empty() && line.back() == sep) out.emplace_back();
    return out;
}

struct Document {
    std::string key, name, title, neighbourhood, description;  // a request: name = title, title = description, neighbourhood = address
};
struct Case {
    bool top3 = true;
    bool org = true;
    std::string query, key, note;
    int line = 0;
};
struct RelevanceSet {
    std::vector<Document> orgs, reqs;
    std::vector<Case> cases;
};

RelevanceSet read_set() {
    RelevanceSet set;
    std::ifstream in(std::string(SYNERGEIA_SOURCE_DIR) + "/tests/unit/search/relevance.tsv");
    EXPECT_TRUE(in.good()) << "relevance.tsv is missing";
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.empty() || line[0] == '#') continue;
        auto f = split(line, '\t');
        f.resize(std::max<std::size_t>(f.size(), 6));
        if (f[0] == "org") set.orgs.push_back({f[1], f[2], f[3], f[4], f[5]});
        else if (f[0] == "req") set.reqs.push_back({f[1], f[2], f[3], f[4], ""});
        else if (f[0] == "top3" || f[0] == "notfirst") set.cases.push_back({f[0] == "top3", f[1] == "org", f[2], f[3], f[4], n});
        else ADD_FAILURE() << "relevance.tsv line " << n << ": unknown kind " << f[0];
    }
    return set;
}

// One engine's database with the set loaded through the stores, as the program writes it.
class Loaded {
public:
    Loaded(db::Backend backend, const RelevanceSet& set) : scratch_(backend) {
        db_ = db::Database::open(scratch_.url(), 2);
        test::MigrationFiles files({"0001_", "0002_", "0003_", "0004_", "0005_", "0006_", "0007_", "0009_", "0012_", "0013_", "0018_"});
        db::migrate(*db_, files.span());
        db_->transact([&](soci::session& s) {
            web::Tenant t{0, "4401", "Καλαμάτας", "Kalamata", "", "", "kalamata", "", "#003476", ""};
            mun_ = web::insert_tenant(s, t);
            const auto dept = requests::store::insert_department(s, mun_, {0, "Τεχνικές Υπηρεσίες", "Technical services", ""});
            requests::RequestType type;
            type.code = "local-problem";
            type.name_el = type.name_en = "Τοπικό πρόβλημα";
            type.department_id = dept;
            type.deadline_days = 10;
            const auto type_id = requests::store::insert_type(s, mun_, type);
            std::int64_t clock = 1'750'000'000;
            for (const auto& d : set.orgs) {
                registry::Organisation o;
                o.municipality_id = mun_;
                o.profile.official_name = d.name;
                o.profile.distinctive_title = d.title;
                o.profile.neighbourhood = d.neighbourhood;
                o.profile.description_markdown = d.description;
                o.profile.kind = "association";
                o.profile.subtype = "cultural";
                o.state = registry::State::Verified;
                o.created_at = o.updated_at = ++clock;
                o.submitted_at = clock;
                org_key_[registry::store::insert(s, o)] = d.key;
            }
            for (const auto& d : set.reqs) {  // in file order: the last line is the newest
                requests::Request r;
                r.municipality_id = mun_;
                r.type_id = type_id;
                r.department_id = dept;
                r.requester_name = "Ελένη Παπαδοπούλου";
                r.title = d.name;
                r.description = d.title;
                r.location.address = d.neighbourhood;
                r.state = requests::State::Submitted;
                r.submitted_at = r.updated_at = (clock += 3600);
                r.due = std::chrono::year_month_day{std::chrono::year{2030}, std::chrono::month{1}, std::chrono::day{1}};
                req_key_[requests::store::insert_request(s, r, requests::request_search_text(r))] = d.key;
            }
        });
    }

    // The keys of the first `n` results, as the directory or the public list shows them.
    std::vector<std::string> results(const Case& c, int n = 10) {
        return db_->read([&](soci::session& s) {
            std::vector<std::string> out;
            if (c.org) {
                registry::DirectoryQuery q;
                q.q = c.query;
                q.per_page = n;
                for (const auto& o : registry::store::directory(s, mun_, q).items) out.push_back(org_key_.at(o.id));
            } else {
                requests::PublicQuery q;
                q.q = c.query;
                q.limit = n;
                for (const auto& r : requests::store::public_list(s, mun_, q)) out.push_back(req_key_.at(r.id));
            }
            return out;
        });
    }

private:
    test::ScratchDatabase scratch_;
    std::shared_ptr<db::Database> db_;
    std::int64_t mun_ = 0;
    std::map<std::int64_t, std::string> org_key_, req_key_;
};

// What the search before this one found: every word a prefix of a folded or transliterated word,
// organisations by name and requests newest first. Computed here, in memory.
std::vector<std::string> prefix_results(const RelevanceSet& set, const Case& c) {
    const auto words = text::query_words(c.query);
    std::vector<std::pair<std::string, std::string>> found;  // order key, key
    const auto& docs = c.org ? set.orgs : set.reqs;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const auto& d = docs[i];
        const std::string folded = text::fold(d.name + " | " + d.title + " | " + d.neighbourhood + " | " + d.description);
        const std::string all = folded + " " + text::transliterate(folded);
        std::vector<std::string> tokens;
        std::string t;
        for (unsigned char ch : all + " ") {
            if (ch >= 0x80 || std::isalnum(ch)) t.push_back(static_cast<char>(ch));
            else if (!t.empty()) tokens.push_back(std::exchange(t, {}));
        }
        const bool every = !words.empty() && std::all_of(words.begin(), words.end(), [&](const text::QueryWord& w) {
            return std::any_of(tokens.begin(), tokens.end(), [&](const std::string& tok) { return tok.starts_with(w.word); });
        });
        if (!every) continue;
        char newest[16];
        std::snprintf(newest, sizeof newest, "%08zu", docs.size() - i);
        found.emplace_back(c.org ? i18n::sort_key(i18n::Lang::El, d.name) : std::string(newest), d.key);
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> out;
    for (const auto& f : found) out.push_back(f.second);
    return out;
}

bool in_top3(const std::vector<std::string>& r, const std::string& key) {
    return std::find(r.begin(), r.begin() + std::min<std::size_t>(3, r.size()), key) != r.begin() + std::min<std::size_t>(3, r.size());
}

std::string list(const std::vector<std::string>& r) {
    std::string out;
    for (const auto& k : r) out += (out.empty() ? "" : " ") + k;
    return out.empty() ? "(nothing)" : out;
}

}  // namespace

TEST(Relevance, EveryQueryFindsWhatItMustOnBothEnginesAlike) {
    const auto set = read_set();
    int top3 = 0, notfirst = 0, prefix_missed = 0;
    for (const auto& c : set.cases) (c.top3 ? top3 : notfirst)++;
    EXPECT_GE(top3, 60) << "the set needs at least 60 queries with a result in the top 3";
    EXPECT_GE(notfirst, 15) << "and at least 15 results that must not come first";

    std::vector<db::Backend> engines{db::Backend::Sqlite};
    if (test::pg_admin_url()) engines.push_back(db::Backend::Postgres);
    else std::cout << "[ relevance ] SYNERGEIA_TEST_PG_URL is not set: SQLite only\n";
    std::vector<std::vector<std::vector<std::string>>> by_engine;
    for (const auto engine : engines) {
        Loaded loaded(engine, set);
        const char* name = engine == db::Backend::Sqlite ? "SQLite" : "PostgreSQL";
        auto& results = by_engine.emplace_back();
        for (const auto& c : set.cases) {
            const auto r = results.emplace_back(loaded.results(c));
            if (c.top3)
                EXPECT_TRUE(in_top3(r, c.key)) << name << ", relevance.tsv line " << c.line << ": \"" << c.query << "\" should have "
                                               << c.key << " in the top 3 (" << c.note << "); got " << list(r);
            else
                EXPECT_TRUE(r.empty() || r.front() != c.key) << name << ", relevance.tsv line " << c.line << ": \"" << c.query
                                                             << "\" must not put " << c.key << " first (" << c.note << ")";
        }
    }
    if (by_engine.size() == 2)
        for (std::size_t i = 0; i < set.cases.size(); ++i)
            EXPECT_EQ(by_engine[0][i], by_engine[1][i]) << "relevance.tsv line " << set.cases[i].line << ": \"" << set.cases[i].query
                                                        << "\" differs between SQLite and PostgreSQL";

    // The report: what the new search finds in the top 3 that prefix search did not.
    std::cout << "[ relevance ] queries the old prefix search missed (its top 3 lacked the result):\n";
    for (std::size_t i = 0; i < set.cases.size(); ++i) {
        const auto& c = set.cases[i];
        if (!c.top3) continue;
        const auto old = prefix_results(set, c);
        if (in_top3(old, c.key)) continue;
        ++prefix_missed;
        std::cout << "  " << std::left << std::setw(34) << ("\"" + c.query + "\"") << " " << c.key << "  " << c.note << "\n";
    }
    std::cout << "[ relevance ] " << top3 << " top-3 queries, " << notfirst << " must-not-be-first; prefix search missed "
              << prefix_missed << " of the " << top3 << "\n";
}
