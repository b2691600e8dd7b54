#pragma once
// SqlAgreementStore: app::agreements::AgreementStore on the tafel database (tables of
// migration 0006_agreements), for SQLite and PostgreSQL. Thread-safe.
//
// A version's text is kept as its canonical bytes; find() and list() parse them
// back and re-check every version against its stored hash, so a text altered in
// the database is reported ("corrupt_agreement"), never shown as signed.

#include "app/agreements/agreement_store.h"
#include "app/clock.h"
#include "core/audit/hash.h"
#include "storage/database.h"

namespace tafel::storage {

class SqlAgreementStore final : public app::agreements::AgreementStore {
 public:
  SqlAgreementStore(Database& database, const app::Clock& clock, core::audit::Sha256 sha256)
      : db_(database), clock_(clock), sha256_(sha256) {}

  Result<agreement::AgreementId> create(const agreement::Agreement& agreement) override;
  Result<void> save(const agreement::Agreement& agreement, std::int64_t expected_revision) override;
  Result<std::optional<agreement::Agreement>> find(agreement::AgreementId id) override;
  Result<std::vector<agreement::Agreement>> list() override;

 private:
  Result<std::vector<agreement::Agreement>> load(std::optional<agreement::AgreementId> only);

  Database& db_;
  const app::Clock& clock_;
  core::audit::Sha256 sha256_;
};

}  // namespace tafel::storage
