// platform/http: the server on a real loopback socket, in-process: what it refuses to write,
// what it answers by itself, and how it behaves when descriptors or connections run out. Also
// the pure guards it and the handlers share (local paths, header values, Host values).
#include "platform/http/descriptors.hpp"
#include "platform/http/headers.hpp"
#include "platform/http/local_path.hpp"
#include "platform/http/message.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace syn::http;
using namespace std::chrono_literals;

namespace {

// A server on 127.0.0.1 and a free port, stopped (gracefully) when the test ends.
class Running {
public:
    explicit Running(ServerConfig cfg, Handler handler = [](Request&) { return Response::text(200, "ok\n"); })
        : server_(with_defaults(std::move(cfg)), std::move(handler), [](const Request&) { return std::size_t{1} << 20; }) {
        thread_ = std::thread([this] { server_.run(); });
        for (int i = 0; i < 500 && server_.bound_port() == 0; ++i) std::this_thread::sleep_for(10ms);
    }
    ~Running() {
        server_.stop();
        thread_.join();
    }
    std::uint16_t port() const { return server_.bound_port(); }
    Server& server() { return server_; }

private:
    static ServerConfig with_defaults(ServerConfig c) {
        c.host = "127.0.0.1";
        c.port = 0;
        c.drain_timeout = 2s;
        if (c.own_headers.empty()) c.own_headers = {{"X-Frame-Options", "DENY"}, {"X-Content-Type-Options", "nosniff"}};
        return c;
    }
    Server server_;
    std::thread thread_;
};

int connect_to(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

void send_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const auto n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0) return;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

// Everything the server sends until it closes the connection, or until `wait` passes.
std::string read_until_closed(int fd, std::chrono::milliseconds wait = 5000ms) {
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left <= 0ms) break;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        char buf[4096];
        const auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

// One request on a fresh connection; the raw answer.
std::string exchange(std::uint16_t port, std::string_view request, std::chrono::milliseconds wait = 5000ms) {
    const int fd = connect_to(port);
    if (fd < 0) return "(no connection)";
    send_all(fd, request);
    auto out = read_until_closed(fd, wait);
    ::close(fd);
    return out;
}

std::string status_line(const std::string& raw) { return raw.substr(0, raw.find("\r\n")); }
std::string head_of(const std::string& raw) { return raw.substr(0, raw.find("\r\n\r\n")); }

}  // namespace

// ---------------------------------------------------------------- the pure guards

TEST(HttpLocalPath, OnlyPlainPathsOfThisSite) {
    EXPECT_TRUE(is_local_path("/"));
    EXPECT_TRUE(is_local_path("/account?x=1"));
    EXPECT_TRUE(is_local_path("/m/kalamata/requests/12#reply"));
    EXPECT_TRUE(is_local_path("/organisations?q=σύλλογος"));
    EXPECT_TRUE(is_local_path("/a%0D%0Ab"));  // escapes stay escapes in a Location: no line break
    EXPECT_FALSE(is_local_path(""));
    EXPECT_FALSE(is_local_path("account"));
    EXPECT_FALSE(is_local_path("//evil.example"));
    EXPECT_FALSE(is_local_path("https://evil.example/"));
    EXPECT_FALSE(is_local_path("/\\evil.example"));
    EXPECT_FALSE(is_local_path("/a\\b"));
    EXPECT_FALSE(is_local_path(" /account"));
    for (const char* bad : {"/\r\nSet-Cookie: sid=x", "/\n", "/\r", "/\t/evil.example", "/a\tb", "/\x7f", "/\x01", "/\x1b[31m"})
        EXPECT_FALSE(is_local_path(bad)) << bad;
    EXPECT_FALSE(is_local_path(std::string_view("/\0/evil.example", 15)));
    EXPECT_FALSE(is_local_path("/\xc2\x85next-line"));  // U+0085, a C1 control
    EXPECT_FALSE(is_local_path("/\xff\xfe"));            // not UTF-8
    EXPECT_TRUE(is_local_path("/\xc2\xa0"));             // U+00A0 is text, not a control
    EXPECT_TRUE(is_local_path("/" + std::string(kMaxLocalPathBytes - 1, 'a')));
    EXPECT_FALSE(is_local_path("/" + std::string(kMaxLocalPathBytes, 'a'))) << "too long to be one of our addresses";
    EXPECT_EQ(local_path_or("/account?x=1", "/m/kalamata/"), "/account?x=1");
    EXPECT_EQ(local_path_or("/\r\nSet-Cookie: sid=x", "/m/kalamata/"), "/m/kalamata/");
}

TEST(HttpHeaders, ValuesWithCrLfOrNulAndBadNamesCannotBeWritten) {
    Response ok = Response::redirect("/account");
    ok.headers.add("Set-Cookie", "sid=a; Path=/; HttpOnly");
    ok.headers.add("Content-Disposition", "inline; filename=\"Καταστατικό.pdf\"");  // UTF-8 bytes are not line breaks
    EXPECT_FALSE(unwritable_header(ok));
    for (std::string bad : {std::string("/\r\nSet-Cookie: sid=evil"), std::string("/\nX: y"), std::string("/\rX: y"),
                            std::string("/a\0b", 4)}) {
        auto r = Response::redirect(bad);
        EXPECT_EQ(unwritable_header(r), std::optional<std::string>("Location"));
    }
    // The other controls RFC 9110 forbids, and values too long to write.
    EXPECT_TRUE(unwritable_header(Response::redirect("/a\x01")));
    EXPECT_TRUE(unwritable_header(Response::redirect("/a\x7f")));
    EXPECT_FALSE(unwritable_header(Response::redirect("/a\tb"))) << "HTAB is allowed in a value";
    EXPECT_FALSE(unwritable_header(Response::redirect("/" + std::string(kMaxHeaderValueBytes - 1, 'a'))));
    EXPECT_TRUE(unwritable_header(Response::redirect("/" + std::string(kMaxHeaderValueBytes, 'a'))));
    for (const char* name : {"", "X Bad", "X:Bad", "X\r\nBad", "Ärger"}) {
        Response r;
        r.headers.add(name, "v");
        EXPECT_TRUE(unwritable_header(r)) << name;
    }
}

TEST(HttpHeaders, HostValuesAsRfc9112AllowsThem) {
    for (const char* good : {"", "x", "example.gr", "example.gr:8080", "127.0.0.1:80", "[::1]", "[::1]:8443", "xn--kxae4bafwg.gr",
                             "a-b_c~d", "host:"})
        EXPECT_TRUE(valid_host(good)) << good;
    for (const char* bad : {"a b", "example.gr/evil", "user@example.gr", "example.gr:80:80", "example.gr:port", ":80", "[::1",
                            "[]", "[::1]x", "example.gr\t", "ex\"ample", "example.gr:123456"})
        EXPECT_FALSE(valid_host(bad)) << bad;
}

TEST(HttpDescriptors, ConnectionsFitTheDescriptorLimitLessTheReserve) {
    EXPECT_EQ(descriptor_reserve(4, 64), 32u + 12u + 64u);
    EXPECT_EQ(connection_cap(10000, 1024, 108), 916u);
    EXPECT_EQ(connection_cap(10000, 1u << 20, 108), 10000u);
    EXPECT_EQ(connection_cap(500, 1024, 108), 500u);
    EXPECT_EQ(connection_cap(10000, 64, 108), 16u) << "a tiny limit still serves someone";
    EXPECT_GE(raise_descriptor_limit(), 16u);
    rlimit lim{};
    ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &lim), 0);
    EXPECT_EQ(lim.rlim_cur, lim.rlim_max) << "the soft limit was raised to the hard one";
}

TEST(HttpMetrics, CountersAreTypedAsCounters) {
    Metrics m;
    m.counter("synergeia_test_total", "A test counter.", [] { return 3.0; });
    m.gauge("synergeia_test_now", "A test gauge.", [] { return 1.0; });
    const auto text = m.render();
    EXPECT_NE(text.find("# TYPE synergeia_test_total counter\nsynergeia_test_total 3\n"), std::string::npos) << text;
    EXPECT_NE(text.find("# TYPE synergeia_test_now gauge\nsynergeia_test_now 1\n"), std::string::npos) << text;
}

// ---------------------------------------------------------------- the server on a socket

TEST(HttpServer, AnswersWithAnUnwritableHeaderBecomeA500WithNoneOfIt) {
    std::string location;
    Running srv({}, [&location](Request&) { return Response::redirect(location); });
    for (std::string bad : {std::string("/\r\nSet-Cookie: sid=attacker"), std::string("/\nSet-Cookie: sid=attacker"),
                            std::string("/\rSet-Cookie: sid=attacker"), std::string("/\0Set-Cookie: sid=attacker", 25)}) {
        location = bad;
        const auto raw = exchange(srv.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        EXPECT_EQ(status_line(raw), "HTTP/1.1 500 Internal Server Error");
        EXPECT_EQ(raw.find("Set-Cookie"), std::string::npos) << raw;
        EXPECT_EQ(raw.find("Location"), std::string::npos) << raw;
        EXPECT_NE(head_of(raw).find("X-Frame-Options: DENY"), std::string::npos) << "the server's own answer has the security headers";
    }
    // Longer than Beast can write (it throws past 64 KiB): a 500 too, and the connection's
    // bookkeeping is done, so it does not count against max_connections for ever.
    location = "/" + std::string(70 * 1024, 'a');
    EXPECT_EQ(status_line(exchange(srv.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n")), "HTTP/1.1 500 Internal Server Error");
    location = "/account";
    EXPECT_EQ(status_line(exchange(srv.port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), "HTTP/1.1 303 See Other");
    for (int i = 0; i < 200 && srv.server().open_connections() > 0; ++i) std::this_thread::sleep_for(10ms);
    EXPECT_EQ(srv.server().open_connections(), 0u);
}

TEST(HttpServer, ItsOwnAnswersCarryTheSecurityHeaders) {
    ServerConfig cfg;
    cfg.max_header_bytes = 1024;
    Running srv(cfg);
    const auto garbage = exchange(srv.port(), "GARBAGE\r\n\r\n");
    EXPECT_EQ(status_line(garbage), "HTTP/1.1 400 Bad Request");
    EXPECT_NE(head_of(garbage).find("X-Content-Type-Options: nosniff"), std::string::npos) << garbage;
    const auto big = exchange(srv.port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(2000, 'a') + "\r\n\r\n");
    EXPECT_EQ(status_line(big), "HTTP/1.1 431 Request Header Fields Too Large");
    EXPECT_NE(head_of(big).find("X-Frame-Options: DENY"), std::string::npos) << big;
    const auto large = exchange(srv.port(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n");
    EXPECT_EQ(status_line(large), "HTTP/1.1 413 Payload Too Large");
    EXPECT_NE(head_of(large).find("X-Frame-Options: DENY"), std::string::npos) << large;
}

TEST(HttpServer, Http11NeedsExactlyOneHostThatIsAHost) {
    Running srv({});
    const auto status = [&](const std::string& head) { return status_line(exchange(srv.port(), head + "Connection: close\r\n\r\n")); };
    EXPECT_EQ(status("GET / HTTP/1.1\r\n"), "HTTP/1.1 400 Bad Request") << "no Host";
    EXPECT_EQ(status("GET / HTTP/1.1\r\nHost: a b\r\n"), "HTTP/1.1 400 Bad Request") << "a space in Host";
    EXPECT_EQ(status("GET / HTTP/1.1\r\nHost: a/b\r\n"), "HTTP/1.1 400 Bad Request");
    EXPECT_EQ(status("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n"), "HTTP/1.1 400 Bad Request") << "two Hosts";
    EXPECT_EQ(status("GET / HTTP/1.1\r\nHost: example.gr:8080\r\n"), "HTTP/1.1 200 OK");
    EXPECT_EQ(status("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n"), "HTTP/1.1 200 OK");
    EXPECT_EQ(status("GET / HTTP/1.0\r\n"), "HTTP/1.0 200 OK") << "HTTP/1.0 has no Host requirement";
    EXPECT_EQ(status("GET / HTTP/1.0\r\nHost: a b\r\n"), "HTTP/1.0 400 Bad Request");
}

TEST(HttpServer, ABodyThatStopsArrivingGets408) {
    ServerConfig cfg;
    cfg.request_timeout = 1s;
    Running srv(cfg);
    const int fd = connect_to(srv.port());
    ASSERT_GE(fd, 0);
    send_all(fd, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nabc");
    const auto raw = read_until_closed(fd, 5000ms);
    ::close(fd);
    EXPECT_EQ(status_line(raw), "HTTP/1.1 408 Request Timeout") << raw;
    EXPECT_NE(head_of(raw).find("Connection: close"), std::string::npos);
    // The server goes on serving.
    EXPECT_EQ(status_line(exchange(srv.port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), "HTTP/1.1 200 OK");
}

TEST(HttpServer, IdleConnectionsMakeRoomForANewClient) {
    ServerConfig cfg;
    cfg.max_connections = 20;
    Running srv(cfg);
    std::vector<int> idle;
    for (int i = 0; i < 30; ++i) {
        const int fd = connect_to(srv.port());
        ASSERT_GE(fd, 0);
        idle.push_back(fd);
        std::this_thread::sleep_for(5ms);  // one at a time, as people arrive
    }
    // The closes happen on the connections' own strands, a moment after they were chosen.
    for (int i = 0; i < 200 && srv.server().open_connections() >= 20; ++i) std::this_thread::sleep_for(10ms);
    EXPECT_EQ(status_line(exchange(srv.port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), "HTTP/1.1 200 OK");
    EXPECT_GE(srv.server().shed_connections(), 10u);
    EXPECT_LE(srv.server().open_connections(), 20u);
    // The oldest were closed first: the first idle connection sees its end.
    pollfd p{idle.front(), POLLIN, 0};
    EXPECT_EQ(::poll(&p, 1, 2000), 1);
    char c;
    EXPECT_EQ(::recv(idle.front(), &c, 1, 0), 0) << "closed by the server";
    for (int fd : idle) ::close(fd);
}

TEST(HttpServer, AcceptPausesWhenDescriptorsRunOutAndRecovers) {
    Running srv({});
    rlimit saved{};
    ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
    // Use up every descriptor but one, which the client takes: the server's accept then fails
    // with EMFILE, with no idle connection of its own to give up.
    int first_free = ::open("/dev/null", O_RDONLY);
    ASSERT_GE(first_free, 0);
    ::close(first_free);
    rlimit low = saved;
    low.rlim_cur = static_cast<rlim_t>(first_free + 64);
    ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
    std::vector<int> filler;
    for (int fd; (fd = ::open("/dev/null", O_RDONLY)) >= 0;) filler.push_back(fd);
    ::close(filler.back());
    filler.pop_back();
    const int client = connect_to(srv.port());
    ASSERT_GE(client, 0) << "the kernel completes the connection; only the accept fails";
    send_all(client, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    const auto before = srv.server().accept_errors();
    std::this_thread::sleep_for(1500ms);
    const auto errors = srv.server().accept_errors() - before;
    // Pauses of 10, 20, 40 … ms: about eight tries in 1.5 s. A loop that retried at once
    // would count hundreds of thousands.
    EXPECT_GE(errors, 2u);
    EXPECT_LE(errors, 20u);

    for (int fd : filler) ::close(fd);
    ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0);
    // Within the longest pause (1 s) the accept succeeds and the waiting client is answered.
    const auto raw = read_until_closed(client, 5000ms);
    ::close(client);
    EXPECT_EQ(status_line(raw), "HTTP/1.1 200 OK") << raw;
}
