#pragma once
// MemoryAuditReader: AuditReader over a MemoryAuditTrail, for use-case tests.

#include <algorithm>

#include "app/audit/audit_reader.h"
#include "app/audit/audit_trail.h"

namespace tafel::app::audit {

class MemoryAuditReader final : public AuditReader {
 public:
  // `trail` must outlive the reader.
  explicit MemoryAuditReader(const MemoryAuditTrail& trail) : trail_(trail) {}

  Result<std::vector<core::audit::Entry>> find(const AuditFilter& filter) override {
    std::vector<core::audit::Entry> all = trail_.entries();
    if (!filter.oldest_first) std::reverse(all.begin(), all.end());
    std::vector<core::audit::Entry> out;
    const std::size_t limit = std::max<std::size_t>(1, std::min(filter.limit, kMaxAuditPage));
    for (auto& e : all) {
      if (out.size() >= limit) break;
      if (matches(filter, e)) out.push_back(std::move(e));
    }
    return out;
  }

 private:
  const MemoryAuditTrail& trail_;
};

}  // namespace tafel::app::audit
