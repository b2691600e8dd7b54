#pragma once
// A local SMTP server for the mail tests: tests/notify/smtp_sink.py (aiosmtpd,
// Debian python3-aiosmtpd) run as a child process of the test. It listens on
// 127.0.0.1 on a port of its own, keeps every message it accepts as files in a
// private temporary directory, and can be told to refuse with 550. Not thread
// safe: one test drives one sink.

#include <gtest/gtest.h>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tafel::test_support {

struct ReceivedMail {
  std::string mail_from;             // the address of MAIL FROM:<...>
  std::vector<std::string> rcpt_to;  // the accepted addresses of RCPT TO:<...>
  std::string data;                  // the message after DATA as sent, dot-unstuffed, without the final "."
};

class SmtpSinkProcess {
 public:
  enum class Refuse {
    nothing,
    recipients,  // every RCPT TO gets "550 5.1.1"
    data,        // the end of DATA gets "550 5.7.1"; nothing is stored
  };

  SmtpSinkProcess() = default;
  // Stops the sink if it still runs.
  ~SmtpSinkProcess();
  SmtpSinkProcess(const SmtpSinkProcess&) = delete;
  SmtpSinkProcess& operator=(const SmtpSinkProcess&) = delete;

  // Starts /usr/bin/python3 on the script and waits, at most `timeout`, until it
  // listens. On failure says why (script missing, process exited, timeout) and
  // leaves nothing running. Requires: not running.
  ::testing::AssertionResult start(Refuse refuse = Refuse::nothing,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // Sends SIGTERM and reaps the process (SIGKILL after 5 s), then removes its
  // directory. Fails unless the sink exited by itself with status 0, which it
  // does on SIGTERM once it listens. Does nothing if not running.
  ::testing::AssertionResult stop();

  bool running() const { return pid_ > 0; }
  std::uint16_t port() const { return port_; }
  // "smtp://127.0.0.1:<port>". Requires: running.
  std::string url() const;

  // The messages accepted so far, in order of arrival. A message is stored before
  // the sink answers "250" to it, so whatever a client was told was accepted is
  // here once its send returned.
  std::vector<ReceivedMail> messages() const;
  // Waits until at least `count` messages arrived; false on timeout.
  bool wait_for(std::size_t count, std::chrono::milliseconds timeout) const;

  // A port on 127.0.0.1 where nothing listens (bound, then closed), for tests of
  // an unreachable server.
  static std::uint16_t closed_port();

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::filesystem::path directory_;  // holds "port" and "messages/"
};

}  // namespace tafel::test_support
