#include "core/tables/feedback.h"

#include <algorithm>

#include "core/tables/meeting.h"
#include "core/tables/table.h"
#include "core/tables/text_rules.h"

namespace tafel::tables {

namespace {
constexpr std::string_view kStateNames[] = {"draft", "awaiting_consent", "sent", "blocked"};

void add_once(std::vector<access::OrganisationId>& list, access::OrganisationId org) {
  if (std::find(list.begin(), list.end(), org) == list.end()) list.push_back(org);
}

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

Meeting feedback_scope(const Table& table, const Meeting& meeting) {
  Meeting scope = meeting;
  for (const auto& other : table.meetings) {
    if (other.id == meeting.id) continue;
    for (const auto& item : other.agenda) {
      if (item.kind == ItemKind::case_item && !scope.find_item(item.id)) scope.agenda.push_back(item);
    }
  }
  return scope;
}

bool feedback_under_secrecy(const FeedbackForm& form, const Meeting& meeting) {
  const bool has_case = std::any_of(meeting.agenda.begin(), meeting.agenda.end(),
                                    [](const AgendaItem& i) { return i.kind == ItemKind::case_item; });
  if (!has_case) return false;
  const bool only_situations = !form.item_ids.empty() &&
                               std::all_of(form.item_ids.begin(), form.item_ids.end(), [&](std::int64_t id) {
                                 const AgendaItem* i = meeting.find_item(id);
                                 return i && i->kind == ItemKind::situation;
                               });
  return !only_situations;
}

std::vector<access::OrganisationId> feedback_sources(const FeedbackForm& form, const Meeting& meeting) {
  const bool secrecy = feedback_under_secrecy(form, meeting);
  std::vector<access::OrganisationId> out;
  for (const auto& i : meeting.agenda) {
    const bool linked = std::find(form.item_ids.begin(), form.item_ids.end(), i.id) != form.item_ids.end();
    if ((linked || (secrecy && i.kind == ItemKind::case_item)) && i.owner_organisation > 0) {
      add_once(out, i.owner_organisation);
    }
  }
  return out;
}

Result<void> submit_feedback(FeedbackForm& form, const Meeting& meeting) {
  if (form.state != FeedbackState::draft) return fail("feedback_not_draft", "this feedback form was already submitted");
  auto consenters = meeting.attending_organisations();
  if (consenters.empty()) return fail("no_attendance", "record the attendance before asking for consent");
  for (auto org : feedback_sources(form, meeting)) add_once(consenters, org);
  form.consenters = std::move(consenters);
  form.state = FeedbackState::awaiting_consent;
  return {};
}

Result<bool> answer_feedback(FeedbackForm& form, const FeedbackAnswer& answer) {
  if (form.state != FeedbackState::awaiting_consent) {
    return fail("feedback_not_awaiting", "this feedback form is not awaiting consent");
  }
  if (std::find(form.consenters.begin(), form.consenters.end(), answer.organisation) == form.consenters.end()) {
    return fail("not_attending", "only the organisations asked for consent answer");
  }
  if (answered(form, answer.organisation)) return fail("already_answered", "your organisation already answered");
  form.answers.push_back(answer);
  if (!answer.consent) {
    form.state = FeedbackState::blocked;
    form.blocked_reason = "refused";
    form.blocked_by = answer.organisation;
    return false;
  }
  return pending_answers(form).empty();
}

std::vector<access::OrganisationId> pending_answers(const FeedbackForm& form) {
  std::vector<access::OrganisationId> out;
  for (auto org : form.consenters) {
    if (!answered(form, org)) out.push_back(org);
  }
  return out;
}

std::vector<access::OrganisationId> feedback_origins(const FeedbackForm& form, const Meeting& meeting) {
  std::vector<access::OrganisationId> out;
  for (auto org : form.consenters) {
    if (org != form.recipient) add_once(out, org);
  }
  for (auto org : feedback_sources(form, meeting)) {
    if (org != form.recipient) add_once(out, org);
  }
  return out;
}

void settle_feedback(FeedbackForm& form, const std::vector<FeedbackDecision>& decisions, std::int64_t at_us) {
  form.disclosures.clear();
  if (decisions.empty()) {
    form.state = FeedbackState::blocked;
    form.blocked_reason = "no_decision";
    form.blocked_by = 0;
    return;
  }
  for (const auto& d : decisions) {
    if (!d.permit) {
      form.state = FeedbackState::blocked;
      form.blocked_reason = "not_shared";
      form.blocked_by = d.origin;
      form.explanation = d.explanation;
      return;
    }
  }
  form.state = FeedbackState::sent;
  form.sent_at_us = at_us;
  for (const auto& d : decisions) form.disclosures.push_back({d.origin, d.ground, d.rule});
}

}  // namespace tafel::tables
