#pragma once
// The use cases of situations (issue 12, point 1): create, edit, step through the
// SARA stages, the action plan, anonymous voices and each organisation's goal.
// Every call authorises through app::authorize (core/situations/situation_policy.h)
// against the stored situation, and every change is saved with its audit entry in
// one transaction (app::UnitOfWork).
//
// No named persons: each change's free text passes core/situations/
// identifier_detector.h (with the directory's display names). When something looks
// like a personal identifier the change fails with "identifier_suspected" unless
// the author confirmed it is not one; the confirmation is stored on the situation
// and audited. flags() tells the adapters which spans to show.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/audit/audit_trail.h"
#include "app/clock.h"
#include "app/situations/situation_store.h"
#include "app/unit_of_work.h"
#include "core/access/policy.h"
#include "core/access/user.h"
#include "core/situations/identifier_detector.h"
#include "core/situations/situation.h"

namespace tafel::app::situations {

namespace core_situations = ::tafel::situations;

// Who is asking and from where (for the audit trail).
struct Caller {
  access::Principal principal;
  audit::Origin origin;
};

// What a form or request fills in to create or edit a situation.
struct SituationDraft {
  std::string title, behaviour, since;
  std::int64_t area = 0;
  std::string address;
  std::optional<double> latitude, longitude;
  core_situations::Triangle triangle;
  std::string action_plan, assessment;
  std::vector<access::OrganisationId> participants;  // besides the owner
  std::int64_t table = 0;
};

// A named free-text field and its text.
struct FieldText {
  std::string field;
  std::string text;
};

// A span that looks like a personal identifier in a named field.
struct Flag {
  std::string field;
  core_situations::IdentifierSpan span;
};

// The free-text fields of a draft, by name ("title", "behaviour", "triangle.offender"...).
std::vector<FieldText> texts_of(const SituationDraft& draft);

// List filters; empty ones do not filter.
struct SituationFilter {
  std::optional<core_situations::Stage> stage;
  std::int64_t area = 0;
  bool mine = false;  // only situations of the caller's own organisation (owner or participant)
  // Keyset paging (issue 21): situations with ids below `before` (0: the newest), from
  // at most `limit` read (stage, area and rights filter that page).
  std::int64_t before = 0;
  std::size_t limit = kDefaultSituationPage;
  static constexpr std::size_t kDefaultSituationPage = 200;
  static constexpr std::size_t kMaxSituationPage = 1000;
};

// One page of situations; `next` is the `before` of the following page, absent on
// the last. A page may hold fewer situations than `limit` while `next` is set.
struct SituationPage {
  std::vector<core_situations::Situation> situations;
  std::optional<std::int64_t> next;
};

class SituationService {
 public:
  // Every reference must outlive the service.
  SituationService(SituationStore& store, SituationDirectory& names, audit::AuditTrail& audit, const Clock& clock,
                   UnitOfWork& transactions);

  // The spans of `texts` that look like a personal identifier. Fails only when the
  // directory's names cannot be read.
  Result<std::vector<Flag>> flags(const std::vector<FieldText>& texts);

  // The situations the caller may see (all for a platform admin), newest first.
  Result<std::vector<core_situations::Situation>> list(const Caller& caller, const SituationFilter& filter);
  Result<SituationPage> list_page(const Caller& caller, const SituationFilter& filter);
  Result<core_situations::Situation> situation(const Caller& caller, std::int64_t id);

  // Creates a situation owned by the caller's organisation, at the scanning stage.
  // Fails with "invalid_input", "identifier_suspected" (unless `confirmed`), or
  // "forbidden".
  Result<core_situations::Situation> create(const Caller& caller, SituationDraft draft, bool confirmed);
  // Replaces the fields of the draft (the owner, stage, plan, voices and goals stay).
  Result<core_situations::Situation> update(const Caller& caller, std::int64_t id, SituationDraft draft,
                                            bool confirmed);
  // The explicit step to the next stage. Fails with "stage_incomplete" naming the
  // missing fields (core_situations::missing_for_next), or "last_stage".
  Result<core_situations::Situation> advance(const Caller& caller, std::int64_t id);
  // Adds a step to the action plan (owned by an involved organisation), open.
  Result<core_situations::SituationAction> add_action(const Caller& caller, std::int64_t id,
                                                      core_situations::SituationAction action, bool confirmed);
  Result<core_situations::SituationAction> set_action_status(const Caller& caller, std::int64_t id,
                                                             std::int64_t action_id,
                                                             core_situations::ActionStatus status);
  // Records an anonymous voice for the caller's organisation (a platform admin
  // records it for the owner).
  Result<core_situations::Voice> add_voice(const Caller& caller, std::int64_t id, std::string quote,
                                           std::string date, bool confirmed);
  // Sets the goal of each organisation in `goals` (an empty text removes it).
  Result<core_situations::Situation> set_goals(const Caller& caller, std::int64_t id,
                                               std::vector<core_situations::Goal> goals, bool confirmed);

 private:
  Result<core_situations::Situation> load(std::int64_t id);
  // Fails with "invalid_input" when the area or a participant does not exist.
  Result<void> check_references(const core_situations::Situation& situation);
  // Fails with "identifier_suspected" when `texts` hold a flagged span and the author
  // did not confirm; else appends one confirmation per flag to `situation`.
  Result<void> screen(const Caller& caller, core_situations::Situation& situation, const std::vector<FieldText>& texts,
                      bool confirmed);
  // Loads, authorises edit_situation, applies `change`, checks, saves with its audit
  // entry (and one per confirmation) in one transaction.
  template <typename T, typename Change>
  Result<T> change(const Caller& caller, std::int64_t id, const std::string& what, Change&& change);
  Result<void> audit(const Caller& caller, core::audit::Action action, const std::string& object_type,
                     std::int64_t id);

  SituationStore& store_;
  SituationDirectory& names_;
  audit::AuditTrail& audit_;
  const Clock& clock_;
  UnitOfWork& transactions_;
};

}  // namespace tafel::app::situations
