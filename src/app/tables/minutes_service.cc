// The minutes of a meeting: drafting, correcting and approving them.

#include "app/tables/table_service.h"
#include "app/tables/table_service_internal.h"

namespace tafel::app::tables {

using namespace tafel::tables;
using namespace internal;

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

}  // namespace tafel::app::tables
