// `tafel notify run-once`: queues due meeting reminders and sends pending
// notification mail once, then prints what it did (for cron and tests). `tafel
// serve` does the same in the background (NotificationWorker).

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/notify/notification_worker.h"
#include "cli/command.h"
#include "cli/runtime.h"
#include "mail/smtp_mailer.h"
#include "storage/audit_crypto.h"
#include "storage/database.h"

namespace tafel::cli {

Result<void> configure_mail(const Config::Mail& mail, Runtime::Options& options) {
  options.notify.from = mail.from;
  options.notify.public_url = mail.public_url;
  while (!options.notify.public_url.empty() && options.notify.public_url.back() == '/') {
    options.notify.public_url.pop_back();
  }
  if (mail.smtp_url.empty()) {
    options.mailer.reset();
    return {};
  }
  mail::SmtpSettings settings;
  settings.url = mail.smtp_url;
  settings.from = mail.from;
  settings.username = mail.username;
  settings.allow_plaintext_auth = mail.allow_plaintext_auth;
  settings.timeout = std::chrono::seconds(mail.timeout_seconds);
  settings.connect_timeout = std::min(settings.timeout, std::chrono::milliseconds(10'000));
  if (!mail.password_file.empty()) {
    std::ifstream in(mail.password_file, std::ios::binary);
    if (!in) return fail("invalid_config", "cannot read mail.password_file " + mail.password_file);
    std::stringstream text;
    text << in.rdbuf();
    settings.password = text.str();
    while (!settings.password.empty() && (settings.password.back() == '\n' || settings.password.back() == '\r')) {
      settings.password.pop_back();
    }
  }
  auto mailer = mail::SmtpMailer::create(std::move(settings));
  if (!mailer) return tl::unexpected(mailer.error());
  options.mailer = std::shared_ptr<app::notify::Mailer>(std::move(*mailer));
  return {};
}

namespace {

int run_notify_once(const CLI::App* sub, const ConfigOptions& options) {
  std::optional<Config> config = resolve_config(sub, options);
  if (!config) return 2;
  Runtime::Options runtime_options;
  if (auto ok = configure_mail(config->mail, runtime_options); !ok) {
    std::cerr << "tafel notify: " << ok.error().message << "\n";
    return 2;
  }
  const bool smtp = runtime_options.mailer != nullptr;
  auto runtime = open_instance(*config, std::move(runtime_options), "notify");
  if (!runtime) return 1;
  auto report = app::notify::run_once(runtime->notifications(), runtime->clock());
  if (!report) {
    std::cerr << "tafel notify: " << report.error().code << ": " << report.error().message << "\n";
    return 1;
  }
  std::cout << "reminders queued: " << report->reminders << "\n"
            << "mail: " << (smtp ? "smtp" : "not configured (in-app only)") << "\n"
            << "mails sent: " << report->mail.sent << "\n"
            << "mails to retry: " << report->mail.retried << "\n"
            << "mails failed: " << report->mail.failed << "\n"
            << "mails without recipient: " << report->mail.skipped << "\n";
  return 0;
}

}  // namespace

void add_notify_command(CLI::App& app, Commands& commands) {
  CLI::App* notify = app.add_subcommand("notify", "Notifications of consultation tables (mail and reminders)");
  notify->require_subcommand(1);
  auto options = std::make_shared<ConfigOptions>();
  CLI::App* once = notify->add_subcommand(
      "run-once", "Queue due meeting reminders and send pending notification mail once, then report");
  add_config_options(once, *options);
  once->callback([once, options, &commands] { commands.exit_code = run_notify_once(once, *options); });
}

}  // namespace tafel::cli
