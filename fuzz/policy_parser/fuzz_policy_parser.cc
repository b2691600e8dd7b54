// libFuzzer target: the scenario loader and, when a file loads, the engine on it.
// Any input must give a Result (never a crash, hang or sanitizer report); a loaded
// world must compile and decide every request without fault.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/sharing/explanation.h"
#include "core/sharing/lint.h"
#include "core/sharing/policy.h"
#include "formats/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool lint : {false, true}) {
    auto scenario = tafel::formats::parse_scenario(text, "fuzz.yaml", {.lint = lint});
    if (!scenario) continue;
    if (lint) {
      (void)tafel::sharing::lint_agreements(scenario->world);
      continue;
    }
    auto policy = tafel::sharing::Policy::compile(scenario->world);
    if (!policy) __builtin_trap();  // the loader only produces valid indices
    for (const auto& r : scenario->requests) {
      if (!policy->validate(r.request)) __builtin_trap();
      const auto decision = policy->decide(r.request);
      (void)tafel::sharing::explain(*policy, r.request, decision);
      (void)policy->obligations(decision);
    }
  }
  return 0;
}
