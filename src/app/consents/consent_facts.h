#pragma once
// The port through which the sharing world learns the consents the engine may rely on.
// The consent registry (app/consents) implements it; MemoryConsentFacts serves tests.
//
// Only consents that were given (DPV state dpv:ConsentGiven at some time) are facts:
// a refused or merely requested consent is never one. A given consent is reported
// with its period and, when withdrawn, the time of withdrawal: the engine itself
// decides whether it is valid at the moment of a request (sharing::Consent).

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"
#include "core/sharing/vocabulary.h"

namespace tafel::app::consents {

// A recipient of a consent: one organisation, every organisation of a sector, or any.
struct ConsentRecipient {
  enum class Kind : std::uint8_t { organisation, sector, any };
  Kind kind = Kind::organisation;
  access::OrganisationId organisation = 0;       // when kind == organisation
  sharing::Sector sector = sharing::Sector::other;  // when kind == sector
};

struct ConsentFact {
  std::int64_t id = 0;
  std::int64_t case_id = 0;  // the person, by case number (app/cases/case_directory.h)
  access::OrganisationId recorded_by = 0;
  std::vector<ConsentRecipient> recipients;
  sharing::CategorySet categories;
  sharing::PurposeSet purposes;
  sharing::Timestamp given = 0;
  sharing::Timestamp expires = sharing::kNever;    // exclusive
  sharing::Timestamp withdrawn = sharing::kNever;  // kNever when not withdrawn
};

class ConsentFacts {
 public:
  virtual ~ConsentFacts() = default;
  // Every consent that was given, withdrawn or not, expired or not.
  virtual Result<std::vector<ConsentFact>> given_consents() = 0;
};

// A fixed list, for tests. Thread-safe.
class MemoryConsentFacts final : public ConsentFacts {
 public:
  void add(ConsentFact fact) {
    std::lock_guard lock(mutex_);
    facts_.push_back(std::move(fact));
  }
  Result<std::vector<ConsentFact>> given_consents() override {
    std::lock_guard lock(mutex_);
    return facts_;
  }

 private:
  std::mutex mutex_;
  std::vector<ConsentFact> facts_;
};

}  // namespace tafel::app::consents
