#include "app/search/indexing_stores.h"

namespace tafel::app::search {

Result<void> reindex_table(SearchIndex& index, const tafel::tables::Table& table, const tafel::search::Analyzer& analyzer) {
  if (auto removed = index.remove_table_records(table.id); !removed) return removed;
  for (const auto& d : documents_of(table, analyzer)) {
    if (auto put = index.put(d); !put) return put;
  }
  return {};
}

Result<tafel::tables::Table> IndexingTableStore::indexed(Result<tafel::tables::Table> saved) {
  if (!saved) return saved;
  if (auto ok = reindex_table(index_, *saved, analyzer_); !ok) return tl::unexpected(ok.error());
  return saved;
}

Result<tafel::tables::Table> IndexingTableStore::insert(tafel::tables::Table table) {
  return indexed(inner_.insert(std::move(table)));
}

Result<tafel::tables::Table> IndexingTableStore::update(tafel::tables::Table table) {
  return indexed(inner_.update(std::move(table)));
}

Result<tafel::situations::Situation> IndexingSituationStore::indexed(Result<tafel::situations::Situation> saved) {
  if (!saved) return saved;
  if (auto ok = index_.put(document_of(*saved, analyzer_)); !ok) return tl::unexpected(ok.error());
  return saved;
}

Result<tafel::situations::Situation> IndexingSituationStore::insert(tafel::situations::Situation situation) {
  return indexed(inner_.insert(std::move(situation)));
}

Result<tafel::situations::Situation> IndexingSituationStore::update(tafel::situations::Situation situation) {
  return indexed(inner_.update(std::move(situation)));
}

}  // namespace tafel::app::search
