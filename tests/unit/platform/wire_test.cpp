// A response as bytes on the wire: the status line, the handler's headers in order, the
// server's Content-Length and Connection, and the body (none for HEAD).
#include <gtest/gtest.h>

#include "platform/http/wire.hpp"

using namespace syn;

namespace {

http::Response ok() {
    auto r = http::Response::text(200, "ok\n");
    r.headers.add("Set-Cookie", "a=1; Path=/");
    r.headers.add("Set-Cookie", "b=2; Path=/");
    return r;
}

TEST(Wire, AKeptAliveHttp11AnswerHasItsHeadersInOrderAndItsLength) {
    EXPECT_EQ(http::serialize_response(ok(), 11, true, false),
              "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nSet-Cookie: a=1; Path=/\r\nSet-Cookie: b=2; Path=/\r\n"
              "Content-Length: 3\r\n\r\nok\n");
}

TEST(Wire, ConnectionFollowsTheVersionAndTheServersDecision) {
    EXPECT_NE(http::serialize_response(ok(), 11, false, false).find("\r\nConnection: close\r\n"), std::string::npos);
    EXPECT_NE(http::serialize_response(ok(), 10, true, false).find("\r\nConnection: keep-alive\r\n"), std::string::npos);
    EXPECT_EQ(http::serialize_response(ok(), 10, false, false).find("Connection"), std::string::npos);
    EXPECT_TRUE(http::serialize_response(ok(), 10, false, false).starts_with("HTTP/1.0 200 OK\r\n"));
}

TEST(Wire, AHandlersOwnLengthOrConnectionIsReplacedByTheServers) {
    auto r = ok();
    r.headers.set("content-length", "999");
    r.headers.set("Connection", "close");
    const auto bytes = http::serialize_response(r, 11, true, false);
    EXPECT_EQ(bytes.find("999"), std::string::npos);
    EXPECT_EQ(bytes.find("Connection"), std::string::npos);
    EXPECT_NE(bytes.find("Content-Length: 3\r\n"), std::string::npos);
}

TEST(Wire, HeadSaysTheLengthAndSendsNoBody) {
    const auto bytes = http::serialize_response(ok(), 11, true, true);
    EXPECT_TRUE(bytes.ends_with("Content-Length: 3\r\n\r\n"));
}

TEST(Wire, ASharedBodyIsSentInsteadOfTheOwnedOneAndCountedInTheLength) {
    static const std::string asset = "body { color: black }\n";
    auto r = http::Response::text(200, "not this", "text/css");
    r.shared_body = asset;
    EXPECT_EQ(r.payload(), asset);
    const auto head = http::serialize_head(r, 11, true);
    EXPECT_TRUE(head.ends_with("Content-Length: 22\r\n\r\n")) << head;
    // What the server writes as two buffers is what one buffer would hold.
    EXPECT_EQ(head + asset, http::serialize_response(r, 11, true, false));
    EXPECT_EQ(http::serialize_response(r, 11, true, true), head);
}

TEST(Wire, ReasonPhrasesAndStatusesOutOfRange) {
    http::Response r;
    r.status = 303;
    EXPECT_TRUE(http::serialize_response(r, 11, true, false).starts_with("HTTP/1.1 303 See Other\r\n"));
    r.status = 422;
    EXPECT_TRUE(http::serialize_response(r, 11, true, false).starts_with("HTTP/1.1 422 Unprocessable Entity\r\n"));
    r.status = 299;
    EXPECT_TRUE(http::serialize_response(r, 11, true, false).starts_with("HTTP/1.1 299 Unknown\r\n"));
    r.status = 42;
    EXPECT_TRUE(http::serialize_response(r, 11, true, false).starts_with("HTTP/1.1 500 Internal Server Error\r\n"));
    EXPECT_TRUE(http::serialize_response(r, 11, true, false).ends_with("Content-Length: 0\r\n\r\n"));
}

}  // namespace
