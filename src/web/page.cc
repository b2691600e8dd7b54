#include "web/page.h"

#include <cassert>
#include <optional>

#include "app/authorization.h"
#include "web/accounts_session.h"
#include "web/assets.h"
#include "web/language.h"
#include "web/mustache_moves.h"
#include "web/templates.h"

namespace tafel::web {
namespace {

using kainjow::mustache::data;

// Who sees a signed-in item: everyone, the professionals who hold a secret
// (organisation admins and members), or the data-protection officer.
// Who a module's start page is for, where the rule is the role alone (consents,
// necessity reports and the DPO queue have their own policies, not an access::Action).
enum class Audience : std::uint8_t { everyone, practitioners, practitioners_and_dpo, dpo };

struct NavItem {
  std::string_view id;
  std::string_view href;
  std::string_view label_key;
  bool signed_in_only;
  // The right the start page asks of the viewer in their own organisation, if any:
  // the navigation never offers a page that would answer 403 (issue 22).
  std::optional<access::Action> needs = std::nullopt;
  Audience audience = Audience::everyone;
};

bool in_audience(Audience audience, std::optional<access::Role> role) {
  switch (audience) {
    case Audience::everyone:
      return true;
    case Audience::practitioners:
      return role == access::Role::organisation_admin || role == access::Role::member;
    case Audience::practitioners_and_dpo:
      return role == access::Role::organisation_admin || role == access::Role::member || role == access::Role::dpo;
    case Audience::dpo:
      return role == access::Role::dpo;
  }
  return false;
}
// The main navigation; the signed-in items are the modules' start pages.
constexpr NavItem kNavigation[] = {
    {"home", "/", "web.nav.home", false},
    {"directory", "/directory", "web.nav.directory", true},
    {"tables", "/tables", "web.nav.tables", true},
    {"situations", "/situations", "web.nav.situations", true},
    {"consents", "/consents", "web.nav.consents", true, std::nullopt, Audience::practitioners_and_dpo},
    {"agreements", "/agreements", "web.nav.agreements", true},
    {"care", "/care/services", "web.nav.care", true},
    {"index", "/index", "index.nav", true, access::Action::use_reference_index},
    {"decisions", "/may-i-share", "web.nav.decisions", true, access::Action::ask_sharing_decision},
    {"necessity", "/necessity", "necessity.nav", true, std::nullopt, Audience::practitioners},
    {"reviews", "/dpo/reviews", "necessity.nav_reviews", true, std::nullopt, Audience::dpo},
    {"audit", "/audit", "web.nav.audit", true, access::Action::view_audit_log},
    {"about", "/about", "web.nav.about", false},
};

// True when `who` may open the start page of `entry` (a missing second factor is no
// reason to hide it: the page asks for it).
bool offered(const NavItem& entry, const access::Principal* who) {
  if (!entry.signed_in_only) return true;
  if (who == nullptr) return false;
  if (!in_audience(entry.audience, who->role)) return false;
  if (!entry.needs) return true;
  auto allowed = app::authorize(*who, *entry.needs, access::Target{who->organisation_id, std::nullopt});
  return allowed || allowed.error().code == "second_factor_required";
}

// The address of this page, to come back to after switching language.
std::string return_path(const http::Request& request) {
  if (auto local = local_path(request.target)) return *local;
  return local_path(request.path).value_or("/");
}

// Where the header's login link returns to: this page; on the login pages
// themselves, where the visitor was already going (linking /login?next=/login?next=...
// would nest one level deeper on every page, found by the crawler, issue 22).
std::string login_return_path(const http::Request& request) {
  if (request.path == "/login" || request.path.starts_with("/login/")) {
    return local_path(request.query_param("next").value_or("/")).value_or("/");
  }
  return return_path(request);
}

}  // namespace

Page::Page(const http::Request& request, const Options& options, std::string_view nav_id)
    : lang_(request_language(request)), nav_id_(nav_id), accounts_(options.accounts) {
  const Assets& assets = Assets::builtin();
  layout_.set("lang", lang_);
  layout_.set("app_name", text("app.name"));
  layout_.set("tagline", text("app.tagline"));
  layout_.set("title", text("app.name"));
  layout_.set("skip_link", text("web.layout.skip_link"));
  layout_.set("home_link", text("web.layout.home_link"));
  layout_.set("language_nav", text("web.layout.language_nav"));
  layout_.set("main_nav", text("web.layout.main_nav"));
  layout_.set("footer_nav", text("web.layout.footer_nav"));
  layout_.set("footer_text", text("web.layout.footer_text"));
  layout_.set("api_docs_label", text("api.docs.footer_link"));
  layout_.set("version_text", text("web.layout.version", {{"version", options.version}}));
  layout_.set("demo", options.demo);
  layout_.set("demo_tag", text("web.layout.demo_tag"));
  layout_.set("demo_text", text("web.layout.demo_text"));
  layout_.set("asset_css", assets.url("css/tafel.css"));
  layout_.set("asset_htmx", assets.url("js/htmx.min.js"));
  layout_.set("asset_logo", assets.url("images/logo.svg"));
  layout_.set("asset_favicon", assets.url("images/favicon.svg"));

  const std::string back = url_encode(return_path(request));
  data languages{data::type::list};
  for (std::string_view code : i18n::kLanguages) {
    data item;
    item.set("code", std::string(code));
    item.set("name", text("web.lang." + std::string(code)));
    item.set("href", "/language/" + std::string(code) + "?next=" + back);
    item.set("current", code == lang_);
    languages.push_back(item);
  }
  layout_.set("languages", languages);

  build_navigation(nullptr);
  layout_.set("signed_in", false);
  layout_.set("login_href", "/login?next=" + url_encode(login_return_path(request)));
  layout_.set("login_label", text("web.layout.login"));
}

void Page::build_navigation(const access::Principal* who) {
  data nav{data::type::list};
  for (const auto& entry : kNavigation) {
    if (!offered(entry, who)) continue;
    data item;
    item.set("href", std::string(entry.href));
    item.set("label", text(entry.label_key));
    item.set("current", entry.id == nav_id_);
    nav.push_back(item);
  }
  layout_.set("nav", nav);
}

void Page::set_viewer(const app::accounts::Authenticated& who) {
  build_navigation(&who.principal);
  layout_.set("signed_in", true);
  layout_.set("user_name", who.user.display_name);
  layout_.set("account_label", text("web.layout.account"));
  layout_.set("logout_label", text("web.layout.logout"));
  layout_.set("account_nav", text("web.layout.account_nav"));
  layout_.set("account_current", nav_id_ == "account");
  layout_.set("csrf_token", who.session.csrf_token);
  layout_.set("notifications_label", text("notify.nav.label"));
  layout_.set("search_label", text("search.box.label"));
  layout_.set("search_button", text("search.box.button"));
  layout_.set("notifications_current", nav_id_ == "notifications");
  std::optional<std::int64_t> unread;
  if (accounts_ != nullptr && accounts_->unread_notifications) unread = accounts_->unread_notifications(who.principal);
  if (unread && *unread > 0) {
    layout_.set("notifications_unread", std::to_string(*unread));
    layout_.set("notifications_unread_text", text("notify.nav.unread", {{"count", *unread}}));
  }
}

std::string Page::text(std::string_view key, std::initializer_list<i18n::Arg> args) const {
  return i18n::Catalog::builtin().translate(lang_, key, args);
}

void Page::set(const std::string& name, kainjow::mustache::data value) {
  assert(name != "layout" && "the layout's values are under `layout`; pick another name");
  set_moved(view_, name, std::move(value));
}

void Page::set_title(const std::string& title) {
  layout_.set("title", text("web.layout.title", {{"page", title}}));
}

http::Response Page::render(std::string_view page_template, int status) const {
  // The layout is lent to the view for the render and taken back, not copied.
  set_moved(view_, "layout", std::move(layout_));
  struct TakeBack {
    const Page& page;
    ~TakeBack() { page.layout_ = std::move(*const_cast<kainjow::mustache::data*>(page.view_.get("layout"))); }
  };
  std::string body;
  {
    TakeBack take_back{*this};
    body = Templates::builtin().render(page_template, view_);
  }
  http::Response response = http::Response::html(status, std::move(body));
  response.set_header("Content-Language", lang_);
  response.set_header("Vary", "Accept-Language, Cookie");
  return response;
}

kainjow::mustache::data Page::text_list(std::string_view prefix, std::span<const std::string_view> ids) const {
  kainjow::mustache::data list{kainjow::mustache::data::type::list};
  for (std::string_view id : ids) list.push_back(text(std::string(prefix) + "." + std::string(id)));
  return list;
}

kainjow::mustache::data Page::text_records(std::string_view prefix, std::span<const std::string_view> ids,
                                           std::initializer_list<std::string_view> fields) const {
  kainjow::mustache::data list{kainjow::mustache::data::type::list};
  for (std::string_view id : ids) {
    const std::string item_prefix = std::string(prefix) + "." + std::string(id) + ".";
    kainjow::mustache::data record;
    for (std::string_view field : fields) record.set(std::string(field), text(item_prefix + std::string(field)));
    list.push_back(record);
  }
  return list;
}

kainjow::mustache::data choices(const std::vector<std::pair<std::string, std::string>>& items,
                                const std::string& selected) {
  kainjow::mustache::data list{kainjow::mustache::data::type::list};
  for (const auto& [value, label] : items) {
    kainjow::mustache::data c;
    c.set("value", value);
    c.set("label", label);
    c.set("selected", value == selected);
    list.push_back(c);
  }
  return list;
}

}  // namespace tafel::web
