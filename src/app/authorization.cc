#include "app/authorization.h"

#include <string>

namespace tafel::app {

namespace {
Result<void> refusal(const access::Decision& decision) {
  if (decision.allowed) return {};
  if (decision.reason == "not_authenticated") return fail("not_authenticated", "log in first");
  if (decision.reason == "second_factor_required") {
    return fail("second_factor_required", "complete the second factor first");
  }
  return fail("forbidden", std::string(decision.reason));
}
}  // namespace

Result<void> authorize(const std::optional<access::Principal>& who, access::Action action,
                       const access::Target& target) {
  access::Decision decision = access::authorise(who, action, target);
  if (decision.allowed) return {};
  if (decision.reason == "not_authenticated") return fail("not_authenticated", "log in first");
  if (decision.reason == "second_factor_required") {
    return fail("second_factor_required", "complete the second factor first");
  }
  return fail("forbidden", std::string(decision.reason));
}

Result<void> authorize(const std::optional<access::Principal>& who, ::tafel::tables::TableAction action,
                       const ::tafel::tables::TableStanding& standing) {
  access::Decision decision = ::tafel::tables::authorise(who, action, standing);
  if (decision.allowed) return {};
  if (decision.reason == "not_authenticated") return fail("not_authenticated", "log in first");
  if (decision.reason == "second_factor_required") {
    return fail("second_factor_required", "complete the second factor first");
  }
  return fail("forbidden", std::string(decision.reason));
}

Result<void> authorize(const std::optional<access::Principal>& who, ::tafel::situations::SituationRight right,
                       const ::tafel::situations::SituationStanding& standing) {
  return refusal(::tafel::situations::authorise(who, right, standing));
}

Result<void> authorize(const std::optional<access::Principal>& who, ::tafel::consents::ConsentRight right,
                       const ::tafel::consents::ConsentStanding& standing) {
  return refusal(::tafel::consents::authorise(who, right, standing));
}

Result<void> authorize(const std::optional<access::Principal>& who, ::tafel::necessity::NecessityRight right,
                       const ::tafel::necessity::NecessityStanding& standing) {
  return refusal(::tafel::necessity::authorise(who, right, standing));
}

Result<void> authorize(const std::optional<access::Principal>& who, ::tafel::cases::CaseRight right,
                       const ::tafel::cases::CaseStanding& standing) {
  return refusal(::tafel::cases::authorise(who, right, standing));
}

Result<void> authorize(const std::optional<access::Principal>& who, ::tafel::contributions::ContributionRight right,
                       const ::tafel::contributions::ContributionStanding& standing) {
  return refusal(::tafel::contributions::authorise(who, right, standing));
}

}  // namespace tafel::app
