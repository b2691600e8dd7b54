#pragma once
// The store port of contributions (core/contributions/contribution.h), each one
// document loaded and saved whole; `version` guards against lost updates ("conflict").

#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "core/contributions/contribution.h"
#include "core/result.h"

namespace tafel::app::contributions {

class ContributionStore {
 public:
  virtual ~ContributionStore() = default;
  // Stores a new contribution; returns it with its id and version 1.
  virtual Result<tafel::contributions::Contribution> insert(tafel::contributions::Contribution contribution) = 0;
  // The contribution, or nullopt.
  virtual Result<std::optional<tafel::contributions::Contribution>> find(std::int64_t id) = 0;
  // Saves `contribution` (read at its version) and returns it at the next version.
  // Fails with "not_found" or "conflict".
  virtual Result<tafel::contributions::Contribution> update(tafel::contributions::Contribution contribution) = 0;
  // The contributions to a situation, or to a case, oldest first.
  virtual Result<std::vector<tafel::contributions::Contribution>> for_situation(std::int64_t situation) = 0;
  virtual Result<std::vector<tafel::contributions::Contribution>> for_case(std::int64_t case_id) = 0;
  // Every contribution, oldest first (the retention purge reads their shares).
  virtual Result<std::vector<tafel::contributions::Contribution>> all() = 0;
  // Deletes a contribution (the retention purge). True when this call deleted it;
  // false when it was already gone.
  virtual Result<bool> remove(std::int64_t id) = 0;
};

// In memory, for tests of the use cases. Thread-safe.
class MemoryContributionStore final : public ContributionStore {
 public:
  Result<tafel::contributions::Contribution> insert(tafel::contributions::Contribution c) override {
    std::lock_guard lock(mutex_);
    c.id = next_id_++;
    c.version = 1;
    items_.push_back(c);
    return c;
  }
  Result<std::optional<tafel::contributions::Contribution>> find(std::int64_t id) override {
    std::lock_guard lock(mutex_);
    for (const auto& c : items_) {
      if (c.id == id) return std::optional<tafel::contributions::Contribution>(c);
    }
    return std::optional<tafel::contributions::Contribution>();
  }
  Result<tafel::contributions::Contribution> update(tafel::contributions::Contribution c) override {
    std::lock_guard lock(mutex_);
    for (auto& x : items_) {
      if (x.id != c.id) continue;
      if (x.version != c.version) return fail("conflict", "the contribution changed meanwhile");
      c.version++;
      x = c;
      return c;
    }
    return fail("not_found", "no such contribution");
  }
  Result<std::vector<tafel::contributions::Contribution>> for_situation(std::int64_t situation) override {
    return select([&](const auto& c) { return c.situation == situation; });
  }
  Result<std::vector<tafel::contributions::Contribution>> for_case(std::int64_t case_id) override {
    return select([&](const auto& c) { return c.case_id == case_id; });
  }
  Result<std::vector<tafel::contributions::Contribution>> all() override {
    return select([](const auto&) { return true; });
  }
  Result<bool> remove(std::int64_t id) override {
    std::lock_guard lock(mutex_);
    return std::erase_if(items_, [&](const auto& c) { return c.id == id; }) > 0;
  }

 private:
  template <typename F>
  Result<std::vector<tafel::contributions::Contribution>> select(F&& keep) {
    std::lock_guard lock(mutex_);
    std::vector<tafel::contributions::Contribution> out;
    for (const auto& c : items_) {
      if (keep(c)) out.push_back(c);
    }
    return out;
  }
  std::mutex mutex_;
  std::int64_t next_id_ = 1;
  std::vector<tafel::contributions::Contribution> items_;
};

}  // namespace tafel::app::contributions
