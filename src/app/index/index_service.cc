#include "app/index/index_service.h"

#include <algorithm>
#include <map>

#include "app/authorization.h"
#include "core/index/clk.h"
#include "core/index/dice.h"
#include "core/index/national_number.h"

namespace tafel::app::index {

namespace {

using core::audit::Action;

// An average month, for the retention periods (a day more or less is irrelevant).
constexpr std::int64_t kMonthUs = 2'629'746LL * 1'000'000;

SignalView view_of_signal(const StoredSignal& s) {
  SignalView v;
  v.id = s.id;
  v.contact_point = s.contact_point;
  v.since = s.since;
  v.ground = s.ground;
  v.consent_id = s.consent_id;
  v.statute = s.statute;
  v.by_number = !s.number_hash.empty();
  v.by_name = s.encoding.has_value();
  v.state = s.state;
  v.registered_at_us = s.created_at_us;
  v.inactive_at_us = s.inactive_at_us;
  v.delete_at_us = s.delete_at_us;
  return v;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

}  // namespace

std::vector<StatutoryBasis> IndexSettings::default_statutory_bases() {
  return {{"youth_care_decree", "Decreet integrale jeugdhulp, art. 7"},
          {"child_protection", "Wet van 8 april 1965 betreffende de jeugdbescherming"},
          {"domestic_violence_protocol", "Omzendbrief COL 4/2006 (intrafamiliaal geweld)"}};
}

std::string hex_of(const core_index::Digest& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (auto b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

IndexService::IndexService(IndexStore& store, const core_index::KeyedHash& hash, directory::DirectoryStore& directory,
                           accounts::AccountStore& users, consents::ConsentFacts& consents, audit::AuditTrail& audit,
                           const Clock& clock, UnitOfWork& transactions, IndexSettings settings)
    : store_(store),
      hash_(hash),
      directory_(directory),
      users_(users),
      consents_(consents),
      audit_(audit),
      clock_(clock),
      transactions_(transactions),
      settings_(std::move(settings)) {}

std::int64_t IndexService::now_us() const { return clock_.now().time_since_epoch().count(); }

Result<void> IndexService::allowed(const Caller& caller) {
  return authorize(caller.principal, access::Action::use_reference_index,
                   access::Target{caller.principal.organisation_id, std::nullopt});
}

Result<void> IndexService::audit(const Caller& caller, Action action, const std::string& object_type,
                                 std::int64_t id) {
  core::audit::Entry e;
  e.actor = caller.principal.user_id ? std::to_string(caller.principal.user_id) : std::string();
  e.organisation = caller.principal.organisation_id ? std::to_string(caller.principal.organisation_id) : std::string();
  e.action = action;
  e.object_type = object_type;
  e.object_id = std::to_string(id);
  auto recorded = audit_.record(std::move(e), caller.origin);
  if (!recorded) return tl::unexpected(recorded.error());
  return {};
}

Result<std::vector<consents::ConsentFact>> IndexService::usable_consents(const Caller& caller) {
  if (auto ok = allowed(caller); !ok) return tl::unexpected(ok.error());
  auto all = consents_.given_consents();
  if (!all) return tl::unexpected(all.error());
  const std::int64_t now = now_us();
  std::vector<consents::ConsentFact> out;
  for (auto& c : *all) {
    if (c.recorded_by != caller.principal.organisation_id) continue;
    if (c.given > now || c.expires <= now || c.withdrawn <= now) continue;
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<ContactPointChoice>> IndexService::contact_points(const Caller& caller) {
  if (auto ok = allowed(caller); !ok) return tl::unexpected(ok.error());
  auto points = directory_.list_contact_points(caller.principal.organisation_id);
  if (!points) return tl::unexpected(points.error());
  std::vector<ContactPointChoice> out;
  for (const auto& p : *points) {
    ContactPointChoice c{p.id, ""};
    auto person = users_.find_user(p.primary);
    if (!person) return tl::unexpected(person.error());
    if (*person) c.person = (*person)->display_name;
    out.push_back(std::move(c));
  }
  return out;
}

Result<void> IndexService::check_ground(const Caller& caller, const SignalDraft& draft) {
  if (draft.ground == GroundKind::statute) {
    bool known = std::any_of(settings_.statutory_bases.begin(), settings_.statutory_bases.end(),
                             [&](const StatutoryBasis& b) { return b.key == draft.statute; });
    if (!known) return fail("invalid_ground", "not a statutory basis configured for the index");
    return {};
  }
  auto usable = usable_consents(caller);
  if (!usable) return tl::unexpected(usable.error());
  bool found = std::any_of(usable->begin(), usable->end(),
                           [&](const consents::ConsentFact& c) { return c.id == draft.consent_id; });
  if (!found) {
    return fail("invalid_ground", "the consent is not one your organisation recorded, given and valid today");
  }
  return {};
}

Result<SignalView> IndexService::register_signal(const Caller& caller, SignalDraft draft) {
  if (auto ok = allowed(caller); !ok) return tl::unexpected(ok.error());
  const access::OrganisationId org = caller.principal.organisation_id;
  auto point = directory_.find_contact_point(draft.contact_point);
  if (!point) return tl::unexpected(point.error());
  if (!*point || (*point)->organisation_id != org) {
    return fail("invalid_input", "the contact point is not one of your organisation");
  }
  if (!core_index::parse_birth_date(draft.since)) return fail("invalid_input", "since is a date YYYY-MM-DD");
  if (auto ground = check_ground(caller, draft); !ground) return tl::unexpected(ground.error());

  StoredSignal signal;
  signal.organisation = org;
  signal.contact_point = draft.contact_point;
  signal.registered_by = caller.principal.user_id;
  signal.since = draft.since;
  signal.ground = draft.ground;
  if (draft.ground == GroundKind::consent) signal.consent_id = draft.consent_id;
  else signal.statute = draft.statute;
  const IdentityInput& id = draft.identity;
  const bool named = !blank(id.given) || !blank(id.family) || !blank(id.birth_date);
  if (blank(id.number) && !named) {
    return fail("invalid_input", "give a national register number, or a name and date of birth");
  }
  if (!blank(id.number)) {
    auto number = core_index::parse_national_number(id.number);
    if (!number) return tl::unexpected(number.error());
    signal.number_hash = hex_of(core_index::national_number_hash(*number, hash_));
  }
  if (named) {
    auto encoding = core_index::encode(core_index::Identity{id.given, id.family, id.birth_date, id.place}, hash_);
    if (!encoding) return tl::unexpected(encoding.error());
    signal.encoding = *encoding;
  }
  draft.identity = {};  // the identity goes no further than here
  const std::int64_t now = now_us();
  signal.created_at_us = now;
  signal.inactive_at_us = now + settings_.active_months * kMonthUs;
  signal.delete_at_us = signal.inactive_at_us + settings_.inactive_months * kMonthUs;

  return transactions_.run_returning<SignalView>([&]() -> Result<SignalView> {
    auto added = store_.add_signal(signal);
    if (!added) return tl::unexpected(added.error());
    signal.id = *added;
    if (auto a = audit(caller, Action::create, "index_signal", signal.id); !a) return tl::unexpected(a.error());

    // The best match per other signal: a number is certain; a CLK by its Dice.
    std::map<std::int64_t, std::pair<StoredSignal, int>> found;  // id -> (signal, score permille)
    if (!signal.number_hash.empty()) {
      auto same = store_.with_number(signal.number_hash, org);
      if (!same) return tl::unexpected(same.error());
      for (auto& s : *same) found.emplace(s.id, std::make_pair(std::move(s), 1000));
    }
    if (signal.encoding) {
      auto near = store_.in_blocks(signal.encoding->blocks, org);
      if (!near) return tl::unexpected(near.error());
      for (auto& s : *near) {
        if (!s.encoding || found.contains(s.id)) continue;
        const double score = core_index::dice(signal.encoding->clk, s.encoding->clk);
        if (core_index::classify(score, settings_.thresholds) == core_index::MatchClass::none) continue;
        found.emplace(s.id, std::make_pair(std::move(s), static_cast<int>(score * 1000 + 0.5)));
      }
    }
    for (auto& [other_id, entry] : found) {
      auto& [other, permille] = entry;
      const bool certain = permille >= 1000 || core_index::classify(permille / 1000.0, settings_.thresholds) ==
                                                   core_index::MatchClass::certain;
      StoredMatch m;
      m.signal_a = other.id;
      m.signal_b = signal.id;
      m.certainty = certain ? Certainty::certain : Certainty::possible;
      m.score_permille = permille;
      m.created_at_us = now;
      auto match = store_.add_match(m);
      if (!match) return tl::unexpected(match.error());
      // The new side is always told; an inactive signal's side gets no new notices.
      if (auto n = notify(signal, m.certainty, *match, other); !n) return tl::unexpected(n.error());
      if (other.state == SignalState::active) {
        if (auto n = notify(other, m.certainty, *match, signal); !n) return tl::unexpected(n.error());
      }
    }
    return view_of_signal(signal);
  });
}

Result<void> IndexService::notify(const StoredSignal& signal, Certainty certainty, std::int64_t match,
                                  const StoredSignal& other) {
  if (!notice_) return {};
  auto point = directory_.find_contact_point(signal.contact_point);
  if (!point) return tl::unexpected(point.error());
  if (!*point) return {};
  std::string other_name;
  if (certainty == Certainty::certain) {
    auto details = details_of(other);
    if (!details) return tl::unexpected(details.error());
    other_name = details->organisation + (details->person.empty() ? "" : " (" + details->person + ")");
  }
  std::vector<access::UserId> people{(*point)->primary};
  people.insert(people.end(), (*point)->deputies.begin(), (*point)->deputies.end());
  for (auto user : people) {
    auto sent = notice_(user, certainty, match, other_name);
    if (!sent) return tl::unexpected(sent.error());
  }
  return {};
}

Result<ContactDetails> IndexService::details_of(const StoredSignal& signal) {
  ContactDetails d;
  d.contact_point = signal.contact_point;
  auto org = directory_.find_organisation(signal.organisation);
  if (!org) return tl::unexpected(org.error());
  if (*org) d.organisation = (*org)->name;
  auto point = directory_.find_contact_point(signal.contact_point);
  if (!point) return tl::unexpected(point.error());
  if (*point) {
    d.emergency_line = (*point)->emergency_line;
    d.office_hours = (*point)->office_hours;
    auto person = users_.find_user((*point)->primary);
    if (!person) return tl::unexpected(person.error());
    if (*person) {
      d.person = (*person)->display_name;
      d.email = (*person)->email;
      d.phone = (*person)->phone;
    }
  }
  return d;
}

Result<std::vector<SignalView>> IndexService::signals(const Caller& caller) {
  if (auto ok = allowed(caller); !ok) return tl::unexpected(ok.error());
  auto rows = store_.signals_of(caller.principal.organisation_id);
  if (!rows) return tl::unexpected(rows.error());
  std::vector<SignalView> out;
  for (const auto& s : *rows) {
    if (auto a = audit(caller, Action::view, "index_signal", s.id); !a) return tl::unexpected(a.error());
    out.push_back(view_of_signal(s));
  }
  return out;
}

Result<void> IndexService::withdraw(const Caller& caller, std::int64_t id) {
  if (auto ok = allowed(caller); !ok) return tl::unexpected(ok.error());
  return transactions_.run([&]() -> Result<void> {
    auto s = store_.find_signal(id);
    if (!s) return tl::unexpected(s.error());
    if (!*s || (*s)->organisation != caller.principal.organisation_id) return fail("not_found", "no such signal");
    auto removed = store_.remove_signal(id);
    if (!removed) return tl::unexpected(removed.error());
    return audit(caller, Action::remove, "index_signal", id);
  });
}

Result<MatchView> IndexService::view_of(const StoredMatch& m, access::OrganisationId organisation) {
  auto a = store_.find_signal(m.signal_a);
  if (!a) return tl::unexpected(a.error());
  auto b = store_.find_signal(m.signal_b);
  if (!b) return tl::unexpected(b.error());
  if (!*a || !*b) return fail("not_found", "no such match");
  const bool side_a = (*a)->organisation == organisation;
  if (!side_a && (*b)->organisation != organisation) return fail("not_found", "no such match");
  MatchView v;
  v.id = m.id;
  v.my_signal = side_a ? m.signal_a : m.signal_b;
  v.certainty = m.certainty;
  v.mine = side_a ? m.answer_a : m.answer_b;
  v.theirs = side_a ? m.answer_b : m.answer_a;
  v.created_at_us = m.created_at_us;
  if (m.certainty == Certainty::certain) v.status = "certain";
  else if (m.answer_a == Answer::rejected || m.answer_b == Answer::rejected) v.status = "rejected";
  else if (m.answer_a == Answer::confirmed && m.answer_b == Answer::confirmed) v.status = "confirmed";
  else v.status = "pending";
  if (v.status == "certain" || v.status == "confirmed") {
    auto details = details_of(side_a ? **b : **a);
    if (!details) return tl::unexpected(details.error());
    v.other = std::move(*details);
  }
  return v;
}

Result<std::vector<MatchView>> IndexService::matches(const Caller& caller) {
  if (auto ok = allowed(caller); !ok) return tl::unexpected(ok.error());
  auto rows = store_.matches_of(caller.principal.organisation_id);
  if (!rows) return tl::unexpected(rows.error());
  std::vector<MatchView> out;
  for (const auto& m : *rows) {
    auto v = view_of(m, caller.principal.organisation_id);
    if (!v) return tl::unexpected(v.error());
    if (auto a = audit(caller, Action::view, "index_match", m.id); !a) return tl::unexpected(a.error());
    out.push_back(std::move(*v));
  }
  return out;
}

Result<MatchView> IndexService::answer(const Caller& caller, std::int64_t id, bool confirm) {
  if (auto ok = allowed(caller); !ok) return tl::unexpected(ok.error());
  return transactions_.run_returning<MatchView>([&]() -> Result<MatchView> {
    auto m = store_.find_match(id);
    if (!m) return tl::unexpected(m.error());
    if (!*m) return fail("not_found", "no such match");
    auto view = view_of(**m, caller.principal.organisation_id);
    if (!view) return tl::unexpected(view.error());
    if ((*m)->certainty == Certainty::certain) return fail("invalid_input", "a certain match needs no answer");
    if (view->mine != Answer::pending) return fail("invalid_input", "this match was already answered");
    const bool side_a = view->my_signal == (*m)->signal_a;
    const Answer given = confirm ? Answer::confirmed : Answer::rejected;
    if (auto set = store_.set_answer(id, side_a, given); !set) return tl::unexpected(set.error());
    if (auto a = audit(caller, Action::update, "index_match", id); !a) return tl::unexpected(a.error());
    (side_a ? (*m)->answer_a : (*m)->answer_b) = given;
    return view_of(**m, caller.principal.organisation_id);
  });
}

Result<IndexRetentionReport> IndexService::apply_retention() {
  IndexRetentionReport report;
  const Caller run{};  // the scheduled run itself, not a person
  auto done = transactions_.run([&]() -> Result<void> {
    const std::int64_t now = now_us();
    auto deactivated = store_.deactivate_due(now);
    if (!deactivated) return tl::unexpected(deactivated.error());
    for (auto id : *deactivated) {
      if (auto a = audit(run, Action::update, "index_signal", id); !a) return tl::unexpected(a.error());
    }
    auto deleted = store_.delete_due(now);
    if (!deleted) return tl::unexpected(deleted.error());
    for (auto id : *deleted) {
      if (auto a = audit(run, Action::remove, "index_signal", id); !a) return tl::unexpected(a.error());
    }
    report.deactivated = static_cast<int>(deactivated->size());
    report.deleted = static_cast<int>(deleted->size());
    return {};
  });
  if (!done) return tl::unexpected(done.error());
  return report;
}

}  // namespace tafel::app::index
