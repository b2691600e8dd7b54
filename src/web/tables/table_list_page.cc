// The /tables list, the personal calendar address, and the new-table form.
#include "web/tables/table_pages_support.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "app/authorization.h"
#include "web/viewer.h"

namespace tafel::web::table_pages {
namespace {

// --- /tables ------------------------------------------------------------------------------

// The start of an address the user copies elsewhere: the configured public URL; else
// the scheme tafel serves (X-Forwarded-* is not believed here) and the request's
// Host when it is a plain host[:port]; else nothing (the path alone).
std::string public_base(const http::Request& request, const Ctx& ctx) {
  std::string base = ctx.options.public_url;
  if (!base.empty()) {
    while (base.ends_with('/')) base.pop_back();
    return base;
  }
  std::string host(request.header("host").value_or(""));
  const bool plain = !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
  if (!plain) return {};
  return (ctx.accounts.tls ? "https://" : "http://") + host;
}

http::Response index_page(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                          const std::string& feed_path = {}) {
  Caller caller = caller_of(request, who);
  // A malformed cursor starts from the first page rather than failing the page.
  auto tables = ctx.tables->my_tables(caller, parse_record_id(request.query_param("after").value_or("")));
  if (!tables) return refusal(request, ctx.options, tables.error());
  Names names(ctx, who);
  Page page = table_page_of(request, ctx.options, who, "");
  page.set_title(page.text("tables.index.title"));
  page.set("heading", page.text("tables.index.title"));
  page.set("intro", page.text("tables.index.intro"));
  set_notice(page, request);
  set_problem(page, "");
  page.set("can_create", static_cast<bool>(app::authorize(who.principal, tb::TableAction::create_table, {})));
  page.set("create_text", page.text("tables.index.create"));

  std::vector<data> sections;
  Section mine{"my-tables", page.text("tables.index.mine"),
               {page.text("tables.field.name"), page.text("tables.field.kind"), page.text("tables.field.basis"),
                page.text("tables.field.members")}};
  mine.empty_text = page.text("tables.index.no_tables");
  for (const auto& t : tables->tables) {
    mine.row(cell(t.name, base_of(t.id)), cell(page.text("tables.kind." + std::string(tb::name_of(t.kind)))),
             cell(page.text("tables.basis." + std::string(tb::name_of(t.basis)))),
             cell(std::to_string(t.members.size())));
  }
  if (tables->next) {
    mine.next_href = "/tables?after=" + std::to_string(*tables->next) + "#my-tables";
    mine.next_text = page.text("tables.index.next");
  }
  sections.push_back(mine.build());

  Section upcoming{"upcoming", page.text("tables.index.upcoming"),
                   {page.text("tables.field.when"), page.text("tables.field.table"), page.text("tables.field.venue")}};
  upcoming.empty_text = page.text("tables.index.no_meetings");
  if (auto meetings = ctx.tables->upcoming_meetings(caller, 10)) {
    for (const auto& m : *meetings) {
      upcoming.row(cell(when(m.meeting.local_start), base_of(m.table_id, m.meeting.id)), cell(m.table_name),
                   cell(m.meeting.venue));
    }
  }
  sections.push_back(upcoming.build());

  auto action_rows = [&](Section& s, const Result<std::vector<app::tables::ActionRef>>& actions) {
    if (!actions) return;
    for (const auto& a : *actions) {
      s.row(cell(a.action.description), cell(a.table_name, base_of(a.table_id)), cell(date_text(a.action.due)),
            cell(names.user(a.action.owner_user)));
    }
  };
  const std::vector<std::string> action_head = {page.text("tables.field.action"), page.text("tables.field.table"),
                                                page.text("tables.field.due"), page.text("tables.field.owner")};
  Section open{"my-actions", page.text("tables.index.my_actions"), action_head};
  open.empty_text = page.text("tables.index.no_actions");
  action_rows(open, ctx.tables->my_open_actions(caller));
  sections.push_back(open.build());
  Section overdue{"overdue", page.text("tables.index.overdue",
                                       {{"organisation", names.organisation(who.principal.organisation_id)}}),
                  action_head};
  overdue.empty_text = page.text("tables.index.no_overdue");
  action_rows(overdue, ctx.tables->overdue_actions(caller));
  sections.push_back(overdue.build());
  // Overdue actions per organisation: for organisation and platform admins.
  if (app::authorize(who.principal, tb::TableAction::view_overview, {})) {
    Section per_org{"overdue-per-organisation", page.text("tables.overview.heading"),
                    {page.text("tables.field.organisation"), page.text("tables.field.action"),
                     page.text("tables.field.due")}};
    per_org.empty_text = page.text("tables.overview.none");
    if (auto groups = ctx.tables->overdue_by_organisation(caller)) {
      std::string counts;
      for (const auto& g : *groups) {
        counts += (counts.empty() ? "" : "; ") +
                  page.text("tables.overview.count", {{"organisation", names.organisation(g.organisation)},
                                                      {"n", static_cast<std::int64_t>(g.actions.size())}});
        for (const auto& a : g.actions) {
          per_org.row(cell(names.organisation(g.organisation)), cell(a.action.description, base_of(a.table_id)),
                      cell(date_text(a.action.due)));
        }
      }
      per_org.note = counts;
    }
    sections.push_back(per_org.build());
  }
  Section received{"feedback-received", page.text("tables.feedback.received",
                                                  {{"organisation", names.organisation(who.principal.organisation_id)}}),
                   {page.text("tables.field.table"), page.text("tables.field.when"), page.text("tables.feedback.open")}};
  received.empty_text = page.text("tables.feedback.no_received");
  if (auto forms = ctx.tables->received_feedback(caller)) {
    for (const auto& f : *forms) {
      received.row(cell(f.table_name), cell(when(f.meeting_start)),
                   cell(page.text("tables.feedback.open"),
                        base_of(f.table_id, f.meeting_id) + "/feedback/" + std::to_string(f.form.id)));
    }
    if (!forms->empty() || access::sees_personal_data(who.principal.role)) sections.push_back(received.build());
  }
  data list{data::type::list};
  for (auto& s : sections) push_moved(list, std::move(s));
  page.set("sections", std::move(list));

  page.set("feed_heading", page.text("tables.feed.heading"));
  page.set("feed_text", page.text("tables.feed.text"));
  page.set("feed_create", page.text("tables.feed.create"));
  page.set("feed_revoke", page.text("tables.feed.revoke"));
  page.set("has_feed", !feed_path.empty());
  if (!feed_path.empty()) {
    page.set("feed_label", page.text("tables.feed.label"));
    page.set("feed_shown_once", page.text("tables.feed.shown_once"));
    page.set("feed_url", public_base(request, ctx) + feed_path);
  }
  return no_store(page.render("tables/index"));
}

// --- /tables/new ----------------------------------------------------------------------------

struct Person {
  access::UserId id = 0;
  access::OrganisationId organisation = 0;
  std::string label;
};

// The member organisations chosen on the new-table form (the caller's own before
// anything was posted).
std::vector<access::OrganisationId> members_chosen(const http::Request& request, const Authenticated& who,
                                                   const http::Form& form) {
  std::vector<access::OrganisationId> out;
  if (request.method != "POST") return {who.principal.organisation_id};
  for (const auto& v : form.all("members")) {
    if (auto id = parse_record_id(v)) out.push_back(*id);
  }
  return out;
}

// The people who may sit at a new table with `members`: the active users of those
// organisations (and of the caller's own), named with their organisation, through
// the authorised lookup. Never the users of organisations that are not at the table.
std::vector<Person> people(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                           const Names& names, const std::vector<access::OrganisationId>& members) {
  std::vector<Person> out;
  auto found = ctx.tables->delegate_candidates(caller_of(request, who), members);
  if (!found) return out;
  for (const auto& c : *found) {
    out.push_back({c.user, c.organisation, c.display_name + " (" + names.organisation(c.organisation) + ")"});
  }
  return out;
}

// The rule the simple choices describe, or the advanced rule when one is given.
std::string rule_of(const http::Form& form) {
  std::string advanced = form.value("rule");
  while (!advanced.empty() && advanced.back() == ' ') advanced.pop_back();
  if (advanced.starts_with("RRULE:")) advanced = advanced.substr(6);
  if (!advanced.empty()) return advanced;
  std::string frequency = form.value("frequency");
  std::string interval = form.value("interval").empty() ? "1" : form.value("interval");
  std::string weekday = form.value("weekday").empty() ? "TU" : form.value("weekday");
  if (frequency == "weekly") return "FREQ=WEEKLY;INTERVAL=" + interval + ";BYDAY=" + weekday;
  if (frequency == "monthly") {
    std::string week = form.value("week").empty() ? "1" : form.value("week");
    return "FREQ=MONTHLY;INTERVAL=" + interval + ";BYDAY=" + week + weekday;
  }
  return "";
}

http::Response new_table_form(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                              const http::Form& form, const std::string& error_field = {},
                              const std::string& error_text = {}) {
  Names names(ctx, who);
  Page page = table_page_of(request, ctx.options, who, "");
  std::string heading = page.text("tables.new.title");
  page.set_title(heading);
  page.set("heading", heading);
  page.set("intro", page.text("tables.new.intro"));
  page.set("has_back", true);
  page.set("back_href", "/tables");
  page.set("back_text", page.text("tables.back"));
  const bool posted = request.method == "POST";
  auto value = [&](const char* name, std::string fallback = {}) {
    return posted ? form.value(name) : std::move(fallback);
  };
  std::vector<Field> f;
  auto field = [&](std::string name, std::string type, std::string value_text, std::string hint_key = {}) {
    Field x;
    x.label = page.text("tables.field." + name);
    x.name = std::move(name);
    x.type = std::move(type);
    x.value = std::move(value_text);
    if (!hint_key.empty()) x.hint = page.text(hint_key);
    f.push_back(std::move(x));
    return &f.back();
  };
  field("name", "text", value("name"));
  Field* kind = field("kind", "radios", "");
  for (auto k : {tb::TableKind::thematic, tb::TableKind::case_consultation, tb::TableKind::mixed}) {
    std::string n(tb::name_of(k));
    kind->choices.push_back({n, page.text("tables.kind." + n), value("kind", "thematic") == n});
  }
  Field* basis = field("basis", "select", "", "tables.hint.basis");
  for (auto b : {tb::LegalBasis::none, tb::LegalBasis::agreement, tb::LegalBasis::law, tb::LegalBasis::decree,
                 tb::LegalBasis::ordinance, tb::LegalBasis::prosecutor_authorisation}) {
    std::string n(tb::name_of(b));
    basis->choices.push_back({n, page.text("tables.basis." + n), value("basis", "none") == n});
  }
  field("basis_reference", "text", value("basis_reference"), "tables.hint.basis_reference");
  field("basis_document", "text", value("basis_document"), "tables.hint.basis_document");
  Field* finality = field("finality", "checkboxes", "");
  std::set<std::string> chosen_purposes;
  for (const auto& v : form.all("finality")) chosen_purposes.insert(v);
  for (std::size_t i = 0; i < sharing::term_count<sharing::Purpose>(); ++i) {
    std::string n(sharing::name_of(static_cast<sharing::Purpose>(i)));
    finality->choices.push_back({n, page.text("sharing.purpose." + n), chosen_purposes.count(n) > 0});
  }
  field("finality_statement", "textarea", value("finality_statement"));
  field("agreement", "text", value("agreement"), "tables.hint.agreement")->width_class = "govuk-input--width-10";
  field("case_retention_days", "text", value("case_retention_days"), "tables.hint.case_retention_days")->width_class =
      "govuk-input--width-5";
  Field* members = field("members", "checkboxes", "", "tables.hint.members");
  std::set<std::string> chosen_members;
  for (const auto& v : form.all("members")) chosen_members.insert(v);
  if (!posted) chosen_members.insert(std::to_string(who.principal.organisation_id));
  for (const auto& [id, name] : names.organisations()) {
    members->choices.push_back({std::to_string(id), name, chosen_members.count(std::to_string(id)) > 0});
  }
  // People of the chosen organisations only: choosing others and pressing "show
  // their people" posts the form back here (step=people), without JavaScript.
  auto everyone = people(request, ctx, who, names, members_chosen(request, who, form));
  Field* chair = field("chair", "select", "");
  Field* secretary = field("secretary", "select", "", "tables.hint.secretary");
  secretary->choices.push_back({"", page.text("tables.new.no_secretary"), value("secretary").empty()});
  Field* delegates = field("delegates", "checkboxes", "", "tables.hint.delegates");
  std::set<std::string> chosen_delegates;
  for (const auto& v : form.all("delegates")) chosen_delegates.insert(v);
  for (const auto& p : everyone) {
    std::string id = std::to_string(p.id);
    chair->choices.push_back({id, p.label, value("chair", std::to_string(who.principal.user_id)) == id});
    secretary->choices.push_back({id, p.label, value("secretary") == id});
    delegates->choices.push_back({id, p.label, chosen_delegates.count(id) > 0});
  }
  field("secrecy_text", "textarea", value("secrecy_text", page.text("tables.new.secrecy_default")),
        "tables.hint.secrecy_text");
  // The first series: simple choices, or an RFC 5545 rule for the rest.
  Field* frequency = field("frequency", "radios", "");
  for (const char* n : {"monthly", "weekly", "none"}) {
    frequency->choices.push_back({n, page.text(std::string("tables.frequency.") + n), value("frequency", "monthly") == n});
  }
  field("interval", "text", value("interval", "1"), "tables.hint.interval")->width_class = "govuk-input--width-2";
  Field* week = field("week", "select", "");
  for (const char* n : {"1", "2", "3", "4", "-1"}) {
    week->choices.push_back({n, page.text(std::string("tables.week.") + (n[0] == '-' ? "last" : n)),
                             value("week", "2") == n});
  }
  Field* weekday = field("weekday", "select", "");
  for (const char* n : {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}) {
    weekday->choices.push_back({n, page.text(std::string("tables.weekday.") + n), value("weekday", "TU") == n});
  }
  field("start_date", "text", value("start_date"), "tables.hint.date")->width_class = "govuk-input--width-10";
  field("start_time", "text", value("start_time", "19:00"), "tables.hint.time")->width_class = "govuk-input--width-5";
  field("duration", "text", value("duration", "90"), "tables.hint.duration")->width_class = "govuk-input--width-5";
  field("venue", "text", value("venue"));
  field("video_link", "text", value("video_link"), "tables.hint.video_link");
  field("rule", "text", value("rule"), "tables.hint.rule");
  if (!error_field.empty()) {
    auto it = std::find_if(f.begin(), f.end(), [&](const Field& x) { return x.name == error_field; });
    (it == f.end() ? f.front() : *it).error = error_text;
  }
  page.set("has_form", true);
  auto form_view = form_data(page, "/tables/new", f, who.session.csrf_token, page.text("tables.new.submit"));
  form_view.set("has_secondary", true);
  form_view.set("secondary_name", "step");
  form_view.set("secondary_id", "show-people");
  form_view.set("secondary", page.text("tables.new.show_people"));
  page.set("form", form_view);
  return no_store(page.render("accounts/account_form", error_field.empty() ? 200 : 422));
}

// The field a failure of the create form is about, from its message ("name must ...").
std::string field_of(const Error& e) {
  static constexpr std::string_view kFields[] = {"basis_reference", "secrecy_text", "finality_statement",
                                                 "name",            "members",      "agreement",
                                                 "venue",           "video_link",   "case_retention_days"};
  for (auto f : kFields) {
    if (e.message.starts_with(f)) return std::string(f);
  }
  if (e.code == "cases_not_allowed") return "kind";
  if (e.message.find("chair") != std::string::npos) return "chair";
  if (e.message.find("secretary") != std::string::npos) return "secretary";
  if (e.message.find("delegate") != std::string::npos || e.message.find("person") != std::string::npos) {
    return "delegates";
  }
  if (e.message.find("duration") != std::string::npos) return "duration";
  return "name";
}

http::Response create_table(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                            const http::Form& form) {
  // Showing the people of the chosen organisations creates nothing.
  if (!form.value("step").empty()) return new_table_form(request, ctx, who, form);
  Page page(request, ctx.options, "tables");
  auto invalid = [&](const std::string& field, const Error& e) {
    std::string text = problem_text(page, e);
    if (e.code == "invalid_rule") text += " (" + e.message + ")";
    return new_table_form(request, ctx, who, form, field, text);
  };
  app::tables::TableDraft d;
  d.name = form.value("name");
  auto kind = tb::parse_table_kind(form.value("kind"));
  auto basis = tb::parse_legal_basis(form.value("basis"));
  if (!kind) return invalid("kind", Error{"invalid_input", "kind"});
  if (!basis) return invalid("basis", Error{"invalid_input", "basis"});
  d.kind = *kind;
  d.basis = *basis;
  d.basis_reference = form.value("basis_reference");
  d.basis_document = form.value("basis_document");
  for (const auto& v : form.all("finality")) {
    if (auto p = sharing::parse_term<sharing::Purpose>(v)) d.finality.add(*p);
  }
  d.finality_statement = form.value("finality_statement");
  d.agreement = form.value("agreement");
  if (!form.value("case_retention_days").empty()) {
    auto days = parse_record_id(form.value("case_retention_days"));
    if (!days || *days > tb::kMaxRetentionDays) {
      return invalid("case_retention_days",
                     Error{"invalid_input", "case_retention_days must be a whole number of days, 1 to 36500"});
    }
    d.case_retention_days = static_cast<std::int32_t>(*days);
  }
  d.secrecy_text = form.value("secrecy_text");
  for (const auto& v : form.all("members")) {
    if (auto id = parse_record_id(v)) d.members.push_back(*id);
  }
  // Delegates: their organisation is their own; the chair and secretary take their roles.
  Names names(ctx, who);
  std::map<access::UserId, access::OrganisationId> org_of;
  for (const auto& p : people(request, ctx, who, names, d.members)) org_of[p.id] = p.organisation;
  auto chair = parse_record_id(form.value("chair")).value_or(who.principal.user_id);
  auto secretary = parse_record_id(form.value("secretary"));
  std::vector<access::UserId> seated = {chair};
  if (secretary && *secretary != chair) seated.push_back(*secretary);
  for (const auto& v : form.all("delegates")) {
    if (auto id = parse_record_id(v); id && std::find(seated.begin(), seated.end(), *id) == seated.end()) {
      seated.push_back(*id);
    }
  }
  for (auto user : seated) {
    auto org = org_of.find(user);
    if (org == org_of.end()) return invalid("delegates", Error{"invalid_input", "delegates"});
    tb::TableRole role = user == chair ? tb::TableRole::chair
                         : secretary && user == *secretary ? tb::TableRole::secretary
                                                           : tb::TableRole::delegate;
    d.delegates.push_back({user, org->second, role});
    // A delegate's organisation sits at the table.
    if (std::find(d.members.begin(), d.members.end(), org->second) == d.members.end()) d.members.push_back(org->second);
  }

  // The first series is checked before anything is created.
  std::optional<tb::Series> series;
  std::string rule = rule_of(form);
  if (!rule.empty()) {
    auto start = tb::parse_local_time(form.value("start_date") + "T" + form.value("start_time"));
    if (!start) return invalid(form.value("start_date").size() == 10 ? "start_time" : "start_date", start.error());
    tb::Series s;
    s.rule = rule;
    s.start = *start;
    s.duration_minutes = static_cast<int>(parse_record_id(form.value("duration")).value_or(0));
    s.venue = form.value("venue");
    s.video_link = form.value("video_link");
    if (auto ok = ctx.tables->check_series(s); !ok) {
      std::string f = ok.error().code == "invalid_rule" ? (form.value("rule").empty() ? "frequency" : "rule")
                                                        : field_of(ok.error());
      return invalid(f, ok.error());
    }
    series = std::move(s);
  }
  // Only a chair adds a series: when someone else is named chair, the creator chairs
  // until the series is in place and then hands the table over.
  Caller caller = caller_of(request, who);
  app::tables::TableDraft first = d;
  const bool hand_over = chair != who.principal.user_id;
  if (hand_over) {
    std::erase_if(first.delegates, [&](const tb::Delegate& x) { return x.user == who.principal.user_id; });
    for (auto& x : first.delegates) {
      if (x.role == tb::TableRole::chair) x.role = tb::TableRole::delegate;
    }
    first.delegates.insert(first.delegates.begin(),
                           tb::Delegate{who.principal.user_id, who.principal.organisation_id, tb::TableRole::chair});
  }
  auto table = ctx.tables->create_table(caller, std::move(first));
  if (!table) {
    if (table.error().code == "forbidden") return refusal(request, ctx.options, table.error());
    return invalid(field_of(table.error()), table.error());
  }
  if (series) {
    if (auto added = ctx.tables->add_series(caller, table->id, *series); !added) {
      return table_view(request, ctx, who, table->id, problem_text(page, added.error()), 422);
    }
  }
  if (hand_over) {
    if (auto updated = ctx.tables->update_table(caller, table->id, std::move(d)); !updated) {
      return table_view(request, ctx, who, table->id, problem_text(page, updated.error()), 422);
    }
  }
  return see_other(base_of(table->id) + "?done=created");
}

}  // namespace

void register_table_list_pages(http::Router& router, const Ctx& ctx) {
  TableService* s = ctx.tables;
  router.add("GET", "/tables", guarded(ctx, [ctx](http::Request& r, const Authenticated& who, const Form&) {
               return index_page(r, ctx, who);
             }));
  router.add("POST", "/tables/calendar-token", guarded(ctx, [ctx, s](http::Request& r, const Authenticated& who, const Form&) {
               auto token = s->create_feed_token(caller_of(r, who));
               if (!token) return refusal(r, ctx.options, token.error());
               return index_page(r, ctx, who, "/calendar/" + *token);
             }));
  router.add("POST", "/tables/calendar-token/revoke",
             guarded(ctx, [ctx, s](http::Request& r, const Authenticated& who, const Form&) {
               if (auto ok = s->revoke_feed_token(caller_of(r, who)); !ok) return refusal(r, ctx.options, ok.error());
               return see_other("/tables?done=revoked");
             }));
  router.add("GET", "/tables/new", guarded(ctx, [ctx](http::Request& r, const Authenticated& who, const Form& form) {
               if (auto ok = app::authorize(who.principal, tb::TableAction::create_table, {}); !ok) {
                 return refusal(r, ctx.options, ok.error());
               }
               return new_table_form(r, ctx, who, form);
             }));
  router.add("POST", "/tables/new", guarded(ctx, [ctx](http::Request& r, const Authenticated& who, const Form& form) {
               if (auto ok = app::authorize(who.principal, tb::TableAction::create_table, {}); !ok) {
                 return refusal(r, ctx.options, ok.error());
               }
               return create_table(r, ctx, who, form);
             }));
}

}  // namespace tafel::web::table_pages
