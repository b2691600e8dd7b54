#pragma once
// The observer port of TableService: told about changes to meetings after they were
// saved, so that others (notifications: app/notify) can react without the table
// use cases knowing them. Calls are made on the caller's thread, after the change
// succeeded; an implementation must not throw and must not fail the change — what
// goes wrong in it is its own business (log it).

#include "core/access/user.h"
#include "core/tables/meeting.h"
#include "core/tables/series.h"
#include "core/tables/table.h"

namespace tafel::app::tables {

class MeetingEvents {
 public:
  virtual ~MeetingEvents() = default;

  // `by` planned a single meeting.
  virtual void on_meeting_planned(const tafel::tables::Table& table, const tafel::tables::Meeting& meeting,
                                  access::UserId by) = 0;
  // `by` moved a meeting; `meeting` holds the new time.
  virtual void on_meeting_moved(const tafel::tables::Table& table, const tafel::tables::Meeting& meeting,
                                access::UserId by) = 0;
  // `by` cancelled a meeting.
  virtual void on_meeting_cancelled(const tafel::tables::Table& table, const tafel::tables::Meeting& meeting,
                                    access::UserId by) = 0;
  // `by` added a series; `table.meetings` holds its materialised occurrences.
  virtual void on_series_added(const tafel::tables::Table& table, const tafel::tables::Series& series,
                               access::UserId by) = 0;
};

}  // namespace tafel::app::tables
