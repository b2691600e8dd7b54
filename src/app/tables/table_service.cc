#include "app/tables/table_service.h"

#include <algorithm>

#include "app/authorization.h"
#include "app/tables/table_service_internal.h"
#include "core/sharing/policy.h"
#include "core/tables/text_rules.h"

namespace tafel::app::tables {

using namespace tafel::tables;
using namespace internal;
using core::audit::Action;
using core::audit::Outcome;

namespace {

std::string hex(const std::vector<std::uint8_t>& bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (auto b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 0xF];
  }
  return out;
}

void sort_meetings(Table& table) {
  std::stable_sort(table.meetings.begin(), table.meetings.end(),
                   [](const Meeting& a, const Meeting& b) { return a.starts_at_us < b.starts_at_us; });
}

// Fills a table from a draft; the creator chairs when nobody else is named chair.
Result<void> apply_draft(Table& table, TableDraft draft, const access::Principal& by) {
  table.name = std::move(draft.name);
  table.kind = draft.kind;
  table.basis = draft.basis;
  table.basis_reference = std::move(draft.basis_reference);
  table.basis_document = std::move(draft.basis_document);
  table.finality = draft.finality;
  table.finality_statement = std::move(draft.finality_statement);
  table.agreement = std::move(draft.agreement);
  table.members = std::move(draft.members);
  table.delegates = std::move(draft.delegates);
  if (!table.is_member(by.organisation_id) && by.role != access::Role::platform_admin) {
    table.members.insert(table.members.begin(), by.organisation_id);
  }
  std::sort(table.members.begin(), table.members.end());
  table.members.erase(std::unique(table.members.begin(), table.members.end()), table.members.end());
  bool has_chair = std::any_of(table.delegates.begin(), table.delegates.end(),
                               [](const Delegate& d) { return d.role == TableRole::chair; });
  if (!has_chair) {
    std::erase_if(table.delegates, [&](const Delegate& d) { return d.user == by.user_id; });
    table.delegates.insert(table.delegates.begin(), Delegate{by.user_id, by.organisation_id, TableRole::chair});
  }
  for (std::size_t i = 0; i < table.delegates.size(); ++i) {
    for (std::size_t j = i + 1; j < table.delegates.size(); ++j) {
      if (table.delegates[i].user == table.delegates[j].user) {
        return fail("invalid_input", "a person sits at a table once");
      }
    }
  }
  if (!draft.secrecy_text.empty()) {
    if (auto ok = check_text("secrecy_text", draft.secrecy_text, 1, 20'000, true); !ok) return ok;
    if (table.secrecy.empty() || table.secrecy.back().text != draft.secrecy_text) {
      table.secrecy.push_back(SecrecyText{table.secrecy_version() + 1, std::move(draft.secrecy_text)});
    }
  }
  return check_table(table);
}

}  // namespace

Table without_case_details(Table table) {
  for (auto& m : table.meetings) {
    for (auto& item : m.agenda) item.case_details.clear();
  }
  return table;
}

Table without_minutes(Table table) {
  for (auto& m : table.meetings) {
    m.decisions.clear();
    m.minutes = Minutes();
    m.declined.clear();
    m.feedback.clear();
  }
  // Actions are what the meeting agreed about its items: outcomes, like decisions.
  table.actions.clear();
  return table;
}

namespace {
// What `caller` sees of `table`: never case details; minutes, decisions and feedback
// only with view_minutes (issue 11, point 4).
Table visible_to(const Caller& caller, Table table) {
  table = without_case_details(std::move(table));
  if (!allowed(caller, TableAction::view_minutes, table)) table = without_minutes(std::move(table));
  return table;
}
}  // namespace

TableService::TableService(TableStore& store, const Calendar& calendar, audit::AuditTrail& audit,
                           const Clock& clock, accounts::Crypto& crypto, UnitOfWork& transactions)
    : store_(store), calendar_(calendar), audit_(audit), clock_(clock), crypto_(crypto), transactions_(transactions) {}

std::string TableService::today() const { return format_local_date(calendar_.to_local(micros(clock_.now()))); }

// Observers hear of a change only after it was saved, and cannot undo it: a failure
// to read the table back only means they are not told.
void TableService::tell_events(std::int64_t table_id,
                               const std::function<void(MeetingEvents&, const Table&)>& tell) {
  if (events_ == nullptr) return;
  auto saved = load(table_id);
  if (saved) tell(*events_, without_case_details(std::move(*saved)));
}

Result<Table> TableService::load(std::int64_t table_id) {
  auto found = store_.find(table_id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail("not_found", "no such table");
  return std::move(**found);
}

Result<void> TableService::audit(const Caller& caller, Action action, const std::string& object_type,
                                 const std::string& object_id, Outcome outcome, std::string ground) {
  core::audit::Entry e;
  e.actor = std::to_string(caller.principal.user_id);
  e.organisation = std::to_string(caller.principal.organisation_id);
  e.action = action;
  e.object_type = object_type;
  e.object_id = object_id;
  e.ground = std::move(ground);
  e.outcome = outcome;
  auto recorded = audit_.record(std::move(e), caller.origin);
  if (!recorded) return tl::unexpected(recorded.error());
  return {};
}

// --- tables -----------------------------------------------------------------

Result<Table> TableService::create_table(const Caller& caller, TableDraft draft) {
  if (auto ok = authorize(who(caller), TableAction::create_table, {}); !ok) return tl::unexpected(ok.error());
  Table table;
  if (auto ok = apply_draft(table, std::move(draft), caller.principal); !ok) return tl::unexpected(ok.error());
  if (auto ok = check_delegates(table); !ok) return tl::unexpected(ok.error());
  // The new table and its audit entry commit together.
  return transactions_.run_returning<Table>([&]() -> Result<Table> {
    auto stored = store_.insert(std::move(table));
    if (!stored) return stored;
    if (auto ok = audit(caller, Action::create, "table", std::to_string(stored->id), Outcome::success); !ok) {
      return tl::unexpected(ok.error());
    }
    return stored;
  });
}

Result<Table> TableService::update_table(const Caller& caller, std::int64_t table_id, TableDraft draft) {
  return change<Table>(caller, table_id, TableAction::edit_table, [&](Table& t) -> Result<Table> {
    // The sharing engine decides a feedback form on the table's members, finality
    // and basis when the last consent arrives: while a form awaits consent they stay
    // as the consenting organisations saw them (found in review).
    const auto members = t.members;
    const auto finality = t.finality;
    const auto basis = t.basis;
    if (auto ok = apply_draft(t, std::move(draft), caller.principal); !ok) return tl::unexpected(ok.error());
    if (t.members != members || t.finality != finality || t.basis != basis) {
      for (const auto& m : t.meetings) {
        for (const auto& f : m.feedback) {
          if (f.state == FeedbackState::awaiting_consent) {
            return fail("feedback_pending", "a feedback form awaits consent: members, finality and basis stay until it is settled");
          }
        }
      }
    }
    if (auto ok = check_delegates(t); !ok) return tl::unexpected(ok.error());
    return without_case_details(t);
  });
}

Result<Table> TableService::table(const Caller& caller, std::int64_t table_id) {
  auto t = load(table_id);
  if (!t) return t;
  if (auto ok = allowed(caller, TableAction::view_table, *t); !ok) return tl::unexpected(ok.error());
  return visible_to(caller, std::move(*t));
}

Result<Table> TableService::table_minutes(const Caller& caller, std::int64_t table_id) {
  auto t = load(table_id);
  if (!t) return t;
  if (auto ok = allowed(caller, TableAction::view_minutes, *t); !ok) return tl::unexpected(ok.error());
  return without_case_details(std::move(*t));
}

Result<std::vector<Table>> TableService::my_tables(const Caller& caller) {
  if (auto ok = authorize(who(caller), TableAction::view_table, TableStanding{true, std::nullopt, false}); !ok) {
    return tl::unexpected(ok.error());
  }
  bool all = caller.principal.role == access::Role::platform_admin;
  auto tables = store_.list(all ? std::nullopt : std::optional(caller.principal.organisation_id));
  if (!tables) return tables;
  for (auto& t : *tables) t = visible_to(caller, std::move(t));
  return tables;
}

Result<int> TableService::set_secrecy_text(const Caller& caller, std::int64_t table_id, std::string text) {
  return change<int>(caller, table_id, TableAction::edit_table, [&](Table& t) -> Result<int> {
    if (auto ok = check_text("secrecy_text", text, 1, 20'000, true); !ok) return tl::unexpected(ok.error());
    t.secrecy.push_back(SecrecyText{t.secrecy_version() + 1, std::move(text)});
    return t.secrecy_version();
  });
}

// --- meetings ---------------------------------------------------------------

namespace {

// The last local time a new series materialises meetings for: 18 months on.
LocalTime horizon_of(const Series& series) {
  LocalTime until = series.start;
  until.year += 1;
  until.month += 6;
  if (until.month > 12) {
    until.month -= 12;
    until.year += 1;
  }
  until.day = std::min(until.day, 28);
  return until;
}

}  // namespace

Result<void> TableService::check_series(const Series& series) const {
  if (auto ok = check_series_fields(series); !ok) return ok;
  auto occurrences = calendar_.expand(series, 1, horizon_of(series));
  if (!occurrences) return tl::unexpected(occurrences.error());
  if (occurrences->empty()) return fail("invalid_rule", "the rule yields no meeting in the next 18 months");
  return {};
}

Result<Series> TableService::add_series(const Caller& caller, std::int64_t table_id, Series series) {
  auto added = change<Series>(caller, table_id, TableAction::manage_agenda, [&](Table& t) -> Result<Series> {
    if (auto ok = check_series_fields(series); !ok) return tl::unexpected(ok.error());
    auto occurrences = calendar_.expand(series, kSeriesHorizon, horizon_of(series));
    if (!occurrences) return tl::unexpected(occurrences.error());
    if (occurrences->empty()) return fail("invalid_rule", "the rule yields no meeting in the next 18 months");
    series.id = t.take_id();
    for (const auto& o : *occurrences) {
      Meeting m;
      m.id = t.take_id();
      m.series_id = series.id;
      m.original_start = o.local_start;
      m.local_start = o.local_start;
      m.starts_at_us = o.starts_at_us;
      m.ends_at_us = o.ends_at_us;
      m.venue = series.venue;
      m.video_link = series.video_link;
      t.meetings.push_back(std::move(m));
    }
    sort_meetings(t);
    t.series.push_back(series);
    return series;
  });
  if (added) {
    tell_events(table_id, [&](MeetingEvents& e, const Table& t) { e.on_series_added(t, *added, caller.principal.user_id); });
  }
  return added;
}

Result<Meeting> TableService::add_meeting(const Caller& caller, std::int64_t table_id, const LocalTime& start,
                                          int duration_minutes, std::string venue, std::string video_link) {
  auto added = change<Meeting>(caller, table_id, TableAction::manage_agenda, [&](Table& t) -> Result<Meeting> {
    Series fields;  // the same field rules as a series, without a rule
    fields.rule = "single";
    fields.duration_minutes = duration_minutes;
    fields.venue = venue;
    fields.video_link = video_link;
    if (auto ok = check_series_fields(fields); !ok) return tl::unexpected(ok.error());
    auto utc = calendar_.to_utc(start);
    if (!utc) return tl::unexpected(utc.error());
    Meeting m;
    m.id = t.take_id();
    m.original_start = start;
    m.local_start = start;
    m.starts_at_us = *utc;
    m.ends_at_us = *utc + std::int64_t{duration_minutes} * 60'000'000;
    m.venue = std::move(venue);
    m.video_link = std::move(video_link);
    t.meetings.push_back(m);
    sort_meetings(t);
    return m;
  });
  if (added) {
    tell_events(table_id, [&](MeetingEvents& e, const Table& t) { e.on_meeting_planned(t, *added, caller.principal.user_id); });
  }
  return added;
}

Result<Meeting> TableService::move_meeting(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                           const LocalTime& start) {
  auto moved = change<Meeting>(caller, table_id, TableAction::manage_agenda, [&](Table& t) -> Result<Meeting> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    Meeting& meeting = **m;
    if (meeting.status != MeetingStatus::planned) return fail("meeting_not_planned", "only a planned meeting moves");
    auto utc = calendar_.to_utc(start);
    if (!utc) return tl::unexpected(utc.error());
    std::int64_t duration = meeting.ends_at_us - meeting.starts_at_us;
    meeting.local_start = start;
    meeting.starts_at_us = *utc;
    meeting.ends_at_us = *utc + duration;
    for (auto& s : t.series) {
      if (s.id != meeting.series_id) continue;
      std::erase_if(s.moved, [&](const MovedOccurrence& mo) { return mo.original == meeting.original_start; });
      if (!(start == meeting.original_start)) s.moved.push_back({meeting.original_start, start});
    }
    Meeting copy = meeting;
    sort_meetings(t);
    return copy;
  });
  if (moved) {
    tell_events(table_id, [&](MeetingEvents& e, const Table& t) { e.on_meeting_moved(t, *moved, caller.principal.user_id); });
  }
  return moved;
}

Result<void> TableService::cancel_meeting(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id) {
  auto cancelled = change<void>(caller, table_id, TableAction::manage_agenda, [&](Table& t) -> Result<void> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    if ((*m)->status != MeetingStatus::planned) return fail("meeting_not_planned", "only a planned meeting is cancelled");
    (*m)->status = MeetingStatus::cancelled;
    for (auto& s : t.series) {
      if (s.id == (*m)->series_id) s.cancelled.push_back((*m)->original_start);
    }
    return {};
  });
  if (cancelled) {
    tell_events(table_id, [&](MeetingEvents& e, const Table& t) {
      if (const Meeting* m = t.find_meeting(meeting_id)) e.on_meeting_cancelled(t, *m, caller.principal.user_id);
    });
  }
  return cancelled;
}

Result<void> TableService::open_meeting(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id) {
  return change<void>(caller, table_id, TableAction::run_meeting, [&](Table& t) -> Result<void> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    if ((*m)->status != MeetingStatus::planned) return fail("meeting_not_planned", "this meeting was already held");
    (*m)->status = MeetingStatus::open;
    // Open actions of the table come back on the agenda of the meeting that opens.
    return {};
  });
}

Result<void> TableService::close_meeting(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id) {
  return change<void>(caller, table_id, TableAction::run_meeting, [&](Table& t) -> Result<void> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    if ((*m)->status != MeetingStatus::open) return fail("meeting_not_open", "the meeting is not in progress");
    (*m)->status = MeetingStatus::closed;
    // What the meeting did not finish comes back at the next one (core/tables/carry_over.h).
    tafel::tables::carry_over(t, meeting_id);
    return {};
  });
}

// --- agenda -----------------------------------------------------------------

Result<AgendaItem> TableService::add_agenda_item(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                                 AgendaItem item) {
  auto added = change<AgendaItem>(caller, table_id, TableAction::manage_agenda, [&](Table& t) -> Result<AgendaItem> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    if ((*m)->status == MeetingStatus::closed || (*m)->status == MeetingStatus::cancelled) {
      return fail("meeting_closed", "the agenda of a past or cancelled meeting is closed");
    }
    if (item.owner_user == 0) {
      item.owner_user = caller.principal.user_id;
      item.owner_organisation = caller.principal.organisation_id;
    } else {
      // The owner answers for the item (consent to feedback, case details), so the
      // organisation comes from the table's delegates, never from the request.
      const Delegate* owner = t.delegate(item.owner_user);
      if (!owner) return fail("invalid_input", "the owner must be a delegate of the table");
      item.owner_organisation = owner->organisation;
    }
    if (!t.is_member(item.owner_organisation)) return fail("invalid_input", "the owner must be of a member organisation");
    item.minutes_used = 0;
    if (item.kind == ItemKind::case_item && allows_individual_cases(t.basis) && !t.cases_open()) {
      return fail("basis_not_approved", "case items open once the table's legal basis is approved");
    }
    if (auto ok = check_agenda_item(item, t.basis); !ok) return tl::unexpected(ok.error());
    item.id = t.take_id();
    (*m)->agenda.push_back(item);
    return item;
  });
  if (added) added->case_details.clear();
  return added;
}

Result<void> TableService::record_time_used(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                            std::int64_t item_id, int minutes) {
  return change<void>(caller, table_id, TableAction::run_meeting, [&](Table& t) -> Result<void> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    AgendaItem* item = (*m)->find_item(item_id);
    if (!item) return fail("not_found", "no such agenda item");
    if (minutes < 0 || minutes > 1440) return fail("invalid_input", "minutes must be between 0 and 1440");
    item->minutes_used = minutes;
    return {};
  });
}

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

// The one place where the tables feature asks the sharing engine: may the owner of
// a case item disclose its personal details to the caller's organisation, at this
// table, in this meeting? Ground case_consultation (art. 458ter Sw.), claimed, so the
// engine checks exactly the table's conditions: an open meeting, a sufficient basis,
// the finality, both organisations members, both acknowledged.
static bool case_consultation_permits(const Table& table, const Meeting& meeting, const AgendaItem& item,
                                      access::OrganisationId recipient, std::int64_t at_us) {
  sharing::World world;
  auto index_of = [&](access::OrganisationId org) {
    for (std::size_t i = 0; i < world.organisations.size(); ++i) {
      if (world.organisations[i].id == std::to_string(org)) return static_cast<sharing::OrgIndex>(i);
    }
    // Sector, secrecy and mission are not read by the case_consultation ground;
    // the defaults stand in for them.
    world.organisations.push_back(sharing::Organisation{std::to_string(org)});
    return static_cast<sharing::OrgIndex>(world.organisations.size() - 1);
  };
  sharing::OrgIndex actor = index_of(item.owner_organisation);
  sharing::OrgIndex to = index_of(recipient);
  sharing::Table st;
  st.id = std::to_string(table.id);
  st.basis = table.basis;
  st.basis_reference = table.basis_reference;
  st.finality = table.finality;
  for (auto org : table.members) {
    if (org == item.owner_organisation || org == recipient) st.members.push_back(index_of(org));
  }
  world.tables.push_back(st);
  world.subjects.push_back(sharing::Subject{"case-" + std::to_string(item.id)});

  sharing::Request request;
  request.actor = actor;
  request.recipient = to;
  request.subject = 0;
  request.categories = {sharing::Category::identity, sharing::Category::involvement};
  request.purpose = sharing::Purpose::integrity;
  table.finality.for_each([&](sharing::Purpose p) {
    if (p == sharing::Purpose::integrity || p == sharing::Purpose::terrorism_prevention ||
        p == sharing::Purpose::criminal_organisation_prevention) {
      request.purpose = p;
    }
  });
  request.ground = sharing::Ground::case_consultation;
  sharing::Context context;
  context.table = 0;
  context.in_meeting = meeting.status == MeetingStatus::open;
  for (auto org : meeting.acknowledged_organisations(table.secrecy_version())) {
    if (org == item.owner_organisation || org == recipient) context.acknowledged.push_back(index_of(org));
  }
  request.context = context;
  request.at = at_us;

  auto policy = sharing::Policy::compile(std::move(world));
  if (!policy || !policy->validate(request)) return false;
  return policy->decide(request).permit;
}

Result<std::string> TableService::case_details(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                               std::int64_t item_id) {
  auto t = load(table_id);
  if (!t) return tl::unexpected(t.error());
  std::string object = std::to_string(table_id) + "/" + std::to_string(meeting_id) + "/" + std::to_string(item_id);
  auto refuse = [&](Error error) -> Result<std::string> {
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
  if (!case_consultation_permits(*t, *meeting, *item, caller.principal.organisation_id, micros(clock_.now()))) {
    return refuse(Error{"not_shared", "the sharing rules do not allow these details to be shown to you"});
  }
  if (auto ok = audit(caller, Action::view, "table_case_item", object, Outcome::success, "case_consultation"); !ok) {
    return tl::unexpected(ok.error());
  }
  return item->case_details;
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

// --- minutes ----------------------------------------------------------------

Result<void> TableService::draft_minutes(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                         std::string markdown) {
  return change<void>(caller, table_id, TableAction::draft_minutes, [&](Table& t) -> Result<void> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    if ((*m)->status == MeetingStatus::planned || (*m)->status == MeetingStatus::cancelled) {
      return fail("meeting_not_held", "minutes are written once the meeting has started");
    }
    return (*m)->minutes.draft(std::move(markdown), caller.principal.user_id);
  });
}

Result<void> TableService::correct_minutes(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                           std::string markdown, std::string reason) {
  return change<void>(caller, table_id, TableAction::draft_minutes, [&](Table& t) -> Result<void> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    return (*m)->minutes.correct(std::move(markdown), std::move(reason), caller.principal.user_id);
  });
}

Result<bool> TableService::approve_minutes(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id) {
  return change<bool>(caller, table_id, TableAction::approve_minutes, [&](Table& t) -> Result<bool> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    return (*m)->minutes.approve(caller.principal.organisation_id, (*m)->attending_organisations(),
                                 micros(clock_.now()));
  });
}

// --- calendar feeds ---------------------------------------------------------

std::string TableService::feed_of(const std::vector<Table>& tables, const std::string& name) const {
  std::vector<FeedEvent> events;
  for (const auto& t : tables) {
    std::string prefix = "table-" + std::to_string(t.id);
    for (const auto& s : t.series) {
      FeedEvent e;
      e.uid = prefix + "-series-" + std::to_string(s.id) + "@tafel";
      e.summary = t.name;
      e.location = s.venue;
      e.url = s.video_link;
      e.start = s.start;
      e.duration_minutes = s.duration_minutes;
      e.rule = s.rule;
      e.exdates = s.cancelled;
      e.sequence = t.version;
      events.push_back(e);
      for (const auto& moved : s.moved) {
        FeedEvent x = e;
        x.rule.clear();
        x.exdates.clear();
        x.recurrence_id = moved.original;
        x.start = moved.moved_to;
        events.push_back(x);
      }
    }
    for (const auto& m : t.meetings) {
      if (m.series_id != 0) continue;
      FeedEvent e;
      e.uid = prefix + "-meeting-" + std::to_string(m.id) + "@tafel";
      e.summary = t.name;
      e.location = m.venue;
      e.url = m.video_link;
      e.start = m.local_start;
      e.duration_minutes = static_cast<int>((m.ends_at_us - m.starts_at_us) / 60'000'000);
      e.cancelled = m.status == MeetingStatus::cancelled;
      e.sequence = t.version;
      events.push_back(e);
    }
  }
  return calendar_.feed(name, events, micros(clock_.now()));
}

Result<std::string> TableService::table_feed(const Caller& caller, std::int64_t table_id) {
  auto t = load(table_id);
  if (!t) return tl::unexpected(t.error());
  if (auto ok = allowed(caller, TableAction::view_table, *t); !ok) return tl::unexpected(ok.error());
  return feed_of({*t}, t->name);
}

Result<std::string> TableService::create_feed_token(const Caller& caller) {
  if (auto ok = authorize(who(caller), access::Action::manage_own_account); !ok) return tl::unexpected(ok.error());
  std::string token = "tafelcal_" + hex(crypto_.random_bytes(32));
  if (auto ok = store_.set_feed_token({caller.principal.user_id, caller.principal.organisation_id},
                                      crypto_.token_digest(token));
      !ok) {
    return tl::unexpected(ok.error());
  }
  return token;
}

Result<void> TableService::revoke_feed_token(const Caller& caller) {
  if (auto ok = authorize(who(caller), access::Action::manage_own_account); !ok) return tl::unexpected(ok.error());
  return store_.revoke_feed_token(caller.principal.user_id);
}

Result<std::string> TableService::feed_for_token(const std::string& token) {
  if (token.rfind("tafelcal_", 0) != 0 || token.size() != 9 + 64) return fail("not_found", "no such feed");
  auto owner = store_.feed_owner(crypto_.token_digest(token));
  if (!owner) return tl::unexpected(owner.error());
  if (!*owner) return fail("not_found", "no such feed");
  auto tables = store_.list((*owner)->organisation);
  if (!tables) return tl::unexpected(tables.error());
  std::erase_if(*tables, [&](const Table& t) {
    const Delegate* d = t.delegate((*owner)->user);
    return !d || d->organisation != (*owner)->organisation;
  });
  return feed_of(*tables, "tafel");
}

// --- overviews --------------------------------------------------------------

Result<std::vector<MeetingRef>> TableService::upcoming_meetings(const Caller& caller, std::size_t limit) {
  auto tables = my_tables(caller);
  if (!tables) return tl::unexpected(tables.error());
  std::int64_t now = micros(clock_.now());
  std::vector<MeetingRef> out;
  for (const auto& t : *tables) {
    for (const auto& m : t.meetings) {
      if (m.ends_at_us >= now && m.status != MeetingStatus::cancelled && m.status != MeetingStatus::closed) {
        out.push_back({t.id, t.name, m});
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const MeetingRef& a, const MeetingRef& b) { return a.meeting.starts_at_us < b.meeting.starts_at_us; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<std::vector<ActionRef>> TableService::my_open_actions(const Caller& caller) {
  auto tables = my_tables(caller);
  if (!tables) return tl::unexpected(tables.error());
  std::vector<ActionRef> out;
  for (const auto& t : *tables) {
    for (const auto& a : t.actions) {
      if (a.status == ActionStatus::open && a.owner_user == caller.principal.user_id) out.push_back({t.id, t.name, a});
    }
  }
  std::sort(out.begin(), out.end(), [](const ActionRef& a, const ActionRef& b) { return a.action.due < b.action.due; });
  return out;
}

Result<std::vector<ActionRef>> TableService::overdue_actions(const Caller& caller) {
  auto tables = my_tables(caller);
  if (!tables) return tl::unexpected(tables.error());
  std::string date = today();
  std::vector<ActionRef> out;
  for (const auto& t : *tables) {
    for (const auto& a : t.actions) {
      if (a.owner_organisation == caller.principal.organisation_id && is_overdue(a, date)) {
        out.push_back({t.id, t.name, a});
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const ActionRef& a, const ActionRef& b) { return a.action.due < b.action.due; });
  return out;
}

// --- overviews of organisations and history ---------------------------------

Result<std::vector<OrganisationOverdue>> TableService::overdue_by_organisation(const Caller& caller) {
  if (auto ok = authorize(who(caller), TableAction::view_overview, TableStanding{}); !ok) {
    return tl::unexpected(ok.error());
  }
  auto tables = my_tables(caller);
  if (!tables) return tl::unexpected(tables.error());
  return tafel::tables::overdue_by_organisation(*tables, today());
}

Result<TableHistoryRef> TableService::history(const Caller& caller, std::int64_t table_id) {
  auto t = table(caller, table_id);  // authorised, and only what the caller may read
  if (!t) return tl::unexpected(t.error());
  // The figures (attendance, actions on time) are counts, for everyone who sees the
  // table; they come from the whole table, not from what the caller may read.
  auto whole = load(table_id);
  if (!whole) return tl::unexpected(whole.error());
  TableHistory h = table_history(*whole, micros(clock_.now()), today());
  return TableHistoryRef{std::move(*t), std::move(h)};
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
