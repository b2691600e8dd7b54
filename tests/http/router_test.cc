// The router: path parameters, the catch-all, 404 and 405 with Allow, HEAD as GET,
// and handler exceptions turned into a 500 that reveals nothing.

#include "http/router.h"

#include <stdexcept>

#include <gtest/gtest.h>

namespace tafel::http {
namespace {

Request make(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

Router sample_router() {
  Router router;
  router.add("GET", "/tables/{id}", [](Request& r) { return Response::text(200, "table " + r.param("id")); });
  router.add("PUT", "/tables/{id}", [](Request& r) { return Response::text(200, "put " + r.param("id")); });
  router.add("GET", "/tables/{id}/members/{member}",
             [](Request& r) { return Response::text(200, r.param("id") + "/" + r.param("member")); });
  router.add("GET", "/static/{*rest}", [](Request& r) { return Response::text(200, "static " + r.param("rest")); });
  router.add("GET", "/boom", [](Request&) -> Response { throw std::runtime_error("secret detail"); });
  return router;
}

TEST(RouterTest, CapturesPathParameters) {
  Router router = sample_router();
  Request r = make("GET", "/tables/42/members/7");
  Response response = router.dispatch(r);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "42/7");
  EXPECT_EQ(r.route, "/tables/{id}/members/{member}");
  EXPECT_EQ(r.param("id"), "42");
}

TEST(RouterTest, ParameterDoesNotMatchAnEmptySegmentOrExtraSegments) {
  Router router = sample_router();
  Request empty = make("GET", "/tables/");
  EXPECT_EQ(router.dispatch(empty).status, 404);
  Request extra = make("GET", "/tables/1/2");
  EXPECT_EQ(router.dispatch(extra).status, 404);
}

TEST(RouterTest, CatchAllTakesTheRestWithSlashes) {
  Router router = sample_router();
  Request r = make("GET", "/static/css/app.3f2a.css");
  EXPECT_EQ(router.dispatch(r).body, "static css/app.3f2a.css");
  EXPECT_EQ(r.route, "/static/{*rest}");
  Request bare = make("GET", "/static/");
  EXPECT_EQ(router.dispatch(bare).body, "static ");
}

TEST(RouterTest, UnknownPathIs404InTheApiErrorShape) {
  Router router = sample_router();
  Request r = make("GET", "/nothing/here");
  Response response = router.dispatch(r);
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("\"code\":\"not_found\""), std::string::npos);
  EXPECT_EQ(r.route, "(not found)");
}

TEST(RouterTest, WrongMethodIs405WithAllow) {
  Router router = sample_router();
  Request r = make("DELETE", "/tables/9");
  Response response = router.dispatch(r);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("Allow"), "GET, PUT");
}

TEST(RouterTest, HeadIsRoutedToGet) {
  Router router = sample_router();
  Request r = make("HEAD", "/tables/3");
  EXPECT_EQ(router.dispatch(r).status, 200);
  EXPECT_EQ(r.route, "/tables/{id}");
}

TEST(RouterTest, HandlerExceptionIs500AndGoesOnlyToTheHook) {
  Router router = sample_router();
  std::string logged;
  router.set_exception_hook([&](const Request&, const char* what) { logged = what; });
  Request r = make("GET", "/boom");
  Response response = router.dispatch(r);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret detail"), std::string::npos);
  EXPECT_EQ(logged, "secret detail");
}

TEST(RouterTest, ErrorRendererDecidesTheErrorPages) {
  Router router = sample_router();
  router.set_error_renderer([](const Request&, int status) { return Response::html(status, "<p>page</p>"); });
  Request r = make("GET", "/missing");
  Response response = router.dispatch(r);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, "<p>page</p>");
}

TEST(RouterTest, LaterRegistrationReplacesTheHandler) {
  Router router = sample_router();
  router.add("GET", "/tables/{id}", [](Request&) { return Response::text(200, "replaced"); });
  Request r = make("GET", "/tables/1");
  EXPECT_EQ(router.dispatch(r).body, "replaced");
  EXPECT_EQ(router.routes().size(), 5u);
}

}  // namespace
}  // namespace tafel::http
