#pragma once
// The feedback form (terugkoppelingsfiche): what a table tells a police or
// prosecution organisation after a meeting — which agenda items it concerns, what
// the table decided or advises, and which categories of information it carries.
//
// States:
//   draft            -- the chair writes it;
//   awaiting_consent -- submitted: the consenting organisations, fixed at
//                       submission (who attended, and the owners of the items the
//                       form draws on), answer each for itself (consent or refuse);
//   sent             -- every consenting organisation consented and the sharing
//                       engine permitted the disclosure for every origin
//                       organisation (at least one decision: never none);
//   blocked          -- an organisation refused, the engine denied (for instance
//                       use_restricted: what was shared under the table's secrecy
//                       does not leave the table's finality), or there was no
//                       origin to decide for ("no_decision").
// Sent and blocked are final: a new form is a new draft. Attendance is frozen when
// the meeting closes, and consent and decisions never read the attendance after
// submission: rewriting who was present cannot remove an owner's say.

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
struct Table;

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

  bool operator==(const FeedbackAnswer&) const = default;
};

// What the engine permitted for one origin organisation: the ground and, for the
// agreement ground, "agreement/rule" (the audit trail records the same).
struct FeedbackDisclosure {
  access::OrganisationId origin = 0;
  std::string ground;
  std::string rule;

  bool operator==(const FeedbackDisclosure&) const = default;
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
  // Fixed at submission: the organisations whose consent the form needs. Empty
  // while a draft.
  std::vector<access::OrganisationId> consenters;
  std::vector<FeedbackAnswer> answers;  // in the order given
  std::vector<FeedbackDisclosure> disclosures;  // when sent: per origin organisation
  // When blocked: "refused" (an organisation refused), "not_shared" (the engine
  // denied) or "no_decision" (no origin organisation to decide for: nothing leaves
  // without a decision), the organisation concerned (0 for "no_decision"), and for
  // "not_shared" the engine's explanation with organisations named (render with
  // i18n/sharing_explanation.h).
  std::string blocked_reason;
  access::OrganisationId blocked_by = 0;
  sharing::Explanation explanation;
  std::int64_t sent_at_us = 0;

  bool operator==(const FeedbackForm&) const = default;
};

// Checks the fields against `meeting`: at least one item, every item on the
// meeting's agenda, text 1..4000 bytes (line breaks allowed), at least one category,
// a recipient. Fails with "invalid_input".
Result<void> check_feedback(const FeedbackForm& form, const Meeting& meeting);

// The meeting as the feedback rules below read it: `meeting` with, added to its
// agenda, every case item of the table's other meetings. What was shared under the
// table's secrecy in an earlier meeting may travel in the free text of any later
// form, so a form drafted in a meeting without cases is still under secrecy, and the
// owners of those cases still consent and are decided for (issue 11, point 2).
Meeting feedback_scope(const Table& table, const Meeting& meeting);

// True when what the form says may rest on what was shared under the table's
// secrecy: the meeting has a case item and not every linked item is a situation
// item. Free text can carry a case's details whatever item it is linked to, so only
// a form wholly about situations escapes (the engine then applies the onward-use
// restriction of case consultation: use_restricted).
bool feedback_under_secrecy(const FeedbackForm& form, const Meeting& meeting);

// The organisations whose knowledge the form draws on: the owners of its linked
// items and, when it is under secrecy, the owners of every case item of the
// meeting. In agenda order, each once.
std::vector<access::OrganisationId> feedback_sources(const FeedbackForm& form, const Meeting& meeting);

// draft -> awaiting_consent, fixing form.consenters: the organisations attending
// `meeting` now, then the sources not attending. Fails with "feedback_not_draft",
// or "no_attendance" when nobody attended.
Result<void> submit_feedback(FeedbackForm& form, const Meeting& meeting);

// Records `answer`. A refusal blocks the form at once. Returns true when every
// consenter has now consented (the engine is asked next). Fails with
// "feedback_not_awaiting", "not_attending" (not a consenter) or "already_answered".
Result<bool> answer_feedback(FeedbackForm& form, const FeedbackAnswer& answer);

// The consenters that have not answered yet.
std::vector<access::OrganisationId> pending_answers(const FeedbackForm& form);

// The organisations the sharing engine must decide for, as origin of the
// disclosure: every consenter and every source, except the recipient (its own
// knowledge does not travel). In that order, each once.
std::vector<access::OrganisationId> feedback_origins(const FeedbackForm& form, const Meeting& meeting);

// What the engine decided for one origin organisation.
struct FeedbackDecision {
  access::OrganisationId origin = 0;
  bool permit = false;
  std::string ground;
  std::string rule;  // "agreement/rule" when an agreement rule permitted
  sharing::Explanation explanation;
};

// Settles a form every consenter consented to, from the engine's `decisions` (one
// per origin, in order; asking stops at the first refusal): sent at `at_us` with
// the disclosures when there is at least one decision and all permit; blocked
// "not_shared" by the refusing origin, with its explanation; blocked "no_decision"
// when there is no decision at all.
void settle_feedback(FeedbackForm& form, const std::vector<FeedbackDecision>& decisions, std::int64_t at_us);

}  // namespace tafel::tables
