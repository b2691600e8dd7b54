// The directory use cases on the real database, on every engine: organisations,
// areas, topics, contact points with deputies, the search and coverage warnings, and
// record-level authorisation (an organisation admin touches only its own records).

#include <soci/soci.h>

#include <stdexcept>

#include <gtest/gtest.h>

#include "app/accounts/account_service.h"
#include "app/directory/directory_service.h"
#include "crypto/sodium_crypto.h"
#include "storage/accounts_store.h"
#include "storage/audit_crypto.h"
#include "storage/directory_store.h"
#include "storage/sql_audit_trail.h"
#include "storage/sql_unit_of_work.h"
#include "support/test_database.h"

namespace tafel::app::directory {
namespace {

using access::Role;
using test_support::TestDatabase;

class DirectoryServiceTest : public ::testing::TestWithParam<storage::Engine> {
 protected:
  void SetUp() override {
    TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
    auto db = TestDatabase::create(GetParam());
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
    accounts_ = std::make_unique<storage::SqlAccountStore>(db_->database(), clock_);
    store_ = std::make_unique<storage::SqlDirectoryStore>(db_->database(), clock_);
    trail_ = std::make_unique<storage::SqlAuditTrail>(db_->database(), storage::AuditKey::generate(), clock_);
    transactions_ = std::make_unique<storage::SqlUnitOfWork>(db_->database());
    service_ = std::make_unique<DirectoryService>(*store_, *accounts_, trail_.get(), *transactions_);

    auto city = service_->create_area(platform_, {0, dir::AreaKind::municipality, "Rivierstad", std::nullopt});
    ASSERT_TRUE(city) << city.error().message;
    city_ = *city;
    district_ = *service_->create_area(platform_, {0, dir::AreaKind::district, "Oosthoek", city_});
    other_city_ = *service_->create_area(platform_, {0, dir::AreaKind::municipality, "Dijkdorp", std::nullopt});

    caw_ = add_org("CAW Rivierland", sharing::Sector::welfare, sharing::Secrecy::professional, false);
    police_ = add_org("Politiezone Rivierstad", sharing::Sector::police, sharing::Secrecy::none, true);
    caw_admin_ = {add_user("admin@caw.example", caw_, Role::organisation_admin), caw_, Role::organisation_admin, true};
    police_admin_ = {add_user("admin@pz.example", police_, Role::organisation_admin), police_,
                     Role::organisation_admin, true};
    an_ = add_user("an@caw.example", caw_, Role::member);
    bart_ = add_user("bart@caw.example", caw_, Role::member);
    cop_ = add_user("cop@pz.example", police_, Role::member);
    auto topics = service_->topics(platform_);
    ASSERT_TRUE(topics);
    ASSERT_EQ(topics->size(), 8u);  // the default list
    youth_ = topics->at(0).id;
    drugs_ = topics->at(1).id;
  }

  dir::OrganisationId add_org(const std::string& name, sharing::Sector sector, sharing::Secrecy secrecy, bool duty) {
    dir::Organisation o;
    o.name = name;
    o.sector = sector;
    o.secrecy = secrecy;
    o.reporting_duty = duty;
    o.finality = "Wat we doen.";
    o.languages = {"nl", "fr"};
    o.areas = {city_};
    auto id = service_->create_organisation(platform_, o);
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }

  access::UserId add_user(const std::string& email, dir::OrganisationId org, Role role) {
    access::User u;
    u.organisation_id = org;
    u.email = email;
    u.display_name = email.substr(0, email.find('@'));
    u.phone = "015 11 22 33";
    u.role = role;
    auto id = accounts_->create_user(u, "x");
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }

  dir::ContactPoint cp(dir::OrganisationId org, dir::TopicId topic, dir::AreaId area, dir::PersonId primary,
                       std::vector<dir::PersonId> deputies) {
    return {0, org, topic, area, primary, std::move(deputies), "ma-vr 9-17", "015 99 99 99", {"nl", "fr"}};
  }

  ManualClock clock_{Instant{std::chrono::seconds{1'800'000'000}}};
  access::Principal platform_{1, 0, Role::platform_admin, true};
  access::Principal caw_admin_, police_admin_;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<storage::SqlAccountStore> accounts_;
  std::unique_ptr<storage::SqlDirectoryStore> store_;
  std::unique_ptr<storage::SqlAuditTrail> trail_;
  std::unique_ptr<storage::SqlUnitOfWork> transactions_;
  std::unique_ptr<DirectoryService> service_;
  dir::AreaId city_ = 0, district_ = 0, other_city_ = 0;
  dir::OrganisationId caw_ = 0, police_ = 0;
  access::UserId an_ = 0, bart_ = 0, cop_ = 0;
  dir::TopicId youth_ = 0, drugs_ = 0;
};

// Issue 21: the search reads pages by id; following `next` yields every hit once,
// each with its own deputies (read by id, not from the whole table).
TEST_P(DirectoryServiceTest, SearchPagesFollowNextToTheEndWithTheirOwnDeputies) {
  std::vector<dir::ContactPointId> ids;
  for (int i = 0; i < 5; ++i) {
    auto id = service_->save_contact_point(caw_admin_, cp(caw_, youth_, city_, i % 2 ? an_ : bart_,
                                                          {i % 2 ? bart_ : an_}));
    ASSERT_TRUE(id) << id.error().message;
    ids.push_back(*id);
  }
  ASSERT_TRUE(service_->save_contact_point(caw_admin_, cp(caw_, drugs_, city_, an_, {})));
  access::Principal officer{cop_, police_, Role::member, true};
  dir::SearchFilter filter;
  filter.topic = youth_;
  std::vector<dir::ContactPointId> seen;
  dir::ContactPointId after = 0;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = service_->search_page(officer, filter, after, 2);
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_LE(page->hits.size(), 2u);
    for (const auto& h : page->hits) {
      seen.push_back(h.contact_point.id);
      ASSERT_EQ(h.deputies.size(), 1u);
      EXPECT_NE(h.deputies[0].id, h.primary.id);
    }
    if (!page->next) break;
    after = *page->next;
  }
  EXPECT_EQ(seen, ids);
  // One contact point by id carries its own deputy only.
  auto one = service_->contact_point(officer, ids[1]);
  ASSERT_TRUE(one) << one.error().message;
  ASSERT_EQ(one->deputies.size(), 1u);
  EXPECT_EQ(one->deputies[0].id, bart_);
}

TEST_P(DirectoryServiceTest, AdminCreatesAContactPointWithADeputyAndOthersFindIt) {
  auto id = service_->save_contact_point(caw_admin_, cp(caw_, youth_, city_, an_, {bart_}));
  ASSERT_TRUE(id) << id.error().message;
  access::Principal officer{cop_, police_, Role::member, true};
  // From a district of the town, about youth, in French.
  dir::SearchFilter filter;
  filter.topic = youth_;
  filter.area = district_;
  filter.language = "fr";
  auto hits = service_->search(officer, filter);
  ASSERT_TRUE(hits) << hits.error().message;
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ(hits->at(0).organisation.name, "CAW Rivierland");
  EXPECT_EQ(hits->at(0).primary.display_name, "an");
  ASSERT_EQ(hits->at(0).deputies.size(), 1u);
  EXPECT_EQ(hits->at(0).deputies[0].display_name, "bart");
  EXPECT_EQ(hits->at(0).topic.label("nl"), "Jongeren");

  filter.area = other_city_;
  EXPECT_TRUE(service_->search(officer, filter)->empty());
  filter.area.reset();
  filter.sector = sharing::Sector::police;
  EXPECT_TRUE(service_->search(officer, filter)->empty());
  filter.sector.reset();
  filter.topic = drugs_;
  EXPECT_TRUE(service_->search(officer, filter)->empty());
}

std::vector<core::audit::Entry> entries_about(storage::SqlAuditTrail& trail, const std::string& type) {
  auto found = trail.log().find(audit::AuditFilter{});
  EXPECT_TRUE(found) << found.error().message;
  std::vector<core::audit::Entry> out;
  for (auto& e : found.value_or(std::vector<core::audit::Entry>{})) {
    if (e.object_type == type) out.push_back(e);
  }
  return out;
}

TEST_P(DirectoryServiceTest, ContactPointChangesAreAuditedInTheSameTransaction) {
  const audit::Origin origin{"req-7", "198.51.100.4"};
  auto id = service_->save_contact_point(caw_admin_, cp(caw_, youth_, city_, an_, {bart_}), origin);
  ASSERT_TRUE(id) << id.error().message;
  ASSERT_TRUE(service_->delete_contact_point(caw_admin_, *id, origin));
  auto entries = entries_about(*trail_, "contact_point");
  ASSERT_EQ(entries.size(), 2u);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
  EXPECT_EQ(entries[0].action, core::audit::Action::create);
  EXPECT_EQ(entries[1].action, core::audit::Action::remove);
  EXPECT_EQ(entries[0].object_id, std::to_string(*id));
  EXPECT_EQ(entries[0].actor, std::to_string(caw_admin_.user_id));
  EXPECT_EQ(entries[0].request_id, "req-7");
  EXPECT_NE(entries[0].source, "198.51.100.4") << "only a pseudonym of the address is stored";

  // An entry that cannot be written (a request id longer than an entry field may be)
  // means the change does not happen either.
  const audit::Origin unusable{std::string(300, 'r'), ""};
  auto refused = service_->save_contact_point(caw_admin_, cp(caw_, drugs_, city_, an_, {}), unusable);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "invalid_audit_entry");
  dir::SearchFilter drugs;
  drugs.topic = drugs_;
  auto hits = service_->search(caw_admin_, drugs);
  ASSERT_TRUE(hits);
  EXPECT_TRUE(hits->empty()) << "a contact point whose audit entry failed must not be stored";
  EXPECT_EQ(entries_about(*trail_, "contact_point").size(), 2u);
}

TEST_P(DirectoryServiceTest, OrganisationAdminsTouchOnlyTheirOwnRecords) {
  auto id = *service_->save_contact_point(caw_admin_, cp(caw_, youth_, city_, an_, {bart_}));
  // Another organisation's admin: not for their organisation, and not by naming their own.
  EXPECT_EQ(service_->save_contact_point(police_admin_, cp(caw_, drugs_, city_, an_, {})).error().code, "forbidden");
  auto hijack = cp(police_, youth_, city_, cop_, {});
  hijack.id = id;
  EXPECT_EQ(service_->save_contact_point(police_admin_, hijack).error().code, "forbidden");
  EXPECT_EQ(service_->delete_contact_point(police_admin_, id).error().code, "forbidden");
  auto org = *store_->find_organisation(caw_);
  org->finality = "Overgenomen";
  EXPECT_EQ(service_->update_organisation(police_admin_, *org).error().code, "forbidden");
  // People of another organisation cannot be put on a contact point.
  EXPECT_EQ(service_->save_contact_point(caw_admin_, cp(caw_, drugs_, city_, an_, {cop_})).error().code,
            "invalid_input");
  EXPECT_EQ(service_->create_topic(caw_admin_, {0, "school", "School", "École", "School"}).error().code, "forbidden");
  // The own admin can edit and delete.
  auto mine = *service_->contact_point(caw_admin_, id);
  mine.contact_point.office_hours = "24/7";
  ASSERT_TRUE(service_->save_contact_point(caw_admin_, mine.contact_point));
  EXPECT_EQ(service_->contact_point(caw_admin_, id)->contact_point.office_hours, "24/7");
  ASSERT_TRUE(service_->delete_contact_point(caw_admin_, id));
  EXPECT_EQ(service_->contact_point(caw_admin_, id).error().code, "not_found");
}

TEST_P(DirectoryServiceTest, CoverageWarnsAboutMissingDeputiesAndWhiteRavens) {
  ASSERT_TRUE(service_->save_contact_point(caw_admin_, cp(caw_, youth_, city_, an_, {})));
  for (auto topic : {drugs_, youth_ + 2, youth_ + 3}) {
    ASSERT_TRUE(service_->save_contact_point(caw_admin_, cp(caw_, topic, city_, an_, {bart_})));
  }
  auto warnings = service_->coverage(caw_admin_, caw_);
  ASSERT_TRUE(warnings) << warnings.error().message;
  ASSERT_EQ(warnings->size(), 2u);
  EXPECT_EQ(warnings->at(0).warning.kind, dir::CoverageWarning::Kind::no_deputy);
  EXPECT_EQ(warnings->at(0).contact_point->primary.id, an_);
  EXPECT_EQ(warnings->at(1).warning.kind, dir::CoverageWarning::Kind::overloaded_person);
  EXPECT_EQ(warnings->at(1).person->id, an_);
  EXPECT_EQ(warnings->at(1).warning.count, 4);
  EXPECT_EQ(service_->coverage(police_admin_, caw_).error().code, "forbidden");
  EXPECT_EQ(service_->coverage(platform_, std::nullopt)->size(), 2u);
  // The profile carries the warnings for its own admin only.
  EXPECT_EQ(service_->profile(caw_admin_, caw_)->warnings.size(), 2u);
  EXPECT_TRUE(service_->profile(police_admin_, caw_)->warnings.empty());
}

TEST_P(DirectoryServiceTest, ProfileSaysWhatThePartnerCanAndCannotShare) {
  access::Principal officer{cop_, police_, Role::member, true};
  auto profile = service_->profile(officer, caw_);
  ASSERT_TRUE(profile) << profile.error().message;
  EXPECT_EQ(profile->organisation.name, "CAW Rivierland");
  ASSERT_EQ(profile->areas.size(), 1u);
  EXPECT_EQ(profile->areas[0].name, "Rivierstad");
  bool cannot_agreement = false;
  for (const auto& s : profile->statements) {
    cannot_agreement |= s.kind == dir::ProfileStatement::Kind::cannot && s.key == "professional_no_agreement";
  }
  EXPECT_TRUE(cannot_agreement);
  EXPECT_EQ(service_->profile(officer, 999).error().code, "not_found");
  EXPECT_EQ(service_->profile(access::Principal{cop_, police_, Role::member, false}, caw_).error().code,
            "second_factor_required");
}

TEST_P(DirectoryServiceTest, OrganisationsAndTopicsAreValidatedAndUnique) {
  dir::Organisation dup = *store_->find_organisation(caw_).value();
  dup.id = 0;
  EXPECT_EQ(service_->create_organisation(platform_, dup).error().code, "duplicate_name");
  dup.name = "Nieuw";
  dup.website = "ftp://x";
  EXPECT_EQ(service_->create_organisation(platform_, dup).error().code, "invalid_input");
  EXPECT_EQ(service_->create_topic(platform_, {0, "youth", "a", "b", "c"}).error().code, "duplicate_key");
  EXPECT_TRUE(service_->create_topic(platform_, {0, "school", "Schoolverzuim", "Absentéisme", "Truancy"}));
  EXPECT_EQ(service_->areas(platform_)->size(), 3u);
  EXPECT_EQ(service_->create_area(platform_, {0, dir::AreaKind::district, "X", district_}).error().code,
            "invalid_input");
}

// Issue 13: the organisation list is kept per sharing-world generation. A change made
// by another server shows at the next read; a rolled-back change never does.
TEST_P(DirectoryServiceTest, OrganisationListFollowsChangesOfEveryServerAndNeverARolledBackOne) {
  auto names = [this]() {
    std::vector<std::string> out;
    auto orgs = service_->organisations(platform_);
    EXPECT_TRUE(orgs) << orgs.error().message;
    if (orgs) {
      for (const auto& o : *orgs) out.push_back(o.name + (o.areas.empty() ? "" : "@" + std::to_string(o.areas[0])));
    }
    return out;
  };
  const std::string at_city = "@" + std::to_string(city_);
  const std::string at_other = "@" + std::to_string(other_city_);
  EXPECT_EQ(names(), (std::vector<std::string>{"CAW Rivierland" + at_city, "Politiezone Rivierstad" + at_city}));
  EXPECT_EQ(names(), (std::vector<std::string>{"CAW Rivierland" + at_city, "Politiezone Rivierstad" + at_city}));

  // Another server: its own Database and store on the same data.
  auto other_db = storage::Database::open(db_->url(), 2);
  ASSERT_TRUE(other_db) << other_db.error().message;
  storage::SqlDirectoryStore other(**other_db, clock_);
  auto caw = other.find_organisation(caw_);
  ASSERT_TRUE(caw && *caw);
  dir::Organisation renamed = **caw;
  renamed.name = "CAW Rivierland en Dijkdorp";
  renamed.areas = {other_city_};
  ASSERT_TRUE(other.update_organisation(renamed));
  EXPECT_EQ(names(), (std::vector<std::string>{"CAW Rivierland en Dijkdorp" + at_other,
                                               "Politiezone Rivierstad" + at_city}));

  // A change read inside its own transaction, then rolled back.
  auto police = store_->find_organisation(police_);
  ASSERT_TRUE(police && *police);
  dir::Organisation doomed = **police;
  doomed.name = "Never committed";
  auto rolled_back = db_->database().transaction([&](soci::session&) {
    ASSERT_TRUE(store_->update_organisation(doomed));
    auto inside = store_->list_organisations();
    ASSERT_TRUE(inside);
    EXPECT_EQ(inside->back().name, "Never committed");
    throw std::runtime_error("rolled back");
  });
  ASSERT_FALSE(rolled_back);
  EXPECT_EQ(names(), (std::vector<std::string>{"CAW Rivierland en Dijkdorp" + at_other,
                                               "Politiezone Rivierstad" + at_city}));
  // The next committed change (which reaches the generation the rolled-back one had).
  renamed.name = "CAW Rivierland";
  ASSERT_TRUE(other.update_organisation(renamed));
  EXPECT_EQ(names(), (std::vector<std::string>{"CAW Rivierland" + at_other, "Politiezone Rivierstad" + at_city}));
}

INSTANTIATE_TEST_SUITE_P(Engines, DirectoryServiceTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel::app::directory
