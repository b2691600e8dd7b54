// Behind a reverse proxy (issue 11, point 7): X-Forwarded-For and X-Forwarded-Proto
// are believed from trusted proxies only, and what they say reaches the handlers
// (Request::remote_address, Request::https) and the HSTS header.

#include "http/forwarded.h"

#include <gtest/gtest.h>

#include "http/log_event.h"
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

TrustedProxies proxies(std::vector<std::string> list) {
  auto parsed = TrustedProxies::parse(list);
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().message);
  return parsed ? *parsed : TrustedProxies{};
}

TEST(TrustedProxies, MatchesAddressesAndRangesOfBothFamilies) {
  auto p = proxies({"10.0.0.0/8", "192.0.2.7", "fd00::/8", "::1"});
  EXPECT_TRUE(p.contains("10.1.2.3"));
  EXPECT_TRUE(p.contains("::ffff:10.1.2.3"));  // as a dual-stack socket reports it
  EXPECT_TRUE(p.contains("192.0.2.7"));
  EXPECT_FALSE(p.contains("192.0.2.8"));
  EXPECT_FALSE(p.contains("11.0.0.1"));
  EXPECT_TRUE(p.contains("fd12::1"));
  EXPECT_TRUE(p.contains("::1"));
  EXPECT_FALSE(p.contains("fe80::1"));
  EXPECT_FALSE(p.contains("not an address"));
  EXPECT_FALSE(p.contains(""));
  EXPECT_TRUE(proxies({"172.16.0.0/12"}).contains("172.31.255.255"));
  EXPECT_FALSE(proxies({"172.16.0.0/12"}).contains("172.32.0.0"));
  EXPECT_TRUE(TrustedProxies{}.empty());
}

TEST(TrustedProxies, RefusesWhatIsNotAnAddressOrRange) {
  for (std::string bad : {"", "localhost", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "::/129", "10.0.0.1:80"}) {
    auto parsed = TrustedProxies::parse({bad});
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().code, "invalid_trusted_proxy");
  }
}

TEST(ResolveClient, HeadersFromAnUntrustedPeerAreIgnored) {
  auto none = TrustedProxies{};
  auto c = resolve_client("203.0.113.9", false, "198.51.100.1", "https", none);
  EXPECT_EQ(c.address, "203.0.113.9");
  EXPECT_FALSE(c.https);
  auto other = proxies({"10.0.0.1"});
  c = resolve_client("203.0.113.9", true, "198.51.100.1", "http", other);
  EXPECT_EQ(c.address, "203.0.113.9");
  EXPECT_TRUE(c.https) << "TLS on the connection itself";
}

TEST(ResolveClient, ATrustedProxyNamesTheRightMostUntrustedAddress) {
  auto p = proxies({"10.0.0.0/8"});
  // The client forged the left-most entry; the proxy appended the real peer.
  auto c = resolve_client("10.0.0.2", false, "1.2.3.4, 198.51.100.1", "https", p);
  EXPECT_EQ(c.address, "198.51.100.1");
  EXPECT_TRUE(c.https);
  // Two proxies of ours in a row.
  EXPECT_EQ(resolve_client("10.0.0.2", false, "198.51.100.1, 10.0.0.3", "http", p).address, "198.51.100.1");
  // Several header lines are joined by the server.
  EXPECT_EQ(resolve_client("10.0.0.2", false, "6.6.6.6,198.51.100.1", std::nullopt, p).address, "198.51.100.1");
  // Nothing forwarded: the proxy itself.
  EXPECT_EQ(resolve_client("10.0.0.2", false, std::nullopt, std::nullopt, p).address, "10.0.0.2");
  // Garbage where an address should be: the last trusted hop.
  EXPECT_EQ(resolve_client("10.0.0.2", false, "198.51.100.1, evil", std::nullopt, p).address, "10.0.0.2");
  // IPv6 clients, with or without brackets.
  EXPECT_EQ(resolve_client("10.0.0.2", false, "[2001:db8::1]", std::nullopt, p).address, "2001:db8::1");
  EXPECT_FALSE(resolve_client("10.0.0.2", false, std::nullopt, "http", p).https);
  EXPECT_FALSE(resolve_client("10.0.0.2", false, std::nullopt, "https, http", p).https);
}

void echo_routes(Router& router, Metrics&) {
  router.add("GET", "/who", [](Request& r) { return Response::text(200, r.remote_address + (r.https ? " https" : " http")); });
}

RawResponse exchange(std::uint16_t port, const std::string& request) {
  RawConnection c(port);
  EXPECT_TRUE(c.connected());
  EXPECT_TRUE(c.send(request));
  RawResponse response;
  EXPECT_EQ(c.read_response(response, 3s), ReadOutcome::response);
  return response;
}

class ForwardedServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(configure_json_logging("error").has_value()); }
};

constexpr const char* kForwarded = "X-Forwarded-For: 198.51.100.1\r\nX-Forwarded-Proto: https\r\n";

TEST_F(ForwardedServerTest, WithoutTrustedProxiesForwardedHeadersChangeNothing) {
  TestServer server(echo_routes);
  RawResponse r = exchange(server.port(), get_request("/who", kForwarded));
  EXPECT_EQ(r.body, "127.0.0.1 http");
  EXPECT_FALSE(r.header("strict-transport-security").has_value());
}

TEST_F(ForwardedServerTest, FromATrustedProxyTheClientAddressAndHttpsReachTheHandlerAndHsts) {
  auto options = testing::fast_options();
  options.trusted_proxies = {"127.0.0.1"};
  TestServer server(echo_routes, options);
  RawResponse r = exchange(server.port(), get_request("/who", kForwarded));
  EXPECT_EQ(r.body, "198.51.100.1 https");
  EXPECT_EQ(r.header("strict-transport-security").value_or(""), "max-age=31536000; includeSubDomains");
  RawResponse plain = exchange(server.port(), get_request("/who"));
  EXPECT_EQ(plain.body, "127.0.0.1 http");
  EXPECT_FALSE(plain.header("strict-transport-security").has_value());
}

TEST_F(ForwardedServerTest, AnInvalidTrustedProxyIsRefusedAtListen) {
  auto options = testing::fast_options();
  options.trusted_proxies = {"10.0.0.0/40"};
  Router router;
  Metrics metrics;
  Server server(options, router, metrics);
  auto bound = server.listen();
  ASSERT_FALSE(bound.has_value());
  EXPECT_EQ(bound.error().code, "invalid_trusted_proxy");
}

}  // namespace
}  // namespace tafel::http
