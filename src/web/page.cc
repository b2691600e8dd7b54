#include "web/page.h"

#include <cassert>

#include "web/accounts_session.h"
#include "web/assets.h"
#include "web/language.h"
#include "web/templates.h"

namespace tafel::web {
namespace {

using kainjow::mustache::data;

struct NavItem {
  std::string_view id;
  std::string_view href;
  std::string_view label_key;
  bool signed_in_only;
};
// The main navigation; the signed-in items are the modules' start pages.
constexpr NavItem kNavigation[] = {
    {"home", "/", "web.nav.home", false},
    {"directory", "/directory", "web.nav.directory", true},
    {"tables", "/tables", "web.nav.tables", true},
    {"situations", "/situations", "web.nav.situations", true},
    {"consents", "/consents", "web.nav.consents", true},
    {"agreements", "/agreements", "web.nav.agreements", true},
    {"decisions", "/may-i-share", "web.nav.decisions", true},
    {"audit", "/audit", "web.nav.audit", true},
    {"about", "/about", "web.nav.about", false},
};

// The address of this page, to come back to after switching language.
std::string return_path(const http::Request& request) {
  if (auto local = local_path(request.target)) return *local;
  return local_path(request.path).value_or("/");
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

  build_navigation(false);
  layout_.set("signed_in", false);
  layout_.set("login_href", "/login?next=" + back);
  layout_.set("login_label", text("web.layout.login"));
}

void Page::build_navigation(bool signed_in) {
  data nav{data::type::list};
  for (const auto& entry : kNavigation) {
    if (entry.signed_in_only && !signed_in) continue;
    data item;
    item.set("href", std::string(entry.href));
    item.set("label", text(entry.label_key));
    item.set("current", entry.id == nav_id_);
    nav.push_back(item);
  }
  layout_.set("nav", nav);
}

void Page::set_viewer(const app::accounts::Authenticated& who) {
  build_navigation(true);
  layout_.set("signed_in", true);
  layout_.set("user_name", who.user.display_name);
  layout_.set("account_label", text("web.layout.account"));
  layout_.set("logout_label", text("web.layout.logout"));
  layout_.set("account_nav", text("web.layout.account_nav"));
  layout_.set("account_current", nav_id_ == "account");
  layout_.set("csrf_token", who.session.csrf_token);
  layout_.set("notifications_label", text("notify.nav.label"));
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
  view_.set(name, value);
}

void Page::set_title(const std::string& title) {
  layout_.set("title", text("web.layout.title", {{"page", title}}));
}

http::Response Page::render(std::string_view page_template, int status) const {
  kainjow::mustache::data view = view_;
  view.set("layout", layout_);
  http::Response response = http::Response::html(status, Templates::builtin().render(page_template, view));
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
