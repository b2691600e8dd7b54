#pragma once
// Runtime: the composition root. One object owns everything a serving tafel needs
// (database, clock, crypto, stores, use cases, the audit trail) and build_router()
// registers every route on a router. `tafel serve` and the route × role test
// (tests/routes) build their routers through this same function, so the test sees
// exactly the routes that are served.
//
// Adding a module: add its stores and services as members (constructed in the
// constructor's initialiser list, in dependency order), and one register_* call in
// build_router().

#include <memory>
#include <string>

#include "app/accounts/account_service.h"
#include "app/agreements/agreement_service.h"
#include "app/cases/case_service.h"
#include "app/decisions/decision_service.h"
#include "app/audit/audit_security_log.h"
#include "app/audit/audit_views.h"
#include "app/audit/audit_trail.h"
#include "app/cases/case_directory.h"
#include "app/clock.h"
#include "app/consents/consent_service.h"
#include "app/index/index_service.h"
#include "app/directory/directory_service.h"
#include "app/notify/mailer.h"
#include "app/notify/notification_service.h"
#include "app/decisions/directory_sharing_facts.h"
#include "app/decisions/cached_sharing_world.h"
#include "app/decisions/record_sharing_world.h"
#include "app/necessity/necessity_service.h"
#include "app/retention/purge_service.h"
#include "app/contributions/contribution_service.h"
#include "app/contributions/dpo_review_queue.h"
#include "app/situations/situation_service.h"
#include "app/care/catalogue_service.h"
#include "app/tables/table_service.h"
#include "cli/config.h"
#include "crypto/identity_cipher.h"
#include "crypto/sodium_crypto.h"
#include "formats/ical_calendar.h"
#include "http/openapi.h"
#include "http/router.h"
#include "storage/accounts_store.h"
#include "storage/agreement_store.h"
#include "storage/cases/case_store.h"
#include "storage/consents/consent_store.h"
#include "storage/index/hmac_keyed_hash.h"
#include "storage/index/sql_index_store.h"
#include "storage/database.h"
#include "storage/directory_store.h"
#include "storage/notification_store.h"
#include "storage/sql_audit_trail.h"
#include "storage/sharing_world_generation.h"
#include "storage/sql_unit_of_work.h"
#include "storage/necessity/necessity_store.h"
#include "storage/contributions/contribution_store.h"
#include "storage/situations/situation_store.h"
#include "storage/care/catalogue_store.h"
#include "storage/search/sql_search_index.h"
#include "app/search/indexing_agreement_store.h"
#include "app/search/indexing_contribution_store.h"
#include "app/search/indexing_directory_store.h"
#include "app/search/indexing_stores.h"
#include "app/search/search_service.h"
#include "text/snowball_analyzer.h"
#include "storage/tables/table_store.h"
#include "web/accounts_session.h"
#include "web/options.h"

namespace tafel::cli {

class Runtime {
 public:
  struct Options {
    bool tls = false;   // served over HTTPS (Secure __Host- cookie)
    bool demo = false;  // demo instance
    // The instance key file (cli::instance_key_path, in keys_dir); created when
    // missing. Empty: a key that lives only in memory (tests).
    std::string audit_key_path;
    // The master key of case identities (cli::master_key_path, keys_dir/master.key),
    // opened and checked by cli::open_case_cipher (created when no case exists yet).
    // Empty: a fresh key that lives only in memory and is not checked (tests).
    std::string master_key_path;
    // Tests only: replace the system clock and libsodium crypto (fast fakes). Must
    // outlive the runtime.
    const app::Clock* clock = nullptr;
    app::accounts::Crypto* crypto = nullptr;
    // Notifications: the mailer (null: in-app only) and its settings.
    std::shared_ptr<app::notify::Mailer> mailer;
    app::notify::NotifySettings notify;
    // Tests only: the case directory other areas read (app/cases/case_directory.h)
    // instead of the case service. Must outlive the runtime.
    app::cases::CaseDirectory* cases = nullptr;
    // [consent] minor_own_consent_age: 12 or 16.
    int minor_own_consent_age = 12;
    // The reference index (issue 15): thresholds, retention, statutory bases.
    app::index::IndexSettings index;
  };

  // Wires every service to `database`, which must be migrated, then moves legacy case
  // details out of table documents (CaseService::adopt_case_details). Fails when the
  // audit key cannot be read or created ("audit_key"), or the master key of case
  // identities does not match the database ("master_key"; never serve garbage).
  static Result<std::shared_ptr<Runtime>> create(std::shared_ptr<storage::Database> database, Options options);

  Runtime(std::shared_ptr<storage::Database> database, Options options);
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  storage::Database& database() { return *database_; }
  const Options& options() const { return options_; }
  const web::AccountsContext& accounts_context() const { return context_; }
  app::accounts::AccountService& accounts() { return accounts_; }
  app::directory::DirectoryService& directory() { return directory_; }
  storage::SqlAccountStore& account_store() { return account_store_; }
  storage::SqlDirectoryStore& directory_store() { return directory_store_; }
  const app::Clock& clock() const { return *clock_; }
  storage::SqlAuditTrail& audit_trail() { return *audit_trail_; }
  app::audit::AuditViews& audit_views() { return audit_views_; }
  app::agreements::AgreementService& agreements() { return agreements_; }
  // Agreements as the use cases write them: each save also indexed for search.
  app::agreements::AgreementStore& agreement_store() { return indexed_agreements_; }
  app::decisions::DecisionService& decisions() { return decisions_; }
  app::tables::TableService& tables() { return tables_; }
  storage::SqlTableStore& table_store() { return table_store_; }
  app::notify::NotificationService& notifications() { return notifications_; }
  app::situations::SituationService& situations() { return situations_; }
  storage::SqlSituationStore& situation_store() { return situation_store_; }
  // The care-offer catalogue (issue 16, point 1).
  app::care::CatalogueService& catalogue() { return catalogue_; }
  // Search (issue 14): the use case, and the index and analyzer for `tafel search reindex`.
  app::search::SearchService& search() { return search_; }
  app::search::SearchIndex& search_index() { return search_index_; }
  const text::SnowballAnalyzer& analyzer() const { return analyzer_; }
  // Individual cases (issue 12, point 2); also the app::cases::CaseDirectory of the
  // other areas.
  app::cases::CaseService& cases() { return cases_; }
  storage::SqlCaseStore& case_store() { return case_store_; }
  app::consents::ConsentService& consents() { return consents_; }
  // The sharing engine's world from the records: every disclosure decision reads it.
  app::decisions::CachedSharingWorld& sharing_world() { return sharing_world_; }
  // State-of-necessity reports and the DPO review queue (issue 12, point 6).
  app::necessity::NecessityService& necessity() { return necessity_; }
  app::contributions::ContributionService& contributions() { return contributions_; }
  storage::SqlContributionStore& contribution_store() { return contribution_store_; }
  storage::SqlConsentStore& consent_store() { return consent_store_; }
  // The retention purge (issue 12, point 9): `tafel purge` and the server's daily run.
  app::retention::PurgeService& purge() { return purge_; }
  // The reference index (issue 15): signals, matches, notices, its retention run.
  app::index::IndexService& reference_index() { return index_; }

 private:
  // Person ids in audit entries, keyed with the instance key (app/audit/person_pseudonym.h).
  app::audit::PersonPseudonym person_pseudonym();

  // The cases as other areas see them: the case service, or a test's own directory.
  app::cases::CaseDirectory& case_directory() { return options_.cases ? *options_.cases : cases_; }

  std::shared_ptr<storage::Database> database_;
  Options options_;
  app::SystemClock system_clock_;
  crypto::SodiumCrypto sodium_;
  const app::Clock* clock_;
  app::accounts::Crypto* crypto_;
  storage::SqlUnitOfWork transactions_;  // a change and its audit entry in one transaction
  storage::SqlAccountStore account_store_;
  std::unique_ptr<storage::SqlAuditTrail> audit_trail_;  // the one audit path (docs/audit.md)
  app::audit::AuditSecurityLog security_log_;             // account events into the audit log
  app::audit::AuditViews audit_views_;
  text::SnowballAnalyzer analyzer_;                   // search terms (docs/search.md)
  // Contributions' terms are keyed with a key of this instance (SearchDocument::sealed).
  storage::SqlSearchIndex search_index_{*database_, analyzer_, audit_trail_->log().key().derive_key("search-terms")};
  storage::SqlDirectoryStore directory_store_;
  // Contact points and agreements are indexed for search in the transaction that saves them.
  app::search::IndexingDirectoryStore indexed_directory_{directory_store_, account_store_, search_index_};
  app::accounts::AccountService accounts_;
  app::directory::DirectoryService directory_;
  storage::SqlAgreementStore agreement_store_;        // collaboration agreements (core/agreement)
  app::search::IndexingAgreementStore indexed_agreements_{agreement_store_, search_index_, analyzer_};
  app::agreements::AgreementService agreements_;
  storage::SqlTableStore table_store_;                // consultation tables (issue 6)
  // Tables and situations are indexed for search in the transaction that saves them.
  app::search::IndexingTableStore indexed_tables_{table_store_, search_index_, analyzer_};
  formats::IcalCalendar calendar_;
  app::tables::TableService tables_;
  storage::SqlNotificationStore notification_store_;  // invitations, reminders, mail queue (app/notify)
  app::notify::NotificationService notifications_;
  app::decisions::DirectorySharingFacts table_sharing_facts_{directory_store_, agreement_store_};  // the world's parties
  storage::SqlSituationStore situation_store_;        // situations (issue 12): store and known names
  app::search::IndexingSituationStore indexed_situations_{situation_store_, search_index_, analyzer_};
  app::situations::SituationService situations_;
  storage::SqlCatalogueStore catalogue_store_{*database_, *clock_};  // care-offer catalogue (issue 16)
  app::care::CatalogueService catalogue_{catalogue_store_, catalogue_store_, *audit_trail_, *clock_, transactions_};
  storage::SqlCaseStore case_store_;                         // cases (issue 12): clear fields, sealed identity
  std::unique_ptr<crypto::SodiumIdentityCipher> case_cipher_;  // under keys_dir/master.key
  app::cases::CaseService cases_;
  storage::SqlConsentStore consent_store_;            // consents (issue 12, point 5); evidence sealed
  app::consents::ConsentService consents_;
  app::decisions::RecordSharingWorld record_world_{table_sharing_facts_, table_store_, case_directory(), consents_};
  // Built once per generation of its inputs (ADR 0015); every disclosure decision reads it.
  storage::SqlWorldGeneration world_generation_;
  app::decisions::CachedSharingWorld sharing_world_{record_world_, world_generation_};
  app::decisions::DecisionService decisions_;  // "may I share this?"
  storage::SqlNecessityStore necessity_store_{*database_, *clock_};  // reports and DPO reviews
  app::necessity::NecessityService necessity_{necessity_store_, case_directory(),
                                              sharing_world_, *audit_trail_, *clock_,
                                              transactions_};
  // Contributions (issue 12, points 3 and 4); dpo_review goes to the DPO queue (point 6).
  storage::SqlContributionStore contribution_store_;
  app::search::IndexingContributionStore indexed_contributions_{contribution_store_, search_index_, analyzer_};
  app::contributions::DpoReviewQueue contribution_reviews_{necessity_};
  app::contributions::ContributionService contributions_{
      indexed_contributions_, situation_store_, case_directory(), table_store_,
      sharing_world_,      contribution_reviews_, *audit_trail_, *clock_, transactions_};
  app::retention::PurgeService purge_{case_store_,       table_store_, indexed_contributions_, consent_store_,
                                      agreement_store_, *audit_trail_, *clock_,             transactions_};
  app::search::SearchService search_{search_index_, analyzer_, tables_,    situations_,
                                     directory_,    agreements_, contributions_};  // issue 14
  // The reference index (issue 15): keyed with the instance's "reference-index" key.
  storage::HmacKeyedHash index_hash_{audit_trail_->log().key().derive_key(storage::kReferenceIndexKeyPurpose)};
  storage::SqlIndexStore index_store_{*database_};
  app::index::IndexService index_{index_store_, index_hash_,    directory_store_, account_store_, consents_,
                                  *audit_trail_, *clock_, transactions_, options_.index};
  web::AccountsContext context_;
};

// Registers every page and API route of tafel (not the operational /healthz,
// /readyz, /metrics, which need the server's metrics) and the router's error
// renderer. Returns the OpenAPI document of the API routes (also served at
// /api/v1/openapi.json). `runtime` must outlive the router.
std::shared_ptr<http::ApiDocument> build_router(http::Router& router, Runtime& runtime,
                                                const web::Options& options);

// The reference index's settings: the defaults with what [index] of `config` sets.
app::index::IndexSettings index_settings(const Config& config);

// For the commands that work on the configured instance (purge, notify, search):
// fills `options` from `config` (demo, consent age, the key files), opens and migrates
// the database and builds the runtime. On failure prints why to stderr, prefixed
// "tafel <command>: ", and returns nullptr (the command exits 1).
std::shared_ptr<Runtime> open_instance(const Config& config, Runtime::Options options, std::string_view command);

// Fills options.mailer and options.notify from the [mail] configuration
// (notify_command.cc): an SMTP mailer when smtp_url is set, else none (in-app only).
// Fails with "invalid_config" on a bad URL or sender, or an unreadable password file.
Result<void> configure_mail(const Config::Mail& mail, Runtime::Options& options);

}  // namespace tafel::cli
