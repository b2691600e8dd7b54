#pragma once
// A table service over the in-memory store, the libical calendar, a manual clock and
// a memory audit trail, with three organisations: police (1), OCMW (2), CAW (3).
// The sharing world (case details, feedback forms) is built from these tables and
// the directory as the engine sees it (FixtureSharingFacts).
// Users: chair 11 (police), secretary 21 (OCMW), delegate 31 (CAW), 41 an outsider
// (organisation 4).

#include "accounts/fake_crypto.h"
#include "app/audit/audit_trail.h"
#include "app/cases/case_directory.h"
#include "app/consents/consent_facts.h"
#include "app/decisions/record_sharing_world.h"
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

// The directory as the engine sees it: police (1), OCMW (2, professional secrecy),
// CAW (3, professional secrecy), the municipality (4) and the prosecutor (5).
class FixtureSharingFacts final : public app::tables::SharingFacts {
 public:
  Result<app::tables::SharingFactsSnapshot> snapshot() override {
    app::tables::SharingFactsSnapshot s;
    auto add = [&](const char* id, const char* name, sharing::Sector sector, sharing::Secrecy secrecy, bool duty) {
      s.world.organisations.push_back({id, sector, secrecy, duty, sharing::Mission::care});
      s.organisation_names[id] = name;
    };
    add("1", "Politie", sharing::Sector::police, sharing::Secrecy::none, true);
    add("2", "OCMW", sharing::Sector::social_services, sharing::Secrecy::professional, false);
    add("3", "CAW", sharing::Sector::welfare, sharing::Secrecy::professional, false);
    add("4", "Stad", sharing::Sector::municipality, sharing::Secrecy::discretion, false);
    add("5", "Parket", sharing::Sector::prosecution, sharing::Secrecy::discretion, true);
    return s;
  }
};

struct TableFixture {
  app::tables::MemoryTableStore store;
  formats::IcalCalendar calendar;
  app::audit::MemoryAuditTrail audit;
  app::ManualClock clock{at_utc(2026, 1, 15, 9)};
  FakeCrypto crypto;
  app::tables::TableService service{store, calendar, audit, clock, crypto};
  FixtureSharingFacts facts;
  app::cases::MemoryCaseDirectory no_cases;
  app::consents::MemoryConsentFacts no_consents;
  app::decisions::RecordSharingWorld world{facts, store, no_cases, no_consents};
  bool world_set = (service.set_sharing_world(world), true);

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
