#pragma once
// The HTTP/1.1 server on Boost.Beast. It owns sockets, parsing limits, deadlines and graceful
// shutdown (ARCHITECTURE rule 3); everything it knows about the application is one handler
// that turns a Request into a Response, run on a worker pool (handlers may block on the database).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "platform/http/message.hpp"

namespace syn::http {

struct ServerConfig {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    std::size_t io_threads = 2;
    std::size_t worker_threads = 4;          // at least the DB pool (config handler_threads)
    // The most connections open at once; from 90% of it on, the oldest idle keep-alive
    // connections are closed to make room for new clients (descriptors.hpp sizes it to the
    // process's descriptor limit).
    std::size_t max_connections = 10000;
    std::size_t max_header_bytes = 16 * 1024;
    std::chrono::seconds header_timeout{10};
    std::chrono::seconds request_timeout{30};
    std::chrono::seconds idle_timeout{15};
    std::chrono::seconds drain_timeout{30};  // how long SIGTERM waits for requests in flight
    // Headers on the answers the server makes itself (400, 408, 413, 431, and the 500 for an
    // unwritable header), so that they carry the application's security headers too.
    std::vector<std::pair<std::string, std::string>> own_headers;
    // Requests the handler answers without blocking (no database, no files: health checks and
    // embedded static assets). They run on the I/O thread that read them, sparing the hop to
    // the worker pool and back, which cost more than the answer itself.
    std::function<bool(const Request&)> runs_inline;
};

using Handler = std::function<Response(Request&)>;
// Decides the body limit from the request line and headers (forms 1 MiB, uploads 20 MiB).
using BodyLimit = std::function<std::size_t(const Request& head)>;
// Called for requests that never reach the handler (400, 408, 413, 431), and for the 500 that
// replaces an answer with an unwritable header, so that they are logged and counted too.
using Rejected = std::function<void(const Request& head, int status)>;

class Server {
public:
    Server(ServerConfig cfg, Handler handler, BodyLimit limit, Rejected rejected = {});
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds (throws std::runtime_error with a clear message on failure), then serves until
    // stop() or SIGTERM/SIGINT; returns after the drain.
    void run();
    // Graceful: stop accepting, let requests in flight finish, close idle keep-alive connections.
    void stop();
    std::uint16_t bound_port() const;
    std::size_t open_connections() const;
    // Failed accepts (out of descriptors or memory, a client gone before it was taken), and
    // idle connections closed to make room: counters for /metrics.
    std::uint64_t accept_errors() const;
    std::uint64_t shed_connections() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace syn::http
