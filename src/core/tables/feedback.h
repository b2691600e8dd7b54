#pragma once
// The feedback form (terugkoppelingsfiche): what a table tells a police or
// prosecution organisation after a meeting — which agenda items it concerns, what
// the table decided or advises, and which categories of information it carries.
//
// States:
//   draft            -- the chair writes it;
//   awaiting_consent -- submitted: every organisation that attended the meeting
//                       answers for itself (consent or refuse);
//   sent             -- every attending organisation consented and the sharing
//                       engine permitted the disclosure for each of them as origin;
//   blocked          -- an organisation refused, or the engine denied (for instance
//                       use_restricted: what was shared under the table's secrecy
//                       does not leave the table's finality).
// Sent and blocked are final: a new form is a new draft.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"
#include "core/sharing/explanation.h"
#include "core/sharing/vocabulary.h"

namespace tafel::tables {

struct Meeting;

enum class FeedbackState : std::uint8_t { draft, awaiting_consent, sent, blocked };
// "draft", "awaiting_consent", "sent", "blocked".
std::string_view name_of(FeedbackState state);
std::optional<FeedbackState> parse_feedback_state(std::string_view text);

// One organisation's answer to a submitted form.
struct FeedbackAnswer {
  access::OrganisationId organisation = 0;
  access::UserId user = 0;
  bool consent = false;
  std::int64_t at_us = 0;
};

// What the engine permitted for one origin organisation: the ground and, for the
// agreement ground, "agreement/rule" (the audit trail records the same).
struct FeedbackDisclosure {
  access::OrganisationId origin = 0;
  std::string ground;
  std::string rule;
};

struct FeedbackForm {
  std::int64_t id = 0;
  access::OrganisationId recipient = 0;  // a police or prosecution organisation
  std::vector<std::int64_t> item_ids;    // agenda items of the meeting it concerns
  std::string text;                      // what the table decided or advises
  sharing::CategorySet categories;       // the information it carries
  sharing::Purpose purpose = sharing::Purpose::coordination;  // what the recipient will use it for
  FeedbackState state = FeedbackState::draft;
  access::UserId drafted_by = 0;
  std::vector<FeedbackAnswer> answers;  // in the order given
  std::vector<FeedbackDisclosure> disclosures;  // when sent: per origin organisation
  // When blocked: "refused" (an organisation refused) or "not_shared" (the engine
  // denied), the organisation concerned, and for "not_shared" the engine's
  // explanation with organisations named (render with i18n/sharing_explanation.h).
  std::string blocked_reason;
  access::OrganisationId blocked_by = 0;
  sharing::Explanation explanation;
  std::int64_t sent_at_us = 0;
};

// Checks the fields against `meeting`: at least one item, every item on the
// meeting's agenda, text 1..4000 bytes (line breaks allowed), at least one category,
// a recipient. Fails with "invalid_input".
Result<void> check_feedback(const FeedbackForm& form, const Meeting& meeting);

// draft -> awaiting_consent. Fails with "feedback_not_draft", or "no_attendance"
// when nobody attended (there is nobody to consent).
Result<void> submit_feedback(FeedbackForm& form, const std::vector<access::OrganisationId>& attending);

// Records `answer`. A refusal blocks the form at once. Returns true when every
// organisation in `attending` has now consented (the engine is asked next). Fails
// with "feedback_not_awaiting", "not_attending" or "already_answered".
Result<bool> answer_feedback(FeedbackForm& form, const FeedbackAnswer& answer,
                             const std::vector<access::OrganisationId>& attending);

// The attending organisations that have not answered yet.
std::vector<access::OrganisationId> pending_answers(const FeedbackForm& form,
                                                    const std::vector<access::OrganisationId>& attending);

}  // namespace tafel::tables
