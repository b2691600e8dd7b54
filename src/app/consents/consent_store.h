#pragma once
// The store port of consents (core/consents/consent.h) and their evidence files.
// Adapters: storage::SqlConsentStore (evidence sealed at rest), MemoryConsentStore
// for tests of the use case.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/access/user.h"
#include "core/consents/consent.h"
#include "core/result.h"

namespace tafel::app::consents {

// An uploaded signed consent form.
struct EvidenceFile {
  std::string type;  // media type, from the file's magic bytes
  std::vector<std::uint8_t> bytes;
};

class ConsentStore {
 public:
  virtual ~ConsentStore() = default;

  // Stores a new consent; returns it with its id and version 1.
  virtual Result<tafel::consents::Consent> insert(tafel::consents::Consent consent) = 0;
  // The consent, or nullopt.
  virtual Result<std::optional<tafel::consents::Consent>> find(std::int64_t id) = 0;
  // Saves `consent` (read at consent.version) and returns it at the next version.
  // Fails with "not_found" or "conflict".
  virtual Result<tafel::consents::Consent> update(tafel::consents::Consent consent) = 0;
  // The consents recorded by `organisation`, newest first.
  virtual Result<std::vector<tafel::consents::Consent>> by_organisation(access::OrganisationId organisation) = 0;
  // The consents of one case, newest first.
  virtual Result<std::vector<tafel::consents::Consent>> by_case(std::int64_t case_id) = 0;
  // Every consent that was ever given (stored state given or withdrawn).
  virtual Result<std::vector<tafel::consents::Consent>> ever_given() = 0;
  // Deletes a consent and its evidence file (the retention purge of its case). True
  // when this call deleted it; false when it was already gone.
  virtual Result<bool> remove(std::int64_t id) = 0;
  // Stores (or replaces) the evidence file of a consent.
  virtual Result<void> put_evidence(std::int64_t consent_id, const EvidenceFile& file) = 0;
  // The evidence file of a consent, or nullopt. Fails with "corrupt_record" when a
  // stored file cannot be opened (another key, altered data).
  virtual Result<std::optional<EvidenceFile>> evidence(std::int64_t consent_id) = 0;
};

// ConsentStore in memory, for tests. Thread-safe.
class MemoryConsentStore final : public ConsentStore {
 public:
  Result<tafel::consents::Consent> insert(tafel::consents::Consent consent) override;
  Result<std::optional<tafel::consents::Consent>> find(std::int64_t id) override;
  Result<tafel::consents::Consent> update(tafel::consents::Consent consent) override;
  Result<std::vector<tafel::consents::Consent>> by_organisation(access::OrganisationId organisation) override;
  Result<std::vector<tafel::consents::Consent>> by_case(std::int64_t case_id) override;
  Result<std::vector<tafel::consents::Consent>> ever_given() override;
  Result<bool> remove(std::int64_t id) override;
  Result<void> put_evidence(std::int64_t consent_id, const EvidenceFile& file) override;
  Result<std::optional<EvidenceFile>> evidence(std::int64_t consent_id) override;

 private:
  template <typename Keep>
  std::vector<tafel::consents::Consent> select(Keep&& keep);
  std::mutex mutex_;
  std::int64_t next_id_ = 1;
  std::vector<tafel::consents::Consent> consents_;
  std::vector<std::pair<std::int64_t, EvidenceFile>> files_;
};

}  // namespace tafel::app::consents
