#pragma once
// What the web adapter needs to know about the running server.

#include <string>

#include "core/version.h"

namespace tafel::web {

struct AccountsContext;

struct Options {
  // A demonstration instance with fictitious data: every page says so, so that
  // nobody types real personal data into it.
  bool demo = false;
  // Shown in the footer, so that a bug report names the build.
  std::string version = std::string(tafel::version());
  // The account services, when the server has them (cli::build_router sets it): the
  // public pages then show who is signed in. Must outlive the router.
  const AccountsContext* accounts = nullptr;
};

}  // namespace tafel::web
