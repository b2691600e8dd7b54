#pragma once
// The pages of consultation tables (issue 6), for signed-in users; every change is a
// POST form with the CSRF token, and every decision is TableService's:
//
//   GET  /tables                                  my tables, upcoming meetings, my open
//                                                 actions, overdue actions of my organisation,
//                                                 the personal calendar address
//   POST /tables/calendar-token                   a new personal calendar address (shown once)
//   POST /tables/calendar-token/revoke            revoke it
//   GET  /tables/new, POST /tables/new            create a table with its first series
//   GET  /tables/{id}                             the table: basis, members, series, meetings,
//                                                 attendance per organisation, actions on time
//   GET  /tables/{id}/calendar                    the table's meetings as iCalendar (.ics)
//   POST /tables/{id}/meetings                    a single meeting (chair)
//   POST /tables/{id}/actions/{action}/status     done / cancelled / reopened
//   GET  /tables/{id}/meetings/{meeting}          the meeting: agenda, attendance, secrecy,
//                                                 decisions, actions, minutes
//   POST /tables/{id}/meetings/{meeting}/{status|items|time-used|attendance|acknowledgement|
//                                          decisions|actions|minutes|approval}
//   GET  /tables/{id}/meetings/{meeting}/items/{item}/case   personal details (gated, audited)
//   GET  /tables/{id}/meetings/{meeting}/minutes             printable minutes
//   GET  /tables/{id}/meetings/{meeting}/minutes/markdown    the minutes as Markdown

#include "app/tables/table_service.h"
#include "http/router.h"
#include "web/accounts_session.h"
#include "web/options.h"

namespace tafel::web {

// Registers the pages above. `service` and the services in `context` must outlive
// the router.
void register_table_pages(http::Router& router, const Options& options, const AccountsContext& context,
                          app::tables::TableService& service);

}  // namespace tafel::web
