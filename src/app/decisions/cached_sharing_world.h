#pragma once
// SharingWorldSource that builds the world once per generation of its inputs
// (ADR 0015): each current() reads the generation (one cheap query, see
// world_generation.h) and returns the world built at that generation, rebuilding it
// through `builder` only when the generation moved. Because every write to an input
// raises the generation in its own transaction, on whichever server, a change
// committed before current() is always in the world it returns.
//
// Thread-safety: any number of threads may call current(). One builds at a time;
// the others wait for that world rather than decide in an older one (a suspended
// agreement must stop permitting at once). A world is immutable once returned.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "app/decisions/sharing_world.h"
#include "app/decisions/world_generation.h"

namespace tafel::app::decisions {

class CachedSharingWorld final : public SharingWorldSource {
 public:
  // `builder` builds the world from the records (RecordSharingWorld); `generation`
  // tells when they changed. Both must outlive this object.
  CachedSharingWorld(SharingWorldSource& builder, WorldGeneration& generation)
      : builder_(builder), generation_(generation) {}

  Result<std::shared_ptr<const CompiledWorld>> current() override;

  // How many times the world was built, for tests and /metrics.
  std::uint64_t builds() const { return builds_.load(std::memory_order_relaxed); }

 private:
  SharingWorldSource& builder_;
  WorldGeneration& generation_;
  std::mutex build_;  // one builder at a time
  std::mutex mutex_;  // guards world_ and built_at_
  std::shared_ptr<const CompiledWorld> world_;
  std::int64_t built_at_ = 0;
  std::atomic<std::uint64_t> builds_{0};
};

}  // namespace tafel::app::decisions
