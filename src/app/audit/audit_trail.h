#pragma once
// AuditTrail: the one path by which use cases record what happened to personal data,
// rights and agreements (docs/audit.md). Every use case that shows, searches,
// changes, exports or decides about personal information calls record() before it
// answers; an entry that cannot be recorded means the use case fails.
//
// Production: a GroupCommitAppender over storage::AuditLog (many requests per
// transaction, each request answered only after its entry committed), which
// replaces origin.address by its keyed pseudonym. Tests: MemoryAuditTrail.

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "core/audit/entry.h"
#include "core/result.h"

namespace tafel::app::audit {

// Where a request came from. Adapters fill it from the HTTP request (request id and
// peer address in clear); the trail stores only a keyed pseudonym of the address.
// The CLI passes an empty address.
struct Origin {
  std::string request_id;
  std::string address;
};

class AuditTrail {
 public:
  virtual ~AuditTrail() = default;

  // Appends `entry` durably and returns its sequence number. `entry.seq`,
  // `entry.time_us`, `entry.request_id` and `entry.source` are set by the trail
  // (from the log and `origin`). Fails with "invalid_audit_entry" for a field that is
  // too long or holds control characters, or with the store's error; the caller must
  // then not answer as if the action happened. Thread-safe.
  virtual Result<std::uint64_t> record(core::audit::Entry entry, const Origin& origin) = 0;
};

// Keeps entries in memory, in order, for tests of use cases. The "source" of an
// entry is "pseudonym(<address>)" so tests can see that the address went through.
class MemoryAuditTrail final : public AuditTrail {
 public:
  Result<std::uint64_t> record(core::audit::Entry entry, const Origin& origin) override {
    if (auto valid = core::audit::validate(entry); !valid) return tl::unexpected(valid.error());
    std::lock_guard lock(mutex_);
    entry.seq = entries_.size() + 1;
    entry.request_id = origin.request_id;
    entry.source = origin.address.empty() ? std::string() : "pseudonym(" + origin.address + ")";
    entries_.push_back(entry);
    return entry.seq;
  }
  // A copy of everything recorded so far, oldest first.
  std::vector<core::audit::Entry> entries() const {
    std::lock_guard lock(mutex_);
    return entries_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<core::audit::Entry> entries_;
};

}  // namespace tafel::app::audit
