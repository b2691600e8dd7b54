#include "core/necessity/report.h"

#include <algorithm>

namespace tafel::necessity {

namespace {

bool clean(const std::string& text, std::size_t max) {
  if (text.size() > max) return false;
  return std::none_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u == 0x7f;
  });
}

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
}

}  // namespace

bool claimable(sharing::Ground ground) {
  return ground == sharing::Ground::art_458bis || ground == sharing::Ground::necessity;
}

Result<void> check_claim(const Report& r) {
  if (!claimable(r.ground)) return fail("invalid_input", "ground");
  if (r.categories.empty()) return fail("invalid_input", "categories");
  if (!clean(r.justification.higher_value, kMaxShortTextBytes)) return fail("invalid_input", "higher_value");
  if (!clean(r.tried, kMaxReasoningBytes)) return fail("invalid_input", "tried");
  if (!clean(r.reasoning, kMaxReasoningBytes)) return fail("invalid_input", "reasoning");
  return {};
}

Result<void> check_reasoning(const Report& r) {
  if (blank(r.reasoning)) return fail("reasoning_required", "explain why secrecy must yield: the reasoning is recorded");
  return {};
}

}  // namespace tafel::necessity
