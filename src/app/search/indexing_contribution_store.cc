#include "app/search/indexing_contribution_store.h"

namespace tafel::app::search {

Result<tafel::contributions::Contribution> IndexingContributionStore::indexed(
    Result<tafel::contributions::Contribution> saved) {
  if (!saved) return saved;
  if (auto ok = index_.put(document_of(*saved, analyzer_)); !ok) return tl::unexpected(ok.error());
  return saved;
}

Result<tafel::contributions::Contribution> IndexingContributionStore::insert(tafel::contributions::Contribution c) {
  return indexed(inner_.insert(std::move(c)));
}

Result<tafel::contributions::Contribution> IndexingContributionStore::update(tafel::contributions::Contribution c) {
  return indexed(inner_.update(std::move(c)));
}

Result<bool> IndexingContributionStore::remove(std::int64_t id) {
  auto removed = inner_.remove(id);
  if (!removed) return removed;
  if (auto ok = index_.remove(Kind::contribution, id); !ok) return tl::unexpected(ok.error());
  return removed;
}

}  // namespace tafel::app::search
