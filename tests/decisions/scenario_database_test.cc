// Issue 12 "Done when": a scenario loaded into the database decides as the file does.
// For every file in ../shared/scenarios (and tests/scenarios), the organisations go into the directory, the
// agreements into the agreement store (signed by every party, then suspended or ended
// as the file says), the tables into the table store (a basis that allows cases is
// approved), the subjects with their care relations become cases and the consents
// consents (MemoryCaseDirectory and MemoryConsentFacts: the real case and consent
// stores plug in at the same ports, app/cases/case_directory.h and
// app/consents/consent_facts.h). The world is then built through the real source
// (CachedSharingWorld over RecordSharingWorld) and every request of the file is
// decided in it and checked against the file's expectation (decision, ground,
// obligations, reasons) and against the engine on the file's own world (the rule).
//
// What the database cannot express is listed below with the reason; such a request
// is still decided and its expectation adjusted as written there, never skipped.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include "app/cases/case_directory.h"
#include "app/clock.h"
#include "app/consents/consent_facts.h"
#include "app/decisions/cached_sharing_world.h"
#include "app/decisions/directory_sharing_facts.h"
#include "app/decisions/record_sharing_world.h"
#include "core/agreement/agreement.h"
#include "formats/expectation.h"
#include "formats/scenario.h"
#include "storage/agreement_store.h"
#include "storage/audit_crypto.h"
#include "storage/directory_store.h"
#include "storage/sharing_world_generation.h"
#include "storage/tables/table_store.h"
#include "support/test_database.h"

namespace tafel {
namespace {

using sharing::OrgIndex;

// The shared files (../shared/scenarios), then the project's own edge cases
// (tests/scenarios).
std::vector<std::string> scenario_files(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  if (!std::filesystem::is_directory(dir)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".yaml") out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string party_ref(const sharing::PartyRef& r, const std::vector<std::int64_t>& org_ids) {
  switch (r.kind) {
    case sharing::PartyRef::Kind::organisation: return std::to_string(org_ids[r.organisation]);
    case sharing::PartyRef::Kind::sector: return "sector:" + std::string(sharing::name_of(r.sector));
    case sharing::PartyRef::Kind::any: return "*";
  }
  return "*";
}

// One scenario file in a fresh database, and the world built from it.
class LoadedScenario {
 public:
  LoadedScenario(storage::Database& db, const formats::Scenario& s, sharing::Timestamp at)
      : clock_(app::Instant{std::chrono::microseconds{at}}),
        directory_(db, clock_),
        agreements_(db, clock_, storage::audit_sha256),
        tables_(db, clock_),
        generation_(db),
        facts_(directory_, agreements_),
        built_(facts_, tables_, cases_, consents_),
        world_(built_, generation_),
        scenario_(s) {}

  // Writes the file's world; fails with what the stores refused.
  Result<void> load() {
    const sharing::World& w = scenario_.world;
    for (const auto& o : w.organisations) {
      directory::Organisation d;
      d.name = o.id;
      d.sector = o.sector;
      d.secrecy = o.secrecy;
      d.reporting_duty = o.reporting_duty;
      d.mission = o.mission;
      d.finality = "Scenario organisation";
      d.languages = {"nl"};
      auto id = directory_.create_organisation(d);
      if (!id) return tl::unexpected(id.error());
      org_ids_.push_back(*id);
    }
    for (const auto& a : w.agreements) {
      agreement::Document doc;
      doc.title = a.id;
      doc.valid_from = a.valid_from;
      doc.valid_until = a.valid_until;
      doc.review_date = a.valid_from + 1;
      for (OrgIndex p : a.parties) doc.parties.push_back({std::to_string(org_ids_[p]), "Scenario party", {}, {}});
      for (const auto& r : a.rules) {
        agreement::RuleText t;
        t.id = r.id;
        t.effect = r.effect;
        for (const auto& f : r.from) t.from.push_back(party_ref(f, org_ids_));
        for (const auto& f : r.to) t.to.push_back(party_ref(f, org_ids_));
        t.categories = r.categories;
        t.purposes = r.purposes;
        t.grounds = r.grounds;
        t.legal_reference = r.legal_reference;
        t.obligations = r.obligations;
        doc.rules.push_back(std::move(t));
      }
      auto stored = agreement::Agreement::create(doc, 1, a.valid_from, storage::audit_sha256);
      if (!stored) return tl::unexpected(stored.error());
      if (a.status != sharing::AgreementStatus::draft) {
        const std::string hash = stored->latest().hash;
        for (const auto& p : doc.parties) {
          if (auto r = stored->sign(p.organisation, 1, hash, a.valid_from); !r) return tl::unexpected(r.error());
        }
        if (a.status == sharing::AgreementStatus::suspended) {
          if (auto r = stored->suspend(a.valid_from); !r) return r;
        }
        if (a.status == sharing::AgreementStatus::ended) {
          if (auto r = stored->end(a.valid_from); !r) return r;
        }
      }
      auto id = agreements_.create(*stored);
      if (!id) return tl::unexpected(id.error());
      agreement_ids_[std::to_string(*id)] = a.id;
    }
    for (const auto& t : w.tables) {
      tables::Table table;
      table.name = t.id;
      table.basis = t.basis;
      table.basis_reference = t.basis_reference;
      table.finality = t.finality;
      for (OrgIndex m : t.members) table.members.push_back(org_ids_[m]);
      // The file's basis is the table's real basis: approved, as a platform admin would.
      if (tables::allows_individual_cases(t.basis)) {
        table.basis_approval = tables::BasisApproval{t.basis, t.basis_reference, 1, org_ids_.front(), 0};
      }
      auto stored = tables_.insert(table);
      if (!stored) return tl::unexpected(stored.error());
      table_ids_.push_back(stored->id);
    }
    // Subjects are the persons of cases numbered 1, 2, ... in file order.
    for (std::size_t i = 0; i < w.subjects.size(); ++i) {
      app::cases::CaseSummary c;
      c.id = static_cast<std::int64_t>(i + 1);
      c.minor = w.subjects[i].minor;
      c.vulnerable = w.subjects[i].vulnerable;
      for (const auto& r : w.relations) {
        if (r.subject == i) c.care_organisations.push_back(org_ids_[r.organisation]);
      }
      cases_.put(c);
    }
    std::int64_t consent_id = 0;
    for (const auto& c : w.consents) {
      app::consents::ConsentFact f;
      f.id = ++consent_id;
      f.case_id = static_cast<std::int64_t>(c.subject) + 1;
      f.recorded_by = org_ids_[c.recorded_by];
      for (const auto& r : c.recipients) {
        app::consents::ConsentRecipient to;
        if (r.kind == sharing::PartyRef::Kind::organisation) {
          to.kind = app::consents::ConsentRecipient::Kind::organisation;
          to.organisation = org_ids_[r.organisation];
        } else if (r.kind == sharing::PartyRef::Kind::sector) {
          to.kind = app::consents::ConsentRecipient::Kind::sector;
          to.sector = r.sector;
        } else {
          to.kind = app::consents::ConsentRecipient::Kind::any;
        }
        f.recipients.push_back(to);
      }
      f.categories = c.categories;
      f.purposes = c.purposes;
      f.given = c.given;
      f.expires = c.expires;
      f.withdrawn = c.withdrawn;
      consents_.add(f);
    }
    return {};
  }

  Result<std::shared_ptr<const app::decisions::CompiledWorld>> world() { return world_.current(); }

  // The file's request in the database's world, or an error naming what did not map.
  Result<sharing::Request> translate(const app::decisions::CompiledWorld& world, sharing::Request r) const {
    auto org = [&](OrgIndex i) -> Result<OrgIndex> {
      auto found = world.organisation(org_ids_[i]);
      if (!found) return fail("unmapped", "organisation missing from the world");
      return *found;
    };
    auto table = [&](sharing::TableIndex i) -> Result<sharing::TableIndex> {
      auto found = world.table(table_ids_[i]);
      if (!found) return fail("unmapped", "table missing from the world");
      return *found;
    };
    auto actor = org(r.actor);
    auto recipient = org(r.recipient);
    if (!actor || !recipient) return fail("unmapped", "actor or recipient missing from the world");
    r.actor = *actor;
    r.recipient = *recipient;
    if (r.subject) {
      auto s = world.subject(static_cast<std::int64_t>(*r.subject) + 1);
      if (!s) return fail("unmapped", "subject missing from the world");
      r.subject = *s;
    }
    if (r.context) {
      if (r.context->table) {
        auto t = table(*r.context->table);
        if (!t) return tl::unexpected(t.error());
        r.context->table = *t;
      }
      for (auto& a : r.context->acknowledged) {
        auto i = org(a);
        if (!i) return tl::unexpected(i.error());
        a = *i;
      }
    }
    if (r.origin && r.origin->table) {
      auto t = table(*r.origin->table);
      if (!t) return tl::unexpected(t.error());
      r.origin->table = *t;
    }
    return r;
  }

  // The file's agreement id of a database agreement id.
  std::string file_agreement(const std::string& db_id) const {
    auto it = agreement_ids_.find(db_id);
    return it == agreement_ids_.end() ? db_id : it->second;
  }

  std::uint64_t builds() const { return world_.builds(); }

 private:
  app::ManualClock clock_;
  storage::SqlDirectoryStore directory_;
  storage::SqlAgreementStore agreements_;
  storage::SqlTableStore tables_;
  storage::SqlWorldGeneration generation_;
  app::cases::MemoryCaseDirectory cases_;
  app::consents::MemoryConsentFacts consents_;
  app::decisions::DirectorySharingFacts facts_;
  app::decisions::RecordSharingWorld built_;
  app::decisions::CachedSharingWorld world_;
  const formats::Scenario& scenario_;
  std::vector<std::int64_t> org_ids_;                   // file index -> directory id
  std::vector<std::int64_t> table_ids_;                 // file index -> table id
  std::map<std::string, std::string> agreement_ids_;    // database id -> file id
};

// What the database cannot express, per file agreement status: the engine's world
// built from records knows an agreement only once it came into force (a draft is
// text being negotiated, not a rule anyone may rely on, and the agreements store
// keeps no validity window for drafts). A request that the file expects to fail on a
// draft agreement (agreement_not_in_force) fails in the database's world for lack of
// any agreement rule (no_agreement_rule): same decision, other reason.
bool draft_only_reason(const formats::Scenario& s, const formats::ScenarioRequest& q, const std::string& unmet) {
  const bool has_draft = std::any_of(s.world.agreements.begin(), s.world.agreements.end(),
                                     [](const sharing::Agreement& a) { return a.status == sharing::AgreementStatus::draft; });
  return has_draft && !q.expect.permit && unmet.find("agreement_not_in_force") != std::string::npos;
}

class ScenarioDatabaseTest : public ::testing::TestWithParam<storage::Engine> {};

TEST_P(ScenarioDatabaseTest, EveryScenarioFileDecidesInTheDatabaseAsInTheFile) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  const std::filesystem::path root(TAFEL_SOURCE_DIR);
  auto files = scenario_files(root / ".." / "shared" / "scenarios");
  ASSERT_FALSE(files.empty()) << "no scenario files in ../shared/scenarios";
  const std::size_t shared_files = files.size();
  for (auto& f : scenario_files(root / "tests" / "scenarios")) files.push_back(std::move(f));
  int compared = 0, compared_shared = 0;
  for (const auto& file : files) {
    SCOPED_TRACE(file);
    auto scenario = formats::load_scenario_file(file);
    ASSERT_TRUE(scenario) << scenario.error().message;
    auto own = sharing::Policy::compile(scenario->world);
    ASSERT_TRUE(own) << own.error().message;
    auto db = test_support::TestDatabase::create(GetParam());
    ASSERT_TRUE(db) << db.error().message;
    LoadedScenario loaded((*db)->database(), *scenario, scenario->requests.empty() ? 0 : scenario->requests[0].request.at);
    auto ok = loaded.load();
    ASSERT_TRUE(ok) << ok.error().code << ": " << ok.error().message;
    auto world = loaded.world();
    ASSERT_TRUE(world) << world.error().message;
    for (const auto& q : scenario->requests) {
      SCOPED_TRACE(q.id);
      auto request = loaded.translate(**world, q.request);
      ASSERT_TRUE(request) << request.error().message;
      ASSERT_TRUE((*world)->policy.validate(*request)) << "invalid request in the database's world";
      const sharing::Decision got = (*world)->policy.decide(*request);
      std::string unmet;
      for (const auto& m : formats::unmet_expectations(q, (*world)->policy, got)) unmet += m + "; ";
      if (!unmet.empty() && draft_only_reason(*scenario, q, unmet)) {
        std::cout << "[ note ] " << std::filesystem::path(file).filename().string() << " " << q.id
                  << ": a draft agreement is not in the database's world (see draft_only_reason); " << unmet << "\n";
        EXPECT_FALSE(got.permit);
      } else {
        EXPECT_TRUE(unmet.empty()) << unmet;
      }
      // The rule that decided is the file's own.
      const sharing::Decision expected = own->decide(q.request);
      EXPECT_EQ(got.permit, expected.permit);
      EXPECT_EQ(got.ground, expected.ground);
      std::string got_rule = (*world)->rule_of(got);
      if (auto slash = got_rule.find('/'); slash != std::string::npos) {
        got_rule = loaded.file_agreement(got_rule.substr(0, slash)) + got_rule.substr(slash);
      }
      std::string expected_rule;
      if (expected.agreement != sharing::kNone && expected.rule != sharing::kNone) {
        const auto& a = own->world().agreements[static_cast<std::size_t>(expected.agreement)];
        expected_rule = a.id + "/" + a.rules[static_cast<std::size_t>(expected.rule)].id;
      }
      EXPECT_EQ(got_rule, expected_rule);
      ++compared;
      if (static_cast<std::size_t>(&file - files.data()) < shared_files) ++compared_shared;
    }
    EXPECT_EQ(loaded.builds(), 1u) << "one world per file: nothing changed between its requests";
  }
  EXPECT_EQ(compared_shared, 44) << "every request of the shared files";
  EXPECT_GT(compared, compared_shared) << "and those of tests/scenarios";
}

INSTANTIATE_TEST_SUITE_P(Engines, ScenarioDatabaseTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
