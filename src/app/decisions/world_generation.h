#pragma once
// The port through which the cached sharing world learns whether its inputs changed:
// a number that every committed change to an input of the world (organisations,
// agreements, tables, cases, consents) raises, in the change's own transaction, on
// whichever server made it. storage::SqlWorldGeneration reads it from the database
// (storage/sharing_world_generation.h, which also raises it).

#include <cstdint>

#include "core/result.h"

namespace tafel::app::decisions {

class WorldGeneration {
 public:
  virtual ~WorldGeneration() = default;
  // The generation now: equal to an earlier answer exactly when no input of the world
  // changed since; larger otherwise. One cheap read.
  virtual Result<std::int64_t> current() = 0;
};

}  // namespace tafel::app::decisions
