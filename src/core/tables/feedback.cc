#include "core/tables/feedback.h"

#include <algorithm>

#include "core/tables/meeting.h"
#include "core/tables/text_rules.h"

namespace tafel::tables {

namespace {
constexpr std::string_view kStateNames[] = {"draft", "awaiting_consent", "sent", "blocked"};

bool answered(const FeedbackForm& form, access::OrganisationId organisation) {
  return std::any_of(form.answers.begin(), form.answers.end(),
                     [&](const FeedbackAnswer& a) { return a.organisation == organisation; });
}
}  // namespace

std::string_view name_of(FeedbackState state) { return kStateNames[static_cast<std::size_t>(state)]; }

std::optional<FeedbackState> parse_feedback_state(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kStateNames); ++i) {
    if (kStateNames[i] == text) return static_cast<FeedbackState>(i);
  }
  return std::nullopt;
}

Result<void> check_feedback(const FeedbackForm& form, const Meeting& meeting) {
  if (form.recipient <= 0) return fail("invalid_input", "recipient is required");
  if (form.item_ids.empty()) return fail("invalid_input", "items: choose at least one agenda item");
  for (auto id : form.item_ids) {
    if (!meeting.find_item(id)) return fail("invalid_input", "items: not an item of this meeting");
  }
  if (auto ok = check_text("text", form.text, 1, 4000, true); !ok) return ok;
  if (form.categories.empty()) return fail("invalid_input", "categories: choose at least one category");
  return {};
}

Result<void> submit_feedback(FeedbackForm& form, const std::vector<access::OrganisationId>& attending) {
  if (form.state != FeedbackState::draft) return fail("feedback_not_draft", "this feedback form was already submitted");
  if (attending.empty()) return fail("no_attendance", "record the attendance before asking for consent");
  form.state = FeedbackState::awaiting_consent;
  return {};
}

Result<bool> answer_feedback(FeedbackForm& form, const FeedbackAnswer& answer,
                             const std::vector<access::OrganisationId>& attending) {
  if (form.state != FeedbackState::awaiting_consent) {
    return fail("feedback_not_awaiting", "this feedback form is not awaiting consent");
  }
  if (std::find(attending.begin(), attending.end(), answer.organisation) == attending.end()) {
    return fail("not_attending", "only organisations that attended the meeting answer");
  }
  if (answered(form, answer.organisation)) return fail("already_answered", "your organisation already answered");
  form.answers.push_back(answer);
  if (!answer.consent) {
    form.state = FeedbackState::blocked;
    form.blocked_reason = "refused";
    form.blocked_by = answer.organisation;
    return false;
  }
  return pending_answers(form, attending).empty();
}

std::vector<access::OrganisationId> pending_answers(const FeedbackForm& form,
                                                    const std::vector<access::OrganisationId>& attending) {
  std::vector<access::OrganisationId> out;
  for (auto org : attending) {
    if (!answered(form, org)) out.push_back(org);
  }
  return out;
}

}  // namespace tafel::tables
