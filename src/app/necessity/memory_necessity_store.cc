#include <algorithm>

#include "app/necessity/necessity_store.h"

namespace tafel::app::necessity {

using tafel::necessity::Report;
using tafel::necessity::Review;

void sort_queue(std::vector<Review>& reviews) {
  std::stable_sort(reviews.begin(), reviews.end(), [](const Review& a, const Review& b) {
    if (a.open() != b.open()) return a.open();
    return a.id > b.id;
  });
}

Result<Report> MemoryNecessityStore::insert_report(Report report) {
  std::lock_guard lock(mutex_);
  report.id = static_cast<std::int64_t>(reports_.size()) + 1;
  reports_.push_back(report);
  return report;
}

Result<std::optional<Report>> MemoryNecessityStore::find_report(std::int64_t id) {
  std::lock_guard lock(mutex_);
  for (const auto& r : reports_) {
    if (r.id == id) return std::optional<Report>(r);
  }
  return std::optional<Report>();
}

Result<std::vector<Report>> MemoryNecessityStore::reports_by(access::UserId author) {
  std::lock_guard lock(mutex_);
  std::vector<Report> out;
  for (auto it = reports_.rbegin(); it != reports_.rend(); ++it) {
    if (it->author == author) out.push_back(*it);
  }
  return out;
}

Result<Review> MemoryNecessityStore::insert_review(Review review) {
  std::lock_guard lock(mutex_);
  review.id = static_cast<std::int64_t>(reviews_.size()) + 1;
  review.version = 1;
  reviews_.push_back(review);
  return review;
}

Result<std::optional<Review>> MemoryNecessityStore::find_review(std::int64_t id) {
  std::lock_guard lock(mutex_);
  for (const auto& r : reviews_) {
    if (r.id == id) return std::optional<Review>(r);
  }
  return std::optional<Review>();
}

Result<std::optional<Review>> MemoryNecessityStore::review_of(std::string_view kind, std::int64_t subject) {
  std::lock_guard lock(mutex_);
  for (auto it = reviews_.rbegin(); it != reviews_.rend(); ++it) {
    if (it->kind == kind && it->subject == subject) return std::optional<Review>(*it);
  }
  return std::optional<Review>();
}

Result<Review> MemoryNecessityStore::update_review(Review review) {
  std::lock_guard lock(mutex_);
  for (auto& r : reviews_) {
    if (r.id != review.id) continue;
    if (r.version != review.version) return fail("conflict", "the review changed meanwhile; reload and retry");
    ++review.version;
    r = review;
    return review;
  }
  return fail("not_found", "no such review");
}

Result<std::vector<Review>> MemoryNecessityStore::reviews_of(access::OrganisationId organisation) {
  std::lock_guard lock(mutex_);
  std::vector<Review> out;
  for (const auto& r : reviews_) {
    if (r.organisation == organisation) out.push_back(r);
  }
  sort_queue(out);
  return out;
}

}  // namespace tafel::app::necessity
