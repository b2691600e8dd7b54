#include "cli/runtime.h"

#include <iostream>

#include <stdexcept>

#include "cli/case_keys.h"
#include "cli/command.h"
#include "core/version.h"
#include "crypto/qr_svg.h"
#include "http/log_event.h"
#include "i18n/catalog.h"
#include "storage/audit_crypto.h"
#include "web/account_pages.h"
#include "web/search/search_routes.h"
#include "web/accounts_routes.h"
#include "web/agreement_api.h"
#include "web/audit_pages.h"
#include "web/cases/case_routes.h"
#include "web/login_pages.h"
#include "web/notification_pages.h"
#include "web/api_docs_page.h"
#include "web/routes.h"
#include "web/consents/consent_routes.h"
#include "web/index/index_routes.h"
#include "web/necessity/necessity_routes.h"
#include "web/situations/situation_routes.h"
#include "web/care/care_routes.h"
#include "web/contributions/contribution_routes.h"
#include "web/tables/table_api.h"
#include "web/tables/table_pages.h"

namespace tafel::cli {
namespace {

// The audit trail over `database`, signing with the key at `key_path` (in memory
// when empty). Throws when the key file cannot be read or created; create() turns
// that into an error.
std::unique_ptr<storage::SqlAuditTrail> open_audit_trail(storage::Database& database, const std::string& key_path,
                                                         const app::Clock& clock) {
  if (key_path.empty()) {
    return std::make_unique<storage::SqlAuditTrail>(database, storage::AuditKey::generate(), clock);
  }
  auto trail = storage::SqlAuditTrail::open(database, key_path, clock);
  if (!trail) throw std::runtime_error(trail.error().message);
  return std::move(*trail);
}

// The identity cipher over the master key at `path` (a fresh in-memory key when
// empty). Throws when the key does not match the database; create() reports it.
std::unique_ptr<crypto::SodiumIdentityCipher> open_cipher(const std::string& path, storage::SqlCaseStore& store) {
  if (path.empty()) return std::make_unique<crypto::SodiumIdentityCipher>(crypto::MasterKey::generate());
  auto cipher = open_case_cipher(path, store);
  if (!cipher) throw std::runtime_error(cipher.error().message);
  return std::move(*cipher);
}

// Notification texts from the compiled-in catalogs (domain "notify").
std::string translate_notification(std::string_view lang, std::string_view key,
                                   const std::vector<app::notify::TextArg>& args) {
  std::vector<i18n::Arg> converted;
  converted.reserve(args.size());
  for (const auto& a : args) converted.push_back({a.name, a.value});
  return i18n::Catalog::builtin().translate(lang, key, converted);
}

// Failures of notifications, logged with what was done and the error code only
// (messages may name a server; never personal data, but keep the line minimal).
void log_notification_failure(std::string_view what, const Error& error) {
  http::LogEvent("notification_failed").field("what", what).field("code", error.code).warn();
}

}  // namespace

app::audit::PersonPseudonym Runtime::person_pseudonym() {
  // The audit trail (and its key) lives as long as the runtime.
  return [this](std::string_view id) { return audit_trail_->log().key().pseudonymise_person(id); };
}

Runtime::Runtime(std::shared_ptr<storage::Database> database, Options options)
    : database_(std::move(database)),
      options_(std::move(options)),
      clock_(options_.clock ? options_.clock : &system_clock_),
      crypto_(options_.crypto ? options_.crypto : &sodium_),
      transactions_(*database_),
      account_store_(*database_, *clock_),
      audit_trail_(open_audit_trail(*database_, options_.audit_key_path, *clock_)),
      security_log_(*audit_trail_, audit_trail_->log()),
      audit_views_(*audit_trail_, audit_trail_->log(), person_pseudonym()),
      directory_store_(*database_, *clock_),
      accounts_(account_store_, security_log_, *crypto_, *clock_, {}, transactions_),
      directory_(indexed_directory_, account_store_, audit_trail_.get(), transactions_),
      agreement_store_(*database_, *clock_, storage::audit_sha256),
      agreements_(indexed_agreements_, directory_store_, accounts_, *audit_trail_, *clock_, storage::audit_sha256,
                  transactions_),
      table_store_(*database_, *clock_),
      tables_(indexed_tables_, calendar_, *audit_trail_, *clock_, *crypto_, transactions_),
      notification_store_(*database_),
      notifications_(notification_store_, account_store_, table_store_, calendar_, options_.mailer.get(), *clock_,
                     translate_notification, options_.notify, log_notification_failure),
      situation_store_(*database_, *clock_),
      situations_(indexed_situations_, situation_store_, *audit_trail_, *clock_, transactions_),
      case_store_(*database_),
      case_cipher_(open_cipher(options_.master_key_path, case_store_)),
      cases_(case_store_, table_store_, *case_cipher_, *audit_trail_, *clock_, transactions_),
      consent_store_(*database_, *clock_,
                     storage::SecretSealer(audit_trail_->log().key().derive_key("consent-evidence"))),
      consents_(consent_store_, case_directory(), *audit_trail_, *clock_, transactions_,
                app::consents::ConsentSettings{options_.minor_own_consent_age}),
      world_generation_(*database_),
      decisions_(sharing_world_, case_directory(), consents_, *audit_trail_, *clock_),
      contribution_store_(*database_, *clock_,
                          storage::SecretSealer(audit_trail_->log().key().derive_key("contributions"))) {
  // TOTP secrets are stored sealed with a key derived from the instance's key file.
  account_store_.seal_secrets_with(storage::SecretSealer(audit_trail_->log().key().derive_key("totp-secrets")));
  tables_.set_events(&notifications_);
  // Consent reminders: given consents ending soon, by number, to who recorded them.
  notifications_.set_expiring_consents([this]() -> Result<std::vector<app::notify::ExpiringConsent>> {
    auto soon = consents_.expiring();
    if (!soon) return tl::unexpected(soon.error());
    std::vector<app::notify::ExpiringConsent> out;
    for (const auto& c : *soon) {
      auto found = case_store_.find(c.case_id);
      if (!found) return tl::unexpected(found.error());
      if (!*found) continue;
      out.push_back({c.id, c.case_id, (*found)->table_id, c.recorder, c.valid_until});
    }
    return out;
  });
  // Match notices of the reference index: the inbox and the mail queue, no content.
  index_.set_match_notice([this](access::UserId user, app::index::Certainty certainty, std::int64_t match,
                                 const std::string& other) -> Result<bool> {
    const bool certain = certainty == app::index::Certainty::certain;
    return notifications_.notify_user(user, app::notify::NotificationKind::index_match,
                                      certain ? "index.notice.certain" : "index.notice.possible",
                                      {{"other", other}}, "/index/matches",
                                      "index_match:" + std::to_string(match));
  });
  context_.unread_notifications = [this](const access::Principal& who) -> std::optional<std::int64_t> {
    auto count = notifications_.unread_count(who);
    return count ? std::optional<std::int64_t>(*count) : std::nullopt;
  };
  tables_.set_sharing_world(sharing_world_);
  cases_.set_sharing_world(sharing_world_);
  tables_.set_people(account_store_);  // delegates are checked against their accounts
  context_.accounts = &accounts_;
  context_.directory = &directory_;
  context_.security_log = &security_log_;
  context_.tls = options_.tls;
  context_.demo = options_.demo;
  context_.qr_svg = [](std::string_view text) { return crypto::qr_svg(text); };
}

Result<std::shared_ptr<Runtime>> Runtime::create(std::shared_ptr<storage::Database> database, Options options) {
  std::shared_ptr<Runtime> runtime;
  try {
    runtime = std::make_shared<Runtime>(std::move(database), std::move(options));
  } catch (const std::runtime_error& e) {
    // The audit key file could not be read or created, or the master key of case
    // identities does not match this database.
    std::string message = e.what();
    return fail(message.find("master key") != std::string::npos ? "master_key" : "audit_key", message);
  }
  // Case details of older table documents move into sealed cases (issue 12, point 4);
  // only under a master key file, never under a key that lives in memory only.
  if (!runtime->options().master_key_path.empty()) {
    if (auto moved = runtime->cases().adopt_case_details(); !moved) return tl::unexpected(moved.error());
  }
  return runtime;
}

app::index::IndexSettings index_settings(const Config& config) {
  app::index::IndexSettings settings;
  const Config::Index& in = config.index;
  if (in.certain) settings.thresholds.certain = *in.certain;
  if (in.possible) settings.thresholds.possible = *in.possible;
  if (in.active_months) settings.active_months = *in.active_months;
  if (in.inactive_months) settings.inactive_months = *in.inactive_months;
  if (in.statutes) {
    settings.statutory_bases.clear();
    for (const auto& [key, label] : *in.statutes) settings.statutory_bases.push_back({key, label});
  }
  return settings;
}

std::shared_ptr<Runtime> open_instance(const Config& config, Runtime::Options options, std::string_view command) {
  const std::string prefix = "tafel " + std::string(command) + ": ";
  options.demo = config.demo;
  options.minor_own_consent_age = config.consent.minor_own_consent_age;
  options.index = index_settings(config);
  auto key_path = instance_key_path(config);
  if (!key_path) {
    std::cerr << prefix << key_path.error().message << "\n";
    return nullptr;
  }
  options.audit_key_path = *key_path;
  options.master_key_path = master_key_path(config);
  auto opened = storage::Database::open(config.database, 2);
  if (!opened) {
    std::cerr << prefix << "cannot open the database: " << opened.error().message << "\n";
    return nullptr;
  }
  std::shared_ptr<storage::Database> database = std::move(*opened);
  if (auto migrated = database->migrate(); !migrated) {
    std::cerr << prefix << "migrating the database failed: " << migrated.error().message << "\n";
    return nullptr;
  }
  auto runtime = Runtime::create(database, std::move(options));
  if (!runtime) {
    std::cerr << prefix << runtime.error().message << "\n";
    return nullptr;
  }
  return *runtime;
}

std::shared_ptr<http::ApiDocument> build_router(http::Router& router, Runtime& runtime,
                                                const web::Options& options) {
  auto document = std::make_shared<http::ApiDocument>("tafel API", std::string(tafel::version()));
  const web::AccountsContext& accounts = runtime.accounts_context();
  web::Options web_options = options;
  web_options.accounts = &accounts;
  web::register_routes(router, web_options);
  web::register_login_pages(router, accounts, web_options);
  web::register_account_routes(router, accounts, document);
  web::register_account_pages(router, accounts, web_options);
  web::register_audit_routes(router, *document, accounts, runtime.audit_views(), web_options);
  web::register_agreement_routes(router, *document, web_options,
                                 web::AgreementsContext{accounts, &runtime.agreements(), &runtime.decisions()});
  web::register_table_routes(router, *document, accounts, runtime.tables());
  web::register_table_pages(router, web_options, accounts, runtime.tables());
  web::register_situation_api(router, *document, accounts, runtime.situations());
  web::register_care_api(router, *document, accounts, runtime.catalogue());
  web::register_care_pages(router, web_options, accounts, runtime.catalogue());
  web::register_situation_pages(router, web_options, accounts, runtime.situations(),
                                web::situation_section(web_options, accounts, runtime.contributions()),
                                [&tables = runtime.tables()](const access::Principal& who, std::int64_t table) {
                                  return tables.table({who, {}}, table).has_value();  // not audited: no personal data
                                });
  web::register_consent_api(router, *document, accounts, runtime.consents());
  web::register_consent_pages(router, web_options, accounts, runtime.consents());
  web::register_necessity_api(router, *document, accounts, runtime.necessity());
  web::register_necessity_pages(router, web_options, accounts, runtime.necessity());
  web::register_case_api(router, *document, accounts, runtime.cases());
  web::register_case_pages(router, web_options, accounts, runtime.cases(), runtime.tables());
  web::register_contribution_api(router, *document, accounts, runtime.contributions());
  web::register_contribution_pages(router, web_options, accounts, runtime.contributions());
  web::register_notification_routes(router, *document, web_options, accounts, runtime.notifications());
  web::register_index_api(router, *document, accounts, runtime.reference_index());
  web::register_index_pages(router, web_options, accounts, runtime.reference_index());
  web::register_search_api(router, *document, accounts, runtime.search());
  web::register_search_page(router, web_options, accounts, runtime.search());
  web::register_api_docs_page(router, web_options, document);
  router.set_error_renderer(web::error_renderer(web_options));
  return document;
}

}  // namespace tafel::cli
