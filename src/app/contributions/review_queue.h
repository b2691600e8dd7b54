#pragma once
// The hook through which contributions queue a disclosure for the DPO's review (the
// `dpo_review` obligation, e.g. a disclosure on the ground `necessity`). The DPO review
// queue of issue 12, point 6, implements it; the composition root wires that
// implementation in (cli/runtime). MemoryReviewQueue serves tests and stands in until then.

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"

namespace tafel::app::contributions {

// One disclosure the DPO must review: the contribution, who shared it with whom on
// which ground, and the sender's recorded reasoning. No content, no identity.
struct ReviewRequest {
  std::int64_t contribution = 0;
  access::OrganisationId from = 0;
  access::OrganisationId recipient = 0;
  std::string ground;
  std::string reasoning;
  access::UserId by = 0;
  std::int64_t at_us = 0;
};

class ReviewQueue {
 public:
  virtual ~ReviewQueue() = default;
  // Queues `request` for the DPO of `request.from`'s organisation. Called inside the
  // contribution's transaction: an implementation on the same database joins it.
  virtual Result<void> enqueue(const ReviewRequest& request) = 0;
};

// Keeps the requests in memory. Thread-safe.
class MemoryReviewQueue final : public ReviewQueue {
 public:
  Result<void> enqueue(const ReviewRequest& request) override {
    std::lock_guard lock(mutex_);
    queued_.push_back(request);
    return {};
  }
  std::vector<ReviewRequest> queued() const {
    std::lock_guard lock(mutex_);
    return queued_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<ReviewRequest> queued_;
};

}  // namespace tafel::app::contributions
