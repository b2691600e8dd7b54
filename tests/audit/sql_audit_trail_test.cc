// The production audit trail on both engines: addresses are stored only as keyed
// pseudonyms, request ids are kept, account events land in the Merkle log (and the
// log still verifies), and the views' queries filter as documented.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "app/audit/audit_security_log.h"
#include "app/clock.h"
#include "storage/audit_crypto.h"
#include "storage/sql_audit_trail.h"
#include "support/test_database.h"

namespace tafel::storage {
namespace {

namespace audit = core::audit;
using app::audit::AuditFilter;
using app::audit::Origin;
using test_support::TestDatabase;

class SqlAuditTrailTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
    auto db = TestDatabase::create(GetParam());
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
    trail_ = std::make_unique<SqlAuditTrail>(db_->database(), key_, clock_);
  }

  audit::Entry entry(std::string actor, std::string org, audit::Action action, std::string type, std::string id) {
    audit::Entry e;
    e.actor = std::move(actor);
    e.organisation = std::move(org);
    e.action = action;
    e.object_type = std::move(type);
    e.object_id = std::move(id);
    return e;
  }

  std::vector<audit::Entry> find(const AuditFilter& filter) {
    auto found = trail_->log().find(filter);
    EXPECT_TRUE(found) << found.error().message;
    return found ? *found : std::vector<audit::Entry>{};
  }

  app::ManualClock clock_{app::Instant(std::chrono::microseconds(1'767'225'600'000'000))};
  AuditKey key_ = AuditKey::generate();
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<SqlAuditTrail> trail_;
};

TEST_P(SqlAuditTrailTest, StoresAPseudonymOfTheAddressAndTheRequestId) {
  auto seq = trail_->record(entry("5", "7", audit::Action::view, "person", "p-1"), Origin{"req-1", "203.0.113.9"});
  ASSERT_TRUE(seq) << seq.error().message;
  EXPECT_EQ(*seq, 1u);
  ASSERT_TRUE(trail_->record(entry("", "", audit::Action::login_failed, "", ""), Origin{"req-2", ""}));
  const auto all = find({});
  ASSERT_EQ(all.size(), 2u);
  const audit::Entry& first = all[1];
  EXPECT_EQ(first.request_id, "req-1");
  EXPECT_EQ(first.source, key_.pseudonymise_source("203.0.113.9"));
  EXPECT_EQ(first.source.find("203.0.113.9"), std::string::npos);
  EXPECT_EQ(first.time_us, 1'767'225'600'000'000);
  EXPECT_EQ(all[0].source, "");  // no address (the CLI): no pseudonym either
  auto report = trail_->log().verify(key_.public_key_hex());
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
}

TEST_P(SqlAuditTrailTest, RefusesAnInvalidEntryBeforeStoringIt) {
  auto bad = entry("5\n", "7", audit::Action::view, "person", "p-1");
  auto seq = trail_->record(bad, {});
  ASSERT_FALSE(seq);
  EXPECT_EQ(seq.error().code, "invalid_audit_entry");
  EXPECT_TRUE(find({}).empty());
}

TEST_P(SqlAuditTrailTest, ConcurrentRequestsAllGetTheirEntry) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        if (!trail_->record(entry(std::to_string(t), "7", audit::Action::view, "person", std::to_string(i)),
                            Origin{"r-" + std::to_string(t) + "-" + std::to_string(i), "10.0.0.1"})) {
          ++failures;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  AuditFilter filter;
  filter.limit = 1000;
  EXPECT_EQ(find(filter).size(), 200u);
}

TEST_P(SqlAuditTrailTest, FindFiltersByEveryCriterionAndPages) {
  std::vector<audit::Entry> batch;
  for (int i = 1; i <= 12; ++i) {
    audit::Entry e = entry("u" + std::to_string(i % 3), "org-" + std::to_string(i % 2),
                           i % 4 == 0 ? audit::Action::sharing_decision : audit::Action::view, "person",
                           "p-" + std::to_string(i % 5));
    e.time_us = 1'000'000 * i;
    if (e.action == audit::Action::sharing_decision) e.ground = "consent";
    batch.push_back(e);
  }
  ASSERT_TRUE(trail_->log().append(batch));

  AuditFilter by_actor;
  by_actor.actor = "u1";
  for (const auto& e : find(by_actor)) EXPECT_EQ(e.actor, "u1");
  EXPECT_EQ(find(by_actor).size(), 4u);

  AuditFilter by_action;
  by_action.action = audit::Action::sharing_decision;
  by_action.organisation = "org-0";
  EXPECT_EQ(find(by_action).size(), 3u);  // 4, 8, 12

  AuditFilter person;
  person.object_type = "person";
  person.object_id = "p-2";  // 2, 7, 12
  const auto found = find(person);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].seq, 12u);  // newest first
  EXPECT_EQ(found[0].ground, "consent");

  AuditFilter window;
  window.from_us = 3'000'000;
  window.to_us = 6'000'000;  // 3, 4, 5
  EXPECT_EQ(find(window).size(), 3u);

  AuditFilter page;
  page.limit = 5;
  auto first = find(page);
  ASSERT_EQ(first.size(), 5u);
  page.before_seq = first.back().seq;
  auto second = find(page);
  ASSERT_EQ(second.size(), 5u);
  EXPECT_EQ(second.front().seq, 7u);

  AuditFilter oldest;
  oldest.oldest_first = true;
  oldest.after_seq = 10;
  auto tail = find(oldest);
  ASSERT_EQ(tail.size(), 2u);
  EXPECT_EQ(tail[0].seq, 11u);

  AuditFilter none;
  none.actor = "nobody' OR '1'='1";
  EXPECT_TRUE(find(none).empty());
}

TEST_P(SqlAuditTrailTest, AccountEventsLandInTheVerifiedLogAndReadBack) {
  app::audit::AuditSecurityLog log(*trail_, trail_->log());
  app::accounts::SecurityEvent failed;
  failed.kind = "login_failed";
  failed.subject = 6;
  failed.organisation = 7;
  failed.address = "198.51.100.4";
  failed.detail = "wrong_password";
  ASSERT_TRUE(log.record(failed));
  app::accounts::SecurityEvent role;
  role.kind = "role_changed";
  role.actor = 1;
  role.subject = 6;
  role.organisation = 7;
  role.detail = "member->dpo";
  ASSERT_TRUE(log.record(role));

  auto recent = log.recent(7, 10);
  ASSERT_TRUE(recent) << recent.error().message;
  ASSERT_EQ(recent->size(), 2u);
  EXPECT_EQ((*recent)[0].kind, "role_changed");
  EXPECT_EQ((*recent)[0].detail, "member->dpo");
  EXPECT_EQ((*recent)[1].kind, "login_failed");
  EXPECT_EQ((*recent)[1].address, key_.pseudonymise_source("198.51.100.4"));
  EXPECT_TRUE(log.recent(8, 10)->empty());

  AuditFilter rights;
  rights.action = audit::Action::rights_change;
  EXPECT_EQ(find(rights).size(), 1u);
  auto report = trail_->log().verify(key_.public_key_hex());
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries, 2u);
}

INSTANTIATE_TEST_SUITE_P(Engines, SqlAuditTrailTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel::storage
