#pragma once
// The HTTP/1.1 server: Boost.Beast on a pool of threads sharing one io_context.
// Beast and Asio stay inside server.cc; this header is all the rest of tafel sees.
//
// Per connection: keep-alive and pipelining, optional TLS, a header limit (431), a
// body limit (413), an idle timeout between requests and a read timeout for a whole
// request (slow clients are cut off). Per request: the client address and scheme
// (http/forwarded.h: forwarded headers only from trusted proxies; HSTS when HTTPS),
// a generated request id (sent back as X-Request-Id; a client's own X-Request-Id is
// only logged, as client_request_id), a decoded and checked path (400 on invalid
// UTF-8, NUL or ".." segments), the security headers, one JSON log line with the
// route pattern (never the raw path or query) and the metrics. See docs/decisions/0002-http-server.md.
//
// Shutdown (stop(), or SIGTERM/SIGINT when handle_signals is set): stop accepting,
// close idle connections, let requests already being received or handled finish and
// answer them with "Connection: close", then return from run().

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "http/metrics.h"
#include "http/router.h"

namespace tafel::http {

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IPv4 or IPv6 address, or "localhost"
  std::uint16_t port = 8080;       // 0: any free port, see Server::port()
  int threads = 0;                 // 0: serving_threads(0)
  std::size_t max_header_bytes = 16 * 1024;   // request line and headers; more: 431
  std::size_t max_body_bytes = 1024 * 1024;   // more: 413
  std::chrono::milliseconds read_timeout{30'000};  // from a request's first byte to its last
  std::chrono::milliseconds idle_timeout{60'000};  // waiting for the next request
  std::size_t max_connections = 1000;               // more are closed at once
  std::chrono::milliseconds shutdown_timeout{10'000};  // then remaining connections are cut
  std::string tls_certificate_file;  // PEM chain; TLS is on when both files are set
  std::string tls_key_file;          // PEM private key
  // Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed
  // (addresses or CIDR ranges, see http/forwarded.h); empty: nobody's.
  std::vector<std::string> trusted_proxies;
  bool handle_signals = false;       // SIGTERM and SIGINT call stop()
};

// The number of serving threads for ServerOptions::threads == `configured`: itself
// when positive; otherwise 8 per hardware thread, at least 16. Handlers run on these
// threads and block on the database and on the audit group commit (a decision waits
// for its entry's commit, docs/decisions/0018): a thread that waits costs no CPU, and
// the more requests wait together, the more entries one commit carries.
int serving_threads(int configured);

class Server {
 public:
  // `router` and `metrics` must outlive the server. The server installs the
  // router's exception hook (handler exceptions are logged, never shown).
  Server(ServerOptions options, Router& router, Metrics& metrics);
  // Stops (as stop()) and waits for run() to return if it is running elsewhere.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Fails with "address_in_use", "invalid_address",
  // "invalid_trusted_proxy" or "tls_error" (unreadable certificate or key), with a
  // message for the operator.
  Result<void> listen();

  // The bound port (after listen(); useful with port 0).
  std::uint16_t port() const;
  // "http://HOST:PORT" or "https://HOST:PORT" (after listen()).
  std::string url() const;

  // Serves on the thread pool until stop() and the graceful shutdown complete.
  // Call once, after a successful listen().
  void run();

  // Starts the graceful shutdown. Thread-safe and idempotent; returns at once.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tafel::http
