// The web pages as a browser sees them, through the router (no sockets): languages,
// escaping, error pages, the language switch and the static assets.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "http/router.h"
#include "i18n/catalog.h"
#include "web/assets.h"
#include "web/language.h"
#include "web/routes.h"
#include "web/templates.h"

namespace tafel::web {
namespace {

constexpr const char* kBrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() + 0 && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

// A request as the HTTP server hands it to the router: decoded path and query.
http::Request make_request(std::string method, std::string target,
                           std::vector<std::pair<std::string, std::string>> headers = {}) {
  http::Request request;
  request.method = std::move(method);
  request.target = target;
  size_t question = target.find('?');
  request.path = percent_decode(target.substr(0, question));
  if (question != std::string::npos) {
    std::string_view query = std::string_view(target).substr(question + 1);
    while (!query.empty()) {
      size_t amp = query.find('&');
      std::string_view pair = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      size_t eq = pair.find('=');
      request.query.emplace(percent_decode(pair.substr(0, eq)),
                            eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1)));
    }
  }
  request.headers = std::move(headers);
  return request;
}

class WebTest : public ::testing::Test {
 protected:
  void SetUp() override { configure(Options{}); }

  void configure(const Options& options) {
    router_ = http::Router();
    register_routes(router_, options);
    router_.set_error_renderer(error_renderer(options));
  }

  http::Response get(std::string target, std::vector<std::pair<std::string, std::string>> headers = {}) {
    auto request = make_request("GET", std::move(target), std::move(headers));
    return router_.dispatch(request);
  }

  // A browser's GET in language `lang` chosen by the cookie.
  http::Response get_in(const std::string& lang, std::string target) {
    return get(std::move(target), {{"accept", kBrowserAccept}, {"cookie", "lang=" + lang}});
  }

  http::Router router_;
};

// The first text that looks like a catalog key ("web.home.title"), or empty.
std::string find_key_like(const std::string& body) {
  auto is_key_char = [](char ch) { return (ch >= 'a' && ch <= 'z') || ch == '_'; };
  for (std::string_view prefix : {"web.", "common."}) {
    for (size_t at = body.find(prefix); at != std::string::npos; at = body.find(prefix, at + 1)) {
      size_t i = at + prefix.size();
      size_t start = i;
      while (i < body.size() && is_key_char(body[i])) ++i;
      if (i > start && i + 1 < body.size() && body[i] == '.' && is_key_char(body[i + 1])) {
        return body.substr(at, i + 2 - at);
      }
    }
  }
  return "";
}

size_t count(const std::string& body, std::string_view needle) {
  size_t n = 0;
  for (size_t at = body.find(needle); at != std::string::npos; at = body.find(needle, at + 1)) ++n;
  return n;
}

// True if some <script> element has no src attribute (an inline script).
bool has_inline_script(const std::string& body) {
  for (size_t at = body.find("<script"); at != std::string::npos; at = body.find("<script", at + 1)) {
    std::string tag = body.substr(at, body.find('>', at) - at);
    if (tag.find(" src=") == std::string::npos) return true;
  }
  return false;
}

// True if an attribute like onclick= appears.
bool has_event_handler(const std::string& body) {
  for (size_t at = body.find(" on"); at != std::string::npos; at = body.find(" on", at + 1)) {
    size_t i = at + 3;
    while (i < body.size() && body[i] >= 'a' && body[i] <= 'z') ++i;
    if (i > at + 3 && i < body.size() && body[i] == '=') return true;
  }
  return false;
}

const std::vector<std::string> kPages = {"/", "/about", "/no-such-page"};

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

TEST_F(WebTest, EveryPageRendersInEveryLanguageWithoutAMissingKey) {
  const auto& catalog = i18n::Catalog::builtin();
  std::vector<std::string> all_keys;
  for (auto lang : i18n::kLanguages) {
    for (auto& key : catalog.keys(lang)) all_keys.push_back(key);
  }
  for (const auto& path : kPages) {
    for (auto lang_view : i18n::kLanguages) {
      const std::string lang(lang_view);
      SCOPED_TRACE(path + " in " + lang);
      http::Response r = get_in(lang, path);
      EXPECT_EQ(r.status, path == "/no-such-page" ? 404 : 200);
      EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8");
      EXPECT_EQ(r.header("Content-Language"), lang);
      EXPECT_NE(r.body.find("<html lang=\"" + lang + "\""), std::string::npos);
      EXPECT_EQ(find_key_like(r.body), "") << "a key leaked into the page";
      for (const auto& key : all_keys) {
        ASSERT_EQ(r.body.find(key), std::string::npos) << "a key leaked into the page: " << key;
      }
      // The page really is in that language: its skip link and its heading are.
      EXPECT_NE(r.body.find(html_escape(catalog.translate(lang, "web.layout.skip_link"))), std::string::npos);
    }
  }
}

TEST_F(WebTest, PagesCarryTheirOwnContentPerLanguage) {
  const auto& catalog = i18n::Catalog::builtin();
  for (auto lang : i18n::kLanguages) {
    EXPECT_NE(get_in(std::string(lang), "/").body.find(html_escape(catalog.translate(lang, "web.home.title"))),
              std::string::npos);
    http::Response about = get_in(std::string(lang), "/about");
    EXPECT_NE(about.body.find(html_escape(catalog.translate(lang, "web.about.legal.consultation.name"))),
              std::string::npos);
  }
  EXPECT_NE(get_in("nl", "/about").body.find("procureur des Konings"), std::string::npos);
  EXPECT_NE(get_in("fr", "/about").body.find("procureur du Roi"), std::string::npos);
}

TEST_F(WebTest, EveryPageHasLandmarksASkipLinkAndOneHeading) {
  for (const auto& path : kPages) {
    SCOPED_TRACE(path);
    http::Response r = get_in("en", path);
    EXPECT_NE(r.body.find("<a href=\"#main-content\" class=\"govuk-skip-link\">Skip to main content</a>"),
              std::string::npos);
    EXPECT_NE(r.body.find("<main class=\"govuk-main-wrapper\" id=\"main-content\""), std::string::npos);
    EXPECT_NE(r.body.find("<header"), std::string::npos);
    // A page's own values never replace the layout's (the error page has its own
    // "home link" text).
    EXPECT_NE(r.body.find("class=\"tafel-header__brand\" aria-label=\"tafel – home page\""), std::string::npos);
    EXPECT_NE(r.body.find("<footer"), std::string::npos);
    EXPECT_EQ(count(r.body, "<h1 ") + count(r.body, "<h1>"), 1u);
  }
}

TEST_F(WebTest, NoInlineScriptStyleOrEventHandlerAnywhere) {
  for (const auto& path : kPages) {
    for (auto lang : i18n::kLanguages) {
      SCOPED_TRACE(path + " in " + std::string(lang));
      std::string body = get_in(std::string(lang), path).body;
      EXPECT_NE(count(body, "<script"), 0u);
      EXPECT_FALSE(has_inline_script(body));
      EXPECT_EQ(count(body, "<style"), 0u);
      EXPECT_EQ(count(body, " style="), 0u);
      EXPECT_FALSE(has_event_handler(body));
      for (std::string_view external : {"src=\"http", "src=\"//", "href=\"http", "href=\"//"}) {
        EXPECT_EQ(count(body, external), 0u) << "pages load nothing from another origin: " << external;
      }
    }
  }
}

TEST_F(WebTest, ScriptInAValueIsEscaped) {
  http::Response r = get("/<script>alert(1)</script>", {{"accept", kBrowserAccept}, {"accept-language", "en"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("<script>alert"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);

  // The current address goes into the language switch's links: quotes must not
  // break out of the attribute.
  r = get("/about?x=%22%3E%3Cscript%3Ealert(1)%3C/script%3E", {{"accept", kBrowserAccept}});
  EXPECT_EQ(r.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(r.body.find("\"><script"), std::string::npos);
}

TEST_F(WebTest, TemplatesNeverPrintUnescapedValues) {
  const auto& templates = Templates::builtin();
  std::vector<std::string> names = templates.pages();
  names.push_back("layout");
  for (const auto& name : names) {
    std::string_view source = templates.source(name);
    ASSERT_FALSE(source.empty()) << name;
    EXPECT_EQ(source.find("{{{"), std::string_view::npos) << name;
    EXPECT_EQ(source.find("{{&"), std::string_view::npos) << name;
  }
}

// A wide table scrolls inside its own box on a phone instead of the page; keyboard
// users must reach that box (axe: scrollable-region-focusable) and hear what it is.
// So every table sits in a focusable, labelled region (issue 22).
TEST_F(WebTest, EveryTableScrollsInAFocusableLabelledRegion) {
  const auto& templates = Templates::builtin();
  const std::string_view wrapper = "<div class=\"tafel-table-scroll\"";
  for (const auto& name : templates.pages()) {
    std::string_view source = templates.source(name);
    for (std::size_t at = source.find("<table"); at != std::string_view::npos; at = source.find("<table", at + 1)) {
      std::size_t open = source.rfind(wrapper, at);
      ASSERT_NE(open, std::string_view::npos) << name << ": a <table> outside .tafel-table-scroll";
      std::string_view between = source.substr(open, at - open);
      EXPECT_EQ(between.find("</div>"), std::string_view::npos) << name << ": a <table> outside .tafel-table-scroll";
      std::string_view tag = between.substr(0, between.find('>'));
      EXPECT_NE(tag.find("role=\"region\""), std::string_view::npos) << name << ": " << tag;
      EXPECT_NE(tag.find("tabindex=\"0\""), std::string_view::npos) << name << ": " << tag;
      EXPECT_TRUE(tag.find("aria-label=\"{{") != std::string_view::npos ||
                  tag.find("aria-labelledby=\"") != std::string_view::npos)
          << name << ": " << tag;
    }
  }
}

TEST_F(WebTest, MalformedTemplatesAreRejected) {
  const EmbeddedFile unclosed[] = {{"layout.mustache", "{{> content}}"}, {"a.mustache", "{{#x}} never closed"}};
  EXPECT_FALSE(Templates::parse(unclosed));
  const EmbeddedFile no_layout[] = {{"a.mustache", "fine"}};
  EXPECT_FALSE(Templates::parse(no_layout));
}

TEST_F(WebTest, LanguageComesFromAcceptLanguageThenTheCookie) {
  auto lang_of = [this](std::vector<std::pair<std::string, std::string>> headers) {
    headers.emplace_back("accept", kBrowserAccept);
    return std::string(get("/", std::move(headers)).header("Content-Language"));
  };
  EXPECT_EQ(lang_of({}), "nl");
  EXPECT_EQ(lang_of({{"accept-language", "fr-BE,fr;q=0.9,en;q=0.8"}}), "fr");
  EXPECT_EQ(lang_of({{"accept-language", "de-DE,en;q=0.7"}}), "en");
  EXPECT_EQ(lang_of({{"accept-language", "fr-BE"}, {"cookie", "theme=dark; lang=en"}}), "en");
  EXPECT_EQ(lang_of({{"accept-language", "fr-BE"}, {"cookie", "lang=de"}}), "fr") << "an unknown cookie value is ignored";
  EXPECT_EQ(lang_of({{"cookie", "lang=<script>"}}), "nl");
  EXPECT_EQ(get("/", {{"accept", kBrowserAccept}}).header("Vary"), "Accept-Language, Cookie");
}

TEST_F(WebTest, TheSwitchRemembersTheLanguageAndReturnsToThePage) {
  http::Response r = get("/language/fr?next=/about");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/about");
  std::string cookie(r.header("Set-Cookie"));
  EXPECT_NE(cookie.find("lang=fr"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);

  // The page links to the switch for the other languages and marks the current one.
  http::Response about = get_in("nl", "/about?tab=1");
  EXPECT_NE(about.body.find("href=\"/language/fr?next=/about%3Ftab%3D1\""), std::string::npos);
  EXPECT_NE(about.body.find("href=\"/language/en?next=/about%3Ftab%3D1\""), std::string::npos);
  EXPECT_EQ(about.body.find("href=\"/language/nl"), std::string::npos);
  EXPECT_NE(about.body.find("aria-current=\"true\">Nederlands<"), std::string::npos);
  // Following that link comes back to the same address, query included.
  EXPECT_EQ(get("/language/fr?next=/about%3Ftab%3D1").header("Location"), "/about?tab=1");
}

TEST_F(WebTest, TheSwitchIsNoOpenRedirect) {
  for (std::string next : {"//evil.example/x", "/%5Cevil.example", "https://evil.example/", "javascript:alert(1)",
                           "/%0d%0aSet-Cookie:x=1", ""}) {
    SCOPED_TRACE(next);
    http::Response r = get("/language/en?next=" + next);
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("Location"), "/");
  }
  EXPECT_EQ(get("/language/en").header("Location"), "/");
  EXPECT_EQ(get("/language/de?next=/about", {{"accept", kBrowserAccept}}).status, 404);
  EXPECT_TRUE(get("/language/de?next=/about").header("Set-Cookie").empty());
}

TEST_F(WebTest, NotFoundIsAPageForBrowsersAndJsonForTheApi) {
  http::Response page = get("/nope", {{"accept", kBrowserAccept}, {"accept-language", "fr"}});
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("Page introuvable"), std::string::npos);

  http::Response json = get("/nope", {{"accept", "application/json"}});
  EXPECT_EQ(json.status, 404);
  EXPECT_EQ(json.header("Content-Type"), "application/json");
  EXPECT_NE(json.body.find(R"({"error":{"code":"not_found","message":)"), std::string::npos);

  http::Response api = get("/api/v1/nope", {{"accept", kBrowserAccept}});
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.header("Content-Type"), "application/json");

  http::Response no_accept = get("/nope");
  EXPECT_EQ(no_accept.header("Content-Type"), "application/json");
}

TEST_F(WebTest, MethodNotAllowedAndServerErrorsArePagesWithoutDetails) {
  auto post = make_request("POST", "/about", {{"accept", kBrowserAccept}, {"accept-language", "en"}});
  http::Response r = router_.dispatch(post);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow"), "GET");
  EXPECT_NE(r.body.find("This is not possible here"), std::string::npos);

  router_.add("GET", "/boom", [](http::Request&) -> http::Response { throw std::runtime_error("secret detail 42"); });
  r = get("/boom", {{"accept", kBrowserAccept}, {"accept-language", "nl"}});
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("Sorry, er ging bij ons iets mis"), std::string::npos);
  EXPECT_EQ(r.body.find("secret detail"), std::string::npos);
  EXPECT_EQ(r.header("Cache-Control"), "no-store");

  r = get("/boom", {{"accept", "application/json"}});
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find(R"("code":"internal_error")"), std::string::npos);
  EXPECT_EQ(r.body.find("secret detail"), std::string::npos);
}

TEST_F(WebTest, DemoInstancesSaySoOnEveryPage) {
  const auto& catalog = i18n::Catalog::builtin();
  const std::string banner = html_escape(catalog.translate("en", "web.layout.demo_text"));
  EXPECT_EQ(get_in("en", "/").body.find(banner), std::string::npos);
  configure(Options{.demo = true, .version = "9.8.7"});
  for (const auto& path : kPages) {
    std::string body = get_in("en", path).body;
    EXPECT_NE(body.find(banner), std::string::npos) << path;
    EXPECT_NE(body.find("Version 9.8.7"), std::string::npos) << path;
  }
}

// The URL of the asset the home page links with `attribute="/static/<prefix>...<suffix>"`.
std::string linked_asset(const std::string& html, const std::string& prefix, const std::string& suffix) {
  const std::string start = "\"/static/" + prefix + ".";
  for (size_t at = html.find(start); at != std::string::npos; at = html.find(start, at + 1)) {
    size_t hash = at + start.size();
    std::string rest = html.substr(hash, 16 + suffix.size() + 1);
    bool hex = rest.size() == 16 + suffix.size() + 1 &&
               std::all_of(rest.begin(), rest.begin() + 16, [](char ch) { return hex_value(ch) >= 0; });
    if (hex && rest.substr(16) == suffix + "\"") return html.substr(at + 1, start.size() - 1 + 16 + suffix.size());
  }
  return "";
}

TEST_F(WebTest, StaticAssetsAreServedWithLongCachingAndTheirType) {
  std::string home = get_in("en", "/").body;
  struct Expected {
    std::string prefix, suffix, type, sample;
  };
  for (const auto& e : {Expected{"css/tafel", ".css", "text/css; charset=utf-8", ".govuk-skip-link"},
                        Expected{"js/htmx.min", ".js", "text/javascript; charset=utf-8", "htmx"},
                        Expected{"images/logo", ".svg", "image/svg+xml", "<svg"},
                        Expected{"images/favicon", ".svg", "image/svg+xml", "<svg"}}) {
    SCOPED_TRACE(e.prefix);
    std::string url = linked_asset(home, e.prefix, e.suffix);
    ASSERT_FALSE(url.empty()) << "the page links the asset with a content-hashed URL";
    http::Response r = get(url);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type"), e.type);
    EXPECT_EQ(r.header("Cache-Control"), "public, max-age=31536000, immutable");
    std::string etag(r.header("ETag"));
    ASSERT_FALSE(etag.empty());
    EXPECT_NE(r.body.find(e.sample), std::string::npos);
    EXPECT_NE(url.find(etag.substr(1, etag.size() - 2)), std::string::npos) << "the URL carries the content hash";

    http::Response again = get(url, {{"if-none-match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(get(url, {{"if-none-match", "\"0000000000000000\""}}).status, 200);
  }
}

TEST_F(WebTest, TheStylesheetCarriesOurBrandNotGovUks) {
  std::string css = get(linked_asset(get_in("en", "/").body, "css/tafel", ".css")).body;
  ASSERT_FALSE(css.empty());
  EXPECT_EQ(css.find("GDS Transport"), std::string::npos);
  EXPECT_EQ(css.find("url("), std::string::npos) << "no fonts or images outside our own assets";
  EXPECT_NE(css.find("system-ui"), std::string::npos);
  EXPECT_NE(css.find(".govuk-link:link{color:#0b4f5c}"), std::string::npos) << "links in tafel's petrol";
  EXPECT_NE(css.find("background-color:#ffbf3f"), std::string::npos) << "focus in tafel's amber";
  EXPECT_NE(css.find(".tafel-header{"), std::string::npos) << "our own header, not GOV.UK's";
  EXPECT_EQ(css.find(".govuk-header{"), std::string::npos);
  EXPECT_EQ(css.find(".govuk-footer{"), std::string::npos) << "GOV.UK's footer carries the royal crest";
}

TEST_F(WebTest, UnknownAssetsAndTraversalAre404) {
  for (std::string target : {"/static/", "/static/css/tafel.css", "/static/css/tafel.0000000000000000.css",
                             "/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                             "/static/css/../../../src/main.cc", "/static/..%2f..%2fCMakeLists.txt",
                             "/static//etc/passwd", "/static/images/../templates/layout.mustache"}) {
    SCOPED_TRACE(target);
    http::Response r = get(target, {{"accept", "text/css,*/*;q=0.1"}});
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.header("Cache-Control").find("immutable"), std::string::npos);
  }
  EXPECT_EQ(get("/static/nope.css", {{"accept", kBrowserAccept}}).header("Content-Type"), "text/html; charset=utf-8");
}

TEST(AssetsTest, ContentTypesByExtension) {
  EXPECT_EQ(Assets::content_type("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(Assets::content_type("a.woff2"), "font/woff2");
  EXPECT_EQ(Assets::content_type("a.png"), "image/png");
  EXPECT_EQ(Assets::content_type("css"), "application/octet-stream");
}

TEST(LanguageTest, LocalPathAcceptsOnlyPathsOnThisSite) {
  EXPECT_EQ(local_path("/about?x=1"), "/about?x=1");
  EXPECT_EQ(local_path("/"), "/");
  EXPECT_FALSE(local_path("//evil.example"));
  EXPECT_FALSE(local_path("/\\evil.example"));
  EXPECT_FALSE(local_path("about"));
  EXPECT_FALSE(local_path("/a\r\nb"));
  EXPECT_EQ(url_encode("/a b?c=d&e"), "/a%20b%3Fc%3Dd%26e");
  EXPECT_EQ(url_encode("/é"), "/%C3%A9");
}

}  // namespace
}  // namespace tafel::web
