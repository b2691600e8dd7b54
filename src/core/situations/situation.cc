#include "core/situations/situation.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace tafel::situations {

namespace {
constexpr std::string_view kStageNames[] = {"scanning", "analysis", "response", "assessment"};

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

Result<void> text(std::string_view field, std::string_view value, std::size_t max, bool required = false) {
  if (required && blank(value)) return fail("invalid_input", std::string(field) + " is required");
  if (value.size() > max) return fail("invalid_input", std::string(field) + " is too long");
  return {};
}
}  // namespace

std::string_view name_of(Stage stage) { return kStageNames[static_cast<std::size_t>(stage)]; }

std::optional<Stage> parse_stage(std::string_view text) {
  for (auto s : kStages) {
    if (name_of(s) == text) return s;
  }
  return std::nullopt;
}

std::optional<Stage> next_stage(Stage stage) {
  if (stage == Stage::assessment) return std::nullopt;
  return static_cast<Stage>(static_cast<std::uint8_t>(stage) + 1);
}

std::string_view name_of(ActionStatus status) { return status == ActionStatus::open ? "open" : "done"; }

std::optional<ActionStatus> parse_action_status(std::string_view text) {
  if (text == "open") return ActionStatus::open;
  if (text == "done") return ActionStatus::done;
  return std::nullopt;
}

bool Situation::involves(access::OrganisationId organisation) const {
  return organisation != 0 &&
         (organisation == owner || std::find(participants.begin(), participants.end(), organisation) != participants.end());
}

std::vector<access::OrganisationId> Situation::organisations() const {
  std::vector<access::OrganisationId> out = participants;
  out.push_back(owner);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  std::erase(out, 0);
  return out;
}

SituationAction* Situation::find_action(std::int64_t action_id) {
  auto it = std::find_if(actions.begin(), actions.end(), [&](const SituationAction& a) { return a.id == action_id; });
  return it == actions.end() ? nullptr : &*it;
}

std::vector<std::string_view> stage_fields(Stage stage) {
  switch (stage) {
    case Stage::scanning: return {"behaviour", "place", "since"};
    case Stage::analysis: return {"triangle"};
    case Stage::response: return {"action_plan"};
    case Stage::assessment: return {"assessment"};
  }
  return {};
}

std::vector<std::string> missing_for_next(const Situation& s) {
  std::vector<std::string> missing;
  switch (s.stage) {
    case Stage::scanning:
      if (blank(s.behaviour)) missing.emplace_back("behaviour");
      if (s.area == 0 && blank(s.address)) missing.emplace_back("place");
      break;
    case Stage::analysis:
      if (blank(s.triangle.offender)) missing.emplace_back("triangle.offender");
      if (blank(s.triangle.target)) missing.emplace_back("triangle.target");
      if (blank(s.triangle.place)) missing.emplace_back("triangle.place");
      break;
    case Stage::response:
      if (blank(s.action_plan) && s.actions.empty()) missing.emplace_back("action_plan");
      break;
    case Stage::assessment: missing.emplace_back("last_stage"); break;
  }
  return missing;
}

bool is_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  int year = std::stoi(std::string(t.substr(0, 4)));
  int month = (t[5] - '0') * 10 + (t[6] - '0');
  int day = (t[8] - '0') * 10 + (t[9] - '0');
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

Result<void> check_situation(const Situation& s) {
  for (auto r : {text("title", s.title, 200, true), text("behaviour", s.behaviour, 4000), text("since", s.since, 200),
                 text("address", s.address, 300), text("triangle.offender", s.triangle.offender, 2000),
                 text("triangle.target", s.triangle.target, 2000), text("triangle.place", s.triangle.place, 2000),
                 text("triangle.handler", s.triangle.handler, 2000),
                 text("triangle.guardian", s.triangle.guardian, 2000),
                 text("triangle.manager", s.triangle.manager, 2000), text("action_plan", s.action_plan, 4000),
                 text("assessment", s.assessment, 4000)}) {
    if (!r) return r;
  }
  if (s.owner <= 0) return fail("invalid_input", "a situation has an owning organisation");
  if (s.latitude.has_value() != s.longitude.has_value()) {
    return fail("invalid_input", "coordinates need both latitude and longitude");
  }
  if (s.latitude && (!std::isfinite(*s.latitude) || *s.latitude < -90 || *s.latitude > 90)) {
    return fail("invalid_input", "latitude must lie between -90 and 90");
  }
  if (s.longitude && (!std::isfinite(*s.longitude) || *s.longitude < -180 || *s.longitude > 180)) {
    return fail("invalid_input", "longitude must lie between -180 and 180");
  }
  for (const auto& a : s.actions) {
    if (auto r = text("action.description", a.description, 1000, true); !r) return r;
    if (!s.involves(a.owner_organisation)) return fail("invalid_input", "an action's owner is a participating organisation");
    if (!is_iso_date(a.due)) return fail("invalid_input", "an action's due date is YYYY-MM-DD");
  }
  for (const auto& v : s.voices) {
    if (auto r = text("voice.quote", v.quote, 500, true); !r) return r;
    if (!is_iso_date(v.date)) return fail("invalid_input", "a voice's date is YYYY-MM-DD");
    if (!s.involves(v.organisation)) return fail("invalid_input", "a voice is recorded by a participating organisation");
  }
  std::set<access::OrganisationId> seen;
  for (const auto& g : s.goals) {
    if (auto r = text("goal", g.text, 1000); !r) return r;
    if (!s.involves(g.organisation)) return fail("invalid_input", "a goal belongs to a participating organisation");
    if (!seen.insert(g.organisation).second) return fail("invalid_input", "one goal per organisation");
  }
  return {};
}

}  // namespace tafel::situations
