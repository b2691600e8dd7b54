#pragma once
// Configuration of a tafel process.
//
// Precedence, lowest first: built-in defaults < TOML file (--config) < TAFEL_*
// environment variables < command-line flags. See docs/configuration.md and
// tafel.example.toml for every key.

#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "core/result.h"

namespace tafel::cli {

struct Config {
  // A SQLite file path or a postgresql:// URL.
  std::string database = "var/tafel.sqlite";
  // The directory of the instance key file (instance.key: signs the audit trail, and
  // every other key of the instance is derived from it). Outside the data directory,
  // so that database backups do not carry it; relative paths are from the working
  // directory. docs/decisions/0010-keys-directory.md.
  std::string keys_dir = "keys";
  // Address the HTTP server listens on, as HOST:PORT.
  std::string listen = "127.0.0.1:8080";
  // TLS is on when both are set (PEM files).
  std::string tls_certificate;
  std::string tls_key;
  // Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed:
  // addresses or CIDR ranges (http/forwarded.h). Empty: nobody's.
  std::vector<std::string> trusted_proxies;
  // Number of threads serving HTTP; 0 means http::serving_threads(0) (8 per core, at least 16).
  int threads = 0;
  // Log level for the JSON-lines log on stderr: trace, debug, info, warn, error.
  std::string log_level = "info";
  // Limits on incoming requests.
  std::uint64_t max_header_bytes = 16 * 1024;
  std::uint64_t max_body_bytes = 1024 * 1024;
  int read_timeout_seconds = 30;
  int idle_timeout_seconds = 60;
  // Simultaneous client connections; more are closed at once.
  std::uint64_t max_connections = 1000;
  // On SIGTERM, how long in-flight requests may take before connections are cut.
  int shutdown_timeout_seconds = 10;
  // Demo mode: the seeded demo city and its documented shortcuts. Never in production.
  bool demo = false;
  // E-mail of notifications ([mail] in the TOML file, TAFEL_MAIL_* variables). No
  // smtp_url: no mail, notifications stay in-app.
  struct Mail {
    std::string smtp_url;       // smtp://, smtps:// or smtp+starttls://HOST[:PORT]
    std::string from = "tafel@localhost";
    std::string username;       // empty: no SMTP authentication
    std::string password_file;  // a file holding the SMTP password (never the password itself)
    // With a username, smtp:// (no TLS) is refused unless this is true: credentials
    // would cross the network in clear. Meant for a relay on the loopback interface.
    bool allow_plaintext_auth = false;
    std::string public_url;     // "https://tafel.example.be": links in mails
    int interval_seconds = 60;  // how often `tafel serve` sends mail and queues reminders
    int timeout_seconds = 30;   // per message, connecting included
  } mail;
  // The consent registry ([consent] in the TOML file; docs/consents.md).
  struct Consent {
    int minor_own_consent_age = 12;  // from this age a minor consents themself: 12 or 16
  } consent;
  // The reference index ([index] in the TOML file; docs/index.md). Unset keys keep
  // app::index::IndexSettings' defaults.
  struct Index {
    std::optional<double> certain, possible;             // Dice thresholds, 0 < possible <= certain <= 1
    std::optional<int> active_months, inactive_months;  // at least 1 each
    // The statutory bases a signal may be registered under: {key, label}; unset keeps
    // the built-in list.
    std::optional<std::vector<std::pair<std::string, std::string>>> statutes;
  } index;
};

// Reads a TOML file into `config` (only keys present are changed). Fails with the
// file, line and reason on a syntax error, an unknown key or a value of the wrong type.
Result<void> load_toml_file(const std::string& path, Config& config);

// Applies TAFEL_DATABASE, TAFEL_KEYS_DIR, TAFEL_LISTEN, TAFEL_TLS_CERTIFICATE, TAFEL_TLS_KEY,
// TAFEL_TRUSTED_PROXIES (comma-separated), TAFEL_THREADS, TAFEL_LOG_LEVEL, TAFEL_DEMO, and TAFEL_MAIL_SMTP_URL,
// TAFEL_MAIL_FROM,
// TAFEL_MAIL_USERNAME, TAFEL_MAIL_PASSWORD_FILE, TAFEL_MAIL_PUBLIC_URL,
// TAFEL_MAIL_INTERVAL_SECONDS when they are set.
Result<void> apply_environment(Config& config);

}  // namespace tafel::cli
