#include "core/sharing/policy.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

namespace tafel::sharing {
namespace {

constexpr PurposeSet kConsultationFinalities{Purpose::integrity, Purpose::terrorism_prevention,
                                             Purpose::criminal_organisation_prevention};

bool basis_is_legal(TableBasis basis) {
  return basis == TableBasis::law || basis == TableBasis::decree || basis == TableBasis::ordinance ||
         basis == TableBasis::prosecutor_authorisation;
}

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

bool party_matches(const PartyRef& ref, OrgIndex org, const World& world) {
  switch (ref.kind) {
    case PartyRef::Kind::any: return true;
    case PartyRef::Kind::organisation: return ref.organisation == org;
    case PartyRef::Kind::sector: return world.organisations[org].sector == ref.sector;
  }
  return false;
}

bool any_matches(const std::vector<PartyRef>& refs, OrgIndex org, const World& world) {
  return std::any_of(refs.begin(), refs.end(), [&](const PartyRef& r) { return party_matches(r, org, world); });
}

Result<void> check_refs(const std::vector<PartyRef>& refs, std::size_t orgs, const std::string& owner) {
  for (const PartyRef& r : refs) {
    if (r.kind == PartyRef::Kind::organisation && r.organisation >= orgs) {
      return fail("invalid_world", owner + " names an organisation that does not exist");
    }
  }
  return {};
}

}  // namespace

Result<Policy> Policy::compile(World world) {
  Policy p;
  const std::size_t n_orgs = world.organisations.size();
  const std::size_t n_subjects = world.subjects.size();

  // Validate every reference first, so that the compiled form can index freely.
  for (const CareRelation& rel : world.relations) {
    if (rel.subject >= n_subjects || rel.organisation >= n_orgs) {
      return fail("invalid_world", "a care relation refers to an unknown subject or organisation");
    }
  }
  for (const Table& t : world.tables) {
    for (OrgIndex m : t.members) {
      if (m >= n_orgs) return fail("invalid_world", "table " + t.id + " has an unknown member");
    }
  }
  for (const Agreement& a : world.agreements) {
    for (OrgIndex m : a.parties) {
      if (m >= n_orgs) return fail("invalid_world", "agreement " + a.id + " has an unknown party");
    }
    for (const Rule& r : a.rules) {
      if (auto ok = check_refs(r.from, n_orgs, "rule " + r.id); !ok) return tl::unexpected(ok.error());
      if (auto ok = check_refs(r.to, n_orgs, "rule " + r.id); !ok) return tl::unexpected(ok.error());
    }
  }
  for (const Consent& c : world.consents) {
    if (c.subject >= n_subjects || c.recorded_by >= n_orgs) {
      return fail("invalid_world", "consent " + c.id + " refers to an unknown subject or organisation");
    }
    if (auto ok = check_refs(c.recipients, n_orgs, "consent " + c.id); !ok) return tl::unexpected(ok.error());
  }
  if (n_orgs > UINT32_MAX / 2 || world.consents.size() > INT32_MAX || world.agreements.size() > INT32_MAX) {
    return fail("invalid_world", "the world is too large");
  }

  // Organisations and subjects.
  p.orgs_.reserve(n_orgs);
  for (const Organisation& o : world.organisations) {
    p.orgs_.push_back({o.sector, o.secrecy == Secrecy::professional, o.reporting_duty});
  }
  p.protected_subject_.resize(n_subjects);
  for (std::size_t i = 0; i < n_subjects; ++i) {
    p.protected_subject_[i] = world.subjects[i].minor || world.subjects[i].vulnerable;
  }
  p.carers_.resize(n_subjects);
  for (const CareRelation& rel : world.relations) p.carers_[rel.subject].push_back(rel.organisation);
  for (auto& carers : p.carers_) {
    std::sort(carers.begin(), carers.end());
    carers.erase(std::unique(carers.begin(), carers.end()), carers.end());
  }

  // Tables.
  const std::size_t words = (n_orgs + 63) / 64;
  for (const Table& t : world.tables) {
    CompiledTable ct{basis_is_legal(t.basis) && !blank(t.basis_reference),
                     !t.finality.empty() && kConsultationFinalities.covers(t.finality), t.finality,
                     std::vector<std::uint64_t>(words, 0)};
    for (OrgIndex m : t.members) ct.members[m / 64] |= std::uint64_t{1} << (m % 64);
    p.tables_.push_back(std::move(ct));
  }

  // Consents, grouped by (subject, recorded_by), newest first; ties keep file order.
  std::vector<std::uint32_t> order(world.consents.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const Consent& ca = world.consents[a];
    const Consent& cb = world.consents[b];
    const auto ka = pair_key(ca.subject, ca.recorded_by);
    const auto kb = pair_key(cb.subject, cb.recorded_by);
    if (ka != kb) return ka < kb;
    return ca.given > cb.given;
  });
  for (std::uint32_t i : order) {
    const Consent& c = world.consents[i];
    CompiledConsent cc{i, c.given, c.expires, c.withdrawn, c.categories, c.purposes, {}};
    cc.recipients.orgs_begin = static_cast<std::uint32_t>(p.recipient_orgs_.size());
    for (const PartyRef& r : c.recipients) {
      switch (r.kind) {
        case PartyRef::Kind::any: cc.recipients.any = true; break;
        case PartyRef::Kind::sector: cc.recipients.sectors.add(r.sector); break;
        case PartyRef::Kind::organisation: p.recipient_orgs_.push_back(r.organisation); break;
      }
    }
    cc.recipients.orgs_end = static_cast<std::uint32_t>(p.recipient_orgs_.size());
    std::sort(p.recipient_orgs_.begin() + cc.recipients.orgs_begin, p.recipient_orgs_.end());
    const auto key = pair_key(c.subject, c.recorded_by);
    const auto pos = static_cast<std::uint32_t>(p.consents_.size());
    auto [it, inserted] = p.consents_by_key_.try_emplace(key, Range{pos, pos});
    it->second.end = pos + 1;
    p.consents_.push_back(cc);
  }

  // Agreements: per ordered pair of parties, the agreements they share and the rules
  // that cover the pair. `sector:` and `*` are resolved here, against the parties.
  std::map<std::uint64_t, std::pair<std::vector<std::uint32_t>, std::vector<RuleEntry>>> pairs;
  for (std::uint32_t ai = 0; ai < world.agreements.size(); ++ai) {
    const Agreement& a = world.agreements[ai];
    p.agreement_from_.push_back(a.valid_from);
    p.agreement_until_.push_back(a.valid_until);
    p.agreement_status_in_force_.push_back(a.status == AgreementStatus::in_force);
    std::vector<OrgIndex> parties = a.parties;
    std::sort(parties.begin(), parties.end());
    parties.erase(std::unique(parties.begin(), parties.end()), parties.end());
    for (OrgIndex x : parties) {
      for (OrgIndex y : parties) pairs[pair_key(x, y)].first.push_back(ai);
    }
    for (std::uint32_t ri = 0; ri < a.rules.size(); ++ri) {
      const Rule& rule = a.rules[ri];
      // A permit rule opens the flow only when it lists the ground `agreement`.
      if (rule.effect == Effect::permit && !rule.grounds.has(Ground::agreement)) continue;
      std::vector<OrgIndex> from, to;
      for (OrgIndex x : parties) {
        if (any_matches(rule.from, x, world)) from.push_back(x);
        if (any_matches(rule.to, x, world)) to.push_back(x);
      }
      for (OrgIndex x : from) {
        for (OrgIndex y : to) {
          pairs[pair_key(x, y)].second.push_back(
              {ai, ri, rule.categories, rule.purposes, rule.effect == Effect::forbid});
        }
      }
    }
  }
  for (auto& [key, lists] : pairs) {
    PairSlot slot;
    slot.agreements.begin = static_cast<std::uint32_t>(p.pair_agreements_.size());
    p.pair_agreements_.insert(p.pair_agreements_.end(), lists.first.begin(), lists.first.end());
    slot.agreements.end = static_cast<std::uint32_t>(p.pair_agreements_.size());
    slot.entries.begin = static_cast<std::uint32_t>(p.pair_entries_.size());
    p.pair_entries_.insert(p.pair_entries_.end(), lists.second.begin(), lists.second.end());
    slot.entries.end = static_cast<std::uint32_t>(p.pair_entries_.size());
    p.pairs_.emplace(key, slot);
  }

  p.world_ = std::move(world);
  return p;
}

Result<void> Policy::validate(const Request& r) const {
  const std::size_t n_orgs = world_.organisations.size();
  if (r.actor >= n_orgs || r.recipient >= n_orgs) return fail("invalid_request", "unknown organisation");
  if (r.subject && *r.subject >= world_.subjects.size()) return fail("invalid_request", "unknown subject");
  if (r.context) {
    if (r.context->table && *r.context->table >= tables_.size()) return fail("invalid_request", "unknown table");
    for (OrgIndex o : r.context->acknowledged) {
      if (o >= n_orgs) return fail("invalid_request", "unknown organisation in acknowledged");
    }
  }
  if (r.origin && r.origin->table && *r.origin->table >= tables_.size()) {
    return fail("invalid_request", "unknown origin table");
  }
  return {};
}

bool Policy::is_member(const CompiledTable& table, OrgIndex org) const {
  return (table.members[org / 64] >> (org % 64)) & 1u;
}

bool Policy::cares_for(OrgIndex org, SubjectIndex subject) const {
  const auto& carers = carers_[subject];
  return std::binary_search(carers.begin(), carers.end(), org);
}

bool Policy::matches(const CompiledRecipients& rec, OrgIndex org) const {
  if (rec.any || rec.sectors.has(orgs_[org].sector)) return true;
  return std::binary_search(recipient_orgs_.begin() + rec.orgs_begin, recipient_orgs_.begin() + rec.orgs_end, org);
}

const Policy::PairSlot* Policy::pair(OrgIndex actor, OrgIndex recipient) const {
  auto it = pairs_.find(pair_key(actor, recipient));
  return it == pairs_.end() ? nullptr : &it->second;
}

bool Policy::confided(const Request& r) const {
  return orgs_[r.actor].professional && !r.categories.without({Category::aggregate}).empty();
}

Policy::ForbidHit Policy::forbidding_rule(const Request& r) const {
  const PairSlot* slot = pair(r.actor, r.recipient);
  if (slot == nullptr) return {};
  for (std::uint32_t i = slot->entries.begin; i < slot->entries.end; ++i) {
    const RuleEntry& e = pair_entries_[i];
    if (!e.forbid || !e.purposes.has(r.purpose) || !e.categories.intersects(r.categories)) continue;
    if (agreement_status_in_force_[e.agreement] && agreement_from_[e.agreement] <= r.at &&
        r.at < agreement_until_[e.agreement]) {
      return {static_cast<std::int32_t>(e.agreement), static_cast<std::int32_t>(e.rule)};
    }
  }
  return {};
}

Policy::ConsentCheck Policy::check_consent(const Request& r) const {
  if (!r.subject) return {kNone, Reason::consent_missing};
  auto it = consents_by_key_.find(pair_key(*r.subject, r.actor));
  if (it == consents_by_key_.end()) return {kNone, Reason::consent_missing};
  // Newest first: the first matching consent given at or before `at` is the most
  // recently given one, whose reason we report if no matching consent passes.
  std::optional<ConsentCheck> newest;
  std::int32_t not_yet_given = kNone;
  for (std::uint32_t i = it->second.begin; i < it->second.end; ++i) {
    const CompiledConsent& c = consents_[i];
    if (!matches(c.recipients, r.recipient)) continue;
    std::optional<Reason> failure;
    if (c.given > r.at) {
      failure = Reason::consent_missing;
    } else if (c.withdrawn <= r.at) {
      failure = Reason::consent_withdrawn;
    } else if (r.at >= c.expires) {
      failure = Reason::consent_expired;
    } else if (!c.categories.covers(r.categories) || !c.purposes.has(r.purpose)) {
      failure = Reason::consent_scope;
    }
    const auto index = static_cast<std::int32_t>(c.index);
    if (!failure) return {index, std::nullopt};
    if (!newest && c.given <= r.at) newest = ConsentCheck{index, failure};
    // Only consents given later: name the earliest of them ("not yet given").
    if (c.given > r.at) not_yet_given = index;
  }
  if (newest) return *newest;
  return {not_yet_given, Reason::consent_missing};
}

bool Policy::try_not_personal(const Request& r, Decision& d, bool claimed) const {
  if (!r.subject && r.categories == CategorySet{Category::aggregate}) {
    d.permit = true;
    d.ground = Ground::not_personal;
    return true;
  }
  if (claimed) d.add_failure({Ground::not_personal, Reason::not_applicable});
  return false;
}

bool Policy::try_case_consultation(const Request& r, Decision& d) const {
  auto failed = [&](Reason reason) {
    d.add_failure({Ground::case_consultation, reason});
    return false;
  };
  if (!r.context || !r.context->table || !r.context->in_meeting) return failed(Reason::not_in_consultation);
  const CompiledTable& t = tables_[*r.context->table];
  if (!t.basis_ok) return failed(Reason::basis_insufficient);
  if (!t.finality_ok || !t.finality.has(r.purpose)) return failed(Reason::finality_mismatch);
  if (!is_member(t, r.actor) || !is_member(t, r.recipient)) return failed(Reason::not_a_member);
  const auto& ack = r.context->acknowledged;
  if (std::find(ack.begin(), ack.end(), r.actor) == ack.end() ||
      std::find(ack.begin(), ack.end(), r.recipient) == ack.end()) {
    return failed(Reason::secrecy_not_acknowledged);
  }
  d.permit = true;
  d.ground = Ground::case_consultation;
  d.table = static_cast<std::int32_t>(*r.context->table);
  d.obligations = {Obligation::secrecy_bound, Obligation::use_restricted};
  return true;
}

bool Policy::try_shared_secrecy(const Request& r, const ForbidHit& forbid, Decision& d) const {
  auto failed = [&](Reason reason, std::int32_t consent = kNone) {
    d.add_failure({Ground::shared_secrecy, reason, consent, forbid.agreement, forbid.rule});
    return false;
  };
  if (forbid.agreement != kNone) return failed(Reason::forbidden_by_agreement);
  const OrgFacts& actor = orgs_[r.actor];
  const OrgFacts& recipient = orgs_[r.recipient];
  if (!actor.professional || !recipient.professional || recipient.reporting_duty) {
    return failed(Reason::recipient_not_bound);
  }
  if (r.purpose != Purpose::care || !r.subject || !cares_for(r.actor, *r.subject) ||
      !cares_for(r.recipient, *r.subject)) {
    return failed(Reason::not_same_mission);
  }
  const ConsentCheck consent = check_consent(r);
  if (consent.failure) return failed(*consent.failure, consent.consent);
  d.permit = true;
  d.ground = Ground::shared_secrecy;
  d.consent = consent.consent;
  d.obligations = {Obligation::minimum_necessary};
  return true;
}

bool Policy::try_consent(const Request& r, const ForbidHit& forbid, Decision& d) const {
  if (forbid.agreement != kNone) {
    d.add_failure({Ground::consent, Reason::forbidden_by_agreement, kNone, forbid.agreement, forbid.rule});
    return false;
  }
  const ConsentCheck consent = check_consent(r);
  if (consent.failure) {
    d.add_failure({Ground::consent, *consent.failure, consent.consent});
    return false;
  }
  d.permit = true;
  d.ground = Ground::consent;
  d.consent = consent.consent;
  d.obligations = {Obligation::minimum_necessary};
  if (confided(r)) {
    d.obligations.add(Obligation::professional_judgement);
    if (orgs_[r.recipient].reporting_duty) d.obligations.add(Obligation::recipient_reporting_duty);
  }
  return true;
}

bool Policy::try_agreement(const Request& r, const ForbidHit& forbid, Decision& d) const {
  auto failed = [&](Reason reason, std::int32_t agreement = kNone, std::int32_t rule = kNone) {
    d.add_failure({Ground::agreement, reason, kNone, agreement, rule});
    return false;
  };
  if (forbid.agreement != kNone) return failed(Reason::forbidden_by_agreement, forbid.agreement, forbid.rule);
  if (confided(r)) return failed(Reason::secrecy_requires_ground);
  const PairSlot* slot = pair(r.actor, r.recipient);
  if (slot == nullptr || slot->agreements.begin == slot->agreements.end) return failed(Reason::no_agreement_rule);
  auto in_force = [&](std::uint32_t a) {
    return agreement_status_in_force_[a] && agreement_from_[a] <= r.at && r.at < agreement_until_[a];
  };
  bool any_in_force = false;
  for (std::uint32_t i = slot->agreements.begin; i < slot->agreements.end && !any_in_force; ++i) {
    any_in_force = in_force(pair_agreements_[i]);
  }
  if (!any_in_force) {
    return failed(Reason::agreement_not_in_force, static_cast<std::int32_t>(pair_agreements_[slot->agreements.begin]));
  }
  for (std::uint32_t i = slot->entries.begin; i < slot->entries.end; ++i) {
    const RuleEntry& e = pair_entries_[i];
    if (e.forbid || !e.purposes.has(r.purpose) || !e.categories.covers(r.categories) || !in_force(e.agreement)) {
      continue;
    }
    d.permit = true;
    d.ground = Ground::agreement;
    d.agreement = static_cast<std::int32_t>(e.agreement);
    d.rule = static_cast<std::int32_t>(e.rule);
    d.obligations = {Obligation::minimum_necessary};
    return true;
  }
  return failed(Reason::no_agreement_rule);
}

bool Policy::try_art_458bis(const Request& r, Decision& d) const {
  auto failed = [&](Reason reason) {
    d.add_failure({Ground::art_458bis, reason});
    return false;
  };
  if (!orgs_[r.actor].professional) return failed(Reason::not_applicable);
  if (orgs_[r.recipient].sector != Sector::prosecution) return failed(Reason::not_prosecutor);
  if (!r.subject || !protected_subject_[*r.subject]) return failed(Reason::victim_not_vulnerable);
  const auto& j = r.justification;
  if (!j.danger || !j.cannot_protect) return failed(Reason::danger_not_established);
  d.permit = true;
  d.ground = Ground::art_458bis;
  d.obligations = {Obligation::record_reasoning};
  return true;
}

bool Policy::try_necessity(const Request& r, Decision& d) const {
  const auto& j = r.justification;
  if (blank(j.higher_value) || j.danger != Danger::serious_imminent || !j.other_means_exhausted) {
    d.add_failure({Ground::necessity, Reason::justification_incomplete});
    return false;
  }
  d.permit = true;
  d.ground = Ground::necessity;
  d.obligations = {Obligation::record_reasoning, Obligation::dpo_review};
  return true;
}

bool Policy::try_ground(Ground g, const Request& r, const ForbidHit& forbid, Decision& d, bool claimed) const {
  switch (g) {
    case Ground::not_personal: return try_not_personal(r, d, claimed);
    case Ground::case_consultation: return try_case_consultation(r, d);
    case Ground::shared_secrecy: return try_shared_secrecy(r, forbid, d);
    case Ground::consent: return try_consent(r, forbid, d);
    case Ground::agreement: return try_agreement(r, forbid, d);
    case Ground::art_458bis: return try_art_458bis(r, d);
    case Ground::necessity: return try_necessity(r, d);
  }
  return false;
}

Decision Policy::decide(const Request& r) const {
  Decision d;
  // 1. Onward sharing: information received in a case consultation stays inside it.
  if (r.origin && r.origin->ground == Ground::case_consultation) {
    const bool inside = r.origin->table && is_member(tables_[*r.origin->table], r.recipient) &&
                        tables_[*r.origin->table].finality.has(r.purpose);
    if (!inside) {
      d.use_restricted = true;
      d.add_failure({Ground::case_consultation, Reason::use_restricted});
      return d;
    }
  }
  // 2. A claimed ground is the only one evaluated. 3. Otherwise the default order.
  const ForbidHit forbid = forbidding_rule(r);
  if (r.ground) {
    try_ground(*r.ground, r, forbid, d, /*claimed=*/true);
    return d;
  }
  for (Ground g : {Ground::not_personal, Ground::case_consultation, Ground::shared_secrecy, Ground::consent,
                   Ground::agreement}) {
    if (try_ground(g, r, forbid, d, /*claimed=*/false)) return d;
  }
  return d;
}

std::vector<std::string> Policy::obligations(const Decision& d) const {
  std::vector<std::string> out;
  if (!d.permit) return out;
  d.obligations.for_each([&](Obligation o) { out.emplace_back(name_of(o)); });
  if (d.agreement != kNone && d.rule != kNone) {
    for (const std::string& extra : world_.agreements[static_cast<std::size_t>(d.agreement)]
                                        .rules[static_cast<std::size_t>(d.rule)]
                                        .obligations) {
      if (std::find(out.begin(), out.end(), extra) == out.end()) out.push_back(extra);
    }
  }
  return out;
}

}  // namespace tafel::sharing
