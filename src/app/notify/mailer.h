#pragma once
// The mail port: sends one message to one recipient. The SMTP adapter is
// mail/smtp_mailer.h; tests use MemoryMailer.
//
// Error codes of send(): "mail_rejected" when the server refused the message for
// good (an SMTP 5xx answer: retrying will not help), "mail_unavailable" for
// everything that may pass (no connection, timeout, 4xx). Messages never carry the
// recipient's address or the message text: they end up in logs and in the
// notification's last_error.

#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"

namespace tafel::app::notify {

struct MailMessage {
  std::string to;          // one address
  std::string subject;     // UTF-8, one line
  std::string text;        // UTF-8 plain text, lines separated by "\n"
  std::string ics;         // an iCalendar (RFC 5545) document, or empty for none
  std::string ics_method;  // "REQUEST" or "CANCEL" when ics is set
  std::string message_id;  // "<...@...>", the same for every attempt of one message
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Hands `message` to the mail system. Thread-safe.
  virtual Result<void> send(const MailMessage& message) = 0;
};

// Keeps what it was asked to send; fails on demand. For tests.
class MemoryMailer final : public Mailer {
 public:
  Result<void> send(const MailMessage& message) override {
    std::lock_guard lock(mutex_);
    if (!fail_code_.empty()) return fail(fail_code_, "the test mailer was told to fail");
    sent_.push_back(message);
    return {};
  }
  // From now on send() fails with `code` ("mail_unavailable", "mail_rejected"), or
  // succeeds again when `code` is empty.
  void fail_with(std::string code) {
    std::lock_guard lock(mutex_);
    fail_code_ = std::move(code);
  }
  std::vector<MailMessage> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }

 private:
  mutable std::mutex mutex_;
  std::string fail_code_;
  std::vector<MailMessage> sent_;
};

}  // namespace tafel::app::notify
