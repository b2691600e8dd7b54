#include "cli/command.h"

#include <cstdlib>
#include <iostream>

#include "core/version.h"
#include "storage/audit_crypto.h"

namespace tafel::cli {

void add_config_options(CLI::App* sub, ConfigOptions& options) {
  sub->add_option("--config", options.config_file, "TOML configuration file (see tafel.example.toml)")
      ->check(CLI::ExistingFile);
  sub->add_option("--database", options.database,
                  "SQLite file path or postgresql:// URL (default var/tafel.sqlite; env TAFEL_DATABASE)");
  sub->add_option("--keys-dir", options.keys_dir,
                  "Directory of the instance key file instance.key, outside the data directory; mode 0700, the "
                  "file 0600 (default keys; env TAFEL_KEYS_DIR)");
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
  if (sub->count("--keys-dir") > 0) config.keys_dir = options.keys_dir;
  return config;
}

Result<std::string> instance_key_path(const Config& config, const std::string& explicit_path) {
  const char* env = std::getenv("TAFEL_AUDIT_KEY");
  std::string path = storage::resolve_audit_key_path(explicit_path, config.keys_dir);
  if (!explicit_path.empty() || (env && *env)) return path;
  auto moved = storage::adopt_legacy_key(path, config.database);
  if (!moved) return tl::unexpected(moved.error());
  if (!moved->empty()) std::cerr << "tafel: moved the instance key file " << *moved << " to " << path << "\n";
  return path;
}

std::string master_key_path(const Config& config) {
  return (config.keys_dir.empty() ? std::string("keys") : config.keys_dir) + "/master.key";
}

void add_version_command(CLI::App& app, Commands& commands) {
  CLI::App* sub = app.add_subcommand("version", "Print the version of tafel");
  sub->callback([&commands] {
    std::cout << "tafel " << version() << "\n";
    commands.exit_code = 0;
  });
}

}  // namespace tafel::cli
