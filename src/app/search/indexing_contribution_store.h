#pragma once
// The contribution store that keeps contributions in the search index (issue 14):
// after a contribution is inserted or updated its sealed document (search_documents.h)
// is put, after it is removed (the retention purge) it is removed, inside the use
// case's unit of work like the other indexing stores (indexing_stores.h).

#include "app/contributions/contribution_store.h"
#include "app/search/search_documents.h"

namespace tafel::app::search {

class IndexingContributionStore final : public contributions::ContributionStore {
 public:
  IndexingContributionStore(contributions::ContributionStore& inner, SearchIndex& index,
                            const tafel::search::Analyzer& analyzer)
      : inner_(inner), index_(index), analyzer_(analyzer) {}

  Result<tafel::contributions::Contribution> insert(tafel::contributions::Contribution contribution) override;
  Result<std::optional<tafel::contributions::Contribution>> find(std::int64_t id) override { return inner_.find(id); }
  Result<tafel::contributions::Contribution> update(tafel::contributions::Contribution contribution) override;
  Result<std::vector<tafel::contributions::Contribution>> for_situation(std::int64_t situation) override {
    return inner_.for_situation(situation);
  }
  Result<std::vector<tafel::contributions::Contribution>> for_case(std::int64_t case_id) override {
    return inner_.for_case(case_id);
  }
  Result<std::vector<tafel::contributions::Contribution>> all() override { return inner_.all(); }
  Result<bool> remove(std::int64_t id) override;

 private:
  Result<tafel::contributions::Contribution> indexed(Result<tafel::contributions::Contribution> saved);

  contributions::ContributionStore& inner_;
  SearchIndex& index_;
  const tafel::search::Analyzer& analyzer_;
};

}  // namespace tafel::app::search
