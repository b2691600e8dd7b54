#pragma once
// TableStore on SQL (SQLite or PostgreSQL, migrations 0007, 0010, 0022): each
// table's head as one JSON document with a version for optimistic concurrency, its
// meetings and actions as rows of their own (one JSON document each, beside the
// columns the cross-table views filter on; ADR 0021), its member organisations as
// rows for "the tables of my organisation", and the recipients of its sent
// feedback forms as rows for "the forms sent to my organisation".
// Feed tokens as digests. The document form is table_document.h.

#include "app/clock.h"
#include "app/tables/table_store.h"
#include "storage/database.h"
#include "storage/tables/table_document.h"
#include "storage/tables/table_parts_cache.h"

namespace tafel::storage {

class SqlTableStore final : public app::tables::TableStore {
 public:
  SqlTableStore(Database& database, const app::Clock& clock) : db_(database), clock_(clock) {}

  Result<tables::Table> insert(tables::Table table) override;
  Result<std::optional<tables::Table>> find(std::int64_t id) override;
  Result<tables::Table> update(tables::Table table) override;
  Result<std::vector<tables::Table>> list(std::optional<access::OrganisationId> organisation) override;
  Result<std::vector<tables::Table>> heads(std::optional<access::OrganisationId> organisation) override;
  Result<std::vector<tables::Table>> heads_page(std::optional<access::OrganisationId> organisation,
                                                std::optional<std::int64_t> after, std::size_t limit) override;
  Result<std::vector<tables::Table>> with_parts(std::optional<access::OrganisationId> organisation,
                                                const tables::TableParts& parts) override;
  Result<std::vector<tables::Table>> with_feedback_to(access::OrganisationId organisation) override;
  Result<void> set_feed_token(const app::tables::FeedOwner& owner, const std::string& digest) override;
  Result<void> revoke_feed_token(access::UserId user) override;
  Result<std::optional<app::tables::FeedOwner>> feed_owner(const std::string& digest) override;

 private:
  Database& db_;
  const app::Clock& clock_;
  TablePartsCache parts_cache_;  // the rows find() read last, per table and version
};

}  // namespace tafel::storage
