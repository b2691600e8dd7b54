#include "storage/database_url.h"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace tafel::storage {
namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  return std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(a) == lower(b);
  });
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// libpq decodes %XX in URIs; secrets must be scrubbed in both spellings.
std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = s.find(separator, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

void add_secret(std::vector<std::string>& secrets, std::string_view raw) {
  if (raw.empty()) return;
  secrets.emplace_back(raw);
  std::string decoded = percent_decode(raw);
  if (decoded != raw) secrets.push_back(std::move(decoded));
}

Result<DatabaseUrl> parse_postgresql(const std::string& url) {
  DatabaseUrl parsed;
  parsed.engine = Engine::postgresql;
  parsed.conninfo = url;

  std::string_view rest(url);
  std::size_t scheme_end = rest.find("://");
  std::string_view scheme = rest.substr(0, scheme_end);
  rest.remove_prefix(scheme_end + 3);

  std::size_t query_start = rest.find('?');
  std::string_view query = query_start == std::string_view::npos ? std::string_view() : rest.substr(query_start + 1);
  std::string_view authority_and_path = rest.substr(0, query_start);
  std::size_t path_start = authority_and_path.find('/');
  std::string_view authority = authority_and_path.substr(0, path_start);
  std::string_view path = path_start == std::string_view::npos ? std::string_view() : authority_and_path.substr(path_start);

  // user[:password]@hosts: the last '@' ends the user information.
  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    std::size_t colon = userinfo.find(':');
    add_secret(parsed.secrets, userinfo.substr(0, colon));
    if (colon != std::string_view::npos) add_secret(parsed.secrets, userinfo.substr(colon + 1));
    authority.remove_prefix(at + 1);
  }

  std::string kept_query;
  if (!query.empty()) {
    for (std::string_view pair : split(query, '&')) {
      std::size_t eq = pair.find('=');
      std::string_view key = pair.substr(0, eq);
      std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
      if (key == "user" || key == "password" || key == "sslpassword") {
        add_secret(parsed.secrets, value);
      } else if (key == "host" || key == "port" || key == "dbname" || key == "hostaddr") {
        kept_query += kept_query.empty() ? "?" : "&";
        kept_query += pair;
      }
    }
  }
  parsed.display = std::string(scheme) + "://" + std::string(authority) + std::string(path) + kept_query;
  // The longest first, so that a password containing the user name is scrubbed whole.
  std::sort(parsed.secrets.begin(), parsed.secrets.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return parsed;
}

Result<DatabaseUrl> parse_sqlite(std::string_view url) {
  DatabaseUrl parsed;
  parsed.engine = Engine::sqlite;
  if (starts_with_ci(url, "sqlite:")) {
    url.remove_prefix(7);
    // Accept sqlite:///abs/path and sqlite://rel/path as well as sqlite:path.
    if (url.substr(0, 2) == "//") url.remove_prefix(2);
  }
  std::size_t query_start = url.find('?');
  std::string_view path = url.substr(0, query_start);
  if (path.empty()) return fail("invalid_database_url", "the SQLite database URL names no file");
  if (path == ":memory:" || path.substr(0, 5) == "file:") {
    return fail("invalid_database_url",
                "an in-memory or file: URI SQLite database is not supported: give a file path");
  }
  parsed.sqlite_path = std::string(path);
  parsed.display = parsed.sqlite_path;
  if (query_start == std::string_view::npos) return parsed;

  for (std::string_view pair : split(url.substr(query_start + 1), '&')) {
    std::size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (key == "synchronous") {
      if (value == "normal" || value == "NORMAL") {
        parsed.synchronous = SqliteSynchronous::normal;
      } else if (value == "full" || value == "FULL") {
        parsed.synchronous = SqliteSynchronous::full;
      } else {
        return fail("invalid_database_url", "SQLite option synchronous must be normal or full, not '" +
                                                std::string(value) + "'");
      }
    } else if (key == "busy_timeout") {
      int ms = -1;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
      if (ec != std::errc() || end != value.data() + value.size() || ms < 0) {
        return fail("invalid_database_url", "SQLite option busy_timeout must be a number of milliseconds");
      }
      parsed.busy_timeout_ms = ms;
    } else {
      return fail("invalid_database_url", "unknown SQLite option '" + std::string(key) +
                                              "' (known: synchronous, busy_timeout)");
    }
  }
  return parsed;
}

}  // namespace

Result<DatabaseUrl> parse_database_url(const std::string& url) {
  if (url.empty()) return fail("invalid_database_url", "no database given");
  if (starts_with_ci(url, "postgresql://") || starts_with_ci(url, "postgres://")) return parse_postgresql(url);
  std::size_t scheme_end = url.find("://");
  if (scheme_end != std::string::npos && !starts_with_ci(url, "sqlite:")) {
    // Only the scheme: the rest may hold credentials.
    return fail("invalid_database_url", "unsupported database URL scheme '" + url.substr(0, scheme_end) +
                                            "' (use a SQLite file path or postgresql://)");
  }
  return parse_sqlite(url);
}

std::string scrub_secrets(std::string message, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    for (std::size_t pos = message.find(secret); pos != std::string::npos; pos = message.find(secret, pos + 3)) {
      message.replace(pos, secret.size(), "***");
    }
  }
  return message;
}

}  // namespace tafel::storage
