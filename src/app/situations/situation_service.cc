#include "app/situations/situation_service.h"

#include <algorithm>

#include "app/audit/record_change.h"
#include "app/authorization.h"

namespace tafel::app::situations {

using namespace tafel::situations;
using core::audit::Action;

namespace {

std::int64_t micros(Instant t) { return t.time_since_epoch().count(); }

SituationStanding standing_of(const Caller& caller, const Situation& s) {
  return SituationStanding{s.involves(caller.principal.organisation_id)};
}

Result<void> allowed(const Caller& caller, SituationRight right, const Situation& s) {
  return authorize(caller.principal, right, standing_of(caller, s));
}

void apply(Situation& s, SituationDraft d) {
  s.title = std::move(d.title);
  s.behaviour = std::move(d.behaviour);
  s.since = std::move(d.since);
  s.area = d.area;
  s.address = std::move(d.address);
  s.latitude = d.latitude;
  s.longitude = d.longitude;
  s.triangle = std::move(d.triangle);
  s.action_plan = std::move(d.action_plan);
  s.assessment = std::move(d.assessment);
  s.table = d.table;
  s.participants = std::move(d.participants);
  std::erase_if(s.participants, [&](access::OrganisationId o) { return o <= 0 || o == s.owner; });
  std::sort(s.participants.begin(), s.participants.end());
  s.participants.erase(std::unique(s.participants.begin(), s.participants.end()), s.participants.end());
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace

std::vector<FieldText> texts_of(const SituationDraft& d) {
  return {{"title", d.title},
          {"behaviour", d.behaviour},
          {"since", d.since},
          {"address", d.address},
          {"triangle.offender", d.triangle.offender},
          {"triangle.target", d.triangle.target},
          {"triangle.place", d.triangle.place},
          {"triangle.handler", d.triangle.handler},
          {"triangle.guardian", d.triangle.guardian},
          {"triangle.manager", d.triangle.manager},
          {"action_plan", d.action_plan},
          {"assessment", d.assessment}};
}

SituationService::SituationService(SituationStore& store, SituationDirectory& names, audit::AuditTrail& audit,
                                   const Clock& clock, UnitOfWork& transactions)
    : store_(store), names_(names), audit_(audit), clock_(clock), transactions_(transactions) {}

Result<std::vector<Flag>> SituationService::flags(const std::vector<FieldText>& texts) {
  // Only the directory's names that the texts could hold (an indexed lookup).
  std::vector<std::string> keys;
  for (const auto& t : texts) {
    auto more = name_candidates(t.text);
    keys.insert(keys.end(), more.begin(), more.end());
  }
  auto names = names_.display_names_among(keys);
  if (!names) return tl::unexpected(names.error());
  std::vector<Flag> out;
  for (const auto& t : texts) {
    for (const auto& span : find_identifiers(t.text, *names)) out.push_back({t.field, span});
  }
  return out;
}

Result<void> SituationService::screen(const Caller& caller, Situation& s, const std::vector<FieldText>& texts,
                                      bool confirmed) {
  auto found = flags(texts);
  if (!found) return tl::unexpected(found.error());
  if (found->empty()) return {};
  if (!confirmed) {
    return fail("identifier_suspected", "the text holds what looks like a personal identifier; fix it or confirm it is none");
  }
  for (const auto& f : *found) {
    s.confirmations.push_back({f.field, std::string(name_of(f.span.kind)), caller.principal.user_id,
                               micros(clock_.now())});
  }
  return {};
}

Result<void> SituationService::check_references(const Situation& s) {
  if (s.area != 0) {
    auto found = names_.area_exists(s.area);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return fail("invalid_input", "no such area");
  }
  for (auto org : s.participants) {
    auto found = names_.organisation_exists(org);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return fail("invalid_input", "a participant is not an organisation of the directory");
  }
  return {};
}

Result<Situation> SituationService::load(std::int64_t id) {
  auto found = store_.find(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail("not_found", "no such situation");
  return std::move(**found);
}

Result<void> SituationService::audit(const Caller& caller, Action action, const std::string& object_type,
                                     std::int64_t id) {
  return app::audit::record_change(audit_, caller.principal, caller.origin,
                                   {action, object_type, std::to_string(id), core::audit::Outcome::success, {}});
}

template <typename T, typename Change>
Result<T> SituationService::change(const Caller& caller, std::int64_t id, const std::string& what, Change&& apply_change) {
  auto s = load(id);
  if (!s) return tl::unexpected(s.error());
  if (auto ok = allowed(caller, SituationRight::edit_situation, *s); !ok) return tl::unexpected(ok.error());
  std::size_t confirmed_before = s->confirmations.size();
  auto result = apply_change(*s);
  if (!result) return tl::unexpected(result.error());
  if (auto ok = check_situation(*s); !ok) return tl::unexpected(ok.error());
  std::vector<Confirmation> confirmations(s->confirmations.begin() + static_cast<std::ptrdiff_t>(confirmed_before),
                                          s->confirmations.end());
  // The saved situation, its audit entry and one entry per confirmation commit together.
  auto saved = transactions_.run([&]() -> Result<void> {
    if (auto stored = store_.update(std::move(*s)); !stored) return tl::unexpected(stored.error());
    if (auto ok = audit(caller, Action::update, what, id); !ok) return ok;
    for (const auto& c : confirmations) {
      if (auto ok = audit(caller, Action::acknowledge, "situation_identifier:" + c.kind + "@" + c.field, id); !ok) {
        return ok;
      }
    }
    return {};
  });
  if (!saved) return tl::unexpected(saved.error());
  return result;
}

Result<std::vector<Situation>> SituationService::list(const Caller& caller, const SituationFilter& filter) {
  auto page = list_page(caller, filter);
  if (!page) return tl::unexpected(page.error());
  return std::move(page->situations);
}

Result<SituationPage> SituationService::list_page(const Caller& caller, const SituationFilter& filter) {
  const access::Principal& p = caller.principal;
  if (auto ok = authorize(p, SituationRight::view_situation, SituationStanding{true}); !ok) {
    return tl::unexpected(ok.error());
  }
  bool everything = p.role == access::Role::platform_admin && !filter.mine;
  const std::size_t limit = std::clamp<std::size_t>(filter.limit, 1, SituationFilter::kMaxSituationPage);
  auto all = store_.list(everything ? std::nullopt : std::optional<access::OrganisationId>(p.organisation_id),
                         filter.before, limit);
  if (!all) return tl::unexpected(all.error());
  SituationPage page;
  if (all->size() == limit) page.next = all->back().id;
  for (auto& s : *all) {
    if (!allowed(caller, SituationRight::view_situation, s)) continue;
    if (filter.stage && s.stage != *filter.stage) continue;
    if (filter.area != 0 && s.area != filter.area) continue;
    page.situations.push_back(std::move(s));
  }
  return page;
}

Result<Situation> SituationService::situation(const Caller& caller, std::int64_t id) {
  auto s = load(id);
  if (!s) return tl::unexpected(s.error());
  if (auto ok = allowed(caller, SituationRight::view_situation, *s); !ok) return tl::unexpected(ok.error());
  return s;
}

Result<Situation> SituationService::create(const Caller& caller, SituationDraft draft, bool confirmed) {
  if (auto ok = authorize(caller.principal, SituationRight::create_situation, {}); !ok) {
    return tl::unexpected(ok.error());
  }
  Situation s;
  s.owner = caller.principal.organisation_id;
  auto texts = texts_of(draft);
  apply(s, std::move(draft));
  if (auto ok = check_situation(s); !ok) return tl::unexpected(ok.error());
  if (auto ok = check_references(s); !ok) return tl::unexpected(ok.error());
  if (auto ok = screen(caller, s, texts, confirmed); !ok) return tl::unexpected(ok.error());
  return transactions_.run_returning<Situation>([&]() -> Result<Situation> {
    auto stored = store_.insert(s);
    if (!stored) return stored;
    if (auto ok = audit(caller, Action::create, "situation", stored->id); !ok) return tl::unexpected(ok.error());
    for (const auto& c : stored->confirmations) {
      auto ok = audit(caller, Action::acknowledge, "situation_identifier:" + c.kind + "@" + c.field, stored->id);
      if (!ok) return tl::unexpected(ok.error());
    }
    return stored;
  });
}

Result<Situation> SituationService::update(const Caller& caller, std::int64_t id, SituationDraft draft,
                                           bool confirmed) {
  return change<Situation>(caller, id, "situation", [&](Situation& s) -> Result<Situation> {
    auto texts = texts_of(draft);
    apply(s, std::move(draft));
    if (auto ok = check_references(s); !ok) return tl::unexpected(ok.error());
    if (auto ok = screen(caller, s, texts, confirmed); !ok) return tl::unexpected(ok.error());
    Situation out = s;
    ++out.version;
    return out;
  });
}

Result<Situation> SituationService::advance(const Caller& caller, std::int64_t id) {
  auto s = load(id);
  if (!s) return tl::unexpected(s.error());
  auto next = next_stage(s->stage);
  std::string what = "situation_stage:" + std::string(next ? name_of(*next) : "none");
  return change<Situation>(caller, id, what, [&](Situation& x) -> Result<Situation> {
    auto missing = missing_for_next(x);
    if (!missing.empty() && missing.front() == "last_stage") return fail("last_stage", "assessment is the last stage");
    if (!missing.empty()) return fail("stage_incomplete", "still to fill: " + joined(missing));
    Stage to = *next_stage(x.stage);
    x.steps.push_back({x.stage, to, caller.principal.user_id, micros(clock_.now())});
    x.stage = to;
    Situation out = x;
    ++out.version;
    return out;
  });
}

Result<SituationAction> SituationService::add_action(const Caller& caller, std::int64_t id, SituationAction action,
                                                     bool confirmed) {
  return change<SituationAction>(caller, id, "situation_action", [&](Situation& s) -> Result<SituationAction> {
    if (auto ok = screen(caller, s, {{"action", action.description}}, confirmed); !ok) return tl::unexpected(ok.error());
    action.id = s.next_id++;
    action.status = ActionStatus::open;
    if (action.owner_user != 0 && action.owner_organisation == 0) action.owner_organisation = caller.principal.organisation_id;
    s.actions.push_back(action);
    return action;
  });
}

Result<SituationAction> SituationService::set_action_status(const Caller& caller, std::int64_t id,
                                                            std::int64_t action_id, ActionStatus status) {
  return change<SituationAction>(caller, id, "situation_action", [&](Situation& s) -> Result<SituationAction> {
    SituationAction* a = s.find_action(action_id);
    if (!a) return fail("not_found", "no such action in this situation");
    a->status = status;
    return *a;
  });
}

Result<Voice> SituationService::add_voice(const Caller& caller, std::int64_t id, std::string quote, std::string date,
                                          bool confirmed) {
  return change<Voice>(caller, id, "situation_voice", [&](Situation& s) -> Result<Voice> {
    if (auto ok = screen(caller, s, {{"voice", quote}}, confirmed); !ok) return tl::unexpected(ok.error());
    access::OrganisationId org = s.involves(caller.principal.organisation_id) ? caller.principal.organisation_id : s.owner;
    Voice v{s.next_id++, std::move(quote), std::move(date), org};
    s.voices.push_back(v);
    return v;
  });
}

Result<Situation> SituationService::set_goals(const Caller& caller, std::int64_t id, std::vector<Goal> goals,
                                              bool confirmed) {
  return change<Situation>(caller, id, "situation_goals", [&](Situation& s) -> Result<Situation> {
    std::vector<FieldText> texts;
    for (const auto& g : goals) texts.push_back({"goal", g.text});
    if (auto ok = screen(caller, s, texts, confirmed); !ok) return tl::unexpected(ok.error());
    for (auto& g : goals) {
      std::erase_if(s.goals, [&](const Goal& x) { return x.organisation == g.organisation; });
      if (g.text.find_first_not_of(" \t\r\n") != std::string::npos) s.goals.push_back(std::move(g));
    }
    std::sort(s.goals.begin(), s.goals.end(), [](const Goal& a, const Goal& b) { return a.organisation < b.organisation; });
    Situation out = s;
    ++out.version;
    return out;
  });
}

}  // namespace tafel::app::situations
