// Request targets, UTF-8 checks, metrics rendering and log lines: the pure pieces
// of the HTTP adapter.

#include "http/target.h"

#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "http/log_event.h"
#include "http/metrics.h"
#include "http/utf8.h"

namespace tafel::http {
namespace {

TEST(TargetTest, DecodesPathAndQuery) {
  auto t = parse_target("/a%20b/caf%C3%A9?q=x+y&q=2&empty&z=%26");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->path, "/a b/café");
  EXPECT_EQ(t->query.count("q"), 2u);
  EXPECT_EQ(t->query.find("q")->second, "x y");
  EXPECT_EQ(t->query.find("empty")->second, "");
  EXPECT_EQ(t->query.find("z")->second, "&");
}

TEST(TargetTest, RefusesTraversalNulAndBadUtf8) {
  for (const char* bad : {"/../etc/passwd", "/a/%2e%2e/b", "/a/..%2fb", "/a/%2E%2E", "/a/.%2E/b", "/a%00", "/%FF",
                          "/%C0%AE", "/%E0%80%AF", "/%ED%A0%80", "/%F4%90%80%80", "/%zz", "relative", "", "/?q=%FF",
                          "/?q=%00", "http://evil.example/"}) {
    auto t = parse_target(bad);
    EXPECT_FALSE(t.has_value()) << bad;
    if (!t) {
      EXPECT_EQ(t.error().code, "bad_target");
    }
  }
}

TEST(TargetTest, AllowsDotsThatAreNotTraversal) {
  for (const char* good : {"/static/app.3f2a.css", "/a/...", "/a/..b", "/a/b..", "/%252e%252e"}) {
    EXPECT_TRUE(parse_target(good).has_value()) << good;
  }
}

TEST(Utf8Test, AcceptsWellFormedAndRejectsMalformed) {
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("Ça va, één, 𝄞"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));          // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAE"));      // overlong '.'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\x80"));
}

TEST(MetricsTest, RendersCountersHistogramsGaugesAndCollectors) {
  Metrics metrics;
  metrics.record_request("/a/{id}", "GET", 200, 0.002);
  metrics.record_request("/a/{id}", "GET", 200, 0.2);
  metrics.record_request("/a/{id}", "POST", 303, 7.0);
  metrics.connection_opened();
  metrics.add_collector([] { return std::vector<Metrics::Sample>{{"tafel_db_pool_in_use", "Borrowed.", "gauge", 3}}; });
  std::string text = metrics.render();
  EXPECT_NE(text.find("# TYPE tafel_http_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("tafel_http_requests_total{route=\"/a/{id}\",method=\"GET\",status=\"200\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("tafel_http_requests_total{route=\"/a/{id}\",method=\"POST\",status=\"303\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("tafel_http_request_duration_seconds_bucket{route=\"/a/{id}\",le=\"0.0025\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("tafel_http_request_duration_seconds_bucket{route=\"/a/{id}\",le=\"0.25\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("tafel_http_request_duration_seconds_bucket{route=\"/a/{id}\",le=\"5\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("tafel_http_request_duration_seconds_bucket{route=\"/a/{id}\",le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("tafel_http_request_duration_seconds_count{route=\"/a/{id}\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("tafel_http_open_connections 1\n"), std::string::npos);
  EXPECT_NE(text.find("tafel_db_pool_in_use 3\n"), std::string::npos);
}

TEST(MetricsTest, CountsExactlyUnderConcurrency) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) metrics.record_request("/x", "GET", 200, 0.001);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(metrics.request_count("/x", "GET", 200), 40000u);
  EXPECT_NE(metrics.render().find("tafel_http_request_duration_seconds_count{route=\"/x\"} 40000\n"), std::string::npos);
}

TEST(MetricsTest, EscapesLabelValues) {
  Metrics metrics;
  metrics.record_request("/a\"b\\c", "GET", 200, 0.1);
  EXPECT_NE(metrics.render().find("route=\"/a\\\"b\\\\c\""), std::string::npos);
}

TEST(LogEventTest, FieldsAreValidJsonEvenForHostileText) {
  LogEvent event("request");
  event.field("route", "/a\"b\n\\").field("status", 200).field("bytes", "\xFF\xFE").field("ms", 1.5);
  auto parsed = boost::json::parse("{" + event.fields() + "}").as_object();
  EXPECT_EQ(parsed.at("event"), "request");
  EXPECT_EQ(parsed.at("route"), "/a\"b\n\\");
  EXPECT_EQ(parsed.at("status").as_int64(), 200);
  EXPECT_EQ(parsed.at("bytes"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // two U+FFFD
}

TEST(LogEventTest, UnknownLevelIsRefused) {
  EXPECT_FALSE(configure_json_logging("verbose").has_value());
  EXPECT_TRUE(configure_json_logging("warn").has_value());
}

}  // namespace
}  // namespace tafel::http
