#pragma once
// ReviewQueue over the DPO review queue of the state-of-necessity area (issue 12,
// point 6): a contribution shared under `dpo_review` waits in the same queue as a
// report, for the DPO of the sender's organisation. Joins the contribution's
// transaction (NecessityService::enqueue_review does).

#include <string>

#include "app/contributions/review_queue.h"
#include "app/necessity/necessity_service.h"

namespace tafel::app::contributions {

class DpoReviewQueue final : public ReviewQueue {
 public:
  explicit DpoReviewQueue(necessity::NecessityService& reviews) : reviews_(reviews) {}

  Result<void> enqueue(const ReviewRequest& request) override {
    necessity::ReviewSubject subject;
    subject.kind = "contribution";
    subject.id = request.contribution;
    // No content, no identity: what was shared, with whom, on which ground.
    subject.summary = "Contribution " + std::to_string(request.contribution) + " shared with organisation " +
                      std::to_string(request.recipient) + " on the ground " + request.ground;
    subject.author = request.by;
    subject.organisation = request.from;
    auto queued = reviews_.enqueue_review(subject, audit::Origin{"contribution", ""});
    if (!queued) return tl::unexpected(queued.error());
    return {};
  }

 private:
  necessity::NecessityService& reviews_;
};

}  // namespace tafel::app::contributions
