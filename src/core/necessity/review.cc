#include "core/necessity/review.h"

#include <algorithm>

namespace tafel::necessity {

namespace {

constexpr std::string_view kStates[] = {"pending", "question", "answered", "accepted", "not_accepted"};
constexpr std::size_t kMaxText = 5000;

bool text_ok(const std::string& text, std::size_t max, bool lines) {
  if (text.empty() || text.size() > max) return false;
  bool blank = std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
  if (blank) return false;
  return std::none_of(text.begin(), text.end(), [&](char c) {
    auto u = static_cast<unsigned char>(c);
    if (lines && (c == '\n' || c == '\r' || c == '\t')) return false;
    return u < 0x20 || u == 0x7f;
  });
}

Result<void> step(Review& r, std::string kind, access::UserId by, std::string text, std::int64_t at, ReviewState to) {
  r.steps.push_back({std::move(kind), by, std::move(text), at});
  r.state = to;
  return {};
}

}  // namespace

std::string_view name_of(ReviewState state) { return kStates[static_cast<std::size_t>(state)]; }

std::optional<ReviewState> parse_review_state(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kStates); ++i) {
    if (kStates[i] == text) return static_cast<ReviewState>(i);
  }
  return std::nullopt;
}

bool Review::open() const {
  return state == ReviewState::pending || state == ReviewState::question || state == ReviewState::answered;
}

Result<void> check_new_review(const Review& r) {
  if (r.kind.empty() || r.kind.size() > 40 ||
      !std::all_of(r.kind.begin(), r.kind.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; })) {
    return fail("invalid_input", "kind");
  }
  if (r.subject <= 0) return fail("invalid_input", "subject");
  if (r.organisation <= 0) return fail("invalid_input", "organisation");
  if (r.author <= 0) return fail("invalid_input", "author");
  if (!text_ok(r.summary, 300, false)) return fail("invalid_input", "summary");
  return {};
}

Result<void> ask(Review& r, access::UserId dpo, std::string text, std::int64_t at_us) {
  if (!r.open()) return fail("review_closed", "the review is concluded");
  if (!text_ok(text, kMaxText, true)) return fail("invalid_input", "question");
  return step(r, "question", dpo, std::move(text), at_us, ReviewState::question);
}

Result<void> answer(Review& r, access::UserId author, std::string text, std::int64_t at_us) {
  if (!r.open()) return fail("review_closed", "the review is concluded");
  if (r.state != ReviewState::question) return fail("no_question", "the DPO has asked no question to answer");
  if (!text_ok(text, kMaxText, true)) return fail("invalid_input", "answer");
  return step(r, "answer", author, std::move(text), at_us, ReviewState::answered);
}

Result<void> accept(Review& r, access::UserId dpo, std::int64_t at_us) {
  if (!r.open()) return fail("review_closed", "the review is concluded");
  return step(r, "accepted", dpo, "", at_us, ReviewState::accepted);
}

Result<void> not_accept(Review& r, access::UserId dpo, std::string reason, std::int64_t at_us) {
  if (!r.open()) return fail("review_closed", "the review is concluded");
  if (!text_ok(reason, kMaxText, true)) return fail("invalid_input", "reason");
  return step(r, "not_accepted", dpo, std::move(reason), at_us, ReviewState::not_accepted);
}

}  // namespace tafel::necessity
