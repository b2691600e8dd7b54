#pragma once
// ConsentStore on SQL (SQLite or PostgreSQL, migration 0013): each consent one row
// with its state, period and organisation as columns and the rest as a JSON document;
// evidence files sealed with a SecretSealer (never in clear in the database or its
// dumps). `version` guards against lost updates ("conflict").

#include "app/clock.h"
#include "app/consents/consent_store.h"
#include "storage/database.h"
#include "storage/secret_sealer.h"

namespace tafel::storage {

class SqlConsentStore final : public app::consents::ConsentStore {
 public:
  // `sealer` seals evidence files; give it a key derived from the instance key
  // (AuditKey::derive_key("consent-evidence")).
  SqlConsentStore(Database& database, const app::Clock& clock, SecretSealer sealer)
      : db_(database), clock_(clock), sealer_(std::move(sealer)) {}

  Result<consents::Consent> insert(consents::Consent consent) override;
  Result<std::optional<consents::Consent>> find(std::int64_t id) override;
  Result<consents::Consent> update(consents::Consent consent) override;
  Result<std::vector<consents::Consent>> by_organisation(access::OrganisationId organisation) override;
  Result<std::vector<consents::Consent>> by_case(std::int64_t case_id) override;
  Result<std::vector<consents::Consent>> ever_given() override;
  Result<bool> remove(std::int64_t id) override;
  Result<void> put_evidence(std::int64_t consent_id, const app::consents::EvidenceFile& file) override;
  Result<std::optional<app::consents::EvidenceFile>> evidence(std::int64_t consent_id) override;

 private:
  Result<std::vector<consents::Consent>> select(const std::string& where, long long key);
  Database& db_;
  const app::Clock& clock_;
  SecretSealer sealer_;
};

// The document form of a consent's non-column fields (JSON), and back.
// `decode_consent` fails with "corrupt_record".
std::string encode_consent(const consents::Consent& consent);
Result<consents::Consent> decode_consent(std::string_view text);

}  // namespace tafel::storage
