#include "web/table_pages.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "app/authorization.h"
#include "i18n/sharing_explanation.h"
#include "http/form.h"
#include "web/account_pages_support.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/table_api.h"
#include "web/table_markdown.h"
#include "web/viewer.h"

namespace tafel::web {
namespace {

namespace tb = tafel::tables;
using app::accounts::Authenticated;
using app::tables::Caller;
using app::tables::TableService;
using kainjow::mustache::data;

struct Ctx {
  AccountsContext accounts;
  TableService* tables = nullptr;
  Options options;
};

Caller caller_of(const http::Request& request, const Authenticated& who) {
  return Caller{who.principal, {request.request_id, client_address(request)}};
}

// --- names and formats ----------------------------------------------------------

// Organisation and user names for display, looked up once per request.
class Names {
 public:
  Names(const Ctx& ctx, const Authenticated& who) : ctx_(ctx) {
    if (auto orgs = ctx.accounts.directory->organisations(who.principal)) {
      for (const auto& o : *orgs) organisations_[o.id] = o.name;
    }
  }
  std::string organisation(access::OrganisationId id) const {
    auto it = organisations_.find(id);
    return it == organisations_.end() ? "#" + std::to_string(id) : it->second;
  }
  std::string user(access::UserId id) {
    if (id == 0) return "";
    if (auto it = users_.find(id); it != users_.end()) return it->second;
    std::string name = "#" + std::to_string(id);
    if (auto u = ctx_.accounts.accounts->find_user(id); u && *u) name = (*u)->display_name;
    users_[id] = name;
    return name;
  }
  const std::map<access::OrganisationId, std::string>& organisations() const { return organisations_; }

 private:
  const Ctx& ctx_;
  std::map<access::OrganisationId, std::string> organisations_;
  std::map<access::UserId, std::string> users_;
};

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// "10/02/2026 19:00": the Belgian way of writing a date, in every language.
std::string when(const tb::LocalTime& t) {
  return two(t.day) + "/" + two(t.month) + "/" + std::to_string(t.year) + " " + two(t.hour) + ":" + two(t.minute);
}

std::string date_text(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string base_of(std::int64_t table) { return "/tables/" + std::to_string(table); }
std::string base_of(std::int64_t table, std::int64_t meeting) {
  return base_of(table) + "/meetings/" + std::to_string(meeting);
}

// --- generic lists ----------------------------------------------------------------

data cell(std::string text, std::string href = {}) {
  data c;
  c.set("text", std::move(text));
  c.set("has_href", !href.empty());
  c.set("href", std::move(href));
  return c;
}

struct Section {
  Section(std::string id_text, std::string heading_text, std::vector<std::string> head_texts)
      : id(std::move(id_text)), heading(std::move(heading_text)), head(std::move(head_texts)) {}

  std::string id;
  std::string heading;
  std::vector<std::string> head;
  data rows{data::type::list};
  std::string empty_text;
  std::string note;

  void row(std::initializer_list<data> cells) {
    data r;
    data list{data::type::list};
    for (const auto& c : cells) list.push_back(c);
    r.set("cells", list);
    rows.push_back(r);
  }
  data build() const {
    data s;
    s.set("id", id);
    s.set("heading", heading);
    s.set("head", string_list(head));
    s.set("rows", rows);
    s.set("empty", rows.is_empty_list());
    s.set("empty_text", empty_text);
    s.set("has_note", !note.empty());
    s.set("note", note);
    return s;
  }
};

data choices(const std::vector<std::pair<std::string, std::string>>& items, const std::string& selected = {}) {
  data list{data::type::list};
  for (const auto& [value, label] : items) {
    data c;
    c.set("value", value);
    c.set("label", label);
    c.set("selected", value == selected);
    list.push_back(c);
  }
  return list;
}

// --- errors -------------------------------------------------------------------------

// The translated sentence for a failure of the tables service; the generic one for
// codes without their own.
std::string problem_text(const Page& page, const Error& e) {
  static constexpr std::string_view kKnown[] = {
      "invalid_input",   "invalid_rule",     "invalid_time",     "cases_not_allowed", "conflict",
      "meeting_not_open", "meeting_not_planned", "meeting_closed", "meeting_not_held", "secrecy_not_acknowledged",
      "not_shared",      "not_present",      "minutes_frozen",   "minutes_not_frozen", "already_approved",
      "not_attending",   "no_attendance",    "no_minutes",       "no_secrecy_text",   "table_role",
      "already_declined", "meeting_not_closed", "recipient_not_police", "feedback_not_draft",
      "feedback_not_awaiting", "already_answered", "sharing_unavailable", "attendance_frozen",
      "basis_not_approved"};
  for (auto k : kKnown) {
    if (e.code == k) return page.text("tables.error." + e.code);
  }
  if (e.code == "forbidden") return page.text("tables.error.table_role");
  return page.text("tables.error.generic");
}

// The error page for failures that leave nothing to show (refused, unknown record).
http::Response refusal(const http::Request& request, const Options& options, const Error& e) {
  int status = table_status_for(e);
  if (status == 401) return login_redirect(request);
  return no_store(error_page(request, options, status));
}

bool refused(const Error& e) { return e.code == "forbidden" || e.code == "not_found" || e.code == "not_authenticated"; }

Page table_page_of(const http::Request& request, const Options& options, const Authenticated& who,
                   const std::string& title) {
  Page page(request, options, "tables");
  page.set_viewer(who);
  page.set_title(title);
  page.set("heading", title);
  page.set("csrf", who.session.csrf_token);
  page.set("warning_prefix", page.text("tables.warning_prefix"));
  return page;
}

void set_problem(Page& page, const std::string& problem) {
  page.set("has_problem", !problem.empty());
  page.set("problem", problem);
  page.set("problem_label", page.text("tables.problem"));
}

void set_notice(Page& page, const http::Request& request) {
  static constexpr std::string_view kDone[] = {"created",  "saved",    "approved",  "frozen",   "revoked",
                                               "carried", "declined", "withdrawn", "answered", "submitted",
                                               "basis_approved"};
  std::string notice;
  if (auto done = request.query_param("done")) {
    for (auto k : kDone) {
      if (*done == k) notice = page.text("tables.done." + std::string(k));
    }
  }
  page.set("has_notice", !notice.empty());
  page.set("notice", notice);
  page.set("notice_label", page.text("tables.notice"));
}

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
  auto tables = ctx.tables->my_tables(caller);
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
  for (const auto& t : *tables) {
    mine.row({cell(t.name, base_of(t.id)), cell(page.text("tables.kind." + std::string(tb::name_of(t.kind)))),
              cell(page.text("tables.basis." + std::string(tb::name_of(t.basis)))),
              cell(std::to_string(t.members.size()))});
  }
  sections.push_back(mine.build());

  Section upcoming{"upcoming", page.text("tables.index.upcoming"),
                   {page.text("tables.field.when"), page.text("tables.field.table"), page.text("tables.field.venue")}};
  upcoming.empty_text = page.text("tables.index.no_meetings");
  if (auto meetings = ctx.tables->upcoming_meetings(caller, 10)) {
    for (const auto& m : *meetings) {
      upcoming.row({cell(when(m.meeting.local_start), base_of(m.table_id, m.meeting.id)), cell(m.table_name),
                    cell(m.meeting.venue)});
    }
  }
  sections.push_back(upcoming.build());

  auto action_rows = [&](Section& s, const Result<std::vector<app::tables::ActionRef>>& actions) {
    if (!actions) return;
    for (const auto& a : *actions) {
      s.row({cell(a.action.description), cell(a.table_name, base_of(a.table_id)), cell(date_text(a.action.due)),
             cell(names.user(a.action.owner_user))});
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
          per_org.row({cell(names.organisation(g.organisation)), cell(a.action.description, base_of(a.table_id)),
                       cell(date_text(a.action.due))});
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
      received.row({cell(f.table_name), cell(when(f.meeting_start)),
                    cell(page.text("tables.feedback.open"),
                         base_of(f.table_id, f.meeting_id) + "/feedback/" + std::to_string(f.form.id))});
    }
    if (!forms->empty() || access::sees_personal_data(who.principal.role)) sections.push_back(received.build());
  }
  data list{data::type::list};
  for (auto& s : sections) list.push_back(s);
  page.set("sections", list);

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
  static constexpr std::string_view kFields[] = {"basis_reference", "secrecy_text", "finality_statement", "name",
                                                 "members",         "agreement",    "venue",             "video_link"};
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

http::Response table_view(const http::Request& request, const Ctx& ctx, const Authenticated& who, std::int64_t id,
                          const std::string& problem = {}, int status = 200);

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

// --- /tables/{id} -------------------------------------------------------------------------

std::string yes_no(const Page& page, bool v) { return page.text(v ? "tables.yes" : "tables.no"); }

http::Response table_view(const http::Request& request, const Ctx& ctx, const Authenticated& who, std::int64_t id,
                          const std::string& problem, int status) {
  auto t = ctx.tables->table(caller_of(request, who), id);
  if (!t) return refusal(request, ctx.options, t.error());
  Names names(ctx, who);
  Page page = table_page_of(request, ctx.options, who, t->name);
  page.set("caption", page.text("tables.kind." + std::string(tb::name_of(t->kind))));
  page.set("back_href", "/tables");
  page.set("back_text", page.text("tables.back"));
  set_notice(page, request);
  set_problem(page, problem);
  const auto standing = tb::standing_at(*t, who.principal.user_id, who.principal.organisation_id);
  const bool chair = standing.role == tb::TableRole::chair;

  data summary{data::type::list};
  auto add = [&](const std::string& key, std::string value) {
    data item;
    item.set("key", page.text("tables.field." + key));
    item.set("value", std::move(value));
    summary.push_back(item);
  };
  add("basis", page.text("tables.basis." + std::string(tb::name_of(t->basis))) +
                   (t->basis_reference.empty() ? "" : " — " + t->basis_reference));
  if (!t->basis_document.empty()) add("basis_document", t->basis_document);
  add("cases_allowed", yes_no(page, tb::allows_individual_cases(t->basis)));
  if (tb::allows_individual_cases(t->basis)) {
    add("basis_approval", t->basis_approved() ? page.text("tables.basis_approval.approved")
                          : t->basis == tb::LegalBasis::prosecutor_authorisation
                              ? page.text("tables.basis_approval.awaiting_prosecutor")
                              : page.text("tables.basis_approval.awaiting"));
  }
  std::string finality;
  t->finality.for_each([&](sharing::Purpose p) {
    finality += (finality.empty() ? "" : ", ") + page.text("sharing.purpose." + std::string(sharing::name_of(p)));
  });
  add("finality", finality.empty() ? "—" : finality);
  if (!t->finality_statement.empty()) add("finality_statement", t->finality_statement);
  if (!t->agreement.empty()) add("agreement", t->agreement);
  add("secrecy_version", t->secrecy_version() == 0 ? page.text("tables.secrecy.none")
                                                    : page.text("tables.secrecy.version",
                                                                {{"version", std::int64_t{t->secrecy_version()}}}));
  page.set("summary", summary);

  std::vector<data> sections;
  Section members{"members", page.text("tables.table.members"),
                  {page.text("tables.field.organisation"), page.text("tables.field.delegates")}};
  for (auto org : t->members) {
    std::string seated;
    for (const auto& d : t->delegates) {
      if (d.organisation != org) continue;
      std::string role = d.role == tb::TableRole::delegate ? "" : " (" + page.text("tables.role." + std::string(tb::name_of(d.role))) + ")";
      seated += (seated.empty() ? "" : ", ") + names.user(d.user) + role;
    }
    members.row({cell(names.organisation(org)), cell(seated.empty() ? "—" : seated)});
  }
  sections.push_back(members.build());

  Section series{"series", page.text("tables.table.series"),
                 {page.text("tables.field.rule"), page.text("tables.field.first"), page.text("tables.field.duration"),
                  page.text("tables.field.venue")}};
  series.empty_text = page.text("tables.table.no_series");
  for (const auto& s : t->series) {
    series.row({cell(s.rule), cell(when(s.start)),
                cell(page.text("tables.minutes_count", {{"n", std::int64_t{s.duration_minutes}}})), cell(s.venue)});
  }
  sections.push_back(series.build());

  Section meetings{"meetings", page.text("tables.table.meetings"),
                   {page.text("tables.field.when"), page.text("tables.field.status"), page.text("tables.field.present"),
                    page.text("tables.field.minutes")}};
  meetings.empty_text = page.text("tables.table.no_meetings");
  std::map<access::OrganisationId, int> attended;
  int held = 0;
  for (const auto& m : t->meetings) {
    if (m.status == tb::MeetingStatus::open || m.status == tb::MeetingStatus::closed) {
      ++held;
      for (auto org : m.attending_organisations()) ++attended[org];
    }
    std::string minutes = !m.minutes.current() ? "—"
                          : m.minutes.frozen() ? page.text("tables.minutes.frozen")
                                               : page.text("tables.minutes.draft");
    meetings.row({cell(when(m.local_start), base_of(t->id, m.id)),
                  cell(page.text("tables.status." + std::string(tb::name_of(m.status)))),
                  cell(std::to_string(m.attending_organisations().size())), cell(minutes)});
  }
  sections.push_back(meetings.build());

  Section attendance{"attendance", page.text("tables.table.attendance"),
                     {page.text("tables.field.organisation"), page.text("tables.field.attended")}};
  attendance.note = page.text("tables.table.attendance_note", {{"held", std::int64_t{held}}});
  for (auto org : t->members) {
    attendance.row({cell(names.organisation(org)),
                    cell(page.text("tables.table.attended_of", {{"n", std::int64_t{attended[org]}}, {"held", std::int64_t{held}}}))});
  }
  sections.push_back(attendance.build());

  Section actions{"actions", page.text("tables.table.actions"),
                  {page.text("tables.field.action"), page.text("tables.field.owner"), page.text("tables.field.due"),
                   page.text("tables.field.status"), page.text("tables.field.on_time")}};
  actions.empty_text = page.text("tables.table.no_actions");
  std::map<access::OrganisationId, std::pair<int, int>> on_time;  // done on time, done
  const std::string today = ctx.tables->today();
  for (const auto& a : t->actions) {
    if (a.status == tb::ActionStatus::done) {
      auto& [ok, all] = on_time[a.owner_organisation];
      ++all;
      if (tb::done_on_time(a)) ++ok;
    }
    std::string state = page.text("tables.action_status." + std::string(tb::name_of(a.status)));
    if (tb::is_overdue(a, today)) state += " — " + page.text("tables.action.overdue");
    std::string owner = names.organisation(a.owner_organisation);
    if (a.owner_user) owner += " — " + names.user(a.owner_user);
    actions.row({cell(a.description), cell(owner), cell(date_text(a.due)), cell(state),
                 cell(a.status == tb::ActionStatus::done ? yes_no(page, tb::done_on_time(a)) : "—")});
  }
  std::string summary_on_time;
  for (const auto& [org, counts] : on_time) {
    summary_on_time += (summary_on_time.empty() ? "" : "; ") +
                       page.text("tables.table.on_time", {{"organisation", names.organisation(org)},
                                                          {"n", std::int64_t{counts.first}},
                                                          {"done", std::int64_t{counts.second}}});
  }
  actions.note = summary_on_time;
  sections.push_back(actions.build());
  data list{data::type::list};
  for (auto& s : sections) list.push_back(s);
  page.set("sections", list);

  // Open actions the viewer may close from here.
  data open_actions{data::type::list};
  for (const auto& a : t->actions) {
    bool may = chair || standing.role == tb::TableRole::secretary || a.owner_user == who.principal.user_id;
    if (!may || a.status != tb::ActionStatus::open) continue;
    data item;
    item.set("action", base_of(t->id) + "/actions/" + std::to_string(a.id) + "/status");
    item.set("description", a.description);
    open_actions.push_back(item);
  }
  page.set("open_actions", open_actions);
  page.set("has_open_actions", !open_actions.is_empty_list());
  page.set("mark_done", page.text("tables.action.mark_done"));
  page.set("next", base_of(t->id));

  page.set("can_approve_basis", ctx.tables->may_approve_basis(caller_of(request, who), *t));
  page.set("approve_basis_action", base_of(t->id) + "/basis-approval");
  page.set("approve_basis_text", page.text("tables.basis_approval.text"));
  page.set("approve_basis_submit", page.text("tables.basis_approval.submit"));
  page.set("calendar_heading", page.text("tables.table.calendar"));
  page.set("calendar_href", base_of(t->id) + "/calendar");
  page.set("calendar_text", page.text("tables.table.calendar_link"));
  page.set("calendar_hint", page.text("tables.table.calendar_hint"));
  page.set("history_href", base_of(t->id) + "/history");
  page.set("history_text", page.text("tables.history.link"));
  page.set("can_add_meeting", chair);
  page.set("add_meeting_heading", page.text("tables.meeting.add"));
  page.set("add_meeting_action", base_of(t->id) + "/meetings");
  page.set("label_date", page.text("tables.field.start_date"));
  page.set("label_time", page.text("tables.field.start_time"));
  page.set("label_duration", page.text("tables.field.duration"));
  page.set("label_venue", page.text("tables.field.venue"));
  page.set("hint_date", page.text("tables.hint.date"));
  page.set("hint_time", page.text("tables.hint.time"));
  page.set("add_meeting_submit", page.text("tables.meeting.add_submit"));
  return no_store(page.render("tables/table", status));
}

// --- the meeting ----------------------------------------------------------------------------

http::Response meeting_view(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                            std::int64_t table_id, std::int64_t meeting_id, const std::string& problem = {},
                            int status = 200) {
  auto t = ctx.tables->table(caller_of(request, who), table_id);
  if (!t) return refusal(request, ctx.options, t.error());
  const tb::Meeting* m = t->find_meeting(meeting_id);
  if (!m) return refusal(request, ctx.options, Error{"not_found", "no such meeting"});
  Names names(ctx, who);
  Page page = table_page_of(request, ctx.options, who,
                            "");
  std::string title = page.text("tables.meeting.title", {{"when", when(m->local_start)}});
  page.set_title(title + " – " + t->name);
  page.set("heading", title);
  page.set("caption", t->name);
  page.set("back_href", base_of(t->id));
  page.set("back_text", page.text("tables.meeting.back", {{"table", t->name}}));
  set_notice(page, request);
  set_problem(page, problem);
  const std::string base = base_of(t->id, m->id);
  const auto standing = tb::standing_at(*t, who.principal.user_id, who.principal.organisation_id);
  const bool chair = standing.role == tb::TableRole::chair;
  const bool secretary = standing.role == tb::TableRole::secretary;
  const bool runs = chair || secretary;
  // Observers see the schedule and the agenda, not what was said (issue 11, point 4).
  const bool sees_minutes = static_cast<bool>(app::authorize(who.principal, tb::TableAction::view_minutes, standing));
  page.set("sees_minutes", sees_minutes);
  page.set("minutes_restricted", page.text("tables.minutes.restricted"));
  const bool open = m->status == tb::MeetingStatus::open;
  const bool planned = m->status == tb::MeetingStatus::planned;
  const bool closed = m->status == tb::MeetingStatus::closed;
  const bool cancelled = m->status == tb::MeetingStatus::cancelled;
  page.set("status_label", page.text("tables.field.status"));
  page.set("status", page.text("tables.status." + std::string(tb::name_of(m->status))));
  page.set("venue_label", page.text("tables.field.venue"));
  page.set("venue", m->venue.empty() ? "—" : m->venue);
  page.set("has_video", !m->video_link.empty());
  page.set("video_label", page.text("tables.field.video_link"));
  page.set("video_link", m->video_link);
  page.set("base", base);

  // Status changes.
  data status_buttons{data::type::list};
  auto status_button = [&](const char* value, const char* key) {
    data b;
    b.set("value", value);
    b.set("text", page.text(key));
    status_buttons.push_back(b);
  };
  if (runs && planned) status_button("open", "tables.meeting.open");
  if (runs && open) status_button("close", "tables.meeting.close");
  if (chair && planned) status_button("cancel", "tables.meeting.cancel");
  page.set("status_buttons", status_buttons);
  page.set("has_status_buttons", !status_buttons.is_empty_list());

  // Agenda: quick items apart from situations and cases.
  page.set("agenda_heading", page.text("tables.agenda.heading"));
  page.set("agenda_head", string_list({page.text("tables.field.item"), page.text("tables.field.owner"),
                                       page.text("tables.field.time_box"), page.text("tables.field.time_used")}));
  data groups{data::type::list};
  int boxed = 0, used = 0;
  for (bool quick : {true, false}) {
    data items{data::type::list};
    for (const auto& i : m->agenda) {
      if (tb::is_quick(i.kind) != quick) continue;
      boxed += i.time_box_minutes;
      used += i.minutes_used;
      data item;
      item.set("title", i.title);
      item.set("kind", page.text("tables.item_kind." + std::string(tb::name_of(i.kind))));
      item.set("owner", names.user(i.owner_user) + " (" + names.organisation(i.owner_organisation) + ")");
      item.set("time_box", page.text("tables.minutes_count", {{"n", std::int64_t{i.time_box_minutes}}}));
      item.set("time_used", i.minutes_used ? page.text("tables.minutes_count", {{"n", std::int64_t{i.minutes_used}}}) : "—");
      item.set("over", i.minutes_used > i.time_box_minutes);
      item.set("over_text", page.text("tables.agenda.over"));
      item.set("is_case", i.kind == tb::ItemKind::case_item);
      std::string carried;
      if (i.carried_over_from != 0) {
        for (const auto& earlier : t->meetings) {
          if (earlier.find_item(i.carried_over_from)) {
            carried = page.text("tables.agenda.carried_from", {{"when", when(earlier.local_start)}});
          }
        }
      }
      item.set("has_carried_from", !carried.empty());
      item.set("carried_from", carried);
      item.set("marked", i.carry_over);
      item.set("marked_text", page.text("tables.agenda.marked"));
      data declined_here{data::type::list};
      for (const auto& d : tb::declined_on(*m, i.id)) {
        declined_here.push_back(data(
            "text", page.text("tables.agenda.declined", {{"organisation", names.organisation(d.organisation)}})));
      }
      item.set("declined", declined_here);
      item.set("case_href", base + "/items/" + std::to_string(i.id) + "/case");
      item.set("case_text", page.text("tables.agenda.case_link"));
      items.push_back(item);
    }
    data g;
    g.set("heading", page.text(quick ? "tables.agenda.quick" : "tables.agenda.complex"));
    g.set("items", items);
    g.set("empty", items.is_empty_list());
    g.set("empty_text", page.text("tables.agenda.empty"));
    groups.push_back(g);
  }
  page.set("agenda_groups", groups);
  page.set("agenda_total", page.text("tables.agenda.total", {{"boxed", std::int64_t{boxed}}, {"used", std::int64_t{used}}}));
  data item_choices{data::type::list};
  std::vector<std::pair<std::string, std::string>> items_for_select;
  for (const auto& i : m->agenda) items_for_select.emplace_back(std::to_string(i.id), i.title);
  page.set("can_add_item", chair && !closed && !cancelled);
  page.set("can_time", runs && !m->agenda.empty() && (open || closed));
  page.set("item_choices", choices(items_for_select));
  std::vector<std::pair<std::string, std::string>> kinds;
  for (auto k : {tb::ItemKind::information, tb::ItemKind::decision, tb::ItemKind::situation, tb::ItemKind::case_item}) {
    if (k == tb::ItemKind::case_item && !tb::allows_individual_cases(t->basis)) continue;
    kinds.emplace_back(std::string(tb::name_of(k)), page.text("tables.item_kind." + std::string(tb::name_of(k))));
  }
  page.set("kind_choices", choices(kinds));
  std::vector<std::pair<std::string, std::string>> orgs;
  for (auto org : t->members) orgs.emplace_back(std::to_string(org), names.organisation(org));
  page.set("organisation_choices", choices(orgs, std::to_string(who.principal.organisation_id)));
  std::vector<std::pair<std::string, std::string>> delegates;
  for (const auto& d : t->delegates) {
    delegates.emplace_back(std::to_string(d.user), names.user(d.user) + " (" + names.organisation(d.organisation) + ")");
  }
  page.set("delegate_choices", choices(delegates, std::to_string(who.principal.user_id)));
  std::vector<std::pair<std::string, std::string>> owners = {{"", page.text("tables.action.no_person")}};
  owners.insert(owners.end(), delegates.begin(), delegates.end());
  page.set("owner_choices", choices(owners));
  for (const char* key : {"item_heading", "kind", "title", "time_box", "owner_organisation", "case_details",
                          "case_hint", "add_item", "time_heading", "item", "minutes_used", "save_time"}) {
    page.set(std::string("l_") + key, page.text(std::string("tables.form.") + key));
  }

  // Open actions of the table come back on every agenda.
  data carried{data::type::list};
  for (const auto& a : t->actions) {
    if (a.status != tb::ActionStatus::open || a.meeting_id == m->id) continue;
    data item;
    item.set("text", page.text("tables.agenda.open_action", {{"action", a.description},
                                                             {"organisation", names.organisation(a.owner_organisation)},
                                                             {"due", date_text(a.due)}}));
    carried.push_back(item);
  }
  page.set("open_actions_heading", page.text("tables.agenda.open_actions"));
  page.set("carried", carried);
  page.set("has_carried", !carried.is_empty_list());

  // Carried over, declined to share (issue 6, points 3 and 4).
  {
    const auto attending_now = m->attending_organisations();
    const bool own_attends = std::find(attending_now.begin(), attending_now.end(), who.principal.organisation_id) !=
                             attending_now.end();
    std::vector<std::pair<std::string, std::string>> complex_items, carry_items;
    data marked{data::type::list};
    for (const auto& i : m->agenda) {
      if (!tb::is_quick(i.kind)) complex_items.emplace_back(std::to_string(i.id), i.title);
      if (!i.carry_over) carry_items.emplace_back(std::to_string(i.id), i.title);
      if (i.carry_over) {
        data x;
        x.set("item", std::to_string(i.id));
        x.set("text", page.text("tables.carry.unmark", {{"item", i.title}}));
        marked.push_back(x);
      }
    }
    page.set("can_carry", runs && open && !carry_items.empty());
    page.set("carry_choices", choices(carry_items));
    page.set("marked", marked);
    page.set("has_marked", runs && open && !marked.is_empty_list());
    page.set("can_carry_again", runs && closed);
    for (const char* key : {"heading", "hint", "mark", "again"}) {
      page.set(std::string("carry_") + key, page.text(std::string("tables.carry.") + key));
    }
    page.set("declined_heading", page.text("tables.declined.heading"));
    page.set("declined_intro", page.text("tables.declined.intro"));
    page.set("declined_reason_label", page.text("tables.declined.reason_label"));
    page.set("declined_record", page.text("tables.declined.record"));
    data declined{data::type::list}, own_declined{data::type::list};
    for (const auto& d : m->declined) {
      const tb::AgendaItem* i = m->find_item(d.item_id);
      std::string item_title = i ? i->title : "";
      std::string text = d.reason == tb::DeclineReason::none
                             ? page.text("tables.agenda.declined", {{"organisation", names.organisation(d.organisation)}})
                             : page.text("tables.agenda.declined_reason",
                                         {{"organisation", names.organisation(d.organisation)},
                                          {"reason", page.text("tables.decline_reason." + std::string(tb::name_of(d.reason)))}});
      declined.push_back(data("text", item_title + ": " + text));
      if (d.organisation == who.principal.organisation_id && open && standing.role) {
        data x;
        x.set("item", std::to_string(d.item_id));
        x.set("text", page.text("tables.declined.withdraw", {{"item", item_title}}));
        own_declined.push_back(x);
      }
    }
    page.set("declined", declined);
    page.set("no_declined", declined.is_empty_list());
    page.set("no_declined_text", page.text("tables.declined.none"));
    page.set("own_declined", own_declined);
    page.set("can_decline", standing.role.has_value() && open && own_attends && !complex_items.empty());
    page.set("decline_choices", choices(complex_items));
    std::vector<std::pair<std::string, std::string>> reasons;
    for (auto r : tb::kDeclineReasons) {
      reasons.emplace_back(std::string(tb::name_of(r)), page.text("tables.decline_reason." + std::string(tb::name_of(r))));
    }
    page.set("reason_choices", choices(reasons, "none"));
  }

  // Feedback forms to police or prosecution (point 5).
  {
    page.set("feedback_heading", page.text("tables.feedback.heading"));
    page.set("no_feedback_text", page.text("tables.feedback.none"));
    data forms{data::type::list};
    for (const auto& f : m->feedback) {
      data x;
      x.set("href", base + "/feedback/" + std::to_string(f.id));
      x.set("text", page.text("tables.feedback.line",
                              {{"recipient", names.organisation(f.recipient)},
                               {"state", page.text("tables.feedback_state." + std::string(tb::name_of(f.state)))}}));
      forms.push_back(x);
    }
    page.set("feedback_forms", forms);
    page.set("no_feedback", forms.is_empty_list());
    const bool may_draft = chair && (open || closed) && !m->agenda.empty();
    page.set("can_draft_feedback", may_draft);
    if (may_draft) {
      std::vector<std::pair<std::string, std::string>> recipients;
      if (auto directory_orgs = ctx.accounts.directory->organisations(who.principal)) {
        for (const auto& o : *directory_orgs) {
          if (o.sector == sharing::Sector::police || o.sector == sharing::Sector::prosecution) {
            recipients.emplace_back(std::to_string(o.id), o.name);
          }
        }
      }
      page.set("recipient_choices", choices(recipients));
      data feedback_items{data::type::list};
      for (const auto& i : m->agenda) {
        data x;
        x.set("value", std::to_string(i.id));
        x.set("label", i.title);
        feedback_items.push_back(x);
      }
      page.set("feedback_items", feedback_items);
      data categories{data::type::list};
      for (std::size_t i = 0; i < sharing::term_count<sharing::Category>(); ++i) {
        std::string n(sharing::name_of(static_cast<sharing::Category>(i)));
        data x;
        x.set("value", n);
        x.set("label", page.text("sharing.category." + n));
        categories.push_back(x);
      }
      page.set("feedback_categories", categories);
      std::vector<std::pair<std::string, std::string>> purposes;
      for (std::size_t i = 0; i < sharing::term_count<sharing::Purpose>(); ++i) {
        std::string n(sharing::name_of(static_cast<sharing::Purpose>(i)));
        purposes.emplace_back(n, page.text("sharing.purpose." + n));
      }
      page.set("purpose_choices", choices(purposes, "coordination"));
      for (const char* key : {"new", "recipient", "items", "text", "categories", "purpose", "create"}) {
        page.set(std::string("fb_") + key, page.text(std::string("tables.feedback.") + key));
      }
    }
  }

  // Attendance per organisation.
  page.set("attendance_heading", page.text("tables.attendance.heading"));
  data attendance{data::type::list};
  for (auto org : t->members) {
    std::string people_text;
    for (const auto& a : m->attendance) {
      if (a.organisation != org) continue;
      people_text += (people_text.empty() ? "" : ", ") + names.user(a.user) + " — " +
                     page.text("tables.presence." + std::string(tb::name_of(a.presence)));
    }
    data row;
    row.set("organisation", names.organisation(org));
    row.set("people", people_text.empty() ? page.text("tables.attendance.none") : people_text);
    attendance.push_back(row);
  }
  page.set("attendance", attendance);
  page.set("attendance_head", string_list({page.text("tables.field.organisation"), page.text("tables.field.present")}));
  page.set("can_attendance", runs && !cancelled && !closed && !m->minutes.frozen());
  std::vector<std::pair<std::string, std::string>> presences;
  for (auto p : {tb::Presence::present, tb::Presence::excused, tb::Presence::absent}) {
    presences.emplace_back(std::string(tb::name_of(p)), page.text("tables.presence." + std::string(tb::name_of(p))));
  }
  page.set("presence_choices", choices(presences, "present"));
  for (const char* key : {"person", "presence", "record_attendance"}) {
    page.set(std::string("l_") + key, page.text(std::string("tables.form.") + key));
  }

  // Secrecy: the text, who acknowledged it, and the viewer's own step.
  page.set("secrecy_heading", page.text("tables.secrecy.heading"));
  const int version = t->secrecy_version();
  page.set("has_secrecy", version > 0);
  page.set("secrecy_none", page.text("tables.secrecy.none"));
  if (version > 0) {
    page.set("secrecy_version", page.text("tables.secrecy.version", {{"version", std::int64_t{version}}}));
    page.set("secrecy_text", t->secrecy.back().text);
  }
  data acks{data::type::list};
  for (const auto& a : m->acknowledgements) {
    acks.push_back(data("text", page.text(a.version == version ? "tables.secrecy.acknowledged_by"
                                                               : "tables.secrecy.acknowledged_old",
                                          {{"person", names.user(a.user)},
                                           {"organisation", names.organisation(a.organisation)},
                                           {"version", std::int64_t{a.version}}})));
  }
  page.set("acknowledgements", acks);
  const bool acknowledged = m->acknowledged(who.principal.user_id, version);
  page.set("can_acknowledge", standing.role.has_value() && version > 0 && !acknowledged && !cancelled);
  page.set("acknowledged", acknowledged && version > 0);
  page.set("acknowledged_text", page.text("tables.secrecy.you_acknowledged"));
  page.set("acknowledge_text", page.text("tables.secrecy.acknowledge"));
  page.set("acknowledge_intro", page.text("tables.secrecy.intro"));
  page.set("decline_text", page.text("tables.secrecy.decline_note"));

  // Decisions and actions, captured live.
  page.set("decisions_heading", page.text("tables.decisions.heading"));
  data decisions{data::type::list};
  for (const auto& d : m->decisions) {
    std::string about;
    if (const auto* i = m->find_item(d.item_id)) about = i->title;
    data item;
    item.set("text", d.text);
    item.set("has_about", !about.empty());
    item.set("about", page.text("tables.decisions.about", {{"item", about}}));
    decisions.push_back(item);
  }
  page.set("decisions", decisions);
  page.set("no_decisions", decisions.is_empty_list());
  page.set("no_decisions_text", page.text("tables.decisions.none"));
  page.set("can_capture", runs && open);
  std::vector<std::pair<std::string, std::string>> about_items = {{"", page.text("tables.decisions.no_item")}};
  about_items.insert(about_items.end(), items_for_select.begin(), items_for_select.end());
  page.set("about_choices", choices(about_items));
  page.set("actions_heading", page.text("tables.actions.heading"));
  data actions{data::type::list};
  for (const auto& a : t->actions) {
    if (a.meeting_id != m->id) continue;
    std::string owner = names.organisation(a.owner_organisation);
    if (a.owner_user) owner += " — " + names.user(a.owner_user);
    actions.push_back(data("text", page.text("tables.actions.line", {{"action", a.description},
                                                                     {"owner", owner},
                                                                     {"due", date_text(a.due)},
                                                                     {"status", page.text("tables.action_status." + std::string(tb::name_of(a.status)))}})));
  }
  page.set("actions", actions);
  page.set("no_actions", actions.is_empty_list());
  page.set("no_actions_text", page.text("tables.actions.none"));
  for (const char* key : {"decision", "about_item", "add_decision", "description", "owner_person", "due", "due_hint",
                          "add_action"}) {
    page.set(std::string("l_") + key, page.text(std::string("tables.form.") + key));
  }

  // Minutes.
  page.set("minutes_heading", page.text("tables.minutes.heading"));
  const tb::MinutesVersion* current = m->minutes.current();
  page.set("has_minutes", current != nullptr);
  page.set("no_minutes_text", page.text("tables.minutes.none"));
  const auto attending = m->attending_organisations();
  if (current) {
    page.set("minutes_tokens", markdown_tokens(current->markdown));
    page.set("minutes_state",
             m->minutes.frozen() ? page.text("tables.minutes.frozen_version", {{"number", std::int64_t{current->number}}})
                                 : page.text("tables.minutes.draft_version", {{"number", std::int64_t{current->number}}}));
    page.set("frozen", m->minutes.frozen());
    std::string approved, pending;
    for (auto org : current->approvals) approved += (approved.empty() ? "" : ", ") + names.organisation(org);
    for (auto org : m->minutes.pending(attending)) pending += (pending.empty() ? "" : ", ") + names.organisation(org);
    page.set("approved_text", page.text("tables.minutes.approved_by", {{"organisations", approved.empty() ? "—" : approved}}));
    page.set("pending_text", page.text("tables.minutes.pending", {{"organisations", pending.empty() ? "—" : pending}}));
    page.set("has_reason", !current->reason.empty());
    page.set("reason_text", page.text("tables.minutes.reason", {{"reason", current->reason}}));
    const bool own_attends = std::find(attending.begin(), attending.end(), who.principal.organisation_id) != attending.end();
    const bool own_approved = std::find(current->approvals.begin(), current->approvals.end(),
                                        who.principal.organisation_id) != current->approvals.end();
    page.set("can_approve", standing.role.has_value() && own_attends && !own_approved && !m->minutes.frozen());
    page.set("approve_text", page.text("tables.minutes.approve",
                                       {{"organisation", names.organisation(who.principal.organisation_id)}}));
    data versions{data::type::list};
    for (const auto& v : m->minutes.versions()) {
      versions.push_back(data("text", page.text(v.reason.empty() ? "tables.minutes.version_line"
                                                                 : "tables.minutes.version_line_reason",
                                                {{"number", std::int64_t{v.number}},
                                                 {"state", page.text(v.frozen ? "tables.minutes.frozen" : "tables.minutes.draft")},
                                                 {"reason", v.reason}})));
    }
    page.set("versions", versions);
    page.set("has_versions", m->minutes.versions().size() > 1);
    page.set("versions_heading", page.text("tables.minutes.versions"));
  }
  const bool may_write = secretary && (open || closed);
  page.set("can_draft", may_write && !m->minutes.frozen());
  page.set("can_correct", may_write && m->minutes.frozen());
  page.set("draft_value", current ? current->markdown : std::string());
  for (const char* key : {"markdown", "markdown_hint", "save_draft", "correction", "reason", "save_correction"}) {
    page.set(std::string("l_") + key, page.text(std::string("tables.form.") + key));
  }
  page.set("print_href", base + "/minutes");
  page.set("print_text", page.text("tables.minutes.print"));
  page.set("markdown_href", base + "/minutes/markdown");
  page.set("markdown_text", page.text("tables.minutes.markdown"));
  page.set("calendar_href", base_of(t->id) + "/calendar");
  page.set("calendar_text", page.text("tables.table.calendar_link"));
  return no_store(page.render("tables/meeting", status));
}

// Printable minutes: what was decided and agreed, the minutes, their approvals.
http::Response minutes_print(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                             std::int64_t table_id, std::int64_t meeting_id) {
  auto t = ctx.tables->table_minutes(caller_of(request, who), table_id);
  if (!t) return refusal(request, ctx.options, t.error());
  const tb::Meeting* m = t->find_meeting(meeting_id);
  if (!m) return refusal(request, ctx.options, Error{"not_found", "no such meeting"});
  Names names(ctx, who);
  Page page = table_page_of(request, ctx.options, who, "");
  std::string title = page.text("tables.print.title", {{"when", when(m->local_start)}});
  page.set_title(title + " – " + t->name);
  page.set("heading", title);
  page.set("caption", t->name);
  page.set("back_href", base_of(t->id, m->id));
  page.set("back_text", page.text("tables.print.back"));
  const tb::MinutesVersion* current = m->minutes.current();
  page.set("has_minutes", current != nullptr);
  page.set("no_minutes_text", page.text("tables.minutes.none"));
  if (current) {
    page.set("minutes_tokens", markdown_tokens(current->markdown));
    page.set("state", m->minutes.frozen()
                          ? page.text("tables.minutes.frozen_version", {{"number", std::int64_t{current->number}}})
                          : page.text("tables.minutes.draft_version", {{"number", std::int64_t{current->number}}}));
  }
  std::string present;
  for (const auto& a : m->attendance) {
    if (a.presence == tb::Presence::present) {
      present += (present.empty() ? "" : ", ") + names.user(a.user) + " (" + names.organisation(a.organisation) + ")";
    }
  }
  data summary{data::type::list};
  auto add = [&](const char* key, std::string value) {
    data item;
    item.set("key", page.text(key));
    item.set("value", std::move(value));
    summary.push_back(item);
  };
  add("tables.field.venue", m->venue.empty() ? "—" : m->venue);
  add("tables.field.present", present.empty() ? "—" : present);
  if (current) {
    std::string approved;
    for (auto org : current->approvals) approved += (approved.empty() ? "" : ", ") + names.organisation(org);
    add("tables.field.approved", approved.empty() ? "—" : approved);
  }
  page.set("summary", summary);
  page.set("decisions_heading", page.text("tables.decisions.heading"));
  data decisions{data::type::list};
  for (const auto& d : m->decisions) decisions.push_back(data("text", d.text));
  page.set("decisions", decisions);
  page.set("actions_heading", page.text("tables.actions.heading"));
  data actions{data::type::list};
  for (const auto& a : t->actions) {
    if (a.meeting_id != m->id) continue;
    actions.push_back(data("text", page.text("tables.actions.line", {{"action", a.description},
                                                                     {"owner", names.organisation(a.owner_organisation)},
                                                                     {"due", date_text(a.due)},
                                                                     {"status", page.text("tables.action_status." + std::string(tb::name_of(a.status)))}})));
  }
  page.set("actions", actions);
  page.set("minutes_heading", page.text("tables.minutes.heading"));
  return no_store(page.render("tables/minutes"));
}

http::Response minutes_markdown(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                                std::int64_t table_id, std::int64_t meeting_id) {
  auto t = ctx.tables->table_minutes(caller_of(request, who), table_id);
  if (!t) return refusal(request, ctx.options, t.error());
  const tb::Meeting* m = t->find_meeting(meeting_id);
  if (!m || !m->minutes.current()) return refusal(request, ctx.options, Error{"not_found", "no minutes"});
  http::Response r = http::Response::text(200, m->minutes.current()->markdown);
  r.set_header("Content-Type", "text/markdown; charset=utf-8");
  r.set_header("Content-Disposition", "attachment; filename=\"minutes-" + std::to_string(table_id) + "-" +
                                          std::to_string(meeting_id) + ".md\"");
  return no_store(std::move(r));
}

http::Response case_page(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                         std::int64_t table_id, std::int64_t meeting_id, std::int64_t item_id) {
  auto details = ctx.tables->case_details(caller_of(request, who), table_id, meeting_id, item_id);
  if (!details && refused(details.error())) return refusal(request, ctx.options, details.error());
  Page page = table_page_of(request, ctx.options, who, "");
  page.set_title(page.text("tables.case.title"));
  page.set("heading", page.text("tables.case.title"));
  page.set("back_href", base_of(table_id, meeting_id));
  page.set("back_text", page.text("tables.print.back"));
  page.set("shown", static_cast<bool>(details));
  if (details) {
    page.set("details", *details);
    page.set("audited", page.text("tables.case.audited"));
  } else {
    page.set("refusal", problem_text(page, details.error()));
  }
  return no_store(page.render("tables/case", details ? 200 : table_status_for(details.error())));
}

// --- history, feedback forms ---------------------------------------------------------------

http::Response history_page(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                            std::int64_t table_id) {
  auto h = ctx.tables->history(caller_of(request, who), table_id);
  if (!h) return refusal(request, ctx.options, h.error());
  const tb::Table& t = h->table;
  Names names(ctx, who);
  Page page = table_page_of(request, ctx.options, who, "");
  std::string title = page.text("tables.history.title", {{"table", t.name}});
  page.set_title(title);
  page.set("heading", title);
  page.set("caption", t.name);
  page.set("back_href", base_of(t.id));
  page.set("back_text", page.text("tables.meeting.back", {{"table", t.name}}));
  std::vector<data> sections;
  Section meetings{"past-meetings", page.text("tables.history.meetings"),
                   {page.text("tables.field.when"), page.text("tables.field.status"), page.text("tables.field.present"),
                    page.text("tables.field.minutes")}};
  meetings.empty_text = page.text("tables.history.no_meetings");
  for (auto id : h->history.past_meetings) {
    const tb::Meeting* m = t.find_meeting(id);
    std::string present;
    for (auto org : m->attending_organisations()) present += (present.empty() ? "" : ", ") + names.organisation(org);
    std::string minutes = !m->minutes.current() ? "—"
                          : m->minutes.frozen() ? page.text("tables.minutes.frozen")
                                                : page.text("tables.minutes.draft");
    meetings.row({cell(when(m->local_start), base_of(t.id, m->id)),
                  cell(page.text("tables.status." + std::string(tb::name_of(m->status)))),
                  cell(present.empty() ? "—" : present), cell(minutes)});
  }
  sections.push_back(meetings.build());
  Section attendance{"attendance-per-organisation", page.text("tables.history.attendance"),
                     {page.text("tables.field.organisation"), page.text("tables.history.present"),
                      page.text("tables.history.excused"), page.text("tables.history.absent"),
                      page.text("tables.history.rate")}};
  for (const auto& a : h->history.attendance) {
    attendance.row({cell(names.organisation(a.organisation)), cell(std::to_string(a.present)),
                    cell(std::to_string(a.excused)), cell(std::to_string(a.absent)),
                    cell(page.text("tables.history.percent", {{"n", std::int64_t{a.rate_percent}}}))});
  }
  attendance.note = page.text("tables.table.attendance_note", {{"held", std::int64_t{h->history.held}}});
  sections.push_back(attendance.build());
  Section actions{"actions-per-organisation", page.text("tables.history.actions"),
                  {page.text("tables.field.organisation"), page.text("tables.history.on_time"),
                   page.text("tables.history.late"), page.text("tables.history.open"),
                   page.text("tables.history.overdue")}};
  actions.empty_text = page.text("tables.table.no_actions");
  auto counts_row = [&](std::string who_text, const tb::ActionCounts& c) {
    actions.row({cell(std::move(who_text)), cell(std::to_string(c.done_on_time)), cell(std::to_string(c.done_late)),
                 cell(std::to_string(c.open)), cell(std::to_string(c.overdue))});
  };
  for (const auto& o : h->history.actions_by_organisation) counts_row(names.organisation(o.organisation), o.counts);
  if (!h->history.actions_by_organisation.empty()) counts_row(page.text("tables.history.total"), h->history.actions);
  sections.push_back(actions.build());
  data list{data::type::list};
  for (auto& s : sections) list.push_back(s);
  page.set("sections", list);
  return no_store(page.render("tables/history"));
}

http::Response feedback_page(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                             std::int64_t table_id, std::int64_t meeting_id, std::int64_t feedback_id,
                             const std::string& problem = {}, int status = 200) {
  auto ref = ctx.tables->feedback(caller_of(request, who), table_id, meeting_id, feedback_id);
  if (!ref) return refusal(request, ctx.options, ref.error());
  const tb::FeedbackForm& f = ref->form;
  Names names(ctx, who);
  Page page = table_page_of(request, ctx.options, who, "");
  std::string title = page.text("tables.feedback.title", {{"recipient", names.organisation(f.recipient)}});
  page.set_title(title + " – " + ref->table_name);
  page.set("heading", title);
  page.set("caption", ref->table_name);
  set_notice(page, request);
  set_problem(page, problem);
  // Members go back to the meeting; the recipient to its own overview.
  auto t = ctx.tables->table(caller_of(request, who), table_id);
  const bool member = static_cast<bool>(t);
  page.set("back_href", member ? base_of(table_id, meeting_id) : std::string("/tables"));
  page.set("back_text", member ? page.text("tables.print.back") : page.text("tables.back"));

  data summary{data::type::list};
  auto add = [&](const std::string& key, std::string value) {
    data item;
    item.set("key", key);
    item.set("value", std::move(value));
    summary.push_back(item);
  };
  add(page.text("tables.feedback.meeting_label"), when(ref->meeting_start));
  add(page.text("tables.feedback.state_label"),
      page.text("tables.feedback_state." + std::string(tb::name_of(f.state))));
  std::string items;
  for (const auto& [id, item_title] : ref->items) items += (items.empty() ? "" : "\n") + item_title;
  add(page.text("tables.feedback.items"), items);
  add(page.text("tables.feedback.text"), f.text);
  std::string categories;
  f.categories.for_each([&](sharing::Category c) {
    categories += (categories.empty() ? "" : ", ") + page.text("sharing.category." + std::string(sharing::name_of(c)));
  });
  add(page.text("tables.feedback.categories"), categories);
  add(page.text("tables.feedback.purpose"), page.text("sharing.purpose." + std::string(sharing::name_of(f.purpose))));
  page.set("summary", summary);

  std::string outcome;
  if (f.state == tb::FeedbackState::sent) {
    outcome = page.text("tables.feedback.sent",
                        {{"recipient", names.organisation(f.recipient)},
                         {"date", when(ctx.tables->to_local(f.sent_at_us))}});
  } else if (f.blocked_reason == "refused") {
    outcome = page.text("tables.feedback.refused", {{"organisation", names.organisation(f.blocked_by)}});
  } else if (f.blocked_reason == "not_shared") {
    outcome = page.text("tables.feedback.not_shared", {{"organisation", names.organisation(f.blocked_by)}});
  } else if (f.blocked_reason == "no_decision") {
    outcome = page.text("tables.feedback.no_decision");
  }
  page.set("outcome", outcome);
  const bool explained = f.blocked_reason == "not_shared";
  page.set("has_explanation", explained);
  if (explained) page.set("explanation", string_list(i18n::render_explanation_lines(f.explanation, page.lang())));

  page.set("answers_heading", page.text("tables.feedback.answers"));
  std::vector<std::string> answers;
  for (auto org : ref->attending) {
    auto it = std::find_if(f.answers.begin(), f.answers.end(),
                           [&](const tb::FeedbackAnswer& a) { return a.organisation == org; });
    const char* key = it == f.answers.end() ? "tables.feedback.answer_pending"
                      : it->consent         ? "tables.feedback.answer_consent"
                                            : "tables.feedback.answer_refuse";
    answers.push_back(page.text(key, {{"organisation", names.organisation(org)}}));
  }
  page.set("answers", string_list(answers));
  const std::string own = names.organisation(who.principal.organisation_id);
  const auto standing = member ? tb::standing_at(*t, who.principal.user_id, who.principal.organisation_id)
                               : tb::TableStanding{};
  const bool attends = std::find(ref->attending.begin(), ref->attending.end(), who.principal.organisation_id) !=
                       ref->attending.end();
  const bool answered = std::any_of(f.answers.begin(), f.answers.end(), [&](const tb::FeedbackAnswer& a) {
    return a.organisation == who.principal.organisation_id;
  });
  page.set("action", base_of(table_id, meeting_id) + "/feedback/" + std::to_string(feedback_id));
  page.set("can_submit", standing.role == tb::TableRole::chair && f.state == tb::FeedbackState::draft);
  page.set("submit_text", page.text("tables.feedback.submit"));
  page.set("can_answer",
           standing.role.has_value() && attends && !answered && f.state == tb::FeedbackState::awaiting_consent);
  page.set("consent_text", page.text("tables.feedback.consent", {{"organisation", own}}));
  page.set("refuse_text", page.text("tables.feedback.refuse", {{"organisation", own}}));
  return no_store(page.render("tables/feedback", status));
}

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

template <typename T>
Result<void> as_void(const Result<T>& r) {
  if (!r) return tl::unexpected(r.error());
  return {};
}

int int_of(const std::string& text, int fallback) {
  auto v = parse_record_id(text);
  return v && *v < 100'000 ? static_cast<int>(*v) : fallback;
}

}  // namespace

void register_table_pages(http::Router& router, const Options& options, const AccountsContext& context,
                          TableService& service) {
  Ctx ctx{context, &service, options};
  // Resolves the viewer (and, for POST, the form and its CSRF token).
  auto guarded = [&context, options](auto handler) { return signed_in_page(context, options, handler); };
  // The ids in the path, or nullopt when one is not a record id.
  struct Ids {
    std::int64_t table = 0, meeting = 0, item = 0, action = 0, feedback = 0;
  };
  auto ids_of = [](const http::Request& request) -> std::optional<Ids> {
    Ids ids;
    for (auto [name, out] : {std::pair{"id", &ids.table}, std::pair{"meeting", &ids.meeting},
                             std::pair{"item", &ids.item}, std::pair{"action", &ids.action},
                             std::pair{"feedback", &ids.feedback}}) {
      const std::string& text = request.param(name);
      if (text.empty()) continue;
      auto v = parse_record_id(text);
      if (!v) return std::nullopt;
      *out = *v;
    }
    return ids;
  };
  using Form = http::Form;
  auto not_found = [ctx](const http::Request& request) {
    return refusal(request, ctx.options, Error{"not_found", "no such record"});
  };
  TableService* s = &service;

  router.add("GET", "/tables", guarded([ctx](http::Request& r, const Authenticated& who, const Form&) {
               return index_page(r, ctx, who);
             }));
  router.add("POST", "/tables/calendar-token", guarded([ctx, s](http::Request& r, const Authenticated& who, const Form&) {
               auto token = s->create_feed_token(caller_of(r, who));
               if (!token) return refusal(r, ctx.options, token.error());
               return index_page(r, ctx, who, "/calendar/" + *token);
             }));
  router.add("POST", "/tables/calendar-token/revoke",
             guarded([ctx, s](http::Request& r, const Authenticated& who, const Form&) {
               if (auto ok = s->revoke_feed_token(caller_of(r, who)); !ok) return refusal(r, ctx.options, ok.error());
               return see_other("/tables?done=revoked");
             }));
  router.add("GET", "/tables/new", guarded([ctx](http::Request& r, const Authenticated& who, const Form& form) {
               if (auto ok = app::authorize(who.principal, tb::TableAction::create_table, {}); !ok) {
                 return refusal(r, ctx.options, ok.error());
               }
               return new_table_form(r, ctx, who, form);
             }));
  router.add("POST", "/tables/new", guarded([ctx](http::Request& r, const Authenticated& who, const Form& form) {
               if (auto ok = app::authorize(who.principal, tb::TableAction::create_table, {}); !ok) {
                 return refusal(r, ctx.options, ok.error());
               }
               return create_table(r, ctx, who, form);
             }));
  router.add("GET", "/tables/{id}", guarded([ctx, ids_of, not_found](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r);
               return table_view(r, ctx, who, ids->table);
             }));
  router.add("GET", "/tables/{id}/calendar",
             guarded([ctx, s, ids_of, not_found](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r);
               auto text = s->table_feed(caller_of(r, who), ids->table);
               if (!text) return refusal(r, ctx.options, text.error());
               http::Response response = http::Response::text(200, std::move(*text));
               response.set_header("Content-Type", "text/calendar; charset=utf-8");
               response.set_header("Content-Disposition",
                                   "attachment; filename=\"table-" + std::to_string(ids->table) + ".ics\"");
               return no_store(std::move(response));
             }));
  router.add("POST", "/tables/{id}/meetings",
             guarded([ctx, s, ids_of, not_found](http::Request& r, const Authenticated& who, const Form& form) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r);
               Page page(r, ctx.options, "tables");
               auto start = tb::parse_local_time(form.value("start_date") + "T" + form.value("start_time"));
               if (!start) return table_view(r, ctx, who, ids->table, problem_text(page, start.error()), 400);
               auto m = s->add_meeting(caller_of(r, who), ids->table, *start, int_of(form.value("duration"), 90),
                                       form.value("venue"), "");
               if (!m) {
                 if (refused(m.error())) return refusal(r, ctx.options, m.error());
                 return table_view(r, ctx, who, ids->table, problem_text(page, m.error()), table_status_for(m.error()));
               }
               return see_other(base_of(ids->table, m->id));
             }));
  router.add("POST", "/tables/{id}/basis-approval",
             guarded([ctx, s, ids_of, not_found](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r);
               auto approved = s->approve_basis(caller_of(r, who), ids->table);
               if (!approved) {
                 if (refused(approved.error())) return refusal(r, ctx.options, approved.error());
                 Page page(r, ctx.options, "tables");
                 return table_view(r, ctx, who, ids->table, problem_text(page, approved.error()),
                                   table_status_for(approved.error()));
               }
               return see_other(base_of(ids->table) + "?done=basis_approved");
             }));
  router.add("POST", "/tables/{id}/actions/{action}/status",
             guarded([ctx, s, ids_of, not_found](http::Request& r, const Authenticated& who, const Form& form) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r);
               auto status = tb::parse_action_status(form.value("status").empty() ? "done" : form.value("status"));
               if (!status) return refusal(r, ctx.options, Error{"invalid_input", "status"});
               auto a = s->set_action_status(caller_of(r, who), ids->table, ids->action, *status);
               if (!a) {
                 if (refused(a.error())) return refusal(r, ctx.options, a.error());
                 Page page(r, ctx.options, "tables");
                 return table_view(r, ctx, who, ids->table, problem_text(page, a.error()), table_status_for(a.error()));
               }
               return see_other(safe_next(form.get("next"), base_of(ids->table)));
             }));

  const std::string meeting = "/tables/{id}/meetings/{meeting}";
  router.add("GET", meeting, guarded([ctx, ids_of, not_found](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r);
               return meeting_view(r, ctx, who, ids->table, ids->meeting);
             }));
  router.add("GET", meeting + "/minutes",
             guarded([ctx, ids_of, not_found](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r);
               return minutes_print(r, ctx, who, ids->table, ids->meeting);
             }));
  router.add("GET", meeting + "/minutes/markdown",
             guarded([ctx, ids_of, not_found](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r);
               return minutes_markdown(r, ctx, who, ids->table, ids->meeting);
             }));
  router.add("GET", meeting + "/items/{item}/case",
             guarded([ctx, ids_of, not_found](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r);
               return case_page(r, ctx, who, ids->table, ids->meeting, ids->item);
             }));

  // The meeting's changes: each a POST form on the meeting page.
  using Change = std::function<Result<void>(const Form&, const Caller&, std::int64_t, std::int64_t)>;
  auto post = [&](const std::string& suffix, Change change, std::string_view done = {}) {
    router.add("POST", meeting + suffix,
               guarded([ctx, ids_of, not_found, change, done](http::Request& r, const Authenticated& who, const Form& form) {
                 auto ids = ids_of(r);
                 if (!ids) return not_found(r);
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
    item.case_details = f.value("case_details");
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

  router.add("GET", "/tables/{id}/history",
             guarded([ctx, ids_of, not_found](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r);
               return history_page(r, ctx, who, ids->table);
             }));
  router.add("POST", meeting + "/feedback",
             guarded([ctx, s, ids_of, not_found](http::Request& r, const Authenticated& who, const Form& form) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r);
               app::tables::FeedbackDraft d;
               d.recipient = parse_record_id(form.value("recipient")).value_or(0);
               for (const auto& v : form.all("items")) {
                 if (auto id = parse_record_id(v)) d.item_ids.push_back(*id);
               }
               d.text = form.value("text");
               for (const auto& v : form.all("categories")) {
                 if (auto cat = sharing::parse_term<sharing::Category>(v)) d.categories.add(*cat);
               }
               d.purpose = sharing::parse_term<sharing::Purpose>(form.value("purpose")).value_or(sharing::Purpose::coordination);
               auto f = s->draft_feedback(caller_of(r, who), ids->table, ids->meeting, std::move(d));
               if (!f) {
                 if (refused(f.error())) return refusal(r, ctx.options, f.error());
                 Page page(r, ctx.options, "tables");
                 return meeting_view(r, ctx, who, ids->table, ids->meeting, problem_text(page, f.error()),
                                     table_status_for(f.error()));
               }
               return see_other(base_of(ids->table, ids->meeting) + "/feedback/" + std::to_string(f->id) + "?done=saved");
             }));
  router.add("GET", meeting + "/feedback/{feedback}",
             guarded([ctx, ids_of, not_found](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r);
               return feedback_page(r, ctx, who, ids->table, ids->meeting, ids->feedback);
             }));
  auto feedback_post = [&](const std::string& suffix,
                           std::function<Result<void>(const Form&, const Caller&, const Ids&)> change,
                           std::string done) {
    router.add("POST", meeting + "/feedback/{feedback}" + suffix,
               guarded([ctx, ids_of, not_found, change, done](http::Request& r, const Authenticated& who,
                                                              const Form& form) {
                 auto ids = ids_of(r);
                 if (!ids) return not_found(r);
                 auto ok = change(form, caller_of(r, who), *ids);
                 if (!ok) {
                   if (refused(ok.error())) return refusal(r, ctx.options, ok.error());
                   Page page(r, ctx.options, "tables");
                   return feedback_page(r, ctx, who, ids->table, ids->meeting, ids->feedback,
                                        problem_text(page, ok.error()), table_status_for(ok.error()));
                 }
                 return see_other(base_of(ids->table, ids->meeting) + "/feedback/" + std::to_string(ids->feedback) +
                                  "?done=" + done);
               }));
  };
  feedback_post("/submit", [s](const Form&, const Caller& c, const Ids& ids) -> Result<void> {
    return as_void(s->submit_feedback(c, ids.table, ids.meeting, ids.feedback));
  }, "submitted");
  feedback_post("/answers", [s](const Form& f, const Caller& c, const Ids& ids) -> Result<void> {
    std::string v = f.value("consent");
    if (v != "yes" && v != "no") return fail("invalid_input", "consent");
    return as_void(s->answer_feedback(c, ids.table, ids.meeting, ids.feedback, v == "yes"));
  }, "answered");
}

}  // namespace tafel::web
