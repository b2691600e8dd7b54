#include "cli/demo_wiring.h"

#include "core/version.h"
#include "crypto/qr_svg.h"
#include "http/openapi.h"
#include "web/accounts_routes.h"

namespace tafel::cli {

AccountsRuntime::AccountsRuntime(std::shared_ptr<storage::Database> database, bool tls, bool demo)
    : database_(std::move(database)),
      account_store_(*database_, clock_),
      security_log_(*database_),
      directory_store_(*database_, clock_),
      accounts_(account_store_, security_log_, crypto_, clock_),
      directory_(directory_store_, account_store_) {
  context_.accounts = &accounts_;
  context_.directory = &directory_;
  context_.security_log = &security_log_;
  context_.tls = tls;
  context_.demo = demo;
  context_.qr_svg = [](std::string_view text) { return crypto::qr_svg(text); };
}

std::shared_ptr<AccountsRuntime> AccountsRuntime::create(std::shared_ptr<storage::Database> database, bool tls,
                                                         bool demo) {
  return std::make_shared<AccountsRuntime>(std::move(database), tls, demo);
}

std::shared_ptr<AccountsRuntime> serve_account_routes(http::Router& router, std::shared_ptr<storage::Database> database,
                                                      bool tls, bool demo) {
  auto runtime = AccountsRuntime::create(std::move(database), tls, demo);
  auto document = std::make_shared<http::ApiDocument>("tafel API", std::string(tafel::version()));
  web::register_account_routes(router, runtime->context(), document);
  return runtime;
}

}  // namespace tafel::cli
