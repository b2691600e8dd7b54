#pragma once
// Shared plumbing for the `tafel` subcommands (CLI11). Each subcommand lives in its
// own file and registers itself through one add_*_command function called by main.

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/config.h"

namespace tafel::cli {

// State shared between main and the subcommand callbacks.
struct Commands {
  int exit_code = 0;  // what main returns after the chosen subcommand ran
};

// Options every data-touching subcommand takes: --config FILE, --database URL and
// --keys-dir DIR.
struct ConfigOptions {
  std::string config_file;
  std::string database;
  std::string keys_dir;
};

// Adds --config, --database and --keys-dir to `sub`.
void add_config_options(CLI::App* sub, ConfigOptions& options);

// Builds the effective configuration: defaults, then the TOML file, then TAFEL_*
// variables, then the flags that were given. Prints the reason and returns nullopt
// on a bad file or variable.
std::optional<Config> resolve_config(const CLI::App* sub, const ConfigOptions& options);

// The instance key file for `config` (storage::resolve_audit_key_path with
// `explicit_path`, TAFEL_AUDIT_KEY, then keys_dir). When neither an explicit path
// nor TAFEL_AUDIT_KEY is given, a key file from before keys_dir is moved into
// keys_dir first (storage::adopt_legacy_key), and the move is printed on stderr.
// Fails with "audit_key" when that move fails.
Result<std::string> instance_key_path(const Config& config, const std::string& explicit_path = {});

// The master key file of case identities: keys_dir/master.key
// (docs/decisions/0013-case-key-hierarchy.md).
std::string master_key_path(const Config& config);

void add_version_command(CLI::App& app, Commands& commands);
void add_serve_command(CLI::App& app, Commands& commands);
void add_policy_command(CLI::App& app, Commands& commands);
void add_bench_command(CLI::App& app, Commands& commands);
void add_bench_world(CLI::App& app, Commands& commands);  // bench_world.cc, registered by add_bench_command
void add_bench_data(CLI::App& app, Commands& commands);   // bench_data.cc, registered by add_bench_command
void add_bench_search(CLI::App& app, Commands& commands); // bench_search.cc, registered by add_bench_command
void add_migrate_command(CLI::App& app, Commands& commands);
void add_audit_command(CLI::App& app, Commands& commands);
void add_demo_command(CLI::App& app, Commands& commands);
void add_notify_command(CLI::App& app, Commands& commands);
void add_keys_command(CLI::App& app, Commands& commands);
void add_purge_command(CLI::App& app, Commands& commands);
void add_search_command(CLI::App& app, Commands& commands);  // search_command.cc
void add_index_command(CLI::App& app, Commands& commands);   // index_command.cc
void add_bench_index(CLI::App& app, Commands& commands);     // bench_index.cc, registered by add_bench_command
void add_catalogue_command(CLI::App& app, Commands& commands);  // catalogue_command.cc
void add_forecast_command(CLI::App& app, Commands& commands);  // forecast_command.cc

}  // namespace tafel::cli
