#pragma once
// ContributionStore on SQL (SQLite or PostgreSQL, migration 0014): each contribution
// one JSON document, sealed with storage::SecretSealer (key derived from the instance
// key, "contributions"), with a version for optimistic concurrency; the situation,
// case, track and source organisation as columns for the lists.

#include "app/clock.h"
#include "app/contributions/contribution_store.h"
#include "storage/database.h"
#include "storage/secret_sealer.h"

namespace tafel::storage {

class SqlContributionStore final : public app::contributions::ContributionStore {
 public:
  SqlContributionStore(Database& database, const app::Clock& clock, SecretSealer sealer)
      : db_(database), clock_(clock), sealer_(std::move(sealer)) {}

  Result<contributions::Contribution> insert(contributions::Contribution contribution) override;
  Result<std::optional<contributions::Contribution>> find(std::int64_t id) override;
  Result<contributions::Contribution> update(contributions::Contribution contribution) override;
  Result<std::vector<contributions::Contribution>> for_situation(std::int64_t situation) override;
  Result<std::vector<contributions::Contribution>> for_case(std::int64_t case_id) override;
  Result<std::vector<contributions::Contribution>> all() override;
  Result<bool> remove(std::int64_t id) override;

 private:
  // The contributions matching `condition` (SQL with one parameter :k bound to `key`).
  Result<std::vector<contributions::Contribution>> select(const char* condition, std::int64_t key);
  std::string seal(const contributions::Contribution& contribution) const;
  Result<contributions::Contribution> open(const std::string& sealed, std::int64_t id, std::int64_t version) const;

  Database& db_;
  const app::Clock& clock_;
  SecretSealer sealer_;
};

// The document form of a contribution (JSON), and back. `decode_contribution` fails
// with "corrupt_record" when the text is not a contribution document.
std::string encode_contribution(const contributions::Contribution& contribution);
Result<contributions::Contribution> decode_contribution(std::string_view text);

}  // namespace tafel::storage
