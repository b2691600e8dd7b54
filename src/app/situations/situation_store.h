#pragma once
// The store port of situations (core/situations/situation.h), each one aggregate
// loaded and saved whole; `version` guards against lost updates ("conflict").

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"
#include "core/situations/situation.h"

namespace tafel::app::situations {

class SituationStore {
 public:
  virtual ~SituationStore() = default;

  // Stores a new situation; returns it with its id and version 1.
  virtual Result<tafel::situations::Situation> insert(tafel::situations::Situation situation) = 0;
  // The situation, or nullopt.
  virtual Result<std::optional<tafel::situations::Situation>> find(std::int64_t id) = 0;
  // Saves `situation` (read at situation.version) and returns it at the next version.
  // Fails with "not_found" or "conflict".
  virtual Result<tafel::situations::Situation> update(tafel::situations::Situation situation) = 0;
  // The situations `organisation` owns or participates in, newest first; all when
  // nullopt. One keyset page (issue 21): ids below `before` (0: no bound), at most
  // `limit`.
  virtual Result<std::vector<tafel::situations::Situation>> list(std::optional<access::OrganisationId> organisation,
                                                                 std::int64_t before, std::size_t limit) = 0;
};

// What situations read from the directory: the display names of the people it
// knows (users, among them every contact person) for the detector of personal
// identifiers, and whether an area or organisation a situation names exists.
class SituationDirectory {
 public:
  virtual ~SituationDirectory() = default;
  // The display names whose key (situations::name_key) is one of `keys`
  // (situations::name_candidates of the texts to screen), each once.
  virtual Result<std::vector<std::string>> display_names_among(const std::vector<std::string>& keys) = 0;
  virtual Result<bool> area_exists(std::int64_t area) = 0;
  virtual Result<bool> organisation_exists(access::OrganisationId organisation) = 0;
};

// SituationStore and SituationDirectory in memory, for tests of the use case. Thread-safe.
class MemorySituationStore final : public SituationStore, public SituationDirectory {
 public:
  Result<tafel::situations::Situation> insert(tafel::situations::Situation situation) override;
  Result<std::optional<tafel::situations::Situation>> find(std::int64_t id) override;
  Result<tafel::situations::Situation> update(tafel::situations::Situation situation) override;
  Result<std::vector<tafel::situations::Situation>> list(std::optional<access::OrganisationId> organisation,
                                                         std::int64_t before, std::size_t limit) override;
  Result<std::vector<std::string>> display_names_among(const std::vector<std::string>& keys) override;
  Result<bool> area_exists(std::int64_t area) override;
  Result<bool> organisation_exists(access::OrganisationId organisation) override;

  std::vector<std::string> names;  // the directory's display names
  std::vector<std::int64_t> areas{7};             // the areas that exist
  std::vector<access::OrganisationId> organisations{1, 2, 3, 4};  // the organisations that exist

 private:
  std::mutex mutex_;
  std::int64_t next_id_ = 1;
  std::vector<tafel::situations::Situation> situations_;
};

}  // namespace tafel::app::situations
