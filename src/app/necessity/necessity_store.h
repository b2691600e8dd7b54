#pragma once
// The store port of state-of-necessity reports and DPO reviews
// (core/necessity/report.h, review.h). A report is written once; a review changes
// through its steps under optimistic concurrency (`version`, "conflict").

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/user.h"
#include "core/necessity/report.h"
#include "core/necessity/review.h"
#include "core/result.h"

namespace tafel::app::necessity {

class NecessityStore {
 public:
  virtual ~NecessityStore() = default;

  // Stores a new report; returns it with its id.
  virtual Result<tafel::necessity::Report> insert_report(tafel::necessity::Report report) = 0;
  virtual Result<std::optional<tafel::necessity::Report>> find_report(std::int64_t id) = 0;
  // The reports `author` wrote, newest first.
  virtual Result<std::vector<tafel::necessity::Report>> reports_by(access::UserId author) = 0;

  // Stores a new review; returns it with its id and version 1.
  virtual Result<tafel::necessity::Review> insert_review(tafel::necessity::Review review) = 0;
  virtual Result<std::optional<tafel::necessity::Review>> find_review(std::int64_t id) = 0;
  // The newest review of the record `kind`/`subject`, or nullopt.
  virtual Result<std::optional<tafel::necessity::Review>> review_of(std::string_view kind, std::int64_t subject) = 0;
  // Saves `review` (read at review.version) and returns it at the next version.
  // Fails with "not_found" or "conflict".
  virtual Result<tafel::necessity::Review> update_review(tafel::necessity::Review review) = 0;
  // The reviews of `organisation`, open ones first, then newest first.
  virtual Result<std::vector<tafel::necessity::Review>> reviews_of(access::OrganisationId organisation) = 0;
};

// NecessityStore in memory, for tests of the use case. Thread-safe.
class MemoryNecessityStore final : public NecessityStore {
 public:
  Result<tafel::necessity::Report> insert_report(tafel::necessity::Report report) override;
  Result<std::optional<tafel::necessity::Report>> find_report(std::int64_t id) override;
  Result<std::vector<tafel::necessity::Report>> reports_by(access::UserId author) override;
  Result<tafel::necessity::Review> insert_review(tafel::necessity::Review review) override;
  Result<std::optional<tafel::necessity::Review>> find_review(std::int64_t id) override;
  Result<std::optional<tafel::necessity::Review>> review_of(std::string_view kind, std::int64_t subject) override;
  Result<tafel::necessity::Review> update_review(tafel::necessity::Review review) override;
  Result<std::vector<tafel::necessity::Review>> reviews_of(access::OrganisationId organisation) override;

 private:
  std::mutex mutex_;
  std::vector<tafel::necessity::Report> reports_;
  std::vector<tafel::necessity::Review> reviews_;
};

// Open reviews first, then newest first: the order of the DPO's queue.
void sort_queue(std::vector<tafel::necessity::Review>& reviews);

}  // namespace tafel::app::necessity
