#include "app/decisions/cached_sharing_world.h"

namespace tafel::app::decisions {

Result<std::shared_ptr<const CompiledWorld>> CachedSharingWorld::current() {
  // The generation is read before the records: a change committed meanwhile may be in
  // the world built below under the older number, and only costs one more build.
  auto seen = generation_.current();
  if (!seen) return tl::unexpected(seen.error());
  auto cached = [&]() -> std::shared_ptr<const CompiledWorld> {
    std::lock_guard lock(mutex_);
    // Generations only grow: a world built at a later one is at least as new.
    return world_ && built_at_ >= *seen ? world_ : nullptr;
  };
  if (auto w = cached()) return w;

  std::lock_guard building(build_);
  if (auto w = cached()) return w;  // another thread built it while this one waited
  auto built = builder_.current();
  if (!built) return built;  // nothing cached: the next call tries again
  builds_.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard lock(mutex_);
  if (!world_ || *seen >= built_at_) {
    world_ = *built;
    built_at_ = *seen;
  }
  return *built;
}

}  // namespace tafel::app::decisions
