#include "core/contributions/contribution.h"

#include <algorithm>
#include <array>

namespace tafel::contributions {

namespace {

constexpr std::array<std::string_view, 2> kKinds{"note", "fact"};
constexpr std::array<std::string_view, 4> kClassifications{"public", "internal", "confidential", "secret"};
constexpr std::array<std::string_view, 2> kTracks{"care", "safety"};
constexpr std::array<std::string_view, 3> kStatuses{"shared", "denied", "awaiting_dpo"};

template <typename E, std::size_t N>
std::optional<E> parse(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view name_of(Kind kind) { return kKinds[static_cast<std::size_t>(kind)]; }
std::string_view name_of(Classification c) { return kClassifications[static_cast<std::size_t>(c)]; }
std::string_view name_of(Track track) { return kTracks[static_cast<std::size_t>(track)]; }
std::string_view name_of(ShareStatus status) { return kStatuses[static_cast<std::size_t>(status)]; }
std::optional<Kind> parse_kind(std::string_view text) { return parse<Kind>(kKinds, text); }
std::optional<Classification> parse_classification(std::string_view text) {
  return parse<Classification>(kClassifications, text);
}
std::optional<Track> parse_track(std::string_view text) { return parse<Track>(kTracks, text); }
std::optional<ShareStatus> parse_share_status(std::string_view text) { return parse<ShareStatus>(kStatuses, text); }

sharing::CategorySet Contribution::categories() const {
  sharing::CategorySet set;
  for (const auto& p : parts) set.add(p.category);
  return set;
}

const Share* Contribution::share_to(access::OrganisationId organisation) const {
  for (auto it = shares.rbegin(); it != shares.rend(); ++it) {
    if (it->recipient == organisation && it->status != ShareStatus::denied) return &*it;
  }
  return nullptr;
}

std::vector<std::string> unmet(const std::vector<std::string>& required, const Confirmations& given) {
  std::vector<std::string> out;
  for (const auto& o : required) {
    bool met = true;
    if (o == "minimum_necessary") met = given.travelling.has_value();
    if (o == "professional_judgement") met = given.professional_judgement;
    if (o == "recipient_reporting_duty") met = given.reporting_duty_acknowledged;
    if (o == "record_reasoning") {
      met = std::any_of(given.reasoning.begin(), given.reasoning.end(),
                        [](char c) { return c != ' ' && c != '\n' && c != '\t' && c != '\r'; });
    }
    if (!met && std::find(out.begin(), out.end(), o) == out.end()) out.push_back(o);
  }
  return out;
}

Result<void> check_contribution(const Contribution& c) {
  if ((c.situation == 0) == (c.case_id == 0)) {
    return fail("invalid_input", "a contribution belongs to one situation or one case");
  }
  if (c.parts.empty()) return fail("invalid_input", "parts: write at least one");
  sharing::CategorySet seen;
  for (const auto& p : c.parts) {
    if (p.text.empty() || p.text.size() > 4000) return fail("invalid_input", "text: 1 to 4000 characters per part");
    if (seen.has(p.category)) return fail("invalid_input", "parts: one per category");
    seen.add(p.category);
  }
  if (c.reasoning.size() > 2000) return fail("invalid_input", "reasoning: at most 2000 characters");
  if (c.situation != 0 && c.track != Track::care) return fail("invalid_input", "track: situations have no track");
  return {};
}

Result<void> check_travelling(const Contribution& c, const Confirmations& given) {
  if (!given.travelling) return {};
  if (given.travelling->empty()) return fail("invalid_input", "travelling: pick at least one category");
  if (!c.categories().covers(*given.travelling)) {
    return fail("invalid_input", "travelling: only categories the contribution holds may travel");
  }
  return {};
}

}  // namespace tafel::contributions
