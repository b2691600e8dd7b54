// The one translation unit with Boost.Beast and Asio (compile time: keep it so).
#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fmt/format.h>

#include "http/forwarded.h"
#include "http/log_event.h"
#include "http/target.h"

namespace tafel::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// After a "Connection: close" answer the server keeps reading (and discarding) for a
// moment before closing, so that unread client bytes do not turn the close into a
// reset that would destroy the answer in flight (a 413 sent mid-upload, say).
constexpr auto kLingerTime = std::chrono::milliseconds(1000);
constexpr std::size_t kLingerMaxBytes = 1024 * 1024;
constexpr std::size_t kReadChunk = 4096;

// Methods get a label of their own in logs and metrics; anything else is "OTHER" so a
// client cannot create series or write arbitrary text into the log.
std::string_view method_label(std::string_view method) {
  static constexpr std::string_view kKnown[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  for (auto known : kKnown) {
    if (method == known) return known;
  }
  return "OTHER";
}

std::string random_request_id() {
  thread_local std::mt19937_64 engine = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  return fmt::format("{:016x}{:016x}", engine(), engine());
}

// A client's X-Request-Id, as it may appear in the log line (to correlate with a
// proxy's logs): at most 64 characters of [A-Za-z0-9._-], the rest dropped. It never
// becomes Request::request_id: that id reaches audit entries, and a client must not
// choose what an append-only trail records about its request.
std::string loggable_client_request_id(std::string_view id) {
  std::string out;
  for (char c : id) {
    if (out.size() == 64) break;
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.') out.push_back(c);
  }
  return out;
}

// Every value of a request header (names are lower case), joined by ',' as RFC 9110
// allows for list-valued fields; nullopt when the header is absent.
std::optional<std::string> joined_header(const Request& request, std::string_view name) {
  std::optional<std::string> out;
  for (const auto& [n, v] : request.headers) {
    if (n != name) continue;
    out = out ? *out + "," + v : v;
  }
  return out;
}

bool valid_header_name(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f && c != ':';
  });
}

bool valid_header_value(std::string_view value) {
  return std::none_of(value.begin(), value.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Exception texts may quote data (SOCI appends bound values after " with :"); keep
// the part before that and bound the length.
std::string loggable_exception(const char* what) {
  std::string_view text = what == nullptr ? "" : what;
  if (auto cut = text.find(" with :"); cut != std::string_view::npos) text = text.substr(0, cut);
  if (text.size() > 300) text = text.substr(0, 300);
  return std::string(text);
}

bool is_parse_error(const error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

class SessionBase {
 public:
  virtual ~SessionBase() = default;
  // Both post to the session's strand; callable from any thread.
  virtual void begin_shutdown() = 0;
  virtual void force_close() = 0;
};

// The server's shared state; Server::Impl is this, named so sessions can use it.
struct ServerCore {
  ServerCore(ServerOptions o, Router& r, Metrics& m) : options(std::move(o)), router(r), metrics(m) {}

  ServerOptions options;
  Router& router;
  Metrics& metrics;
  bool tls_enabled = false;
  TrustedProxies trusted_proxies;  // parsed from options.trusted_proxies by listen()
  std::uint16_t bound_port = 0;

  // Declared before io_context so that they outlive it: destroying the io_context
  // destroys pending handlers, hence sessions, which unregister here.
  std::mutex mutex;
  std::condition_variable changed;
  std::unordered_map<SessionBase*, std::weak_ptr<SessionBase>> sessions;
  bool stopping = false;
  bool acceptor_closed = false;
  bool running = false;
  std::atomic<bool> stopping_flag{false};

  std::optional<ssl::context> tls;
  net::io_context io;
  net::strand<net::io_context::executor_type> control{net::make_strand(io)};
  tcp::acceptor acceptor{control};
  net::signal_set signals{control};
  net::steady_timer accept_retry{control};

  // Registers a session; returns whether the server is already stopping.
  bool add_session(SessionBase* session, std::weak_ptr<SessionBase> weak) {
    std::lock_guard lock(mutex);
    sessions.emplace(session, std::move(weak));
    return stopping;
  }
  void remove_session(SessionBase* session) {
    {
      std::lock_guard lock(mutex);
      sessions.erase(session);
    }
    changed.notify_all();
  }
  std::size_t session_count() {
    std::lock_guard lock(mutex);
    return sessions.size();
  }

  void do_accept();
  void on_accept(const error_code& ec, tcp::socket socket);
  void close_acceptor();
  void run();
  void stop();
};

template <class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  Session(ServerCore& server, Stream stream, std::string remote_address)
      : server_(server), stream_(std::move(stream)), remote_address_(std::move(remote_address)) {
    server_.metrics.connection_opened();
  }

  ~Session() override {
    server_.metrics.connection_closed();
    server_.remove_session(this);
  }

  void start() {
    shutting_down_ = server_.add_session(this, this->weak_from_this());
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->on_start(); });
  }

  void begin_shutdown() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] { self->on_shutdown(); });
  }

  void force_close() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] { self->close_now(); });
  }

 private:
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  void on_start() {
    if constexpr (kTls) {
      lowest().expires_after(server_.options.read_timeout);
      stream_.async_handshake(ssl::stream_base::server, [self = this->shared_from_this()](const error_code& ec) {
        if (ec) return self->close_now();
        self->start_read();
      });
    } else {
      start_read();
    }
  }

  // Waits for the next request. Between requests only the idle timeout applies; from
  // the first byte on, the whole request must arrive within the read timeout.
  void start_read() {
    if (shutting_down_ || closed_) return close_gracefully();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(server_.options.max_header_bytes, UINT32_MAX)));
    parser_->body_limit(server_.options.max_body_bytes);
    if (buffer_.size() > 0) return read_header();  // a pipelined request is waiting
    idle_ = true;
    lowest().expires_after(server_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(kReadChunk),
                            [self = this->shared_from_this()](const error_code& ec, std::size_t n) {
                              self->idle_ = false;
                              if (ec) return self->close_now();
                              self->buffer_.commit(n);
                              self->read_header();
                            });
  }

  void read_header() {
    lowest().expires_after(server_.options.read_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = this->shared_from_this()](const error_code& ec, std::size_t) {
                               if (ec) return self->on_read_error(ec);
                               self->after_header();
                             });
  }

  void after_header() {
    const auto& header = parser_->get();
    // Both framings at once is how requests are smuggled past proxies (RFC 9112 6.1).
    if (header.count(bhttp::field::content_length) > 0 && header.count(bhttp::field::transfer_encoding) > 0) {
      return answer_bad_request(400, "bad_request", "The request has both Content-Length and Transfer-Encoding.");
    }
    // A request body's length is only knowable when chunked is the final coding; the
    // alternative, reading until the client closes, is not HTTP/1.1 (RFC 9112 6.3).
    if (header.count(bhttp::field::transfer_encoding) > 0 && !parser_->chunked()) {
      return answer_bad_request(400, "bad_request", "Transfer-Encoding must end with chunked.");
    }
    if (parser_->is_done()) return handle_request();
    auto expect = parser_->get()[bhttp::field::expect];
    if (parser_->get().version() >= 11 && iequals(expect, "100-continue")) {
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = this->shared_from_this()](const error_code& ec, std::size_t) {
                         if (ec) return self->close_now();
                         self->read_body();
                       });
      return;
    }
    read_body();
  }

  void read_body() {
    bhttp::async_read(stream_, buffer_, *parser_, [self = this->shared_from_this()](const error_code& ec, std::size_t) {
      if (ec) return self->on_read_error(ec);
      self->handle_request();
    });
  }

  void on_read_error(const error_code& ec) {
    if (ec == bhttp::error::header_limit) {
      return answer_bad_request(431, "headers_too_large", "The request headers are too large.");
    }
    if (ec == bhttp::error::body_limit) {
      return answer_bad_request(413, "body_too_large", "The request body is too large.");
    }
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) return close_now();
    if (is_parse_error(ec)) return answer_bad_request(400, "bad_request", "The request is malformed.");
    close_now();  // timeout, reset, TLS failure: nobody to answer
  }

  // Answers a request that could not be read completely, and closes: after a framing
  // error the rest of the byte stream cannot be trusted.
  void answer_bad_request(int status, std::string_view code, std::string_view message) {
    auto started = Clock::now();
    Request request;
    request.request_id = random_request_id();
    request.remote_address = remote_address_;
    request.https = kTls;
    request.route = "(bad request)";
    std::string_view method = parser_ && parser_->is_header_done() ? method_label(parser_->get().method_string()) : "OTHER";
    Response response = Response::error(status, code, message);
    finish(request, method, std::move(response), started, /*keep_alive=*/false, /*head=*/false, 11);
  }

  void handle_request() {
    auto started = Clock::now();
    auto& message = parser_->get();
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(),
                     [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.body = std::move(message.body());
    auto forwarded_for = joined_header(request, "x-forwarded-for");
    auto forwarded_proto = joined_header(request, "x-forwarded-proto");
    ClientOrigin client = resolve_client(remote_address_, kTls, forwarded_for, forwarded_proto, server_.trusted_proxies);
    request.remote_address = std::move(client.address);
    request.https = client.https;
    request.request_id = random_request_id();
    client_request_id_ = loggable_client_request_id(message["X-Request-Id"]);

    server_.metrics.request_started();
    Response response;
    if (auto target = parse_target(request.target); !target) {
      request.route = "(bad request)";
      response = Response::error(400, "bad_request", target.error().message);
    } else {
      request.path = std::move(target->path);
      request.query = std::move(target->query);
      try {
        response = server_.router.dispatch(request);
      } catch (const std::exception& e) {  // the error renderer itself failed
        LogEvent("handler_exception").field("request_id", request.request_id).field("route", request.route)
            .field("error", loggable_exception(e.what())).error();
        response = Response::error(500, "internal_error", "Something went wrong on our side; it has been logged.");
      }
    }
    server_.metrics.request_finished();

    bool keep_alive = message.keep_alive() && !shutting_down_ &&
                      !server_.stopping_flag.load(std::memory_order_relaxed);
    bool head = message.method() == bhttp::verb::head;
    finish(request, method_label(request.method), std::move(response), started, keep_alive, head, message.version());
  }

  // Adds the server's headers, records the request and writes the answer.
  void finish(const Request& request, std::string_view method, Response response, Clock::time_point started,
              bool keep_alive, bool head, unsigned version) {
    int status = response.status;
    if (status < 200 || status > 599) {
      LogEvent("invalid_status").field("request_id", request.request_id).field("route", request.route)
          .field("status", status).error();
      response = Response::error(500, "internal_error", "Something went wrong on our side; it has been logged.");
      status = 500;
    }
    auto& out = response_.emplace();
    out.version(version == 10 ? 10 : 11);
    out.result(static_cast<unsigned>(status));
    bool cache_control_set = false;
    for (auto& [name, value] : response.headers) {
      if (!valid_header_name(name) || !valid_header_value(value)) {
        LogEvent("invalid_response_header").field("request_id", request.request_id).field("route", request.route).error();
        continue;
      }
      // The server owns the framing headers.
      if (iequals(name, "content-length") || iequals(name, "transfer-encoding") || iequals(name, "connection")) continue;
      cache_control_set = cache_control_set || iequals(name, "cache-control");
      out.insert(name, value);
    }
    out.set("Content-Security-Policy", kContentSecurityPolicy);
    out.set("X-Content-Type-Options", "nosniff");
    out.set("Referrer-Policy", "same-origin");
    out.set(bhttp::field::x_frame_options, "DENY");
    out.set("Cross-Origin-Opener-Policy", "same-origin");
    out.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (!cache_control_set) out.set(bhttp::field::cache_control, "no-store");
    if (request.https) out.set(bhttp::field::strict_transport_security, "max-age=31536000; includeSubDomains");
    out.set("X-Request-Id", request.request_id);

    bool bodyless_status = status == 204 || status == 304;
    std::size_t body_size = bodyless_status ? 0 : response.body.size();
    if (!head && !bodyless_status) out.body() = std::move(response.body);
    out.keep_alive(keep_alive);
    out.prepare_payload();
    if (head && !bodyless_status) out.content_length(body_size);

    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    server_.metrics.record_request(request.route, method, status, seconds);
    LogEvent line("request");
    line.field("request_id", request.request_id);
    if (!client_request_id_.empty()) line.field("client_request_id", client_request_id_);
    line.field("method", method).field("route", request.route).field("status", status)
        .field("duration_ms", seconds * 1000.0)
        .info();
    client_request_id_.clear();

    // A client that does not read its answer is cut off like one that does not send.
    lowest().expires_after(server_.options.read_timeout);
    bhttp::async_write(stream_, out,
                       [self = this->shared_from_this(), keep_alive](const error_code& ec, std::size_t) {
                         self->response_.reset();
                         if (ec) return self->close_now();
                         if (!keep_alive) return self->close_gracefully();
                         self->start_read();
                       });
  }

  void on_shutdown() {
    shutting_down_ = true;
    if (!idle_ || closed_) return;  // a request is being read or handled: it finishes
    // Idle: close, unless the next request's bytes are already waiting in the kernel.
    error_code ec;
    std::size_t waiting = lowest().socket().available(ec);
    if (ec || waiting == 0) close_now();
  }

  void close_gracefully() {
    if (closed_ || lingering_) return;
    lingering_ = true;
    lowest().expires_after(kLingerTime);
    if constexpr (kTls) {
      stream_.async_shutdown([self = this->shared_from_this()](const error_code&) { self->close_now(); });
    } else {
      error_code ec;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
      if (ec) return close_now();
      linger();
    }
  }

  void linger() {
    lowest().async_read_some(net::buffer(scratch_), [self = this->shared_from_this()](const error_code& ec, std::size_t n) {
      self->lingered_bytes_ += n;
      if (ec || self->lingered_bytes_ > kLingerMaxBytes) return self->close_now();
      self->linger();
    });
  }

  void close_now() {
    if (closed_) return;
    closed_ = true;
    error_code ec;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
    lowest().close();
  }

  ServerCore& server_;
  Stream stream_;
  std::string remote_address_;
  std::string client_request_id_;  // of the request being answered, for its log line only
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::string_body>> response_;
  std::array<char, 4096> scratch_{};
  std::size_t lingered_bytes_ = 0;
  bool idle_ = false;           // waiting for the first byte of a request
  bool shutting_down_ = false;  // the server is stopping: answer, then close
  bool lingering_ = false;
  bool closed_ = false;
};

}  // namespace

struct Server::Impl : ServerCore {
  using ServerCore::ServerCore;
};

namespace {

void ServerCore::do_accept() {
  acceptor.async_accept(net::make_strand(io),
                        [this](const error_code& ec, tcp::socket socket) { on_accept(ec, std::move(socket)); });
}

void ServerCore::on_accept(const error_code& ec, tcp::socket socket) {
  if (stopping_flag.load() || ec == net::error::operation_aborted) return;
  if (ec) {
    // Out of file descriptors, typically: back off instead of spinning.
    LogEvent("accept_failed").field("error", ec.message()).warn();
    accept_retry.expires_after(std::chrono::milliseconds(50));
    accept_retry.async_wait([this](const error_code& wait_ec) {
      if (!wait_ec && !stopping_flag.load()) do_accept();
    });
    return;
  }
  if (session_count() >= options.max_connections) {
    LogEvent("connection_refused").field("reason", "max_connections").debug();
    error_code ignored;
    socket.close(ignored);
    return do_accept();
  }
  error_code opt_ec;
  socket.set_option(tcp::no_delay(true), opt_ec);  // responses are written whole: Nagle only delays them
  auto remote = socket.remote_endpoint(opt_ec);
  std::string remote_address = opt_ec ? std::string() : remote.address().to_string();
  if (tls) {
    auto session = std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
        *this, beast::ssl_stream<beast::tcp_stream>(std::move(socket), *tls), std::move(remote_address));
    session->start();
  } else {
    auto session =
        std::make_shared<Session<beast::tcp_stream>>(*this, beast::tcp_stream(std::move(socket)), std::move(remote_address));
    session->start();
  }
  do_accept();
}

void ServerCore::close_acceptor() {
  error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  accept_retry.cancel();
  {
    std::lock_guard lock(mutex);
    acceptor_closed = true;
  }
  changed.notify_all();
}

void ServerCore::stop() {
  std::vector<std::weak_ptr<SessionBase>> to_notify;
  {
    std::lock_guard lock(mutex);
    if (stopping) return;
    stopping = true;
    stopping_flag = true;
    for (const auto& [ptr, weak] : sessions) to_notify.push_back(weak);
  }
  changed.notify_all();
  net::post(control, [this] { close_acceptor(); });
  for (auto& weak : to_notify) {
    if (auto session = weak.lock()) session->begin_shutdown();
  }
}

void ServerCore::run() {
  if (options.handle_signals) {
    signals.add(SIGINT);
    signals.add(SIGTERM);
    signals.async_wait([this](const error_code& ec, int signal_number) {
      if (ec) return;
      LogEvent("shutdown_requested").field("signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT").info();
      stop();
    });
  }
  net::post(control, [this] { do_accept(); });

  int count = serving_threads(options.threads);
  std::vector<std::thread> workers;
  workers.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    workers.emplace_back([this] {
      for (;;) {
        try {
          io.run();
          return;
        } catch (const std::exception& e) {  // never lose a worker to a stray exception
          LogEvent("worker_exception").field("error", loggable_exception(e.what())).error();
        }
      }
    });
  }
  LogEvent("server_started").field("port", static_cast<int>(bound_port)).field("threads", count)
      .field("tls", tls_enabled ? "on" : "off").info();

  {
    std::unique_lock lock(mutex);
    changed.wait(lock, [this] { return stopping; });
    auto deadline = Clock::now() + options.shutdown_timeout;
    bool drained =
        changed.wait_until(lock, deadline, [this] { return acceptor_closed && sessions.empty(); });
    if (!drained) {
      std::vector<std::weak_ptr<SessionBase>> remaining;
      for (const auto& [ptr, weak] : sessions) remaining.push_back(weak);
      lock.unlock();
      LogEvent("shutdown_timeout").field("connections_cut", static_cast<std::int64_t>(remaining.size())).warn();
      for (auto& weak : remaining) {
        if (auto session = weak.lock()) session->force_close();
      }
      lock.lock();
      changed.wait_for(lock, std::chrono::seconds(1), [this] { return sessions.empty(); });
    }
  }
  io.stop();
  for (auto& worker : workers) worker.join();
  error_code ec;
  acceptor.close(ec);
  LogEvent("server_stopped").info();
}

}  // namespace

int serving_threads(int configured) {
  if (configured > 0) return configured;
  return static_cast<int>(std::max(16u, 8 * std::max(1u, std::thread::hardware_concurrency())));
}

Server::Server(ServerOptions options, Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {
  router.set_exception_hook([](const Request& request, const char* what) {
    LogEvent("handler_exception")
        .field("request_id", request.request_id)
        .field("route", request.route)
        .field("error", loggable_exception(what))
        .error();
  });
}

Server::~Server() {
  impl_->stop();
  std::unique_lock lock(impl_->mutex);
  impl_->changed.wait(lock, [this] { return !impl_->running; });
}

Result<void> Server::listen() {
  Impl& s = *impl_;
  const auto& o = s.options;
  if (o.tls_certificate_file.empty() != o.tls_key_file.empty()) {
    return fail("tls_error", "TLS needs both tls_certificate and tls_key (PEM files), or neither.");
  }
  if (!o.tls_certificate_file.empty()) {
    ssl::context context(ssl::context::tls_server);
    context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                        ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    error_code ec;
    context.use_certificate_chain_file(o.tls_certificate_file, ec);
    if (ec) return fail("tls_error", "Cannot read the TLS certificate " + o.tls_certificate_file + ": " + ec.message());
    context.use_private_key_file(o.tls_key_file, ssl::context::pem, ec);
    if (ec) return fail("tls_error", "Cannot read the TLS key " + o.tls_key_file + ": " + ec.message());
    s.tls.emplace(std::move(context));
    s.tls_enabled = true;
  }
  auto proxies = TrustedProxies::parse(o.trusted_proxies);
  if (!proxies) return tl::unexpected(proxies.error());
  s.trusted_proxies = std::move(*proxies);

  error_code ec;
  auto address = net::ip::make_address(o.host == "localhost" ? std::string("127.0.0.1") : o.host, ec);
  if (ec) return fail("invalid_address", "'" + o.host + "' is not an IP address to listen on.");
  tcp::endpoint endpoint(address, o.port);
  std::string where = fmt::format("{}:{}", o.host, o.port);
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (ec == net::error::address_in_use) return fail("address_in_use", "The address " + where + " is already in use.");
  if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return fail("invalid_address", "Cannot listen on " + where + ": " + ec.message());
  s.bound_port = s.acceptor.local_endpoint().port();
  return {};
}

std::uint16_t Server::port() const { return impl_->bound_port; }

std::string Server::url() const {
  std::string host = impl_->options.host;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return fmt::format("{}://{}:{}", impl_->tls_enabled ? "https" : "http", host, impl_->bound_port);
}

void Server::run() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->running = true;
  }
  impl_->run();
  {
    std::lock_guard lock(impl_->mutex);
    impl_->running = false;
  }
  impl_->changed.notify_all();
}

void Server::stop() { impl_->stop(); }

}  // namespace tafel::http
