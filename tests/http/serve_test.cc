// `tafel serve` as a real process: graceful shutdown under load on SIGTERM (every
// request that reached the server is answered completely, the process exits 0 within
// seconds) and clear failures when the address is taken or the database is not there.

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "raw_client.h"
#include "support/test_database.h"

namespace tafel::http {
namespace {

using namespace std::chrono_literals;
using testing::RawConnection;
using testing::RawResponse;
using testing::ReadOutcome;
using Clock = std::chrono::steady_clock;

// A child process running the tafel binary with stdout on a pipe.
class TafelProcess {
 public:
  explicit TafelProcess(const std::vector<std::string>& args) {
    char dir_template[] = "/tmp/tafel-serve-test-XXXXXX";
    dir_ = mkdtemp(dir_template);
    int out[2];
    EXPECT_EQ(pipe(out), 0);
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      int err = open((dir_ / "stderr.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(err, STDERR_FILENO);
      close(out[0]);
      std::vector<char*> argv;
      std::string binary = TAFEL_BINARY;
      argv.push_back(binary.data());
      std::vector<std::string> copy = args;
      for (auto& a : copy) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    stdout_ = out[0];
    fcntl(stdout_, F_SETFL, O_NONBLOCK);
  }
  ~TafelProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(stdout_);
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  const std::filesystem::path& dir() const { return dir_; }

  // Waits for a line on stdout containing `marker`; returns the line.
  std::string wait_for_line(std::string_view marker, std::chrono::seconds timeout) {
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      char chunk[512];
      ssize_t n = read(stdout_, chunk, sizeof chunk);
      if (n > 0) output_.append(chunk, static_cast<std::size_t>(n));
      if (auto at = output_.find(marker); at != std::string::npos) {
        auto end = output_.find('\n', at);
        if (end != std::string::npos) return output_.substr(at, end - at);
      }
      if (n == 0 || (n < 0 && wait_exit(0ms).has_value())) return {};
      std::this_thread::sleep_for(20ms);
    }
    return {};
  }

  void signal(int number) { kill(pid_, number); }

  // The exit status (as from waitpid) once the process has ended within `timeout`.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout) {
    if (exited_) return status_;
    auto deadline = Clock::now() + timeout;
    do {
      if (waitpid(pid_, &status_, WNOHANG) == pid_) {
        exited_ = true;
        return status_;
      }
      std::this_thread::sleep_for(10ms);
    } while (Clock::now() < deadline);
    return std::nullopt;
  }

  std::string stderr_text() const {
    std::ifstream in(dir_ / "stderr.log");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int stdout_ = -1;
  std::string output_;
  bool exited_ = false;
  int status_ = 0;
};

std::uint16_t port_from(const std::string& line) {
  auto colon = line.rfind(':');
  return static_cast<std::uint16_t>(std::atoi(line.c_str() + colon + 1));
}

TEST(ServeTest, SigtermUnderLoadAnswersEveryAcceptedRequestAndExitsZero) {
  char db_template[] = "/tmp/tafel-serve-db-XXXXXX";
  std::filesystem::path db_dir = mkdtemp(db_template);
  TafelProcess tafel({"serve", "--database", (db_dir / "tafel.sqlite").string(), "--listen", "127.0.0.1:0",
                      "--threads", "2"});
  std::string line = tafel.wait_for_line("listening on http://", 120s);
  ASSERT_FALSE(line.empty()) << tafel.stderr_text();
  const std::uint16_t port = port_from(line);

  std::atomic<bool> sigterm_sent{false};
  std::atomic<int> answered{0};
  std::atomic<int> answered_with_close{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  auto fail_with = [&](std::string what) {
    std::lock_guard lock(failures_mutex);
    failures.push_back(std::move(what));
  };

  // Keep-alive clients sending back to back until the server is gone.
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      RawConnection connection(port);
      for (int i = 0;; ++i) {
        if (!connection.connected()) {
          if (!sigterm_sent) fail_with("connection refused before SIGTERM");
          return;  // the listener is closed: done
        }
        std::string target = (i + c) % 3 == 0 ? "/readyz" : "/healthz";
        connection.send(testing::get_request(target));
        RawResponse r;
        switch (connection.read_response(r, 10s)) {
          case ReadOutcome::response:
            if (r.status != 200) fail_with("status " + std::to_string(r.status) + " for " + target);
            ++answered;
            if (r.header("connection").value_or("") == "close") {
              ++answered_with_close;
              connection = RawConnection(port);
            }
            break;
          case ReadOutcome::closed_before_response:
            // Allowed only for a request the stopping server never took in.
            if (!sigterm_sent) fail_with("connection closed without an answer before SIGTERM");
            connection = RawConnection(port);
            break;
          case ReadOutcome::incomplete_response: fail_with("incomplete response"); return;
          case ReadOutcome::timeout: fail_with("no response within 10 s"); return;
        }
      }
    });
  }

  // A request whose bytes are still arriving when SIGTERM comes must be finished.
  RawConnection half_sent(port);
  ASSERT_TRUE(half_sent.send("GET /healthz HTTP/1.1\r\nHost: t\r\n"));

  std::this_thread::sleep_for(1s);
  int before_sigterm = answered.load();
  sigterm_sent = true;
  tafel.signal(SIGTERM);
  auto signalled_at = Clock::now();
  std::this_thread::sleep_for(200ms);
  ASSERT_TRUE(half_sent.send("\r\n"));
  RawResponse r;
  ASSERT_EQ(half_sent.read_response(r, 5s), ReadOutcome::response);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok"})");
  EXPECT_EQ(r.header("connection").value_or(""), "close");

  auto status = tafel.wait_exit(5s);
  ASSERT_TRUE(status.has_value()) << "tafel serve did not exit within 5 s of SIGTERM";
  EXPECT_LT(Clock::now() - signalled_at, 5s);
  EXPECT_TRUE(WIFEXITED(*status)) << tafel.stderr_text();
  EXPECT_EQ(WEXITSTATUS(*status), 0) << tafel.stderr_text();
  for (auto& t : clients) t.join();
  for (const auto& f : failures) ADD_FAILURE() << f;
  EXPECT_GT(before_sigterm, 20) << "the clients did not put the server under load";

  std::string log = tafel.stderr_text();
  EXPECT_NE(log.find("\"event\":\"shutdown_requested\""), std::string::npos) << log.substr(0, 2000);
  EXPECT_NE(log.find("\"event\":\"server_stopped\""), std::string::npos);
  std::filesystem::remove_all(db_dir);
}

// /readyz answers 200 once `tafel serve` has opened and migrated its database, on
// SQLite and on PostgreSQL, and /metrics counts those requests by route.
TEST(ServeTest, ReadyzAnswers200OnSqliteAndPostgresqlAndMetricsCountIt) {
  for (storage::Engine engine : test_support::available_engines()) {
    SCOPED_TRACE(test_support::engine_name(engine));
    auto fresh = test_support::TestDatabase::create(engine, test_support::TestDatabase::Migrate::no);
    ASSERT_TRUE(fresh) << fresh.error().message;
    TafelProcess tafel({"serve", "--database", (*fresh)->url(), "--listen", "127.0.0.1:0", "--threads", "1"});
    std::string line = tafel.wait_for_line("listening on http://", 120s);
    ASSERT_FALSE(line.empty()) << tafel.stderr_text();
    RawConnection connection(port_from(line));
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(connection.send(testing::get_request("/readyz")));
      RawResponse ready;
      ASSERT_EQ(connection.read_response(ready, 5000ms), ReadOutcome::response);
      EXPECT_EQ(ready.status, 200) << ready.body;
    }
    ASSERT_TRUE(connection.send(testing::get_request("/metrics")));
    RawResponse metrics;
    ASSERT_EQ(connection.read_response(metrics, 5000ms), ReadOutcome::response);
    EXPECT_NE(metrics.body.find("tafel_http_requests_total{route=\"/readyz\",method=\"GET\",status=\"200\"} 3"),
              std::string::npos)
        << metrics.body;
    tafel.signal(SIGTERM);
    auto status = tafel.wait_exit(10s);
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(WEXITSTATUS(*status), 0);
  }
}

TEST(ServeTest, AddressInUseExitsWithOneAndSaysSo) {
  char db_template[] = "/tmp/tafel-serve-db-XXXXXX";
  std::filesystem::path db_dir = mkdtemp(db_template);
  TafelProcess first({"serve", "--database", (db_dir / "a.sqlite").string(), "--listen", "127.0.0.1:0"});
  std::string line = first.wait_for_line("listening on http://", 120s);
  ASSERT_FALSE(line.empty()) << first.stderr_text();
  std::string taken = "127.0.0.1:" + std::to_string(port_from(line));

  TafelProcess second({"serve", "--database", (db_dir / "b.sqlite").string(), "--listen", taken});
  auto status = second.wait_exit(120s);
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(WEXITSTATUS(*status), 1);
  EXPECT_NE(second.stderr_text().find("already in use"), std::string::npos) << second.stderr_text();
  first.signal(SIGTERM);
  auto first_status = first.wait_exit(5s);
  ASSERT_TRUE(first_status.has_value());
  EXPECT_EQ(WEXITSTATUS(*first_status), 0);
  std::filesystem::remove_all(db_dir);
}

TEST(ServeTest, UnreachableDatabaseExitsWithOne) {
  TafelProcess tafel({"serve", "--database", "postgresql://tafel@127.0.0.1:1/tafel", "--listen", "127.0.0.1:0"});
  auto status = tafel.wait_exit(120s);
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(WEXITSTATUS(*status), 1);
  EXPECT_NE(tafel.stderr_text().find("database"), std::string::npos) << tafel.stderr_text();
}

// Issue 11, point 15: a key file that group or others can read is refused, with the
// file and the command that fixes it; the server does not start.
TEST(ServeTest, AKeyFileReadableByOthersIsRefusedWithTheChmodToRun) {
  char dir_template[] = "/tmp/tafel-serve-keys-XXXXXX";
  std::filesystem::path dir = mkdtemp(dir_template);
  std::filesystem::create_directories(dir / "keys");
  const auto key = dir / "keys" / "instance.key";
  {
    std::ofstream out(key);
    out << "tafel-audit-key-1\n" << std::string(64, 'a') << "\n";
  }
  std::filesystem::permissions(key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                                        std::filesystem::perms::group_read | std::filesystem::perms::others_read);
  TafelProcess tafel({"serve", "--database", (dir / "t.sqlite").string(), "--keys-dir", (dir / "keys").string(),
                      "--listen", "127.0.0.1:0"});
  auto status = tafel.wait_exit(120s);
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(WEXITSTATUS(*status), 1);
  EXPECT_NE(tafel.stderr_text().find("chmod 600 " + key.string()), std::string::npos) << tafel.stderr_text();

  // With mode 0600 the same key is accepted.
  std::filesystem::permissions(key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  TafelProcess fixed({"serve", "--database", (dir / "t.sqlite").string(), "--keys-dir", (dir / "keys").string(),
                      "--listen", "127.0.0.1:0"});
  EXPECT_FALSE(fixed.wait_for_line("listening on http://", 120s).empty()) << fixed.stderr_text();
  fixed.signal(SIGTERM);
  EXPECT_TRUE(fixed.wait_exit(5s).has_value());
  std::filesystem::remove_all(dir);
}

// An installation from before keys_dir keeps its audit chain: the key file beside
// the SQLite file is moved into keys_dir, not replaced by a new key.
TEST(ServeTest, AKeyFileBesideTheDatabaseIsMovedIntoTheKeysDirectory) {
  char dir_template[] = "/tmp/tafel-serve-keys-XXXXXX";
  std::filesystem::path dir = mkdtemp(dir_template);
  const auto legacy = dir / "data" / "t.sqlite.audit-key";
  std::filesystem::create_directories(legacy.parent_path());
  const std::string text = "tafel-audit-key-1\n" + std::string(64, 'b') + "\n";
  {
    std::ofstream out(legacy);
    out << text;
  }
  std::filesystem::permissions(legacy, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  TafelProcess tafel({"serve", "--database", (dir / "data" / "t.sqlite").string(), "--keys-dir",
                      (dir / "keys").string(), "--listen", "127.0.0.1:0"});
  EXPECT_FALSE(tafel.wait_for_line("listening on http://", 120s).empty()) << tafel.stderr_text();
  tafel.signal(SIGTERM);
  EXPECT_TRUE(tafel.wait_exit(5s).has_value());
  EXPECT_FALSE(std::filesystem::exists(legacy));
  std::ifstream in(dir / "keys" / "instance.key");
  std::stringstream moved;
  moved << in.rdbuf();
  EXPECT_EQ(moved.str(), text);
  EXPECT_NE(tafel.stderr_text().find("moved the instance key file"), std::string::npos) << tafel.stderr_text();
  std::filesystem::remove_all(dir);
}

// Issue 11, point 17: SMTP credentials over plain smtp:// are refused at start.
TEST(ServeTest, SmtpCredentialsWithoutTlsAreRefusedUnlessPlaintextAuthIsAllowed) {
  char dir_template[] = "/tmp/tafel-serve-mail-XXXXXX";
  std::filesystem::path dir = mkdtemp(dir_template);
  {
    std::ofstream password(dir / "smtp-password");
    password << "secret\n";
  }
  auto write_config = [&](bool allow) {
    std::ofstream out(dir / "tafel.toml");
    out << "[mail]\nsmtp_url = \"smtp://127.0.0.1:2525\"\nusername = \"tafel\"\npassword_file = \""
        << (dir / "smtp-password").string() << "\"\n";
    if (allow) out << "allow_plaintext_auth = true\n";
  };
  const std::vector<std::string> args = {"serve", "--config", (dir / "tafel.toml").string(), "--database",
                                         (dir / "t.sqlite").string(), "--keys-dir", (dir / "keys").string(),
                                         "--listen", "127.0.0.1:0"};
  write_config(false);
  TafelProcess refused(args);
  auto status = refused.wait_exit(120s);
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(WEXITSTATUS(*status), 2);
  EXPECT_NE(refused.stderr_text().find("allow_plaintext_auth"), std::string::npos) << refused.stderr_text();
  EXPECT_EQ(refused.stderr_text().find("secret"), std::string::npos);

  write_config(true);
  TafelProcess allowed(args);
  EXPECT_FALSE(allowed.wait_for_line("listening on http://", 120s).empty()) << allowed.stderr_text();
  allowed.signal(SIGTERM);
  EXPECT_TRUE(allowed.wait_exit(5s).has_value());
  std::filesystem::remove_all(dir);
}

// [consent] minor_own_consent_age accepts 12 or 16 only (docs/configuration.md).
TEST(ServeTest, AMinorOwnConsentAgeOtherThan12Or16StopsTheServerWithTheReason) {
  char dir_template[] = "/tmp/tafel-serve-consent-XXXXXX";
  std::filesystem::path dir = mkdtemp(dir_template);
  auto write_config = [&](int age) {
    std::ofstream out(dir / "tafel.toml");
    out << "[consent]\nminor_own_consent_age = " << age << "\n";
  };
  const std::vector<std::string> args = {"serve", "--config", (dir / "tafel.toml").string(), "--database",
                                         (dir / "t.sqlite").string(), "--keys-dir", (dir / "keys").string(),
                                         "--listen", "127.0.0.1:0"};
  write_config(14);
  TafelProcess refused(args);
  auto status = refused.wait_exit(120s);
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(WEXITSTATUS(*status), 2);
  EXPECT_NE(refused.stderr_text().find("minor_own_consent_age must be 12 or 16"), std::string::npos)
      << refused.stderr_text();

  write_config(16);
  TafelProcess allowed(args);
  EXPECT_FALSE(allowed.wait_for_line("listening on http://", 120s).empty()) << allowed.stderr_text();
  allowed.signal(SIGTERM);
  EXPECT_TRUE(allowed.wait_exit(5s).has_value());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tafel::http
