#include "platform/http/server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "platform/http/headers.hpp"
#include "platform/http/wire.hpp"
#include "platform/http/token.hpp"

namespace syn::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

// After a failed accept, wait this long before the next; doubled after each failure in a row.
// Out of descriptors, an accept fails again at once: retrying without a pause burns a core and
// starves the connections being served.
constexpr std::chrono::milliseconds kFirstAcceptPause{10};
constexpr std::chrono::milliseconds kLongestAcceptPause{1000};

// What the drain and the shedding need to know about one connection: whether a request is being
// handled, since when it has been idle, and how to close it from outside.
struct ConnState {
    beast::tcp_stream* stream = nullptr;  // cleared by the session (on its strand) before it ends
    asio::any_io_executor executor;
    std::atomic<bool> busy{false};
    std::atomic<bool> shedding{false};                  // chosen to be closed; not chosen twice
    std::atomic<std::chrono::steady_clock::rep> idle_since{0};
    // Only touched on the connection's strand: the body deadline's bookkeeping.
    std::uint64_t body_read = 0;  // which request's body is being read (0: none)
    bool body_timed_out = false;
};


Request to_request(const bhttp::request_parser<bhttp::string_body>& p, const std::string& remote) {
    const auto& m = p.get();
    Request r;
    r.method = method_from(std::string_view(m.method_string().data(), m.method_string().size()));
    r.target = std::string(m.target());
    auto q = r.target.find('?');
    r.path = r.target.substr(0, q);
    if (q != std::string::npos) r.query = r.target.substr(q + 1);
    for (const auto& f : m)
        r.headers.add(std::string(f.name_string()), std::string(f.value()));
    r.remote_addr = remote;
    return r;
}

Response plain_error(int status, std::string_view text, const ServerConfig& cfg) {
    auto r = Response::text(status, std::string(text) + "\n");
    for (const auto& [k, v] : cfg.own_headers) r.headers.set(k, v);
    r.headers.set("Connection", "close");
    return r;
}

// The header's name for the log, without whatever made it unwritable.
std::string loggable(std::string_view name) {
    std::string out;
    for (char c : name.substr(0, 64)) out += token_char(static_cast<unsigned char>(c)) ? c : '?';
    return out;
}

void log_error(const char* what, std::string_view detail) {
    std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"%s\",\"detail\":\"%s\"}\n", what, loggable(detail).c_str());
}

}  // namespace

struct Server::Impl {
    ServerConfig cfg;
    Handler handler;
    BodyLimit body_limit;
    Rejected rejected;

    asio::io_context ioc;
    asio::thread_pool workers;
    tcp::acceptor acceptor{ioc};
    asio::signal_set signals{ioc, SIGTERM, SIGINT};

    std::atomic<bool> draining{false};
    std::atomic<std::size_t> connections{0};
    std::atomic<std::size_t> in_flight{0};
    std::atomic<std::uint16_t> port{0};
    std::atomic<std::uint64_t> accept_errors{0};
    std::atomic<std::uint64_t> shed{0};            // idle connections closed to make room
    std::atomic<std::size_t> shedding_now{0};      // chosen to be closed, not yet seen to by their strand

    std::mutex conns_mu;
    std::unordered_map<std::uint64_t, std::shared_ptr<ConnState>> conns;
    std::uint64_t next_conn_id = 0;

    Impl(ServerConfig c, Handler h, BodyLimit l, Rejected r)
        : cfg(std::move(c)), handler(std::move(h)), body_limit(std::move(l)), rejected(std::move(r)),
          ioc(static_cast<int>(cfg.io_threads)), workers(cfg.worker_threads) {}

    void bind() {
        beast::error_code ec;
        auto addr = asio::ip::make_address(cfg.host, ec);
        if (ec) throw std::runtime_error("invalid listen address '" + cfg.host + "'");
        tcp::endpoint ep{addr, cfg.port};
        acceptor.open(ep.protocol());
        acceptor.set_option(asio::socket_base::reuse_address(true));
        acceptor.bind(ep, ec);
        if (ec) throw std::runtime_error("cannot listen on " + cfg.host + ":" + std::to_string(cfg.port) + ": " + ec.message());
        acceptor.listen(asio::socket_base::max_listen_connections);
        port = acceptor.local_endpoint().port();
    }

    void begin_drain() {
        if (draining.exchange(true)) return;
        beast::error_code ec;
        acceptor.close(ec);  // new connections are refused from here on
        std::lock_guard lk(conns_mu);
        for (auto& [id, st] : conns) close_if_idle(st, false);
    }

    // Closes the connection if it is still idle; posted to its strand, where its session runs.
    void close_if_idle(const std::shared_ptr<ConnState>& s, bool to_make_room) {
        asio::post(s->executor, [this, s, to_make_room] {
            const bool idle = s->stream && !s->busy;
            if (idle) {
                beast::error_code e;
                s->stream->socket().shutdown(tcp::socket::shutdown_both, e);
                s->stream->close();
            }
            if (!to_make_room) return;
            if (idle) ++shed;
            else s->shedding = false;  // it took a request meanwhile: it may be chosen another time
            --shedding_now;
        });
    }

    // Closes up to `count` of the connections that have waited longest for their next request.
    // Idle keep-alive connections cost a descriptor each and nothing else; a new client waiting
    // in the backlog is worth more than one of them.
    void shed_idle(std::size_t count) {
        std::vector<std::shared_ptr<ConnState>> idle;
        {
            std::lock_guard lk(conns_mu);
            idle.reserve(conns.size());
            for (auto& [id, st] : conns)
                if (!st->busy && !st->shedding) idle.push_back(st);
        }
        count = std::min(count, idle.size());
        if (count == 0) return;
        std::partial_sort(idle.begin(), idle.begin() + static_cast<std::ptrdiff_t>(count), idle.end(),
                          [](const auto& a, const auto& b) { return a->idle_since < b->idle_since; });
        shedding_now += count;
        for (std::size_t i = 0; i < count; ++i) {
            idle[i]->shedding = true;
            close_if_idle(idle[i], true);
        }
    }

    awaitable<void> accept_loop() {
        asio::steady_timer pause(ioc);
        auto wait = kFirstAcceptPause;
        // From here on, idle connections make room for new ones; a batch at a time, so that a
        // burst of new clients does not scan the connections once each.
        const std::size_t shed_at = std::max<std::size_t>(1, cfg.max_connections * 9 / 10);
        const std::size_t batch = 1 + cfg.max_connections / 100;
        for (;;) {
            bool short_of_something = false;
            try {
                beast::error_code ec;
                tcp::socket sock = co_await acceptor.async_accept(asio::make_strand(ioc), asio::redirect_error(use_awaitable, ec));
                if (ec) {
                    if (draining || ec == asio::error::operation_aborted) co_return;
                    ++accept_errors;
                    // The client gave up before it was taken: nothing is short, go on at once.
                    if (ec == asio::error::connection_aborted) continue;
                    // Out of descriptors (EMFILE, ENFILE) or memory: free one, and pause below.
                    shed_idle(1);
                    short_of_something = true;
                } else {
                    wait = kFirstAcceptPause;
                    // Those already chosen to be closed no longer count: read once, since
                    // sessions end on other threads meanwhile.
                    const std::size_t open = connections, leaving = shedding_now;
                    const std::size_t staying = open > leaving ? open - leaving : 0;
                    if (staying >= shed_at) shed_idle(std::max(batch, staying - shed_at + 1));
                    if (staying >= cfg.max_connections) {
                        beast::error_code e;
                        sock.close(e);
                        continue;
                    }
                    beast::error_code nodelay;
                    sock.set_option(tcp::no_delay(true), nodelay);  // fails only for a socket already reset: the session sees that
                    // Counted here, not when the session starts, so that the next accept sees it.
                    ++connections;
                    try {
                        auto ex = sock.get_executor();
                        asio::co_spawn(ex, session(std::move(sock)), asio::detached);
                    } catch (...) {
                        --connections;
                        throw;
                    }
                }
            } catch (const std::exception& e) {
                // Out of memory, most likely: the loop must outlive it, or no one is served again.
                log_error("accept failed", e.what());
                ++accept_errors;
                short_of_something = true;
            }
            if (!short_of_something) continue;
            // Retrying at once would fail again at once: pause, longer each time in a row.
            beast::error_code ec;
            pause.expires_after(wait);
            co_await pause.async_wait(asio::redirect_error(use_awaitable, ec));
            wait = std::min(wait * 2, kLongestAcceptPause);
        }
    }

    Response run_inline(Request& req) {
        try {
            return handler(req);
        } catch (const std::exception&) {
            return plain_error(500, "Internal Server Error", cfg);
        }
    }

    awaitable<Response> run_handler(Request& req) {
        // Handlers may block on the database, so they run on the worker pool, never on I/O threads.
        co_return co_await asio::co_spawn(
            workers,
            [this, &req]() -> awaitable<Response> {
                try {
                    co_return handler(req);
                } catch (const std::exception&) {
                    co_return plain_error(500, "Internal Server Error", cfg);
                }
            },
            use_awaitable);
    }

    awaitable<void> session(tcp::socket sock) {
        beast::tcp_stream stream(std::move(sock));
        std::string remote;
        {
            beast::error_code ec;
            auto ep = stream.socket().remote_endpoint(ec);
            if (!ec) remote = ep.address().to_string();
        }
        auto state = std::make_shared<ConnState>();
        state->idle_since = std::chrono::steady_clock::now().time_since_epoch().count();
        state->stream = &stream;
        state->executor = stream.get_executor();
        std::uint64_t id;
        {
            std::lock_guard lk(conns_mu);
            id = next_conn_id++;
            conns.emplace(id, state);
        }
        try {
            co_await serve_requests(stream, state, remote);
        } catch (const std::exception& e) {
            // Whatever went wrong with this connection, the bookkeeping below must still run:
            // without it the connection would count against max_connections for ever.
            log_error("connection ended by an error", e.what());
            if (state->busy) finish_request(state);
        }
        state->stream = nullptr;
        beast::error_code ec;
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream.close();
        {
            std::lock_guard lk(conns_mu);
            conns.erase(id);
        }
        --connections;
    }

    // The connection's requests, one after another, until it closes, idles out or breaks.
    awaitable<void> serve_requests(beast::tcp_stream& stream, const std::shared_ptr<ConnState>& state, const std::string& remote) {
        beast::flat_buffer buffer;  // no size argument: flat_buffer(n) is a MAXIMUM, and 8 KiB cut headers short of max_header_bytes
        bool first = true;
        std::uint64_t requests = 0;

        for (;;) {
            if (draining) break;
            state->idle_since = std::chrono::steady_clock::now().time_since_epoch().count();
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(cfg.max_header_bytes));
            // Beast's default (1 MiB) would fail a larger Content-Length as 400 while reading the
            // header; our limit is applied below. Not boost::none: Beast 1.74 compares
            // `len > body_limit_` against the empty optional, which is true for every body.
            parser.body_limit(std::numeric_limits<std::uint64_t>::max());
            stream.expires_after(first ? cfg.header_timeout : cfg.idle_timeout);
            first = false;
            beast::error_code ec;
            co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
            if (ec) {
                if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
                    ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
                    ec == asio::error::eof || ec == asio::error::bad_descriptor)
                    break;
                int status = ec == bhttp::error::header_limit ? 431 : 400;
                // A named Request, not a temporary: g++ 12 destroys a temporary argument of a
                // co_await expression twice (GCC bug 99576), which aborted the process here.
                const Request none;
                co_await reject(stream, status, none, 11);
                break;
            }
            state->busy = true;
            ++in_flight;
            Request req = to_request(parser, remote);
            const auto version = parser.get().version();

            // RFC 9112 §3.2: an HTTP/1.1 request has exactly one Host, and no request has two or
            // one that is not a host name with an optional port.
            const auto hosts = parser.get().count(bhttp::field::host);
            const auto host = parser.get()[bhttp::field::host];
            if (hosts > 1 || (hosts == 0 && version >= 11) || !valid_host(std::string_view(host.data(), host.size()))) {
                co_await reject(stream, 400, req, version);
                finish_request(state);
                break;
            }

            std::size_t limit = body_limit ? body_limit(req) : (1u << 20);
            if (parser.content_length() && *parser.content_length() > limit) {
                co_await reject(stream, 413, req, version);
                finish_request(state);
                break;
            }
            parser.body_limit(limit);
            beast::error_code ec2;
            co_await read_body(stream, buffer, parser, state, ++requests, ec2);
            if (ec2) {
                int status = ec2 == bhttp::error::body_limit ? 413 : state->body_timed_out ? 408 : 400;
                if (ec2 != asio::error::eof && ec2 != asio::error::connection_reset && ec2 != bhttp::error::end_of_stream)
                    co_await reject(stream, status, req, version);
                finish_request(state);
                break;
            }
            req.body = std::move(parser.get().body());
            const bool head = req.method == Method::Head;
            bool keep_alive = parser.get().keep_alive();

            // Not a ?: around the co_await: g++ 12 miscompiles a co_await inside a conditional
            // expression (the result was garbage), as with temporaries (GCC bug 99576).
            Response res;
            if (cfg.runs_inline && cfg.runs_inline(req))
                res = run_inline(req);
            else
                res = co_await run_handler(req);
            if (const auto bad = unwritable_header(res)) {
                log_error("a response header held a control character, was too long or had a bad name; answered 500", *bad);
                if (rejected) rejected(req, 500);
                res = plain_error(500, "Internal Server Error", cfg);
            }
            if (draining || res.headers.get("Connection") == std::optional<std::string_view>("close")) keep_alive = false;
            stream.expires_after(cfg.request_timeout);
            beast::error_code ec3;
            if (res.shared_body.data() && !head) {
                // The head in one buffer, the shared bytes from where they lie: one write, no copy.
                const std::string out = serialize_head(res, version, keep_alive);
                const std::array<asio::const_buffer, 2> parts{asio::buffer(out), asio::buffer(res.shared_body.data(), res.shared_body.size())};
                co_await asio::async_write(stream, parts, asio::redirect_error(use_awaitable, ec3));
            } else {
                const std::string out = serialize_response(res, version, keep_alive, head);
                co_await asio::async_write(stream, asio::buffer(out), asio::redirect_error(use_awaitable, ec3));
            }
            finish_request(state);
            if (ec3 || !keep_alive) break;
        }
    }

    // Reads the body within request_timeout. Not through the stream's own deadline: on expiry
    // Beast closes the socket, and the client would get no 408. A timer ends the read instead:
    // it shuts the receiving side (so that a read started just after the timer fired ends too)
    // and cancels the read under way. It runs on the connection's strand and acts only on the
    // read it was set for, and only while the session (which clears state->stream) is there.
    awaitable<void> read_body(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                              bhttp::request_parser<bhttp::string_body>& parser,
                              const std::shared_ptr<ConnState>& state, std::uint64_t which, beast::error_code& ec) {
        stream.expires_never();
        state->body_timed_out = false;
        if (parser.is_done()) {  // no body: the head was the whole request
            co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
            co_return;
        }
        state->body_read = which;
        asio::steady_timer deadline(stream.get_executor(), cfg.request_timeout);
        deadline.async_wait([weak = std::weak_ptr<ConnState>(state), which](const beast::error_code& e) {
            auto s = weak.lock();
            if (e || !s || !s->stream || s->body_read != which) return;
            s->body_timed_out = true;
            beast::error_code ignored;
            s->stream->socket().shutdown(tcp::socket::shutdown_receive, ignored);
            s->stream->socket().cancel(ignored);
        });
        co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
        state->body_read = 0;
        deadline.cancel();
    }

    void finish_request(const std::shared_ptr<ConnState>& st) {
        st->busy = false;
        --in_flight;
    }

    // Requests we refuse before the handler: answer, log, and close the connection.
    awaitable<void> reject(beast::tcp_stream& stream, int status, const Request& req, unsigned version) {
        if (rejected) rejected(req, status);
        std::string_view text = status == 413 ? "Payload Too Large" : status == 431 ? "Request Header Fields Too Large"
                              : status == 408 ? "Request Timeout" : "Bad Request";
        // Version 11 for a request line we could not read (11): the answer is still HTTP/1.1.
        const std::string out = serialize_response(plain_error(status, text, cfg), version == 10 ? 10 : 11, false, false);
        stream.expires_after(std::chrono::seconds(5));
        beast::error_code ec;
        co_await asio::async_write(stream, asio::buffer(out), asio::redirect_error(use_awaitable, ec));
    }

    void run() {
        bind();
        signals.async_wait([this](const beast::error_code& ec, int) {
            if (!ec) begin_drain();
        });
        asio::co_spawn(ioc, accept_loop(), asio::detached);
        // A watchdog ends the I/O loop once draining is done (or its deadline passes).
        std::thread watchdog([this] {
            while (!draining) std::this_thread::sleep_for(std::chrono::milliseconds(50));
            auto deadline = std::chrono::steady_clock::now() + cfg.drain_timeout;
            while (connections > 0 && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            ioc.stop();
        });
        std::vector<std::thread> threads;
        for (std::size_t i = 1; i < cfg.io_threads; ++i) threads.emplace_back([this] { ioc.run(); });
        ioc.run();
        for (auto& t : threads) t.join();
        watchdog.join();
        workers.join();
    }
};

Server::Server(ServerConfig cfg, Handler handler, BodyLimit limit, Rejected rejected)
    : impl_(std::make_unique<Impl>(std::move(cfg), std::move(handler), std::move(limit), std::move(rejected))) {}
Server::~Server() = default;

void Server::run() { impl_->run(); }
void Server::stop() {
    asio::post(impl_->ioc, [this] { impl_->begin_drain(); });
}
std::uint16_t Server::bound_port() const { return impl_->port; }
std::size_t Server::open_connections() const { return impl_->connections; }
std::uint64_t Server::accept_errors() const { return impl_->accept_errors; }
std::uint64_t Server::shed_connections() const { return impl_->shed; }

}  // namespace syn::http
