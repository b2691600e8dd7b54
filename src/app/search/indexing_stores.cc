#include "app/search/indexing_stores.h"

#include <map>

namespace tafel::app::search {

Result<void> reindex_table(SearchIndex& index, const tafel::tables::Table& table, const tafel::search::Analyzer& analyzer) {
  auto indexed = index.table_records(table.id);
  if (!indexed) return tl::unexpected(indexed.error());
  // A table of ten years holds thousands of documents and a save changes a few: only
  // those are put, and those no longer in the table removed.
  std::map<std::pair<Kind, std::int64_t>, std::string> before;
  for (auto& r : *indexed) before[{r.kind, r.record_id}] = std::move(r.fingerprint);
  for (const auto& d : documents_of(table, analyzer)) {
    auto it = before.find({d.kind, d.record_id});
    const bool same = it != before.end() && it->second == fingerprint_of(d);
    if (it != before.end()) before.erase(it);
    if (same) continue;
    if (auto put = index.put(d); !put) return put;
  }
  for (const auto& [key, fingerprint] : before) {
    if (auto removed = index.remove(key.first, key.second); !removed) return removed;
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
