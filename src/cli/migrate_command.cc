// `tafel migrate`: brings the database schema up to date, or reports where it is.

#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "storage/database.h"
#include "storage/database_url.h"
#include "storage/migration.h"

namespace tafel::cli {
namespace {

struct MigrateOptions {
  ConfigOptions config;
  bool status = false;
};

std::string label(const storage::Migration& m) {
  char number[16];
  std::snprintf(number, sizeof number, "%04d", m.version);
  return std::string(number) + "_" + m.name;
}

int run_migrate(const CLI::App* sub, const MigrateOptions& options) {
  std::optional<Config> config = resolve_config(sub, options.config);
  if (!config) return 2;
  auto url = storage::parse_database_url(config->database);
  std::string shown = url ? url->display : std::string("(invalid database URL)");
  auto opened = storage::Database::open(config->database, 1);
  if (!opened) {
    std::cerr << "tafel migrate: " << opened.error().message << "\n";
    return 1;
  }
  storage::Database& database = **opened;
  const int latest = storage::Database::latest_schema_version();
  auto before = database.schema_version();
  if (!before) {
    std::cerr << "tafel migrate: cannot read the schema version of " << shown << ": " << before.error().message << "\n";
    return 1;
  }

  if (options.status) {
    std::cout << "database: " << shown << "\n"
              << "schema version: " << *before << "\n"
              << "latest version: " << latest << "\n";
    if (*before < latest) {
      std::cout << "pending:";
      for (const auto& m : storage::builtin_migrations()) {
        if (m.version > *before) std::cout << " " << label(m);
      }
      std::cout << "\n";
    } else if (*before > latest) {
      std::cout << "the database is newer than this tafel: use a newer tafel\n";
    }
    return 0;
  }

  auto applied = database.migrate();
  if (!applied) {
    std::cerr << "tafel migrate: " << applied.error().message << "\n";
    return 1;
  }
  auto after = database.schema_version();
  if (!after) {
    std::cerr << "tafel migrate: " << after.error().message << "\n";
    return 1;
  }
  std::cout << "database: " << shown << "\n";
  // Another process migrating at the same time may have applied some of these; the
  // count says how many this run applied.
  for (const auto& m : storage::builtin_migrations()) {
    if (m.version > *before && m.version <= *after) std::cout << "applied " << label(m) << "\n";
  }
  std::cout << "applied " << *applied << " migration" << (*applied == 1 ? "" : "s") << "; schema version " << *after
            << " (latest " << latest << ")\n";
  return 0;
}

}  // namespace

void add_migrate_command(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<MigrateOptions>();
  CLI::App* sub = app.add_subcommand("migrate", "Apply pending database migrations (or show the schema version)");
  add_config_options(sub, options->config);
  sub->add_flag("--status", options->status, "Only print the current and the latest schema version");
  sub->callback([sub, options, &commands] { commands.exit_code = run_migrate(sub, *options); });
}

}  // namespace tafel::cli
