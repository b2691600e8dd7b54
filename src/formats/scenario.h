#pragma once
// Scenario files (../shared/scenarios/README.md): a `world` and `requests` with their
// expected outcome, loaded from YAML into the sharing engine's core types.
//
// Every malformed input (not YAML, a missing required field, a wrong type, an unknown
// field or id, a term outside the closed sets, a bad timestamp) fails with code
// "malformed" and the message "FILE:LINE: reason". No input crashes or hangs the
// loader: it only walks the fixed shape of the format.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/sharing/request.h"
#include "core/sharing/vocabulary.h"
#include "core/sharing/world.h"

namespace tafel::formats {

// What a request's `expect` says. Obligations and reasons must each be present in the
// decision; the ground, when given, must be the permitting ground.
struct Expectation {
  bool permit = false;
  std::optional<sharing::Ground> ground;
  std::vector<std::string> obligations;
  std::vector<sharing::Reason> reasons;
};

struct ScenarioRequest {
  std::string id;
  int line = 0;
  sharing::Request request;
  Expectation expect;
};

// A problem that `tafel policy lint` reports instead of refusing the file.
struct LintIssue {
  std::string code;  // "invalid_term" or "unknown_party"
  int line = 0;
  std::string message;
};

struct Scenario {
  std::string file;
  std::string name;
  sharing::World world;
  std::vector<ScenarioRequest> requests;
  std::vector<LintIssue> issues;  // lint mode only
};

struct ParseOptions {
  // Lint mode: inside agreement rules, a term outside the closed sets (invalid_term)
  // or an organisation id that does not exist (unknown_party) is collected in
  // Scenario::issues and left out of the rule, instead of making the file malformed.
  // Requests are optional in both modes.
  bool lint = false;
};

// Parses YAML `text`; `file` is the name used in error messages.
Result<Scenario> parse_scenario(std::string_view text, std::string_view file, ParseOptions options = {});

// Reads and parses the file at `path` (an unreadable file fails as "malformed" too).
Result<Scenario> load_scenario_file(const std::string& path, ParseOptions options = {});

}  // namespace tafel::formats
