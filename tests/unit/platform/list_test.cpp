// The list-page helper: filters declared as data read the query (an unknown value reads as "not
// set", a search is cut at a character boundary, a mangled page is page 1), links keep the
// filters, and the form shows them; then the same reading runs through the SQL filter builder
// on both engines.
#include <gtest/gtest.h>

#include <filesystem>

#include "pg_fixture.hpp"
#include "platform/db/filter.hpp"
#include "platform/http/percent.hpp"
#include "platform/http/query.hpp"
#include "platform/web/app.hpp"
#include "platform/text/text.hpp"
#include "platform/web/list.hpp"

using namespace syn;

namespace {

// A request's Context as the pipeline builds it, for the given query string.
struct Page {
    http::Request req;
    web::App app;
    web::Context ctx;

    Page(std::shared_ptr<db::Database> db, std::string_view query, std::string base_path = "")
        : app(config::Config{}, db), ctx{{web::Tenant{.id = 1}, i18n::Tr(i18n::Lang::El), *db, app.cfg()}, req, {}, app} {
        ctx.query = *http::parse_query(query);
        ctx.base_path = std::move(base_path);
    }
};

std::vector<web::ListFilter> filters() {
    using K = web::ListFilter::Kind;
    return {
        {.kind = K::Search, .name = "q", .label = "Λέξεις"},
        {.kind = K::Select, .name = "kind", .label = "Είδος", .options = {{"", "Όλα"}, {"cultural", "Πολιτιστικός"}, {"sports", "Αθλητικός"}}},
        {.kind = K::Select, .name = "sort", .label = "Ταξινόμηση", .options = {{"name", "Όνομα"}, {"newest", "Νεότερα"}}, .narrows = false},
        {.kind = K::Checkbox, .name = "mine", .label = "Μόνο δικά μου", .on = "me"},
    };
}

class ListPageTest : public test::BackendTest {};

TEST_P(ListPageTest, UnknownValuesReadAsNotSetAndLinksKeepTheFilters) {
    Page p(db_ptr(), "kind=no-such-kind&sort=sideways&mine=yes&page=abc&q=%20%CE%BB%CE%B1%CE%BA%20");
    web::ListPage list(p.ctx, "/things", filters());
    EXPECT_EQ(list.value("kind"), "");        // not one of the options
    EXPECT_EQ(list.value("sort"), "name");    // the default choice
    EXPECT_EQ(list.value("mine"), "");        // only "me" ticks it
    EXPECT_EQ(list.page(), 1);                // not a number
    EXPECT_EQ(list.value("q"), "λακ");        // trimmed
    EXPECT_TRUE(list.narrowed());
    EXPECT_EQ(list.url(), "/things?q=%CE%BB%CE%B1%CE%BA");
    EXPECT_EQ(list.url(3), "/things?q=%CE%BB%CE%B1%CE%BA&page=3");

    Page q(db_ptr(), "kind=sports&sort=newest&mine=me&page=2", "/m/kalamata");
    web::ListPage set(q.ctx, "/things", filters());
    EXPECT_EQ(set.value("kind"), "sports");
    EXPECT_TRUE(set.ticked("mine"));
    EXPECT_EQ(set.page(), 2);
    EXPECT_EQ(set.url(2), "/m/kalamata/things?kind=sports&sort=newest&mine=me&page=2");
    EXPECT_EQ(set.query_string(), "kind=sports&sort=newest&mine=me");
    EXPECT_EQ(set.query_string(2), "kind=sports&sort=newest&mine=me&page=2");
    EXPECT_EQ(set.url_with("kind", "cultural"), "/m/kalamata/things?kind=cultural&sort=newest&mine=me");
    EXPECT_EQ(set.url_with("kind", "bogus"), "/m/kalamata/things?sort=newest&mine=me");

    Page sorted(db_ptr(), "sort=newest");
    EXPECT_FALSE(web::ListPage(sorted.ctx, "/things", filters()).narrowed());  // ordering is not a filter
    for (const char* bad : {"page=0", "page=-2", "page=100001", "page=99999999999999999999", "page=1e3", "page=%20"}) {
        Page b(db_ptr(), bad);
        EXPECT_EQ(web::ListPage(b.ctx, "/things", filters()).page(), 1) << bad;
    }
}

TEST_P(ListPageTest, AGreekSearchCutAtTheLimitKeepsWholeLettersInTheBoxAndTheLinks) {
    // 99 × "α" and an "x" are 199 bytes; "λακκουβα" then crosses the 200-byte limit inside its
    // first letter, whose lead byte alone would be left behind by a cut that only drops
    // continuation bytes.
    std::string typed;
    for (int i = 0; i < 99; ++i) typed += "α";
    typed += "xλακκουβα";
    Page p(db_ptr(), "q=" + http::percent_encode(typed));
    web::ListPage list(p.ctx, "/things", filters());
    const std::string& q = list.value("q");
    EXPECT_EQ(q.size(), 199u);
    EXPECT_EQ(q.back(), 'x');  // not the lead byte of "λ"
    EXPECT_TRUE(text::valid_utf8_text(q));
    // The next page's link and the form carry the same whole letters.
    const auto parsed = http::parse_query(list.url(2).substr(list.url(2).find('?') + 1));
    ASSERT_TRUE(parsed) << "the link must decode as UTF-8";
    EXPECT_EQ(parsed->value("q"), q);
    EXPECT_NE(list.form({"Αναζήτηση", "Αναζήτηση", "Καθαρισμός"}).str().find("value=\"" + q + "\""), std::string::npos);
}

TEST_P(ListPageTest, TheFormShowsEachFilterAndClearsOnlyWhenNarrowed) {
    Page p(db_ptr(), "kind=cultural&mine=me");
    web::ListPage list(p.ctx, "/things", filters());
    const std::string html = list.form({"Αναζήτηση πραγμάτων", "Αναζήτηση", "Καθαρισμός φίλτρων"}).str();
    EXPECT_NE(html.find("role=\"search\" aria-label=\"Αναζήτηση πραγμάτων\""), std::string::npos);
    EXPECT_NE(html.find("type=\"search\""), std::string::npos);
    EXPECT_NE(html.find("<option value=\"cultural\" selected>"), std::string::npos) << html;
    EXPECT_NE(html.find("value=\"me\" checked"), std::string::npos);
    EXPECT_NE(html.find(">Καθαρισμός φίλτρων</a>"), std::string::npos);

    Page none(db_ptr(), "");
    EXPECT_EQ(web::ListPage(none.ctx, "/things", filters()).form({"a", "b", "Καθαρισμός"}).str().find("Καθαρισμός"),
              std::string::npos);
}

TEST_P(ListPageTest, WhatTheQueryReadsIsWhatTheFilterBuilderRuns) {
    db().transact([&](soci::session& s) {
        s << "CREATE TABLE things (id INTEGER PRIMARY KEY, kind TEXT NOT NULL)";
        s << "INSERT INTO things (id, kind) VALUES (1, 'cultural'), (2, 'sports'), (3, 'cultural')";
    });
    auto run = [&](std::string_view query) {
        Page p(db_ptr(), query);
        web::ListPage list(p.ctx, "/things", filters());
        return db().read([&](soci::session& s) {
            db::Filter f(s);
            if (!list.value("kind").empty()) f.where("t.kind = {}", list.value("kind"));
            return f.count(s, "things t");
        });
    };
    EXPECT_EQ(run("kind=cultural"), 2);
    EXPECT_EQ(run("kind=sports"), 1);
    EXPECT_EQ(run("kind=%27%20OR%201%3D1"), 3);  // not an option: no filter, the whole list
}

INSTANTIATE_TEST_SUITE_P(Backends, ListPageTest, test::kBothBackends, test::backend_name);

}  // namespace
