#include "cli/command.h"

#include <iostream>

#include "core/version.h"

namespace tafel::cli {

void add_config_options(CLI::App* sub, ConfigOptions& options) {
  sub->add_option("--config", options.config_file, "TOML configuration file (see tafel.example.toml)")
      ->check(CLI::ExistingFile);
  sub->add_option("--database", options.database,
                  "SQLite file path or postgresql:// URL (default var/tafel.sqlite; env TAFEL_DATABASE)");
}

std::optional<Config> resolve_config(const CLI::App* sub, const ConfigOptions& options) {
  Config config;
  if (!options.config_file.empty()) {
    if (auto r = load_toml_file(options.config_file, config); !r) {
      std::cerr << "tafel: " << r.error().message << "\n";
      return std::nullopt;
    }
  }
  if (auto r = apply_environment(config); !r) {
    std::cerr << "tafel: " << r.error().message << "\n";
    return std::nullopt;
  }
  if (sub->count("--database") > 0) config.database = options.database;
  return config;
}

void add_version_command(CLI::App& app, Commands& commands) {
  CLI::App* sub = app.add_subcommand("version", "Print the version of tafel");
  sub->callback([&commands] {
    std::cout << "tafel " << version() << "\n";
    commands.exit_code = 0;
  });
}

}  // namespace tafel::cli
