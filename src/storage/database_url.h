#pragma once
// DatabaseUrl: what Database::open understands, parsed once and checked up front so
// that a typo gives a clear error instead of a confusing driver message.
//
//   SQLite      PATH or sqlite:PATH, optionally followed by ?OPTION=VALUE&...
//                 synchronous=normal|full   (default normal; full survives power loss
//                                            of the last transactions too)
//                 busy_timeout=MILLISECONDS  (default 5000)
//   PostgreSQL  postgresql://[user[:password]@][host][:port]/dbname[?param=value&...]
//               or postgres://...; handed to libpq unchanged, so every libpq URI
//               parameter works (host=/socket/dir, sslmode=..., ...).
//
// `display` and `redact` never contain a user name or password: they may reach logs
// and error messages.

#include <string>
#include <vector>

#include "core/result.h"
#include "storage/database.h"

namespace tafel::storage {

enum class SqliteSynchronous { normal, full };

struct DatabaseUrl {
  Engine engine = Engine::sqlite;

  // SQLite only.
  std::string sqlite_path;
  SqliteSynchronous synchronous = SqliteSynchronous::normal;
  int busy_timeout_ms = 5000;

  // PostgreSQL only: the libpq connection URI, exactly as given.
  std::string conninfo;
  // Secrets found in the URL (user name, password), to scrub from driver messages.
  std::vector<std::string> secrets;

  // A description safe for messages: the SQLite path, or the PostgreSQL URL without
  // user, password or any query parameter other than host, port and dbname.
  std::string display;
};

// Parses `url`. Fails with code "invalid_database_url" (message without secrets)
// on an empty URL, ":memory:", an unknown scheme such as mysql://, or an unknown or
// malformed SQLite option.
Result<DatabaseUrl> parse_database_url(const std::string& url);

// Replaces every occurrence of the URL's secrets in `message` by "***".
std::string scrub_secrets(std::string message, const std::vector<std::string>& secrets);

}  // namespace tafel::storage
