// The pages of the reference index (web/index/index_routes.h): "Who else is
// involved?" with the organisation's own signals and the registration form, and the
// organisation's matches with their answers. Every decision is IndexService's.
//
// The registration answers the same whether or not the signal matched (a redirect
// to /index with one fixed notice): the form is no way to ask whether a person is
// known. The identity typed is never echoed back after a successful registration.

#include "web/account_pages_support.h"
#include "web/api_support.h"
#include "web/index/index_routes.h"
#include "web/page.h"
#include "web/viewer.h"

namespace tafel::web {

namespace ix = app::index;
using app::accounts::Authenticated;
using kainjow::mustache::data;

namespace {

struct Ctx {
  AccountsContext accounts;
  ix::IndexService* service = nullptr;
  Options options;
};

ix::Caller caller_of(const http::Request& r, const Authenticated& a) { return ix::Caller{a.principal, audit_origin(r)}; }

// The failures the form explains itself; the others get the error page.
bool form_problem(const Error& e) {
  return e.code == "invalid_input" || e.code == "invalid_number" || e.code == "invalid_identity" ||
         e.code == "invalid_date" || e.code == "invalid_ground";
}

std::string problem_text(const Page& page, const Error& e) {
  if (form_problem(e)) return page.text("index.error." + e.code);
  return page.text("index.error.other");
}

std::string contact_label(const Page& page, const std::vector<ix::ContactPointChoice>& points, std::int64_t id) {
  for (const auto& p : points) {
    if (p.id == id) return p.person.empty() ? page.text("index.contact_point", {{"id", id}}) : p.person;
  }
  return page.text("index.contact_point", {{"id", id}});
}

std::string ground_label(const Page& page, const ix::IndexSettings& settings, ix::GroundKind kind,
                         std::int64_t consent, const std::string& statute) {
  if (kind == ix::GroundKind::consent) return page.text("index.ground.consent", {{"id", consent}});
  for (const auto& s : settings.statutory_bases) {
    if (s.key == statute) return s.label;
  }
  return statute;
}

// What was typed in the registration form, kept to show it again after a problem.
struct Entered {
  std::string contact_point, since, ground, number, given, family, birth_date, place;
};

data choice(std::string value, std::string label, bool selected) {
  data d;
  d.set("value", std::move(value));
  d.set("label", std::move(label));
  d.set("selected", selected);
  return d;
}

// ---- /index ----

http::Response index_page(const Ctx& ctx, const http::Request& request, const Authenticated& who, const Entered& in,
                          const std::optional<Error>& problem) {
  auto caller = caller_of(request, who);
  auto signals = ctx.service->signals(caller);
  if (!signals) return page_error(request, ctx.options, signals.error());
  auto points = ctx.service->contact_points(caller);
  if (!points) return page_error(request, ctx.options, points.error());
  auto consents = ctx.service->usable_consents(caller);
  if (!consents) return page_error(request, ctx.options, consents.error());
  const auto& settings = ctx.service->settings();

  Page page(request, ctx.options, "index");
  page.set_viewer(who);
  page.set_title(page.text("index.title"));
  page.set("heading", page.text("index.title"));
  page.set("intro", page.text("index.intro"));
  page.set("matches_link", page.text("index.matches_link"));

  data rows{data::type::list};
  for (const auto& s : *signals) {
    data r;
    r.set("id", std::to_string(s.id));
    r.set("since", s.since);
    r.set("ground", ground_label(page, settings, s.ground, s.consent_id, s.statute));
    r.set("contact_point", contact_label(page, *points, s.contact_point));
    r.set("state", page.text("index.state." + std::string(ix::name_of(s.state))));
    r.set("state_class", std::string(ix::name_of(s.state)));
    r.set("identified_by", page.text(s.by_number ? "index.by_number" : "index.by_name"));
    r.set("withdraw_hidden", page.text("index.signal_named", {{"id", s.id}}));
    rows.push_back(r);
  }
  page.set("caption", page.text("index.signals.caption"));
  page.set("head_since", page.text("index.field.since"));
  page.set("head_ground", page.text("index.field.ground"));
  page.set("head_contact_point", page.text("index.field.contact_point"));
  page.set("head_identified_by", page.text("index.field.identified_by"));
  page.set("head_state", page.text("index.field.state"));
  page.set("head_actions", page.text("index.field.actions"));
  page.set("withdraw_button", page.text("index.withdraw"));
  page.set("rows", rows);
  page.set("empty", signals->empty());
  page.set("empty_text", page.text("index.signals.empty"));

  // The registration form.
  page.set("register_heading", page.text("index.register.heading"));
  page.set("register_intro", page.text("index.register.intro"));
  data point_choices{data::type::list};
  for (const auto& p : *points) {
    std::string value = std::to_string(p.id);
    point_choices.push_back(choice(value, contact_label(page, *points, p.id), in.contact_point == value));
  }
  data grounds{data::type::list};
  for (const auto& c : *consents) {
    std::string value = "consent:" + std::to_string(c.id);
    grounds.push_back(choice(value, page.text("index.ground.consent_choice", {{"id", c.id}, {"case", c.case_id}}),
                             in.ground == value));
  }
  for (const auto& s : settings.statutory_bases) {
    std::string value = "statute:" + s.key;
    grounds.push_back(choice(value, page.text("index.ground.statute_choice", {{"label", s.label}}), in.ground == value));
  }
  page.set("no_contact_points", points->empty());
  page.set("no_contact_points_text", page.text("index.register.no_contact_points"));
  page.set("contact_point_label", page.text("index.field.contact_point"));
  page.set("contact_point_hint", page.text("index.register.contact_point_hint"));
  page.set("contact_points", point_choices);
  page.set("since_label", page.text("index.field.since"));
  page.set("since_hint", page.text("index.register.since_hint"));
  page.set("since", in.since);
  page.set("ground_label", page.text("index.field.ground"));
  page.set("ground_hint", page.text("index.register.ground_hint"));
  page.set("grounds", grounds);
  page.set("identity_heading", page.text("index.register.identity_heading"));
  page.set("identity_hint", page.text("index.register.identity_hint"));
  page.set("number_label", page.text("index.field.number"));
  page.set("number_hint", page.text("index.register.number_hint"));
  page.set("number", in.number);
  page.set("or_text", page.text("index.register.or"));
  page.set("given_label", page.text("index.field.given"));
  page.set("given", in.given);
  page.set("family_label", page.text("index.field.family"));
  page.set("family", in.family);
  page.set("birth_date_label", page.text("index.field.birth_date"));
  page.set("birth_date", in.birth_date);
  page.set("place_label", page.text("index.field.place"));
  page.set("place", in.place);
  page.set("submit", page.text("index.register.submit"));

  std::string done = request.query_param("done").value_or("");
  bool known_done = !problem && (done == "registered" || done == "withdrawn");
  page.set("has_notice", known_done);
  page.set("notice_label", page.text("index.notice"));
  if (known_done) page.set("notice", page.text("index.done." + done));
  page.set("has_problem", problem.has_value());
  page.set("problem_label", page.text("index.problem"));
  if (problem) page.set("problem", problem_text(page, *problem));
  return no_store(page.render("index/index", problem ? index_status_for(*problem) : 200));
}

http::Response register_post(const Ctx& ctx, const http::Request& request, const Authenticated& who,
                             const http::Form& form) {
  Entered in{form.value("contact_point"), form.value("since"),  form.value("ground"), form.value("number"),
             form.value("given"),         form.value("family"), form.value("birth_date"), form.value("place")};
  ix::SignalDraft d;
  d.contact_point = api::parse_id(in.contact_point).value_or(0);
  d.since = in.since;
  // "consent:<id>" or "statute:<key>"; anything else reaches the service as a statute
  // no list holds, refused there after the caller's rights.
  if (in.ground.starts_with("consent:")) {
    d.ground = ix::GroundKind::consent;
    d.consent_id = api::parse_id(in.ground.substr(8)).value_or(0);
  } else {
    d.ground = ix::GroundKind::statute;
    d.statute = in.ground.starts_with("statute:") ? in.ground.substr(8) : std::string();
  }
  d.identity = {in.number, in.given, in.family, in.birth_date, in.place};
  auto signal = ctx.service->register_signal(caller_of(request, who), std::move(d));
  // The same answer whether or not it matched; match notices arrive in the inbox.
  if (signal) return see_other("/index?done=registered");
  if (form_problem(signal.error())) return index_page(ctx, request, who, in, signal.error());
  return page_error(request, ctx.options, signal.error());
}

// ---- /index/matches ----

http::Response matches_page(const Ctx& ctx, const http::Request& request, const Authenticated& who) {
  auto caller = caller_of(request, who);
  auto matches = ctx.service->matches(caller);
  if (!matches) return page_error(request, ctx.options, matches.error());
  Page page(request, ctx.options, "index");
  page.set_viewer(who);
  page.set_title(page.text("index.matches.title"));
  page.set("heading", page.text("index.matches.title"));
  page.set("intro", page.text("index.matches.intro"));
  page.set("back", page.text("index.back"));
  data items{data::type::list};
  for (const auto& m : *matches) {
    data r;
    r.set("id", std::to_string(m.id));
    r.set("title", page.text("index.matches.item", {{"signal", m.my_signal}}));
    r.set("certainty", page.text("index.certainty." + std::string(ix::name_of(m.certainty))));
    r.set("status", page.text("index.status." + m.status));
    r.set("status_class", m.status);
    r.set("can_answer", m.certainty == ix::Certainty::possible && m.mine == ix::Answer::pending &&
                            m.theirs != ix::Answer::rejected);
    r.set("waiting", m.status == "pending" && m.mine == ix::Answer::confirmed);
    r.set("has_other", m.other.has_value());
    if (m.other) {
      data facts{data::type::list};
      auto add = [&](const char* key, const std::string& value) {
        if (value.empty()) return;
        data f;
        f.set("label", page.text(key));
        f.set("value", value);
        facts.push_back(f);
      };
      add("index.other.organisation", m.other->organisation);
      add("index.other.person", m.other->person);
      add("index.other.email", m.other->email);
      add("index.other.phone", m.other->phone);
      add("index.other.emergency_line", m.other->emergency_line);
      add("index.other.office_hours", m.other->office_hours);
      r.set("facts", facts);
    }
    items.push_back(r);
  }
  page.set("matches", items);
  page.set("empty", matches->empty());
  page.set("empty_text", page.text("index.matches.empty"));
  page.set("certainty_label", page.text("index.field.certainty"));
  page.set("status_label", page.text("index.field.status"));
  page.set("other_heading", page.text("index.other.heading"));
  page.set("confirm_button", page.text("index.confirm"));
  page.set("reject_button", page.text("index.reject"));
  page.set("answer_hint", page.text("index.matches.answer_hint"));
  page.set("waiting_text", page.text("index.matches.waiting"));
  std::string done = request.query_param("done").value_or("");
  bool known_done = done == "confirmed" || done == "rejected";
  page.set("has_notice", known_done);
  page.set("notice_label", page.text("index.notice"));
  if (known_done) page.set("notice", page.text("index.done." + done));
  return no_store(page.render("index/matches"));
}

}  // namespace

void register_index_pages(http::Router& router, const Options& options, const AccountsContext& context,
                          ix::IndexService& service) {
  auto ctx = std::make_shared<Ctx>(Ctx{context, &service, options});
  using Handler = std::function<http::Response(const Ctx&, http::Request&, const Authenticated&, const http::Form&,
                                               std::int64_t)>;
  auto page = [&](std::string method, std::string pattern, Handler handler) {
    router.add(method, pattern,
               signed_in_page(context, options, [ctx, handler](http::Request& r, const Authenticated& who,
                                                               const http::Form& f) {
                 std::int64_t id = 0;
                 if (!r.param("id").empty()) {
                   id = api::parse_id(r.param("id")).value_or(0);
                   if (id == 0) return page_error(r, ctx->options, Error{"not_found", "no such record"});
                 }
                 return handler(*ctx, r, who, f, id);
               }));
  };
  page("GET", "/index", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t) {
    return index_page(c, r, w, Entered{}, std::nullopt);
  });
  page("POST", "/index", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form& f, std::int64_t) {
    return register_post(c, r, w, f);
  });
  page("POST", "/index/signals/{id}/withdraw",
       [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t id) {
         auto done = c.service->withdraw(caller_of(r, w), id);
         if (!done) return page_error(r, c.options, done.error());
         return see_other("/index?done=withdrawn");
       });
  page("GET", "/index/matches", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t) {
    return matches_page(c, r, w);
  });
  for (bool confirm : {true, false}) {
    page("POST", std::string("/index/matches/{id}/") + (confirm ? "confirm" : "reject"),
         [confirm](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t id) {
           auto m = c.service->answer(caller_of(r, w), id, confirm);
           if (!m) return page_error(r, c.options, m.error());
           return see_other(std::string("/index/matches?done=") + (confirm ? "confirmed" : "rejected"));
         });
  }
}

}  // namespace tafel::web
