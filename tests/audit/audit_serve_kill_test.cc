// SIGKILL of `tafel serve` during an append-heavy load loses no audit entry whose
// request was answered. A DPO of the demo city logs in (password + TOTP); eight
// clients hammer the audited GET /api/v1/audit/entries and record the request id the
// server answered 200 with (its own: issue 11, point 13); the server is killed mid-flight; afterwards every
// recorded id is in the audit log, the server starts again on the same database and
// `tafel audit verify` passes. On both engines.

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "../http/raw_client.h"
#include "core/access/base32.h"
#include "crypto/sodium_crypto.h"
#include "support/test_database.h"

namespace tafel {
namespace {

using namespace std::chrono_literals;
using http::testing::RawConnection;
using http::testing::RawResponse;
using http::testing::ReadOutcome;
using Clock = std::chrono::steady_clock;
using test_support::TestDatabase;

// The tafel binary as a child process with stdout on a pipe (stderr to a file).
class TafelProcess {
 public:
  explicit TafelProcess(std::vector<std::string> args, const std::filesystem::path& stderr_file) {
    int out[2];
    EXPECT_EQ(::pipe(out), 0);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      const int err = ::open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      ::dup2(err, STDERR_FILENO);
      ::close(out[0]);
      std::string binary = TAFEL_BINARY;
      std::vector<char*> argv{binary.data()};
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(binary.c_str(), argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    stdout_ = out[0];
    ::fcntl(stdout_, F_SETFL, O_NONBLOCK);
  }
  ~TafelProcess() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(stdout_);
  }
  // The first stdout line containing `marker`, or empty after `timeout` or exit.
  std::string wait_for_line(std::string_view marker, std::chrono::seconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      char chunk[512];
      const ssize_t n = ::read(stdout_, chunk, sizeof chunk);
      if (n > 0) output_.append(chunk, static_cast<std::size_t>(n));
      if (auto at = output_.find(marker); at != std::string::npos) {
        if (auto end = output_.find('\n', at); end != std::string::npos) return output_.substr(at, end - at);
      }
      if (n == 0) return {};
      std::this_thread::sleep_for(20ms);
    }
    return {};
  }
  void kill_now() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status_, 0);
    exited_ = true;
  }
  int stop() {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, &status_, 0);
    exited_ = true;
    return status_;
  }

 private:
  pid_t pid_ = -1;
  int stdout_ = -1;
  std::string output_;
  bool exited_ = false;
  int status_ = 0;
};

// Runs the tafel binary to completion; returns its exit code and stdout.
std::pair<int, std::string> run_tafel(const std::string& args) {
  FILE* pipe = ::popen((std::string(TAFEL_BINARY) + " " + args + " 2>/dev/null").c_str(), "r");
  std::string out;
  char buffer[4096];
  std::size_t n;
  while (pipe && (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  const int status = pipe ? ::pclose(pipe) : -1;
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// The value after `label` on the line, within `text` from `from`.
std::string field_after(const std::string& text, std::size_t from, const std::string& label) {
  const auto at = text.find(label, from);
  if (at == std::string::npos) return {};
  auto start = text.find_first_not_of(' ', at + label.size());
  return text.substr(start, text.find('\n', start) - start);
}

std::string json_string(const std::string& body, const std::string& key) {
  const auto at = body.find("\"" + key + "\":\"");
  if (at == std::string::npos) return {};
  const auto start = at + key.size() + 4;
  return body.substr(start, body.find('"', start) - start);
}

std::string cookie_from(const RawResponse& r) {
  for (const auto& [name, value] : r.headers) {
    if (name == "set-cookie" && value.starts_with("tafel_session=")) return value.substr(0, value.find(';'));
  }
  return {};
}

RawResponse send_once(std::uint16_t port, const std::string& request) {
  RawConnection c(port);
  RawResponse r;
  if (c.connected() && c.send(request)) (void)c.read_response(r, 20s);
  return r;
}

std::string post(const std::string& target, const std::string& body, const std::string& extra = "") {
  return "POST " + target + " HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n" + extra + "\r\n" + body;
}

class AuditServeKillTest : public ::testing::TestWithParam<storage::Engine> {};

TEST_P(AuditServeKillTest, KilledServerLosesNoEntryOfAnAnsweredRequest) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  ASSERT_TRUE(std::filesystem::exists(TAFEL_BINARY)) << TAFEL_BINARY << " is missing: build the tafel target";
  auto db = TestDatabase::create(GetParam());
  ASSERT_TRUE(db.has_value()) << db.error().message;
  char dir_template[] = "/tmp/tafel-audit-kill-XXXXXX";
  const std::filesystem::path dir = ::mkdtemp(dir_template);
  // Demo seeding, the server and verify must sign and check with one key.
  ::setenv("TAFEL_AUDIT_KEY", (dir / "audit.key").c_str(), 1);
  const std::string url = (*db)->url();

  auto [demo_exit, demo] = run_tafel("demo --database '" + url + "'");
  ASSERT_EQ(demo_exit, 0) << demo;
  const auto dpo_at = demo.find("dpo@");
  ASSERT_NE(dpo_at, std::string::npos) << demo;
  const std::string email = demo.substr(dpo_at, demo.find('\n', dpo_at) - dpo_at);
  const std::string password = field_after(demo, dpo_at, "password:");
  const std::string secret = field_after(demo, dpo_at, "TOTP:");
  auto secret_bytes = access::base32_decode(secret);
  ASSERT_TRUE(secret_bytes) << secret;

  auto serve = std::make_unique<TafelProcess>(
      std::vector<std::string>{"serve", "--database", url, "--listen", "127.0.0.1:0", "--threads", "4"},
      dir / "serve.log");
  std::string line = serve->wait_for_line("listening on http://", 120s);
  ASSERT_FALSE(line.empty()) << "tafel serve did not start";
  const auto port = static_cast<std::uint16_t>(std::atoi(line.c_str() + line.rfind(':') + 1));

  // Log in as the DPO: password, then the TOTP code of the current 30-second step.
  RawResponse login = send_once(port, post("/api/v1/session", R"({"email":")" + email + R"(","password":")" +
                                                                 password + R"("})"));
  ASSERT_EQ(login.status, 200) << login.body;
  std::string cookie = cookie_from(login);
  const std::string csrf = json_string(login.body, "csrf_token");
  ASSERT_FALSE(cookie.empty());
  const auto step = static_cast<std::uint64_t>(std::time(nullptr) / 30);
  const std::string code = crypto::hotp_digits(*secret_bytes, step, 6);
  RawResponse second = send_once(port, post("/api/v1/session/second-factor", R"({"code":")" + code + R"("})",
                                           "Cookie: " + cookie + "\r\nX-CSRF-Token: " + csrf + "\r\n"));
  ASSERT_EQ(second.status, 200) << second.body;
  if (auto renewed = cookie_from(second); !renewed.empty()) cookie = renewed;

  // The load: every request is audited (a "view" of the audit log with our id).
  std::mutex mutex;
  std::vector<std::string> answered;
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      RawConnection c(port);
      for (int i = 0; !stop && c.connected(); ++i) {
        if (!c.send(http::testing::get_request("/api/v1/audit/entries?limit=1", "Cookie: " + cookie + "\r\n"))) {
          return;
        }
        RawResponse r;
        if (c.read_response(r, 20s) != ReadOutcome::response) return;  // killed mid-request: not answered
        // The server chooses the request id (a client's never reaches the audit) and
        // answers with it: that is the id its audit entry must carry.
        auto id = r.header("x-request-id");
        if (r.status != 200 || !id || id->empty()) {
          ++errors;
          return;
        }
        std::lock_guard lock(mutex);
        answered.push_back(*id);
      }
    });
  }
  const auto deadline = Clock::now() + 60s;
  for (;;) {
    {
      std::lock_guard lock(mutex);
      if (answered.size() >= 400) break;
    }
    if (errors > 0 || Clock::now() > deadline) break;
    std::this_thread::sleep_for(5ms);
  }
  serve->kill_now();
  stop = true;
  for (auto& c : clients) c.join();
  ASSERT_EQ(errors, 0) << "requests were refused: see " << (dir / "serve.log");
  ASSERT_GE(answered.size(), 400u) << "the load did not get going";

  std::set<std::string> logged;
  auto read = (*db)->database().with_session([&](soci::session& sql) {
    soci::rowset<std::string> rows = (sql.prepare << "SELECT request_id FROM audit_entry");
    for (const auto& id : rows) logged.insert(id);
  });
  ASSERT_TRUE(read) << read.error().message;
  std::size_t missing = 0;
  for (const auto& id : answered) missing += logged.count(id) == 0;
  EXPECT_EQ(missing, 0u) << "of " << answered.size() << " answered requests";

  // The server comes back on the same database and the log verifies.
  serve = std::make_unique<TafelProcess>(
      std::vector<std::string>{"serve", "--database", url, "--listen", "127.0.0.1:0", "--threads", "2"},
      dir / "serve.log");
  EXPECT_FALSE(serve->wait_for_line("listening on http://", 120s).empty()) << "tafel serve did not restart";
  EXPECT_EQ(WEXITSTATUS(serve->stop()), 0);
  auto [verify_exit, verify_out] = run_tafel("audit verify --database '" + url + "'");
  EXPECT_EQ(verify_exit, 0) << verify_out;
  ::unsetenv("TAFEL_AUDIT_KEY");
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditServeKillTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
