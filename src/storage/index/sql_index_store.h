#pragma once
// IndexStore on SQL (SQLite or PostgreSQL, migration 0024): signals and matches of the
// reference index. A number hash is stored as hex, a CLK as 256 hex digits, blocking
// keys as integers; nothing else about the person.

#include "app/index/index_store.h"
#include "storage/database.h"

namespace tafel::storage {

class SqlIndexStore final : public app::index::IndexStore {
 public:
  explicit SqlIndexStore(Database& database) : db_(database) {}

  Result<std::int64_t> add_signal(const app::index::StoredSignal& signal) override;
  Result<std::optional<app::index::StoredSignal>> find_signal(std::int64_t id) override;
  Result<std::vector<app::index::StoredSignal>> signals_of(access::OrganisationId organisation) override;
  Result<bool> remove_signal(std::int64_t id) override;
  Result<std::vector<app::index::StoredSignal>> with_number(const std::string& hash,
                                                            access::OrganisationId except) override;
  Result<std::vector<app::index::StoredSignal>> in_blocks(const index::BlockingKeys& keys,
                                                          access::OrganisationId except) override;
  Result<std::int64_t> add_match(const app::index::StoredMatch& match) override;
  Result<std::optional<app::index::StoredMatch>> find_match(std::int64_t id) override;
  Result<std::vector<app::index::StoredMatch>> matches_of(access::OrganisationId organisation) override;
  Result<void> set_answer(std::int64_t match, bool side_a, app::index::Answer answer) override;
  Result<std::vector<std::int64_t>> deactivate_due(std::int64_t now_us) override;
  Result<std::vector<std::int64_t>> delete_due(std::int64_t now_us) override;

 private:
  Result<std::vector<app::index::StoredSignal>> select_signals(const std::string& where, long long a, long long b,
                                                               const std::string* text = nullptr);
  Database& db_;
};

}  // namespace tafel::storage
