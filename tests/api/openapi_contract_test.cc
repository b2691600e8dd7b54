// The API contract (issue 20): the document served at /api/v1/openapi.json — parsed as a
// client parses it, not the list the code builds it from — holds exactly the router's
// /api/ operations, each one complete enough for a client generator.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <set>
#include <string>

#include "accounts/fake_crypto.h"
#include "app/clock.h"
#include "cli/runtime.h"
#include "http/metrics.h"
#include "http/operational_routes.h"
#include "http/router.h"
#include "support/test_database.h"

namespace tafel {
namespace {

namespace json = boost::json;

struct Served {
  app::ManualClock clock{app::Instant{std::chrono::seconds{1'800'000'000}}};
  test_support::FakeCrypto crypto;
  std::unique_ptr<test_support::TestDatabase> db;
  std::shared_ptr<cli::Runtime> runtime;
  http::Metrics metrics;
  http::Router router;
  json::object document;
};

// Every route registered, and the document as GET /api/v1/openapi.json serves it.
std::unique_ptr<Served> serve() {
  auto s = std::make_unique<Served>();
  auto db = test_support::TestDatabase::create(storage::Engine::sqlite);
  if (!db) {
    ADD_FAILURE() << db.error().message;
    return nullptr;
  }
  s->db = std::move(*db);
  cli::Runtime::Options options;
  options.clock = &s->clock;
  options.crypto = &s->crypto;
  options.audit_key_path =
      (std::filesystem::temp_directory_path() / ("tafel-openapi-" + std::to_string(::getpid()) + ".key")).string();
  auto runtime = cli::Runtime::create(s->db->shared_database(), options);
  if (!runtime) {
    ADD_FAILURE() << runtime.error().message;
    return nullptr;
  }
  s->runtime = std::move(*runtime);
  http::add_operational_routes(s->router, s->metrics, [] { return Result<void>{}; });
  cli::build_router(s->router, *s->runtime, web::Options{});

  http::Request request;
  request.method = "GET";
  request.path = request.target = "/api/v1/openapi.json";
  request.remote_address = "192.0.2.1";
  request.request_id = "openapi";
  http::Response r = s->router.dispatch(request);
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.header("content-type").find("application/json"), std::string::npos);
  boost::system::error_code ec;
  json::value parsed = json::parse(r.body, ec);
  if (ec || !parsed.is_object()) {
    ADD_FAILURE() << "the served document is not a JSON object: " << ec.message();
    return nullptr;
  }
  s->document = parsed.as_object();
  return s;
}

const std::set<std::string> kMethods{"get", "put", "post", "delete", "patch", "head", "options", "trace"};

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

TEST(OpenApiContract, TheServedDocumentHoldsExactlyTheRoutersApiOperations) {
  auto s = serve();
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->document.contains("paths"));
  std::set<std::string> documented;
  for (const auto& [path, item] : s->document.at("paths").as_object()) {
    ASSERT_TRUE(item.is_object()) << path;
    for (const auto& [method, operation] : item.as_object()) {
      if (!kMethods.count(method)) continue;  // "parameters", "summary" of a path item
      documented.insert(upper(std::string(method)) + " " + std::string(path));
    }
  }
  std::set<std::string> routed;
  for (const auto& r : s->router.routes()) {
    // The JSON API; /api/docs is its HTML reference page, not an operation.
    if (r.pattern.starts_with("/api/v1/")) routed.insert(r.method + " " + r.pattern);
  }
  for (const auto& key : routed) EXPECT_TRUE(documented.count(key)) << "route missing from the document: " << key;
  for (const auto& key : documented) EXPECT_TRUE(routed.count(key)) << "documented but not a route: " << key;
  EXPECT_EQ(documented.size(), routed.size());
  // Paths with several methods keep all of them (the document once kept only the last).
  EXPECT_TRUE(documented.count("GET /api/v1/contact-points"));
  EXPECT_TRUE(documented.count("POST /api/v1/session"));
}

TEST(OpenApiContract, EveryOperationIsCompleteForAClient) {
  auto s = serve();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->document.at("openapi").as_string(), "3.1.0");
  std::set<std::string> operation_ids;
  for (const auto& [path, item] : s->document.at("paths").as_object()) {
    const std::string p(path);
    for (const auto& [method, value] : item.as_object()) {
      if (!kMethods.count(method)) continue;
      const std::string where = upper(std::string(method)) + " " + p;
      const auto& op = value.as_object();
      ASSERT_TRUE(op.contains("operationId")) << where;
      EXPECT_TRUE(operation_ids.insert(std::string(op.at("operationId").as_string())).second)
          << "operationId used twice: " << where;
      EXPECT_TRUE(op.contains("summary") && !op.at("summary").as_string().empty()) << where;
      ASSERT_TRUE(op.contains("responses")) << where;
      bool success = false;
      for (const auto& [status, response] : op.at("responses").as_object()) {
        if (status.starts_with("2")) success = true;
        EXPECT_TRUE(response.as_object().contains("description")) << where << " " << status;
      }
      EXPECT_TRUE(success) << "no success response: " << where;
      // Every {name} of the path is a declared, required path parameter.
      std::set<std::string> declared;
      if (op.contains("parameters")) {
        for (const auto& param : op.at("parameters").as_array()) {
          const auto& po = param.as_object();
          if (po.at("in").as_string() == "path") {
            EXPECT_TRUE(po.at("required").as_bool()) << where;
            declared.insert(std::string(po.at("name").as_string()));
          }
        }
      }
      for (auto open = p.find('{'); open != std::string::npos; open = p.find('{', open + 1)) {
        const std::string name = p.substr(open + 1, p.find('}', open) - open - 1);
        EXPECT_TRUE(declared.count(name)) << where << " does not declare " << name;
      }
      EXPECT_TRUE(op.contains("security")) << where;
    }
  }
}

}  // namespace
}  // namespace tafel
