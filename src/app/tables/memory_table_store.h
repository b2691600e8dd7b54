#pragma once
// TableStore in memory, for tests of the use cases. Thread-safe.

#include <map>
#include <mutex>

#include "app/tables/table_store.h"

namespace tafel::app::tables {

class MemoryTableStore final : public TableStore {
 public:
  Result<tafel::tables::Table> insert(tafel::tables::Table table) override;
  Result<std::optional<tafel::tables::Table>> find(std::int64_t id) override;
  Result<tafel::tables::Table> update(tafel::tables::Table table) override;
  Result<std::vector<tafel::tables::Table>> list(std::optional<access::OrganisationId> organisation) override;
  Result<std::vector<tafel::tables::Table>> heads(std::optional<access::OrganisationId> organisation) override;
  Result<std::vector<tafel::tables::Table>> heads_page(std::optional<access::OrganisationId> organisation,
                                                       std::optional<std::int64_t> after, std::size_t limit) override;
  Result<std::vector<tafel::tables::Table>> with_parts(std::optional<access::OrganisationId> organisation,
                                                       const tafel::tables::TableParts& parts) override;
  Result<std::vector<tafel::tables::Table>> with_feedback_to(access::OrganisationId organisation) override;
  Result<void> set_feed_token(const FeedOwner& owner, const std::string& digest) override;
  Result<void> revoke_feed_token(access::UserId user) override;
  Result<std::optional<FeedOwner>> feed_owner(const std::string& digest) override;

 private:
  std::mutex mutex_;
  std::int64_t next_id_ = 1;
  std::map<std::int64_t, tafel::tables::Table> tables_;
  std::map<std::string, FeedOwner> feeds_;  // digest -> owner
};

}  // namespace tafel::app::tables
