#include "app/agreements/memory_agreement_store.h"

namespace tafel::app::agreements {

Result<agreement::AgreementId> MemoryAgreementStore::create(const agreement::Agreement& agreement) {
  std::lock_guard lock(mutex_);
  agreement::AgreementId id = next_id_++;
  agreement::Agreement stored = agreement;
  stored.set_id(id);
  agreements_.emplace(id, std::move(stored));
  return id;
}

Result<void> MemoryAgreementStore::save(const agreement::Agreement& agreement, std::int64_t expected_revision) {
  std::lock_guard lock(mutex_);
  auto it = agreements_.find(agreement.id());
  if (it == agreements_.end()) return fail("not_found", "no such agreement");
  if (it->second.revision() != expected_revision) {
    return fail("conflict", "the agreement changed meanwhile; read it again");
  }
  it->second = agreement;
  return {};
}

Result<std::optional<agreement::Agreement>> MemoryAgreementStore::find(agreement::AgreementId id) {
  std::lock_guard lock(mutex_);
  auto it = agreements_.find(id);
  if (it == agreements_.end()) return std::optional<agreement::Agreement>();
  return std::optional<agreement::Agreement>(it->second);
}

Result<std::vector<agreement::Agreement>> MemoryAgreementStore::list() {
  std::lock_guard lock(mutex_);
  std::vector<agreement::Agreement> out;
  for (const auto& [id, a] : agreements_) out.push_back(a);
  return out;
}

}  // namespace tafel::app::agreements
