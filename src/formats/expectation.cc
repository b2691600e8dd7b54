#include "formats/expectation.h"

#include <algorithm>

namespace tafel::formats {
namespace {

using namespace tafel::sharing;

std::string join(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

std::string outcome(const Decision& d) {
  if (d.permit) return "permit (" + std::string(name_of(*d.ground)) + ")";
  return "deny " + join(reason_names(d));
}

}  // namespace

std::vector<std::string> reason_names(const Decision& d) {
  std::vector<std::string> out;
  for (Reason r : d.reasons()) out.emplace_back(name_of(r));
  return out;
}

std::vector<std::string> unmet_expectations(const ScenarioRequest& sr, const Policy& policy, const Decision& d) {
  std::vector<std::string> failures;
  const Expectation& e = sr.expect;
  if (e.permit != d.permit) {
    failures.push_back(std::string("expected ") + (e.permit ? "permit" : "deny") + ", got " + outcome(d));
    return failures;
  }
  if (e.ground && (!d.ground || *d.ground != *e.ground)) {
    failures.push_back("expected ground " + std::string(name_of(*e.ground)) + ", got " +
                       (d.ground ? std::string(name_of(*d.ground)) : std::string("none")));
  }
  const auto obligations = policy.obligations(d);
  for (const std::string& o : e.obligations) {
    if (std::find(obligations.begin(), obligations.end(), o) == obligations.end()) {
      failures.push_back("expected obligation " + o + ", got " + join(obligations));
    }
  }
  for (Reason r : e.reasons) {
    if (!d.has_reason(r)) {
      failures.push_back("expected reason " + std::string(name_of(r)) + ", got " + join(reason_names(d)));
    }
  }
  return failures;
}

}  // namespace tafel::formats
