// The kernel pieces under the pipeline: metrics, assets, config, the HTML writer's escaping.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "platform/config/config.hpp"
#include "platform/html/writer.hpp"
#include "platform/http/metrics.hpp"
#include "platform/web/assets.hpp"

using namespace syn;

TEST(Metrics, CountsByRouteAndStatusAndBuckets) {
    http::Metrics m;
    m.observe("/users/{id}", 200, 0.003);
    m.observe("/users/{id}", 200, 0.2);
    m.observe("/x\"y", 404, 2);
    m.gauge("synergeia_test_gauge", "A test gauge.", [] { return 3.0; });
    auto text = m.render();
    EXPECT_NE(text.find("synergeia_http_requests_total{route=\"/users/{id}\",status=\"200\"} 2"), std::string::npos);
    EXPECT_NE(text.find("route=\"/x\\\"y\""), std::string::npos);  // label escaped
    EXPECT_NE(text.find("synergeia_http_request_duration_seconds_bucket{le=\"0.005\"} 1"), std::string::npos);
    EXPECT_NE(text.find("synergeia_http_request_duration_seconds_count 3"), std::string::npos);
    EXPECT_NE(text.find("synergeia_test_gauge 3"), std::string::npos);
}

TEST(Assets, FingerprintedUrlIsImmutableAndPlainRevalidates) {
    web::Assets a;
    auto url = a.url("css/app.css");
    ASSERT_TRUE(url.starts_with("/static/css/app."));
    ASSERT_NE(url, "/static/css/app.css");
    auto r = a.serve(url.substr(8), std::nullopt);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->headers.get("Cache-Control"), std::optional<std::string_view>("public, max-age=31536000, immutable"));
    EXPECT_EQ(r->headers.get("Content-Type"), std::optional<std::string_view>("text/css; charset=utf-8"));
    auto etag = std::string(*r->headers.get("ETag"));
    auto again = a.serve("css/app.css", etag);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 304);
    EXPECT_TRUE(again->body.empty());
    EXPECT_FALSE(a.serve("css/nope.css", std::nullopt));
    EXPECT_FALSE(a.serve("../CMakeLists.txt", std::nullopt));
}

TEST(Config, FileThenEnvironment) {
    const char* path = "/tmp/synergeia-config-test.toml";
    std::ofstream(path) << "listen = \"0.0.0.0:9000\"\ndb_pool = 8\ntenancy = \"path\"\nsession_idle_seconds = 60\n";
    ::unsetenv("SYNERGEIA_LISTEN");
    auto c = config::load(path);
    EXPECT_EQ(c.listen, "0.0.0.0:9000");
    EXPECT_EQ(c.db_pool, 8u);
    EXPECT_EQ(c.tenancy, "path");
    EXPECT_EQ(c.session_idle_seconds, 60);
    ::setenv("SYNERGEIA_LISTEN", "127.0.0.1:1", 1);
    EXPECT_EQ(config::load(path).listen, "127.0.0.1:1");
    ::unsetenv("SYNERGEIA_LISTEN");
}

TEST(Config, BadValuesAreNamed) {
    const char* path = "/tmp/synergeia-config-bad.toml";
    std::ofstream(path) << "db_pool = \"many\"\n";
    try {
        config::load(path);
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("db_pool"), std::string::npos);
    }
    std::ofstream(path) << "tenancy = \"sometimes\"\n";
    EXPECT_THROW(config::load(path), std::runtime_error);
    std::ofstream(path) << "listen = \n";
    EXPECT_THROW(config::load(path), std::runtime_error);
}

TEST(HtmlWriter, EscapesStringsButNotWriterMarkup) {
    html::Writer inner;
    inner("<b>{}</b>", std::string("<i>&\"'"));
    auto frag = inner.take();
    EXPECT_EQ(frag.str(), "<b>&lt;i&gt;&amp;&quot;&#39;</b>");
    html::Writer outer;
    outer("<p title=\"{}\">{} {}</p>", "a\"b", frag, 42);
    EXPECT_EQ(outer.release(), "<p title=\"a&quot;b\"><b>&lt;i&gt;&amp;&quot;&#39;</b> 42</p>");
}
