#pragma once
// A deliberately primitive HTTP/1.1 client on POSIX sockets for the server tests:
// it sends exactly the bytes it is given (malformed ones included) and parses
// responses strictly, so a test sees what a real client on the wire would.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tafel::http::testing {

struct RawResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower case
  std::string body;

  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return std::nullopt;
  }
};

// What a read attempt produced.
enum class ReadOutcome { response, closed_before_response, incomplete_response, timeout };

class RawConnection {
 public:
  RawConnection() = default;
  explicit RawConnection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      fd_ = -1;
      return;
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  RawConnection(RawConnection&& other) noexcept { *this = std::move(other); }
  RawConnection& operator=(RawConnection&& other) noexcept {
    std::swap(fd_, other.fd_);
    std::swap(buffer_, other.buffer_);
    return *this;
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }

  bool connected() const { return fd_ >= 0; }

  // Sends every byte; false when the peer has closed or reset the connection.
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Tells the server no more bytes will come (half close).
  void finish_sending() { ::shutdown(fd_, SHUT_WR); }

  // Reads one complete response (Content-Length framed; a response to HEAD when
  // `head` is set has no body whatever its Content-Length says).
  ReadOutcome read_response(RawResponse& out, std::chrono::milliseconds timeout, bool head = false) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      if (auto parsed = try_parse(out, head)) {
        if (*parsed) return ReadOutcome::response;
      }
      int got = fill(deadline);
      if (got == 0) return buffer_.empty() ? ReadOutcome::closed_before_response : ReadOutcome::incomplete_response;
      if (got < 0) return ReadOutcome::timeout;
    }
  }

  // Waits until the server closes the connection (EOF or reset); false on timeout.
  // Bytes received meanwhile are kept.
  bool wait_closed(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      int got = fill(deadline);
      if (got == 0) return true;
      if (got < 0) return false;
    }
  }

  const std::string& pending() const { return buffer_; }

 private:
  // 1: read some bytes; 0: EOF or reset; -1: deadline passed.
  int fill(std::chrono::steady_clock::time_point deadline) {
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return -1;
      pollfd p{fd_, POLLIN, 0};
      int r = ::poll(&p, 1, static_cast<int>(left.count()));
      if (r < 0 && errno == EINTR) continue;
      if (r == 0) return -1;
      char chunk[8192];
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return 0;
      buffer_.append(chunk, static_cast<std::size_t>(n));
      return 1;
    }
  }

  // nullopt/false: need more bytes. true: `out` holds a response, consumed from buffer_.
  std::optional<bool> try_parse(RawResponse& out, bool head) {
    std::size_t end = buffer_.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    std::string_view head_text(buffer_.data(), end);
    out = RawResponse{};
    std::size_t line_end = head_text.find("\r\n");
    std::string_view status_line = head_text.substr(0, line_end);
    if (status_line.size() < 12 || status_line.substr(0, 5) != "HTTP/") return false;
    out.status = std::atoi(std::string(status_line.substr(9, 3)).c_str());
    std::size_t length = 0;
    while (line_end != std::string_view::npos) {
      std::size_t start = line_end + 2;
      line_end = head_text.find("\r\n", start);
      std::string_view line = head_text.substr(start, line_end == std::string_view::npos ? std::string_view::npos : line_end - start);
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string name(line.substr(0, colon));
      std::transform(name.begin(), name.end(), name.begin(), [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      if (name == "content-length") length = std::strtoull(std::string(value).c_str(), nullptr, 10);
      out.headers.emplace_back(std::move(name), std::string(value));
    }
    bool no_body = head || out.status == 204 || out.status == 304 || out.status / 100 == 1;
    std::size_t body_length = no_body ? 0 : length;
    if (buffer_.size() < end + 4 + body_length) return false;
    out.body = buffer_.substr(end + 4, body_length);
    buffer_.erase(0, end + 4 + body_length);
    return true;
  }

  int fd_ = -1;
  std::string buffer_;
};

// A GET with keep-alive, as a browser would send it.
inline std::string get_request(std::string_view target, std::string_view extra_headers = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) + "\r\n";
}

}  // namespace tafel::http::testing
