// The [index] table of the configuration file (docs/configuration.md): thresholds,
// periods and statutory bases reach the reference index's settings; wrong values
// stop the instance with the reason.

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli/config.h"
#include "cli/runtime.h"

namespace tafel::cli {
namespace {

Result<Config> load(const std::string& text) {
  char name[] = "/tmp/tafel-index-config-XXXXXX";
  int fd = mkstemp(name);
  close(fd);
  {
    std::ofstream out(name);
    out << text;
  }
  Config config;
  auto loaded = load_toml_file(name, config);
  std::filesystem::remove(name);
  if (!loaded) return tl::unexpected(loaded.error());
  return config;
}

TEST(IndexConfig, UnsetKeysKeepTheDefaults) {
  auto config = load("");
  ASSERT_TRUE(config) << config.error().message;
  auto settings = index_settings(*config);
  app::index::IndexSettings defaults;
  EXPECT_EQ(settings.thresholds.certain, defaults.thresholds.certain);
  EXPECT_EQ(settings.thresholds.possible, defaults.thresholds.possible);
  EXPECT_EQ(settings.active_months, 24);
  EXPECT_EQ(settings.inactive_months, 60);
  EXPECT_EQ(settings.statutory_bases.size(), defaults.statutory_bases.size());
}

TEST(IndexConfig, ThresholdsPeriodsAndStatutesReachTheSettings) {
  auto config = load(
      "[index]\ncertain_threshold = 0.95\npossible_threshold = 0.8\nactive_months = 12\ninactive_months = 36\n"
      "statutes = [{ key = \"youth_care_decree\", label = \"Decreet integrale jeugdhulp\" }]\n");
  ASSERT_TRUE(config) << config.error().message;
  auto settings = index_settings(*config);
  EXPECT_DOUBLE_EQ(settings.thresholds.certain, 0.95);
  EXPECT_DOUBLE_EQ(settings.thresholds.possible, 0.8);
  EXPECT_EQ(settings.active_months, 12);
  EXPECT_EQ(settings.inactive_months, 36);
  ASSERT_EQ(settings.statutory_bases.size(), 1u);
  EXPECT_EQ(settings.statutory_bases[0].key, "youth_care_decree");
  EXPECT_EQ(settings.statutory_bases[0].label, "Decreet integrale jeugdhulp");
}

TEST(IndexConfig, WrongValuesAreRefusedWithTheReason) {
  for (const char* text : {"[index]\npossible_threshold = 0.95\ncertain_threshold = 0.9\n",
                           "[index]\ncertain_threshold = 1.5\n", "[index]\nactive_months = 0\n",
                           "[index]\nstatutes = [\"youth\"]\n", "[index]\nstatutes = []\n",
                           "[index]\nsearch = true\n"}) {
    auto config = load(text);
    ASSERT_FALSE(config) << text;
    EXPECT_EQ(config.error().code, "invalid_config");
    EXPECT_NE(config.error().message.find("index"), std::string::npos) << config.error().message;
  }
}

}  // namespace
}  // namespace tafel::cli
