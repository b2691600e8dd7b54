#pragma once
// A review by the data-protection officer (the DPO review queue, issue 12 point 6):
// generic over what is reviewed (a state-of-necessity report, a contribution shared
// under the dpo_review obligation...), named by `kind` and `subject`. The DPO of the
// organisation concerned accepts it, or asks a question that the author answers, then
// accepts or records "not accepted" with a reason. Pure: state and transitions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"

namespace tafel::necessity {

enum class ReviewState : std::uint8_t { pending, question, answered, accepted, not_accepted };

std::string_view name_of(ReviewState state);
std::optional<ReviewState> parse_review_state(std::string_view text);

// One step of the exchange: "question", "answer", "accepted" or "not_accepted" (its
// text is the reason).
struct ReviewStep {
  std::string kind;
  access::UserId by = 0;
  std::string text;
  std::int64_t at_us = 0;
};

struct Review {
  std::int64_t id = 0;
  std::string kind;          // "necessity_report", "contribution", ...
  std::int64_t subject = 0;  // the id of the record reviewed, in its own area
  access::OrganisationId organisation = 0;  // whose DPO reviews it
  access::UserId author = 0;                // who answers the DPO's questions
  std::string summary;                      // one line for the queue
  ReviewState state = ReviewState::pending;
  std::vector<ReviewStep> steps;
  std::int64_t version = 0;  // optimistic concurrency in the store
  std::int64_t created_at_us = 0;

  // Still waiting for the DPO's conclusion (pending, question or answered).
  bool open() const;
};

// Checks a new review: kind 1..40 of [a-z_], subject > 0, organisation > 0, author
// > 0, summary 1..300 bytes without control characters. Fails with "invalid_input".
Result<void> check_new_review(const Review& review);

// The transitions. Texts are 1..5000 bytes (line breaks allowed); each fails with
// "invalid_input" for a bad text and "review_closed" / "no_question" for a step the
// state does not allow.
// The DPO asks a question (an open review; a follow-up question is allowed).
Result<void> ask(Review& review, access::UserId dpo, std::string text, std::int64_t at_us);
// The author answers the open question.
Result<void> answer(Review& review, access::UserId author, std::string text, std::int64_t at_us);
// The DPO accepts an open review.
Result<void> accept(Review& review, access::UserId dpo, std::int64_t at_us);
// The DPO does not accept an open review, with the reason.
Result<void> not_accept(Review& review, access::UserId dpo, std::string reason, std::int64_t at_us);

}  // namespace tafel::necessity
