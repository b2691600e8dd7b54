// `tafel keys rotate`: replaces the master key of case identities
// (keys_dir/master.key) by a new one and re-wraps every case's data key under it in
// one transaction (cli/case_keys.h, docs/cases.md). Exit 0 on success, 1 when the
// database cannot be opened or the current key does not match it, 2 on a bad
// configuration.

#include <iostream>
#include <memory>

#include "cli/case_keys.h"
#include "cli/command.h"
#include "storage/database.h"

namespace tafel::cli {
namespace {

int run_rotate(const CLI::App* sub, const ConfigOptions& options) {
  std::optional<Config> config = resolve_config(sub, options);
  if (!config) return 2;
  auto opened = storage::Database::open(config->database, 1);
  if (!opened) {
    std::cerr << "tafel keys rotate: " << opened.error().message << "\n";
    return 1;
  }
  if (auto migrated = (*opened)->migrate(); !migrated) {
    std::cerr << "tafel keys rotate: migrating the database failed: " << migrated.error().message << "\n";
    return 1;
  }
  storage::SqlCaseStore store(**opened);
  const std::string path = master_key_path(*config);
  auto rotated = rotate_case_master_key(path, store);
  if (!rotated) {
    std::cerr << "tafel keys rotate: " << rotated.error().message << "\n";
    return 1;
  }
  std::cout << "re-wrapped " << rotated->rewrapped << " case data key" << (rotated->rewrapped == 1 ? "" : "s")
            << " under the new master key " << rotated->new_key_id << " (was " << rotated->old_key_id << "); " << path
            << " now holds the new key: back it up with the keys directory\n";
  return 0;
}

}  // namespace

void add_keys_command(CLI::App& app, Commands& commands) {
  CLI::App* keys = app.add_subcommand("keys", "Manage the master key of case identities (keys_dir/master.key)");
  keys->require_subcommand(1);
  auto options = std::make_shared<ConfigOptions>();
  CLI::App* rotate = keys->add_subcommand(
      "rotate",
      "Generate a new master key and re-wrap every case's data key under it in one transaction; prints how many "
      "were re-wrapped");
  add_config_options(rotate, *options);
  rotate->callback([rotate, options, &commands] { commands.exit_code = run_rotate(rotate, *options); });
}

}  // namespace tafel::cli
