#pragma once
// A table service over the in-memory store, the libical calendar, a manual clock and
// a memory audit trail, with three organisations: police (1), OCMW (2), CAW (3).
// Users: chair 11 (police), secretary 21 (OCMW), delegate 31 (CAW), 41 an outsider
// (organisation 4).

#include "accounts/fake_crypto.h"
#include "app/audit/audit_trail.h"
#include "app/clock.h"
#include "app/tables/memory_table_store.h"
#include "app/tables/table_service.h"
#include "formats/ical_calendar.h"

namespace tafel::test_support {

inline app::Instant at_utc(int y, unsigned m, unsigned d, int h = 0) {
  using namespace std::chrono;
  return sys_days{year{y} / month{m} / day{d}} + hours{h};
}

inline tables::LocalTime local(std::string_view text) { return *tables::parse_local_time(text); }

struct TableFixture {
  app::tables::MemoryTableStore store;
  formats::IcalCalendar calendar;
  app::audit::MemoryAuditTrail audit;
  app::ManualClock clock{at_utc(2026, 1, 15, 9)};
  FakeCrypto crypto;
  app::tables::TableService service{store, calendar, audit, clock, crypto};

  static app::tables::Caller caller(access::UserId user, access::OrganisationId org,
                                    access::Role role = access::Role::member) {
    return {access::Principal{user, org, role, true}, {"req-1", "192.0.2.7"}};
  }
  app::tables::Caller chair = caller(11, 1);
  app::tables::Caller secretary = caller(21, 2);
  app::tables::Caller delegate = caller(31, 3);
  app::tables::Caller outsider = caller(41, 4);
  // A platform admin: approves a case basis before case items open (issue 11, point 9).
  app::tables::Caller platform = caller(91, 9, access::Role::platform_admin);

  app::tables::TableDraft draft(tables::LegalBasis basis = tables::LegalBasis::decree) {
    app::tables::TableDraft d;
    d.name = "Overleg stationsbuurt";
    d.kind = tables::TableKind::mixed;
    d.basis = basis;
    d.basis_reference = basis == tables::LegalBasis::none ? "" : "Decreet 17 juli 2020, art. 5";
    d.finality = {sharing::Purpose::integrity};
    d.members = {1, 2, 3};
    d.delegates = {{11, 1, tables::TableRole::chair}, {21, 2, tables::TableRole::secretary},
                   {31, 3, tables::TableRole::delegate}};
    d.secrecy_text = "Wat hier gezegd wordt, blijft aan tafel.";
    return d;
  }
};

}  // namespace tafel::test_support
