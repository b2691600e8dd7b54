#include "core/consents/consent.h"

#include <charconv>

namespace tafel::consents {

namespace {
constexpr std::string_view kStateNames[] = {"dpv:ConsentRequested", "dpv:ConsentGiven", "dpv:ConsentRefused",
                                            "dpv:ConsentWithdrawn", "dpv:ConsentExpired"};
constexpr std::string_view kShortNames[] = {"requested", "given", "refused", "withdrawn", "expired"};
constexpr std::string_view kGiverNames[] = {"person", "parent", "guardian", "minor_self"};

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }
}  // namespace

std::string_view name_of(State state) { return kStateNames[static_cast<std::size_t>(state)]; }
std::string_view short_name_of(State state) { return kShortNames[static_cast<std::size_t>(state)]; }

std::optional<State> parse_state(std::string_view text) {
  for (State s : kAllStates) {
    if (text == name_of(s) || text == short_name_of(s)) return s;
  }
  return std::nullopt;
}

std::string_view name_of(Transition transition) {
  constexpr std::string_view names[] = {"give", "refuse", "withdraw"};
  return names[static_cast<std::size_t>(transition)];
}

Result<State> next_state(State from, Transition transition) {
  if (from == State::requested && transition == Transition::give) return State::given;
  if (from == State::requested && transition == Transition::refuse) return State::refused;
  if (from == State::given && transition == Transition::withdraw) return State::withdrawn;
  return fail("invalid_transition", "a consent in state " + std::string(name_of(from)) + " does not allow '" +
                                        std::string(name_of(transition)) + "'");
}

std::string_view name_of(Giver giver) { return kGiverNames[static_cast<std::size_t>(giver)]; }

std::optional<Giver> parse_giver(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kGiverNames); ++i) {
    if (kGiverNames[i] == text) return static_cast<Giver>(i);
  }
  return std::nullopt;
}

bool valid_minor_own_consent_age(int age) { return age == 12 || age == 16; }

Result<void> check_giver(Giver giver, bool minor, int stated_age, int own_consent_age) {
  if (!minor) {
    if (giver == Giver::person || giver == Giver::guardian) return {};
    return fail("giver_not_allowed", "for an adult, the person or their guardian gives consent");
  }
  switch (giver) {
    case Giver::person:
      return fail("giver_not_allowed", "for a minor, a parent, a guardian or the minor themself gives consent");
    case Giver::parent:
    case Giver::guardian:
      return {};
    case Giver::minor_self:
      if (stated_age <= 0 || stated_age >= 18) return fail("minor_age_required", "state the minor's age");
      if (stated_age < own_consent_age) {
        return fail("minor_too_young", "the minor may consent themself from " + std::to_string(own_consent_age));
      }
      return {};
  }
  return fail("giver_not_allowed", "unknown giver");
}

std::string to_text(const Recipient& r) {
  switch (r.kind) {
    case Recipient::Kind::organisation: return "org:" + std::to_string(r.organisation);
    case Recipient::Kind::sector: return "sector:" + std::string(sharing::name_of(r.sector));
    case Recipient::Kind::any: return "*";
  }
  return "*";
}

std::optional<Recipient> parse_recipient(std::string_view text) {
  if (text == "*") return Recipient{Recipient::Kind::any, 0, sharing::Sector::other};
  if (text.starts_with("sector:")) {
    auto sector = sharing::parse_term<sharing::Sector>(text.substr(7));
    if (!sector) return std::nullopt;
    return Recipient{Recipient::Kind::sector, 0, *sector};
  }
  if (text.starts_with("org:")) text.remove_prefix(4);
  access::OrganisationId id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return Recipient{Recipient::Kind::organisation, id, sharing::Sector::other};
}

std::string_view name_of(Evidence::Kind kind) {
  constexpr std::string_view names[] = {"none", "form", "verbal"};
  return names[static_cast<std::size_t>(kind)];
}

State state_at(const Consent& c, Timestamp now) {
  if (c.state == State::given && now >= c.valid_until) return State::expired;
  return c.state;
}

bool expiring_within(const Consent& c, Timestamp now, Timestamp window) {
  if (state_at(c, now) != State::given || c.valid_until == kNever) return false;
  return c.valid_until - now <= window;
}

Result<void> check_consent(const Consent& c) {
  if (c.case_id <= 0) return fail("invalid_input", "a consent concerns one case");
  if (c.recipients.empty()) return fail("invalid_input", "name at least one recipient");
  if (c.categories.empty()) return fail("invalid_input", "name at least one category");
  if (c.purposes.empty()) return fail("invalid_input", "name at least one purpose");
  if (c.valid_until <= c.valid_from) return fail("invalid_input", "the period must end after it starts");
  return {};
}

Result<void> check_evidence(const Evidence& e) {
  switch (e.kind) {
    case Evidence::Kind::form:
      if (e.file_size > 0 && !e.file_type.empty()) return {};
      break;
    case Evidence::Kind::verbal:
      if (!blank(e.witness_name) && !blank(e.witness_function)) return {};
      return fail("evidence_required", "a verbal consent needs the witness's name and function");
    case Evidence::Kind::none:
      break;
  }
  return fail("evidence_required", "a consent is given only with evidence: a signed form or a witness");
}

}  // namespace tafel::consents
