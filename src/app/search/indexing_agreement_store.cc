#include "app/search/indexing_agreement_store.h"

namespace tafel::app::search {

Result<tafel::agreement::AgreementId> IndexingAgreementStore::create(const tafel::agreement::Agreement& agreement) {
  auto id = inner_.create(agreement);
  if (!id) return id;
  tafel::agreement::Agreement saved = agreement;
  saved.set_id(*id);
  if (auto ok = index_.put(document_of(saved, analyzer_)); !ok) return tl::unexpected(ok.error());
  return id;
}

Result<void> IndexingAgreementStore::save(const tafel::agreement::Agreement& agreement, std::int64_t expected_revision) {
  if (auto saved = inner_.save(agreement, expected_revision); !saved) return saved;
  return index_.put(document_of(agreement, analyzer_));
}

}  // namespace tafel::app::search
