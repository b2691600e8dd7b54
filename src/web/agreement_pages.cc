#include "web/agreement_pages.h"

#include <algorithm>
#include <map>

#include "app/authorization.h"
#include "core/agreement/diff.h"
#include "http/form.h"
#include "web/account_pages_support.h"
#include "web/audit_api.h"
#include "web/page.h"
#include "web/viewer.h"

namespace tafel::web {
namespace {

using app::accounts::Authenticated;
using kainjow::mustache::data;

constexpr std::size_t kCategories = sharing::term_count<sharing::Category>();
constexpr std::size_t kPurposes = sharing::term_count<sharing::Purpose>();

// Organisation names by sharing id ("12" -> "CAW Nethegem"), for display.
std::map<std::string, std::string> organisation_names(const AgreementsContext& ctx, const Authenticated& who) {
  std::map<std::string, std::string> out;
  if (auto orgs = ctx.accounts.directory->organisations(who.principal)) {
    for (const auto& o : *orgs) out[std::to_string(o.id)] = o.name;
  }
  return out;
}

std::string party_label(const Page& page, const std::map<std::string, std::string>& names, const std::string& ref) {
  if (ref == "*") return page.text("agreements.party.any");
  if (ref.starts_with("sector:")) {
    return page.text("agreements.party.sector", {{"sector", page.text("directory.sector." + ref.substr(7))}});
  }
  auto it = names.find(ref);
  return it == names.end() ? page.text("agreements.party.unknown", {{"id", ref}}) : it->second;
}

template <typename E>
std::string term_list(const Page& page, sharing::TermSet<E> set, std::string_view prefix) {
  std::string out;
  set.for_each([&](E v) {
    if (!out.empty()) out += ", ";
    out += page.text(std::string(prefix) + std::string(sharing::name_of(v)));
  });
  return out;
}

std::string join_labels(const Page& page, const std::map<std::string, std::string>& names,
                        const std::vector<std::string>& refs) {
  std::string out;
  for (const auto& r : refs) out += (out.empty() ? "" : ", ") + party_label(page, names, r);
  return out;
}

data strings(const std::vector<std::string>& items) {
  data list{data::type::list};
  for (const auto& i : items) list.push_back(data(i));
  return list;
}

std::string error_text(const Page& page, const Error& e) {
  static constexpr std::string_view kKnown[] = {
      "invalid_input", "invalid_code",  "throttled",   "stale_version", "lint_errors", "not_draft", "draft_exists",
      "already_signed", "not_in_force", "not_suspended", "ended",       "conflict",    "forbidden", "not_found"};
  for (auto k : kKnown) {
    if (e.code == k) return page.text("agreements.error." + e.code);
  }
  return page.text("agreements.error.generic");
}

Page agreement_page(const http::Request& request, const Options& options, const Authenticated& who,
                    const std::string& title) {
  Page page(request, options, "agreements");
  page.set_viewer(who);
  page.set_title(title);
  page.set("heading", title);
  return page;
}

bool can_manage(const Authenticated& who) {
  return who.principal.role == access::Role::organisation_admin || who.principal.role == access::Role::platform_admin;
}

// --- list -------------------------------------------------------------------------------

http::Response list_page(const http::Request& request, const Options& options, const AgreementsContext& ctx,
                         const Authenticated& who) {
  auto list = ctx.agreements->list(who.principal);
  if (!list) return page_error(request, options, list.error());
  auto names = organisation_names(ctx, who);
  Page page = agreement_page(request, options, who, "");
  page.set_title(page.text("agreements.list.title"));
  page.set("heading", page.text("agreements.list.title"));
  page.set("intro", page.text("agreements.list.intro"));
  page.set("can_create", can_manage(who));
  page.set("create_text", page.text("agreements.list.create"));
  page.set("caption", page.text("agreements.list.caption"));
  page.set("head_title", page.text("agreements.field.title"));
  page.set("head_parties", page.text("agreements.list.parties"));
  page.set("head_status", page.text("agreements.list.status"));
  page.set("head_version", page.text("agreements.list.version"));
  page.set("empty_text", page.text("agreements.list.empty"));
  data rows{data::type::list};
  for (const auto& a : *list) {
    data row;
    row.set("href", "/agreements/" + std::to_string(a.id()));
    row.set("title", a.latest().document.title);
    std::vector<std::string> parties;
    for (const auto& p : a.latest().document.parties) parties.push_back(party_label(page, names, p.organisation));
    std::string joined;
    for (const auto& p : parties) joined += (joined.empty() ? "" : ", ") + p;
    row.set("parties", joined);
    const auto* effective = a.effective();
    const auto& shown = effective ? *effective : a.latest();
    row.set("status", page.text("agreements.status." + std::string(agreement::name_of(shown.status))));
    row.set("version", std::to_string(shown.number));
    rows.push_back(row);
  }
  page.set("rows", rows);
  page.set("empty", list->empty());
  return no_store(page.render("agreements/agreement_list"));
}

// --- one agreement ------------------------------------------------------------------------

data matrix_data(const Page& page, const agreement::Review& review, const std::map<std::string, std::string>& names) {
  data pairs{data::type::list};
  for (const auto& row : review.matrix) {
    data pair;
    const auto& from = review.world.organisations[row.from].id;
    const auto& to = review.world.organisations[row.to].id;
    pair.set("caption", page.text("agreements.matrix.pair", {{"to", party_label(page, names, to)},
                                                             {"from", party_label(page, names, from)}}));
    data head{data::type::list};
    for (std::size_t c = 0; c < kCategories; ++c) {
      head.push_back(data(page.text("sharing.category." + std::string(sharing::name_of(static_cast<sharing::Category>(c))))));
    }
    pair.set("head", head);
    data lines{data::type::list};
    for (std::size_t p = 0; p < kPurposes; ++p) {
      bool any = false;
      data cells{data::type::list};
      for (std::size_t c = 0; c < kCategories; ++c) {
        const auto& cell = row.cells[p][c];
        std::string text = term_list(page, cell.grounds, "sharing.ground.");
        if (cell.forbidden) text += (text.empty() ? "" : " — ") + page.text("agreements.matrix.forbidden");
        any = any || !cell.grounds.empty() || cell.forbidden;
        cells.push_back(data(text.empty() ? std::string("—") : text));
      }
      if (!any) continue;
      data line;
      line.set("purpose", page.text("sharing.purpose." + std::string(sharing::name_of(static_cast<sharing::Purpose>(p)))));
      line.set("cells", cells);
      lines.push_back(line);
    }
    pair.set("rows", lines);
    pair.set("empty", lines.is_empty_list());
    pairs.push_back(pair);
  }
  return pairs;
}

http::Response view_page(const http::Request& request, const Options& options, const AgreementsContext& ctx,
                         const Authenticated& who, agreement::AgreementId id, const std::string& notice = {},
                         const std::string& problem = {}, int status = 200) {
  auto a = ctx.agreements->get(who.principal, id);
  if (!a) return page_error(request, options, a.error());
  auto names = organisation_names(ctx, who);
  const agreement::Version* shown_version = a->effective() ? a->effective() : &a->latest();
  if (auto q = request.query_param("version")) {
    if (auto n = parse_record_id(*q); n && a->version(static_cast<int>(*n))) shown_version = a->version(static_cast<int>(*n));
  }
  const agreement::Version& v = *shown_version;
  const agreement::Document& d = v.document;
  Page page = agreement_page(request, options, who, d.title);
  const std::string base = "/agreements/" + std::to_string(id);
  page.set("back_href", "/agreements");
  page.set("back_text", page.text("agreements.back"));
  page.set("has_notice", !notice.empty());
  page.set("notice", notice);
  page.set("notice_label", page.text("agreements.notice"));
  page.set("has_problem", !problem.empty());
  page.set("problem", problem);
  page.set("problem_label", page.text("agreements.problem"));
  // Each party whose facts changed since this version was signed (issue 11, point 3).
  data facts_changed{data::type::list};
  if (auto changed = ctx.agreements->changed_facts(v)) {
    for (const auto& org : *changed) {
      data item;
      item.set("text", page.text("agreements.facts_changed", {{"organisation", party_label(page, names, org)}}));
      facts_changed.push_back(item);
    }
  }
  page.set("has_facts_changed", !facts_changed.is_empty_list());
  page.set("facts_changed", facts_changed);
  page.set("caption", page.text("agreements.view.caption", {{"number", std::int64_t{v.number}},
                                                              {"status", page.text("agreements.status." + std::string(agreement::name_of(v.status)))}}));

  // Summary of dates and the hash parties sign.
  data summary{data::type::list};
  auto add_summary = [&](std::string key, std::string value) {
    data item;
    item.set("key", page.text(key));
    item.set("value", std::move(value));
    summary.push_back(item);
  };
  add_summary("agreements.field.valid_from", format_date_utc(d.valid_from));
  add_summary("agreements.field.valid_until",
              d.valid_until == sharing::kNever ? page.text("agreements.open_ended") : format_date_utc(d.valid_until));
  add_summary("agreements.field.review_date", format_date_utc(d.review_date));
  add_summary("agreements.field.hash", v.hash);
  page.set("summary", summary);

  // The parties side by side: one column per party.
  page.set("parties_heading", page.text("agreements.parties.heading"));
  page.set("label_finality", page.text("agreements.field.finality"));
  page.set("label_roles", page.text("agreements.field.roles"));
  page.set("label_tasks", page.text("agreements.field.tasks"));
  page.set("label_signature", page.text("agreements.parties.signature"));
  page.set("label_party", page.text("agreements.parties.party"));
  data parties{data::type::list};
  for (const auto& p : d.parties) {
    data party;
    party.set("name", party_label(page, names, p.organisation));
    party.set("finality", p.finality);
    party.set("roles", strings(p.roles));
    party.set("tasks", strings(p.tasks));
    party.set("signature", page.text(v.signed_by(p.organisation) ? "agreements.parties.signed"
                                                                   : "agreements.parties.not_signed"));
    parties.push_back(party);
  }
  page.set("parties", parties);

  // Rules and retention as written.
  page.set("rules_heading", page.text("agreements.rules.heading"));
  page.set("rules_head", strings({page.text("agreements.rule.id"), page.text("agreements.rule.effect"),
                                  page.text("agreements.rule.from"), page.text("agreements.rule.to"),
                                  page.text("agreements.rule.categories"), page.text("agreements.rule.purposes"),
                                  page.text("agreements.rule.legal_reference"), page.text("agreements.rule.obligations")}));
  data rules{data::type::list};
  for (const auto& r : d.rules) {
    std::string obligations;
    for (const auto& o : r.obligations) obligations += (obligations.empty() ? "" : ", ") + o;
    rules.push_back(data("cells", strings({r.id, page.text("agreements.effect." + std::string(sharing::name_of(r.effect))),
                                           join_labels(page, names, r.from), join_labels(page, names, r.to),
                                           term_list(page, r.categories, "sharing.category."),
                                           term_list(page, r.purposes, "sharing.purpose."), r.legal_reference,
                                           obligations})));
  }
  page.set("rules", rules);
  page.set("no_rules", d.rules.empty());
  page.set("no_rules_text", page.text("agreements.rules.none"));
  page.set("retention_heading", page.text("agreements.retention.heading"));
  data retention{data::type::list};
  for (const auto& r : d.retention) {
    data item;
    item.set("key", page.text("sharing.category." + std::string(sharing::name_of(r.category))));
    item.set("value", page.text("agreements.retention.days", {{"days", std::int64_t{r.days}}}));
    retention.push_back(item);
  }
  page.set("retention", retention);
  page.set("has_retention", !d.retention.empty());

  // Lint and the sharing matrix, from the sharing engine.
  page.set("matrix_heading", page.text("agreements.matrix.heading"));
  page.set("matrix_intro", page.text("agreements.matrix.intro"));
  page.set("matrix_purpose", page.text("agreements.matrix.purpose"));
  page.set("matrix_empty", page.text("agreements.matrix.empty"));
  page.set("warning_prefix", page.text("agreements.warning_prefix"));
  auto review = ctx.agreements->review(who.principal, d);
  if (review) {
    page.set("matrix", matrix_data(page, *review, names));
    data findings{data::type::list};
    for (const auto& f : review->findings) {
      findings.push_back(data("text", page.text("agreements.lint." + f.code, {{"rule", f.rule}})));
    }
    page.set("findings", findings);
  }

  // Versions and the difference between two of them.
  page.set("versions_heading", page.text("agreements.versions.heading"));
  page.set("versions_head", strings({page.text("agreements.list.version"), page.text("agreements.list.status"),
                                     page.text("agreements.versions.created"), page.text("agreements.versions.signatures")}));
  data versions{data::type::list};
  for (const auto& ver : a->versions()) {
    data item;
    item.set("href", base + "?version=" + std::to_string(ver.number));
    item.set("number", page.text("agreements.versions.number", {{"number", std::int64_t{ver.number}}}));
    item.set("status", page.text("agreements.status." + std::string(agreement::name_of(ver.status))));
    item.set("created", format_date_utc(ver.created_at));
    item.set("signatures", std::to_string(ver.document.parties.size() - ver.missing_signatures().size()) + " / " +
                               std::to_string(ver.document.parties.size()));
    versions.push_back(item);
  }
  page.set("versions", versions);
  if (a->versions().size() > 1) {
    int latest = a->latest().number;
    auto pick = [&](std::string_view key, int fallback) {
      auto q = request.query_param(key);
      auto n = q ? parse_record_id(*q) : std::nullopt;
      return n && *n <= latest ? static_cast<int>(*n) : fallback;
    };
    int from = pick("from", latest - 1), to = pick("to", latest);
    page.set("has_diff", true);
    page.set("diff_heading", page.text("agreements.diff.heading", {{"from", std::int64_t{from}}, {"to", std::int64_t{to}}}));
    page.set("diff_action", base);
    page.set("diff_from_label", page.text("agreements.diff.from"));
    page.set("diff_to_label", page.text("agreements.diff.to"));
    page.set("diff_submit", page.text("agreements.diff.submit"));
    data from_choices{data::type::list}, to_choices{data::type::list};
    for (const auto& ver : a->versions()) {
      for (auto* list : {&from_choices, &to_choices}) {
        data c;
        c.set("value", std::to_string(ver.number));
        c.set("selected", ver.number == (list == &from_choices ? from : to));
        list->push_back(c);
      }
    }
    page.set("diff_from", from_choices);
    page.set("diff_to", to_choices);
    page.set("diff_head", strings({page.text("agreements.diff.what"), page.text("agreements.diff.before"),
                                   page.text("agreements.diff.after")}));
    data changes{data::type::list};
    for (const auto& c : agreement::diff(a->version(from)->document, a->version(to)->document)) {
      std::string what = page.text("agreements.diff.field." + c.field);
      if (!c.subject.empty()) {
        std::string subject = c.field.starts_with("party") ? party_label(page, names, c.subject)
                              : c.field == "retention"     ? page.text("sharing.category." + c.subject)
                                                           : c.subject;
        what += " " + subject;
      }
      what += " (" + page.text("agreements.diff.kind." + std::string(agreement::name_of(c.kind))) + ")";
      auto shown = [&](const std::string& value) {
        if (c.field.starts_with("valid") || c.field == "review_date") {
          if (value == "never") return page.text("agreements.open_ended");
          try {
            return format_date_utc(std::stoll(value));
          } catch (const std::exception&) {
            return value;
          }
        }
        return value;
      };
      changes.push_back(data("cells", strings({what, shown(c.before), shown(c.after)})));
    }
    page.set("changes", changes);
    page.set("no_changes", changes.is_empty_list());
    page.set("no_changes_text", page.text("agreements.diff.none"));
  }

  // What the viewer can do now.
  const std::string own = std::to_string(who.principal.organisation_id);
  const auto& latest = a->latest();
  bool party = latest.is_party(own);
  bool is_draft = latest.status == agreement::VersionStatus::draft;
  page.set("csrf", who.session.csrf_token);
  if (is_draft && party && who.principal.role == access::Role::organisation_admin && !latest.signed_by(own)) {
    page.set("can_sign", true);
    page.set("sign_heading", page.text("agreements.sign.heading", {{"number", std::int64_t{latest.number}}}));
    page.set("sign_text", page.text("agreements.sign.text"));
    page.set("sign_hash", latest.hash);
    page.set("sign_action", base + "/sign");
    page.set("sign_code_label", page.text("agreements.sign.code"));
    page.set("sign_code_hint", page.text("agreements.sign.code_hint"));
    page.set("sign_submit", page.text("agreements.sign.submit"));
  }
  bool manager = can_manage(who) && (party || who.principal.role == access::Role::platform_admin);
  data actions{data::type::list};
  auto action = [&](std::string text, std::string href, bool post, std::string value = {}) {
    data item;
    item.set("text", std::move(text));
    item.set("href", std::move(href));
    item.set("post", post);
    item.set("link", !post);
    item.set("value", std::move(value));
    actions.push_back(item);
  };
  if (manager && is_draft) action(page.text("agreements.action.edit"), base + "/edit", false);
  if (manager && !is_draft && !a->ended()) action(page.text("agreements.action.new_version"), base + "/versions", true);
  if (manager && a->effective() && a->effective()->status == agreement::VersionStatus::in_force) {
    action(page.text("agreements.action.suspend"), base + "/status", true, "suspended");
  }
  if (manager && a->effective() && a->effective()->status == agreement::VersionStatus::suspended) {
    action(page.text("agreements.action.resume"), base + "/status", true, "in_force");
  }
  if (manager && a->effective()) action(page.text("agreements.action.end"), base + "/status", true, "ended");
  page.set("actions", actions);
  page.set("has_actions", !actions.is_empty_list());
  if (&v != &latest) {
    page.set("other_version", true);
    page.set("other_version_text", page.text("agreements.view.latest_is", {{"number", std::int64_t{latest.number}}}));
    page.set("other_version_href", base + "?version=" + std::to_string(latest.number));
  }
  return no_store(page.render("agreements/agreement_view", status));
}

// --- the draft form ------------------------------------------------------------------------

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    while (!line.empty() && line.front() == ' ') line.erase(line.begin());
    if (!line.empty()) out.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text + ",") {
    if (c == ',') {
      while (!item.empty() && item.back() == ' ') item.pop_back();
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else if (c != ' ' || !item.empty()) {
      item += c;
    }
  }
  return out;
}

std::string join_lines(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

template <typename E>
std::vector<Choice> term_choices(const Page& page, sharing::TermSet<E> selected, std::string_view prefix) {
  std::vector<Choice> out;
  for (std::size_t i = 0; i < sharing::term_count<E>(); ++i) {
    auto v = static_cast<E>(i);
    out.push_back({std::string(sharing::name_of(v)), page.text(std::string(prefix) + std::string(sharing::name_of(v))),
                   selected.has(v)});
  }
  return out;
}

template <typename E>
sharing::TermSet<E> terms_from(const http::Form& form, const std::string& name) {
  sharing::TermSet<E> set;
  for (const auto& v : form.all(name)) {
    if (auto t = sharing::parse_term<E>(v)) set.add(*t);
  }
  return set;
}

// The form's fields for `d`, with one empty party and one empty rule to add.
std::vector<Field> document_fields(const Page& page, const agreement::Document& d,
                                   const std::vector<tafel::directory::Organisation>& orgs) {
  std::vector<Field> f;
  auto field = [&](std::string name, std::string label_key, std::string type, std::string value,
                   std::initializer_list<i18n::Arg> args = {}, std::string hint_key = {}) {
    Field x;
    x.name = std::move(name);
    x.label = page.text(label_key, args);
    x.type = std::move(type);
    x.value = std::move(value);
    if (!hint_key.empty()) x.hint = page.text(hint_key);
    f.push_back(std::move(x));
    return &f.back();
  };
  field("title", "agreements.field.title", "text", d.title);
  field("valid_from", "agreements.field.valid_from", "text", format_date_utc(d.valid_from), {}, "agreements.hint.date")
      ->width_class = "govuk-input--width-10";
  field("valid_until", "agreements.field.valid_until", "text", format_date_utc(d.valid_until), {},
        "agreements.hint.valid_until")
      ->width_class = "govuk-input--width-10";
  field("review_date", "agreements.field.review_date", "text", format_date_utc(d.review_date), {},
        "agreements.hint.date")
      ->width_class = "govuk-input--width-10";

  std::size_t party_slots = std::max<std::size_t>(2, d.parties.size()) + 1;
  for (std::size_t i = 0; i < party_slots; ++i) {
    agreement::Party p = i < d.parties.size() ? d.parties[i] : agreement::Party{};
    const std::string n = std::to_string(i + 1);
    Field* org = field("party_" + n, "agreements.form.party", "select", "", {{"n", std::int64_t(i + 1)}});
    org->choices.push_back({"", page.text("agreements.form.no_party"), p.organisation.empty()});
    for (const auto& o : orgs) {
      std::string id = std::to_string(o.id);
      org->choices.push_back({id, o.name, id == p.organisation});
    }
    field("party_" + n + "_finality", "agreements.form.finality", "textarea", p.finality, {{"n", std::int64_t(i + 1)}});
    field("party_" + n + "_roles", "agreements.form.roles", "textarea", join_lines(p.roles, "\n"),
          {{"n", std::int64_t(i + 1)}}, "agreements.hint.one_per_line");
    field("party_" + n + "_tasks", "agreements.form.tasks", "textarea", join_lines(p.tasks, "\n"),
          {{"n", std::int64_t(i + 1)}}, "agreements.hint.one_per_line");
  }

  for (std::size_t i = 0; i < d.rules.size() + 1; ++i) {
    agreement::RuleText r = i < d.rules.size() ? d.rules[i] : agreement::RuleText{};
    if (i == d.rules.size()) r.grounds = {sharing::Ground::agreement};
    const std::string n = std::to_string(i + 1);
    const std::initializer_list<i18n::Arg> args = {{"n", std::int64_t(i + 1)}};
    field("rule_" + n + "_id", "agreements.form.rule_id", "text", r.id, args, "agreements.hint.rule_id")
        ->width_class = "govuk-input--width-10";
    Field* effect = field("rule_" + n + "_effect", "agreements.form.rule_effect", "radios", "", args);
    effect->choices = {{"permit", page.text("agreements.effect.permit"), r.effect == sharing::Effect::permit},
                       {"forbid", page.text("agreements.effect.forbid"), r.effect == sharing::Effect::forbid}};
    field("rule_" + n + "_from", "agreements.form.rule_from", "text", join_lines(r.from, ", "), args,
          "agreements.hint.party_refs");
    field("rule_" + n + "_to", "agreements.form.rule_to", "text", join_lines(r.to, ", "), args,
          "agreements.hint.party_refs");
    field("rule_" + n + "_categories", "agreements.form.rule_categories", "checkboxes", "", args)->choices =
        term_choices(page, r.categories, "sharing.category.");
    field("rule_" + n + "_purposes", "agreements.form.rule_purposes", "checkboxes", "", args)->choices =
        term_choices(page, r.purposes, "sharing.purpose.");
    field("rule_" + n + "_grounds", "agreements.form.rule_grounds", "checkboxes", "", args)->choices =
        term_choices(page, r.grounds, "sharing.ground.");
    field("rule_" + n + "_legal_reference", "agreements.form.rule_legal_reference", "text", r.legal_reference, args);
    field("rule_" + n + "_obligations", "agreements.form.rule_obligations", "text", join_lines(r.obligations, ", "),
          args, "agreements.hint.obligations");
  }

  for (std::size_t c = 0; c < kCategories; ++c) {
    auto cat = static_cast<sharing::Category>(c);
    std::string days;
    for (const auto& r : d.retention) {
      if (r.category == cat) days = std::to_string(r.days);
    }
    field("retention_" + std::string(sharing::name_of(cat)), "agreements.form.retention", "text", days,
          {{"category", page.text("sharing.category." + std::string(sharing::name_of(cat)))}})
        ->width_class = "govuk-input--width-5";
  }
  return f;
}

// The document the form describes; "invalid_input" naming the field for dates and
// numbers, the rest is checked by agreement::validate.
Result<agreement::Document> document_from_form(const http::Form& form) {
  agreement::Document d;
  d.title = form.value("title");
  auto date = [&](const char* name, bool optional) -> Result<sharing::Timestamp> {
    std::string text = form.value(name);
    if (text.empty() && optional) return sharing::kNever;
    auto t = parse_utc(text);
    if (!t) return fail("invalid_input", name);
    return *t;
  };
  auto from = date("valid_from", false);
  if (!from) return tl::unexpected(from.error());
  auto until = date("valid_until", true);
  if (!until) return tl::unexpected(until.error());
  auto review = date("review_date", false);
  if (!review) return tl::unexpected(review.error());
  d.valid_from = *from;
  d.valid_until = *until;
  d.review_date = *review;
  for (std::size_t i = 1; i <= agreement::kMaxParties; ++i) {
    const std::string n = "party_" + std::to_string(i);
    if (!form.get(n)) break;
    if (form.value(n).empty()) continue;
    d.parties.push_back({form.value(n), form.value(n + "_finality"), lines_of(form.value(n + "_roles")),
                         lines_of(form.value(n + "_tasks"))});
  }
  for (std::size_t i = 1; i <= agreement::kMaxRules; ++i) {
    const std::string n = "rule_" + std::to_string(i);
    if (!form.get(n + "_id")) break;
    agreement::RuleText r;
    r.id = form.value(n + "_id");
    r.from = comma_list(form.value(n + "_from"));
    r.to = comma_list(form.value(n + "_to"));
    r.categories = terms_from<sharing::Category>(form, n + "_categories");
    r.purposes = terms_from<sharing::Purpose>(form, n + "_purposes");
    r.grounds = terms_from<sharing::Ground>(form, n + "_grounds");
    r.legal_reference = form.value(n + "_legal_reference");
    r.obligations = comma_list(form.value(n + "_obligations"));
    // An untouched empty row adds nothing.
    if (r.id.empty() && r.from.empty() && r.to.empty() && r.categories.empty() && r.purposes.empty()) continue;
    r.effect = form.value(n + "_effect") == "forbid" ? sharing::Effect::forbid : sharing::Effect::permit;
    d.rules.push_back(std::move(r));
  }
  for (std::size_t c = 0; c < kCategories; ++c) {
    auto cat = static_cast<sharing::Category>(c);
    std::string text = form.value("retention_" + std::string(sharing::name_of(cat)));
    if (text.empty()) continue;
    int days = 0;
    try {
      std::size_t used = 0;
      days = std::stoi(text, &used);
      if (used != text.size()) days = 0;
    } catch (const std::exception&) {
      days = 0;
    }
    if (days < 1 || days > 36500) return fail("invalid_input", "retention");
    d.retention.push_back({cat, days});
  }
  return d;
}

http::Response form_page(const http::Request& request, const Options& options, const AgreementsContext& ctx,
                         const Authenticated& who, const agreement::Document& d, const std::string& action,
                         const std::string& problem = {}) {
  Page page(request, options, "agreements");
  page.set_viewer(who);
  std::string heading = page.text(action == "/agreements/new" ? "agreements.form.new" : "agreements.form.edit");
  page.set_title(heading);
  page.set("heading", heading);
  page.set("intro", page.text("agreements.form.intro"));
  page.set("has_back", true);
  page.set("back_href", action == "/agreements/new" ? std::string("/agreements") : action.substr(0, action.size() - 5));
  page.set("back_text", page.text("agreements.back"));
  page.set("warning_prefix", page.text("agreements.warning_prefix"));
  if (!problem.empty()) {
    data warnings{data::type::list};
    warnings.push_back(data("text", problem));
    page.set("warnings", warnings);
  }
  auto orgs = ctx.accounts.directory->organisations(who.principal);
  if (!orgs) return page_error(request, options, orgs.error());
  page.set("has_form", true);
  page.set("form", form_data(page, action, document_fields(page, d, *orgs), who.session.csrf_token,
                             page.text("agreements.form.save")));
  return no_store(page.render("accounts/account_form", problem.empty() ? 200 : 422));
}

agreement::Document blank_document(const Authenticated& who, sharing::Timestamp today) {
  agreement::Document d;
  d.valid_from = today;
  d.review_date = today + 365LL * 86'400'000'000LL;
  agreement::Party own;
  own.organisation = std::to_string(who.principal.organisation_id);
  d.parties.push_back(own);
  return d;
}

sharing::Timestamp today() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
}

}  // namespace

void register_agreement_pages(http::Router& router, const Options& options, const AgreementsContext& ctx) {
  // Resolves the viewer (and, for POST, the form and its CSRF token).
  auto guarded = [&ctx, options](auto handler) { return signed_in_page(ctx.accounts, options, handler); };
  auto id_of = [](const http::Request& request) { return parse_record_id(request.param("id")); };

  router.add("GET", "/agreements", guarded([ctx, options](http::Request& request, const Authenticated& who, const http::Form&) {
               return list_page(request, options, ctx, who);
             }));
  router.add("GET", "/agreements/new",
             guarded([ctx, options](http::Request& request, const Authenticated& who, const http::Form&) {
               if (auto r = app::authorize(who.principal, access::Action::manage_agreements,
                                           access::Target{who.principal.organisation_id, std::nullopt});
                   !r) {
                 return page_error(request, options, r.error());
               }
               return form_page(request, options, ctx, who, blank_document(who, today()), "/agreements/new");
             }));
  router.add("POST", "/agreements/new",
             guarded([ctx, options](http::Request& request, const Authenticated& who, const http::Form& form) {
               auto d = document_from_form(form);
               Page page(request, options, "agreements");
               if (!d) return form_page(request, options, ctx, who, blank_document(who, today()), "/agreements/new",
                                        error_text(page, d.error()) + " (" + d.error().message + ")");
               auto id = ctx.agreements->create(who.principal, *d, audit_origin(request));
               if (!id) {
                 if (id.error().code == "forbidden" && id.error().message != "not_party") {
                   return page_error(request, options, id.error());
                 }
                 return form_page(request, options, ctx, who, *d, "/agreements/new",
                                  error_text(page, id.error()) + " (" + id.error().message + ")");
               }
               return see_other("/agreements/" + std::to_string(*id) + "?done=created");
             }));
  router.add("GET", "/agreements/{id}",
             guarded([ctx, options, id_of](http::Request& request, const Authenticated& who, const http::Form&) {
               auto id = id_of(request);
               if (!id) return page_error(request, options, Error{"not_found", "no such agreement"});
               Page page(request, options, "agreements");
               std::string notice;
               if (auto done = request.query_param("done")) {
                 static constexpr std::string_view kDone[] = {"created", "saved", "signed", "in_force", "version",
                                                              "status"};
                 for (auto k : kDone) {
                   if (*done == k) notice = page.text("agreements.done." + std::string(k));
                 }
               }
               return view_page(request, options, ctx, who, *id, notice);
             }));
  router.add("GET", "/agreements/{id}/edit",
             guarded([ctx, options, id_of](http::Request& request, const Authenticated& who, const http::Form&) {
               auto id = id_of(request);
               if (!id) return page_error(request, options, Error{"not_found", "no such agreement"});
               auto a = ctx.agreements->get(who.principal, *id);
               if (!a) return page_error(request, options, a.error());
               if (auto r = app::authorize(who.principal, access::Action::manage_agreements,
                                           access::Target{who.principal.organisation_id, std::nullopt});
                   !r) {
                 return page_error(request, options, r.error());
               }
               return form_page(request, options, ctx, who, a->latest().document,
                                "/agreements/" + std::to_string(*id) + "/edit");
             }));
  router.add("POST", "/agreements/{id}/edit",
             guarded([ctx, options, id_of](http::Request& request, const Authenticated& who, const http::Form& form) {
               auto id = id_of(request);
               if (!id) return page_error(request, options, Error{"not_found", "no such agreement"});
               const std::string action = "/agreements/" + std::to_string(*id) + "/edit";
               Page page(request, options, "agreements");
               auto d = document_from_form(form);
               if (!d) {
                 auto a = ctx.agreements->get(who.principal, *id);
                 if (!a) return page_error(request, options, a.error());
                 return form_page(request, options, ctx, who, a->latest().document, action,
                                  error_text(page, d.error()) + " (" + d.error().message + ")");
               }
               if (auto r = ctx.agreements->edit(who.principal, *id, *d, audit_origin(request)); !r) {
                 if (r.error().code == "forbidden" || r.error().code == "not_found") {
                   return page_error(request, options, r.error());
                 }
                 return form_page(request, options, ctx, who, *d, action,
                                  error_text(page, r.error()) + " (" + r.error().message + ")");
               }
               return see_other("/agreements/" + std::to_string(*id) + "?done=saved");
             }));
  router.add("POST", "/agreements/{id}/sign",
             guarded([ctx, options, id_of](http::Request& request, const Authenticated& who, const http::Form& form) {
               auto id = id_of(request);
               if (!id) return page_error(request, options, Error{"not_found", "no such agreement"});
               auto r = ctx.agreements->sign(who, *id, form.value("hash"), form.value("code"), audit_origin(request));
               if (!r) {
                 if (r.error().code == "forbidden" || r.error().code == "not_found") {
                   return page_error(request, options, r.error());
                 }
                 Page page(request, options, "agreements");
                 return view_page(request, options, ctx, who, *id, {}, error_text(page, r.error()),
                                  r.error().code == "throttled" ? 429 : 422);
               }
               return see_other("/agreements/" + std::to_string(*id) + (*r ? "?done=in_force" : "?done=signed"));
             }));
  router.add("POST", "/agreements/{id}/versions",
             guarded([ctx, options, id_of](http::Request& request, const Authenticated& who, const http::Form&) {
               auto id = id_of(request);
               if (!id) return page_error(request, options, Error{"not_found", "no such agreement"});
               if (auto r = ctx.agreements->new_version(who.principal, *id, audit_origin(request)); !r) {
                 if (r.error().code == "forbidden" || r.error().code == "not_found") {
                   return page_error(request, options, r.error());
                 }
                 Page page(request, options, "agreements");
                 return view_page(request, options, ctx, who, *id, {}, error_text(page, r.error()), 409);
               }
               return see_other("/agreements/" + std::to_string(*id) + "/edit");
             }));
  router.add("POST", "/agreements/{id}/status",
             guarded([ctx, options, id_of](http::Request& request, const Authenticated& who, const http::Form& form) {
               auto id = id_of(request);
               if (!id) return page_error(request, options, Error{"not_found", "no such agreement"});
               std::string status = form.value("status");
               auto origin = audit_origin(request);
               Result<void> r = fail("invalid_input", "status");
               if (status == "suspended") r = ctx.agreements->suspend(who.principal, *id, origin);
               if (status == "in_force") r = ctx.agreements->resume(who.principal, *id, origin);
               if (status == "ended") r = ctx.agreements->end(who.principal, *id, origin);
               if (!r) {
                 if (r.error().code == "forbidden" || r.error().code == "not_found") {
                   return page_error(request, options, r.error());
                 }
                 Page page(request, options, "agreements");
                 return view_page(request, options, ctx, who, *id, {}, error_text(page, r.error()), 409);
               }
               return see_other("/agreements/" + std::to_string(*id) + "?done=status");
             }));
}

}  // namespace tafel::web
