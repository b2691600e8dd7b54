#pragma once
// CaseStore on SQL (SQLite or PostgreSQL, migration 0013): a case's clear fields as
// columns, its tracks as rows, its identity only as sealed text. Also the master key
// bookkeeping the key commands need (cli/case_keys.h): the key-check row, the key ids
// records carry, and re-wrapping every data key in one transaction.

#include <functional>

#include "app/cases/case_store.h"
#include "storage/database.h"

namespace tafel::storage {

// The stored check of the current master key.
struct MasterKeyCheck {
  std::string key_id;
  std::string key_check;
};

class SqlCaseStore final : public app::cases::CaseStore {
 public:
  explicit SqlCaseStore(Database& database) : db_(database) {}

  Result<cases::Case> insert(cases::Case c,
                             const std::function<Result<app::cases::SealedIdentity>(std::int64_t)>& seal) override;
  Result<std::optional<cases::Case>> find(std::int64_t id) override;
  Result<void> update(const cases::Case& c) override;
  Result<std::optional<app::cases::SealedIdentity>> identity(std::int64_t id) override;
  Result<void> set_identity(std::int64_t id, const app::cases::SealedIdentity& sealed) override;
  Result<std::vector<cases::Case>> list(std::optional<std::int64_t> table_id) override;
  Result<std::vector<cases::Case>> list_involving(access::OrganisationId organisation) override;
  Result<std::vector<cases::Case>> list_page(std::optional<access::OrganisationId> involving,
                                             std::optional<std::int64_t> before, std::size_t limit) override;
  Result<bool> remove(std::int64_t id) override;

  // The stored master key check, or nullopt before the first start with cases.
  Result<std::optional<MasterKeyCheck>> key_check();
  // Stores the check of the current master key (replacing any).
  Result<void> set_key_check(const MasterKeyCheck& check);
  // The distinct master key ids the stored records are wrapped under.
  Result<std::vector<std::string>> key_ids();
  // In ONE transaction: replaces every record's sealed identity by `rewrap(id, sealed)`
  // and the key check by `check`. Returns how many records were re-wrapped; nothing
  // changes when any rewrap fails.
  Result<int> rewrap_all(
      const std::function<Result<app::cases::SealedIdentity>(std::int64_t, const app::cases::SealedIdentity&)>& rewrap,
      const MasterKeyCheck& check);

 private:
  Database& db_;
};

}  // namespace tafel::storage
