// Robustness: 10,000 malformed or hostile requests, each answered with a 4xx or a
// closed connection, never a crash, while a well-behaved client on a keep-alive
// connection keeps getting 200s the whole time.

#include <atomic>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "http/log_event.h"
#include "raw_client.h"
#include "test_server.h"

namespace tafel::http {
namespace {

using namespace std::chrono_literals;
using testing::RawConnection;
using testing::RawResponse;
using testing::ReadOutcome;

constexpr int kMalformedRequests = 10'000;
constexpr int kSlowClients = 40;  // part of the 10,000, run alongside

// The hostile request number `i` (deterministic for a given seed).
std::string hostile_request(int i, std::mt19937& random) {
  static const std::vector<std::string> fixed = {
      // Bad methods and request lines.
      "G\x01T /ok HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET\t/nope HTTP/1.1\r\nHost: t\r\n\r\n",
      "FROB /ok HTTP/1.1\r\nHost: t\r\n\r\n",
      " GET /ok HTTP/1.1\r\n\r\n",
      "GET /ok HTTP/7\r\n\r\n",
      "GET /ok FTP/1.1\r\n\r\n",
      "GET  HTTP/1.1\r\n\r\n",
      "GET ok HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET http://other.example/ok HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET * HTTP/1.1\r\nHost: t\r\n\r\n",
      // Bad headers.
      "GET /nope HTTP/1.1\r\nHost t\r\n\r\n",
      "GET /nope HTTP/1.1\r\nBad Name: x\r\n\r\n",
      "GET /nope HTTP/1.1\r\n: empty\r\n\r\n",
      "GET /nope HTTP/1.1\r\nX: a\r\n folded\r\n\r\n",
      "GET /nope HTTP/1.1\r\nX: \x7f\x01\r\n\r\n",
      // Traversal, percent-encoded or not, and bad path bytes.
      "GET /static/../../etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET /static/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET /static/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET /static/..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET /static/.%2e/.%2e/etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET /static/%c0%ae%c0%ae/etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET /static/..\\..\\etc\\passwd HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET /caf%C3 HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET /%FF%FE%FD HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET /\xff\xfe HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET /a%00b HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET /%ED%A0%80 HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET /%zz HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET /ok?x=%FF HTTP/1.1\r\nHost: t\r\n\r\n",
      // Wrong or conflicting lengths, bad chunking, bodies above the limit.
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: -5\r\n\r\nhello",
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999999999999\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2000\r\n\r\n",
      "POST /nope HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhello world",  // rest: garbage request
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\nabc",
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" + std::string(2048, 'x') + "\r\n0\r\n\r\n",
      // Truncated requests (the client then stops sending).
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly a part",
      "GET /ok HTTP/1.1\r\nHost: t\r\n",
      "GET /ok HT",
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
      // Oversized request line and headers.
      "GET /" + std::string(5000, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET /ok HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(6000, 'b') + "\r\n\r\n",
      "GET /ok HTTP/1.1\r\n" + [] {
        std::string many;
        for (int h = 0; h < 800; ++h) many += "X-H" + std::to_string(h) + ": v\r\n";
        return many;
      }() + "\r\n",
  };
  if (i % 5 != 4) return fixed[static_cast<std::size_t>(i) % fixed.size()];
  // Every fifth: random garbage, sometimes behind a plausible start.
  std::uniform_int_distribution<int> length(1, 3000);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string garbage(static_cast<std::size_t>(length(random)), '\0');
  for (auto& c : garbage) c = static_cast<char>(byte(random));
  if (i % 2 == 0) garbage = "GET /ok HTTP/1.1\r\n" + garbage;
  return garbage;
}

// Sends one hostile request and classifies what came back. Returns an empty string
// when the outcome is acceptable, else a description of the failure.
std::string try_hostile(std::uint16_t port, const std::string& request) {
  RawConnection c(port);
  if (!c.connected()) return "could not connect";
  c.send(request);    // may fail: the server may already have answered and closed
  c.finish_sending();  // a truncated request ends here
  RawResponse r;
  switch (c.read_response(r, 3s)) {
    case ReadOutcome::response:
      if (r.status >= 400 && r.status < 500) return "";
      return "status " + std::to_string(r.status);
    case ReadOutcome::closed_before_response: return "";
    case ReadOutcome::incomplete_response: return "incomplete response";
    case ReadOutcome::timeout: return "no answer and no close within 3 s";
  }
  return "unreachable";
}

// A slowloris: trickles header lines and must be cut off near the read timeout.
std::string try_slow_client(std::uint16_t port) {
  RawConnection c(port);
  if (!c.connected()) return "could not connect";
  auto start = std::chrono::steady_clock::now();
  c.send("GET /ok HTTP/1.1\r\nHost: t\r\n");
  for (int i = 0; i < 60; ++i) {
    std::this_thread::sleep_for(25ms);
    if (!c.send("X-Slow-" + std::to_string(i) + ": x\r\n")) break;
  }
  if (!c.wait_closed(2s)) return "slow client was not cut off";
  if (std::chrono::steady_clock::now() - start > 1500ms) return "slow client was cut off too late";
  RawResponse r;
  if (c.read_response(r, 10ms) == ReadOutcome::response && r.status < 400) return "slow client got a success";
  return "";
}

TEST(RobustnessTest, TenThousandHostileRequestsNeverHurtAWellBehavedClient) {
  ASSERT_TRUE(configure_json_logging("off").has_value());
  testing::TestServer server([](Router& router, Metrics&) {
    router.add("GET", "/ok", [](Request&) { return Response::text(200, "ok"); });
    router.add("POST", "/echo", [](Request& r) { return Response::text(200, r.body); });
    // Answers 200 to anything that reaches it: a traversal attempt that got through
    // would show up as a success.
    router.add("GET", "/static/{*rest}", [](Request&) { return Response::text(200, "file"); });
  });
  const std::uint16_t port = server.port();

  std::atomic<bool> done{false};
  std::atomic<int> good_answers{0};
  std::atomic<int> good_failures{0};
  std::thread good_client([&] {
    RawConnection c(port);
    while (!done) {
      RawResponse r;
      if (!c.send(testing::get_request("/ok")) || c.read_response(r, 3s) != ReadOutcome::response) {
        // The idle timeout may close an idle connection; never an active one.
        ++good_failures;
        c = RawConnection(port);
        continue;
      }
      if (r.status == 200 && r.body == "ok") ++good_answers;
      else ++good_failures;
    }
  });

  std::vector<std::string> failures;
  std::mutex failures_mutex;
  auto record = [&](std::string failure, const std::string& what) {
    if (failure.empty()) return;
    std::lock_guard lock(failures_mutex);
    if (failures.size() < 20) failures.push_back(failure + " for: " + what.substr(0, 80));
  };

  std::vector<std::thread> attackers;
  constexpr int kThreads = 3;
  const int per_thread = (kMalformedRequests - kSlowClients) / kThreads;
  for (int t = 0; t < kThreads; ++t) {
    attackers.emplace_back([&, t] {
      std::mt19937 random(static_cast<unsigned>(1000 + t));
      for (int i = 0; i < per_thread; ++i) {
        std::string request = hostile_request(i + t, random);
        record(try_hostile(port, request), request);
      }
    });
  }
  std::vector<std::thread> slow;
  for (int s = 0; s < kSlowClients; ++s) {
    slow.emplace_back([&] { record(try_slow_client(port), "slow client"); });
  }
  for (auto& t : attackers) t.join();
  for (auto& t : slow) t.join();
  int during = good_answers.load();
  done = true;
  good_client.join();

  for (const auto& f : failures) ADD_FAILURE() << f;
  EXPECT_EQ(good_failures.load(), 0);
  EXPECT_GT(during, 100) << "the well-behaved client was starved";

  // The server is still healthy and has no leaked connections or requests.
  RawConnection after(port);
  ASSERT_TRUE(after.send(testing::get_request("/ok")));
  RawResponse r;
  ASSERT_EQ(after.read_response(r, 3s), ReadOutcome::response);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(server.metrics.in_flight(), 0);
  ASSERT_TRUE(configure_json_logging("error").has_value());
}

}  // namespace
}  // namespace tafel::http
