#include "app/contributions/contribution_service.h"

#include <algorithm>

#include "app/authorization.h"
#include "core/sharing/policy.h"

namespace tafel::app::contributions {

using namespace tafel::contributions;
using core::audit::Action;
using core::audit::Outcome;

namespace {

// One question to the engine about one disclosure of a contribution.
struct Ask {
  access::OrganisationId actor = 0, recipient = 0;
  std::int64_t case_id = 0;  // 0: a situation's facts, no person concerned
  sharing::CategorySet categories;
  sharing::Purpose purpose = sharing::Purpose::care;
  std::optional<sharing::Ground> ground;
  sharing::Justification justification;
  const ShareContext* context = nullptr;
  std::optional<sharing::Ground> origin_ground;  // the ground the actor received it on
  std::int64_t origin_table = 0;
  std::int64_t at_us = 0;
};

bool has(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

Result<RecipientDecision> decide(const decisions::CompiledWorld& w, const Ask& a) {
  auto actor = w.organisation(a.actor);
  auto recipient = w.organisation(a.recipient);
  if (!actor || !recipient) return fail("invalid_input", "an organisation is not in the directory");
  sharing::Request r;
  r.actor = *actor;
  r.recipient = *recipient;
  if (a.case_id != 0) r.subject = w.subject(a.case_id).value_or(w.unknown_person);
  r.categories = a.categories;
  r.purpose = a.purpose;
  r.ground = a.ground;
  r.justification = a.justification;
  if (a.context && a.context->table != 0) {
    r.context = w.context(a.context->table, a.context->in_meeting, a.context->acknowledged);
  }
  if (a.origin_ground) {
    sharing::Origin o;
    o.ground = *a.origin_ground;
    // A table the world no longer knows leaves the origin without one: the onward
    // check then refuses, as it must for information received in consultation.
    if (a.origin_table != 0) o.table = w.table(a.origin_table);
    r.origin = o;
  }
  r.at = a.at_us;
  if (auto valid = w.policy.validate(r); !valid) return tl::unexpected(valid.error());
  sharing::Decision d = w.policy.decide(r);
  RecipientDecision out;
  out.recipient = a.recipient;
  out.permit = d.permit;
  out.ground = d.ground;
  out.rule = w.rule_of(d);
  if (d.permit) out.obligations = w.policy.obligations(d);
  out.use_restricted = d.use_restricted || has(out.obligations, "use_restricted");
  out.reasons.assign(d.reasons().begin(), d.reasons().end());
  out.explanation = w.explain(r, d);
  return out;
}

Share share_of(const RecipientDecision& d, access::OrganisationId from, sharing::CategorySet travelling,
               const ShareContext& context, access::UserId by, std::int64_t at_us) {
  Share s;
  s.from = from;
  s.recipient = d.recipient;
  s.status = !d.permit ? ShareStatus::denied
             : has(d.obligations, "dpo_review") ? ShareStatus::awaiting_dpo
                                                : ShareStatus::shared;
  if (d.ground) s.ground = std::string(sharing::name_of(*d.ground));
  s.rule = d.rule;
  s.obligations = d.obligations;
  s.use_restricted = d.permit && d.use_restricted;
  for (auto reason : d.reasons) s.reasons.emplace_back(sharing::name_of(reason));
  if (d.permit) s.categories = travelling;
  s.context = context;
  s.by = by;
  s.at_us = at_us;
  return s;
}

// The grounds whose justification holds for the moment of the disclosure only: a
// later view does not ask again (the reasoning is recorded, the DPO reviews).
bool one_time(const std::string& ground) { return ground == "art_458bis" || ground == "necessity"; }

std::vector<Part> parts_in(const std::vector<Part>& parts, sharing::CategorySet categories) {
  std::vector<Part> out;
  for (const auto& p : parts) {
    if (categories.has(p.category)) out.push_back(p);
  }
  return out;
}

}  // namespace

bool on_track(const cases::CaseSummary& summary, Track track, access::OrganisationId organisation) {
  const auto& orgs = track == Track::care ? summary.care_organisations : summary.safety_organisations;
  return std::find(orgs.begin(), orgs.end(), organisation) != orgs.end();
}

struct ContributionService::Where {
  bool involved = false;
  std::vector<access::OrganisationId> recipients;
  ShareContext context;
};

Result<ContributionService::Where> ContributionService::where_of(const Caller& caller, std::int64_t situation,
                                                                 std::int64_t case_id, Track track) {
  const auto org = caller.principal.organisation_id;
  Where w;
  std::vector<access::OrganisationId> orgs;
  if (situation != 0) {
    auto s = situations_.find(situation);
    if (!s) return tl::unexpected(s.error());
    if (!*s) return fail("not_found", "no such situation");
    w.involved = (*s)->involves(org);
    orgs = (*s)->organisations();
    if ((*s)->table != 0) {
      // A situation on a consultation table's agenda: added during its meeting, the
      // table's conditions apply (case_consultation), as for a case.
      auto context = context_of((*s)->table);
      if (!context) return tl::unexpected(context.error());
      w.context = std::move(*context);
    }
  } else {
    auto c = cases_.visible(caller.principal, case_id);
    if (!c) return tl::unexpected(c.error());
    if (!*c) return fail("not_found", "no such case");
    w.involved = on_track(**c, track, org);
    orgs = track == Track::care ? (*c)->care_organisations : (*c)->safety_organisations;
    auto context = context_of((*c)->table_id);
    if (!context) return tl::unexpected(context.error());
    w.context = std::move(*context);
  }
  std::sort(orgs.begin(), orgs.end());
  orgs.erase(std::unique(orgs.begin(), orgs.end()), orgs.end());
  for (auto o : orgs) {
    if (o != org) w.recipients.push_back(o);
  }
  return w;
}

Result<ShareContext> ContributionService::context_of(std::int64_t table_id) {
  ShareContext cx;
  cx.table = table_id;
  auto t = tables_.find(table_id);
  if (!t) return tl::unexpected(t.error());
  if (!*t) return cx;
  // Added during a meeting of the case's table: the meeting that is open now, with
  // the organisations whose present attendee acknowledged the current secrecy text.
  if (const auto* m = (*t)->open_meeting()) {
    cx.in_meeting = true;
    cx.acknowledged = m->acknowledged_organisations((*t)->secrecy_version());
  }
  return cx;
}

Result<void> ContributionService::audit(const Caller& caller, Action action, std::int64_t id, Outcome outcome,
                                        const std::string& ground, const std::string& rule) {
  core::audit::Entry e;
  e.actor = std::to_string(caller.principal.user_id);
  e.organisation = std::to_string(caller.principal.organisation_id);
  e.action = action;
  e.object_type = "contribution";
  e.object_id = std::to_string(id);
  e.ground = ground;
  e.rule = rule;
  e.outcome = outcome;
  auto r = audit_.record(std::move(e), caller.origin);
  if (!r) return tl::unexpected(r.error());
  return {};
}

Result<Sent> ContributionService::add(const Caller& caller, const Draft& draft, const Confirmations& given) {
  auto where = where_of(caller, draft.situation, draft.case_id, draft.track);
  if (!where) return tl::unexpected(where.error());
  if (auto ok = authorize(caller.principal, ContributionRight::add_contribution, {where->involved, false}); !ok) {
    return tl::unexpected(ok.error());
  }
  const std::int64_t now = clock_.now().time_since_epoch().count();
  Contribution c;
  c.situation = draft.situation;
  c.case_id = draft.case_id;
  c.track = draft.track;
  c.kind = draft.kind;
  c.classification = draft.classification;
  c.source = caller.principal.organisation_id;
  c.author = caller.principal.user_id;
  c.parts = draft.parts;
  std::sort(c.parts.begin(), c.parts.end(), [](const Part& a, const Part& b) { return a.category < b.category; });
  c.purpose = draft.purpose;
  c.professional_judgement = given.professional_judgement;
  c.reporting_duty_acknowledged = given.reporting_duty_acknowledged;
  c.reasoning = given.reasoning;
  c.created_at_us = now;
  if (auto ok = check_contribution(c); !ok) return tl::unexpected(ok.error());
  if (auto ok = check_travelling(c, given); !ok) return tl::unexpected(ok.error());

  auto world = world_.current();
  if (!world) return tl::unexpected(world.error());
  const sharing::CategorySet travelling = given.travelling.value_or(c.categories());
  Sent sent;
  std::vector<std::string> required;
  for (auto recipient : where->recipients) {
    Ask a;
    a.actor = c.source;
    a.recipient = recipient;
    a.case_id = c.case_id;
    a.categories = travelling;
    a.purpose = c.purpose;
    a.ground = draft.ground;
    a.justification = draft.justification;
    a.context = &where->context;
    a.at_us = now;
    auto d = decide(**world, a);
    if (!d) return tl::unexpected(d.error());
    if (d->permit) required.insert(required.end(), d->obligations.begin(), d->obligations.end());
    sent.decisions.push_back(std::move(*d));
  }
  sent.unmet = unmet(required, given);
  if (!sent.unmet.empty()) return sent;  // nothing stored, nothing shared

  for (const auto& d : sent.decisions) {
    c.shares.push_back(share_of(d, c.source, travelling, where->context, c.author, now));
  }
  auto saved = transactions_.run_returning<Contribution>([&]() -> Result<Contribution> {
    auto stored = store_.insert(c);
    if (!stored) return stored;
    if (auto r = audit(caller, Action::create, stored->id, Outcome::success); !r) return tl::unexpected(r.error());
    for (const auto& s : stored->shares) {
      if (auto r = audit(caller, Action::sharing_decision, stored->id,
                         s.status == ShareStatus::denied ? Outcome::denied : Outcome::success, s.ground, s.rule);
          !r) {
        return tl::unexpected(r.error());
      }
      if (s.status == ShareStatus::awaiting_dpo) {
        ReviewRequest review{stored->id, s.from, s.recipient, s.ground, stored->reasoning, s.by, s.at_us};
        if (auto r = reviews_.get().enqueue(review); !r) return tl::unexpected(r.error());
      }
    }
    return stored;
  });
  if (!saved) return tl::unexpected(saved.error());
  sent.contribution = std::move(*saved);
  return sent;
}

Result<Viewed> ContributionService::read(const Caller& caller, const decisions::CompiledWorld& world, Contribution c) {
  const auto org = caller.principal.organisation_id;
  Viewed v;
  v.own = c.source == org;
  const Share* share = c.share_to(org);
  // Not the source and nothing shared with it.
  if (!v.own && !share) return fail("forbidden", "not_involved");
  if (auto ok = authorize(caller.principal, ContributionRight::view_contribution, {false, true}); !ok) {
    return tl::unexpected(ok.error());
  }
  if (v.own) {
    v.readable = true;
  } else if (one_time(share->ground)) {
    v.readable = true;
    c.parts = parts_in(c.parts, share->categories);
  } else {
    // A consent may have been withdrawn, an agreement ended, a table's basis lapsed.
    Ask a;
    a.actor = share->from;
    a.recipient = org;
    a.case_id = c.case_id;
    a.categories = share->categories;
    a.purpose = c.purpose;
    a.context = &share->context;
    if (!share->origin_ground.empty()) {
      a.origin_ground = sharing::parse_term<sharing::Ground>(share->origin_ground);
      a.origin_table = share->origin_table;
    }
    a.at_us = clock_.now().time_since_epoch().count();
    auto d = decide(world, a);
    if (!d) return tl::unexpected(d.error());
    v.readable = d->permit;
    if (d->permit) {
      c.parts = parts_in(c.parts, share->categories);
    } else {
      c.parts.clear();
      c.reasoning.clear();
      v.refusal = std::move(d->explanation);
    }
  }
  if (!v.own) {
    // The sender's other disclosures are not the recipient's business.
    std::erase_if(c.shares, [&](const Share& s) { return s.recipient != org && s.from != org; });
  }
  auto r = audit(caller, Action::view, c.id, v.readable ? Outcome::success : Outcome::denied,
                 v.own ? std::string() : share->ground, v.own ? std::string() : share->rule);
  if (!r) return tl::unexpected(r.error());
  v.contribution = std::move(c);
  return v;
}

Result<std::vector<Viewed>> ContributionService::for_situation(const Caller& caller, std::int64_t situation) {
  auto s = situations_.find(situation);
  if (!s) return tl::unexpected(s.error());
  if (!*s) return fail("not_found", "no such situation");
  if (auto ok = authorize(caller.principal, ::tafel::situations::SituationRight::view_situation,
                          {(*s)->involves(caller.principal.organisation_id)});
      !ok) {
    return tl::unexpected(ok.error());
  }
  auto list = store_.for_situation(situation);
  if (!list) return tl::unexpected(list.error());
  auto world = world_.current();
  if (!world) return tl::unexpected(world.error());
  std::vector<Viewed> out;
  for (auto& c : *list) {
    auto v = read(caller, **world, std::move(c));
    if (v) {
      out.push_back(std::move(*v));
    } else if (v.error().code != "not_found" && v.error().code != "forbidden") {
      return tl::unexpected(v.error());
    }
  }
  return out;
}

Result<std::vector<Viewed>> ContributionService::for_case(const Caller& caller, std::int64_t case_id) {
  auto summary = cases_.visible(caller.principal, case_id);
  if (!summary) return tl::unexpected(summary.error());
  if (!*summary) return fail("not_found", "no such case");
  auto list = store_.for_case(case_id);
  if (!list) return tl::unexpected(list.error());
  auto world = world_.current();
  if (!world) return tl::unexpected(world.error());
  std::vector<Viewed> out;
  for (auto& c : *list) {
    // Track separation: the other track's contributions stay out of sight unless
    // they were shared with the caller's organisation through the gate.
    const auto org = caller.principal.organisation_id;
    if (!on_track(**summary, c.track, org) && !c.share_to(org)) continue;
    auto v = read(caller, **world, std::move(c));
    if (v) {
      out.push_back(std::move(*v));
    } else if (v.error().code != "not_found" && v.error().code != "forbidden") {
      return tl::unexpected(v.error());
    }
  }
  return out;
}

Result<Viewed> ContributionService::view(const Caller& caller, std::int64_t id) {
  auto c = store_.find(id);
  if (!c) return tl::unexpected(c.error());
  if (!*c) return fail("not_found", "no such contribution");
  auto world = world_.current();
  if (!world) return tl::unexpected(world.error());
  return read(caller, **world, std::move(**c));
}

Result<Passed> ContributionService::export_contribution(const Caller& caller, std::int64_t id,
                                                        const std::string& destination) {
  auto found = store_.find(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail("not_found", "no such contribution");
  const Contribution stored = **found;
  const auto org = caller.principal.organisation_id;
  const bool own = stored.source == org;
  const Share* share = stored.share_to(org);
  if (!own && !share) return fail("forbidden", "not_involved");
  if (auto ok = authorize(caller.principal, ContributionRight::pass_on_contribution, {false, true}); !ok) {
    return tl::unexpected(ok.error());
  }
  auto world = world_.current();
  if (!world) return tl::unexpected(world.error());
  auto viewed = read(caller, **world, stored);
  if (!viewed) return tl::unexpected(viewed.error());
  Passed p;
  p.viewed = std::move(*viewed);
  if (!p.viewed.readable) {
    p.refusal = p.viewed.refusal;
  } else if (!own && (share->ground == "case_consultation" || share->origin_ground == "case_consultation")) {
    // An export leaves the table: the engine's onward check, with the export as a
    // recipient outside every table (an organisation of no sector, in no agreement).
    sharing::World w = (*world)->policy.world();
    w.organisations.push_back(sharing::Organisation{"export"});
    auto policy = sharing::Policy::compile(std::move(w));
    if (!policy) return tl::unexpected(policy.error());
    decisions::CompiledWorld outside = **world;
    outside.policy = std::move(*policy);
    outside.organisations[0] = static_cast<sharing::OrgIndex>(outside.policy.world().organisations.size() - 1);
    outside.organisation_names["export"] = destination;
    Ask a;
    a.actor = org;
    a.recipient = 0;  // the export
    a.case_id = stored.case_id;
    a.categories = share->categories;
    a.purpose = stored.purpose;
    a.origin_ground = sharing::Ground::case_consultation;
    a.origin_table = share->ground == "case_consultation" ? share->context.table : share->origin_table;
    a.at_us = clock_.now().time_since_epoch().count();
    auto d = decide(outside, a);
    if (!d) return tl::unexpected(d.error());
    if (d->use_restricted) p.refusal = std::move(d->explanation);
  }
  p.permitted = !p.refusal.has_value();
  if (auto r = audit(caller, Action::export_data, id, p.permitted ? Outcome::success : Outcome::denied,
                     own ? std::string() : share->ground);
      !r) {
    return tl::unexpected(r.error());
  }
  return p;
}

Result<Sent> ContributionService::forward(const Caller& caller, std::int64_t id, access::OrganisationId recipient,
                                          const Confirmations& given) {
  auto found = store_.find(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail("not_found", "no such contribution");
  Contribution c = **found;
  const auto org = caller.principal.organisation_id;
  const bool own = c.source == org;
  // A copy: c.shares grows below.
  const std::optional<Share> received =
      c.share_to(org) ? std::optional<Share>(*c.share_to(org)) : std::nullopt;
  if (!own && !received) return fail("forbidden", "not_involved");
  if (auto ok = authorize(caller.principal, ContributionRight::pass_on_contribution, {false, true}); !ok) {
    return tl::unexpected(ok.error());
  }
  if (recipient == org || recipient == c.source) {
    return fail("invalid_input", "recipient: another organisation than the source and your own");
  }
  auto world = world_.current();
  if (!world) return tl::unexpected(world.error());
  auto viewed = read(caller, **world, c);
  if (!viewed) return tl::unexpected(viewed.error());
  const sharing::CategorySet available = own ? c.categories() : received->categories;
  if (given.travelling && (given.travelling->empty() || !available.covers(*given.travelling))) {
    return fail("invalid_input", "travelling: only categories you hold of this contribution may travel");
  }
  Sent sent;
  const std::int64_t now = clock_.now().time_since_epoch().count();
  const sharing::CategorySet travelling = given.travelling.value_or(available);
  if (!viewed->readable) {
    // Whoever may not read it may not pass it on: the view's refusal answers.
    RecipientDecision d;
    d.recipient = recipient;
    d.explanation = *viewed->refusal;
    sent.decisions.push_back(std::move(d));
  } else {
    Ask a;
    a.actor = org;
    a.recipient = recipient;
    a.case_id = c.case_id;
    a.categories = travelling;
    a.purpose = c.purpose;
    if (!own) {
      a.origin_ground = sharing::parse_term<sharing::Ground>(received->ground);
      a.origin_table = received->ground == "case_consultation" ? received->context.table : 0;
      if (!received->origin_ground.empty() && received->origin_ground == "case_consultation") {
        a.origin_ground = sharing::Ground::case_consultation;
        a.origin_table = received->origin_table;
      }
    }
    a.at_us = now;
    auto d = decide(**world, a);
    if (!d) return tl::unexpected(d.error());
    if (d->permit) sent.unmet = unmet(d->obligations, given);
    sent.decisions.push_back(std::move(*d));
  }
  if (!sent.unmet.empty()) return sent;
  const RecipientDecision& d = sent.decisions.front();
  Share s = share_of(d, org, travelling, {}, caller.principal.user_id, now);
  if (!own) {
    s.origin_ground = received->origin_ground == "case_consultation" ? received->origin_ground : received->ground;
    s.origin_table = received->origin_ground == "case_consultation" ? received->origin_table
                     : received->ground == "case_consultation" ? received->context.table
                                                               : 0;
  }
  if (!d.permit && !viewed->readable) s.reasons.clear();
  auto saved = transactions_.run_returning<Contribution>([&]() -> Result<Contribution> {
    if (s.status != ShareStatus::denied) {
      if (given.professional_judgement) c.professional_judgement = true;
      if (given.reporting_duty_acknowledged) c.reporting_duty_acknowledged = true;
      if (!given.reasoning.empty() && c.reasoning.empty()) c.reasoning = given.reasoning;
    }
    c.shares.push_back(s);
    auto stored = store_.update(c);
    if (!stored) return stored;
    if (auto r = audit(caller, Action::sharing_decision, id, d.permit ? Outcome::success : Outcome::denied,
                       s.ground.empty() && !own ? std::string(received->ground) : s.ground, s.rule);
        !r) {
      return tl::unexpected(r.error());
    }
    if (s.status == ShareStatus::awaiting_dpo) {
      ReviewRequest review{id, s.from, s.recipient, s.ground, given.reasoning, s.by, s.at_us};
      if (auto r = reviews_.get().enqueue(review); !r) return tl::unexpected(r.error());
    }
    return stored;
  });
  if (!saved) return tl::unexpected(saved.error());
  sent.contribution = std::move(*saved);
  return sent;
}

}  // namespace tafel::app::contributions
