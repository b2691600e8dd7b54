// The pages of the consent registry (web/consents/consent_routes.h): the
// organisation's list, a case's consents, the form for a new consent, a consent's
// page with its answer, evidence and withdrawal, and the printable consent form.

#include "web/account_pages_support.h"
#include "web/api_support.h"
#include "web/language.h"
#include "web/viewer.h"
#include "web/consents/consent_routes.h"
#include "web/consents/consent_view.h"

namespace tafel::web {

namespace cn = tafel::consents;
using app::accounts::Authenticated;
using app::consents::ConsentView;
using kainjow::mustache::data;
using namespace consents;

namespace {

using Names = std::map<access::OrganisationId, std::string>;

std::function<std::string(access::OrganisationId)> namer(const Names& names) {
  return [&names](access::OrganisationId id) {
    auto it = names.find(id);
    return it == names.end() ? "#" + std::to_string(id) : it->second;
  };
}

bool practitioner(const access::Principal& p) {
  return p.role == access::Role::organisation_admin || p.role == access::Role::member;
}

std::string case_text(const Page& page, std::int64_t case_id) {
  return page.text("consents.case", {{"case", case_id}});
}

data fact(std::string label, std::string value) {
  data d;
  d.set("label", std::move(label));
  d.set("value", std::move(value));
  return d;
}

// ---- list ----

http::Response list_page(const Ctx& ctx, const http::Request& request, const Authenticated& who) {
  Page page(request, ctx.options, "consents");
  page.set_viewer(who);
  auto caller = caller_of(request, who);
  Names names = organisation_names(ctx, who.principal);

  if (auto kase = request.query_param("case"); kase && !kase->empty()) {
    auto id = api::parse_id(*kase);
    if (!id) return page_error(request, ctx.options, Error{"not_found", "no such case"});
    auto section = case_consents_section(page, *ctx.consents, caller, *id, namer(names));
    if (!section) return page_error(request, ctx.options, section.error());
    page.set_title(page.text("consents.case_page.title", {{"case", *id}}));
    page.set("heading", page.text("consents.case_page.title", {{"case", *id}}));
    page.set("back", page.text("consents.back"));
    page.set("section", *section);
    return no_store(page.render("consents/case"));
  }

  std::string state_text = request.query_param("state").value_or("");
  std::optional<cn::State> state = cn::parse_state(state_text);
  if (!state) state_text.clear();
  else state_text = std::string(cn::short_name_of(*state));
  auto list = ctx.consents->list(caller, state);
  if (!list) return page_error(request, ctx.options, list.error());

  std::vector<std::pair<std::string, std::string>> states{{"", page.text("consents.filter.any_state")}};
  for (cn::State s : cn::kAllStates) states.emplace_back(std::string(cn::short_name_of(s)), state_label(page, s));
  data rows{data::type::list};
  bool has_expiring = false;
  for (const auto& v : *list) {
    data r;
    r.set("href", "/consents/" + std::to_string(v.consent.id));
    r.set("case_text", case_text(page, v.consent.case_id));
    r.set("state", state_label(page, v.state));
    r.set("state_class", std::string(cn::short_name_of(v.state)));
    r.set("expiring", v.expiring);
    r.set("expiring_tag", page.text("consents.expiring_tag"));
    r.set("recipients", recipients_label(page, v.consent.recipients, namer(names)));
    r.set("purposes", purposes_label(page, v.consent.purposes));
    r.set("period", period_label(page, v.consent));
    has_expiring = has_expiring || v.expiring;
    rows.push_back(r);
  }
  page.set_title(page.text("consents.index.title"));
  page.set("heading", page.text("consents.index.title"));
  page.set("intro", page.text("consents.index.intro"));
  page.set("can_record", practitioner(who.principal));
  page.set("new_text", page.text("consents.index.new"));
  page.set("filter_heading", page.text("consents.filter.heading"));
  page.set("state_label", page.text("consents.field.state"));
  page.set("states", choices(states, state_text));
  page.set("filter_button", page.text("consents.filter.apply"));
  page.set("has_expiring", has_expiring);
  page.set("warning_prefix", page.text("consents.warning"));
  page.set("expiring_text", page.text("consents.index.expiring"));
  page.set("caption", page.text("consents.index.caption"));
  page.set("head_case", page.text("consents.field.case"));
  page.set("head_state", page.text("consents.field.state"));
  page.set("head_recipients", page.text("consents.field.recipients"));
  page.set("head_purposes", page.text("consents.field.purposes"));
  page.set("head_period", page.text("consents.field.period"));
  page.set("rows", rows);
  page.set("empty", list->empty());
  page.set("empty_text", page.text("consents.index.empty"));
  return no_store(page.render("consents/index"));
}

// ---- new ----

struct Entered {
  std::string case_id, valid_from, valid_until;
  std::vector<std::string> recipients, categories, purposes;
};

http::Response new_page(const Ctx& ctx, const http::Request& request, const Authenticated& who, const Entered& in,
                        const std::optional<Error>& problem) {
  Page page(request, ctx.options, "consents");
  page.set_viewer(who);
  auto caller = caller_of(request, who);
  auto cases = ctx.consents->visible_cases(caller);
  if (!cases) return page_error(request, ctx.options, cases.error());
  Names names = organisation_names(ctx, who.principal);
  auto has = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  std::vector<std::pair<std::string, std::string>> case_items;
  for (const auto& c : *cases) {
    std::string label = case_text(page, c.id);
    if (c.minor) label += " (" + page.text("consents.case_minor") + ")";
    case_items.emplace_back(std::to_string(c.id), label);
  }
  data recipients{data::type::list};
  int index = 0;
  auto add_recipient = [&](const cn::Recipient& r) {
    data d;
    std::string value = cn::to_text(r);
    d.set("index", std::to_string(index++));
    d.set("value", value);
    d.set("label", recipient_label(page, r, namer(names)));
    d.set("selected", has(in.recipients, value));
    recipients.push_back(d);
  };
  for (const auto& [id, name] : names) {
    if (id != who.principal.organisation_id) add_recipient(cn::Recipient{cn::Recipient::Kind::organisation, id});
  }
  for (std::size_t i = 0; i < sharing::term_count<sharing::Sector>(); ++i) {
    add_recipient(cn::Recipient{cn::Recipient::Kind::sector, 0, static_cast<sharing::Sector>(i)});
  }
  add_recipient(cn::Recipient{cn::Recipient::Kind::any});
  data categories{data::type::list}, purposes{data::type::list};
  for (std::size_t i = 0; i < sharing::term_count<sharing::Category>(); ++i) {
    std::string v(sharing::name_of(static_cast<sharing::Category>(i)));
    data d;
    d.set("value", v);
    d.set("label", page.text("sharing.category." + v));
    d.set("selected", has(in.categories, v));
    categories.push_back(d);
  }
  for (std::size_t i = 0; i < sharing::term_count<sharing::Purpose>(); ++i) {
    std::string v(sharing::name_of(static_cast<sharing::Purpose>(i)));
    data d;
    d.set("value", v);
    d.set("label", page.text("sharing.purpose." + v));
    d.set("selected", has(in.purposes, v));
    purposes.push_back(d);
  }
  page.set_title(page.text("consents.new.title"));
  page.set("heading", page.text("consents.new.title"));
  page.set("intro", page.text("consents.new.intro"));
  page.set("back", page.text("consents.back"));
  page.set("has_problem", problem.has_value());
  page.set("problem_label", page.text("consents.problem"));
  if (problem) page.set("problem", problem_text(page, *problem));
  page.set("no_cases", cases->empty());
  page.set("no_cases_text", page.text("consents.new.no_cases"));
  page.set("case_label", page.text("consents.field.case"));
  page.set("case_hint", page.text("consents.new.case_hint"));
  page.set("cases", choices(case_items, in.case_id));
  page.set("recipients_label", page.text("consents.field.recipients"));
  page.set("recipients_hint", page.text("consents.new.recipients_hint"));
  page.set("recipients", recipients);
  page.set("categories_label", page.text("consents.field.categories"));
  page.set("categories", categories);
  page.set("purposes_label", page.text("consents.field.purposes"));
  page.set("purposes", purposes);
  page.set("valid_from_label", page.text("consents.field.valid_from"));
  page.set("valid_from", in.valid_from);
  page.set("valid_until_label", page.text("consents.field.valid_until"));
  page.set("valid_until_hint", page.text("consents.new.valid_until_hint"));
  page.set("valid_until", in.valid_until);
  page.set("submit", page.text("consents.new.submit"));
  return no_store(page.render("consents/new", problem ? consent_status_for(*problem) : 200));
}

http::Response new_post(const Ctx& ctx, const http::Request& request, const Authenticated& who,
                        const http::Form& form) {
  Entered in{form.value("case"), form.value("valid_from"), form.value("valid_until"), form.all("recipient"),
             form.all("category"), form.all("purpose")};
  app::consents::ConsentDraft d;
  d.case_id = api::parse_id(in.case_id).value_or(0);
  Result<void> parsed;
  for (const auto& text : in.recipients) {
    auto r = cn::parse_recipient(text);
    if (r) d.recipients.push_back(*r);
    else parsed = fail("invalid_input", "recipient");
  }
  for (const auto& text : in.categories) {
    if (auto c = sharing::parse_term<sharing::Category>(text)) d.categories.add(*c);
  }
  for (const auto& text : in.purposes) {
    if (auto p = sharing::parse_term<sharing::Purpose>(text)) d.purposes.add(*p);
  }
  if (!in.valid_from.empty()) {
    if (auto t = parse_date(in.valid_from)) d.valid_from = *t;
    else parsed = fail("invalid_input", "valid_from");
  }
  if (!in.valid_until.empty()) {
    if (auto t = end_after_last_day(in.valid_until)) d.valid_until = *t;
    else parsed = fail("invalid_input", "valid_until");
  }
  if (!parsed) return new_page(ctx, request, who, in, parsed.error());
  auto recorded = ctx.consents->record(caller_of(request, who), std::move(d));
  if (recorded) return see_other("/consents/" + std::to_string(recorded->id) + "?done=recorded");
  const Error& e = recorded.error();
  if (e.code == "invalid_input") return new_page(ctx, request, who, in, e);
  return page_error(request, ctx.options, e);
}

// ---- one consent ----

struct Back {
  std::optional<Error> problem;
  std::string giver, minor_age, witness_name, witness_function;
};

http::Response detail_page(const Ctx& ctx, const http::Request& request, const Authenticated& who, std::int64_t id,
                           const Back& back = {}) {
  auto caller = caller_of(request, who);
  auto v = ctx.consents->consent(caller, id);
  if (!v) return page_error(request, ctx.options, v.error());
  const cn::Consent& c = v->consent;
  Page page(request, ctx.options, "consents");
  page.set_viewer(who);
  Names names = organisation_names(ctx, who.principal);
  page.set_title(page.text("consents.detail.title", {{"case", c.case_id}}));
  page.set("heading", page.text("consents.detail.title", {{"case", c.case_id}}));
  page.set("id", std::to_string(id));
  page.set("back", page.text("consents.back"));
  page.set("state", state_label(page, v->state));
  page.set("state_class", std::string(cn::short_name_of(v->state)));
  page.set("dpv_state", std::string(cn::name_of(v->state)));
  page.set("expiring", v->expiring);
  page.set("expiring_tag", page.text("consents.expiring_tag"));

  data facts{data::type::list};
  facts.push_back(fact(page.text("consents.field.case"), case_text(page, c.case_id)));
  facts.push_back(fact(page.text("consents.field.recorded_by"), namer(names)(c.recorded_by)));
  facts.push_back(fact(page.text("consents.field.recipients"), recipients_label(page, c.recipients, namer(names))));
  facts.push_back(fact(page.text("consents.field.categories"), categories_label(page, c.categories)));
  facts.push_back(fact(page.text("consents.field.purposes"), purposes_label(page, c.purposes)));
  facts.push_back(fact(page.text("consents.field.period"), period_label(page, c)));
  if (c.state != cn::State::requested) {
    std::string giver = page.text("consents.giver." + std::string(cn::name_of(c.giver)));
    if (c.giver == cn::Giver::minor_self) giver += " (" + page.text("consents.minor_age_value", {{"age", c.minor_age}}) + ")";
    facts.push_back(fact(page.text("consents.field.giver"), giver));
    facts.push_back(fact(page.text("consents.field.decided_at"), date_text(c.decided_at)));
  }
  std::string evidence = page.text("consents.evidence.none");
  if (c.evidence.kind == cn::Evidence::Kind::form) {
    evidence = page.text("consents.evidence.form", {{"kb", (c.evidence.file_size + 1023) / 1024}});
  } else if (c.evidence.kind == cn::Evidence::Kind::verbal) {
    evidence = page.text("consents.evidence.verbal",
                         {{"name", c.evidence.witness_name}, {"function", c.evidence.witness_function}});
  }
  facts.push_back(fact(page.text("consents.field.evidence"), evidence));
  if (c.withdrawn_at != sharing::kNever) {
    facts.push_back(fact(page.text("consents.field.withdrawn_at"), date_text(c.withdrawn_at)));
  }
  page.set("facts", facts);

  data links{data::type::list};
  for (auto lang : i18n::kLanguages) {
    data l;
    l.set("lang", std::string(lang));
    l.set("href", "/consents/" + std::to_string(id) + "/form?lang=" + std::string(lang));
    l.set("label", page.text("consents.form_link." + std::string(lang)));
    links.push_back(l);
  }
  page.set("form_links_text", page.text("consents.detail.form_links"));
  page.set("form_links", links);
  page.set("has_file", c.evidence.kind == cn::Evidence::Kind::form);
  page.set("evidence_download", page.text("consents.evidence.download"));

  bool may_change = practitioner(who.principal) && c.recorded_by == who.principal.organisation_id;
  page.set("can_upload", may_change && (v->state == cn::State::requested || v->state == cn::State::given));
  page.set("upload_heading", page.text("consents.upload.heading"));
  page.set("upload_label", page.text("consents.upload.label"));
  page.set("upload_hint", page.text("consents.upload.hint"));
  page.set("upload_button", page.text("consents.upload.button"));
  page.set("can_answer", may_change && v->state == cn::State::requested);
  page.set("answer_heading", page.text("consents.answer.heading"));
  page.set("giver_label", page.text("consents.field.giver"));
  page.set("giver_hint", page.text("consents.answer.giver_hint",
                                    {{"age", ctx.consents->settings().minor_own_consent_age}}));
  std::vector<std::pair<std::string, std::string>> givers;
  for (auto g : {cn::Giver::person, cn::Giver::parent, cn::Giver::guardian, cn::Giver::minor_self}) {
    givers.emplace_back(std::string(cn::name_of(g)), page.text("consents.giver." + std::string(cn::name_of(g))));
  }
  page.set("givers", choices(givers, back.giver.empty() ? std::string("person") : back.giver));
  page.set("minor_age_label", page.text("consents.answer.minor_age"));
  page.set("minor_age", back.minor_age);
  page.set("witness_heading", page.text("consents.answer.witness_heading"));
  page.set("witness_hint", page.text("consents.answer.witness_hint"));
  page.set("witness_name_label", page.text("consents.answer.witness_name"));
  page.set("witness_name", back.witness_name);
  page.set("witness_function_label", page.text("consents.answer.witness_function"));
  page.set("witness_function", back.witness_function);
  page.set("give_button", page.text("consents.answer.give"));
  page.set("refuse_button", page.text("consents.answer.refuse"));
  page.set("can_withdraw", may_change && v->state == cn::State::given);
  page.set("withdraw_heading", page.text("consents.withdraw.heading"));
  page.set("withdraw_text", page.text("consents.withdraw.text"));
  page.set("withdraw_button", page.text("consents.withdraw.button"));

  std::string done = request.query_param("done").value_or("");
  bool known_done = done == "recorded" || done == "given" || done == "refused" || done == "withdrawn" ||
                    done == "evidence";
  page.set("has_notice", known_done && !back.problem);
  page.set("notice_label", page.text("consents.notice"));
  if (known_done) page.set("notice", page.text("consents.done." + done));
  page.set("has_problem", back.problem.has_value());
  page.set("problem_label", page.text("consents.problem"));
  if (back.problem) page.set("problem", problem_text(page, *back.problem));
  return no_store(page.render("consents/consent", back.problem ? consent_status_for(*back.problem) : 200));
}

// After a failed change: the page with the problem, unless the failure is one the
// error page tells better (rights, missing record, storage).
http::Response after(const Ctx& ctx, const http::Request& request, const Authenticated& who, std::int64_t id,
                     const Result<cn::Consent>& outcome, const std::string& done, Back back) {
  if (outcome) return see_other("/consents/" + std::to_string(id) + "?done=" + done);
  const Error& e = outcome.error();
  if (e.code == "not_authenticated" || e.code == "forbidden" || e.code == "not_found" ||
      e.code == "second_factor_required" || e.code == "database_error") {
    return page_error(request, ctx.options, e);
  }
  back.problem = e;
  return detail_page(ctx, request, who, id, back);
}

http::Response detail_post(const Ctx& ctx, const http::Request& request, const Authenticated& who,
                           const http::Form& form, std::int64_t id, const std::string& part) {
  auto caller = caller_of(request, who);
  if (part == "withdraw") return after(ctx, request, who, id, ctx.consents->withdraw(caller, id), "withdrawn", {});
  Back back{std::nullopt, form.value("giver"), form.value("minor_age"), form.value("witness_name"),
            form.value("witness_function")};
  app::consents::Answer a;
  auto giver = cn::parse_giver(back.giver);
  if (!giver) return after(ctx, request, who, id, fail("giver_not_allowed", "choose who answers"), part, back);
  a.giver = *giver;
  a.minor_age = static_cast<int>(api::parse_id(back.minor_age).value_or(0));
  a.witness_name = back.witness_name;
  a.witness_function = back.witness_function;
  if (part == "give") return after(ctx, request, who, id, ctx.consents->give(caller, id, a), "given", back);
  return after(ctx, request, who, id, ctx.consents->refuse(caller, id, a), "refused", back);
}

// POST /consents/{id}/evidence: a multipart form, so the CSRF token is read from its
// field before anything else.
http::Response evidence_post(const Ctx& ctx, http::Request& request, std::int64_t id) {
  auto multipart = parse_multipart(request.header("content-type").value_or(""), request.body);
  http::Form token;
  if (multipart) {
    auto it = multipart->fields.find("csrf_token");
    std::string value = it == multipart->fields.end() ? "" : it->second;
    // A form of one field; the token is URL-safe text.
    if (auto parsed = http::Form::parse("csrf_token=" + value)) token = *parsed;
  }
  PageAccess access = page_access(ctx.accounts, ctx.options, request, &token);
  if (!access.who) return std::move(*access.response);
  if (!multipart) return page_error(request, ctx.options, Error{"invalid_input", "not a multipart form"});
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(multipart->file.data());
  auto outcome = ctx.consents->attach_evidence(caller_of(request, *access.who), id,
                                               std::span<const std::uint8_t>(bytes, multipart->file.size()));
  return after(ctx, request, *access.who, id, outcome, "evidence", {});
}

http::Response evidence_get(const Ctx& ctx, const http::Request& request, const Authenticated& who, std::int64_t id) {
  auto file = ctx.consents->evidence(caller_of(request, who), id);
  if (!file) return page_error(request, ctx.options, file.error());
  http::Response response;
  response.body.assign(file->bytes.begin(), file->bytes.end());
  response.set_header("Content-Type", file->type);
  std::string extension = file->type == "application/pdf" ? ".pdf" : file->type == "image/png" ? ".png" : ".jpg";
  response.set_header("Content-Disposition", "attachment; filename=\"consent-" + std::to_string(id) + extension + "\"");
  return no_store(response);
}

// GET /consents/{id}/form?lang=: the printable form in nl, fr or en (the page around
// it in the viewer's language). The person's name is left blank, to fill in by hand.
http::Response form_page(const Ctx& ctx, const http::Request& request, const Authenticated& who, std::int64_t id) {
  auto v = ctx.consents->consent(caller_of(request, who), id);
  if (!v) return page_error(request, ctx.options, v.error());
  const cn::Consent& c = v->consent;
  Page page(request, ctx.options, "consents");
  page.set_viewer(who);
  std::string lang = request.query_param("lang").value_or(page.lang());
  if (!i18n::is_supported(lang)) lang = page.lang();
  const i18n::Catalog& catalog = i18n::Catalog::builtin();
  auto t = [&](std::string_view key, std::initializer_list<i18n::Arg> args = {}) {
    return catalog.translate(lang, key, args);
  };
  // Labels in the form's language: a Page in that language only translates.
  http::Request in_lang;
  in_lang.method = "GET";
  in_lang.target = in_lang.path = "/";
  in_lang.headers = {{"cookie", std::string(kLanguageCookie) + "=" + lang}};
  Page form_lang(in_lang, ctx.options, "");
  Names names = organisation_names(ctx, who.principal);
  page.set_title(t("consents.form.title"));
  page.set("id", std::to_string(id));
  page.set("back", page.text("consents.back_to_consent"));
  page.set("print_hint", page.text("consents.form.print_hint"));
  page.set("form_lang", lang);
  page.set("title", t("consents.form.title"));
  page.set("intro", t("consents.form.intro", {{"organisation", namer(names)(c.recorded_by)}}));
  data facts{data::type::list};
  facts.push_back(fact(t("consents.field.case"), t("consents.case", {{"case", c.case_id}})));
  facts.push_back(fact(t("consents.field.recorded_by"), namer(names)(c.recorded_by)));
  facts.push_back(fact(t("consents.field.recipients"), recipients_label(form_lang, c.recipients, namer(names))));
  facts.push_back(fact(t("consents.field.categories"), categories_label(form_lang, c.categories)));
  facts.push_back(fact(t("consents.field.purposes"), purposes_label(form_lang, c.purposes)));
  facts.push_back(fact(t("consents.field.period"), period_label(form_lang, c)));
  page.set("facts", facts);
  page.set("rights_heading", t("consents.form.rights_heading"));
  data rights{data::type::list};
  for (auto key : {"consents.form.right_free", "consents.form.right_withdraw", "consents.form.right_scope"}) {
    rights.push_back(data(t(key)));
  }
  page.set("rights", rights);
  data blanks{data::type::list};
  for (auto key : {"consents.form.blank_name", "consents.form.blank_giver_name", "consents.form.blank_place_date",
                   "consents.form.blank_signature", "consents.form.blank_professional"}) {
    blanks.push_back(data(t(key)));
  }
  page.set("blanks", blanks);
  page.set("giver_heading", t("consents.form.giver_heading"));
  data givers{data::type::list};
  for (auto g : {cn::Giver::person, cn::Giver::parent, cn::Giver::guardian, cn::Giver::minor_self}) {
    givers.push_back(data(t("consents.giver." + std::string(cn::name_of(g)))));
  }
  page.set("givers", givers);
  page.set("reference", t("consents.form.reference", {{"id", id}}));
  return no_store(page.render("consents/form"));
}

}  // namespace

void register_consent_pages(http::Router& router, const Options& options, const AccountsContext& context,
                            app::consents::ConsentService& service) {
  auto ctx = std::make_shared<Ctx>(Ctx{context, &service, options});
  using Handler = std::function<http::Response(const Ctx&, http::Request&, const Authenticated&, const http::Form&,
                                               std::int64_t)>;
  auto page = [&](std::string method, std::string pattern, Handler handler) {
    router.add(method, pattern,
               signed_in_page(context, options, [ctx, handler](http::Request& r, const Authenticated& who, const http::Form& f) {
                 std::int64_t id = 0;
                 if (!r.param("id").empty()) {
                   id = api::parse_id(r.param("id")).value_or(0);
                   if (id == 0) return page_error(r, ctx->options, Error{"not_found", "no such consent"});
                 }
                 return handler(*ctx, r, who, f, id);
               }));
  };
  page("GET", "/consents", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t) {
    return list_page(c, r, w);
  });
  page("GET", "/consents/new", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t) {
    if (!practitioner(w.principal)) return page_error(r, c.options, Error{"forbidden", "role"});
    Entered in;
    in.case_id = r.query_param("case").value_or("");
    return new_page(c, r, w, in, std::nullopt);
  });
  page("POST", "/consents/new", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form& f, std::int64_t) {
    return new_post(c, r, w, f);
  });
  page("GET", "/consents/{id}", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t id) {
    return detail_page(c, r, w, id);
  });
  for (std::string part : {"give", "refuse", "withdraw"}) {
    page("POST", "/consents/{id}/" + part,
         [part](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form& f, std::int64_t id) {
           return detail_post(c, r, w, f, id, part);
         });
  }
  page("GET", "/consents/{id}/evidence", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t id) {
    return evidence_get(c, r, w, id);
  });
  page("GET", "/consents/{id}/form", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t id) {
    return form_page(c, r, w, id);
  });
  router.add("POST", "/consents/{id}/evidence", [ctx](http::Request& r) {
    auto id = api::parse_id(r.param("id"));
    if (!id) return page_error(r, ctx->options, Error{"not_found", "no such consent"});
    return evidence_post(*ctx, r, *id);
  });
}

}  // namespace tafel::web

namespace tafel::web::consents {

Result<kainjow::mustache::data> case_consents_section(
    const Page& page, app::consents::ConsentService& service, const app::consents::Caller& caller,
    std::int64_t case_id, const std::function<std::string(access::OrganisationId)>& organisation_name) {
  auto list = service.case_consents(caller, case_id);
  if (!list) return tl::unexpected(list.error());
  data rows{data::type::list};
  for (const auto& v : *list) {
    data r;
    if (v.full) r.set("href", "/consents/" + std::to_string(v.consent.id));
    r.set("state", state_label(page, v.state));
    r.set("state_class", std::string(cn::short_name_of(v.state)));
    r.set("recorded_by", organisation_name(v.consent.recorded_by));
    r.set("recipients", recipients_label(page, v.consent.recipients, organisation_name));
    r.set("categories", categories_label(page, v.consent.categories));
    r.set("purposes", purposes_label(page, v.consent.purposes));
    r.set("period", period_label(page, v.consent));
    r.set("expiring", v.expiring);
    rows.push_back(r);
  }
  bool can_record = caller.principal.role == access::Role::organisation_admin ||
                    caller.principal.role == access::Role::member;
  data section;
  section.set("heading", page.text("consents.section.heading"));
  section.set("rows", rows);
  section.set("empty", list->empty());
  section.set("empty_text", page.text("consents.section.empty"));
  section.set("can_record", can_record);
  section.set("new_href", "/consents/new?case=" + std::to_string(case_id));
  section.set("new_text", page.text("consents.index.new"));
  section.set("head_state", page.text("consents.field.state"));
  section.set("head_recorded_by", page.text("consents.field.recorded_by"));
  section.set("head_recipients", page.text("consents.field.recipients"));
  section.set("head_categories", page.text("consents.field.categories"));
  section.set("head_purposes", page.text("consents.field.purposes"));
  section.set("head_period", page.text("consents.field.period"));
  return section;
}

}  // namespace tafel::web::consents
