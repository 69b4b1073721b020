// The router decides which code runs for every request, so its priority rules and its
// 404/405 answers are pinned down here.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "platform/http/router.hpp"

using namespace syn::http;

TEST(Router, LiteralRoutesAndRoot) {
    Router r;
    auto root = r.add(Method::Get, "/");
    auto about = r.add(Method::Get, "/about");
    auto deep = r.add(Method::Get, "/a/b/c");
    EXPECT_EQ(r.match(Method::Get, "/").route, root);
    auto m = r.match(Method::Get, "/about");
    EXPECT_EQ(m.kind, RouteMatch::Found);
    EXPECT_EQ(m.route, about);
    EXPECT_EQ(m.pattern, "/about");
    EXPECT_TRUE(m.params.empty());
    EXPECT_EQ(r.match(Method::Get, "/a/b/c").route, deep);
    EXPECT_EQ(r.match(Method::Get, "/a/b").kind, RouteMatch::NotFound);
    EXPECT_EQ(r.match(Method::Get, "/a/b/c/d").kind, RouteMatch::NotFound);
    EXPECT_EQ(r.match(Method::Get, "/About").kind, RouteMatch::NotFound);  // case-sensitive
    EXPECT_EQ(r.match(Method::Get, "").kind, RouteMatch::NotFound);
    EXPECT_EQ(r.match(Method::Get, "about").kind, RouteMatch::NotFound);
}

TEST(Router, IdsCountUpInOrderOfAdd) {
    Router r;
    EXPECT_EQ(r.add(Method::Get, "/x"), 0u);
    EXPECT_EQ(r.add(Method::Post, "/x"), 1u);
    EXPECT_EQ(r.add(Method::Get, "/y/{id}"), 2u);
}

TEST(Router, TrailingSlashIsSignificant) {
    Router r;
    auto a = r.add(Method::Get, "/a");
    auto a_slash = r.add(Method::Get, "/a/");
    EXPECT_EQ(r.match(Method::Get, "/a").route, a);
    EXPECT_EQ(r.match(Method::Get, "/a/").route, a_slash);
    Router only;
    only.add(Method::Get, "/b");
    EXPECT_EQ(only.match(Method::Get, "/b/").kind, RouteMatch::NotFound);
    EXPECT_EQ(only.match(Method::Get, "//b").kind, RouteMatch::NotFound);
}

TEST(Router, Params) {
    Router r;
    auto user = r.add(Method::Get, "/users/{id}");
    auto post = r.add(Method::Get, "/users/{user_id}/posts/{post}");
    auto m = r.match(Method::Get, "/users/42");
    ASSERT_EQ(m.kind, RouteMatch::Found);
    EXPECT_EQ(m.route, user);
    EXPECT_EQ(m.pattern, "/users/{id}");
    EXPECT_EQ(m.param("id"), "42");
    EXPECT_FALSE(m.param("user_id"));

    m = r.match(Method::Get, "/users/Γιώργος Π./posts/7");
    ASSERT_EQ(m.kind, RouteMatch::Found);
    EXPECT_EQ(m.route, post);
    ASSERT_EQ(m.params.size(), 2u);
    EXPECT_EQ(m.params[0], (std::pair<std::string, std::string>{"user_id", "Γιώργος Π."}));
    EXPECT_EQ(m.params[1], (std::pair<std::string, std::string>{"post", "7"}));

    EXPECT_EQ(r.match(Method::Get, "/users/").kind, RouteMatch::NotFound);  // a parameter is never empty
    EXPECT_EQ(r.match(Method::Get, "/users//posts/7").kind, RouteMatch::NotFound);
    EXPECT_EQ(r.match(Method::Get, "/users/42/").kind, RouteMatch::NotFound);
}

TEST(Router, CatchAll) {
    Router r;
    auto stat = r.add(Method::Get, "/static/{path...}");
    auto m = r.match(Method::Get, "/static/css/site.css");
    ASSERT_EQ(m.kind, RouteMatch::Found);
    EXPECT_EQ(m.route, stat);
    EXPECT_EQ(m.param("path"), "css/site.css");
    EXPECT_EQ(r.match(Method::Get, "/static/a//b/").param("path"), "a//b/");
    EXPECT_EQ(r.match(Method::Get, "/static/").param("path"), "");
    EXPECT_EQ(r.match(Method::Get, "/static").kind, RouteMatch::NotFound);

    Router root;
    root.add(Method::Get, "/{rest...}");
    EXPECT_EQ(root.match(Method::Get, "/").param("rest"), "");
    EXPECT_EQ(root.match(Method::Get, "/x/y").param("rest"), "x/y");
}

TEST(Router, CatchAllAfterParam) {
    Router r;
    r.add(Method::Get, "/files/{owner}/{path...}");
    auto m = r.match(Method::Get, "/files/7/a/b.txt");
    ASSERT_EQ(m.kind, RouteMatch::Found);
    EXPECT_EQ(m.param("owner"), "7");
    EXPECT_EQ(m.param("path"), "a/b.txt");
}

TEST(Router, LiteralBeatsParamBeatsCatchAll) {
    Router r;
    auto by_id = r.add(Method::Get, "/users/{id}");
    auto fresh = r.add(Method::Get, "/users/new");
    auto any = r.add(Method::Get, "/users/{rest...}");
    EXPECT_EQ(r.match(Method::Get, "/users/new").route, fresh);
    EXPECT_EQ(r.match(Method::Get, "/users/newer").route, by_id);
    EXPECT_EQ(r.match(Method::Get, "/users/1/2").route, any);
    EXPECT_EQ(r.match(Method::Get, "/users/").route, any);  // a parameter cannot be empty, the catch-all can
}

TEST(Router, BacktracksWhenTheLiteralBranchDeadEnds) {
    Router r;
    auto edit = r.add(Method::Get, "/users/{id}/edit");
    auto list = r.add(Method::Get, "/users/new/list");
    EXPECT_EQ(r.match(Method::Get, "/users/new/list").route, list);
    auto m = r.match(Method::Get, "/users/new/edit");  // "new" leads nowhere as a literal here
    ASSERT_EQ(m.kind, RouteMatch::Found);
    EXPECT_EQ(m.route, edit);
    EXPECT_EQ(m.param("id"), "new");
}

TEST(Router, MethodDecidesBetweenLiteralAndParam) {
    Router r;
    r.add(Method::Get, "/users/new");
    auto update = r.add(Method::Post, "/users/{id}");
    auto m = r.match(Method::Post, "/users/new");
    ASSERT_EQ(m.kind, RouteMatch::Found);
    EXPECT_EQ(m.route, update);
    EXPECT_EQ(m.param("id"), "new");
}

TEST(Router, NotFoundVersusMethodNotAllowed) {
    Router r;
    r.add(Method::Get, "/items/{id}");
    r.add(Method::Delete, "/items/{id}");
    r.add(Method::Post, "/items/special");
    r.add(Method::Put, "/items/{rest...}");
    EXPECT_EQ(r.match(Method::Get, "/nothing").kind, RouteMatch::NotFound);
    EXPECT_TRUE(r.match(Method::Get, "/nothing").allowed.empty());

    auto m = r.match(Method::Patch, "/items/7");
    ASSERT_EQ(m.kind, RouteMatch::MethodNotAllowed);
    // Every route whose pattern matches counts, with HEAD implied by GET, in enum order.
    EXPECT_EQ(m.allowed, (std::vector<Method>{Method::Get, Method::Head, Method::Put, Method::Delete}));

    m = r.match(Method::Patch, "/items/special");
    ASSERT_EQ(m.kind, RouteMatch::MethodNotAllowed);
    EXPECT_EQ(m.allowed,
              (std::vector<Method>{Method::Get, Method::Head, Method::Post, Method::Put, Method::Delete}));

    m = r.match(Method::Get, "/items/a/b");
    ASSERT_EQ(m.kind, RouteMatch::MethodNotAllowed);
    EXPECT_EQ(m.allowed, (std::vector<Method>{Method::Put}));

    EXPECT_EQ(r.match(Method::Other, "/items/7").kind, RouteMatch::MethodNotAllowed);
}

TEST(Router, HeadMatchesGetUnlessHeadAdded) {
    Router r;
    auto page = r.add(Method::Get, "/page");
    auto m = r.match(Method::Head, "/page");
    ASSERT_EQ(m.kind, RouteMatch::Found);
    EXPECT_EQ(m.route, page);

    auto head = r.add(Method::Head, "/page");
    EXPECT_EQ(r.match(Method::Head, "/page").route, head);
    EXPECT_EQ(r.match(Method::Get, "/page").route, page);

    r.add(Method::Post, "/form");
    m = r.match(Method::Head, "/form");
    EXPECT_EQ(m.kind, RouteMatch::MethodNotAllowed);
    EXPECT_EQ(m.allowed, (std::vector<Method>{Method::Post}));
}

TEST(Router, HeadPrefersTheMoreSpecificGetRoute) {
    Router r;
    r.add(Method::Head, "/doc/{id}");
    auto literal = r.add(Method::Get, "/doc/index");
    EXPECT_EQ(r.match(Method::Head, "/doc/index").route, literal);
}

TEST(Router, DuplicatePatternThrows) {
    Router r;
    r.add(Method::Get, "/users/{id}");
    EXPECT_THROW(r.add(Method::Get, "/users/{id}"), std::invalid_argument);
    EXPECT_THROW(r.add(Method::Get, "/users/{uid}"), std::invalid_argument);  // same paths, other name
    EXPECT_NO_THROW(r.add(Method::Post, "/users/{id}"));
    r.add(Method::Get, "/s/{p...}");
    EXPECT_THROW(r.add(Method::Get, "/s/{q...}"), std::invalid_argument);
    EXPECT_NO_THROW(r.add(Method::Get, "/s/{p}"));  // one segment vs the rest: different paths
    // The failed adds left the router working.
    EXPECT_EQ(r.match(Method::Get, "/users/1").pattern, "/users/{id}");
}

TEST(Router, BadPatternsThrow) {
    Router r;
    for (const char* bad : {"", "users", "/a//b", "//", "/{", "/{}", "/{id", "/x{id}", "/a}b", "/{1x}", "/{a-b}",
                            "/{rest...}/more", "/{...}", "/{a}/{a}", "/{a}/{a...}"}) {
        EXPECT_THROW(r.add(Method::Get, bad), std::invalid_argument) << bad;
    }
    EXPECT_THROW(r.add(Method::Other, "/ok"), std::invalid_argument);
}

TEST(Router, PatternViewsSurviveLaterAdds) {
    Router r;
    r.add(Method::Get, "/first/{x}");
    auto m = r.match(Method::Get, "/first/1");
    for (int i = 0; i < 200; ++i) r.add(Method::Get, "/generated/" + std::to_string(i));
    EXPECT_EQ(m.pattern, "/first/{x}");
    EXPECT_EQ(r.match(Method::Get, "/generated/199").pattern, "/generated/199");
}
