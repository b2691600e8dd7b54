#include "web/notification_pages.h"

#include <boost/json.hpp>

#include "http/form.h"
#include "web/account_pages_support.h"
#include "web/api_support.h"
#include "web/pages.h"
#include "web/page.h"
#include "web/viewer.h"

namespace tafel::web {
namespace {

namespace json = boost::json;
using app::accounts::Authenticated;
using app::notify::Notification;
using app::notify::NotificationService;

constexpr std::size_t kInboxSize = 100;

std::vector<std::string> lines_of(const std::string& body) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= body.size()) {
    auto end = body.find('\n', start);
    std::string line = body.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty()) lines.push_back(std::move(line));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

http::Response inbox_page(const http::Request& request, const Options& options, const Authenticated& who,
                          NotificationService& service) {
  auto items = service.inbox(who.principal, kInboxSize);
  if (!items) return page_error(request, options, items.error());
  auto unread = service.unread_count(who.principal);
  if (!unread) return page_error(request, options, unread.error());

  Page page(request, options, "notifications");
  page.set_viewer(who);
  const std::string title = page.text("notify.page.title");
  page.set_title(title);
  page.set("heading", title);
  page.set("intro", page.text("notify.page.intro"));
  page.set("unread_summary", page.text("notify.page.unread_count", {{"count", *unread}}));
  page.set("has_unread", *unread > 0);
  page.set("mark_all_text", page.text("notify.page.mark_all_read"));
  page.set("empty", items->empty());
  page.set("empty_text", page.text("notify.page.empty"));
  std::string notice;
  if (auto done = request.query_param("done")) {
    if (*done == "read") notice = page.text("notify.page.done");
    if (*done == "all") notice = page.text("notify.page.done_all");
  }
  page.set("has_notice", !notice.empty());
  page.set("notice", notice);
  page.set("notice_label", page.text("notify.page.notice"));

  kainjow::mustache::data list{kainjow::mustache::data::type::list};
  for (const Notification& n : *items) {
    kainjow::mustache::data item;
    item.set("id", std::to_string(n.id));
    item.set("subject", n.subject);
    item.set("unread", !n.read_at_us.has_value());
    item.set("unread_tag", page.text("notify.page.unread_tag"));
    item.set("kind_label", page.text("notify.kind." + std::string(app::notify::name_of(n.kind))));
    item.set("received",
             page.text("notify.page.received", {{"when", service.when_text(page.lang(), n.created_at_us)}}));
    kainjow::mustache::data lines{kainjow::mustache::data::type::list};
    for (auto& line : lines_of(n.body)) lines.push_back(line);
    item.set("lines", lines);
    item.set("link", n.link);
    // A match notice of the reference index links to the matches, not to a table.
    const bool index_match = n.kind == app::notify::NotificationKind::index_match;
    item.set("link_text", page.text(index_match            ? "index.notice.open"
                                    : n.meeting_id != 0 ? "notify.page.open_meeting"
                                                        : "notify.page.open_table"));
    item.set("mark_text", page.text("notify.page.mark_read"));
    item.set("mark_label", page.text("notify.page.mark_read_label", {{"subject", n.subject}}));
    list.push_back(item);
  }
  page.set("items", list);
  return no_store(page.render("notify/index"));
}

json::object notification_json(const Notification& n) {
  json::object o{{"id", n.id},
                 {"kind", app::notify::name_of(n.kind)},
                 {"table_id", n.table_id},
                 {"meeting_id", n.meeting_id},
                 {"subject", n.subject},
                 {"body", n.body},
                 {"link", n.link},
                 {"created_at_us", n.created_at_us},
                 {"read", n.read_at_us.has_value()},
                 {"mail_state", app::notify::name_of(n.mail_state)}};
  if (n.read_at_us) o["read_at_us"] = *n.read_at_us;
  return o;
}

http::Response api_error(const Error& e) { return http::Response::error(status_for(e), e.code, e.message); }

http::ApiOperation operation(std::string method, std::string pattern, std::string summary) {
  http::ApiOperation op;
  op.method = std::move(method);
  op.pattern = std::move(pattern);
  op.summary = std::move(summary);
  op.tag = "notifications";
  op.scope = std::string(api::kSessionOnly);
  return op;
}

}  // namespace

void register_notification_routes(http::Router& router, http::ApiDocument& document, const Options& options,
                                  const AccountsContext& context, NotificationService& service) {
  NotificationService* s = &service;
  const AccountsContext* ctx = &context;
  // Pages: the signed-in user (require_viewer), POST forms checked for CSRF.
  auto guarded = [ctx, options](auto handler) {
    return signed_in_page(*ctx, options, [handler](http::Request& request, const Authenticated& who,
                                                   const http::Form&) { return handler(request, who); });
  };
  router.add("GET", "/notifications", guarded([options, s](http::Request& r, const Authenticated& who) {
               return inbox_page(r, options, who, *s);
             }));
  router.add("POST", "/notifications/read-all", guarded([options, s](http::Request& r, const Authenticated& who) {
               auto marked = s->mark_all_read(who.principal);
               if (!marked) return page_error(r, options, marked.error());
               return see_other("/notifications?done=all");
             }));
  router.add("POST", "/notifications/{id}/read", guarded([options, s](http::Request& r, const Authenticated& who) {
               auto id = api::parse_id(r.param("id"));
               if (!id) return no_store(error_page(r, options, 404));
               if (auto ok = s->mark_read(who.principal, *id); !ok) return page_error(r, options, ok.error());
               return see_other("/notifications?done=read");
             }));

  // API: browser sessions only (no token scope for notifications).
  auto api_route = [&router, &document, ctx](http::ApiOperation op, auto handler) {
    router.add(op.method, op.pattern, [ctx, handler](http::Request& request) {
      auto caller = api::authenticate(*ctx, request, api::kSessionOnly);
      if (!caller.who) return std::move(caller.refusal);
      return handler(request, *caller.who);
    });
    document.add(std::move(op));
  };
  api_route(operation("GET", "/api/v1/notifications", "The caller's notifications, unread first, with the unread count"),
            [s](http::Request&, const Authenticated& who) {
              auto items = s->inbox(who.principal, kInboxSize);
              if (!items) return api_error(items.error());
              auto unread = s->unread_count(who.principal);
              if (!unread) return api_error(unread.error());
              json::array list;
              for (const auto& n : *items) list.push_back(notification_json(n));
              return api::ok(json::object{{"unread", *unread}, {"notifications", std::move(list)}});
            });
  api_route(operation("POST", "/api/v1/notifications/{id}/read", "Mark one of the caller's notifications read"),
            [s](http::Request& request, const Authenticated& who) {
              auto id = api::parse_id(request.param("id"));
              if (!id) return http::Response::error(404, "not_found", "no such notification");
              if (auto ok = s->mark_read(who.principal, *id); !ok) return api_error(ok.error());
              return api::ok(json::object{{"ok", true}});
            });
  document_notification_answers(document);
}

}  // namespace tafel::web
