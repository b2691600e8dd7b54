// tafel: secure collaboration for police and social work around vulnerable groups.
// The one binary; every feature is a subcommand (see `tafel --help`).

#include <CLI/CLI.hpp>

#include "cli/command.h"

int main(int argc, char** argv) {
  CLI::App app{"tafel: secure collaboration for police and social work around vulnerable groups"};
  app.require_subcommand(1);
  tafel::cli::Commands commands;
  tafel::cli::add_version_command(app, commands);
  tafel::cli::add_serve_command(app, commands);
  tafel::cli::add_policy_command(app, commands);
  tafel::cli::add_bench_command(app, commands);
  tafel::cli::add_migrate_command(app, commands);
  tafel::cli::add_audit_command(app, commands);
  tafel::cli::add_demo_command(app, commands);
  tafel::cli::add_notify_command(app, commands);
  tafel::cli::add_keys_command(app, commands);
  tafel::cli::add_purge_command(app, commands);
  tafel::cli::add_search_command(app, commands);
  tafel::cli::add_index_command(app, commands);
  tafel::cli::add_catalogue_command(app, commands);
  tafel::cli::add_forecast_command(app, commands);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return commands.exit_code;
}
