// The changes posted from the meeting page: status, agenda items, time used, attendance,
// acknowledgement, decisions, actions, minutes, carry-over, declined to share.
#include "web/tables/table_pages_support.h"

#include "web/tables/table_api.h"
#include "web/viewer.h"

namespace tafel::web::table_pages {
namespace {

// --- changes from the meeting page ---------------------------------------------------------

// Runs `change` and answers with a 303 back to the meeting, or the meeting page with
// the problem (the error page for refusals).
template <typename Change>
http::Response meeting_change(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                              std::int64_t table_id, std::int64_t meeting_id, Change&& change,
                              std::string_view done = {}) {
  Result<void> r = change(caller_of(request, who));
  if (!r) {
    if (refused(r.error())) return refusal(request, ctx.options, r.error());
    Page page(request, ctx.options, "tables");
    return meeting_view(request, ctx, who, table_id, meeting_id, problem_text(page, r.error()),
                        table_status_for(r.error()));
  }
  std::string target = base_of(table_id, meeting_id);
  if (!done.empty()) target += "?done=" + std::string(done);
  return see_other(target);
}

}  // namespace

void register_meeting_changes(http::Router& router, const Ctx& ctx) {
  TableService* s = ctx.tables;
  const std::string meeting = "/tables/{id}/meetings/{meeting}";
  // The meeting's changes: each a POST form on the meeting page.
  using Change = std::function<Result<void>(const Form&, const Caller&, std::int64_t, std::int64_t)>;
  auto post = [&](const std::string& suffix, Change change, std::string_view done = {}) {
    router.add("POST", meeting + suffix,
               guarded(ctx, [ctx, change, done](http::Request& r, const Authenticated& who, const Form& form) {
                 auto ids = ids_of(r);
                 if (!ids) return not_found(r, ctx);
                 return meeting_change(r, ctx, who, ids->table, ids->meeting,
                                       [&](const Caller& c) { return change(form, c, ids->table, ids->meeting); }, done);
               }));
  };
  post("/status", [s](const Form& f, const Caller& c, std::int64_t t, std::int64_t m) -> Result<void> {
    std::string v = f.value("status");
    if (v == "open") return s->open_meeting(c, t, m);
    if (v == "close") return s->close_meeting(c, t, m);
    if (v == "cancel") return s->cancel_meeting(c, t, m);
    return fail("invalid_input", "status");
  });
  post("/items", [s](const Form& f, const Caller& c, std::int64_t t, std::int64_t m) -> Result<void> {
    auto kind = tb::parse_item_kind(f.value("kind"));
    if (!kind) return fail("invalid_input", "kind");
    tb::AgendaItem item;
    item.kind = *kind;
    item.title = f.value("title");
    item.time_box_minutes = int_of(f.value("time_box"), 0);
    item.case_id = parse_record_id(f.value("case_id")).value_or(0);
    // The owner is a delegate of the table (the caller when none is chosen).
    if (auto owner = parse_record_id(f.value("owner")); owner && *owner != c.principal.user_id) {
      auto table = s->table(c, t);
      if (!table) return tl::unexpected(table.error());
      const tb::Delegate* d = table->delegate(*owner);
      if (!d) return fail("invalid_input", "owner");
      item.owner_user = d->user;
      item.owner_organisation = d->organisation;
    }
    return as_void(s->add_agenda_item(c, t, m, std::move(item)));
  });
  post("/time-used", [s](const Form& f, const Caller& c, std::int64_t t, std::int64_t m) -> Result<void> {
    auto item = parse_record_id(f.value("item"));
    if (!item) return fail("invalid_input", "item");
    return s->record_time_used(c, t, m, *item, int_of(f.value("minutes"), -1));
  });
  post("/attendance", [s](const Form& f, const Caller& c, std::int64_t t, std::int64_t m) -> Result<void> {
    auto user = parse_record_id(f.value("person"));
    auto presence = tb::parse_presence(f.value("presence").empty() ? "present" : f.value("presence"));
    if (!user || !presence) return fail("invalid_input", "person");
    auto table = s->table(c, t);
    if (!table) return tl::unexpected(table.error());
    const tb::Delegate* d = table->delegate(*user);
    if (!d) return fail("invalid_input", "person");
    return s->record_attendance(c, t, m, *user, d->organisation, *presence);
  });
  post("/acknowledgement", [s](const Form&, const Caller& c, std::int64_t t, std::int64_t m) -> Result<void> {
    return as_void(s->acknowledge_secrecy(c, t, m));
  });
  post("/decisions", [s](const Form& f, const Caller& c, std::int64_t t, std::int64_t m) -> Result<void> {
    return as_void(s->add_decision(c, t, m, parse_record_id(f.value("item")).value_or(0), f.value("text")));
  });
  post("/actions", [s](const Form& f, const Caller& c, std::int64_t t, std::int64_t m) -> Result<void> {
    tb::ActionItem a;
    a.description = f.value("description");
    a.owner_organisation = parse_record_id(f.value("owner_organisation")).value_or(0);
    a.owner_user = parse_record_id(f.value("owner_person")).value_or(0);
    a.due = f.value("due");
    a.item_id = parse_record_id(f.value("item")).value_or(0);
    return as_void(s->add_action(c, t, m, std::move(a)));
  });
  post("/minutes", [s](const Form& f, const Caller& c, std::int64_t t, std::int64_t m) -> Result<void> {
    if (f.get("reason")) return s->correct_minutes(c, t, m, f.value("markdown"), f.value("reason"));
    return s->draft_minutes(c, t, m, f.value("markdown"));
  }, "saved");
  post("/approval", [s](const Form&, const Caller& c, std::int64_t t, std::int64_t m) -> Result<void> {
    return as_void(s->approve_minutes(c, t, m));
  }, "approved");
  post("/carry-over", [s](const Form& f, const Caller& c, std::int64_t t, std::int64_t m) -> Result<void> {
    auto item = parse_record_id(f.value("item"));
    if (!item) return fail("invalid_input", "item");
    return s->mark_carry_over(c, t, m, *item, f.value("carry") == "1");
  }, "saved");
  post("/carry-over-again", [s](const Form&, const Caller& c, std::int64_t t, std::int64_t m) -> Result<void> {
    return as_void(s->carry_over(c, t, m));
  }, "carried");
  post("/declined", [s](const Form& f, const Caller& c, std::int64_t t, std::int64_t m) -> Result<void> {
    auto item = parse_record_id(f.value("item"));
    auto reason = tb::parse_decline_reason(f.value("reason").empty() ? "none" : f.value("reason"));
    if (!item || !reason) return fail("invalid_input", "item");
    return s->decline_to_share(c, t, m, *item, *reason);
  }, "declined");
  post("/declined/withdraw", [s](const Form& f, const Caller& c, std::int64_t t, std::int64_t m) -> Result<void> {
    auto item = parse_record_id(f.value("item"));
    if (!item) return fail("invalid_input", "item");
    return s->withdraw_declined(c, t, m, *item);
  }, "withdrawn");
}

}  // namespace tafel::web::table_pages
