#pragma once
// The demo city: Nethegem, a fictitious Flemish town with its police zone,
// prosecutor's office, prevention service, OCMW, CAW, street work, youth work, drug
// care and mental-health centre; their profiles, areas, contact points with deputies
// (one without a deputy and one overloaded person, so the coverage warnings show),
// and one login for each platform role.
//
// Every person and organisation is invented. The logins get a demo password and a
// freshly generated TOTP secret each time, which `tafel demo` prints: that is the
// demo's whole "shortcut" for the second factor, and it exists only in the output
// of the command that just created the accounts.

#include <string>
#include <vector>

#include "app/accounts/account_service.h"
#include "app/directory/directory_service.h"
#include "app/directory/directory_store.h"
#include "cli/runtime.h"

namespace tafel::cli {

struct DemoLogin {
  std::string role;
  std::string organisation;
  std::string email;
  std::string password;
  std::string totp_secret_base32;  // empty for roles without a second factor
};

// Seeds the city into the empty, migrated database of `runtime`. Fails with
// "not_empty" when any organisation exists already (never mixes demo data into real
// data). `crypto` generates the TOTP secrets.
Result<std::vector<DemoLogin>> seed_demo_city(Runtime& runtime, app::accounts::Crypto& crypto);

}  // namespace tafel::cli
