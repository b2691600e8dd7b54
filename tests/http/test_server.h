#pragma once
// An in-process server on 127.0.0.1 and a free port, running on its own thread for
// the duration of a test.

#include <functional>
#include <memory>
#include <thread>

#include <gtest/gtest.h>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"

namespace tafel::http::testing {

// Options with short timeouts so that timeout tests take a fraction of a second.
inline ServerOptions fast_options() {
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.threads = 2;
  options.max_header_bytes = 4096;
  options.max_body_bytes = 1024;
  options.read_timeout = std::chrono::milliseconds(300);
  options.idle_timeout = std::chrono::milliseconds(300);
  options.shutdown_timeout = std::chrono::milliseconds(3000);
  return options;
}

class TestServer {
 public:
  explicit TestServer(const std::function<void(Router&, Metrics&)>& setup, ServerOptions options = fast_options()) {
    setup(router, metrics);
    server = std::make_unique<Server>(options, router, metrics);
    auto bound = server->listen();
    EXPECT_TRUE(bound.has_value()) << (bound ? "" : bound.error().message);
    thread = std::thread([this] { server->run(); });
  }
  ~TestServer() { stop(); }

  std::uint16_t port() const { return server->port(); }

  // Stops gracefully and waits until run() has returned.
  void stop() {
    server->stop();
    if (thread.joinable()) thread.join();
  }

  Router router;
  Metrics metrics;
  std::unique_ptr<Server> server;
  std::thread thread;
};

}  // namespace tafel::http::testing
