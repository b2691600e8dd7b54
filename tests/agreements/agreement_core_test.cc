// The agreement as versioned, signed data (core/agreement): validation, canonical
// bytes and hash, the lifecycle, the difference between versions, and the review
// (lint + sharing matrix) through the sharing engine.

#include <gtest/gtest.h>

#include "core/agreement/agreement.h"
#include "core/agreement/canonical.h"
#include "core/agreement/diff.h"
#include "core/agreement/party_facts.h"
#include "core/agreement/sharing_world.h"
#include "core/directory/organisation.h"
#include "fixtures.h"
#include "storage/audit_crypto.h"

namespace tafel::agreement {
namespace {

using namespace sharing;
using test_support::k2026;
using test_support::kDay;
using test_support::police_municipality;

const core::audit::Sha256 kSha = storage::audit_sha256;

TEST(AgreementDocument, AValidDocumentPassesAndEachFaultIsNamed) {
  EXPECT_TRUE(validate(police_municipality()));
  auto one_party = police_municipality();
  one_party.parties.pop_back();
  EXPECT_EQ(validate(one_party).error().message, "an agreement needs at least two parties");
  auto twice = police_municipality();
  twice.parties[1].organisation = "1";
  EXPECT_EQ(validate(twice).error().message, "party 1 is listed twice");
  auto bad_ref = police_municipality();
  bad_ref.rules[0].to = {"sector:bakery"};
  EXPECT_EQ(validate(bad_ref).error().code, "invalid_input");
  auto backwards = police_municipality();
  backwards.valid_until = backwards.valid_from;
  EXPECT_FALSE(validate(backwards));
  auto hidden = police_municipality();
  hidden.parties[0].finality = "ok\x1b[2Jhidden";
  EXPECT_FALSE(validate(hidden));
  auto blank_finality = police_municipality();
  blank_finality.parties[0].finality = "   ";
  EXPECT_FALSE(validate(blank_finality));
}

TEST(AgreementCanonical, BytesRoundTripAndTheHashNamesOneText) {
  Document d = police_municipality();
  std::string bytes = canonical_bytes(d);
  auto back = parse_canonical(bytes);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, d);
  EXPECT_EQ(canonical_bytes(*back), bytes);

  std::string h = version_hash(d, kSha);
  EXPECT_EQ(h.size(), 64u);
  Document changed = d;
  changed.parties[0].tasks[0] += ".";
  EXPECT_NE(version_hash(changed, kSha), h);
  // Moving text between neighbouring fields changes the bytes (length prefixes).
  Document a = d, b = d;
  a.parties[0].roles = {"ab", "c"};
  b.parties[0].roles = {"a", "bc"};
  EXPECT_NE(canonical_bytes(a), canonical_bytes(b));
}

TEST(AgreementCanonical, CorruptBytesAreRefusedNotTrusted) {
  std::string bytes = canonical_bytes(police_municipality());
  EXPECT_EQ(parse_canonical(bytes + "x").error().code, "corrupt_agreement");
  EXPECT_EQ(parse_canonical(bytes.substr(0, bytes.size() / 2)).error().code, "corrupt_agreement");
  EXPECT_FALSE(parse_canonical(""));
  std::string huge = "format 17:tafel-agreement 1\ntitle 99999999999999999999:";
  EXPECT_FALSE(parse_canonical(huge));
  // Every prefix fails cleanly (no crash, no hang).
  for (std::size_t n = 0; n < bytes.size(); n += 7) EXPECT_FALSE(parse_canonical(bytes.substr(0, n)));
}

TEST(AgreementLifecycle, InForceOnlyWhenEveryPartySignedTheExactText) {
  auto a = Agreement::create(police_municipality(), 7, k2026, kSha);
  ASSERT_TRUE(a);
  std::string hash = a->latest().hash;
  EXPECT_EQ(a->sign("1", 10, "0000", k2026).error().code, "stale_version");
  EXPECT_EQ(a->sign("2", 10, hash, k2026).error().code, "not_party");
  auto first = a->sign("1", 10, hash, k2026);
  ASSERT_TRUE(first);
  EXPECT_FALSE(*first);
  EXPECT_EQ(a->sign("1", 11, hash, k2026).error().code, "already_signed");
  EXPECT_EQ(a->latest().missing_signatures(), std::vector<std::string>{"3"});

  // Editing the draft changes its hash: the first signature no longer counts.
  Document edited = police_municipality();
  edited.title = "Overlast Nethegem 2026";
  ASSERT_TRUE(a->edit(edited, kSha));
  EXPECT_NE(a->latest().hash, hash);
  EXPECT_EQ(a->latest().missing_signatures(), (std::vector<std::string>{"1", "3"}));
  EXPECT_EQ(a->latest().signatures.size(), 1u);  // kept on record

  hash = a->latest().hash;
  ASSERT_TRUE(a->sign("3", 30, hash, k2026));
  auto second = a->sign("1", 10, hash, k2026 + 1);
  ASSERT_TRUE(second);
  EXPECT_TRUE(*second);
  EXPECT_EQ(a->latest().status, VersionStatus::in_force);
  EXPECT_EQ(a->edit(edited, kSha).error().code, "not_draft");
}

TEST(AgreementLifecycle, ANewVersionSupersedesTheOldOneOnlyOnceSigned) {
  auto a = Agreement::create(police_municipality(), 7, k2026, kSha);
  ASSERT_TRUE(a);
  for (const char* org : {"1", "3"}) ASSERT_TRUE(a->sign(org, 1, a->latest().hash, k2026));
  ASSERT_TRUE(a->new_version(7, k2026 + kDay));
  EXPECT_EQ(a->new_version(7, k2026 + kDay).error().code, "draft_exists");
  EXPECT_EQ(a->versions().size(), 2u);
  EXPECT_EQ(a->effective()->number, 1);  // the draft does not replace it yet

  Document v2 = police_municipality();
  v2.rules.pop_back();
  ASSERT_TRUE(a->edit(v2, kSha));
  for (const char* org : {"3", "1"}) ASSERT_TRUE(a->sign(org, 1, a->latest().hash, k2026 + 2 * kDay));
  EXPECT_EQ(a->version(1)->status, VersionStatus::superseded);
  EXPECT_EQ(a->effective()->number, 2);

  ASSERT_TRUE(a->suspend(k2026 + 3 * kDay));
  EXPECT_EQ(a->effective()->status, VersionStatus::suspended);
  EXPECT_EQ(a->suspend(k2026).error().code, "not_in_force");
  ASSERT_TRUE(a->resume(k2026 + 4 * kDay));
  ASSERT_TRUE(a->end(k2026 + 5 * kDay));
  EXPECT_EQ(a->effective(), nullptr);
  EXPECT_EQ(a->new_version(7, k2026 + 6 * kDay).error().code, "ended");
}

TEST(AgreementLifecycle, RestoreRefusesAVersionThatNoLongerMatchesItsHash) {
  auto a = Agreement::create(police_municipality(), 7, k2026, kSha);
  ASSERT_TRUE(a);
  auto versions = a->versions();
  EXPECT_TRUE(Agreement::restore(5, 0, versions, kSha));
  versions[0].document.parties[0].finality = "Iets anders";
  EXPECT_EQ(Agreement::restore(5, 0, versions, kSha).error().code, "corrupt_agreement");
}

TEST(AgreementDiff, NamesWhatChangedBetweenTwoVersions) {
  Document a = police_municipality();
  Document b = a;
  EXPECT_TRUE(diff(a, b).empty());
  b.title = "Nieuw";
  b.parties[1].finality = "Veiligheid";
  b.rules[1].purposes.add(Purpose::public_order);
  b.rules.erase(b.rules.begin());
  RuleText r3 = a.rules[0];
  r3.id = "r3";
  b.rules.push_back(r3);
  b.retention[1].days = 90;
  auto changes = diff(a, b);
  ASSERT_EQ(changes.size(), 6u);
  EXPECT_EQ(changes[0], (Change{"title", Change::Kind::changed, "", "Overlast Nethegem", "Nieuw"}));
  EXPECT_EQ(changes[1].field, "party_finality");
  EXPECT_EQ(changes[1].subject, "3");
  EXPECT_EQ(changes[2].field, "rule");
  EXPECT_EQ(changes[2].kind, Change::Kind::removed);
  EXPECT_EQ(changes[2].subject, "r1");
  EXPECT_EQ(changes[3].kind, Change::Kind::changed);
  EXPECT_EQ(changes[3].subject, "r2");
  EXPECT_NE(changes[3].after.find("public_order"), std::string::npos);
  EXPECT_EQ(changes[4].kind, Change::Kind::added);
  EXPECT_EQ(changes[4].subject, "r3");
  EXPECT_EQ(changes[5], (Change{"retention", Change::Kind::changed, "social", "180", "90"}));
}

std::vector<Organisation> parties() {
  test_support::OrganisationsOnly d;
  test_support::seed_directory(d);
  std::vector<Organisation> out;
  auto listed = d.list_organisations();
  EXPECT_TRUE(listed);
  if (!listed) return out;
  for (const auto& o : *listed) out.push_back(directory::as_sharing_party(o));
  return out;
}

TEST(AgreementReview, TheMatrixShowsWhatEachPartyMayReceive) {
  auto r = review(police_municipality(), parties());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_FALSE(r->has_errors());
  ASSERT_EQ(r->matrix.size(), 2u);
  for (const auto& row : r->matrix) {
    const auto& from = r->world.organisations[row.from].id;
    const auto& cell_identity_coordination =
        row.cells[static_cast<std::size_t>(Purpose::coordination)][static_cast<std::size_t>(Category::identity)];
    const auto& cell_social_coordination =
        row.cells[static_cast<std::size_t>(Purpose::coordination)][static_cast<std::size_t>(Category::social)];
    EXPECT_TRUE(cell_identity_coordination.grounds.has(Ground::agreement)) << from;
    // Social information flows from the police to the municipality only.
    EXPECT_EQ(cell_social_coordination.grounds.has(Ground::agreement), from == "1");
  }
}

TEST(AgreementReview, LintFindsAPartyThatIsNotOneAndMissingLegalReferences) {
  Document d = police_municipality();
  d.rules[0].to = {"2"};  // the CAW is in the directory, not a party
  d.rules[1].categories.add(Category::judicial);
  auto r = review(d, parties());
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->has_errors());
  std::vector<std::string> codes;
  for (const auto& f : r->findings) codes.push_back(f.code);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "unknown_party"), codes.end());
  EXPECT_NE(std::find(codes.begin(), codes.end(), "missing_legal_reference"), codes.end());

  Document stranger = police_municipality();
  stranger.parties[1].organisation = "99";
  EXPECT_EQ(review(stranger, parties()).error().code, "unknown_organisation");
}

// Issue 11, point 3: a signature keeps the parties' facts; a later change shows.
TEST(AgreementPartyFacts, ASignatureKeepsTheFactsAndAChangeSinceIsNamed) {
  auto a = Agreement::create(police_municipality(), 1, k2026, kSha);
  ASSERT_TRUE(a);
  sharing::Organisation police{"1", Sector::police, Secrecy::professional, true, Mission::safety};
  sharing::Organisation city{"3", Sector::municipality, Secrecy::none, false, Mission::care};
  const std::string facts = facts_text(a->latest(), {city, police});
  EXPECT_EQ(facts, "1:police/professional/safety/1;3:municipality/none/care/0");
  auto parsed = parse_facts_text(facts);
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[1].sector, Sector::municipality);
  EXPECT_FALSE(parse_facts_text("1:police/none"));
  EXPECT_FALSE(parse_facts_text("1:bakery/none/care/0"));

  for (const char* org : {"1", "3"}) ASSERT_TRUE(a->sign(org, 1, a->latest().hash, k2026, facts));
  EXPECT_TRUE(parties_with_changed_facts(a->latest(), {police, city}).empty());
  city.secrecy = Secrecy::professional;
  EXPECT_EQ(parties_with_changed_facts(a->latest(), {police, city}), std::vector<std::string>{"3"});
  // Signatures without recorded facts (before issue 11) never raise the warning.
  auto old = Agreement::create(police_municipality(), 1, k2026, kSha);
  for (const char* org : {"1", "3"}) ASSERT_TRUE(old->sign(org, 1, old->latest().hash, k2026));
  EXPECT_TRUE(parties_with_changed_facts(old->latest(), {police, city}).empty());
}

}  // namespace
}  // namespace tafel::agreement
