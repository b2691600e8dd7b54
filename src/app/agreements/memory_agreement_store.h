#pragma once
// MemoryAgreementStore: AgreementStore in memory, for tests. Thread-safe.

#include <map>
#include <mutex>

#include "app/agreements/agreement_store.h"

namespace tafel::app::agreements {

class MemoryAgreementStore final : public AgreementStore {
 public:
  Result<agreement::AgreementId> create(const agreement::Agreement& agreement) override;
  Result<void> save(const agreement::Agreement& agreement, std::int64_t expected_revision) override;
  Result<std::optional<agreement::Agreement>> find(agreement::AgreementId id) override;
  Result<std::vector<agreement::Agreement>> list() override;

 private:
  std::mutex mutex_;
  agreement::AgreementId next_id_ = 1;
  std::map<agreement::AgreementId, agreement::Agreement> agreements_;
};

}  // namespace tafel::app::agreements
