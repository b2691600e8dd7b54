// `tafel serve`: opens and migrates the database, then serves the web pages, the API
// and the operational endpoints until SIGTERM or SIGINT (exit 0 after a graceful
// shutdown). Exit 1 when the database cannot be reached or the address is taken,
// 2 on a bad configuration.

#include <algorithm>
#include <charconv>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/command.h"
#include "http/forwarded.h"
#include "http/log_event.h"
#include "http/metrics.h"
#include "http/operational_routes.h"
#include "http/router.h"
#include "http/server.h"
#include "storage/database.h"
#include "web/routes.h"
#include "cli/runtime.h"
#include "app/notify/notification_worker.h"
#include "app/retention/purge_worker.h"

namespace tafel::cli {
namespace {

struct ServeOptions {
  ConfigOptions config;
  std::string listen;
  int threads = 0;
  bool demo = false;
};

// Splits "HOST:PORT" or "[IPv6]:PORT".
Result<std::pair<std::string, std::uint16_t>> parse_listen(const std::string& listen) {
  std::string host;
  std::string port_text;
  if (!listen.empty() && listen.front() == '[') {
    auto close = listen.find("]:");
    if (close == std::string::npos) return fail("invalid_config", "listen must be HOST:PORT or [IPv6]:PORT");
    host = listen.substr(1, close - 1);
    port_text = listen.substr(close + 2);
  } else {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) return fail("invalid_config", "listen must be HOST:PORT, e.g. 127.0.0.1:8080");
    host = listen.substr(0, colon);
    port_text = listen.substr(colon + 1);
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return fail("invalid_config", "the port in listen must be a number from 0 to 65535");
  }
  return std::make_pair(host, static_cast<std::uint16_t>(port));
}

int run_serve(const CLI::App* sub, const ServeOptions& options) {
  std::optional<Config> resolved = resolve_config(sub, options.config);
  if (!resolved) return 2;
  Config config = std::move(*resolved);
  if (sub->count("--listen") > 0) config.listen = options.listen;
  if (sub->count("--threads") > 0) config.threads = options.threads;
  if (sub->count("--demo") > 0) config.demo = options.demo;

  if (auto logging = http::configure_json_logging(config.log_level); !logging) {
    std::cerr << "tafel serve: " << logging.error().message << "\n";
    return 2;
  }
  auto listen = parse_listen(config.listen);
  if (!listen) {
    std::cerr << "tafel serve: " << listen.error().message << "\n";
    return 2;
  }

  // A bad trusted_proxies entry is a configuration error (exit 2), not a bind failure.
  if (auto proxies = http::TrustedProxies::parse(config.trusted_proxies); !proxies) {
    std::cerr << "tafel serve: " << proxies.error().message << "\n";
    return 2;
  }

  http::ServerOptions server_options;
  server_options.host = listen->first;
  server_options.port = listen->second;
  server_options.threads = config.threads;
  server_options.max_header_bytes = config.max_header_bytes;
  server_options.max_body_bytes = config.max_body_bytes;
  server_options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  server_options.idle_timeout = std::chrono::seconds(config.idle_timeout_seconds);
  server_options.max_connections = config.max_connections;
  server_options.shutdown_timeout = std::chrono::seconds(config.shutdown_timeout_seconds);
  server_options.tls_certificate_file = config.tls_certificate;
  server_options.tls_key_file = config.tls_key;
  server_options.trusted_proxies = config.trusted_proxies;
  server_options.handle_signals = true;

  // One session per serving thread plus a spare for background work.
  int threads = http::serving_threads(config.threads);
  auto opened = storage::Database::open(config.database, static_cast<std::size_t>(std::clamp(threads + 1, 2, 64)));
  if (!opened) {
    std::cerr << "tafel serve: cannot open the database: " << opened.error().message << "\n";
    return 1;
  }
  std::shared_ptr<storage::Database> database = std::move(*opened);
  if (auto ping = database->ping(); !ping) {
    std::cerr << "tafel serve: the database does not answer: " << ping.error().message << "\n";
    return 1;
  }
  auto migrated = database->migrate();
  if (!migrated) {
    std::cerr << "tafel serve: migrating the database failed: " << migrated.error().message << "\n";
    return 1;
  }
  http::LogEvent("migrated").field("applied", *migrated).field("schema_version", storage::Database::latest_schema_version()).info();

  http::Metrics metrics;
  metrics.add_collector([database] {
    auto stats = database->pool_stats();
    return std::vector<http::Metrics::Sample>{
        {"tafel_db_pool_size", "Database sessions in the pool.", "gauge", static_cast<double>(stats.size)},
        {"tafel_db_pool_in_use", "Database sessions borrowed right now.", "gauge", static_cast<double>(stats.in_use)},
        {"tafel_db_pool_waits_total", "Borrows that had to wait for a free session.", "counter",
         static_cast<double>(stats.waits)},
    };
  });

  http::Router router;
  http::add_operational_routes(router, metrics, [database] { return database->ping(); });
  web::Options web_options;
  web_options.demo = config.demo;
  web_options.public_url = config.mail.public_url;  // the address users reach tafel at
  Runtime::Options runtime_options;
  runtime_options.tls = !config.tls_certificate.empty() && !config.tls_key.empty();
  runtime_options.demo = config.demo;
  runtime_options.minor_own_consent_age = config.consent.minor_own_consent_age;
  runtime_options.index = index_settings(config);
  auto key_path = instance_key_path(config);
  if (!key_path) {
    std::cerr << "tafel serve: " << key_path.error().message << "\n";
    return 2;
  }
  runtime_options.audit_key_path = *key_path;
  runtime_options.master_key_path = master_key_path(config);
  if (auto mail = configure_mail(config.mail, runtime_options); !mail) {
    std::cerr << "tafel serve: " << mail.error().message << "\n";
    return 2;
  }
  auto runtime = Runtime::create(database, runtime_options);
  if (!runtime) {
    std::cerr << "tafel serve: " << runtime.error().message << "\n";
    return 1;
  }
  build_router(router, **runtime, web_options);

  http::Server server(server_options, router, metrics);
  if (auto bound = server.listen(); !bound) {
    std::cerr << "tafel serve: " << bound.error().message << "\n";
    return 1;
  }
  std::cout << "tafel: listening on " << server.url() << (config.demo ? " (demo)" : "") << std::endl;
  // Reminders and mail in the background; stopped (after its current run) before
  // the runtime goes away.
  app::notify::NotificationWorker notifier(
      (*runtime)->notifications(), (*runtime)->clock(), std::chrono::seconds(config.mail.interval_seconds),
      [](const Result<app::notify::RunReport>& run) {
        if (!run) {
          http::LogEvent("notifications_run").field("code", run.error().code).warn();
        } else if (run->reminders > 0 || run->mail.sent + run->mail.retried + run->mail.failed > 0) {
          http::LogEvent("notifications_run")
              .field("reminders", run->reminders)
              .field("sent", run->mail.sent)
              .field("retried", run->mail.retried)
              .field("failed", run->mail.failed)
              .info();
        }
      });
  // The retention purge at start and then once a day (docs/retention.md); counts in
  // the log, never names.
  app::retention::PurgeWorker purger(
      (*runtime)->purge(), app::retention::kDailyPurge,
      [index = &(*runtime)->reference_index()](const Result<app::retention::PurgeReport>& run) {
        // The reference index's periods ride on the same daily run (issue 15; docs/index.md):
        // active signals become inactive, inactive ones are deleted, each audited.
        if (auto signals = index->apply_retention(); !signals) {
          http::LogEvent("index_retention").field("code", signals.error().code).warn();
        } else {
          http::LogEvent("index_retention")
              .field("deactivated", signals->deactivated)
              .field("deleted", signals->deleted)
              .info();
        }
        if (!run) {
          http::LogEvent("retention_purge").field("code", run.error().code).warn();
          return;
        }
        int cases = 0, contributions = 0, consents = 0;
        for (const auto& item : run->items) {
          if (!item.removed) continue;
          cases += item.kind == app::retention::ItemKind::case_record;
          contributions += item.kind == app::retention::ItemKind::contribution;
          consents += item.kind == app::retention::ItemKind::consent;
        }
        http::LogEvent("retention_purge")
            .field("cases", cases)
            .field("contributions", contributions)
            .field("consents", consents)
            .field("already_gone", static_cast<int>(run->items.size()) - run->removed())
            .info();
      });
  server.run();
  purger.stop();
  notifier.stop();
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* sub = app.add_subcommand("serve", "Serve tafel over HTTP until SIGTERM or Ctrl-C");
  add_config_options(sub, options->config);
  sub->add_option("--listen", options->listen, "Address to listen on, HOST:PORT (default 127.0.0.1:8080; env TAFEL_LISTEN)");
  sub->add_option("--threads", options->threads, "Serving threads, 0 = 8 per core, at least 16 (env TAFEL_THREADS)")
      ->check(CLI::Range(0, 1024));
  sub->add_flag("--demo", options->demo, "Demo mode: fictitious data, labelled as such on every page (env TAFEL_DEMO)");
  sub->callback([sub, options, &commands] { commands.exit_code = run_serve(sub, *options); });
}

}  // namespace tafel::cli
