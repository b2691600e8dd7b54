#pragma once
// The store port of the reference index (issue 15, points 1, 3 and 4; SQL:
// storage/index/sql_index_store.h, migration 0024). It holds signals as the index
// knows them (a keyed number hash and/or a CLK with its blocking keys, never an
// identity in clear) and the matches between signals of different organisations.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/user.h"
#include "core/index/clk_index.h"
#include "core/result.h"

namespace tafel::app::index {

namespace core_index = ::tafel::index;

// The ground of a signal: the person's consent (from the consent registry) or a
// statutory basis configured for the index (IndexSettings::statutory_bases).
enum class GroundKind : std::uint8_t { consent, statute };
// active: matched and notified; inactive (after the active period): still matched by
// new parties, but its own contact point gets no new notices.
enum class SignalState : std::uint8_t { active, inactive };
enum class Certainty : std::uint8_t { certain, possible };
enum class Answer : std::uint8_t { pending, confirmed, rejected };

std::string_view name_of(GroundKind kind);
std::string_view name_of(SignalState state);
std::string_view name_of(Certainty certainty);
std::string_view name_of(Answer answer);
std::optional<GroundKind> parse_ground_kind(std::string_view text);
std::optional<SignalState> parse_signal_state(std::string_view text);
std::optional<Certainty> parse_certainty(std::string_view text);
std::optional<Answer> parse_answer(std::string_view text);

struct StoredSignal {
  std::int64_t id = 0;
  access::OrganisationId organisation = 0;
  std::int64_t contact_point = 0;
  access::UserId registered_by = 0;
  std::string since;  // YYYY-MM-DD: involved since
  GroundKind ground = GroundKind::consent;
  std::int64_t consent_id = 0;  // with GroundKind::consent
  std::string statute;          // with GroundKind::statute: a key of the configured list
  std::string number_hash;      // hex keyed hash of the national number; empty: none
  std::optional<core_index::Encoding> encoding;  // CLK and blocking keys; none: number only
  SignalState state = SignalState::active;
  std::int64_t created_at_us = 0;
  std::int64_t inactive_at_us = 0;  // active until then
  std::int64_t delete_at_us = 0;    // deleted then
};

// A match between two signals of different organisations; a was registered first.
struct StoredMatch {
  std::int64_t id = 0;
  std::int64_t signal_a = 0;
  std::int64_t signal_b = 0;
  Certainty certainty = Certainty::possible;
  int score_permille = 0;
  Answer answer_a = Answer::pending;
  Answer answer_b = Answer::pending;
  std::int64_t created_at_us = 0;
};

class IndexStore {
 public:
  virtual ~IndexStore() = default;

  // Stores `signal` (its id is ignored); returns the new id.
  virtual Result<std::int64_t> add_signal(const StoredSignal& signal) = 0;
  virtual Result<std::optional<StoredSignal>> find_signal(std::int64_t id) = 0;
  // The signals of `organisation`, newest first, without their encodings.
  virtual Result<std::vector<StoredSignal>> signals_of(access::OrganisationId organisation) = 0;
  // Deletes the signal and its matches; false when there was none.
  virtual Result<bool> remove_signal(std::int64_t id) = 0;

  // The signals of organisations other than `except` with number hash `hash`.
  virtual Result<std::vector<StoredSignal>> with_number(const std::string& hash,
                                                        access::OrganisationId except) = 0;
  // The signals of organisations other than `except` that share a block with `keys`
  // (each once), with their encodings.
  virtual Result<std::vector<StoredSignal>> in_blocks(const core_index::BlockingKeys& keys,
                                                      access::OrganisationId except) = 0;

  // Stores `match` (its id is ignored); returns the new id.
  virtual Result<std::int64_t> add_match(const StoredMatch& match) = 0;
  virtual Result<std::optional<StoredMatch>> find_match(std::int64_t id) = 0;
  // The matches one of whose signals belongs to `organisation`, newest first.
  virtual Result<std::vector<StoredMatch>> matches_of(access::OrganisationId organisation) = 0;
  // Sets the answer of side a (`side_a`) or b.
  virtual Result<void> set_answer(std::int64_t match, bool side_a, Answer answer) = 0;

  // Retention: active signals whose inactive_at is at or before `now_us` become
  // inactive; signals whose delete_at is at or before `now_us` are deleted (with
  // their matches). Each returns the ids it changed.
  virtual Result<std::vector<std::int64_t>> deactivate_due(std::int64_t now_us) = 0;
  virtual Result<std::vector<std::int64_t>> delete_due(std::int64_t now_us) = 0;
};

}  // namespace tafel::app::index
