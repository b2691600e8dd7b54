// The server in-process on 127.0.0.1: connection handling, limits, timeouts, the
// headers every response carries, request ids, metrics and graceful shutdown.

#include "http/server.h"

#include <atomic>
#include <stdexcept>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "http/log_event.h"
#include "http/operational_routes.h"
#include "raw_client.h"
#include "test_server.h"

namespace tafel::http {
namespace {

using namespace std::chrono_literals;
using testing::get_request;
using testing::RawConnection;
using testing::RawResponse;
using testing::ReadOutcome;
using testing::TestServer;

void add_test_routes(Router& router, Metrics& metrics) {
  router.add("GET", "/ok", [](Request&) { return Response::text(200, "ok"); });
  router.add("GET", "/items/{id}", [](Request& r) { return Response::text(200, "item " + r.param("id")); });
  router.add("POST", "/echo", [](Request& r) { return Response::text(200, r.body); });
  router.add("GET", "/path/{*rest}", [](Request& r) { return Response::text(200, r.path); });
  router.add("GET", "/query", [](Request& r) { return Response::text(200, r.query_param("name").value_or("-")); });
  router.add("GET", "/throw", [](Request&) -> Response { throw std::runtime_error("database said no"); });
  router.add("GET", "/cached", [](Request&) {
    Response r = Response::text(200, "cached");
    r.set_header("Cache-Control", "public, max-age=60");
    return r;
  });
  router.add("GET", "/slow", [](Request&) {
    std::this_thread::sleep_for(400ms);
    return Response::text(200, "slow");
  });
  router.add("GET", "/id", [](Request& r) { return Response::text(200, r.request_id); });
  add_operational_routes(router, metrics, nullptr);
}

// A generated request id: 32 lower-case hex digits (128 random bits).
bool is_random_id(const std::string& id) {
  return id.size() == 32 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

RawResponse exchange(std::uint16_t port, const std::string& request, bool head = false) {
  RawConnection c(port);
  EXPECT_TRUE(c.connected());
  EXPECT_TRUE(c.send(request));
  RawResponse response;
  EXPECT_EQ(c.read_response(response, 3s, head), ReadOutcome::response);
  return response;
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(configure_json_logging("error").has_value()); }
};

TEST_F(ServerTest, ServesSeveralRequestsOnOneKeepAliveConnection) {
  TestServer server(add_test_routes);
  RawConnection c(server.port());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(c.send(get_request("/items/" + std::to_string(i))));
    RawResponse r;
    ASSERT_EQ(c.read_response(r, 3s), ReadOutcome::response) << i;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "item " + std::to_string(i));
    EXPECT_NE(r.header("connection").value_or(""), "close");
  }
  EXPECT_EQ(server.metrics.open_connections(), 1);
}

TEST_F(ServerTest, AnswersPipelinedRequestsInOrder) {
  TestServer server(add_test_routes);
  RawConnection c(server.port());
  ASSERT_TRUE(c.send(get_request("/items/a") + get_request("/items/b") + get_request("/items/c")));
  for (std::string id : {"a", "b", "c"}) {
    RawResponse r;
    ASSERT_EQ(c.read_response(r, 3s), ReadOutcome::response);
    EXPECT_EQ(r.body, "item " + id);
  }
}

TEST_F(ServerTest, Http10ConnectionIsClosedAfterTheAnswer) {
  TestServer server(add_test_routes);
  RawConnection c(server.port());
  ASSERT_TRUE(c.send("GET /ok HTTP/1.0\r\n\r\n"));
  RawResponse r;
  ASSERT_EQ(c.read_response(r, 3s), ReadOutcome::response);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(c.wait_closed(2s));
}

TEST_F(ServerTest, OversizedHeadersGet431AndTheConnectionCloses) {
  TestServer server(add_test_routes);
  RawConnection c(server.port());
  ASSERT_TRUE(c.send(get_request("/ok", "X-Filler: " + std::string(5000, 'a') + "\r\n")));
  RawResponse r;
  ASSERT_EQ(c.read_response(r, 3s), ReadOutcome::response);
  EXPECT_EQ(r.status, 431);
  EXPECT_EQ(r.header("connection").value_or(""), "close");
  EXPECT_TRUE(c.wait_closed(3s));
}

TEST_F(ServerTest, OversizedBodyGets413BeforeTheBodyIsSent) {
  TestServer server(add_test_routes);
  RawConnection c(server.port());
  ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n"));
  RawResponse r;
  ASSERT_EQ(c.read_response(r, 3s), ReadOutcome::response);
  EXPECT_EQ(r.status, 413);
}

TEST_F(ServerTest, OversizedChunkedBodyGets413) {
  TestServer server(add_test_routes);
  RawConnection c(server.port());
  std::string chunk(800, 'x');
  ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "320\r\n" + chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n"));
  RawResponse r;
  ASSERT_EQ(c.read_response(r, 3s), ReadOutcome::response);
  EXPECT_EQ(r.status, 413);
}

TEST_F(ServerTest, BodyWithinTheLimitReachesTheHandler) {
  TestServer server(add_test_routes);
  std::string body(1000, 'b');
  RawResponse r = exchange(server.port(), "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n" + body);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, body);
}

TEST_F(ServerTest, ExpectContinueGets100ThenTheAnswer) {
  TestServer server(add_test_routes);
  RawConnection c(server.port());
  ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  RawResponse interim;
  ASSERT_EQ(c.read_response(interim, 3s), ReadOutcome::response);
  EXPECT_EQ(interim.status, 100);
  ASSERT_TRUE(c.send("hello"));
  RawResponse r;
  ASSERT_EQ(c.read_response(r, 3s), ReadOutcome::response);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello");
}

TEST_F(ServerTest, SlowClientIsCutOffAfterTheReadTimeout) {
  TestServer server(add_test_routes);  // read timeout 300 ms
  RawConnection c(server.port());
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(c.send("GET /ok HTTP/1.1\r\n"));
  // One header line every 50 ms: each byte arrives in time, the request never does.
  bool cut_off = false;
  for (int i = 0; i < 40 && !cut_off; ++i) {
    std::this_thread::sleep_for(50ms);
    cut_off = !c.send("X-Drip: " + std::to_string(i) + "\r\n");
  }
  if (!cut_off) cut_off = c.wait_closed(1s);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(cut_off);
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 1500ms);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  TestServer server(add_test_routes);  // idle timeout 300 ms
  RawConnection c(server.port());
  ASSERT_TRUE(c.send(get_request("/ok")));
  RawResponse r;
  ASSERT_EQ(c.read_response(r, 3s), ReadOutcome::response);
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.wait_closed(2s));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 250ms);
}

TEST_F(ServerTest, EveryResponseCarriesTheSecurityHeaders) {
  TestServer server(add_test_routes);
  for (std::string request : {get_request("/ok"), get_request("/nowhere"), get_request("/path/%FF"),
                              get_request("/throw"), get_request("/ok", "X-Big: " + std::string(5000, 'x') + "\r\n"),
                              std::string("DELETE /ok HTTP/1.1\r\nHost: t\r\n\r\n")}) {
    RawResponse r = exchange(server.port(), request);
    SCOPED_TRACE(r.status);
    EXPECT_EQ(r.header("content-security-policy").value_or(""),
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
              "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    EXPECT_EQ(r.header("x-content-type-options").value_or(""), "nosniff");
    EXPECT_EQ(r.header("referrer-policy").value_or(""), "same-origin");
    EXPECT_EQ(r.header("x-frame-options").value_or(""), "DENY");
    EXPECT_EQ(r.header("cross-origin-opener-policy").value_or(""), "same-origin");
    EXPECT_EQ(r.header("permissions-policy").value_or(""), "camera=(), microphone=(), geolocation=()");
    EXPECT_EQ(r.header("cache-control").value_or(""), "no-store");
    EXPECT_FALSE(r.header("strict-transport-security").has_value());  // no TLS here
    EXPECT_TRUE(r.header("x-request-id").has_value());
  }
}

TEST_F(ServerTest, HandlerCacheControlIsKept) {
  TestServer server(add_test_routes);
  RawResponse r = exchange(server.port(), get_request("/cached"));
  EXPECT_EQ(r.header("cache-control").value_or(""), "public, max-age=60");
}

// Issue 11, point 13: the id handlers see (and write into audit entries through
// web::audit_origin) is always generated here; a client's X-Request-Id is only logged.
TEST_F(ServerTest, RequestIdsAreAlwaysGeneratedAndTheClientsOnlyLogged) {
  TestServer server(add_test_routes);
  RawResponse a = exchange(server.port(), get_request("/id"));
  RawResponse b = exchange(server.port(), get_request("/id"));
  EXPECT_TRUE(is_random_id(a.body)) << a.body;
  EXPECT_NE(a.body, b.body);
  EXPECT_EQ(a.header("x-request-id").value_or(""), a.body);

  ASSERT_TRUE(configure_json_logging("info").has_value());
  ::testing::internal::CaptureStderr();
  RawResponse chosen = exchange(server.port(), get_request("/id", "X-Request-Id: proxy-1234.abc_d\r\n"));
  RawResponse too_long = exchange(server.port(), get_request("/id", "X-Request-Id: " + std::string(80, 'a') + "\r\n"));
  RawResponse unsafe = exchange(server.port(), get_request("/id", "X-Request-Id: <script>alert(1)</script>\r\n"));
  server.stop();
  std::string log = ::testing::internal::GetCapturedStderr();
  ASSERT_TRUE(configure_json_logging("error").has_value());
  for (const RawResponse* r : {&chosen, &too_long, &unsafe}) {
    EXPECT_TRUE(is_random_id(r->body)) << r->body;
    EXPECT_EQ(r->header("x-request-id").value_or(""), r->body);
  }
  EXPECT_NE(log.find(R"("client_request_id":"proxy-1234.abc_d")"), std::string::npos) << log;
  EXPECT_NE(log.find(R"("client_request_id":")" + std::string(64, 'a') + "\""), std::string::npos) << log;
  EXPECT_EQ(log.find(std::string(65, 'a')), std::string::npos);
  EXPECT_EQ(log.find("<script>"), std::string::npos) << "only printable, safe characters are logged";
}

TEST_F(ServerTest, PathIsDecodedAndTraversalOrBadUtf8IsRefused) {
  TestServer server(add_test_routes);
  EXPECT_EQ(exchange(server.port(), get_request("/path/caf%C3%A9/x%20y")).body, "/path/café/x y");
  for (std::string target : {"/path/../../etc/passwd", "/path/%2e%2e/%2e%2e/etc/passwd", "/path/..%2f..%2fetc%2fpasswd",
                             "/path/%2E%2E%2F%2E%2E%2Fetc", "/path/.%2e/x", "/path/a%00b", "/path/%FF%FE",
                             "/path/%C0%AE%C0%AE/x", "/path/%ED%A0%80", "/path/%zz", "/path/.."}) {
    RawResponse r = exchange(server.port(), get_request(target));
    EXPECT_EQ(r.status, 400) << target;
  }
}

TEST_F(ServerTest, QueryIsDecoded) {
  TestServer server(add_test_routes);
  EXPECT_EQ(exchange(server.port(), get_request("/query?x=1&name=Ana+Lu%C3%ADsa")).body, "Ana Luísa");
  EXPECT_EQ(exchange(server.port(), get_request("/query?name=%FF")).status, 400);
}

TEST_F(ServerTest, HeadIsAnsweredLikeGetWithoutBody) {
  TestServer server(add_test_routes);
  RawConnection c(server.port());
  ASSERT_TRUE(c.send("HEAD /items/7 HTTP/1.1\r\nHost: t\r\n\r\n"));
  RawResponse r;
  ASSERT_EQ(c.read_response(r, 3s, /*head=*/true), ReadOutcome::response);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-length").value_or(""), "6");  // "item 7"
  // The connection is still usable and no body bytes were sent in between.
  ASSERT_TRUE(c.send(get_request("/items/8")));
  ASSERT_EQ(c.read_response(r, 3s), ReadOutcome::response);
  EXPECT_EQ(r.body, "item 8");
}

TEST_F(ServerTest, HandlerExceptionBecomesA500WithoutDetails) {
  TestServer server(add_test_routes);
  RawResponse r = exchange(server.port(), get_request("/throw"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("database said no"), std::string::npos);
}

TEST_F(ServerTest, MetricsCountRequestsByRoutePatternNotRawPath) {
  TestServer server(add_test_routes);
  for (int i = 0; i < 3; ++i) exchange(server.port(), get_request("/items/jan-peeters-" + std::to_string(i)));
  exchange(server.port(), get_request("/nowhere/else"));
  RawResponse r = exchange(server.port(), get_request("/metrics"));
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.header("content-type").value_or("").find("text/plain; version=0.0.4"), std::string::npos);
  EXPECT_NE(r.body.find("tafel_http_requests_total{route=\"/items/{id}\",method=\"GET\",status=\"200\"} 3\n"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("tafel_http_requests_total{route=\"(not found)\",method=\"GET\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(r.body.find("tafel_http_request_duration_seconds_count{route=\"/items/{id}\"} 3\n"), std::string::npos);
  EXPECT_NE(r.body.find("tafel_http_requests_in_flight 1\n"), std::string::npos);  // this very request
  EXPECT_EQ(r.body.find("jan-peeters"), std::string::npos);
  EXPECT_EQ(r.body.find("nowhere"), std::string::npos);
}

TEST_F(ServerTest, ReadyzFollowsTheReadinessCheck) {
  std::atomic<bool> ready{true};
  TestServer server([&](Router& router, Metrics& metrics) {
    add_operational_routes(router, metrics, [&]() -> Result<void> {
      if (ready) return {};
      return fail("database_unavailable", "connection to db.internal refused");
    });
  });
  RawResponse up = exchange(server.port(), get_request("/readyz"));
  EXPECT_EQ(up.status, 200);
  ready = false;
  RawResponse down = exchange(server.port(), get_request("/readyz"));
  EXPECT_EQ(down.status, 503);
  auto json = boost::json::parse(down.body);
  EXPECT_EQ(json.at("error").at("code").as_string(), "not_ready");
  EXPECT_EQ(down.body.find("db.internal"), std::string::npos);
  RawResponse health = exchange(server.port(), get_request("/healthz"));
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, R"({"status":"ok"})");
}

TEST_F(ServerTest, ConnectionsAboveTheCapAreClosed) {
  auto options = testing::fast_options();
  options.max_connections = 2;
  options.idle_timeout = 5s;
  TestServer server(add_test_routes, options);
  RawConnection a(server.port());
  RawConnection b(server.port());
  RawResponse r;
  ASSERT_TRUE(a.send(get_request("/ok")));
  ASSERT_EQ(a.read_response(r, 3s), ReadOutcome::response);
  ASSERT_TRUE(b.send(get_request("/ok")));
  ASSERT_EQ(b.read_response(r, 3s), ReadOutcome::response);
  RawConnection third(server.port());
  third.send(get_request("/ok"));
  EXPECT_EQ(third.read_response(r, 3s), ReadOutcome::closed_before_response);
  // Once a connection goes away, a new one is served again.
  a = RawConnection();
  for (int attempt = 0; attempt < 50 && server.metrics.open_connections() > 1; ++attempt) std::this_thread::sleep_for(20ms);
  RawConnection fourth(server.port());
  ASSERT_TRUE(fourth.send(get_request("/ok")));
  EXPECT_EQ(fourth.read_response(r, 3s), ReadOutcome::response);
}

TEST_F(ServerTest, GracefulStopFinishesInFlightRequestsAndClosesIdleOnes) {
  auto options = testing::fast_options();
  options.idle_timeout = 10s;
  options.read_timeout = 10s;
  TestServer server(add_test_routes, options);
  RawConnection idle(server.port());
  RawResponse r;
  ASSERT_TRUE(idle.send(get_request("/ok")));
  ASSERT_EQ(idle.read_response(r, 3s), ReadOutcome::response);

  RawConnection busy(server.port());
  ASSERT_TRUE(busy.send(get_request("/slow")));  // handled for 400 ms
  RawConnection half(server.port());
  ASSERT_TRUE(half.send("GET /ok HTTP/1.1\r\nHost: t\r\n"));  // still being received
  std::this_thread::sleep_for(100ms);

  auto start = std::chrono::steady_clock::now();
  std::thread stopper([&] { server.stop(); });
  std::this_thread::sleep_for(100ms);
  ASSERT_TRUE(half.send("\r\n"));

  ASSERT_EQ(busy.read_response(r, 3s), ReadOutcome::response);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "slow");
  EXPECT_EQ(r.header("connection").value_or(""), "close");
  ASSERT_EQ(half.read_response(r, 3s), ReadOutcome::response);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("connection").value_or(""), "close");
  EXPECT_TRUE(idle.wait_closed(1s));
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2500ms);
  RawConnection late(server.port());
  EXPECT_FALSE(late.connected());
}

TEST_F(ServerTest, AddressInUseIsReportedAsSuch) {
  TestServer first(add_test_routes);
  Router router;
  Metrics metrics;
  auto options = testing::fast_options();
  options.port = first.port();
  Server second(options, router, metrics);
  auto bound = second.listen();
  ASSERT_FALSE(bound.has_value());
  EXPECT_EQ(bound.error().code, "address_in_use");
}

// The access log: JSON lines with the route pattern, never the path or query.
TEST(ServerLogTest, LogsOneJsonLinePerRequestWithoutPathOrQuery) {
  ASSERT_TRUE(configure_json_logging("info").has_value());
  ::testing::internal::CaptureStderr();
  {
    TestServer server(add_test_routes);
    exchange(server.port(), get_request("/items/marie-dubois?birth=1990-01-01"));
  }
  std::string log = ::testing::internal::GetCapturedStderr();
  ASSERT_TRUE(configure_json_logging("error").has_value());
  EXPECT_EQ(log.find("marie"), std::string::npos) << log;
  EXPECT_EQ(log.find("1990"), std::string::npos) << log;
  int request_lines = 0;
  std::size_t start = 0;
  while (start < log.size()) {
    std::size_t end = log.find('\n', start);
    auto line = boost::json::parse(log.substr(start, end - start)).as_object();  // every line is JSON
    EXPECT_TRUE(line.contains("time"));
    EXPECT_TRUE(line.contains("level"));
    if (line.contains("event") && line.at("event") == "request") {
      ++request_lines;
      EXPECT_EQ(line.at("route"), "/items/{id}");
      EXPECT_EQ(line.at("method"), "GET");
      EXPECT_EQ(line.at("status").as_int64(), 200);
      EXPECT_EQ(line.at("request_id").as_string().size(), 32u);
      EXPECT_TRUE(line.contains("duration_ms"));
    }
    start = end + 1;
  }
  EXPECT_EQ(request_lines, 1);
  EXPECT_NE(log.find("\"event\":\"server_started\""), std::string::npos);
  EXPECT_NE(log.find("\"event\":\"server_stopped\""), std::string::npos);
}

}  // namespace
}  // namespace tafel::http
