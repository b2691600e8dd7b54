#pragma once
// Checking a scenario request's `expect` against the decision the engine took.

#include <string>
#include <vector>

#include "core/sharing/decision.h"
#include "core/sharing/policy.h"
#include "formats/scenario.h"

namespace tafel::formats {

// The unmet expectations of `request`, each as "expected X, got Y"; empty when the
// decision meets them all. A wrong decision is reported alone (the ground,
// obligations and reasons would only repeat it).
std::vector<std::string> unmet_expectations(const ScenarioRequest& request, const sharing::Policy& policy,
                                            const sharing::Decision& decision);

// The reason codes of a decision, in order.
std::vector<std::string> reason_names(const sharing::Decision& decision);

}  // namespace tafel::formats
