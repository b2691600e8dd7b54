// What happens in a meeting: attendance, acknowledging the secrecy text, reading a
// case item's details (through the sharing engine), decisions and actions, items
// carried over to the next meeting and items an organisation declines to share.

#include <algorithm>

#include "app/authorization.h"
#include "app/tables/table_service.h"
#include "app/tables/table_service_internal.h"
#include "core/sharing/policy.h"
#include "core/tables/text_rules.h"

namespace tafel::app::tables {

using namespace tafel::tables;
using namespace internal;
using core::audit::Action;
using core::audit::Outcome;

// --- in the meeting ---------------------------------------------------------

Result<void> TableService::record_attendance(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                             access::UserId user, access::OrganisationId organisation,
                                             Presence presence) {
  return change<void>(caller, table_id, TableAction::run_meeting, [&](Table& t) -> Result<void> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    // Closed is closed: consent to feedback forms and the minutes' approval rest on
    // who was there (issue 11, point 2).
    if (auto ok = check_attendance_open(**m); !ok) return ok;
    if ((*m)->minutes.frozen()) return fail("minutes_frozen", "the minutes of this meeting are frozen");
    if (!t.is_member(organisation) || user <= 0) {
      return fail("invalid_input", "attendees come from member organisations");
    }
    if (const Delegate* d = t.delegate(user); d && d->organisation != organisation) {
      return fail("invalid_input", "this delegate sits for another organisation");
    }
    auto& list = (*m)->attendance;
    auto it = std::find_if(list.begin(), list.end(), [&](const Attendance& a) { return a.user == user; });
    if (it == list.end()) {
      list.push_back({organisation, user, presence});
    } else {
      it->organisation = organisation;
      it->presence = presence;
    }
    return {};
  });
}

Result<int> TableService::acknowledge_secrecy(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id) {
  return change<int>(caller, table_id, TableAction::acknowledge_secrecy, [&](Table& t) -> Result<int> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    int version = t.secrecy_version();
    if (version == 0) return fail("no_secrecy_text", "this table has no secrecy text yet");
    if (!(*m)->acknowledged(caller.principal.user_id, version)) {
      (*m)->acknowledgements.push_back(
          {caller.principal.user_id, caller.principal.organisation_id, version, micros(clock_.now())});
    }
    return version;
  });
}

// May the owner of a case item disclose its personal details to the caller's
// organisation, at this table, in this meeting? A disclosure decision like any other,
// so it is taken in the one world (directory, agreements, the table as stored: its
// basis only once approved). Ground case_consultation (art. 458ter Sw.), claimed, so
// the engine checks exactly the table's conditions: an open meeting, a sufficient
// basis, the finality, both organisations members, both acknowledged. The person is
// one tafel keeps no case for: a case item is not a case of the case register.
static bool case_consultation_permits(const decisions::CompiledWorld& world, const Table& table,
                                      const Meeting& meeting, const AgendaItem& item,
                                      access::OrganisationId recipient, std::int64_t at_us) {
  auto actor = world.organisation(item.owner_organisation);
  auto to = world.organisation(recipient);
  auto table_index = world.table(table.id);
  if (!actor || !to || !table_index) return false;

  sharing::Request request;
  request.actor = *actor;
  request.recipient = *to;
  request.subject = world.unknown_person;
  request.categories = {sharing::Category::identity, sharing::Category::involvement};
  request.purpose = sharing::Purpose::integrity;
  table.finality.for_each([&](sharing::Purpose p) {
    if (p == sharing::Purpose::integrity || p == sharing::Purpose::terrorism_prevention ||
        p == sharing::Purpose::criminal_organisation_prevention) {
      request.purpose = p;
    }
  });
  request.ground = sharing::Ground::case_consultation;
  request.context = world.context(table.id, meeting.status == MeetingStatus::open,
                                  meeting.acknowledged_organisations(table.secrecy_version()));
  request.at = at_us;

  if (!world.policy.validate(request)) return false;
  return world.policy.decide(request).permit;
}

Result<std::int64_t> TableService::case_of_item(const Caller& caller, std::int64_t table_id,
                                                std::int64_t meeting_id, std::int64_t item_id) {
  auto t = load(table_id);
  if (!t) return tl::unexpected(t.error());
  std::string object = std::to_string(table_id) + "/" + std::to_string(meeting_id) + "/" + std::to_string(item_id);
  auto refuse = [&](Error error) -> Result<std::int64_t> {
    if (auto ok = audit(caller, Action::view, "table_case_item", object, Outcome::denied, "case_consultation"); !ok) {
      return tl::unexpected(ok.error());
    }
    return tl::unexpected(std::move(error));
  };
  if (auto ok = allowed(caller, TableAction::view_case_details, *t); !ok) return refuse(ok.error());
  const Meeting* meeting = t->find_meeting(meeting_id);
  const AgendaItem* item = meeting ? meeting->find_item(item_id) : nullptr;
  if (!item || item->kind != ItemKind::case_item) return fail("not_found", "no such case item");
  if (!t->cases_open()) {
    return refuse(Error{"basis_not_approved", "case details are shown once the table's legal basis is approved"});
  }
  if (meeting->status != MeetingStatus::open) {
    return refuse(Error{"meeting_not_open", "case details are shown only while the meeting is in progress"});
  }
  if (!meeting->is_present(caller.principal.user_id)) {
    return refuse(Error{"not_present", "case details are shown only to attendees who are present"});
  }
  if (!meeting->acknowledged(caller.principal.user_id, t->secrecy_version())) {
    return refuse(Error{"secrecy_not_acknowledged", "acknowledge the table's secrecy text first"});
  }
  if (!world_) return refuse(Error{"sharing_unavailable", "case details need the sharing engine's world"});
  auto world = world_->current();
  if (!world) return tl::unexpected(world.error());
  if (!case_consultation_permits(**world, *t, *meeting, *item, caller.principal.organisation_id,
                                 micros(clock_.now()))) {
    return refuse(Error{"not_shared", "the sharing rules do not allow these details to be shown to you"});
  }
  if (auto ok = audit(caller, Action::view, "table_case_item", object, Outcome::success, "case_consultation"); !ok) {
    return tl::unexpected(ok.error());
  }
  return item->case_id;
}

Result<MeetingDecision> TableService::add_decision(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                                   std::int64_t item_id, std::string text) {
  return change<MeetingDecision>(caller, table_id, TableAction::run_meeting, [&](Table& t) -> Result<MeetingDecision> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    if ((*m)->status != MeetingStatus::open) return fail("meeting_not_open", "decisions are taken in an open meeting");
    if (item_id != 0 && !(*m)->find_item(item_id)) return fail("not_found", "no such agenda item");
    if (auto ok = check_text("text", text, 1, 2000, true); !ok) return tl::unexpected(ok.error());
    MeetingDecision d{t.take_id(), item_id, std::move(text)};
    (*m)->decisions.push_back(d);
    return d;
  });
}

Result<ActionItem> TableService::add_action(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                            ActionItem action) {
  return change<ActionItem>(caller, table_id, TableAction::run_meeting, [&](Table& t) -> Result<ActionItem> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    if ((*m)->status != MeetingStatus::open) return fail("meeting_not_open", "actions are agreed in an open meeting");
    if (action.item_id != 0 && !(*m)->find_item(action.item_id)) return fail("not_found", "no such agenda item");
    if (!t.is_member(action.owner_organisation)) {
      return fail("invalid_input", "the owner must be of a member organisation");
    }
    action.meeting_id = meeting_id;
    action.status = ActionStatus::open;
    action.done_on.clear();
    if (auto ok = check_action_item(action); !ok) return tl::unexpected(ok.error());
    action.id = t.take_id();
    t.actions.push_back(action);
    return action;
  });
}

Result<ActionItem> TableService::set_action_status(const Caller& caller, std::int64_t table_id, std::int64_t action_id,
                                                   ActionStatus status) {
  auto t = load(table_id);
  if (!t) return tl::unexpected(t.error());
  ActionItem* action = t->find_action(action_id);
  if (!action) return fail("not_found", "no such action");
  TableStanding standing = standing_at(*t, caller.principal.user_id, caller.principal.organisation_id);
  standing.owns_record = action->owner_user == caller.principal.user_id;
  if (auto ok = authorize(who(caller), TableAction::update_action, standing); !ok) return tl::unexpected(ok.error());
  action->status = status;
  action->done_on = status == ActionStatus::done ? today() : std::string();
  ActionItem copy = *action;
  // The saved table and its audit entry commit together, as in change().
  auto saved = transactions_.run([&]() -> Result<void> {
    if (auto stored = store_.update(std::move(*t)); !stored) return tl::unexpected(stored.error());
    return audit(caller, Action::update, "table", std::to_string(table_id), Outcome::success);
  });
  if (!saved) return tl::unexpected(saved.error());
  return copy;
}

// --- carried over -----------------------------------------------------------

Result<void> TableService::mark_carry_over(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                           std::int64_t item_id, bool carry) {
  return change<void>(caller, table_id, TableAction::run_meeting, [&](Table& t) -> Result<void> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    if ((*m)->status != MeetingStatus::open) return fail("meeting_not_open", "items are carried over from an open meeting");
    AgendaItem* item = (*m)->find_item(item_id);
    if (!item) return fail("not_found", "no such agenda item");
    item->carry_over = carry;
    return {};
  });
}

Result<CarryOverResult> TableService::carry_over(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id) {
  return change<CarryOverResult>(caller, table_id, TableAction::run_meeting, [&](Table& t) -> Result<CarryOverResult> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    if ((*m)->status != MeetingStatus::closed) {
      return fail("meeting_not_closed", "items are carried over when the meeting is closed");
    }
    return tafel::tables::carry_over(t, meeting_id);
  });
}

// --- declined to share ------------------------------------------------------

namespace {
std::string item_object(std::int64_t table_id, std::int64_t meeting_id, std::int64_t item_id,
                        access::OrganisationId organisation) {
  return std::to_string(table_id) + "/" + std::to_string(meeting_id) + "/" + std::to_string(item_id) + "/" +
         std::to_string(organisation);
}
}  // namespace

Result<void> TableService::decline_to_share(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                            std::int64_t item_id, DeclineReason reason) {
  // The saved table, its update entry and the table_declined entry commit together
  // (change() joins this unit).
  return transactions_.run([&]() -> Result<void> {
    auto done = change<void>(caller, table_id, TableAction::decline_to_share, [&](Table& t) -> Result<void> {
      auto m = meeting_in(t, meeting_id);
      if (!m) return tl::unexpected(m.error());
      return tafel::tables::decline_to_share(
          **m, DeclinedToShare{item_id, caller.principal.organisation_id, caller.principal.user_id, reason,
                               micros(clock_.now())});
    });
    if (!done) return done;
    // The reason code is in the rule field: a code of a closed list, never free text.
    core::audit::Entry e;
    e.actor = std::to_string(caller.principal.user_id);
    e.organisation = std::to_string(caller.principal.organisation_id);
    e.action = Action::create;
    e.object_type = "table_declined";
    e.object_id = item_object(table_id, meeting_id, item_id, caller.principal.organisation_id);
    e.rule = "declined:" + std::string(name_of(reason));
    e.outcome = Outcome::success;
    if (auto r = audit_.record(std::move(e), caller.origin); !r) return tl::unexpected(r.error());
    return {};
  });
}

Result<void> TableService::withdraw_declined(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                             std::int64_t item_id) {
  return transactions_.run([&]() -> Result<void> {
    auto done = change<void>(caller, table_id, TableAction::decline_to_share, [&](Table& t) -> Result<void> {
      auto m = meeting_in(t, meeting_id);
      if (!m) return tl::unexpected(m.error());
      return tafel::tables::withdraw_declined(**m, item_id, caller.principal.organisation_id);
    });
    if (!done) return done;
    return audit(caller, Action::remove, "table_declined",
                 item_object(table_id, meeting_id, item_id, caller.principal.organisation_id), Outcome::success);
  });
}

}  // namespace tafel::app::tables
