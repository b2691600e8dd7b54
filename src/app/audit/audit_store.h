#pragma once
// The port through which use cases write the audit log. Implemented by
// storage::AuditLog (SQLite or PostgreSQL); a change's own entry is written through
// storage::AuditLog::append_in inside the change's transaction instead.

#include <cstdint>
#include <span>
#include <vector>

#include "core/audit/entry.h"
#include "core/result.h"

namespace tafel::app::audit {

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // Appends `entries` in order in ONE durable transaction and returns their sequence
  // numbers. When it returns a value every entry is committed; on an error none is.
  // Thread-safe; appenders in other processes on the same database are serialised.
  virtual Result<std::vector<std::uint64_t>> append(std::span<const core::audit::Entry> entries) = 0;

  // Signs a checkpoint when entries have waited longer than the configured interval
  // since the last one. Returns whether one was written.
  virtual Result<bool> checkpoint_if_due() = 0;
};

}  // namespace tafel::app::audit
