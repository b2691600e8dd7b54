#pragma once
// NecessityStore on SQL (SQLite or PostgreSQL, migration 0014_necessity): reports as
// one JSON document each (written once), reviews as a JSON document of their steps
// with the kind, subject, organisation, state and version as columns for the queue and
// optimistic concurrency.

#include "app/clock.h"
#include "app/necessity/necessity_store.h"
#include "storage/database.h"

namespace tafel::storage {

class SqlNecessityStore final : public app::necessity::NecessityStore {
 public:
  SqlNecessityStore(Database& database, const app::Clock& clock) : db_(database), clock_(clock) {}

  Result<necessity::Report> insert_report(necessity::Report report) override;
  Result<std::optional<necessity::Report>> find_report(std::int64_t id) override;
  Result<std::vector<necessity::Report>> reports_by(access::UserId author) override;
  Result<necessity::Review> insert_review(necessity::Review review) override;
  Result<std::optional<necessity::Review>> find_review(std::int64_t id) override;
  Result<std::optional<necessity::Review>> review_of(std::string_view kind, std::int64_t subject) override;
  Result<necessity::Review> update_review(necessity::Review review) override;
  Result<std::vector<necessity::Review>> reviews_of(access::OrganisationId organisation) override;

 private:
  Database& db_;
  const app::Clock& clock_;
};

}  // namespace tafel::storage
