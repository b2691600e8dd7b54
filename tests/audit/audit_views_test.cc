// The audit views' use cases (app/audit/audit_views.h) and the account events bound
// to the audit log (app/audit/audit_security_log.h), over the in-memory trail.

#include <gtest/gtest.h>

#include "app/audit/audit_security_log.h"
#include "app/audit/audit_views.h"
#include "app/audit/memory_audit_reader.h"
#include "core/access/policy.h"

namespace tafel::app::audit {
namespace {

using access::Principal;
using access::Role;
using core::audit::Action;
using core::audit::Entry;

constexpr access::OrganisationId kOwn = 7, kOther = 8;

Principal as(Role role, access::OrganisationId org = kOwn, access::UserId user = 100) {
  return Principal{user, org, role, true};
}

class AuditViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Three accesses to person p-1 by two organisations (as typed: entries written
  // before pseudonyms, which the report still finds), one search, one login.
    add({"u1", "7", Action::view, "person", "p-1", "case_consultation", "r-3"});
    add({"u2", "8", Action::sharing_decision, "person", "p-1", "consent", "r-9"});
    add({"u1", "7", Action::search, "", "", "", ""});
    add({"u2", "8", Action::view, "person", "p-1", "", ""});
    add({"u3", "8", Action::login, "account", "3", "", ""});
    add({"u1", "7", Action::view, "person", "p-2", "", ""});
  }

  struct Spec {
    std::string actor, organisation;
    Action action;
    std::string object_type, object_id, ground, rule;
  };
  void add(const Spec& s) {
    Entry e;
    e.actor = s.actor;
    e.organisation = s.organisation;
    e.action = s.action;
    e.object_type = s.object_type;
    e.object_id = s.object_id;
    e.ground = s.ground;
    e.rule = s.rule;
    e.time_us = 1'000'000 * static_cast<std::int64_t>(trail.entries().size() + 1);
    ASSERT_TRUE(trail.record(e, Origin{"req", "10.0.0.1"}));
  }

  MemoryAuditTrail trail;
  MemoryAuditReader reader{trail};
  AuditViews views{trail, reader, [](std::string_view id) { return "p1:test-" + std::string(id); }};
};

TEST_F(AuditViewsTest, TheDpoSeesEveryOrganisationsEntriesAndTheLookIsRecorded) {
  auto entries = views.entries(as(Role::dpo), {}, Origin{"req-42", "192.0.2.1"});
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), 7u);  // six entries plus the DPO's own look, newest first
  EXPECT_EQ(entries->front().object_type, "audit_log");
  EXPECT_EQ(entries->front().action, Action::view);
  EXPECT_EQ(entries->front().request_id, "req-42");
  EXPECT_EQ(entries->front().actor, "100");
  EXPECT_EQ(entries->back().seq, 1u);
}

TEST_F(AuditViewsTest, FiltersCombine) {
  AuditFilter filter;
  filter.organisation = "8";
  filter.action = Action::view;
  auto entries = views.entries(as(Role::dpo), filter, {});
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().actor, "u2");

  AuditFilter window;
  window.from_us = 2'000'000;
  window.to_us = 4'000'000;  // entries 2 and 3
  entries = views.entries(as(Role::dpo), window, {});
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ(entries->front().seq, 3u);
}

TEST_F(AuditViewsTest, AnOrganisationAdminSeesOnlyTheirOwnUsersActions) {
  auto entries = views.entries(as(Role::organisation_admin, kOther), {}, {});
  ASSERT_TRUE(entries);
  ASSERT_FALSE(entries->empty());
  for (const auto& e : *entries) EXPECT_EQ(e.organisation, "8") << e.seq;

  AuditFilter other;
  other.organisation = "7";
  auto refused = views.entries(as(Role::organisation_admin, kOther), other, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "forbidden");
}

TEST_F(AuditViewsTest, MembersAndObserversSeeNothingAndLeaveNoViewEntry) {
  const auto count = trail.entries().size();
  for (Role r : {Role::member, Role::observer}) {
    auto refused = views.entries(as(r), {}, {});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "forbidden");
    EXPECT_FALSE(views.access_report(as(r), "p-1", {}));
    EXPECT_FALSE(views.export_entries(as(r), {}, {}));
  }
  EXPECT_EQ(trail.entries().size(), count);
}

// Issue 11, point 14: entries hold the pseudonym; the report finds them from the
// typed id, or from the pseudonym itself (a link followed from the log).
TEST_F(AuditViewsTest, TheAccessReportFindsPseudonymisedEntriesByTheTypedId) {
  add({"u1", "7", Action::sharing_decision, "person", "p1:test-X-123", "", ""});
  auto report = views.access_report(as(Role::dpo), "X-123", Origin{"r", ""});
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->entries.size(), 1u);
  EXPECT_EQ(report->entries[0].object_id, "p1:test-X-123");
  auto followed = views.access_report(as(Role::dpo), "p1:test-X-123", Origin{"r", ""});
  ASSERT_TRUE(followed);
  EXPECT_EQ(followed->entries.size(), 1u);
  for (const auto& e : trail.entries()) EXPECT_EQ(e.object_id.find("X-123") == 0, false) << e.object_id;
}

TEST_F(AuditViewsTest, AccessReportNamesEachOrganisationWithTimesAndGrounds) {
  auto report = views.access_report(as(Role::dpo), "p-1", Origin{"r", ""});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->person_id, "p-1");
  ASSERT_EQ(report->entries.size(), 3u);
  ASSERT_EQ(report->organisations.size(), 2u);
  const auto& seven = report->organisations[0];
  EXPECT_EQ(seven.organisation, "7");
  EXPECT_EQ(seven.count, 1u);
  EXPECT_EQ(seven.grounds, (std::set<std::string>{"case_consultation"}));
  const auto& eight = report->organisations[1];
  EXPECT_EQ(eight.organisation, "8");
  EXPECT_EQ(eight.count, 2u);
  EXPECT_EQ(eight.first_us, 2'000'000);
  EXPECT_EQ(eight.last_us, 4'000'000);
  EXPECT_EQ(eight.grounds, (std::set<std::string>{"consent"}));
  // The DPO's look is recorded, but not as an access to the person's data.
  const Entry last = trail.entries().back();
  EXPECT_EQ(last.object_type, "access_report");
  EXPECT_EQ(last.object_id, "p1:test-p-1");  // the pseudonym of the typed id
  // Organisation admins may not compile access reports.
  auto refused = views.access_report(as(Role::organisation_admin), "p-1", {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "forbidden");
  EXPECT_EQ(views.access_report(as(Role::dpo), "", {}).error().code, "invalid_input");
}

TEST_F(AuditViewsTest, ExportIsRecordedAsAnExportAndReturnsEntriesOldestFirst) {
  AuditFilter filter;
  filter.object_type = "person";
  auto exported = views.export_entries(as(Role::dpo), filter, Origin{"exp-1", ""});
  ASSERT_TRUE(exported);
  ASSERT_EQ(exported->size(), 4u);
  EXPECT_LT(exported->front().seq, exported->back().seq);
  const Entry last = trail.entries().back();
  EXPECT_EQ(last.action, Action::export_data);
  EXPECT_EQ(last.request_id, "exp-1");
  // Paging inside the export: a limit smaller than the result still returns all.
  auto capped = views.export_entries(as(Role::dpo), {}, {}, 3);
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->size(), 3u);
  EXPECT_FALSE(views.export_entries(as(Role::organisation_admin), {}, {}));
  EXPECT_FALSE(views.export_entries(as(Role::platform_admin), {}, {}));
}

TEST(AuditPolicy, WhoMaySeeTheAuditTrail) {
  using access::Action;
  auto allowed = [](Role r, Action a, std::optional<access::OrganisationId> org) {
    return access::authorise(as(r), a, {org, {}}).allowed;
  };
  for (auto org : {std::optional<access::OrganisationId>{kOwn}, std::optional<access::OrganisationId>{kOther},
                   std::optional<access::OrganisationId>{}}) {
    EXPECT_TRUE(allowed(Role::dpo, Action::view_audit_log, org));
    EXPECT_TRUE(allowed(Role::platform_admin, Action::view_audit_log, org));
    EXPECT_FALSE(allowed(Role::member, Action::view_audit_log, org));
    EXPECT_FALSE(allowed(Role::observer, Action::view_audit_log, org));
    EXPECT_TRUE(allowed(Role::dpo, Action::view_access_report, org));
    EXPECT_TRUE(allowed(Role::dpo, Action::export_audit_log, org));
    for (Role r : {Role::platform_admin, Role::organisation_admin, Role::member, Role::observer}) {
      EXPECT_FALSE(allowed(r, Action::view_access_report, org));
      EXPECT_FALSE(allowed(r, Action::export_audit_log, org));
    }
  }
  EXPECT_TRUE(allowed(Role::organisation_admin, Action::view_audit_log, kOwn));
  EXPECT_FALSE(allowed(Role::organisation_admin, Action::view_audit_log, kOther));
  EXPECT_FALSE(allowed(Role::organisation_admin, Action::view_audit_log, std::nullopt));
  // The second factor is required like for every role that sees personal data.
  EXPECT_FALSE(access::authorise(Principal{1, kOwn, Role::dpo, false}, Action::view_audit_log, {}).allowed);
}

// --- account events in the audit log ----------------------------------------------

accounts::SecurityEvent event(std::string kind, std::string detail = {}) {
  accounts::SecurityEvent e;
  e.kind = std::move(kind);
  e.actor = 5;
  e.subject = 6;
  e.organisation = 7;
  e.address = "198.51.100.4";
  e.detail = std::move(detail);
  return e;
}

TEST(AuditSecurityLog, EveryKindMapsToItsActionAndReadsBackUnchanged) {
  const std::pair<const char*, Action> cases[] = {
      {"login_succeeded", Action::login},          {"login_failed", Action::login_failed},
      {"login_throttled", Action::login_failed},   {"lockout", Action::lockout},
      {"second_factor_passed", Action::second_factor}, {"second_factor_failed", Action::second_factor},
      {"second_factor_enrolled", Action::second_factor}, {"recovery_code_used", Action::second_factor},
      {"logout", Action::logout},                  {"password_changed", Action::update},
      {"user_changed", Action::update},            {"role_changed", Action::rights_change},
      {"user_created", Action::rights_change},     {"user_deactivated", Action::rights_change},
      {"password_reset", Action::rights_change},   {"api_token_created", Action::rights_change},
  };
  for (const auto& [kind, action] : cases) {
    const Entry e = security_entry(event(kind, "member->dpo"));
    EXPECT_EQ(e.action, action) << kind;
    EXPECT_TRUE(core::audit::validate(e)) << kind;
    auto back = security_event_of(e);
    ASSERT_TRUE(back) << kind;
    EXPECT_EQ(back->kind, kind);
    EXPECT_EQ(back->detail, "member->dpo");
    EXPECT_EQ(back->actor, 5);
    EXPECT_EQ(back->subject, 6);
    EXPECT_EQ(back->organisation, 7);
  }
  EXPECT_EQ(security_entry(event("login_failed")).outcome, core::audit::Outcome::failed);
  EXPECT_EQ(security_entry(event("login_throttled")).outcome, core::audit::Outcome::denied);
  EXPECT_EQ(security_entry(event("login_succeeded")).outcome, core::audit::Outcome::success);
  Entry other;
  other.object_type = "person";
  EXPECT_FALSE(security_event_of(other));
}

TEST(AuditSecurityLog, RecordsIntoTheTrailWithoutTheAddressAndReadsRecentBack) {
  MemoryAuditTrail trail;
  MemoryAuditReader reader(trail);
  AuditSecurityLog log(trail, reader);
  auto failed = event("login_failed", "wrong_password");
  failed.actor.reset();
  ASSERT_TRUE(log.record(failed));
  ASSERT_TRUE(log.record(event("login_succeeded")));
  auto elsewhere = event("logout");
  elsewhere.organisation = 9;
  ASSERT_TRUE(log.record(elsewhere));
  // Not an account event: not in recent().
  Entry view;
  view.object_type = "person";
  view.organisation = "7";
  ASSERT_TRUE(trail.record(view, {}));

  const auto entries = trail.entries();
  EXPECT_EQ(entries[0].actor, "");
  EXPECT_EQ(entries[0].source, "pseudonym(198.51.100.4)");

  auto recent = log.recent(7, 10);
  ASSERT_TRUE(recent);
  ASSERT_EQ(recent->size(), 2u);
  EXPECT_EQ((*recent)[0].kind, "login_succeeded");
  EXPECT_EQ((*recent)[1].kind, "login_failed");
  EXPECT_EQ((*recent)[1].detail, "wrong_password");
  EXPECT_FALSE((*recent)[1].actor);
  auto all = log.recent(std::nullopt, 2);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].kind, "logout");
}

}  // namespace
}  // namespace tafel::app::audit
