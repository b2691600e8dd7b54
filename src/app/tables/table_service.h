#pragma once
// The use cases of consultation tables (issue 6): tables with their legal basis,
// meetings and recurring series, agendas, the meeting itself (attendance, secrecy
// acknowledgement, decisions, actions, minutes with approval and freezing),
// calendar feeds and overviews.
//
// Every use case authorises through app::authorize with the caller's standing read
// from the stored table, and changes the table as one aggregate (optimistic
// concurrency: "conflict" when someone else saved it meanwhile). A case item refers
// to a case (app/cases) by its number; the person's identity and the case details
// live sealed in the case, never in the table. case_of_item() hands an attendee the
// case number through the secrecy gate and the sharing engine, audited.
//
// Error codes: "not_authenticated", "second_factor_required", "forbidden" (from
// authorize), "not_found", "invalid_input", "invalid_rule", "invalid_time",
// "cases_not_allowed", "basis_not_approved" (a case basis awaiting approval:
// approve_basis), "conflict", "meeting_not_open", "attendance_frozen",
// "secrecy_not_acknowledged",
// "not_shared" (the sharing engine refused), the minutes codes of core/tables/
// minutes.h, and the store's errors.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/account_store.h"
#include "app/accounts/crypto.h"
#include "app/audit/audit_trail.h"
#include "app/clock.h"
#include "app/tables/calendar.h"
#include "app/tables/meeting_events.h"
#include "app/decisions/sharing_facts.h"
#include "app/decisions/sharing_world.h"
#include "app/tables/table_store.h"
#include "app/unit_of_work.h"
#include "core/access/policy.h"
#include "core/tables/carry_over.h"
#include "core/tables/table.h"
#include "core/tables/table_policy.h"
#include "core/tables/table_statistics.h"

namespace tafel::app::tables {

// Feedback forms and case details ask the sharing engine in the same world as
// "May I share this?" (decisions::SharingWorldSource).
using decisions::SharingFacts;
using decisions::SharingFactsSnapshot;

namespace core_tables = tafel::tables;

// Who is asking and from where (for the audit trail).
struct Caller {
  access::Principal principal;
  audit::Origin origin;
};

// What a chair fills in to create or edit a table.
struct TableDraft {
  std::string name;
  core_tables::TableKind kind = core_tables::TableKind::thematic;
  core_tables::LegalBasis basis = core_tables::LegalBasis::none;
  std::string basis_reference;
  std::string basis_document;
  sharing::PurposeSet finality;
  std::string finality_statement;
  std::string agreement;
  std::optional<std::int32_t> case_retention_days;  // none: closed cases are kept
  std::vector<access::OrganisationId> members;
  std::vector<core_tables::Delegate> delegates;  // the creator becomes chair when no chair is named
  std::string secrecy_text;                      // version 1 when not empty
};

// A meeting as shown in overviews.
struct MeetingRef {
  std::int64_t table_id = 0;
  std::string table_name;
  core_tables::Meeting meeting;  // without case details
};

// An action as shown in overviews.
struct ActionRef {
  std::int64_t table_id = 0;
  std::string table_name;
  core_tables::ActionItem action;
};

// What a chair fills in for a feedback form to police or prosecution.
struct FeedbackDraft {
  access::OrganisationId recipient = 0;
  std::vector<std::int64_t> item_ids;
  std::string text;
  sharing::CategorySet categories;
  sharing::Purpose purpose = sharing::Purpose::coordination;
};

// A feedback form with what its reader needs around it (no personal details of
// case items: item titles only).
struct FeedbackRef {
  std::int64_t table_id = 0;
  std::string table_name;
  std::int64_t meeting_id = 0;
  core_tables::LocalTime meeting_start;
  std::vector<std::pair<std::int64_t, std::string>> items;  // id, title
  // Who is asked for consent: the attending organisations while a draft, the
  // consenters fixed at submission after.
  std::vector<access::OrganisationId> attending;
  core_tables::FeedbackForm form;
};

// A person who may be seated at a table (point 8: looked up per member organisation).
struct Candidate {
  access::UserId user = 0;
  access::OrganisationId organisation = 0;
  std::string display_name;
};

// A table with its history (meetings held, attendance, actions kept).
// One page of the caller's tables (TableService::my_tables).
struct TablePage {
  static constexpr std::size_t kDefaultSize = 100;
  static constexpr std::size_t kMaxSize = 1000;
  std::vector<core_tables::Table> tables;
  std::optional<std::int64_t> next;  // pass as `after` for the next page; none on the last
};

struct TableHistoryRef {
  core_tables::Table table;  // without case details
  core_tables::TableHistory history;
};

class TableService {
 public:
  // Occurrences materialised for a new series: at most this many, within 18 months.
  static constexpr std::size_t kSeriesHorizon = 24;

  // `transactions` makes each change and its audit entry one unit (the default runs
  // them one after the other: for memory stores in tests).
  TableService(TableStore& store, const Calendar& calendar, audit::AuditTrail& audit, const Clock& clock,
               accounts::Crypto& crypto, UnitOfWork& transactions = UnitOfWork::immediate());

  // --- tables ---------------------------------------------------------------
  Result<core_tables::Table> create_table(const Caller& caller, TableDraft draft);
  Result<core_tables::Table> update_table(const Caller& caller, std::int64_t table_id, TableDraft draft);
  // The table as the caller may see it: without case details, and without minutes,
  // decisions, "declined to share" and feedback forms unless the caller may
  // view_minutes (observers see the schedule and the agenda only).
  Result<core_tables::Table> table(const Caller& caller, std::int64_t table_id);
  // The table with its minutes, decisions and feedback forms (without case
  // details), for those who may view_minutes; "forbidden" otherwise.
  Result<core_tables::Table> table_minutes(const Caller& caller, std::int64_t table_id);
  // The tables of the caller's organisation (every table for a platform admin), as
  // table() shows them but without their meetings and actions (their heads), by
  // name: at most `limit` (1 to TablePage::kMaxSize) after the table numbered
  // `after`, and the cursor of the next page when there are more.
  Result<TablePage> my_tables(const Caller& caller, std::optional<std::int64_t> after = std::nullopt,
                              std::size_t limit = TablePage::kDefaultSize);
  // Of the same tables, those with a meeting or an action `parts` selects, each
  // with only those (TableStore::with_parts), as table() shows them.
  Result<std::vector<core_tables::Table>> my_table_parts(const Caller& caller, const core_tables::TableParts& parts);
  // A new version of the secrecy text; returns its version. Chair only.
  Result<int> set_secrecy_text(const Caller& caller, std::int64_t table_id, std::string text);

  // --- the case basis (issue 11, point 9; basis_approval.cc) ----------------
  // Approves the table's current case basis and reference (approve_basis: platform
  // admins; for prosecutor_authorisation also an organisation admin of a
  // prosecution organisation at the table). Until then case items cannot be added
  // nor their details shown ("basis_not_approved"); editing the basis or reference
  // lapses the approval. "invalid_input" for a basis that allows no cases.
  // Idempotent; audited (update of table_basis) in the change's transaction.
  Result<core_tables::Table> approve_basis(const Caller& caller, std::int64_t table_id);
  // True when the caller may approve this table's basis now (for the page's control).
  bool may_approve_basis(const Caller& caller, const core_tables::Table& table);

  // --- who may sit at a table (issue 11, point 8; table_people.cc) -----------
  // Where delegates are looked up and checked (set by the runtime; without it no
  // candidate is found and delegates are not checked against accounts). `people`
  // must outlive this.
  void set_people(accounts::AccountStore& people) { people_ = &people; }
  // The active users of `members` and of the caller's own organisation, for a new
  // table: for those who may create one (create_table).
  Result<std::vector<Candidate>> delegate_candidates(const Caller& caller,
                                                     std::vector<access::OrganisationId> members);
  // The active users of the table's member organisations: for its chair (edit_table).
  Result<std::vector<Candidate>> delegate_candidates(const Caller& caller, std::int64_t table_id);

  // --- meetings -------------------------------------------------------------
  // Adds a series and its first occurrences (kSeriesHorizon). Chair only.
  Result<core_tables::Series> add_series(const Caller& caller, std::int64_t table_id, core_tables::Series series);
  // Checks a series as add_series would (fields and rule), without a table: lets a
  // form refuse an invalid rule before it creates anything.
  Result<void> check_series(const core_tables::Series& series) const;
  Result<core_tables::Meeting> add_meeting(const Caller& caller, std::int64_t table_id,
                                           const core_tables::LocalTime& start, int duration_minutes,
                                           std::string venue, std::string video_link);
  // Moves one meeting (of a series: recorded as a moved occurrence). Chair only.
  Result<core_tables::Meeting> move_meeting(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                            const core_tables::LocalTime& start);
  Result<void> cancel_meeting(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id);
  // planned -> open -> closed. Chair or secretary.
  Result<void> open_meeting(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id);
  Result<void> close_meeting(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id);

  // --- agenda ---------------------------------------------------------------
  // Adds an item (chair). Owner defaults to the caller. A case item only at a table
  // whose basis allows it.
  Result<core_tables::AgendaItem> add_agenda_item(const Caller& caller, std::int64_t table_id,
                                                  std::int64_t meeting_id, core_tables::AgendaItem item);
  // Records the minutes used on an item (chair or secretary).
  Result<void> record_time_used(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                std::int64_t item_id, int minutes);

  // --- in the meeting -------------------------------------------------------
  // Records whether `user` of `organisation` (a member) is present. Chair or
  // secretary, until the meeting closes ("attendance_frozen" after).
  Result<void> record_attendance(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                 access::UserId user, access::OrganisationId organisation,
                                 core_tables::Presence presence);
  // The caller acknowledges the table's current secrecy text for this meeting.
  Result<int> acknowledge_secrecy(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id);
  // The case a case item is about (its number, 0 when the item names none), for a
  // present attendee who acknowledged the current secrecy text, in an open meeting,
  // when the sharing engine permits (ground case_consultation). Audited as a view,
  // success or denied. The case's own page then applies the case policy.
  Result<std::int64_t> case_of_item(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                    std::int64_t item_id);
  Result<core_tables::MeetingDecision> add_decision(const Caller& caller, std::int64_t table_id,
                                                    std::int64_t meeting_id, std::int64_t item_id, std::string text);
  Result<core_tables::ActionItem> add_action(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                             core_tables::ActionItem action);
  // Marks an action done (today) or cancelled, or reopens it. Chair, secretary or owner.
  Result<core_tables::ActionItem> set_action_status(const Caller& caller, std::int64_t table_id,
                                                    std::int64_t action_id, core_tables::ActionStatus status);

  // --- minutes --------------------------------------------------------------
  Result<void> draft_minutes(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                             std::string markdown);
  Result<void> correct_minutes(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                               std::string markdown, std::string reason);
  // The caller approves for their organisation; true when that froze the minutes.
  Result<bool> approve_minutes(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id);

  // --- calendar feeds -------------------------------------------------------
  Result<std::string> table_feed(const Caller& caller, std::int64_t table_id);
  // A new secret feed token for the caller (replacing any earlier one); shown once.
  Result<std::string> create_feed_token(const Caller& caller);
  Result<void> revoke_feed_token(const Caller& caller);
  // The feed of every table the token's owner is a delegate at; "not_found" for an
  // unknown or revoked token.
  Result<std::string> feed_for_token(const std::string& token);

  // --- overviews ------------------------------------------------------------
  Result<std::vector<MeetingRef>> upcoming_meetings(const Caller& caller, std::size_t limit);
  Result<std::vector<ActionRef>> my_open_actions(const Caller& caller);
  // Open actions past their due date whose owner is the caller's organisation.
  Result<std::vector<ActionRef>> overdue_actions(const Caller& caller);

  // Overdue actions of every organisation at the caller's tables (every table for a
  // platform admin), grouped per owner organisation. Platform and organisation admins.
  Result<std::vector<core_tables::OrganisationOverdue>> overdue_by_organisation(const Caller& caller);
  // The table's history: past meetings, attendance per organisation, actions kept.
  Result<TableHistoryRef> history(const Caller& caller, std::int64_t table_id);

  // --- carried over (issue 6, point 3) ---------------------------------------
  // Marks (or unmarks) an item to come back at the next meeting. Chair or secretary,
  // while the meeting is open. Closing the meeting carries the items over.
  Result<void> mark_carry_over(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                               std::int64_t item_id, bool carry);
  // Carries the items of a closed meeting over to the next planned meeting (again):
  // for when the next meeting was planned after the close. Idempotent. Chair or
  // secretary; "meeting_not_closed" otherwise.
  Result<core_tables::CarryOverResult> carry_over(const Caller& caller, std::int64_t table_id,
                                                  std::int64_t meeting_id);

  // --- declined to share (point 4) -------------------------------------------
  // The caller's organisation declined to share on a situation or case item, with an
  // optional neutral reason code. Any delegate whose organisation attends the open
  // meeting; audited (create, object table_declined).
  Result<void> decline_to_share(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                std::int64_t item_id, core_tables::DeclineReason reason);
  // Withdraws the caller's organisation's answer while the meeting is open; audited
  // (delete, object table_declined).
  Result<void> withdraw_declined(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                 std::int64_t item_id);

  // --- feedback forms (point 5) ----------------------------------------------
  // The sharing engine's world every disclosure of this service is decided in
  // (feedback forms, case details) and where organisations' sectors are read; until it
  // is set feedback forms cannot be drafted ("sharing_unavailable") and case details
  // are not shown. `world` must outlive this.
  void set_sharing_world(decisions::SharingWorldSource& world) { world_ = &world; }
  // Tells `events` about planned, moved and cancelled meetings and new series after
  // each such change was saved (nullptr: nobody). `events` must outlive this.
  void set_events(MeetingEvents* events) { events_ = events; }
  // A draft form of a held meeting (open or closed) to a police or prosecution
  // organisation ("recipient_not_police" otherwise). Chair only. Audited.
  Result<core_tables::FeedbackForm> draft_feedback(const Caller& caller, std::int64_t table_id,
                                                   std::int64_t meeting_id, FeedbackDraft draft);
  // Asks for consent (draft -> awaiting_consent), fixing who is asked: the
  // organisations attending now and the owners of the items the form draws on
  // (core/tables/feedback.h). Chair.
  Result<core_tables::FeedbackForm> submit_feedback(const Caller& caller, std::int64_t table_id,
                                                    std::int64_t meeting_id, std::int64_t feedback_id);
  // The caller's organisation (one asked at submission) consents or refuses. A
  // refusal blocks the form; the last consent makes the sharing engine decide, for
  // each origin organisation (the consenters and the owners of the items the form
  // draws on, but the recipient), whether it may disclose the form's categories to
  // the recipient for its purpose — with origin case_consultation when the form is
  // under secrecy (the meeting had a case item and the form is not wholly about
  // situations). Every decision is audited as a sharing_decision; all permitted:
  // sent; any denied: blocked with the explanation; no decision at all: blocked
  // ("no_decision"), never sent.
  Result<core_tables::FeedbackForm> answer_feedback(const Caller& caller, std::int64_t table_id,
                                                    std::int64_t meeting_id, std::int64_t feedback_id, bool consent);
  // One form: for delegates of the table and those of a member organisation whose
  // role sees personal data (not observers), and for the recipient organisation
  // once it is sent (audited as a view). `attending` holds the consenters once
  // submitted.
  Result<FeedbackRef> feedback(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                               std::int64_t feedback_id);
  // The forms sent to the caller's organisation, newest first.
  Result<std::vector<FeedbackRef>> received_feedback(const Caller& caller);

  // Today's date in Europe/Brussels, "YYYY-MM-DD".
  std::string today() const;
  // `utc_us` in Europe/Brussels local time.
  core_tables::LocalTime to_local(std::int64_t utc_us) const { return calendar_.to_local(utc_us); }

 private:
  template <typename T, typename Change>
  Result<T> change(const Caller& caller, std::int64_t table_id, core_tables::TableAction action, Change&& apply,
                   core::audit::Action audited = core::audit::Action::update);
  Result<core_tables::Table> load(std::int64_t table_id);
  Result<void> audit(const Caller& caller, core::audit::Action action, const std::string& object_type,
                     const std::string& object_id, core::audit::Outcome outcome, std::string ground = {});
  std::string feed_of(const std::vector<core_tables::Table>& tables, const std::string& name) const;
  // Fails "invalid_input" unless every delegate is a user of the organisation they sit for.
  Result<void> check_delegates(const core_tables::Table& table);
  // The caller's standing at `table`, with authorising_prosecutor filled in.
  core_tables::TableStanding basis_standing(const Caller& caller, const core_tables::Table& table);

  TableStore& store_;
  const Calendar& calendar_;
  audit::AuditTrail& audit_;
  const Clock& clock_;
  accounts::Crypto& crypto_;
  UnitOfWork& transactions_;
  decisions::SharingWorldSource* world_ = nullptr;  // feedback forms, case details, sectors
  MeetingEvents* events_ = nullptr;  // notifications (app/notify)
  accounts::AccountStore* people_ = nullptr;  // delegates' accounts (point 8)
  // Calls `tell` on events_ with the saved table (without case details), if any.
  void tell_events(std::int64_t table_id, const std::function<void(MeetingEvents&, const core_tables::Table&)>& tell);
};

// Strips the personal details of every case item: what every view of a table shows.
core_tables::Table without_case_details(core_tables::Table table);
// Strips the minutes, decisions, "declined to share" and feedback forms of every
// meeting, and the table's actions: what an observer sees.
core_tables::Table without_minutes(core_tables::Table table);

}  // namespace tafel::app::tables
