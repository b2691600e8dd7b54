#pragma once
// Mailer over SMTP with libcurl (no home-made SMTP client).
//
// URLs: "smtp://host[:port]" (plain; port 25 by default), "smtps://host[:port]"
// (TLS from the first byte, port 465), "smtp+starttls://host[:port]" (plain
// connection upgraded with STARTTLS, which must succeed; port 587 is usual). With a
// user name, libcurl authenticates with the best mechanism the server offers.
// Credentials never cross the network in clear: with a user name, a plain smtp://
// URL is refused by create() unless `allow_plaintext_auth` is set (meant for a relay
// on the loopback interface), and send() requires TLS (CURLUSESSL_ALL) whenever a
// user name is set and plaintext authentication is not explicitly allowed.
// Certificates are verified against the system's CA store.
//
// A message goes out as MIME (RFC 2045..2047): UTF-8 text in base64, the subject as
// encoded words, and the iCalendar part as an attachment "invite.ics" of type
// text/calendar with its METHOD. Every call opens its own connection, so send() is
// thread-safe; it gives up after the connect timeout or the overall timeout.
//
// Errors: "invalid_config" from create(); from send(), "mail_rejected" when the
// server answered 5xx (the message will never pass) and "mail_unavailable"
// otherwise. Messages hold libcurl's generic reason and the SMTP status code, never
// an address or anything of the message.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "app/notify/mailer.h"

namespace tafel::mail {

struct SmtpSettings {
  std::string url;       // see above
  std::string from;      // the sender address, "tafel@example.be"
  std::string username;  // empty: no authentication
  std::string password;
  // Authenticate over a plain smtp:// connection (no TLS). Only for a loopback relay.
  bool allow_plaintext_auth = false;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{60'000};
};

class SmtpMailer final : public app::notify::Mailer {
 public:
  // Checks the URL's scheme and the sender; fails with "invalid_config", also for a
  // plain smtp:// URL with a user name unless allow_plaintext_auth.
  static Result<std::unique_ptr<SmtpMailer>> create(SmtpSettings settings);

  Result<void> send(const app::notify::MailMessage& message) override;

 private:
  SmtpMailer(SmtpSettings settings, std::string curl_url, bool starttls);

  SmtpSettings settings_;
  std::string curl_url_;
  bool starttls_;
};

// The message as sent (headers and MIME body, CRLF line ends), dated `date_us`
// (UTC microseconds). Fails with "invalid_input" when the recipient or the sender
// is not a plain address (control characters, spaces, angle brackets).
Result<std::string> mime_message(const app::notify::MailMessage& message, const std::string& from,
                                 std::int64_t date_us);

// Base64 (RFC 4648) of `bytes`, lines of at most 76 characters joined by CRLF.
std::string base64_lines(std::string_view bytes);

}  // namespace tafel::mail
