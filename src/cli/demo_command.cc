// `tafel demo`: seeds the demo city (cli/demo_city.h) into an empty database and
// prints the demo logins with their TOTP secrets. Exit 0 on success, 1 when the
// database cannot be opened or is not empty, 2 on a bad configuration.

#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/demo_city.h"
#include "cli/runtime.h"
#include "storage/database.h"

namespace tafel::cli {
namespace {

int run_demo(const CLI::App* sub, const ConfigOptions& options) {
  std::optional<Config> config = resolve_config(sub, options);
  if (!config) return 2;
  auto opened = storage::Database::open(config->database, 2);
  if (!opened) {
    std::cerr << "tafel demo: " << opened.error().message << "\n";
    return 1;
  }
  std::shared_ptr<storage::Database> database = std::move(*opened);
  if (auto migrated = database->migrate(); !migrated) {
    std::cerr << "tafel demo: migrating the database failed: " << migrated.error().message << "\n";
    return 1;
  }
  Runtime::Options runtime_options;
  runtime_options.demo = true;
  runtime_options.minor_own_consent_age = config->consent.minor_own_consent_age;
  runtime_options.index = index_settings(*config);
  auto key_path = instance_key_path(*config);
  if (!key_path) {
    std::cerr << "tafel demo: " << key_path.error().message << "\n";
    return 1;
  }
  runtime_options.audit_key_path = *key_path;
  runtime_options.master_key_path = master_key_path(*config);
  auto runtime = Runtime::create(database, runtime_options);
  if (!runtime) {
    std::cerr << "tafel demo: " << runtime.error().message << "\n";
    return 1;
  }
  crypto::SodiumCrypto crypto;
  auto logins = seed_demo_city(**runtime, crypto);
  if (!logins) {
    std::cerr << "tafel demo: " << logins.error().message << "\n";
    return 1;
  }
  std::cout << "Demo city Nethegem seeded: 9 organisations, 18 contact points, 2 agreements (one in force), 1 consultation table, 14 care services.\n"
            << "Demo logins (fictitious; the second factor is a TOTP code from the secret below —\n"
            << "add it to an authenticator app, or: oathtool --totp -b SECRET):\n\n";
  for (const auto& l : *logins) {
    std::cout << "  " << l.role << " (" << l.organisation << ")\n"
              << "    e-mail:   " << l.email << "\n"
              << "    password: " << l.password << "\n";
    if (!l.totp_secret_base32.empty()) {
      std::cout << "    TOTP:     " << l.totp_secret_base32 << "\n";
    } else {
      std::cout << "    TOTP:     none (this role sees no personal data)\n";
    }
    std::cout << "\n";
  }
  return 0;
}

}  // namespace

void add_demo_command(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<ConfigOptions>();
  CLI::App* sub = app.add_subcommand("demo", "Seed the demo city into an empty database and print its logins");
  add_config_options(sub, *options);
  sub->callback([sub, options, &commands] { commands.exit_code = run_demo(sub, *options); });
}

}  // namespace tafel::cli
