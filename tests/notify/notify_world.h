#pragma once
// A database (SQLite or PostgreSQL) with three organisations and four users, a
// table service over it whose meeting events go to a notification service with a
// memory mailer, and the compiled-in "notify" texts. Users: chair (nl, police),
// secretary (fr, OCMW), delegate (en, CAW), outsider (nl, CAW, not at the table).

#include <gtest/gtest.h>

#include <soci/soci.h>

#include <memory>
#include <string>

#include "accounts/fake_crypto.h"
#include "app/audit/audit_trail.h"
#include "app/notify/mailer.h"
#include "app/notify/notification_service.h"
#include "app/tables/table_service.h"
#include "core/directory/organisation.h"
#include "formats/ical_calendar.h"
#include "i18n/catalog.h"
#include "storage/accounts_store.h"
#include "storage/directory_store.h"
#include "storage/notification_store.h"
#include "storage/tables/table_store.h"
#include "support/test_database.h"
#include "tables/table_fixture.h"

namespace tafel::test_support {

inline std::string translate_notify(std::string_view lang, std::string_view key,
                                    const std::vector<app::notify::TextArg>& args) {
  std::vector<i18n::Arg> converted;
  for (const auto& a : args) converted.push_back({a.name, a.value});
  return i18n::Catalog::builtin().translate(lang, key, converted);
}

struct NotifyWorld {
  explicit NotifyWorld(std::unique_ptr<TestDatabase> database, bool with_mailer = true)
      : db(std::move(database)),
        users(db->database(), clock),
        table_store(db->database(), clock),
        tables(table_store, calendar, audit, clock, crypto),
        store(db->database()),
        notify(store, users, table_store, calendar, with_mailer ? &mailer : nullptr, clock, translate_notify,
               settings(), [this](std::string_view what, const Error& e) {
                 failures.push_back(std::string(what) + ":" + e.code);
               }) {
    tables.set_events(&notify);
    police = add_organisation("Politie");
    ocmw = add_organisation("OCMW");
    caw = add_organisation("CAW");
    chair_id = add_user(police, "chair@politie.example", "nl");
    secretary_id = add_user(ocmw, "secretaris@cpas.example", "fr");
    delegate_id = add_user(caw, "delegate@caw.example", "en");
    outsider_id = add_user(caw, "buiten@caw.example", "nl");
    app::tables::TableDraft d;
    d.name = "Overleg stationsbuurt";
    d.kind = tables::TableKind::mixed;
    d.basis = tables::LegalBasis::decree;
    d.basis_reference = "Decreet 17 juli 2020, art. 5";
    d.finality = {sharing::Purpose::integrity};
    d.members = {police, ocmw, caw};
    d.delegates = {{chair_id, police, tables::TableRole::chair},
                   {secretary_id, ocmw, tables::TableRole::secretary},
                   {delegate_id, caw, tables::TableRole::delegate}};
    auto created = tables.create_table(chair(), d);
    EXPECT_TRUE(created) << created.error().message;
    if (created) table_id = created->id;
    // Case items open once the decree is approved (issue 11, point 9).
    if (created) {
      EXPECT_TRUE(tables.approve_basis({{0, 0, access::Role::platform_admin, true}, {"t", "192.0.2.1"}}, table_id));
    }
  }

  static app::notify::NotifySettings settings() {
    app::notify::NotifySettings s;
    s.public_url = "https://tafel.example.be";
    s.from = "tafel@nethegem.example";
    s.max_attempts = 3;
    return s;
  }

  app::tables::Caller chair() const { return {{chair_id, police, access::Role::member, true}, {"req", "192.0.2.1"}}; }
  static access::Principal principal(access::UserId id) { return {id, 0, access::Role::member, true}; }

  std::int64_t add_organisation(const std::string& name) {
    storage::SqlDirectoryStore directory(db->database(), clock);
    directory::Organisation o;
    o.name = name;
    o.finality = "Test";
    o.languages = {"nl"};
    return *directory.create_organisation(o);
  }

  std::int64_t add_user(std::int64_t org, const std::string& email, const std::string& language) {
    long long id = 0;
    auto r = db->database().transaction([&](soci::session& s) {
      long long o = org, at = 0;
      std::string lang = language;
      std::string address = email;
      s << "INSERT INTO users (organisation_id, email, display_name, role, language, active, password_hash, "
           "created_at) VALUES (:o, :e, 'X', 'member', :l, 1, 'x', :t) RETURNING id",
          soci::use(o), soci::use(address), soci::use(lang), soci::use(at), soci::into(id);
    });
    EXPECT_TRUE(r) << r.error().message;
    return id;
  }

  // Plans a single meeting at `local_start` (Europe/Brussels) as the chair.
  std::int64_t plan(const std::string& local_start, const std::string& venue = "Stadhuis, zaal 2") {
    auto m = tables.add_meeting(chair(), table_id, local(local_start), 90, venue, "");
    EXPECT_TRUE(m) << m.error().message;
    return m ? m->id : 0;
  }

  std::vector<app::notify::Notification> inbox(access::UserId user) {
    auto items = notify.inbox(principal(user));
    EXPECT_TRUE(items) << items.error().message;
    return items ? *items : std::vector<app::notify::Notification>{};
  }

  std::unique_ptr<TestDatabase> db;
  app::ManualClock clock{at_utc(2026, 1, 15, 9)};
  storage::SqlAccountStore users;
  storage::SqlTableStore table_store;
  formats::IcalCalendar calendar;
  app::audit::MemoryAuditTrail audit;
  FakeCrypto crypto;
  app::tables::TableService tables;
  storage::SqlNotificationStore store;
  app::notify::MemoryMailer mailer;
  std::vector<std::string> failures;
  app::notify::NotificationService notify;
  std::int64_t police = 0, ocmw = 0, caw = 0;
  access::UserId chair_id = 0, secretary_id = 0, delegate_id = 0, outsider_id = 0;
  std::int64_t table_id = 0;
};

}  // namespace tafel::test_support
