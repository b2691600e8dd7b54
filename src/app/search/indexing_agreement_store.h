#pragma once
// The agreement store that keeps agreements in the search index (issue 14): after an
// agreement is created or saved, the document of its latest version
// (search_documents.h) is put, inside the use case's unit of work like the other
// indexing stores (indexing_stores.h). Agreements are never removed.

#include "app/agreements/agreement_store.h"
#include "app/search/search_documents.h"

namespace tafel::app::search {

class IndexingAgreementStore final : public agreements::AgreementStore {
 public:
  IndexingAgreementStore(agreements::AgreementStore& inner, SearchIndex& index, const tafel::search::Analyzer& analyzer)
      : inner_(inner), index_(index), analyzer_(analyzer) {}

  Result<tafel::agreement::AgreementId> create(const tafel::agreement::Agreement& agreement) override;
  Result<void> save(const tafel::agreement::Agreement& agreement, std::int64_t expected_revision) override;
  Result<std::optional<tafel::agreement::Agreement>> find(tafel::agreement::AgreementId id) override {
    return inner_.find(id);
  }
  Result<std::vector<tafel::agreement::Agreement>> list() override { return inner_.list(); }

 private:
  agreements::AgreementStore& inner_;
  SearchIndex& index_;
  const tafel::search::Analyzer& analyzer_;
};

}  // namespace tafel::app::search
