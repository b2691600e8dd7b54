// `tafel purge --dry-run | --apply`: the retention purge (issue 12, point 9;
// docs/retention.md). Prints what is past retention — what would go, or what went —
// with due dates and a count line. `tafel serve` runs the same purge once a day.
// Exit 0 on success, 1 when the database cannot be opened or the purge fails, 2 on a
// bad configuration or when neither or both of --dry-run and --apply are given.

#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/purge_report.h"
#include "cli/runtime.h"

namespace tafel::cli {
namespace {

struct PurgeOptions {
  ConfigOptions config;
  bool dry_run = false;
  bool apply = false;
};

int run_purge(const CLI::App* sub, const PurgeOptions& options) {
  if (options.dry_run == options.apply) {
    std::cerr << "tafel purge: give exactly one of --dry-run (show what would go) and --apply (delete it)\n";
    return 2;
  }
  std::optional<Config> config = resolve_config(sub, options.config);
  if (!config) return 2;
  auto runtime = open_instance(*config, {}, "purge");
  if (!runtime) return 1;
  auto report = options.apply ? runtime->purge().apply() : runtime->purge().dry_run();
  if (!report) {
    std::cerr << "tafel purge: " << report.error().code << ": " << report.error().message
              << (options.apply ? " (what was deleted before the failure stays deleted; run it again)" : "") << "\n";
    return 1;
  }
  std::cout << format_purge_report(*report);
  return 0;
}

}  // namespace

void add_purge_command(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<PurgeOptions>();
  CLI::App* sub = app.add_subcommand(
      "purge",
      "Retention purge: closed cases past their table's period (with their identity, contributions and consents) "
      "and contributions past their agreement's period; --dry-run lists them, --apply deletes them and leaves an "
      "audit entry per record");
  add_config_options(sub, options->config);
  sub->add_flag("--dry-run", options->dry_run, "List what is past retention and would go; change nothing");
  sub->add_flag("--apply", options->apply, "Delete what is past retention, each with an audit entry, and list it");
  sub->callback([sub, options, &commands] { commands.exit_code = run_purge(sub, *options); });
}

}  // namespace tafel::cli
