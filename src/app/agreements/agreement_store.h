#pragma once
// The persistence port of collaboration agreements: every version of every agreement
// with its signatures, nothing ever removed. Implemented by
// storage::SqlAgreementStore and MemoryAgreementStore (tests).

#include <cstdint>
#include <optional>
#include <vector>

#include "core/agreement/agreement.h"
#include "core/result.h"

namespace tafel::app::agreements {

class AgreementStore {
 public:
  virtual ~AgreementStore() = default;

  // Stores a new agreement and returns its id.
  virtual Result<agreement::AgreementId> create(const agreement::Agreement& agreement) = 0;

  // Stores the changed `agreement` if the stored one is still at `expected_revision`
  // (the revision it had when it was read), else fails with "conflict": two admins
  // acting at once must not overwrite each other. "not_found" for an unknown id.
  // Versions and signatures are only ever added or updated, never deleted.
  virtual Result<void> save(const agreement::Agreement& agreement, std::int64_t expected_revision) = 0;

  // The agreement, or nullopt. "corrupt_agreement" when a stored version no longer
  // matches its hash.
  virtual Result<std::optional<agreement::Agreement>> find(agreement::AgreementId id) = 0;

  // Every agreement, by id.
  virtual Result<std::vector<agreement::Agreement>> list() = 0;
};

}  // namespace tafel::app::agreements
