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
  // The address users reach tafel at ("https://tafel.example.be", no trailing
  // slash; the [mail] public_url of the configuration). Addresses shown for copying
  // elsewhere (the calendar feed) start with it; when empty, with the scheme tafel
  // serves and the request's Host.
  std::string public_url = {};
};

}  // namespace tafel::web
