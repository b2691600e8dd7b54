#include "app/consents/consent_store.h"

#include <algorithm>

namespace tafel::app::consents {

using tafel::consents::Consent;
using tafel::consents::State;

Result<Consent> MemoryConsentStore::insert(Consent consent) {
  std::lock_guard lock(mutex_);
  consent.id = next_id_++;
  consent.version = 1;
  consents_.push_back(consent);
  return consent;
}

Result<std::optional<Consent>> MemoryConsentStore::find(std::int64_t id) {
  std::lock_guard lock(mutex_);
  for (const auto& c : consents_) {
    if (c.id == id) return std::optional<Consent>(c);
  }
  return std::optional<Consent>();
}

Result<Consent> MemoryConsentStore::update(Consent consent) {
  std::lock_guard lock(mutex_);
  for (auto& c : consents_) {
    if (c.id != consent.id) continue;
    if (c.version != consent.version) return fail("conflict", "the consent changed meanwhile; reload and retry");
    consent.version += 1;
    c = consent;
    return consent;
  }
  return fail("not_found", "no such consent");
}

template <typename Keep>
std::vector<Consent> MemoryConsentStore::select(Keep&& keep) {
  std::lock_guard lock(mutex_);
  std::vector<Consent> out;
  for (auto it = consents_.rbegin(); it != consents_.rend(); ++it) {
    if (keep(*it)) out.push_back(*it);
  }
  return out;
}

Result<std::vector<Consent>> MemoryConsentStore::by_organisation(access::OrganisationId organisation) {
  return select([&](const Consent& c) { return c.recorded_by == organisation; });
}

Result<std::vector<Consent>> MemoryConsentStore::by_case(std::int64_t case_id) {
  return select([&](const Consent& c) { return c.case_id == case_id; });
}

Result<std::vector<Consent>> MemoryConsentStore::ever_given() {
  return select([](const Consent& c) { return c.state == State::given || c.state == State::withdrawn; });
}

Result<bool> MemoryConsentStore::remove(std::int64_t id) {
  std::lock_guard lock(mutex_);
  std::erase_if(files_, [&](const auto& f) { return f.first == id; });
  return std::erase_if(consents_, [&](const Consent& c) { return c.id == id; }) > 0;
}

Result<void> MemoryConsentStore::put_evidence(std::int64_t consent_id, const EvidenceFile& file) {
  std::lock_guard lock(mutex_);
  std::erase_if(files_, [&](const auto& f) { return f.first == consent_id; });
  files_.emplace_back(consent_id, file);
  return {};
}

Result<std::optional<EvidenceFile>> MemoryConsentStore::evidence(std::int64_t consent_id) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, file] : files_) {
    if (id == consent_id) return std::optional<EvidenceFile>(file);
  }
  return std::optional<EvidenceFile>();
}

}  // namespace tafel::app::consents
