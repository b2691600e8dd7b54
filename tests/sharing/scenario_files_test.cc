// Every scenario file, shared (../shared/scenarios) and our own (tests/scenarios),
// passes: each request meets its expectation.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/sharing/policy.h"
#include "formats/expectation.h"
#include "formats/scenario.h"

namespace tafel::formats {
namespace {

std::vector<std::string> yaml_files(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  if (!std::filesystem::is_directory(dir)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".yaml") out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

int run_files(const std::vector<std::string>& files) {
  int requests = 0;
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    auto scenario = load_scenario_file(file);
    if (!scenario) {
      ADD_FAILURE() << scenario.error().message;
      continue;
    }
    auto policy = sharing::Policy::compile(scenario->world);
    if (!policy) {
      ADD_FAILURE() << policy.error().message;
      continue;
    }
    for (const ScenarioRequest& r : scenario->requests) {
      for (const std::string& failure : unmet_expectations(r, *policy, policy->decide(r.request))) {
        ADD_FAILURE() << file << ":" << r.line << ": " << r.id << ": " << failure;
      }
      ++requests;
    }
  }
  return requests;
}

TEST(ScenarioFilesTest, SharedScenariosPass) {
  const auto files = yaml_files(std::filesystem::path(TAFEL_SOURCE_DIR) / ".." / "shared" / "scenarios");
  ASSERT_FALSE(files.empty()) << "no shared scenarios found next to the repository";
  EXPECT_EQ(run_files(files), 44);
}

TEST(ScenarioFilesTest, OwnScenariosPass) {
  const auto files = yaml_files(std::filesystem::path(TAFEL_SOURCE_DIR) / "tests" / "scenarios");
  ASSERT_GE(files.size(), 3u);
  EXPECT_GT(run_files(files), 30);
}

}  // namespace
}  // namespace tafel::formats
