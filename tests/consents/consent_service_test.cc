// The consent registry's use cases over the memory store: recording for a visible
// case, giving only with evidence, who gives for a minor, withdrawal, evidence reads
// audited, summaries for other organisations, the expiring-first list, and the facts
// fed to the sharing engine (permit on the consent ground, deny after withdrawal).

#include <gtest/gtest.h>

#include <algorithm>

#include "app/audit/audit_trail.h"
#include "app/clock.h"
#include "app/consents/consent_service.h"
#include "core/sharing/policy.h"

namespace tafel::app::consents {
namespace {

using namespace tafel::consents;
using sharing::Category;
using sharing::Purpose;

constexpr sharing::Timestamp kDay = 24LL * 3600 * 1000000;

struct ConsentServiceTest : ::testing::Test {
  MemoryConsentStore store;
  cases::MemoryCaseDirectory cases;
  audit::MemoryAuditTrail audit;
  ManualClock clock{Instant{std::chrono::seconds{1'780'000'000}}};
  ConsentService service{store, cases, audit, clock, UnitOfWork::immediate()};

  static Caller caller(access::UserId user, access::OrganisationId org, access::Role role = access::Role::member) {
    return {access::Principal{user, org, role, true}, {"req", "192.0.2.7"}};
  }
  // Organisation 1 (welfare) records; 2 (police) is on the case's safety track; 3 is not involved.
  Caller welfare = caller(11, 1), police = caller(21, 2), outsider = caller(31, 3);
  Caller observer = caller(12, 1, access::Role::observer), dpo = caller(13, 1, access::Role::dpo);

  void SetUp() override {
    cases.put({5, 1, true, false, false, {1}, {2}});
    cases.put({6, 1, true, true, false, {1}, {}});  // a minor
  }
  sharing::Timestamp now() const { return service.now(); }

  ConsentDraft draft(std::int64_t case_id = 5) {
    ConsentDraft d;
    d.case_id = case_id;
    d.recipients = {Recipient{Recipient::Kind::organisation, 2, sharing::Sector::other}};
    d.categories = {Category::identity};
    d.purposes = {Purpose::care};
    d.valid_until = now() + 365 * kDay;
    return d;
  }
  Answer witnessed(Giver giver = Giver::person, int age = 0) {
    return Answer{giver, age, "An Peeters", "maatschappelijk werker"};
  }
  std::size_t audited(const std::string& object_type) const {
    auto entries = audit.entries();
    return static_cast<std::size_t>(std::count_if(entries.begin(), entries.end(), [&](const auto& e) {
      return e.object_type == object_type;
    }));
  }
};

TEST_F(ConsentServiceTest, RecordedForAVisibleCaseOnlyAndStartsRequested) {
  auto c = service.record(welfare, draft());
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->state, State::requested);
  EXPECT_EQ(c->recorded_by, 1);
  EXPECT_EQ(audited("consent"), 1u);
  EXPECT_EQ(service.record(outsider, draft()).error().code, "not_found");
  EXPECT_EQ(service.record(welfare, draft(99)).error().code, "not_found");
  EXPECT_EQ(service.record(observer, draft()).error().code, "forbidden");
  EXPECT_EQ(service.record(dpo, draft()).error().code, "forbidden");
  auto empty = draft();
  empty.purposes = {};
  EXPECT_EQ(service.record(welfare, empty).error().code, "invalid_input");
}

TEST_F(ConsentServiceTest, GivenOnlyWithEvidence) {
  auto c = *service.record(welfare, draft());
  EXPECT_EQ(service.give(welfare, c.id, Answer{}).error().code, "evidence_required");
  auto given = service.give(welfare, c.id, witnessed());
  ASSERT_TRUE(given) << given.error().message;
  EXPECT_EQ(given->state, State::given);
  EXPECT_EQ(given->evidence.kind, Evidence::Kind::verbal);
  EXPECT_EQ(given->evidence.witness_function, "maatschappelijk werker");
  EXPECT_EQ(service.give(welfare, c.id, witnessed()).error().code, "invalid_transition");
  EXPECT_EQ(service.refuse(welfare, c.id, witnessed()).error().code, "invalid_transition");
}

TEST_F(ConsentServiceTest, AnUploadedFormIsEvidenceAndEveryReadIsAudited) {
  auto c = *service.record(welfare, draft());
  std::vector<std::uint8_t> html{'<', 'h', 't', 'm', 'l', '>'};
  EXPECT_EQ(service.attach_evidence(welfare, c.id, html).error().code, "evidence_type");
  std::vector<std::uint8_t> pdf{'%', 'P', 'D', 'F', '-', '1', '.', '7', '\n'};
  EXPECT_EQ(service.attach_evidence(police, c.id, pdf).error().code, "forbidden");
  ASSERT_TRUE(service.attach_evidence(welfare, c.id, pdf));
  auto given = service.give(welfare, c.id, Answer{});
  ASSERT_TRUE(given) << given.error().message;
  EXPECT_EQ(given->evidence.kind, Evidence::Kind::form);
  EXPECT_EQ(given->evidence.file_type, "application/pdf");
  EXPECT_EQ(audited("consent_evidence"), 1u);  // the upload
  auto file = service.evidence(welfare, c.id);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->bytes, pdf);
  EXPECT_EQ(audited("consent_evidence"), 2u);  // and the read
  EXPECT_EQ(service.evidence(police, c.id).error().code, "forbidden");
  EXPECT_EQ(service.evidence(outsider, c.id).error().code, "not_found");
  EXPECT_TRUE(service.evidence(dpo, c.id));
  EXPECT_EQ(service.evidence(observer, c.id).error().code, "forbidden");
}

TEST_F(ConsentServiceTest, AMinorsConsentNamesWhoGaveIt) {
  auto c = *service.record(welfare, draft(6));
  EXPECT_EQ(service.give(welfare, c.id, witnessed(Giver::person)).error().code, "giver_not_allowed");
  EXPECT_EQ(service.give(welfare, c.id, witnessed(Giver::minor_self)).error().code, "minor_age_required");
  EXPECT_EQ(service.give(welfare, c.id, witnessed(Giver::minor_self, 11)).error().code, "minor_too_young");
  auto given = service.give(welfare, c.id, witnessed(Giver::minor_self, 12));
  ASSERT_TRUE(given) << given.error().message;
  EXPECT_EQ(given->giver, Giver::minor_self);
  EXPECT_EQ(given->minor_age, 12);

  ConsentService strict{store, cases, audit, clock, UnitOfWork::immediate(), ConsentSettings{16}};
  auto d = *strict.record(welfare, draft(6));
  EXPECT_EQ(strict.give(welfare, d.id, witnessed(Giver::minor_self, 14)).error().code, "minor_too_young");
  EXPECT_TRUE(strict.give(welfare, d.id, witnessed(Giver::parent)));
}

TEST_F(ConsentServiceTest, WithdrawalRecordsWhenAndByWhomAndIsFinal) {
  auto c = *service.record(welfare, draft());
  EXPECT_EQ(service.withdraw(welfare, c.id).error().code, "invalid_transition");
  ASSERT_TRUE(service.give(welfare, c.id, witnessed()));
  EXPECT_EQ(service.withdraw(police, c.id).error().code, "forbidden");
  clock.advance(std::chrono::hours(1));
  auto w = service.withdraw(welfare, c.id);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->state, State::withdrawn);
  EXPECT_EQ(w->withdrawn_at, now());
  EXPECT_EQ(w->withdrawn_by, 11);
  EXPECT_EQ(service.give(welfare, c.id, witnessed()).error().code, "invalid_transition");
  auto entries = audit.entries();
  EXPECT_EQ(entries.back().object_type, "consent:withdrawn");
}

TEST_F(ConsentServiceTest, OtherOrganisationsSeeSummariesOnTheCaseObserversNothing) {
  auto c = *service.record(welfare, draft());
  ASSERT_TRUE(service.give(welfare, c.id, witnessed()));
  auto own = service.case_consents(welfare, 5);
  ASSERT_TRUE(own);
  ASSERT_EQ(own->size(), 1u);
  EXPECT_TRUE((*own)[0].full);
  EXPECT_EQ((*own)[0].consent.evidence.witness_name, "An Peeters");
  auto theirs = service.case_consents(police, 5);
  ASSERT_TRUE(theirs);
  ASSERT_EQ(theirs->size(), 1u);
  EXPECT_FALSE((*theirs)[0].full);
  EXPECT_EQ((*theirs)[0].state, State::given);
  EXPECT_EQ((*theirs)[0].consent.categories, sharing::CategorySet{Category::identity});
  EXPECT_EQ((*theirs)[0].consent.evidence.kind, Evidence::Kind::none);
  EXPECT_TRUE((*theirs)[0].consent.evidence.witness_name.empty());
  EXPECT_EQ(service.consent(police, c.id).error().code, "forbidden");
  EXPECT_EQ(service.case_consents(outsider, 5).error().code, "not_found");
  EXPECT_EQ(service.case_consents(observer, 5).error().code, "forbidden");
  EXPECT_EQ(audited("case_consents"), 2u);
}

TEST_F(ConsentServiceTest, TheListPutsThoseExpiringWithin30DaysFirstAndFiltersByState) {
  auto later = *service.record(welfare, draft());
  ASSERT_TRUE(service.give(welfare, later.id, witnessed()));
  auto d = draft();
  d.valid_until = now() + 10 * kDay;
  auto soon = *service.record(welfare, d);
  ASSERT_TRUE(service.give(welfare, soon.id, witnessed()));
  auto asked = *service.record(welfare, draft());
  auto all = service.list(welfare, std::nullopt);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].consent.id, soon.id);
  EXPECT_TRUE((*all)[0].expiring);
  EXPECT_EQ((*all)[1].consent.id, asked.id);
  auto requested = service.list(welfare, State::requested);
  ASSERT_EQ(requested->size(), 1u);
  EXPECT_EQ(service.expiring()->size(), 1u);
  clock.advance(std::chrono::hours(24 * 11));
  auto expired = service.list(welfare, State::expired);
  ASSERT_EQ(expired->size(), 1u);
  EXPECT_EQ((*expired)[0].consent.id, soon.id);
  EXPECT_TRUE(service.list(police, std::nullopt)->empty());
  EXPECT_EQ(service.list(observer, std::nullopt).error().code, "forbidden");
}

// A world as the sharing world cache builds it from the facts: organisations 1
// (welfare, professional secrecy) and 2 (police), the case's person as subject.
sharing::World world_of(const std::vector<ConsentFact>& facts) {
  sharing::World w;
  w.organisations = {{"org-1", sharing::Sector::welfare, sharing::Secrecy::professional, false, sharing::Mission::care},
                     {"org-2", sharing::Sector::police, sharing::Secrecy::none, true, sharing::Mission::safety}};
  w.subjects = {{cases::subject_id(5), false, false}};
  for (const auto& f : facts) {
    sharing::Consent c;
    c.id = "consent-" + std::to_string(f.id);
    c.subject = 0;
    c.recorded_by = static_cast<sharing::OrgIndex>(f.recorded_by - 1);
    for (const auto& r : f.recipients) {
      sharing::PartyRef p;
      p.kind = r.kind == ConsentRecipient::Kind::organisation ? sharing::PartyRef::Kind::organisation
               : r.kind == ConsentRecipient::Kind::sector     ? sharing::PartyRef::Kind::sector
                                                              : sharing::PartyRef::Kind::any;
      p.organisation = static_cast<sharing::OrgIndex>(r.organisation - 1);
      p.sector = r.sector;
      c.recipients.push_back(p);
    }
    c.categories = f.categories;
    c.purposes = f.purposes;
    c.given = f.given;
    c.expires = f.expires;
    c.withdrawn = f.withdrawn;
    w.consents.push_back(c);
  }
  return w;
}

sharing::Decision decide(const std::vector<ConsentFact>& facts, sharing::Timestamp at) {
  auto policy = sharing::Policy::compile(world_of(facts));
  EXPECT_TRUE(policy);
  sharing::Request r;
  r.actor = 0;
  r.recipient = 1;
  r.subject = 0;
  r.categories = {Category::identity};
  r.purpose = Purpose::care;
  r.ground = sharing::Ground::consent;
  r.at = at;
  EXPECT_TRUE(policy->validate(r));
  return policy->decide(r);
}

TEST_F(ConsentServiceTest, TheEnginePermitsOnTheRecordedConsentAndDeniesAfterWithdrawal) {
  auto c = *service.record(welfare, draft());
  auto requested = *service.given_consents();
  EXPECT_TRUE(requested.empty());  // a requested consent is not a fact
  EXPECT_FALSE(decide(requested, now()).permit);

  ASSERT_TRUE(service.give(welfare, c.id, witnessed()));
  clock.advance(std::chrono::minutes(1));
  auto given = *service.given_consents();
  ASSERT_EQ(given.size(), 1u);
  EXPECT_EQ(given[0].case_id, 5);
  auto permitted = decide(given, now());
  EXPECT_TRUE(permitted.permit);
  EXPECT_EQ(permitted.ground, sharing::Ground::consent);

  ASSERT_TRUE(service.withdraw(welfare, c.id));
  clock.advance(std::chrono::minutes(1));
  auto withdrawn = *service.given_consents();
  ASSERT_EQ(withdrawn.size(), 1u);  // still a fact, with its withdrawal
  auto denied = decide(withdrawn, now());
  EXPECT_FALSE(denied.permit);
  ASSERT_FALSE(denied.reasons().empty());
  EXPECT_EQ(denied.reasons()[0], sharing::Reason::consent_withdrawn);
  // Before the withdrawal the same facts still permit (the engine decides at `at`).
  EXPECT_TRUE(decide(withdrawn, now() - 2 * 60 * 1000000LL + 1).permit);
}

}  // namespace
}  // namespace tafel::app::consents
