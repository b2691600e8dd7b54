#pragma once
// Stores that keep the search index with the records (issue 14, point 4): each wraps
// the real store and, after a write, puts the record's documents (search_documents.h)
// into the index. Both run inside the use case's unit of work (a change and its audit
// entry in one transaction, docs/decisions/0009), and the SQL index joins that
// transaction, so the index changes in the same commit as the record, or not at all.
// A failing index write fails the change: a record is never saved unfindable.

#include "app/search/search_documents.h"
#include "app/situations/situation_store.h"
#include "app/tables/table_store.h"

namespace tafel::app::search {

class IndexingTableStore final : public tables::TableStore {
 public:
  IndexingTableStore(tables::TableStore& inner, SearchIndex& index, const tafel::search::Analyzer& analyzer)
      : inner_(inner), index_(index), analyzer_(analyzer) {}

  Result<tafel::tables::Table> insert(tafel::tables::Table table) override;
  Result<std::optional<tafel::tables::Table>> find(std::int64_t id) override { return inner_.find(id); }
  Result<tafel::tables::Table> update(tafel::tables::Table table) override;
  Result<std::vector<tafel::tables::Table>> list(std::optional<access::OrganisationId> organisation) override {
    return inner_.list(organisation);
  }
  Result<std::vector<tafel::tables::Table>> heads(std::optional<access::OrganisationId> organisation) override {
    return inner_.heads(organisation);
  }
  Result<std::vector<tafel::tables::Table>> heads_page(std::optional<access::OrganisationId> organisation,
                                                       std::optional<std::int64_t> after, std::size_t limit) override {
    return inner_.heads_page(organisation, after, limit);
  }
  Result<std::vector<tafel::tables::Table>> with_parts(std::optional<access::OrganisationId> organisation,
                                                       const tafel::tables::TableParts& parts) override {
    return inner_.with_parts(organisation, parts);
  }
  Result<std::vector<tafel::tables::Table>> with_feedback_to(access::OrganisationId organisation) override {
    return inner_.with_feedback_to(organisation);
  }
  Result<void> set_feed_token(const tables::FeedOwner& owner, const std::string& digest) override {
    return inner_.set_feed_token(owner, digest);
  }
  Result<void> revoke_feed_token(access::UserId user) override { return inner_.revoke_feed_token(user); }
  Result<std::optional<tables::FeedOwner>> feed_owner(const std::string& digest) override {
    return inner_.feed_owner(digest);
  }

 private:
  Result<tafel::tables::Table> indexed(Result<tafel::tables::Table> saved);

  tables::TableStore& inner_;
  SearchIndex& index_;
  const tafel::search::Analyzer& analyzer_;
};

class IndexingSituationStore final : public situations::SituationStore {
 public:
  IndexingSituationStore(situations::SituationStore& inner, SearchIndex& index, const tafel::search::Analyzer& analyzer)
      : inner_(inner), index_(index), analyzer_(analyzer) {}

  Result<tafel::situations::Situation> insert(tafel::situations::Situation situation) override;
  Result<std::optional<tafel::situations::Situation>> find(std::int64_t id) override { return inner_.find(id); }
  Result<tafel::situations::Situation> update(tafel::situations::Situation situation) override;
  Result<std::vector<tafel::situations::Situation>> list(std::optional<access::OrganisationId> organisation,
                                                         std::int64_t before, std::size_t limit) override {
    return inner_.list(organisation, before, limit);
  }

 private:
  Result<tafel::situations::Situation> indexed(Result<tafel::situations::Situation> saved);

  situations::SituationStore& inner_;
  SearchIndex& index_;
  const tafel::search::Analyzer& analyzer_;
};

// Puts every document of `table` after removing the table's old ones: what the
// indexing store does after a save, and what `tafel search reindex` does per table.
Result<void> reindex_table(SearchIndex& index, const tafel::tables::Table& table, const tafel::search::Analyzer& analyzer);

}  // namespace tafel::app::search
