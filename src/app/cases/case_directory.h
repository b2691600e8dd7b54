#pragma once
// The port through which other areas (consents, contributions, "May I share this?",
// the state-of-necessity flow, the sharing world) learn about individual cases without
// reading a case's identity. A case is one person at one consultation table whose basis
// allows individual cases; the person is known to everyone but the case's own page
// only by the case number (its pseudonym). Identity (name, date of birth, address,
// national register number) never passes through this port.
//
// The cases area (app/cases) implements it; MemoryCaseDirectory serves tests.

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/access/policy.h"
#include "core/result.h"

namespace tafel::app::cases {

// What may be known about a case without its identity.
struct CaseSummary {
  std::int64_t id = 0;        // the case number: the person's pseudonym
  std::int64_t table_id = 0;  // the consultation table the case belongs to
  bool open = true;           // false once closed
  bool minor = false;         // the person is under 18 (a flag, not the date of birth)
  bool vulnerable = false;    // the person is vulnerable in the sense of art. 458bis Sw.
  // Organisations involved with the person, by track. An organisation on the care
  // track has a care relation with the person (the sharing engine's CareRelation).
  std::vector<access::OrganisationId> care_organisations;
  std::vector<access::OrganisationId> safety_organisations;
};

// The subject id under which a case's person appears in the sharing engine's world,
// in explanations and in audit entries: "case-<number>". Never an identity.
inline std::string subject_id(std::int64_t case_id) { return "case-" + std::to_string(case_id); }

class CaseDirectory {
 public:
  virtual ~CaseDirectory() = default;

  // The case if `who` may see it (the case policy decides: delegates of the case's
  // table, and the organisations on its tracks); nullopt when it does not exist or
  // `who` may not see it (the two are indistinguishable on purpose).
  virtual Result<std::optional<CaseSummary>> visible(const access::Principal& who, std::int64_t case_id) = 0;

  // Every case `who` may see, newest first, for pickers; for a platform admin (who may
  // see every case in the country) the newest kAdminPickerCases only.
  static constexpr std::size_t kAdminPickerCases = 1000;
  virtual Result<std::vector<CaseSummary>> visible_cases(const access::Principal& who) = 0;

  // Every case, for building the sharing engine's world (subjects, care relations).
  // Not for display: no authorisation is applied.
  virtual Result<std::vector<CaseSummary>> all() = 0;
};

// A CaseDirectory over a fixed list, for tests: a case is visible to a principal whose
// organisation is on one of its tracks (or to a platform admin). Thread-safe.
class MemoryCaseDirectory final : public CaseDirectory {
 public:
  void put(CaseSummary summary) {
    std::lock_guard lock(mutex_);
    std::erase_if(cases_, [&](const CaseSummary& c) { return c.id == summary.id; });
    cases_.push_back(std::move(summary));
  }
  Result<std::optional<CaseSummary>> visible(const access::Principal& who, std::int64_t case_id) override {
    std::lock_guard lock(mutex_);
    for (const auto& c : cases_) {
      if (c.id == case_id && sees(who, c)) return std::optional<CaseSummary>(c);
    }
    return std::optional<CaseSummary>();
  }
  Result<std::vector<CaseSummary>> visible_cases(const access::Principal& who) override {
    std::lock_guard lock(mutex_);
    std::vector<CaseSummary> out;
    for (auto it = cases_.rbegin(); it != cases_.rend(); ++it) {
      if (sees(who, *it)) out.push_back(*it);
    }
    return out;
  }
  Result<std::vector<CaseSummary>> all() override {
    std::lock_guard lock(mutex_);
    return cases_;
  }

 private:
  static bool sees(const access::Principal& who, const CaseSummary& c) {
    if (who.role == access::Role::platform_admin) return true;
    auto on = [&](const std::vector<access::OrganisationId>& orgs) {
      return std::find(orgs.begin(), orgs.end(), who.organisation_id) != orgs.end();
    };
    return on(c.care_organisations) || on(c.safety_organisations);
  }
  std::mutex mutex_;
  std::vector<CaseSummary> cases_;
};

}  // namespace tafel::app::cases
