#pragma once
// A situation (issue 12, point 1): a place, a group or a phenomenon, the default unit
// of work between organisations. It is described by behaviour, never by persons, and
// worked through the SARA stages (scanning, analysis, response, assessment). One
// aggregate, loaded and saved whole; `version` guards against lost updates.
//
// What each stage asks for (stage_fields) and what must be filled before the next
// stage (missing_for_next) live here so pages, API and tests agree.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"

namespace tafel::situations {

enum class Stage : std::uint8_t { scanning, analysis, response, assessment };

std::string_view name_of(Stage stage);
std::optional<Stage> parse_stage(std::string_view text);
// The stage after `stage`; nullopt after assessment.
std::optional<Stage> next_stage(Stage stage);
inline constexpr Stage kStages[] = {Stage::scanning, Stage::analysis, Stage::response, Stage::assessment};

// The problem-analysis triangle with its controllers.
struct Triangle {
  std::string offender, target, place;      // who acts, who or what suffers, where
  std::string handler, guardian, manager;   // who can influence each side
  friend bool operator==(const Triangle&, const Triangle&) = default;
};

// One organisation's stated goal for the situation.
struct Goal {
  access::OrganisationId organisation = 0;
  std::string text;
  friend bool operator==(const Goal&, const Goal&) = default;
};

enum class ActionStatus : std::uint8_t { open, done };
std::string_view name_of(ActionStatus status);
std::optional<ActionStatus> parse_action_status(std::string_view text);

// A step of the action plan, owned by a participating organisation (and optionally
// one of its users), due on an ISO date.
struct SituationAction {
  std::int64_t id = 0;
  std::string description;
  access::OrganisationId owner_organisation = 0;
  access::UserId owner_user = 0;  // 0: the organisation as a whole
  std::string due;                // YYYY-MM-DD
  ActionStatus status = ActionStatus::open;
  friend bool operator==(const SituationAction&, const SituationAction&) = default;
};

// An anonymous voice from the target group: a short quote, no name.
struct Voice {
  std::int64_t id = 0;
  std::string quote;
  std::string date;                          // YYYY-MM-DD
  access::OrganisationId organisation = 0;   // who recorded it
  friend bool operator==(const Voice&, const Voice&) = default;
};

// An explicit stage step.
struct StageStep {
  Stage from = Stage::scanning, to = Stage::analysis;
  access::UserId by = 0;
  std::int64_t at_us = 0;
  friend bool operator==(const StageStep&, const StageStep&) = default;
};

// The author's confirmation that a flagged span is not a person's identifier.
struct Confirmation {
  std::string field;   // "behaviour", "triangle.offender", "voice", ...
  std::string kind;    // identifier kind (core/situations/identifier_detector.h)
  access::UserId by = 0;
  std::int64_t at_us = 0;
  friend bool operator==(const Confirmation&, const Confirmation&) = default;
};

struct Situation {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string title;
  std::string behaviour;      // what is seen happening
  std::string since;          // since when (free text: "spring 2026", a date)
  std::int64_t area = 0;      // a directory area (district or municipality), 0 for none
  std::string address;        // a street or square, optional
  std::optional<double> latitude, longitude;
  Stage stage = Stage::scanning;
  Triangle triangle;
  std::string action_plan;    // response: the plan in words
  std::string assessment;     // assessment: what changed
  access::OrganisationId owner = 0;
  std::vector<access::OrganisationId> participants;  // besides the owner, sorted
  std::int64_t table = 0;     // a consultation table it is discussed at, 0 for none
  std::vector<Goal> goals;
  std::vector<SituationAction> actions;
  std::vector<Voice> voices;
  std::vector<StageStep> steps;
  std::vector<Confirmation> confirmations;
  std::int64_t next_id = 1;   // ids of actions and voices

  // The owner or a participant.
  bool involves(access::OrganisationId organisation) const;
  // The owner and participants, sorted, without duplicates.
  std::vector<access::OrganisationId> organisations() const;
  SituationAction* find_action(std::int64_t action_id);

  friend bool operator==(const Situation&, const Situation&) = default;
};

// The fields a stage fills, by name ("behaviour", "place", "since", "triangle",
// "action_plan", "assessment"); the pages show them as the stage's questions.
std::vector<std::string_view> stage_fields(Stage stage);

// What is still empty before `situation` may leave its stage: scanning needs the
// behaviour and a place (area or address); analysis the triangle's offender, target
// and place; response an action plan or at least one action. Empty when ready;
// assessment is the last stage and answers {"last_stage"}.
std::vector<std::string> missing_for_next(const Situation& situation);

// Fails with "invalid_input" naming the field: title 1..200 bytes; behaviour up to
// 4000; other texts up to 2000; latitude -90..90 and longitude -180..180, both or
// neither; an owner; dates YYYY-MM-DD; every action owned by an involved
// organisation with a description; every voice 1..500 bytes with a date and an
// involved organisation; goals of involved organisations, one each.
Result<void> check_situation(const Situation& situation);

// True for a well-formed calendar date "YYYY-MM-DD".
bool is_iso_date(std::string_view text);

}  // namespace tafel::situations
