#include "smtp_sink_process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace tafel::test_support {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kPython = "/usr/bin/python3";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The port in the sink's port file, 0 while it is not there yet. The sink renames
// the file into place, so it is either absent or complete.
std::uint16_t read_port(const fs::path& path) {
  std::error_code error;
  if (!fs::exists(path, error)) return 0;
  std::string text = read_file(path);
  unsigned port = 0;
  auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (status != std::errc() || port == 0 || port > 65535) return 0;
  return static_cast<std::uint16_t>(port);
}

std::string describe(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "ended with wait status " + std::to_string(status);
}

}  // namespace

SmtpSinkProcess::~SmtpSinkProcess() { stop(); }

::testing::AssertionResult SmtpSinkProcess::start(Refuse refuse, std::chrono::milliseconds timeout) {
  if (running()) return ::testing::AssertionFailure() << "the SMTP sink is already running";
  const fs::path script = fs::path(TAFEL_SOURCE_DIR) / "tests/notify/smtp_sink.py";
  if (!fs::exists(script)) return ::testing::AssertionFailure() << "no SMTP sink script at " << script;

  std::string pattern = (fs::temp_directory_path() / "tafel-smtp-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return ::testing::AssertionFailure() << "mkdtemp failed: " << std::strerror(errno);
  }
  directory_ = pattern;
  fs::create_directory(directory_ / "messages");
  const fs::path port_file = directory_ / "port";

  // -I: isolated from PYTHON* variables and user site packages, so the Debian
  // aiosmtpd is what runs whatever the developer's environment says.
  std::vector<std::string> arguments = {kPython, "-I", script.string(), "--port-file", port_file.string(),
                                        "--messages", (directory_ / "messages").string()};
  if (refuse == Refuse::recipients) arguments.insert(arguments.end(), {"--refuse", "rcpt"});
  if (refuse == Refuse::data) arguments.insert(arguments.end(), {"--refuse", "data"});
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);

  pid_t pid = -1;
  int spawned = posix_spawn(&pid, kPython, nullptr, nullptr, argv.data(), environ);
  if (spawned != 0) {
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
    directory_.clear();
    return ::testing::AssertionFailure() << "cannot start " << kPython << ": " << std::strerror(spawned);
  }
  pid_ = pid;

  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if ((port_ = read_port(port_file)) != 0) return ::testing::AssertionSuccess();
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      stop();  // removes the directory
      return ::testing::AssertionFailure() << "the SMTP sink " << describe(status)
                                           << " before it listened (its error output is above)";
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      stop();
      return ::testing::AssertionFailure() << "the SMTP sink did not listen within " << timeout.count() << " ms";
    }
    std::this_thread::sleep_for(10ms);
  }
}

::testing::AssertionResult SmtpSinkProcess::stop() {
  auto result = ::testing::AssertionSuccess();
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    pid_t reaped = 0;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while ((reaped = waitpid(pid_, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(10ms);
    }
    if (reaped == 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      result = ::testing::AssertionFailure() << "the SMTP sink ignored SIGTERM for 5 s and was killed";
    } else if (reaped < 0) {
      result = ::testing::AssertionFailure() << "waitpid failed: " << std::strerror(errno);
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      result = ::testing::AssertionFailure() << "the SMTP sink " << describe(status);
    }
    pid_ = -1;
  }
  port_ = 0;
  if (!directory_.empty()) {
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
    directory_.clear();
  }
  return result;
}

std::string SmtpSinkProcess::url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

std::vector<ReceivedMail> SmtpSinkProcess::messages() const {
  std::vector<ReceivedMail> messages;
  if (directory_.empty()) return messages;
  // Each message is a directory renamed into place once complete; names starting
  // with "." are still being written.
  std::vector<fs::path> names;
  for (const auto& entry : fs::directory_iterator(directory_ / "messages")) {
    if (!entry.path().filename().string().starts_with(".")) names.push_back(entry.path());
  }
  std::sort(names.begin(), names.end());  // zero-padded sequence numbers
  for (const auto& path : names) {
    ReceivedMail mail;
    mail.mail_from = read_file(path / "mail_from");
    std::istringstream recipients(read_file(path / "rcpt_to"));
    for (std::string line; std::getline(recipients, line);) mail.rcpt_to.push_back(line);
    mail.data = read_file(path / "content");
    messages.push_back(std::move(mail));
  }
  return messages;
}

bool SmtpSinkProcess::wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (messages().size() < count) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

std::uint16_t SmtpSinkProcess::closed_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  std::uint16_t port = 0;
  // The socket API takes the generic sockaddr; sockaddr_in is laid out for it.
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

}  // namespace tafel::test_support
