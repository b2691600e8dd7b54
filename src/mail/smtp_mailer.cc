#include "mail/smtp_mailer.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>

#include <curl/curl.h>

namespace tafel::mail {
namespace {

constexpr std::string_view kBoundary = "tafel-part-boundary";  // '-' never occurs in base64

std::string base64(std::string_view bytes) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    std::uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                      static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  if (i < bytes.size()) {
    std::uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool plain_address(const std::string& address) {
  if (address.empty() || address.size() > 254 || address.find('@') == std::string::npos) return false;
  for (unsigned char c : address) {
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"' || c == ',') return false;
  }
  return true;
}

bool ascii_printable(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

// The subject as a header value: as is when plain ASCII and short, else RFC 2047
// encoded words of at most 75 characters, never splitting a UTF-8 character.
std::string subject_header(std::string subject) {
  std::erase_if(subject, [](char c) { return c == '\r' || c == '\n'; });
  if (ascii_printable(subject) && subject.size() <= 900) return subject;
  std::string out;
  std::size_t pos = 0;
  while (pos < subject.size()) {
    std::size_t len = std::min<std::size_t>(45, subject.size() - pos);
    while (pos + len < subject.size() && (static_cast<unsigned char>(subject[pos + len]) & 0xC0) == 0x80) --len;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(subject).substr(pos, len)) + "?=";
    pos += len;
  }
  return out;
}

std::string crlf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\r') continue;
    if (c == '\n') out += "\r\n";
    else out += c;
  }
  return out;
}

std::string rfc5322_date(std::int64_t us) {
  using namespace std::chrono;
  sys_time<microseconds> t{microseconds{us}};
  auto day = floor<days>(t);
  year_month_day ymd{day};
  weekday wd{day};
  hh_mm_ss hms{floor<seconds>(t - day)};
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02d:%02d:%02d +0000", kDays[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buffer;
}

struct Upload {
  const std::string& data;
  std::size_t offset = 0;
};

std::size_t read_payload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t room = size * count;
  std::size_t left = upload->data.size() - upload->offset;
  std::size_t n = std::min(room, left);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

std::once_flag curl_initialised;

}  // namespace

std::string base64_lines(std::string_view bytes) {
  std::string encoded = base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) {
    if (i > 0) out += "\r\n";
    out.append(encoded, i, 76);
  }
  return out;
}

Result<std::string> mime_message(const app::notify::MailMessage& m, const std::string& from, std::int64_t date_us) {
  if (!plain_address(m.to)) return fail("invalid_input", "the recipient is not a plain e-mail address");
  if (!plain_address(from)) return fail("invalid_input", "the sender is not a plain e-mail address");
  std::string id = m.message_id;
  std::erase_if(id, [](char c) { return c == '\r' || c == '\n'; });
  std::string out;
  out += "Date: " + rfc5322_date(date_us) + "\r\n";
  out += "From: " + from + "\r\n";
  out += "To: " + m.to + "\r\n";
  out += "Subject: " + subject_header(m.subject) + "\r\n";
  if (!id.empty()) out += "Message-ID: " + id + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  const std::string text_part =
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
      base64_lines(crlf(m.text)) + "\r\n";
  if (m.ics.empty()) {
    out += text_part;
    return out;
  }
  std::string method = m.ics_method == "CANCEL" ? "CANCEL" : "REQUEST";
  out += "Content-Type: multipart/mixed; boundary=\"" + std::string(kBoundary) + "\"\r\n\r\n";
  out += "--" + std::string(kBoundary) + "\r\n" + text_part;
  out += "--" + std::string(kBoundary) + "\r\n";
  out += "Content-Type: text/calendar; charset=UTF-8; method=" + method + "; name=\"invite.ics\"\r\n";
  out += "Content-Disposition: attachment; filename=\"invite.ics\"\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n";
  out += base64_lines(m.ics) + "\r\n";
  out += "--" + std::string(kBoundary) + "--\r\n";
  return out;
}

Result<std::unique_ptr<SmtpMailer>> SmtpMailer::create(SmtpSettings settings) {
  std::string url = settings.url;
  bool starttls = false;
  if (url.starts_with("smtp+starttls://")) {
    url = "smtp://" + url.substr(std::strlen("smtp+starttls://"));
    starttls = true;
  } else if (!url.starts_with("smtp://") && !url.starts_with("smtps://")) {
    return fail("invalid_config", "mail smtp_url must start with smtp://, smtps:// or smtp+starttls://");
  }
  if (url.find_first_of(" \r\n\t") != std::string::npos || url.size() <= std::strlen("smtps://")) {
    return fail("invalid_config", "mail smtp_url is not a valid URL");
  }
  if (!plain_address(settings.from)) return fail("invalid_config", "mail from must be a plain e-mail address");
  if (!settings.username.empty() && !starttls && !url.starts_with("smtps://") && !settings.allow_plaintext_auth) {
    return fail("invalid_config",
                "mail username is set but smtp_url is plain smtp://, which would send the password in clear; use "
                "smtps:// or smtp+starttls://, or set mail.allow_plaintext_auth = true for a relay on the loopback "
                "interface");
  }
  std::call_once(curl_initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::unique_ptr<SmtpMailer>(new SmtpMailer(std::move(settings), std::move(url), starttls));
}

SmtpMailer::SmtpMailer(SmtpSettings settings, std::string curl_url, bool starttls)
    : settings_(std::move(settings)), curl_url_(std::move(curl_url)), starttls_(starttls) {}

Result<void> SmtpMailer::send(const app::notify::MailMessage& message) {
  auto now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  auto payload = mime_message(message, settings_.from, now.time_since_epoch().count());
  if (!payload) return fail("mail_rejected", payload.error().message);

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return fail("mail_unavailable", "libcurl could not start a transfer");
  const std::string mail_from = "<" + settings_.from + ">";
  const std::string rcpt_to = "<" + message.to + ">";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(curl_slist_append(nullptr, rcpt_to.c_str()),
                                                                        &curl_slist_free_all);
  Upload upload{*payload};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, curl_url_.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &read_payload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings_.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout.count()));
  // With credentials, TLS is required unless plaintext authentication was allowed.
  const bool credentials = !settings_.username.empty();
  if (starttls_ || (credentials && !settings_.allow_plaintext_auth)) {
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  if (credentials) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  CURLcode code = curl_easy_perform(c);
  if (code == CURLE_OK) return {};
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  std::string reason = std::string(curl_easy_strerror(code)) + (status > 0 ? " (SMTP " + std::to_string(status) + ")" : "");
  bool refused_for_good = status >= 500 && status < 600 && code != CURLE_LOGIN_DENIED;
  return fail(refused_for_good ? "mail_rejected" : "mail_unavailable", reason);
}

}  // namespace tafel::mail
