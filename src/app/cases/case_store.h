#pragma once
// The store port of cases (core/cases/case.h) and their sealed identities
// (app/cases/identity_cipher.h). The store never sees an identity in clear.

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "app/cases/identity_cipher.h"
#include "core/cases/case.h"
#include "core/result.h"

namespace tafel::app::cases {

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // Stores a new case and the identity `seal` returns for its new number, in one
  // transaction; returns the case with its id.
  virtual Result<tafel::cases::Case> insert(tafel::cases::Case c,
                                            const std::function<Result<SealedIdentity>(std::int64_t)>& seal) = 0;
  // The case, or nullopt.
  virtual Result<std::optional<tafel::cases::Case>> find(std::int64_t id) = 0;
  // Saves the clear fields of `c` (flags, tracks, person informed, closed).
  // Fails with "not_found".
  virtual Result<void> update(const tafel::cases::Case& c) = 0;
  // The sealed identity of case `id`, or nullopt when there is no such case.
  virtual Result<std::optional<SealedIdentity>> identity(std::int64_t id) = 0;
  // Replaces the sealed identity of case `id`.
  virtual Result<void> set_identity(std::int64_t id, const SealedIdentity& sealed) = 0;
  // The cases of table `table_id` (all tables when nullopt), newest first.
  virtual Result<std::vector<tafel::cases::Case>> list(std::optional<std::int64_t> table_id) = 0;
  // The cases with `organisation` on one of their tracks, newest first: the only
  // cases it may see (core/cases/case_policy.h). Reads no other case.
  virtual Result<std::vector<tafel::cases::Case>> list_involving(access::OrganisationId organisation) = 0;
  // One page of cases, newest first: at most `limit` numbered below `before`
  // (nullopt: from the newest), of those with `involving` on a track (every case when
  // nullopt). Reads only the page's rows (keyset on the primary key): the platform
  // admin's list of every case in the country.
  virtual Result<std::vector<tafel::cases::Case>> list_page(std::optional<access::OrganisationId> involving,
                                                            std::optional<std::int64_t> before, std::size_t limit) = 0;
  // Deletes case `id` with its tracks, sealed identity and wrapped data key (the
  // retention purge). True when this call deleted it; false when it was already gone
  // (another server purged it first), so the caller writes no second audit entry.
  virtual Result<bool> remove(std::int64_t id) = 0;
};

}  // namespace tafel::app::cases
