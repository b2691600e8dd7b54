#pragma once
// AccountsRuntime: the account and directory services wired to a tafel database
// (SQL stores, the security-event log, libsodium crypto, the system clock). Used by
// `tafel demo` to seed and by `tafel serve` to serve the account routes, through
// serve_account_routes below (one line in serve_command.cc).

#include <memory>

#include "app/accounts/account_service.h"
#include "app/directory/directory_service.h"
#include "app/clock.h"
#include "crypto/sodium_crypto.h"
#include "http/router.h"
#include "storage/accounts_store.h"
#include "storage/database.h"
#include "storage/directory_store.h"
#include "web/accounts_session.h"

namespace tafel::cli {

class AccountsRuntime {
 public:
  // `database` must be migrated; it is kept alive by the runtime.
  static std::shared_ptr<AccountsRuntime> create(std::shared_ptr<storage::Database> database, bool tls, bool demo);

  web::AccountsContext context() const { return context_; }
  app::accounts::AccountService& accounts() { return accounts_; }
  app::directory::DirectoryService& directory() { return directory_; }
  storage::SqlAccountStore& account_store() { return account_store_; }
  storage::SqlDirectoryStore& directory_store() { return directory_store_; }

  AccountsRuntime(std::shared_ptr<storage::Database> database, bool tls, bool demo);

 private:
  std::shared_ptr<storage::Database> database_;
  app::SystemClock clock_;
  crypto::SodiumCrypto crypto_;
  storage::SqlAccountStore account_store_;
  storage::SqlSecurityLog security_log_;
  storage::SqlDirectoryStore directory_store_;
  app::accounts::AccountService accounts_;
  app::directory::DirectoryService directory_;
  web::AccountsContext context_;
};

// Wires the services to `database` and registers the account and directory routes
// plus GET /api/v1/openapi.json on `router`. The returned runtime must outlive the
// router (keep it in a local of the serving function).
std::shared_ptr<AccountsRuntime> serve_account_routes(http::Router& router, std::shared_ptr<storage::Database> database,
                                                      bool tls, bool demo);

}  // namespace tafel::cli
