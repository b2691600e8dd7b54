#include <algorithm>

#include "app/tables/table_service.h"
#include "app/tables/table_service_internal.h"
#include "core/sharing/explanation.h"
#include "core/sharing/policy.h"

// The feedback-form use cases of TableService (issue 6 point 5; issue 11 point 2):
// drafting, submitting, consent, the sharing engine's decisions and reading.

namespace tafel::app::tables {

using namespace tafel::tables;
using namespace internal;
using core::audit::Action;
using core::audit::Outcome;

// --- feedback forms ---------------------------------------------------------

namespace {

std::string feedback_object(std::int64_t table_id, std::int64_t meeting_id, std::int64_t feedback_id) {
  return std::to_string(table_id) + "/" + std::to_string(meeting_id) + "/" + std::to_string(feedback_id);
}

// Asks the sharing engine, for each origin organisation of the form (core:
// feedback_origins: the consenters fixed at submission and the owners of the items
// it draws on, never the current attendance), whether it may disclose the form's
// categories to the recipient for the form's purpose. When the form is under
// secrecy (core: feedback_under_secrecy), what it says may have been shared under
// the table's secrecy: the origin is case_consultation at this table, so the
// engine's onward-sharing check applies (use_restricted outside its finality or
// members). The person a personal form is about is one tafel keeps no case for
// (cases are not on forms). No ground is claimed: the engine tries its default order.
// Stops at the first refusal.
Result<std::vector<FeedbackDecision>> decide_feedback(const Table& table, const Meeting& meeting,
                                                    const FeedbackForm& form, const decisions::CompiledWorld& world,
                                                    std::int64_t at_us) {
  auto recipient = world.organisation(form.recipient);
  if (!recipient) return fail("invalid_input", "the recipient is not an organisation of the directory");
  auto table_index = world.table(table.id);
  if (!table_index) return fail("invalid_input", "the table is not in the sharing world");
  const bool personal = !sharing::CategorySet{sharing::Category::aggregate}.covers(form.categories);
  const Meeting scope = feedback_scope(table, meeting);
  const bool under_secrecy = feedback_under_secrecy(form, scope);

  std::vector<FeedbackDecision> out;
  for (auto org : feedback_origins(form, scope)) {
    FeedbackDecision d;
    d.origin = org;
    auto actor = world.organisation(org);
    if (!actor) return fail("invalid_input", "an origin organisation is not in the directory");
    sharing::Request r;
    r.actor = *actor;
    r.recipient = *recipient;
    if (personal) r.subject = world.unknown_person;
    r.categories = form.categories;
    r.purpose = form.purpose;
    if (under_secrecy) r.origin = sharing::Origin{sharing::Ground::case_consultation, *table_index};
    r.at = at_us;
    if (auto ok = world.policy.validate(r); !ok) return tl::unexpected(ok.error());
    sharing::Decision decision = world.policy.decide(r);
    d.permit = decision.permit;
    if (decision.ground) d.ground = std::string(sharing::name_of(*decision.ground));
    d.rule = world.rule_of(decision);
    d.explanation = world.explain(r, decision);
    out.push_back(std::move(d));
    if (!decision.permit) break;  // the first refusal blocks the form
  }
  return out;
}

bool police_or_prosecution(const decisions::CompiledWorld& world, access::OrganisationId id) {
  auto i = world.organisation(id);
  if (!i) return false;
  auto sector = world.policy.world().organisations[*i].sector;
  return sector == sharing::Sector::police || sector == sharing::Sector::prosecution;
}

FeedbackRef ref_of(const Table& t, const Meeting& m, const FeedbackForm& f) {
  FeedbackRef ref;
  ref.table_id = t.id;
  ref.table_name = t.name;
  ref.meeting_id = m.id;
  ref.meeting_start = m.local_start;
  for (auto id : f.item_ids) {
    if (const AgendaItem* i = m.find_item(id)) ref.items.emplace_back(id, i->title);
  }
  ref.attending = f.state == FeedbackState::draft ? m.attending_organisations() : f.consenters;
  ref.form = f;
  return ref;
}

}  // namespace

Result<FeedbackForm> TableService::draft_feedback(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                                  FeedbackDraft draft) {
  if (!world_) return fail("sharing_unavailable", "feedback forms need the directory and the agreements");
  auto world = world_->current();
  if (!world) return tl::unexpected(world.error());
  // The form and its table_feedback entry commit together (change() joins this unit).
  return transactions_.run_returning<FeedbackForm>([&]() -> Result<FeedbackForm> {
    auto made = change<FeedbackForm>(
        caller, table_id, TableAction::draft_feedback, [&](Table& t) -> Result<FeedbackForm> {
      auto m = meeting_in(t, meeting_id);
      if (!m) return tl::unexpected(m.error());
      if ((*m)->status != MeetingStatus::open && (*m)->status != MeetingStatus::closed) {
        return fail("meeting_not_held", "a feedback form follows a meeting that took place");
      }
      FeedbackForm f;
      f.recipient = draft.recipient;
      f.item_ids = std::move(draft.item_ids);
      std::sort(f.item_ids.begin(), f.item_ids.end());
      f.item_ids.erase(std::unique(f.item_ids.begin(), f.item_ids.end()), f.item_ids.end());
      f.text = std::move(draft.text);
      f.categories = draft.categories;
      f.purpose = draft.purpose;
      f.drafted_by = caller.principal.user_id;
      if (auto ok = check_feedback(f, **m); !ok) return tl::unexpected(ok.error());
      if (!police_or_prosecution(**world, f.recipient)) {
        return fail("recipient_not_police", "a feedback form goes to a police or prosecution organisation");
      }
      f.id = t.take_id();
      (*m)->feedback.push_back(f);
      return f;
    }, Action::update);
    if (!made) return made;
    if (auto ok = audit(caller, Action::create, "table_feedback", feedback_object(table_id, meeting_id, made->id),
                        Outcome::success);
        !ok) {
      return tl::unexpected(ok.error());
    }
    return made;
  });
}

Result<FeedbackForm> TableService::submit_feedback(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                                   std::int64_t feedback_id) {
  return transactions_.run_returning<FeedbackForm>([&]() -> Result<FeedbackForm> {
    auto done = change<FeedbackForm>(
        caller, table_id, TableAction::draft_feedback, [&](Table& t) -> Result<FeedbackForm> {
      auto m = meeting_in(t, meeting_id);
      if (!m) return tl::unexpected(m.error());
      FeedbackForm* f = (*m)->find_feedback(feedback_id);
      if (!f) return fail("not_found", "no such feedback form");
      if (auto ok = tafel::tables::submit_feedback(*f, feedback_scope(t, **m)); !ok) {
        return tl::unexpected(ok.error());
      }
      return *f;
    });
    if (!done) return done;
    if (auto ok = audit(caller, Action::update, "table_feedback", feedback_object(table_id, meeting_id, feedback_id),
                        Outcome::success);
        !ok) {
      return tl::unexpected(ok.error());
    }
    return done;
  });
}

Result<FeedbackForm> TableService::answer_feedback(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                                   std::int64_t feedback_id, bool consent) {
  if (!world_) return fail("sharing_unavailable", "feedback forms need the directory and the agreements");
  // Read before the change: the change must not reach into other stores meanwhile.
  auto world = world_->current();
  if (!world) return tl::unexpected(world.error());
  std::vector<FeedbackDecision> decisions;
  // The answer, the form's new state and every sharing decision it caused commit
  // together: a form is never sent without the record of who disclosed it on which
  // ground (change() joins this unit).
  return transactions_.run_returning<FeedbackForm>([&]() -> Result<FeedbackForm> {
    auto done = change<FeedbackForm>(
        caller, table_id, TableAction::answer_feedback, [&](Table& t) -> Result<FeedbackForm> {
      decisions.clear();
      auto m = meeting_in(t, meeting_id);
      if (!m) return tl::unexpected(m.error());
      FeedbackForm* f = (*m)->find_feedback(feedback_id);
      if (!f) return fail("not_found", "no such feedback form");
      const std::int64_t now = micros(clock_.now());
      auto all = tafel::tables::answer_feedback(
          *f, FeedbackAnswer{caller.principal.organisation_id, caller.principal.user_id, consent, now});
      if (!all) return tl::unexpected(all.error());
      if (!*all) return *f;
      auto decided = decide_feedback(t, **m, *f, **world, now);
      if (!decided) return tl::unexpected(decided.error());
      decisions = std::move(*decided);
      // Never sent without a decision: no origin at all blocks it ("no_decision").
      settle_feedback(*f, decisions, now);
      return *f;
    });
    if (!done) return done;
    const std::string object = feedback_object(table_id, meeting_id, feedback_id);
    if (auto ok = audit(caller, Action::update, "table_feedback", object, Outcome::success); !ok) {
      return tl::unexpected(ok.error());
    }
    // The disclosure itself: one sharing decision per origin organisation, with the
    // ground and the agreement rule that decided.
    for (const auto& d : decisions) {
      core::audit::Entry e;
      e.actor = std::to_string(caller.principal.user_id);
      e.organisation = std::to_string(d.origin);
      e.action = Action::sharing_decision;
      e.object_type = "table_feedback";
      e.object_id = object;
      e.ground = d.ground;
      e.rule = d.rule;
      e.outcome = d.permit ? Outcome::success : Outcome::denied;
      if (auto r = audit_.record(std::move(e), caller.origin); !r) return tl::unexpected(r.error());
    }
    return done;
  });
}

Result<FeedbackRef> TableService::feedback(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                           std::int64_t feedback_id) {
  auto t = load(table_id);
  if (!t) return tl::unexpected(t.error());
  const Meeting* m = t->find_meeting(meeting_id);
  const FeedbackForm* f = m ? m->find_feedback(feedback_id) : nullptr;
  TableStanding standing = standing_at(*t, caller.principal.user_id, caller.principal.organisation_id);
  standing.feedback_recipient =
      f && f->state == FeedbackState::sent && f->recipient == caller.principal.organisation_id;
  if (auto ok = authorize(who(caller), TableAction::view_feedback, standing); !ok) return tl::unexpected(ok.error());
  if (!f) return fail("not_found", "no such feedback form");
  if (!standing.member_organisation && caller.principal.role != access::Role::platform_admin) {
    if (auto ok = audit(caller, Action::view, "table_feedback", feedback_object(table_id, meeting_id, feedback_id),
                        Outcome::success);
        !ok) {
      return tl::unexpected(ok.error());
    }
  }
  return ref_of(*t, *m, *f);
}

Result<std::vector<FeedbackRef>> TableService::received_feedback(const Caller& caller) {
  if (auto ok = authorize(who(caller), TableAction::view_feedback, TableStanding{false, std::nullopt, false, true});
      !ok) {
    return tl::unexpected(ok.error());
  }
  // Only the tables that sent the caller's organisation something (issue 11, point 16).
  auto tables = store_.with_feedback_to(caller.principal.organisation_id);
  if (!tables) return tl::unexpected(tables.error());
  std::vector<FeedbackRef> out;
  for (const auto& t : *tables) {
    for (const auto& m : t.meetings) {
      for (const auto& f : m.feedback) {
        if (f.state == FeedbackState::sent && f.recipient == caller.principal.organisation_id) {
          out.push_back(ref_of(t, m, f));
        }
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const FeedbackRef& a, const FeedbackRef& b) { return a.form.sent_at_us > b.form.sent_at_us; });
  return out;
}

}  // namespace tafel::app::tables
