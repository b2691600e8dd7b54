#include "app/consents/consent_service.h"

#include <algorithm>

#include "app/audit/record_change.h"
#include "app/authorization.h"
#include "core/consents/evidence_file.h"

namespace tafel::app::consents {

using namespace tafel::consents;
using core::audit::Action;

namespace {

ConsentRecipient fact_recipient(const Recipient& r) {
  ConsentRecipient out;
  switch (r.kind) {
    case Recipient::Kind::organisation: out.kind = ConsentRecipient::Kind::organisation; break;
    case Recipient::Kind::sector: out.kind = ConsentRecipient::Kind::sector; break;
    case Recipient::Kind::any: out.kind = ConsentRecipient::Kind::any; break;
  }
  out.organisation = r.organisation;
  out.sector = r.sector;
  return out;
}

// What another organisation may know of a consent: no evidence, no recorder, no giver.
Consent summary_of(const Consent& c) {
  Consent s;
  s.id = c.id;
  s.case_id = c.case_id;
  s.recorded_by = c.recorded_by;
  s.recipients = c.recipients;
  s.categories = c.categories;
  s.purposes = c.purposes;
  s.valid_from = c.valid_from;
  s.valid_until = c.valid_until;
  s.state = c.state;
  s.decided_at = c.decided_at;
  s.withdrawn_at = c.withdrawn_at;
  return s;
}

}  // namespace

ConsentService::ConsentService(ConsentStore& store, cases::CaseDirectory& cases, audit::AuditTrail& audit,
                               const Clock& clock, UnitOfWork& transactions, ConsentSettings settings)
    : store_(store), cases_(cases), audit_(audit), clock_(clock), transactions_(transactions), settings_(settings) {}

sharing::Timestamp ConsentService::now() const { return clock_.now().time_since_epoch().count(); }

ConsentView ConsentService::view_of(const Consent& c, bool full) const {
  sharing::Timestamp at = now();
  return ConsentView{full ? c : summary_of(c), state_at(c, at), full, expiring_within(c, at, settings_.expiry_window)};
}

Result<void> ConsentService::audit(const Caller& caller, Action action, const std::string& object_type,
                                   std::int64_t id) {
  return app::audit::record_change(audit_, caller.principal, caller.origin,
                                   {action, object_type, std::to_string(id), core::audit::Outcome::success, {}});
}

Result<std::optional<cases::CaseSummary>> ConsentService::visible_case(const Caller& caller, std::int64_t case_id) {
  return cases_.visible(caller.principal, case_id);
}

Result<bool> ConsentService::case_visible(const Caller& caller, std::int64_t case_id) {
  auto found = visible_case(caller, case_id);
  if (!found) return tl::unexpected(found.error());
  return found->has_value();
}

Result<ConsentService::Loaded> ConsentService::load(const Caller& caller, std::int64_t id) {
  auto found = store_.find(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail("not_found", "no such consent");
  auto visible = case_visible(caller, (*found)->case_id);
  if (!visible) return tl::unexpected(visible.error());
  ConsentStanding standing{(*found)->recorded_by == caller.principal.organisation_id, *visible};
  return Loaded{std::move(**found), standing};
}

// A refusal because of the case reads as "not_found": whether a case exists is not
// told to those who may not see it.
static Result<void> allowed(const Caller& caller, ConsentRight right, const ConsentStanding& standing) {
  auto ok = authorize(caller.principal, right, standing);
  if (!ok && ok.error().message == "case_not_visible") return fail("not_found", "no such consent");
  return ok;
}

Result<std::vector<ConsentView>> ConsentService::list(const Caller& caller, std::optional<State> state) {
  const access::Principal& p = caller.principal;
  // The standing of a consent of the caller's own organisation on a case they see.
  if (auto ok = authorize(p, ConsentRight::view_consent, ConsentStanding{true, true}); !ok) {
    return tl::unexpected(ok.error());
  }
  auto all = store_.by_organisation(p.organisation_id);
  if (!all) return tl::unexpected(all.error());
  std::vector<ConsentView> out;
  for (const auto& c : *all) {
    bool visible = p.role == access::Role::dpo;
    if (!visible) {
      auto v = case_visible(caller, c.case_id);
      if (!v) return tl::unexpected(v.error());
      visible = *v;
    }
    if (!visible) continue;
    ConsentView view = view_of(c, true);
    if (state && view.state != *state) continue;
    out.push_back(std::move(view));
  }
  // Expiring soon first, soonest first; the rest keep the store's newest-first order.
  std::stable_sort(out.begin(), out.end(), [](const ConsentView& a, const ConsentView& b) {
    if (a.expiring != b.expiring) return a.expiring;
    return a.expiring && a.consent.valid_until < b.consent.valid_until;
  });
  if (auto ok = audit(caller, Action::view, "consent_list", p.organisation_id); !ok) return tl::unexpected(ok.error());
  return out;
}

Result<ConsentView> ConsentService::consent(const Caller& caller, std::int64_t id) {
  auto loaded = load(caller, id);
  if (!loaded) return tl::unexpected(loaded.error());
  if (auto ok = allowed(caller, ConsentRight::view_consent, loaded->standing); !ok) return tl::unexpected(ok.error());
  if (auto ok = audit(caller, Action::view, "consent", id); !ok) return tl::unexpected(ok.error());
  return view_of(loaded->consent, true);
}

Result<std::vector<ConsentView>> ConsentService::case_consents(const Caller& caller, std::int64_t case_id) {
  auto visible = case_visible(caller, case_id);
  if (!visible) return tl::unexpected(visible.error());
  // Listing a case's consents is reading its summaries.
  if (auto ok = allowed(caller, ConsentRight::view_summary, ConsentStanding{false, *visible}); !ok) {
    return tl::unexpected(ok.error());
  }
  auto all = store_.by_case(case_id);
  if (!all) return tl::unexpected(all.error());
  std::vector<ConsentView> out;
  for (const auto& c : *all) {
    ConsentStanding standing{c.recorded_by == caller.principal.organisation_id, *visible};
    bool full = static_cast<bool>(authorize(caller.principal, ConsentRight::view_consent, standing));
    if (!full && !authorize(caller.principal, ConsentRight::view_summary, standing)) continue;
    out.push_back(view_of(c, full));
  }
  if (auto ok = audit(caller, Action::view, "case_consents", case_id); !ok) return tl::unexpected(ok.error());
  return out;
}

Result<std::vector<cases::CaseSummary>> ConsentService::visible_cases(const Caller& caller) {
  return cases_.visible_cases(caller.principal);
}

Result<Consent> ConsentService::record(const Caller& caller, ConsentDraft draft) {
  auto visible = case_visible(caller, draft.case_id);
  if (!visible) return tl::unexpected(visible.error());
  if (auto ok = allowed(caller, ConsentRight::record_consent, ConsentStanding{true, *visible}); !ok) {
    if (ok.error().code == "not_found") return fail("not_found", "no such case");
    return tl::unexpected(ok.error());
  }
  Consent c;
  c.case_id = draft.case_id;
  c.recorded_by = caller.principal.organisation_id;
  c.recorder = caller.principal.user_id;
  c.recipients = std::move(draft.recipients);
  c.categories = draft.categories;
  c.purposes = draft.purposes;
  c.created_at = now();
  c.valid_from = draft.valid_from != 0 ? draft.valid_from : c.created_at;
  c.valid_until = draft.valid_until;
  c.state = State::requested;
  if (auto ok = check_consent(c); !ok) return tl::unexpected(ok.error());
  return transactions_.run_returning<Consent>([&]() -> Result<Consent> {
    auto stored = store_.insert(c);
    if (!stored) return stored;
    if (auto ok = audit(caller, Action::create, "consent", stored->id); !ok) return tl::unexpected(ok.error());
    return stored;
  });
}

template <typename Change>
Result<Consent> ConsentService::change(const Caller& caller, std::int64_t id, const std::string& what,
                                       Change&& apply_change) {
  auto loaded = load(caller, id);
  if (!loaded) return tl::unexpected(loaded.error());
  if (auto ok = allowed(caller, ConsentRight::change_consent, loaded->standing); !ok) return tl::unexpected(ok.error());
  Consent c = std::move(loaded->consent);
  if (auto ok = apply_change(c); !ok) return tl::unexpected(ok.error());
  return transactions_.run_returning<Consent>([&]() -> Result<Consent> {
    auto saved = store_.update(c);
    if (!saved) return saved;
    if (auto ok = audit(caller, Action::update, what, id); !ok) return tl::unexpected(ok.error());
    return saved;
  });
}

Result<Consent> ConsentService::give(const Caller& caller, std::int64_t id, Answer answer) {
  return change(caller, id, "consent:given", [&](Consent& c) -> Result<void> {
    auto next = next_state(state_at(c, now()), Transition::give);
    if (!next) return tl::unexpected(next.error());
    auto minor = cases_.visible(caller.principal, c.case_id);
    if (!minor) return tl::unexpected(minor.error());
    bool is_minor = *minor && (*minor)->minor;
    if (auto ok = check_giver(answer.giver, is_minor, answer.minor_age, settings_.minor_own_consent_age); !ok) {
      return ok;
    }
    if (c.evidence.kind != Evidence::Kind::form) {
      c.evidence = Evidence{Evidence::Kind::verbal, "", 0, answer.witness_name, answer.witness_function};
    }
    if (auto ok = check_evidence(c.evidence); !ok) return ok;
    c.state = *next;
    c.giver = answer.giver;
    c.minor_age = answer.giver == Giver::minor_self ? answer.minor_age : 0;
    c.decided_at = now();
    return {};
  });
}

Result<Consent> ConsentService::refuse(const Caller& caller, std::int64_t id, Answer answer) {
  return change(caller, id, "consent:refused", [&](Consent& c) -> Result<void> {
    auto next = next_state(state_at(c, now()), Transition::refuse);
    if (!next) return tl::unexpected(next.error());
    auto minor = cases_.visible(caller.principal, c.case_id);
    if (!minor) return tl::unexpected(minor.error());
    bool is_minor = *minor && (*minor)->minor;
    if (auto ok = check_giver(answer.giver, is_minor, answer.minor_age, settings_.minor_own_consent_age); !ok) {
      return ok;
    }
    c.state = *next;
    c.giver = answer.giver;
    c.minor_age = answer.giver == Giver::minor_self ? answer.minor_age : 0;
    c.decided_at = now();
    return {};
  });
}

Result<Consent> ConsentService::withdraw(const Caller& caller, std::int64_t id) {
  return change(caller, id, "consent:withdrawn", [&](Consent& c) -> Result<void> {
    auto next = next_state(state_at(c, now()), Transition::withdraw);
    if (!next) return tl::unexpected(next.error());
    c.state = *next;
    c.withdrawn_at = now();
    c.withdrawn_by = caller.principal.user_id;
    return {};
  });
}

Result<Consent> ConsentService::attach_evidence(const Caller& caller, std::int64_t id,
                                                std::span<const std::uint8_t> bytes) {
  auto type = check_evidence_file(bytes);
  if (!type) return tl::unexpected(type.error());
  EvidenceFile file{std::string(*type), std::vector<std::uint8_t>(bytes.begin(), bytes.end())};
  auto loaded = load(caller, id);
  if (!loaded) return tl::unexpected(loaded.error());
  if (auto ok = allowed(caller, ConsentRight::change_consent, loaded->standing); !ok) return tl::unexpected(ok.error());
  Consent c = std::move(loaded->consent);
  State s = state_at(c, now());
  if (s != State::requested && s != State::given) {
    return fail("invalid_transition", "evidence is attached to a requested or given consent only");
  }
  c.evidence = Evidence{Evidence::Kind::form, file.type, static_cast<std::int64_t>(file.bytes.size()), "", ""};
  return transactions_.run_returning<Consent>([&]() -> Result<Consent> {
    if (auto ok = store_.put_evidence(id, file); !ok) return tl::unexpected(ok.error());
    auto saved = store_.update(c);
    if (!saved) return saved;
    if (auto ok = audit(caller, Action::update, "consent_evidence", id); !ok) return tl::unexpected(ok.error());
    return saved;
  });
}

Result<EvidenceFile> ConsentService::evidence(const Caller& caller, std::int64_t id) {
  auto loaded = load(caller, id);
  if (!loaded) return tl::unexpected(loaded.error());
  if (auto ok = allowed(caller, ConsentRight::read_evidence, loaded->standing); !ok) return tl::unexpected(ok.error());
  auto file = store_.evidence(id);
  if (!file) return tl::unexpected(file.error());
  if (!*file) return fail("not_found", "this consent has no uploaded form");
  // The read is recorded before the file is handed out.
  if (auto ok = audit(caller, Action::view, "consent_evidence", id); !ok) return tl::unexpected(ok.error());
  return std::move(**file);
}

Result<std::vector<Consent>> ConsentService::expiring() {
  auto all = store_.ever_given();
  if (!all) return tl::unexpected(all.error());
  std::vector<Consent> out;
  sharing::Timestamp at = now();
  for (auto& c : *all) {
    if (expiring_within(c, at, settings_.expiry_window)) out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<ConsentFact>> ConsentService::given_consents() {
  auto all = store_.ever_given();
  if (!all) return tl::unexpected(all.error());
  std::vector<ConsentFact> out;
  out.reserve(all->size());
  for (const auto& c : *all) {
    ConsentFact f;
    f.id = c.id;
    f.case_id = c.case_id;
    f.recorded_by = c.recorded_by;
    for (const auto& r : c.recipients) f.recipients.push_back(fact_recipient(r));
    f.categories = c.categories;
    f.purposes = c.purposes;
    // Valid from the later of its start and the moment it was given.
    f.given = std::max(c.valid_from, c.decided_at);
    f.expires = c.valid_until;
    f.withdrawn = c.withdrawn_at;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace tafel::app::consents
